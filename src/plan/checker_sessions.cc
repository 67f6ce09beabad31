// The checker's per-session rules (references, containment, timeline, market) and the
// money and summary rules.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "catalog/name.h"
#include "plan/checker_internal.h"

namespace plan::check {
namespace {

using std::chrono::seconds;

std::string SessionWhere(size_t index) { return "sessions[" + std::to_string(index) + "]"; }

void CheckSessionFacts(const Context& ctx, const Session& session, const std::string& where) {
  const catalog::InstanceType* type = ctx.TypeOf(session.instance_type);
  if (type == nullptr) {
    ctx.Add(Rule::kReference, where, "instance type '" + session.instance_type + "' is not in the catalog");
  } else if (type->vcpus != session.vcpus || type->quota_class != session.quota_class) {
    ctx.Add(Rule::kReference, where,
            "says " + std::to_string(session.vcpus) + " vCPUs of class '" + session.quota_class +
                "'; the catalog says " + std::to_string(type->vcpus) + " of '" + type->quota_class + "'");
  }
  const auto& regions = ctx.plan.spec.regions;
  if (std::find(regions.begin(), regions.end(), session.region) == regions.end()) {
    ctx.Add(Rule::kReference, where, "region '" + session.region + "' is not in the spec's regions");
  }
}

void CheckMarket(const Context& ctx, const Session& session, const Window& window, const std::string& where) {
  const catalog::InstanceType* type = ctx.TypeOf(session.instance_type);
  auto parsed = catalog::ParseTypeName(session.instance_type);
  std::string size = type != nullptr ? type->size : (parsed ? parsed->size : std::string());
  bool large_enough = catalog::SizeRank(size) >= catalog::SizeRank("xlarge");
  bool spot = ctx.plan.spec.enable_spot && (large_enough || window.name == "evening");
  Market expected = spot ? Market::kSpot : Market::kOnDemand;
  if (session.market != expected) {
    ctx.Add(Rule::kMarket, where, std::string("runs ") + size + " on " + ToString(session.market) + " in a " +
                                      window.name + " window; the policy says " + ToString(expected));
  }
}

// The jobs the session lists, in order, that exist and name it back.
std::vector<const Job*> SessionJobs(const Context& ctx, const Session& session, const std::string& where) {
  std::vector<const Job*> jobs;
  for (size_t k = 0; k < session.jobs.size(); ++k) {
    std::string job_where = where + ".jobs[" + std::to_string(k) + "]";
    auto it = ctx.jobs.find(session.jobs[k]);
    if (it == ctx.jobs.end()) {
      ctx.Add(Rule::kReference, job_where, "unknown job id '" + session.jobs[k] + "'");
      continue;
    }
    const Job& job = *it->second;
    if (job.session != session.id || job.region != session.region || job.instance_type != session.instance_type) {
      ctx.Add(Rule::kReference, job_where, "job '" + job.id + "' (" + job.region + " " + job.instance_type +
                                               ", session '" + job.session + "') does not match the session");
      continue;
    }
    if (job.start < session.start || job.end > session.end) {
      ctx.Add(Rule::kContainment, job_where, "job '" + job.id + "' runs " + Utc(job.start) + " .. " +
                                                 Utc(job.end) + ", outside its session");
    }
    jobs.push_back(&job);
  }
  if (session.jobs.empty()) ctx.Add(Rule::kSessionTimeline, where, "a session without jobs");
  return jobs;
}

void CheckTimeline(const Context& ctx, const Session& session, const std::vector<const Job*>& jobs,
                   const std::string& where) {
  const CostModel& cost = ctx.plan.spec.cost;
  for (size_t k = 0; k < jobs.size(); ++k) {
    const Job& job = *jobs[k];
    if ((job.end - job.start).count() != job.estimated_duration_s) {
      ctx.Add(Rule::kSessionTimeline, where, "job '" + job.id + "' lasts " + std::to_string((job.end - job.start).count()) +
                                                 " s but is estimated at " + std::to_string(job.estimated_duration_s) + " s");
    }
    if (k == 0 && job.start - session.start < seconds(cost.boot_overhead_s)) {
      ctx.Add(Rule::kSessionTimeline, where, "first job '" + job.id + "' starts before the instance has booted (" +
                                                 std::to_string(cost.boot_overhead_s) + " s)");
    }
    if (k > 0 && job.start != jobs[k - 1]->end) {
      ctx.Add(Rule::kSessionTimeline, where, "job '" + job.id + "' starts at " + Utc(job.start) +
                                                 ", not back to back after '" + jobs[k - 1]->id + "' (" +
                                                 Utc(jobs[k - 1]->end) + ")");
    }
  }
  if (jobs.size() > 1 && jobs.back()->end - jobs.front()->start > seconds(cost.max_session_s)) {
    ctx.Add(Rule::kSessionTimeline, where, "its jobs run " + std::to_string((jobs.back()->end - jobs.front()->start).count()) +
                                               " s back to back, over the cap of " + std::to_string(cost.max_session_s) + " s");
  }
}

double OnDemandFloor(const Context& ctx, const Session& session, const std::string& where) {
  const catalog::InstanceType* type = ctx.TypeOf(session.instance_type);
  if (type == nullptr) return 0;
  const catalog::Price* price = type->OnDemandPrice(session.region);
  if (price == nullptr) {
    ctx.Add(Rule::kReference, where, session.instance_type + " has no on-demand price in " + session.region +
                                         "; it cannot be costed, so it must not be scheduled");
    return 0;
  }
  const CostModel& cost = ctx.plan.spec.cost;
  double factor = session.market == Market::kSpot ? cost.spot_price_ratio : 1.0;
  double billed = static_cast<double>(std::max<int64_t>((session.end - session.start).count(), cost.minimum_billing_s));
  return price->usd_per_hour * factor * billed / 3600.0;
}

double CheckSessionMoney(const Context& ctx, const Session& session, const std::string& where) {
  double sum = 0;
  for (const std::string& id : session.jobs) {
    auto it = ctx.jobs.find(id);
    if (it != ctx.jobs.end() && it->second->session == session.id) sum += it->second->estimated_cost_usd;
  }
  if (std::fabs(sum - session.estimated_cost_usd) > MoneyTolerance(session.jobs.size())) {
    ctx.Add(Rule::kSessionCost, where, "costs " + std::to_string(session.estimated_cost_usd) +
                                           " USD but its jobs add up to " + std::to_string(sum));
  }
  double floor = OnDemandFloor(ctx, session, where);
  if (session.estimated_cost_usd + MoneyTolerance(1) < floor) {
    ctx.Add(Rule::kSessionCost, where, "costs " + std::to_string(session.estimated_cost_usd) +
                                           " USD, less than the instance price alone (" + std::to_string(floor) + ")");
  }
  return session.estimated_cost_usd;
}

}  // namespace

void CheckSessions(const Context& ctx) {
  std::map<std::string, int> listed;
  for (size_t i = 0; i < ctx.plan.sessions.size(); ++i) {
    const Session& session = ctx.plan.sessions[i];
    std::string where = SessionWhere(i);
    for (const std::string& id : session.jobs) ++listed[id];
    CheckSessionFacts(ctx, session, where);
    const Window* window = ctx.WindowOf(session);
    if (window == nullptr || window->region != session.region) {
      ctx.Add(Rule::kReference, where, "window '" + session.window + "' is unknown or in another region");
    } else {
      if (session.start < window->start || session.end > window->end || session.end <= session.start) {
        ctx.Add(Rule::kContainment, where, "runs " + Utc(session.start) + " .. " + Utc(session.end) +
                                               ", outside its window " + Utc(window->start) + " .. " + Utc(window->end));
      }
      CheckMarket(ctx, session, *window, where);
    }
    CheckTimeline(ctx, session, SessionJobs(ctx, session, where), where);
  }
  for (size_t i = 0; i < ctx.plan.jobs.size(); ++i) {
    const Job& job = ctx.plan.jobs[i];
    std::string where = "jobs[" + std::to_string(i) + "]";
    if (ctx.sessions.count(job.session) == 0 || listed[job.id] != 1) {
      ctx.Add(Rule::kReference, where, "job '" + job.id + "' is listed " + std::to_string(listed[job.id]) +
                                           " times by sessions; its session is '" + job.session + "'");
    }
    if (job.prefer_spot && !ctx.plan.spec.enable_spot) {
      ctx.Add(Rule::kMarket, where, "prefers spot although spot is disabled");
    }
  }
}

namespace {

void CheckCounts(const Context& ctx) {
  const Plan& plan = ctx.plan;
  auto check = [&](const char* field, int64_t claimed, size_t actual) {
    if (claimed < 0 || static_cast<size_t>(claimed) != actual) {
      ctx.Add(Rule::kSummary, std::string("summary.") + field,
              "is " + std::to_string(claimed) + ", the lists say " + std::to_string(actual));
    }
  };
  check("jobs_total", plan.summary.jobs_total, plan.jobs.size() + plan.unscheduled.size());
  check("jobs_scheduled", plan.summary.jobs_scheduled, plan.jobs.size());
  check("sessions", plan.summary.sessions, plan.sessions.size());
}

void CheckDaysAndFocus(const Context& ctx) {
  const Plan& plan = ctx.plan;
  std::map<std::string, std::set<util::LocalDays>> days_by_region;
  size_t in_focus = 0;
  for (const Job& job : plan.jobs) {
    std::string zone = ctx.ZoneOf(job.region);
    if (!zone.empty()) days_by_region[job.region].insert(util::LocalDay(job.start, zone));
    auto session = ctx.sessions.find(job.session);
    const Window* window = session == ctx.sessions.end() ? nullptr : ctx.WindowOf(*session->second);
    VariantFacts variant = LookUpVariant(job.benchmark);
    if (window != nullptr && variant.known &&
        std::find(window->focus.begin(), window->focus.end(), variant.category) != window->focus.end()) {
      ++in_focus;
    }
  }
  size_t fewest = 0;
  for (const auto& [region, days] : days_by_region) fewest = std::max(fewest, days.size());
  int days_used = plan.summary.days_used;
  bool ok = plan.jobs.empty() ? days_used == 0
                              : days_used >= static_cast<int64_t>(fewest) && days_used <= plan.spec.days;
  if (!ok) {
    ctx.Add(Rule::kSummary, "summary.days_used", "is " + std::to_string(days_used) + "; jobs fall on " +
                                                     std::to_string(fewest) + " days of one region, the campaign has " +
                                                     std::to_string(plan.spec.days));
  }
  double share = plan.jobs.empty() ? 0.0 : static_cast<double>(in_focus) / static_cast<double>(plan.jobs.size());
  if (std::fabs(share - plan.summary.focus_share) > 1e-6) {
    ctx.Add(Rule::kSummary, "summary.focus_share", "is " + std::to_string(plan.summary.focus_share) +
                                                       "; " + std::to_string(in_focus) + " of " +
                                                       std::to_string(plan.jobs.size()) + " jobs run in a window of their focus");
  }
}

}  // namespace

void CheckCosts(const Context& ctx) {
  const Plan& plan = ctx.plan;
  double total = 0;
  bool any_spot = false;
  for (size_t i = 0; i < plan.sessions.size(); ++i) {
    total += CheckSessionMoney(ctx, plan.sessions[i], SessionWhere(i));
    any_spot = any_spot || plan.sessions[i].market == Market::kSpot;
  }
  const Summary& summary = plan.summary;
  double tolerance = MoneyTolerance(plan.sessions.size());
  if (std::fabs(summary.estimated_cost_usd - total) > tolerance) {
    ctx.Add(Rule::kSummary, "summary.estimated_cost_usd", "is " + std::to_string(summary.estimated_cost_usd) +
                                                              "; the sessions add up to " + std::to_string(total));
  }
  bool on_demand_ok = any_spot ? summary.estimated_cost_on_demand_usd + tolerance >= summary.estimated_cost_usd
                               : std::fabs(summary.estimated_cost_on_demand_usd - summary.estimated_cost_usd) <= tolerance;
  if (!on_demand_ok) {
    ctx.Add(Rule::kSummary, "summary.estimated_cost_on_demand_usd",
            "is " + std::to_string(summary.estimated_cost_on_demand_usd) + " against an estimate of " +
                std::to_string(summary.estimated_cost_usd) + (any_spot ? " with spot" : " with no spot session"));
  }
  if (plan.unscheduled.empty() && summary.cost_lower_bound_usd > summary.estimated_cost_usd + tolerance) {
    ctx.Add(Rule::kSummary, "summary.cost_lower_bound_usd", "is above the estimate of a plan that schedules every job");
  }
  if (plan.spec.max_cost_usd && std::max(total, summary.estimated_cost_usd) > *plan.spec.max_cost_usd + tolerance) {
    ctx.Add(Rule::kBudget, "plan", "costs " + std::to_string(std::max(total, summary.estimated_cost_usd)) +
                                       " USD, over --max-cost " + std::to_string(*plan.spec.max_cost_usd));
  }
  CheckCounts(ctx);
  CheckDaysAndFocus(ctx);
}

}  // namespace plan::check
