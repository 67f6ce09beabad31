// The checker's per-session rules (references, containment, timeline, market) and the
// money and summary rules.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
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
    ctx.Add(Rule::kReference, where,
            "instance type '" + session.instance_type + "' is not in the catalog");
  } else if (type->vcpus != session.vcpus || type->quota_class != session.quota_class) {
    ctx.Add(Rule::kReference, where,
            "says " + std::to_string(session.vcpus) + " vCPUs of class '" + session.quota_class +
                "'; the catalog says " + std::to_string(type->vcpus) + " of '" + type->quota_class +
                "'");
  }
  const auto& regions = ctx.plan.spec.regions;
  if (std::find(regions.begin(), regions.end(), session.region) == regions.end()) {
    ctx.Add(Rule::kReference, where,
            "region '" + session.region + "' is not in the spec's regions");
  }
}

void CheckMarket(const Context& ctx, const Session& session, const Window& window,
                 const std::string& where) {
  const catalog::InstanceType* type = ctx.TypeOf(session.instance_type);
  auto parsed = catalog::ParseTypeName(session.instance_type);
  std::string size = type != nullptr ? type->size : (parsed ? parsed->size : std::string());
  bool large_enough = SpotSized(size);
  bool spot = ctx.plan.spec.enable_spot && (large_enough || window.name == "evening");
  Market expected = spot ? Market::kSpot : Market::kOnDemand;
  if (session.market != expected) {
    ctx.Add(Rule::kMarket, where,
            std::string("runs ") + size + " on " + ToString(session.market) + " in a " +
                window.name + " window; the policy says " + ToString(expected));
  }
}

// The jobs the session lists, in order, that exist and name it back.
std::vector<const Job*> SessionJobs(const Context& ctx, const Session& session,
                                    const std::string& where) {
  std::vector<const Job*> jobs;
  for (size_t k = 0; k < session.jobs.size(); ++k) {
    std::string job_where = where + ".jobs[" + std::to_string(k) + "]";
    auto it = ctx.jobs.find(session.jobs[k]);
    if (it == ctx.jobs.end()) {
      ctx.Add(Rule::kReference, job_where, "unknown job id '" + session.jobs[k] + "'");
      continue;
    }
    const Job& job = *it->second;
    if (job.session != session.id || job.region != session.region ||
        job.instance_type != session.instance_type) {
      ctx.Add(Rule::kReference, job_where,
              "job '" + job.id + "' (" + job.region + " " + job.instance_type + ", session '" +
                  job.session + "') does not match the session");
      continue;
    }
    if (job.start < session.start || job.end > session.end) {
      ctx.Add(Rule::kContainment, job_where,
              "job '" + job.id + "' runs " + Utc(job.start) + " .. " + Utc(job.end) +
                  ", outside its session");
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
      ctx.Add(Rule::kSessionTimeline, where,
              "job '" + job.id + "' lasts " + std::to_string((job.end - job.start).count()) +
                  " s but is estimated at " + std::to_string(job.estimated_duration_s) + " s");
    }
    if (k == 0 && job.start - session.start < seconds(cost.boot_overhead_s)) {
      ctx.Add(Rule::kSessionTimeline, where,
              "first job '" + job.id + "' starts before the instance has booted (" +
                  std::to_string(cost.boot_overhead_s) + " s)");
    }
    if (k > 0 && job.start != jobs[k - 1]->end) {
      ctx.Add(Rule::kSessionTimeline, where,
              "job '" + job.id + "' starts at " + Utc(job.start) + ", not back to back after '" +
                  jobs[k - 1]->id + "' (" + Utc(jobs[k - 1]->end) + ")");
    }
  }
  if (session.end - session.start > seconds(cost.max_session_s)) {
    ctx.Add(Rule::kSessionTimeline, where,
            "runs " + std::to_string((session.end - session.start).count()) +
                " s, over the session cap of " + std::to_string(cost.max_session_s) + " s");
  }
}

