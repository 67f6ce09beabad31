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
VariantFacts LookUpVariant(const std::string& variant);
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
// Money comparisons allow for the 6-decimal rounding of the plan file.
double MoneyTolerance(size_t terms);

}  // namespace plan::check
