// cleanup --state FILE [--dry-run]: terminates instances that carry the campaign's tag but
// that the journal does not account for as running (strays after a crash or a bug).

#include <iostream>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "exec/campaign.h"

namespace cli {

int RunCleanup(const std::string& program, const Args& args) {
  CLI::App app("Find and terminate instances of a campaign that its journal does not account for.",
               program);
  std::string path;
  bool dry_run = false;
  app.add_option("--state", path, "the campaign journal")->required();
  app.add_flag("--dry-run", dry_run, "list what would be terminated, terminate nothing");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  auto campaign = exec::Campaign::Open(path, exec::Campaign::Access::kProvider);
  if (!campaign) return ReportError(program, campaign.error());
  auto strays = campaign->Cleanup(dry_run);
  if (!strays) return ReportError(program, strays.error());
  for (const exec::Stray& stray : *strays) {
    std::cout << (dry_run ? "would terminate " : "terminated ") << stray.instance_id << " ("
              << stray.region << ")\n";
  }
  std::cout << strays->size() << " stray instance(s) " << (dry_run ? "found" : "terminated")
            << "\n";
  return kExitSuccess;
}

}  // namespace cli
