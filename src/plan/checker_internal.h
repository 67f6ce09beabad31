#pragma once
// Shared state of the checker's passes (checker*.cc). Internal to plan/.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "plan/checker.h"
#include "plan/model.h"

namespace plan::check {

struct Context {
  const Plan& plan;
  const catalog::Catalog& catalog;
  std::vector<Violation>& out;
  std::map<std::string, const Window*> windows;
  std::map<std::string, const Session*> sessions;
  std::map<std::string, const Job*> jobs;
  std::map<std::string, std::string> zones;  // region -> IANA zone of its windows

  void Add(Rule rule, std::string where, std::string message) const {
    out.push_back(Violation{rule, std::move(where), std::move(message)});
  }
  // The zone the region's windows and calendar days are in; empty when unknown.
  std::string ZoneOf(const std::string& region) const;
  const Window* WindowOf(const Session& session) const;
  const catalog::InstanceType* TypeOf(const std::string& name) const { return catalog.Find(name); }
};

// The category of a variant for focus windows, and whether it applies to a type.
struct VariantFacts {
  bool known = false;
  std::string family;  // "stream", "hpl", "micro"
  Category category = Category::kMemory;
};
// A custom benchmark is looked up in the plan's own suites (spec.suites).
VariantFacts LookUpVariant(const Spec& spec, const std::string& variant);
bool VariantApplies(const std::string& variant, const catalog::InstanceType& type);
std::vector<std::string> AllVariants();

// Passes, each adding to ctx.out.
void CheckWindows(const Context& ctx);     // kWindowBounds
void CheckCaps(const Context& ctx);        // kDailyCap, kWindowCap
void CheckOverlaps(const Context& ctx);    // kConcurrency, kQuota, kWaves, kSameTypeOverlap
void CheckSessions(const Context& ctx);    // kReference, kContainment, kSessionTimeline, kMarket
void CheckAccounting(const Context& ctx);  // kAccounting, kVariant, kUnscheduled
void CheckCosts(const Context& ctx);       // kSessionCost, kBudget, kSummary

std::string Utc(util::TimePoint instant);
// The vCPU quota for `key`: --vcpu-quota when given, else the documented default; nothing
// when neither is known (the rule is then not checked for that key).
std::optional<int> QuotaOf(const Spec& spec, const QuotaKey& key);
// The checker's own time, size and quota rules (checker_rules.cc), independent of the
// scheduler's. The first UTC instant whose wall clock in `zone` reads `local` or later: the
// first of two for a time the fall-back change repeats, the end of the gap for one the
// spring-forward change skips.
util::TimePoint FirstInstantAtOrAfter(util::LocalTime local, const std::string& zone);
util::LocalDays CalendarDay(util::TimePoint instant, const std::string& zone);
int WaveOfSize(const std::string& size);  // 1 large and smaller, 2 xlarge, 3 2xlarge, 4 larger
bool SpotSized(const std::string& size);  // xlarge and larger
int DocumentedDefaultQuota(const std::string& quota_class);
// The UTC bounds of the window named `slot` ("morning", ...) on local `day` in `zone`.
std::optional<std::pair<util::TimePoint, util::TimePoint>> WindowBounds(const std::string& slot,
                                                                        util::LocalDays day,
                                                                        const std::string& zone);
// Money comparisons allow for the 6-decimal rounding of the plan file.
double MoneyTolerance(size_t terms);

}  // namespace plan::check
