#include "exec/campaign.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>

#include "cloud/registry.h"
#include "cloud/tags.h"
#include "exec/campaign_import.h"
#include "exec/crash_hook.h"
#include "exec/retry.h"
#include "exec/strays.h"
#include "plan/spec_json.h"
#include "store/sha256.h"
#include "util/files.h"
#include "util/strings.h"

namespace exec {
namespace {

namespace fs = std::filesystem;

int64_t WallNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
      .time_since_epoch()
      .count();
}

std::string NewCampaignId(const std::string& plan_json) {
  std::random_device device;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%08x", device());
  return "c" + store::Sha256Hex(plan_json).substr(0, 8) + "-" + suffix;
}

std::string Usd(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "$%.2f", value);
  return text;
}

util::Expected<const cloud::Backend*> FindBackend(const std::string& name) {
  if (const cloud::Backend* backend = cloud::FindBackend(name)) return backend;
  std::vector<std::string> names;
  for (const cloud::Backend* b : cloud::Backends()) names.push_back(b->name);
  return util::InvalidInput("--backend: '" + name + "' is not accepted (accepted: " +
                            cloud::BackendNames() + ")" + util::DidYouMean(name, names));
}

util::Status CheckNewState(const std::string& state, const std::string& beside) {
  if (fs::exists(state) || fs::exists(beside)) {
    return util::InvalidInput("--state: '" + state +
                              "' already exists (resume it with 'schedule resume --state " + state +
                              "' or choose a new file)");
  }
  if (auto writable = util::CheckWritable(state); !writable) {
    return util::InvalidInput("--state: " + writable.error().message);
  }
  return {};
}

// A file or folder under its temporary name, with SQLite's companions.
void RemoveCreating(const std::string& path) {
  std::error_code ignored;
  std::string creating = CreatingPath(path);
  for (const char* companion : {"", "-wal", "-shm", "-journal"}) {
    fs::remove_all(creating + companion, ignored);
  }
}

util::Status RenameIntoPlace(const std::string& path) {
  std::error_code error;
  fs::rename(CreatingPath(path), path, error);
  if (error) {
    return util::MakeError(util::ErrorClass::kIo, "cannot rename '" + CreatingPath(path) +
                                                      "' to '" + path + "': " + error.message());
  }
  return {};
}

// The backend's facts applied to the campaign as imported (docs/execution.md, "Backends").
util::Status ApplyFacts(const cloud::Backend& backend, store::Snapshot& snapshot, Notes& notes) {
  store::CampaignRow& c = snapshot.campaign;
  if (backend.facts.one_machine) {
    notes.push_back(
        "backend " + backend.name + ": one machine, one agent at a time (concurrency 1" +
        (c.max_concurrent != 1 ? ", the plan has " + std::to_string(c.max_concurrent) + ")" : ")"));
    c.max_concurrent = 1;
  }
  if (!backend.facts.billed) {
    for (auto& session : snapshot.sessions) {
      session.on_demand_usd_per_hour = 0;
      session.extras_usd_per_hour = 0;
    }
    notes.push_back("backend " + backend.name + ": nothing is billed (cost $0.00; the plan's " +
                    "estimate " + Usd(c.estimated_cost_usd) + " is kept for comparison)");
    if (c.max_cost_usd) {
      // With no spend, the run-time gate cannot close: the budget is checked here, once.
      if (c.estimated_cost_usd > *c.max_cost_usd) {
        return util::InvalidInput("--max-cost: the plan's estimate " + Usd(c.estimated_cost_usd) +
                                  " exceeds " + Usd(*c.max_cost_usd));
      }
      notes.push_back("budget: --max-cost " + Usd(*c.max_cost_usd) +
                      " checked against the plan's estimate " + Usd(c.estimated_cost_usd) +
                      " (nothing is billed on " + backend.name + ")");
    }
  }
  return {};
}

// Writes both files under their temporary names; removes them on failure.
util::Status WriteCreating(const cloud::Backend& backend, const std::string& state,
                           const store::Snapshot& snapshot) {
  std::string beside = state + backend.state_suffix;
  RemoveCreating(state);
  RemoveCreating(beside);
  util::Status status = backend.create(CreatingPath(beside), snapshot);
  if (status) {
    auto journal = store::Journal::Create(CreatingPath(state), snapshot);
    if (!journal) status = journal.error();
  }  // the journal is closed here: SQLite's files must not move while open
  if (!status) {
    RemoveCreating(state);
    RemoveCreating(beside);
  }
  return status;
}

// The exact files to delete: the journal and whichever backend state sits beside it.
std::string NoCampaignRemedy(const std::string& state) {
  std::string files = "'" + state + "'";
  for (const cloud::Backend* backend : cloud::Backends()) {
    std::string beside = state + backend->state_suffix;
    if (fs::exists(beside)) files += " and '" + beside + "'";
  }
  return "delete " + files + ", then run the command that creates the campaign again";
}

}  // namespace

std::string CreatingPath(const std::string& path) { return path + ".creating"; }

