// cleanup --state FILE [--dry-run]: terminates instances that carry the campaign's tag but
// that the journal does not account for (exec/strays.h: strays after a crash or a bug).

#include <iostream>
#include <set>

#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cloud/tags.h"
#include "exec/strays.h"

namespace cli {

int RunCleanup(const std::string& program, const Args& args) {
  CLI::App app("Find and terminate instances of a campaign that its journal does not account for.",
               program);
  std::string path;
  bool dry_run = false;
  app.add_option("--state", path, "the campaign journal")->required();
  app.add_flag("--dry-run", dry_run, "list what would be terminated, terminate nothing");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  auto journal = store::Journal::Open(path);
  if (!journal) return ReportError(program, journal.error());
  auto snapshot = journal->Load();
  if (!snapshot) return ReportError(program, snapshot.error());
  auto opened = OpenProvider(snapshot->campaign, path);
  if (!opened) return ReportError(program, opened.error());
  std::set<std::string> regions;
  for (const auto& session : snapshot->sessions) regions.insert(session.region);
  int strays = 0;
  for (const std::string& region : regions) {
    auto found =
        opened->provider->DescribeByTag(region, cloud::tag::kCampaign, snapshot->campaign.id);
    if (!found) return ReportError(program, found.error());
    std::vector<std::string> ids = exec::StrayIds(*found, snapshot->attempts);
    for (const auto& id : ids) {
      std::cout << (dry_run ? "would terminate " : "terminating ") << id << " (" << region << ")\n";
    }
    strays += static_cast<int>(ids.size());
    if (!dry_run && !ids.empty()) {
      if (auto status = opened->provider->Terminate(region, ids); !status) {
        return ReportError(program, status.error());
      }
      store::Change change;
      for (const auto& id : ids) change.events.push_back({0, "cleanup-terminated", "", id});
      if (auto status = journal->Apply(change); !status)
        return ReportError(program, status.error());
    }
  }
  std::cout << strays << " stray instance(s) " << (dry_run ? "found" : "terminated") << "\n";
  return kExitSuccess;
}

}  // namespace cli