// Nothing when the catalog lacks the type, its price in the region or the region.
std::optional<double> PerSecond(const Context& ctx, const std::string& type_name,
                                const std::string& region, Market market) {
  const catalog::InstanceType* type = ctx.TypeOf(type_name);
  const catalog::RegionInfo* info = ctx.catalog.Region(region);
  const catalog::Price* price = type == nullptr ? nullptr : type->OnDemandPrice(region);
  if (price == nullptr || info == nullptr) return std::nullopt;
  const CostModel& cost = ctx.plan.spec.cost;
  double factor = market == Market::kSpot ? cost.spot_price_ratio : 1.0;
  double instance = price->usd_per_hour * factor / 3600.0;
  double volume = cost.root_volume_gib * info->gp3_usd_per_gb_month / (730.0 * 3600.0);
  double address = cost.public_ipv4 ? info->public_ipv4_usd_per_hour / 3600.0 : 0.0;
  return instance + volume + address;
}

double Billed(const Context& ctx, const Session& session) {
  return static_cast<double>(std::max<int64_t>((session.end - session.start).count(),
                                               ctx.plan.spec.cost.minimum_billing_s));
}

struct SessionMoney {
  double cost = 0;
  double on_demand = 0;
};

SessionMoney CheckSessionMoney(const Context& ctx, const Session& session,
                               const std::string& where) {
  double sum = 0;
  for (const std::string& id : session.jobs) {
    auto it = ctx.jobs.find(id);
    if (it != ctx.jobs.end() && it->second->session == session.id)
      sum += it->second->estimated_cost_usd;
  }
  if (std::fabs(sum - session.estimated_cost_usd) > MoneyTolerance(session.jobs.size())) {
    ctx.Add(Rule::kSessionCost, where,
            "costs " + std::to_string(session.estimated_cost_usd) + " USD but its jobs add up to " +
                std::to_string(sum));
  }
  SessionMoney money{session.estimated_cost_usd, session.estimated_cost_usd};
  auto rate = PerSecond(ctx, session.instance_type, session.region, session.market);
  auto on_demand_rate = PerSecond(ctx, session.instance_type, session.region, Market::kOnDemand);
  if (!rate || !on_demand_rate) {
    if (ctx.TypeOf(session.instance_type) != nullptr) {  // an unknown type is reported elsewhere
      ctx.Add(Rule::kReference, where,
              session.instance_type + " has no on-demand price or region facts for " +
                  session.region + " in the catalog, so it cannot be costed or scheduled");
    }
    return money;
  }
  double expected = *rate * Billed(ctx, session);
  if (std::fabs(expected - session.estimated_cost_usd) > MoneyTolerance(1)) {
    ctx.Add(Rule::kSessionCost, where,
            "costs " + std::to_string(session.estimated_cost_usd) + " USD; " +
                std::to_string(Billed(ctx, session)) + " billed seconds cost " +
                std::to_string(expected) + " under the cost model");
  }
  money.on_demand = *on_demand_rate * Billed(ctx, session);
  return money;
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
      ctx.Add(Rule::kReference, where,
              "window '" + session.window + "' is unknown or in another region");
    } else {
      if (session.start < window->start || session.end > window->end ||
          session.end <= session.start) {
        ctx.Add(Rule::kContainment, where,
                "runs " + Utc(session.start) + " .. " + Utc(session.end) + ", outside its window " +
                    Utc(window->start) + " .. " + Utc(window->end));
      }
      CheckMarket(ctx, session, *window, where);
    }
    CheckTimeline(ctx, session, SessionJobs(ctx, session, where), where);
  }
  for (size_t i = 0; i < ctx.plan.jobs.size(); ++i) {
    const Job& job = ctx.plan.jobs[i];
    std::string where = "jobs[" + std::to_string(i) + "]";
    if (ctx.sessions.count(job.session) == 0 || listed[job.id] != 1) {
      ctx.Add(Rule::kReference, where,
              "job '" + job.id + "' is listed " + std::to_string(listed[job.id]) +
                  " times by sessions; its session is '" + job.session + "'");
    }
    auto session = ctx.sessions.find(job.session);
    if (session != ctx.sessions.end() &&
        job.prefer_spot != (session->second->market == Market::kSpot)) {
      ctx.Add(Rule::kMarket, where,
              std::string("prefer_spot is ") + (job.prefer_spot ? "true" : "false") +
                  " but its session runs on " + ToString(session->second->market));
    }
  }
  for (size_t i = 0; i < ctx.plan.unscheduled.size(); ++i) {
    const Job& job = ctx.plan.unscheduled[i].job;
    const catalog::InstanceType* type = ctx.TypeOf(job.instance_type);
    if (type == nullptr) continue;
    bool spot = ctx.plan.spec.enable_spot && SpotSized(type->size);
    if (job.prefer_spot != spot) {
      ctx.Add(Rule::kMarket, "unscheduled[" + std::to_string(i) + "].job",
              std::string("prefer_spot is ") + (job.prefer_spot ? "true" : "false") + " for a " +
                  type->size +
                  (ctx.plan.spec.enable_spot ? " with spot enabled" : " with spot disabled"));
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
  int64_t last_day = -1;  // 0-based campaign day of the latest job, in its region's zone
  size_t in_focus = 0;
  for (const Job& job : plan.jobs) {
    std::string zone = ctx.ZoneOf(job.region);
    if (!zone.empty()) {
      last_day = std::max<int64_t>(
          last_day, (CalendarDay(job.start, zone) - CalendarDay(plan.spec.start, zone)).count());
    }
    auto session = ctx.sessions.find(job.session);
    const Window* window = session == ctx.sessions.end() ? nullptr : ctx.WindowOf(*session->second);
    VariantFacts variant = LookUpVariant(plan.spec, job.benchmark);
    if (window != nullptr && variant.known &&
        std::find(window->focus.begin(), window->focus.end(), variant.category) !=
            window->focus.end()) {
      ++in_focus;
    }
  }
  if (plan.summary.days_used != last_day + 1) {
    ctx.Add(Rule::kSummary, "summary.days_used",
            "is " + std::to_string(plan.summary.days_used) +
                "; the last job runs on campaign day " + std::to_string(last_day + 1));
  }
  double share = plan.jobs.empty()
                     ? 0.0
                     : static_cast<double>(in_focus) / static_cast<double>(plan.jobs.size());
  if (std::fabs(share - plan.summary.focus_share) > 1e-6) {
    ctx.Add(Rule::kSummary, "summary.focus_share",
            "is " + std::to_string(plan.summary.focus_share) + "; " + std::to_string(in_focus) +
                " of " + std::to_string(plan.jobs.size()) + " jobs run in a window of their focus");
  }
}

}  // namespace