util::Expected<Campaign> Campaign::Create(const plan::Plan& plan, const std::string& plan_json,
                                          const NewCampaign& request, Notes& notes) {
  auto backend = FindBackend(request.backend);
  if (!backend) return backend.error();
  auto flags = cloud::ResolveFlags(**backend, request.backend_flags, cloud::Backends());
  if (!flags) return flags.error();
  std::string beside = request.state + (*backend)->state_suffix;
  if (auto status = CheckNewState(request.state, beside); !status) return status.error();
  // The spec on its own (the custom suites' home at launch time, exec/launch.cc SuitesFor).
  CampaignSource source{NewCampaignId(plan_json),       request.backend, "",
                        plan::WriteSpecJson(plan.spec), plan_json,       WallNow()};
  auto snapshot = ImportPlan(plan, source);
  if (!snapshot) return snapshot.error();
  if (auto status = ApplyFacts(**backend, *snapshot, notes); !status) return status.error();
  auto config = (*backend)->configure(
      *flags, *snapshot, cloud::PlanInputs{plan.spec.seed, plan.spec.cost.spot_price_ratio});
  if (!config) return config.error();
  snapshot->campaign.backend_config = *config;
  if (auto status = WriteCreating(**backend, request.state, *snapshot); !status) {
    return status.error();
  }
  CrashPoint("before-rename");
  // The journal first: once it is in place the campaign exists, and Open finishes the
  // backend's rename if a kill comes in between.
  if (auto status = RenameIntoPlace(request.state); !status) return status.error();
  if (auto status = RenameIntoPlace(beside); !status) return status.error();
  return Open(request.state, Access::kProvider);
}

util::Expected<Campaign> Campaign::Open(const std::string& state, Access access) {
  if (!fs::exists(state) && fs::exists(CreatingPath(state))) {
    return util::InvalidInput(
        "state file '" + state + "' does not exist: its creation was " +
        "interrupted before the campaign was complete (only '" + CreatingPath(state) +
        "' is there); run the command that creates it again, which " + "removes the leftover");
  }
  auto journal = store::Journal::Open(state);
  if (!journal) {
    if (journal.error().code != store::kNoCampaignCode) return journal.error();
    return util::InvalidInput(journal.error().message + "; " + NoCampaignRemedy(state));
  }
  auto snapshot = journal->Load();
  if (!snapshot) return snapshot.error();
  const cloud::Backend* backend = cloud::FindBackend(snapshot->campaign.backend);
  if (backend == nullptr) {
    return util::InvalidInput(
        "state file '" + state + "': backend '" + snapshot->campaign.backend +
        "' is not available in this build (accepted: " + cloud::BackendNames() + ")");
  }
  // FULL durability protects a launch intent against a power loss only when the cloud
  // outlives this machine. A simulated cloud keeps its state on the same disk (with NORMAL),
  // so a power loss rolls both back alike: FULL would cost an fsync per state change for no
  // guarantee (docs/journal.md, "Durability").
  if (auto status =
          journal->SetDurability(backend->facts.simulated ? store::Durability::kProcessCrash
                                                          : store::Durability::kPowerLoss);
      !status) {
    return status.error();
  }
  Campaign campaign;
  campaign.path_ = state;
  campaign.backend_ = backend;
  campaign.journal_ = std::make_unique<store::Journal>(std::move(*journal));
  campaign.snapshot_ = std::move(*snapshot);
  campaign.real_clock_ = std::make_unique<cloud::RealClock>();
  if (access == Access::kJournal) return campaign;
  std::string beside = state + backend->state_suffix;
  if (!fs::exists(beside) && fs::exists(CreatingPath(beside))) {
    if (auto status = RenameIntoPlace(beside); !status) return status.error();
  }
  auto provider = backend->open(beside, campaign.snapshot_);
  if (!provider) return provider.error();
  campaign.provider_ = std::move(*provider);
  return campaign;
}

util::Status Campaign::Reload() {
  auto snapshot = journal_->Load();
  if (!snapshot) return snapshot.error();
  snapshot_ = std::move(*snapshot);
  return {};
}

util::Expected<RunOutcome> Campaign::Run(const Options& options) {
  cloud::Clock& clock = provider_.clock ? *provider_.clock : *real_clock_;
  executor_ = std::make_unique<Executor>(*journal_, *provider_.provider, clock, options);
  return executor_->Run();
}

util::Expected<std::vector<Stray>> Campaign::Cleanup(bool dry_run) {
  cloud::Clock& clock = provider_.clock ? *provider_.clock : *real_clock_;
  cloud::Provider& provider = *provider_.provider;
  const std::string& id = snapshot_.campaign.id;
  std::set<std::string> regions;
  for (const auto& session : snapshot_.sessions) regions.insert(session.region);
  std::vector<Stray> strays;
  for (const std::string& region : regions) {
    auto found = CallWithRetry(clock, "cleanup/describe/" + region, [&] {
      return provider.DescribeByTag(region, cloud::tag::kCampaign, id);
    });
    if (!found) return found.error();
    std::vector<std::string> ids = StrayIds(*found, snapshot_.attempts);
    for (const auto& instance : ids) strays.push_back({region, instance});
    if (dry_run || ids.empty()) continue;
    auto terminated = CallWithRetry(clock, "cleanup/terminate/" + region,
                                    [&] { return provider.Terminate(region, ids); });
    if (!terminated) return terminated.error();
    store::Change change;
    for (const auto& instance : ids)
      change.events.push_back({0, "cleanup-terminated", "", instance});
    if (auto status = journal_->Apply(change); !status) return status.error();
  }
  return strays;
}

}  // namespace exec
