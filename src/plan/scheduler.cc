#include "plan/scheduler.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "catalog/name.h"
#include "plan/cost.h"
#include "plan/jobs.h"
#include "plan/json_writer.h"
#include "plan/placement.h"
#include "plan/quota.h"
#include "plan/remedy.h"
#include "plan/windows.h"

namespace plan {
namespace {

struct Built {
  PlacedSession placed;
  int region_index = 0;
  double cost = 0;
  double cost_on_demand = 0;
};

void PriceSession(const Spec& spec, const std::vector<Candidate>& candidates, Built& built) {
  const Candidate& first = candidates[static_cast<size_t>(built.placed.candidates.front())];
  int64_t duration = (built.placed.session.end - built.placed.session.start).count();
  built.cost = LaunchCost(spec.cost, first.rates, built.placed.session.market, duration);
  built.cost_on_demand = LaunchCost(spec.cost, first.rates, Market::kOnDemand, duration);
  Session& session = built.placed.session;
  session.estimated_cost_usd = built.cost;
  // Rounded as the plan file writes them: a run from the file and one from memory journal
  // the same prices.
  session.on_demand_usd_per_hour = RoundFixed(first.rates.on_demand_usd_per_hour);
  session.spot_usd_per_hour =
      RoundFixed(first.rates.on_demand_usd_per_hour * MarketFactor(spec.cost, Market::kSpot));
  session.extras_usd_per_hour = RoundFixed(ExtrasUsdPerHour(spec.cost, first.rates));
  session.size_wave = catalog::SizeWave(first.type->size);
}

// Drops the latest sessions until the total fits --max-cost; their jobs become
// unscheduled with the budget that would have kept every session.
void TrimToBudget(const Spec& spec, const std::vector<Candidate>& candidates,
                  std::vector<Built>& sessions, std::vector<Unscheduled>& unscheduled) {
  if (!spec.max_cost_usd) return;
  double total = 0;
  for (const Built& built : sessions) total += built.cost;
  if (total <= *spec.max_cost_usd) return;
  std::string remedy = "--max-cost " + std::to_string(static_cast<long long>(std::ceil(total)));
  std::sort(sessions.begin(), sessions.end(), [](const Built& a, const Built& b) {
    if (a.placed.session.start != b.placed.session.start)
      return a.placed.session.start < b.placed.session.start;
    return a.placed.session.id < b.placed.session.id;
  });
  char budget[64];
  std::snprintf(budget, sizeof budget, "%.2f", *spec.max_cost_usd);
  while (!sessions.empty() && total > *spec.max_cost_usd) {
    const Built& last = sessions.back();
    total -= last.cost;
    for (int index : last.placed.candidates) {
      unscheduled.push_back(
          {candidates[static_cast<size_t>(index)].job,
           std::string("the plan's estimated cost would exceed --max-cost ") + budget, remedy});
    }
    sessions.pop_back();
  }
}

// Moves the jobs out of `candidates`.
void EmitSessions(const Spec& spec, std::vector<Candidate>& candidates,
                  std::vector<Built>& sessions, Plan& plan) {
  std::sort(sessions.begin(), sessions.end(), [](const Built& a, const Built& b) {
    if (a.placed.session.start != b.placed.session.start)
      return a.placed.session.start < b.placed.session.start;
    return a.placed.session.id < b.placed.session.id;
  });
  int focus_jobs = 0;
  std::set<std::pair<int, int>> days;
  // Lower bound: each job's run time alone on the cheapest market allowed, no boot, no minimum.
  Market cheapest = spec.enable_spot ? Market::kSpot : Market::kOnDemand;
  for (Built& built : sessions) {
    PlacedSession& placed = built.placed;
    int64_t run_total = 0;
    for (int index : placed.candidates)
      run_total += candidates[static_cast<size_t>(index)].job.estimated_duration_s;
    for (size_t i = 0; i < placed.candidates.size(); ++i) {
      const Candidate& c = candidates[static_cast<size_t>(placed.candidates[i])];
      plan.summary.cost_lower_bound_usd +=
          RunCost(spec.cost, c.rates, cheapest, c.job.estimated_duration_s);
      Job job = std::move(candidates[static_cast<size_t>(placed.candidates[i])].job);
      job.session = placed.session.id;
      job.start = placed.job_starts[i];
      job.end = job.start + std::chrono::seconds(job.estimated_duration_s);
      job.prefer_spot = placed.session.market == Market::kSpot;
      // Boot, minimum billing, volume and address are shared in proportion to run time.
      job.estimated_cost_usd = built.cost * static_cast<double>(job.estimated_duration_s) /
                               static_cast<double>(run_total);
      plan.jobs.push_back(std::move(job));
      focus_jobs += placed.in_focus[i] ? 1 : 0;
    }
    days.insert({built.region_index, placed.day_index});
    plan.summary.estimated_cost_usd += built.cost;
    plan.summary.estimated_cost_on_demand_usd += built.cost_on_demand;
    plan.sessions.push_back(std::move(placed.session));
  }
  Summary& summary = plan.summary;
  summary.jobs_scheduled = static_cast<int>(plan.jobs.size());
  summary.sessions = static_cast<int>(plan.sessions.size());
  for (const auto& day : days) summary.days_used = std::max(summary.days_used, day.second + 1);
  summary.focus_share =
      plan.jobs.empty() ? 0.0
                        : static_cast<double>(focus_jobs) / static_cast<double>(plan.jobs.size());
}

}  // namespace

util::Expected<Plan> BuildPlan(const Spec& spec, const catalog::Catalog& catalog) {
  if (auto status = ValidateSpec(spec, catalog); !status) return status.error();
  auto prepared = PrepareJobs(spec, catalog);
  if (!prepared) return prepared.error();
  Plan plan;
  plan.spec = spec;
  plan.spec.vcpu_quotas = EffectiveVcpuQuotas(spec, prepared->quota_classes);
  plan.spec.vcpu_quota_sources = EffectiveQuotaSources(spec, plan.spec.vcpu_quotas);
  plan.unscheduled = std::move(prepared->impossible);
  std::vector<Built> sessions;
  for (size_t r = 0; r < prepared->regions.size(); ++r) {
    const RegionContext& region = prepared->regions[r];
    std::vector<int> mine;
    for (size_t i = 0; i < prepared->candidates.size(); ++i) {
      if (prepared->candidates[i].region_index == static_cast<int>(r))
        mine.push_back(static_cast<int>(i));
    }
    RegionScheduler scheduler(spec, prepared->candidates, mine);
    for (const DayWindow& window : BuildWindows(spec, region.name, region.timezone, 0, spec.days)) {
      scheduler.PlaceWindow(window);
      plan.windows.push_back(window.window);
    }
    std::vector<Unscheduled> left =
        ExplainLeftovers(spec, *prepared, static_cast<int>(r), mine, scheduler);
    plan.unscheduled.insert(plan.unscheduled.end(), left.begin(), left.end());
    for (PlacedSession& placed : scheduler.TakeSessions()) {
      Built built{std::move(placed), static_cast<int>(r), 0, 0};
      PriceSession(spec, prepared->candidates, built);
      sessions.push_back(std::move(built));
    }
  }
  TrimToBudget(spec, prepared->candidates, sessions, plan.unscheduled);
  EmitSessions(spec, prepared->candidates, sessions, plan);
  plan.summary.jobs_total = prepared->jobs_total;
  return plan;
}

}  // namespace plan