// The cheapest allowed market's run time of every scheduled job, no boot, no minimum.
double LowerBound(const Context& ctx) {
  Market cheapest = ctx.plan.spec.enable_spot ? Market::kSpot : Market::kOnDemand;
  double bound = 0;
  for (const Job& job : ctx.plan.jobs) {
    auto rate = PerSecond(ctx, job.instance_type, job.region, cheapest);
    if (rate) bound += *rate * static_cast<double>(job.estimated_duration_s);
  }
  return bound;
}

void CheckTotal(const Context& ctx, const char* field, double claimed, double actual) {
  if (std::fabs(claimed - actual) >
      MoneyTolerance(ctx.plan.sessions.size() + ctx.plan.jobs.size())) {
    ctx.Add(Rule::kSummary, std::string("summary.") + field,
            "is " + std::to_string(claimed) + "; the sessions give " + std::to_string(actual));
  }
}

void CheckCosts(const Context& ctx) {
  const Plan& plan = ctx.plan;
  double total = 0, on_demand = 0;
  for (size_t i = 0; i < plan.sessions.size(); ++i) {
    SessionMoney money = CheckSessionMoney(ctx, plan.sessions[i], SessionWhere(i));
    total += money.cost;
    on_demand += money.on_demand;
  }
  const Summary& summary = plan.summary;
  CheckTotal(ctx, "estimated_cost_usd", summary.estimated_cost_usd, total);
  CheckTotal(ctx, "estimated_cost_on_demand_usd", summary.estimated_cost_on_demand_usd, on_demand);
  CheckTotal(ctx, "cost_lower_bound_usd", summary.cost_lower_bound_usd, LowerBound(ctx));
  if (summary.cost_lower_bound_usd >
      summary.estimated_cost_usd + MoneyTolerance(plan.sessions.size())) {
    ctx.Add(Rule::kSummary, "summary.cost_lower_bound_usd", "is above the estimate");
  }
  if (plan.spec.max_cost_usd &&
      std::max(total, summary.estimated_cost_usd) >
          *plan.spec.max_cost_usd + MoneyTolerance(plan.sessions.size())) {
    ctx.Add(Rule::kBudget, "plan",
            "costs " + std::to_string(std::max(total, summary.estimated_cost_usd)) +
                " USD, over --max-cost " + std::to_string(*plan.spec.max_cost_usd));
  }
  CheckCounts(ctx);
  CheckDaysAndFocus(ctx);
}

}  // namespace plan::check
