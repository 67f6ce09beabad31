// cleanup --state FILE [--dry-run]: terminates instances that carry the campaign's tag but
// that the journal does not account for as running (strays after a crash or a bug).
// cleanup --region R [--region R2] [--campaign ID] [--older-than D] [--dry-run]: no journal;
// the backend (default aws) finds the tool's instances by tag (cloud::TagCleanup).

#include <iostream>

#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cli/region_flag.h"
#include "cloud/registry.h"
#include "exec/campaign.h"
#include "util/strings.h"

namespace cli {
namespace {

struct CleanupFlags {
  BackendFlags backend;
  std::vector<std::string> regions;
  std::string campaign;
  std::string older_than;
  bool dry_run = false;
};

int CleanupJournal(const std::string& program, const CleanupFlags& flags) {
  auto campaign = exec::Campaign::Open(flags.backend.state, exec::Campaign::Access::kProvider);
  if (!campaign) return ReportError(program, campaign.error());
  auto strays = campaign->Cleanup(flags.dry_run);
  if (!strays) return ReportError(program, strays.error());
  for (const exec::Stray& stray : *strays) {
    std::cout << (flags.dry_run ? "would terminate " : "terminated ") << stray.instance_id << " ("
              << stray.region << ")\n";
  }
  std::cout << strays->size() << " stray instance(s) " << (flags.dry_run ? "found" : "terminated")
            << "\n";
  return kExitSuccess;
}

// The selection flags belong to one form or the other: one line when they are mixed.
util::Status CheckForm(const CLI::App& app, const CleanupFlags& flags) {
  bool journal = !flags.backend.state.empty();
  for (const char* name : {"--region", "--campaign", "--older-than"}) {
    if (journal && app.get_option(name)->count() > 0) {
      return util::InvalidInput(std::string(name) +
                                ": not with --state (the journal names the campaign and its "
                                "regions); give --state FILE or --region R, not both");
    }
  }
  if (!journal && flags.regions.empty()) {
    return util::InvalidInput(
        "--region: cleanup needs --state FILE (the campaign's journal) or at least one --region R "
        "to search by tag (e.g. --region us-east-1)");
  }
  return {};
}

util::Expected<cloud::TagCleanup> TagRequest(const CleanupFlags& flags) {
  if (auto known = CheckKnownRegions(flags.regions); !known) return known.error();
  cloud::TagCleanup request;
  request.regions = flags.regions;
  request.campaign = flags.campaign;
  request.dry_run = flags.dry_run;
  if (!flags.older_than.empty()) {
    request.older_than_s = util::ParseDurationSeconds(flags.older_than);
    if (!request.older_than_s) {
      return util::InvalidInput("--older-than: '" + flags.older_than +
                                "' is not accepted (a duration: N followed by s, m, h or d, "
                                "e.g. 90m or 2d)");
    }
  }
  return request;
}

// The backends that can search by tag, for the error when the chosen one cannot.
std::string TagBackends() {
  std::vector<std::string> names;
  for (const cloud::Backend* backend : cloud::Backends()) {
    if (backend->cleanup_by_tag) names.push_back(backend->name);
  }
  return util::Join(names, ", ");
}

int CleanupByTag(const std::string& program, const CleanupFlags& flags) {
  auto request = TagRequest(flags);
  if (!request) return ReportError(program, request.error());
  const cloud::Backend* backend = cloud::FindBackend(flags.backend.backend);
  if (backend == nullptr || !backend->cleanup_by_tag) {
    return ReportError(program, util::InvalidInput("--backend: '" + flags.backend.backend +
                                                   "' cannot search by tag without a journal "
                                                   "(accepted: " +
                                                   TagBackends() + ")"));
  }
  auto resolved =
      cloud::ResolveFlags(*backend, GivenBackendFlags(flags.backend), cloud::Backends());
  if (!resolved) return ReportError(program, resolved.error());
  auto items = backend->cleanup_by_tag(*resolved, *request);
  if (!items) return ReportError(program, items.error());
  for (const cloud::CleanedInstance& item : *items) {
    std::cout << (item.terminated ? "terminated " : "would terminate ") << item.instance_id << " ("
              << item.region << ", campaign " << (item.campaign.empty() ? "?" : item.campaign)
              << "): " << item.reason << "\n";
  }
  std::cout << items->size() << " instance(s) " << (flags.dry_run ? "found" : "terminated")
            << " in " << util::Join(flags.regions, ", ") << "\n";
  return kExitSuccess;
}

}  // namespace

int RunCleanup(const std::string& program, const Args& args) {
  CLI::App app(
      "Terminate the tool's instances: strays of one campaign's journal (--state), or, without "
      "a journal, every instance tagged by the tool in --region (one campaign with --campaign, "
      "launched over --older-than ago), plus any whose abc:expires-at has passed.",
      program);
  CleanupFlags flags;
  AddBackendFlags(app, flags.backend, StateFlag::kOptional);
  app.add_option("--region", flags.regions, "without --state: regions to search (repeatable)")
      ->delimiter(',')
      ->type_name("REGION");
  app.add_option("--campaign", flags.campaign,
                 "without --state: only this campaign's instances [default: every campaign]");
  app.add_option("--older-than", flags.older_than,
                 "without --state: only instances launched at least this long ago (e.g. 90m, 2h, "
                 "3d)")
      ->type_name("DURATION");
  app.add_flag("--dry-run", flags.dry_run, "list what would be terminated, terminate nothing");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  if (auto form = CheckForm(app, flags); !form) return ReportError(program, form.error());
  if (!flags.backend.state.empty()) return CleanupJournal(program, flags);
  return CleanupByTag(program, flags);
}

}  // namespace cli
