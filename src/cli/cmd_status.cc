// status --state FILE [--watch] [--json]: progress of a campaign, read from its journal.

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cli/status_text.h"
#include "exec/campaign.h"
#include "exec/progress.h"
#include "util/strings.h"

namespace cli {
namespace {

bool Running(const exec::State& state) {
  return state.campaign.status == store::CampaignStatus::kRunning ||
         state.campaign.status == store::CampaignStatus::kPending;
}

}  // namespace

int RunStatus(const std::string& program, const Args& args) {
  CLI::App app("Show a campaign's progress: jobs by state, percent done, ETA, spend.", program);
  std::string path;
  bool watch = false;
  bool json = false;
  std::string interval = "2";
  app.add_option("--state", path, "the campaign journal")->required();
  app.add_flag("--watch", watch, "redraw until the campaign is no longer running");
  app.add_flag("--json", json, "print JSON");
  app.add_option("--interval", interval, "seconds between redraws with --watch [default: 2]");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  auto seconds = util::ParseDouble(interval);
  if (!seconds || *seconds <= 0) {
    return ReportError(program, util::InvalidInput("--interval: '" + interval +
                                                   "' is not accepted (a number of seconds > 0)"));
  }
  auto campaign = exec::Campaign::Open(path, exec::Campaign::Access::kJournal);
  if (!campaign) return ReportError(program, campaign.error());
  bool tty = ::isatty(STDOUT_FILENO) != 0;
  for (bool first = true;; first = false) {
    if (!first) {
      if (auto reloaded = campaign->Reload(); !reloaded) {
        return ReportError(program, reloaded.error());
      }
    }
    exec::State state = exec::State::FromSnapshot(campaign->snapshot());
    exec::Progress progress = exec::ComputeProgress(state);
    if (json) {
      std::cout << exec::ProgressJson(progress, exec::ComputeSummary(state), campaign->simulated())
                << "\n";
    } else if (watch && tty) {
      std::cout << "\r\033[K" << exec::FormatProgressBar(progress, 30) << std::flush;
    } else {
      std::cout << FormatStatusHeading(state.campaign.id, store::ToString(state.campaign.status),
                                       campaign->backend().name, campaign->simulated())
                << "\n"
                << exec::FormatProgressLine(progress) << "\n";
    }
    if (!watch || !Running(state)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int64_t>(*seconds * 1000)));
  }
  if (watch && tty && !json) std::cout << "\n";
  return kExitSuccess;
}

}  // namespace cli
