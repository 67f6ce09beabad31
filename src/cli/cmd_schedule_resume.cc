// schedule resume --state FILE: carries on a campaign after a crash, a signal or a stop.

#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/flags.h"

namespace cli {

int RunScheduleResume(const std::string& program, const Args& args) {
  CLI::App app(
      "Resume a campaign from its journal: reconciles with the provider by the\n"
      "campaign tag, then carries on where the journal left off.",
      program);
  std::string state;
  app.add_option("--state", state, "the campaign journal")->required();
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  InstallSignalHandlers();
  auto campaign = exec::Campaign::Open(state, exec::Campaign::Access::kProvider);
  if (!campaign) return ReportError(program, campaign.error());
  return RunCampaign(program, *campaign);
}

}  // namespace cli
