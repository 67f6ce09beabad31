#pragma once
// A backend as the campaign lifecycle (exec/campaign.h) sees it: its name, its flags as data
// (cli adds them generically), its facts, and how its provider is created for a new campaign
// and re-opened from the journal. A backend's settings live in one place, the journal's
// campaign row (`backend_config`, JSON); its own state file beside the journal holds only
// cloud state (instances, its clock). Adding a backend: a folder under src/cloud/ with a
// function returning its Backend, and one line in cloud/registry.cc (ARCHITECTURE.md).

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/quota_key.h"
#include "cloud/clock.h"
#include "cloud/provider.h"
#include "store/records.h"
#include "util/expected.h"

namespace cloud {

// How a flag's text is checked (one rule per kind, in backend.cc). A kList flag may be
// repeated and takes comma lists too (`--subnet a --subnet b,c`); the backend gets its items
// in the order given, joined by commas (util::SplitList reads them back).
enum class FlagKind { kText, kRate, kCount, kBool, kList };

struct BackendFlag {
  std::string name;          // "--sim-seed"
  std::string help;          // "sim: seed of the simulated cloud"
  std::string default_text;  // shown in help and used when the flag is absent; "" = none
  FlagKind kind = FlagKind::kText;
};

struct BackendFacts {
  bool billed = true;        // false: nothing is charged, prices are zeroed at creation
  bool one_machine = false;  // true: one instance at a time (concurrency 1)
  bool simulated = false;    // true: results are logistics only, never measured numbers
};

// Flag text by flag name: the flags the user gave, then (after ResolveFlags) every flag of
// the backend with its default filled in and its text checked.
using FlagValues = std::map<std::string, std::string>;

// What a new campaign's plan says that a backend may use in its settings.
struct PlanInputs {
  uint64_t seed = 0;
  double spot_price_ratio = 0;
};

// What a backend is asked before planning: the regions, the planned instance types with
// their vCPU quota classes.
struct AccountQuery {
  std::vector<std::string> regions;
  std::map<std::string, std::string> quota_class_by_type;
};

// The account's own facts, which replace the plan's assumptions: vCPU quotas per region and
// (quota class, market), and the types a region does not offer, with the reason (they are
// to be left unscheduled).
struct AccountFacts {
  std::map<std::string, std::map<catalog::QuotaKey, int>> vcpu_quotas;    // region -> key -> N
  std::map<std::string, std::map<std::string, std::string>> not_offered;  // region -> type -> why
};

// `cleanup` without a journal: the backend finds the tool's instances by their campaign tag
// (cloud/tags.h) in each region and terminates those selected: of one campaign (or all), at
// least `older_than_s` old (when given), and in any case every one whose expires-at tag has
// passed. `dry_run` lists them and terminates nothing.
struct TagCleanup {
  std::vector<std::string> regions;
  std::string campaign;                 // "" = every campaign
  std::optional<int64_t> older_than_s;  // launched at least this long ago
  bool dry_run = false;
};

struct CleanedInstance {
  std::string region;
  std::string instance_id;
  std::string campaign;
  std::string reason;  // why it was selected
  bool terminated = false;
};

// What `catalog refresh` wrote: the file's text and a count for the user.
struct CatalogRefresh {
  std::string json;
  int types = 0;
  int prices = 0;
  std::vector<std::string> skipped_families;  // types left out: no facts known for them
};

struct OpenedProvider {
  std::unique_ptr<Provider> provider;
  Clock* clock = nullptr;  // the provider's own clock; nullptr: real time
};

struct Backend {
  std::string name;
  BackendFacts facts;
  std::vector<BackendFlag> flags;
  // The backend's state beside the journal: FILE + suffix (a file or a folder).
  std::string state_suffix;
  // Resolved flags (and the campaign as imported, facts applied) to backend_config JSON.
  std::function<util::Expected<std::string>(
      const FlagValues& flags, const store::Snapshot& campaign, const PlanInputs& plan)>
      configure;
  // Creates the backend's state at `path` (it must not exist) for the campaign, whose
  // backend_config is set.
  std::function<util::Status(const std::string& path, const store::Snapshot& campaign)> create;
  // Opens the state at `path` with the settings of the campaign's backend_config.
  std::function<util::Expected<OpenedProvider>(const std::string& path,
                                               const store::Snapshot& campaign)>
      open;
  // Optional (empty for sim and local): what the account really allows, asked before
  // planning so that the plan uses it (see AccountFacts).
  std::function<util::Expected<AccountFacts>(const FlagValues& flags, const AccountQuery& query)>
      account_facts;
  // Optional (a backend whose instances outlive the controller: aws): see TagCleanup.
  std::function<util::Expected<std::vector<CleanedInstance>>(const FlagValues& flags,
                                                             const TagCleanup& request)>
      cleanup_by_tag;
  // Optional (a backend that can read a cloud's own instance types and prices: aws): a
  // user catalog file (docs/catalog.md) for the regions, and what it holds.
  std::function<util::Expected<CatalogRefresh>(const FlagValues& flags,
                                               const std::vector<std::string>& regions)>
      refresh_catalog;
};

// Checks the given flags' text by kind and fills in the defaults of the backend's flags. A
// flag of another backend is refused, naming the backend it belongs to.
util::Expected<FlagValues> ResolveFlags(const Backend& backend, const FlagValues& given,
                                        const std::vector<const Backend*>& all);

util::Expected<double> ParseRate(const std::string& flag, const std::string& text);
util::Expected<uint64_t> ParseCount(const std::string& flag, const std::string& text);
util::Expected<bool> ParseBool(const std::string& flag, const std::string& text);

// A provider clock starts ten minutes before the campaign's first window or session.
int64_t ClockStart(const store::Snapshot& campaign);

}  // namespace cloud
