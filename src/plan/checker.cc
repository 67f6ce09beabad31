#include "plan/checker.h"

#include <set>
#include "plan/checker_internal.h"
#include "util/time.h"

namespace plan {

const char* ToString(Rule rule) {
  switch (rule) {
    case Rule::kReference:
      return "reference";
    case Rule::kDailyCap:
      return "daily-cap";
    case Rule::kWindowCap:
      return "window-cap";
    case Rule::kConcurrency:
      return "concurrency";
    case Rule::kQuota:
      return "vcpu-quota";
    case Rule::kContainment:
      return "containment";
    case Rule::kSessionTimeline:
      return "session-timeline";
    case Rule::kWindowBounds:
      return "window-bounds";
    case Rule::kBudget:
      return "budget";
    case Rule::kWaves:
      return "size-waves";
    case Rule::kSameTypeOverlap:
      return "same-type-overlap";
    case Rule::kMarket:
      return "market";
    case Rule::kVariant:
      return "variant";
    case Rule::kAccounting:
      return "accounting";
    case Rule::kUnscheduled:
      return "unscheduled";
    case Rule::kSessionCost:
      return "session-cost";
    case Rule::kSummary:
      return "summary";
  }
  return "unknown";
}

namespace check {

std::string Context::ZoneOf(const std::string& region) const {
  auto it = zones.find(region);
  return it == zones.end() ? std::string() : it->second;
}

const Window* Context::WindowOf(const Session& session) const {
  auto it = windows.find(session.window);
  return it == windows.end() ? nullptr : it->second;
}

std::string Utc(util::TimePoint instant) { return util::FormatIso8601Utc(instant); }

double MoneyTolerance(size_t terms) { return 1e-6 * static_cast<double>(terms + 1); }

std::optional<int> QuotaOf(const Spec& spec, const QuotaKey& key) {
  auto it = spec.vcpu_quotas.find(key);
  if (it != spec.vcpu_quotas.end()) return it->second;
  return DocumentedDefaultQuota(key.quota_class);
}

namespace {

std::map<std::string, std::string> ResolveZones(const Plan& plan, const catalog::Catalog& catalog) {
  std::set<std::string> regions(plan.spec.regions.begin(), plan.spec.regions.end());
  for (const Window& window : plan.windows) regions.insert(window.region);
  for (const Session& session : plan.sessions) regions.insert(session.region);
  for (const Job& job : plan.jobs) regions.insert(job.region);
  std::map<std::string, std::string> zones;
  for (const std::string& region : regions) {
    std::string zone;
    if (plan.spec.timezone) {
      zone = *plan.spec.timezone;
    } else if (const catalog::RegionInfo* info = catalog.Region(region)) {
      zone = info->timezone;
    }
    if (!zone.empty() && util::CheckTimeZone(zone)) zones[region] = zone;
  }
  return zones;
}

}  // namespace
}  // namespace check

std::vector<Violation> CheckPlan(const Plan& plan, const catalog::Catalog& catalog) {
  std::vector<Violation> violations;
  check::Context ctx{plan, catalog, violations, {}, {}, {}, check::ResolveZones(plan, catalog)};
  for (const Window& window : plan.windows) ctx.windows.emplace(window.id, &window);
  for (const Session& session : plan.sessions) ctx.sessions.emplace(session.id, &session);
  for (const Job& job : plan.jobs) ctx.jobs.emplace(job.id, &job);
  check::CheckWindows(ctx);
  check::CheckCaps(ctx);
  check::CheckOverlaps(ctx);
  check::CheckSessions(ctx);
  check::CheckAccounting(ctx);
  check::CheckCosts(ctx);
  return violations;
}

std::string FormatViolations(const std::vector<Violation>& violations) {
  std::string text;
  for (const Violation& violation : violations) {
    text += std::string(ToString(violation.rule)) + " at " + violation.where + ": " +
            violation.message + "\n";
  }
  return text;
}

}  // namespace plan
