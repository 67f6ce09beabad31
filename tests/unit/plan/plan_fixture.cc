#include "plan_fixture.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "util/time.h"

namespace plan::testing {
namespace {

double Round6(double value) { return std::round(value * 1e6) / 1e6; }

struct WindowSketch {
  const char* name;
  const char* start;
  const char* end;  // "24:00" is the next midnight
  int max_jobs;
  std::vector<Category> focus;
  const char* policy;
};

// Day 1 of a campaign with rotation: morning memory, afternoon compute, evening
// library + micro. Caps 9/12/9 of 30 (docs/planning.md, "Daily cap split").
const std::vector<WindowSketch>& Windows() {
  static const std::vector<WindowSketch> windows = {
      {"morning", "08:00", "12:00", 9, {Category::kMemory}, "cost-optimized"},
      {"afternoon", "14:00", "20:00", 12, {Category::kCompute}, "balanced"},
      {"evening", "20:00", "24:00", 9, {Category::kLibrary, Category::kMicro}, "spot-optimized"},
  };
  return windows;
}

util::TimePoint WallClock(const FixtureDay& day, const std::string& hhmm) {
  if (hhmm == "24:00") return At(day.next_date + "T00:00:00" + day.offset);
  return At(day.date + "T" + hhmm + ":00" + day.offset);
}

std::string WindowId(const FixtureDay& day, const std::string& name) {
  return "us-east-1/" + day.date + "/" + name;
}

// USD per second under docs/planning.md "Cost model": instance + gp3 volume + IPv4.
double Rate(const catalog::Catalog& catalog, const Spec& spec, const std::string& type,
            Market market) {
  const catalog::InstanceType* facts = catalog.Find(type);
  const catalog::Price* price = facts == nullptr ? nullptr : facts->OnDemandPrice("us-east-1");
  const catalog::RegionInfo* region = catalog.Region("us-east-1");
  if (price == nullptr || region == nullptr)
    throw std::runtime_error("test catalog lacks " + type + " in us-east-1");
  double factor = market == Market::kSpot ? spec.cost.spot_price_ratio : 1.0;
  return price->usd_per_hour * factor / 3600 +
         spec.cost.root_volume_gib * region->gp3_usd_per_gb_month / (730.0 * 3600) +
         (spec.cost.public_ipv4 ? region->public_ipv4_usd_per_hour / 3600 : 0.0);
}

void AddSession(Plan& plan, const SessionSketch& sketch, const FixtureDay& day,
                const catalog::Catalog& catalog) {
  Session session;
  session.id = "session-" + std::to_string(plan.sessions.size() + 1);
  session.region = "us-east-1";
  session.instance_type = sketch.type;
  session.vcpus = catalog.Find(sketch.type)->vcpus;
  session.quota_class = catalog.Find(sketch.type)->quota_class;
  session.market = sketch.market;
  session.window = WindowId(day, sketch.window);
  // The rates the executor bills by, from the catalog as the planner does; the fixture's
  // types are all "large" or "xlarge" (waves 1 and 2).
  double on_demand = catalog.Find(sketch.type)->OnDemandPrice("us-east-1")->usd_per_hour;
  session.on_demand_usd_per_hour = Round6(on_demand);
  session.spot_usd_per_hour = Round6(on_demand * plan.spec.cost.spot_price_ratio);
  session.extras_usd_per_hour =
      Round6((Rate(catalog, plan.spec, sketch.type, Market::kOnDemand) - on_demand / 3600) * 3600);
  session.size_wave = std::string(sketch.type).find(".xlarge") != std::string::npos ? 2 : 1;
  session.start = WallClock(day, sketch.start);
  session.end = session.start +
                std::chrono::seconds(kBootS + kJobS * static_cast<int64_t>(sketch.variants.size()));
  util::TimePoint at = session.start + std::chrono::seconds(kBootS);
  for (const std::string& variant : sketch.variants) {
    Job job;
    job.id = "job-" + sketch.type + "-" + variant;
    job.instance_type = sketch.type;
    job.benchmark = variant;
    job.region = "us-east-1";
    job.session = session.id;
    job.start = at;
    job.end = at += std::chrono::seconds(kJobS);
    job.estimated_duration_s = kJobS;
    job.prefer_spot = sketch.market == Market::kSpot;
    job.tags = {{"category", "test"}};
    session.jobs.push_back(job.id);
    plan.jobs.push_back(job);
  }
  plan.sessions.push_back(session);
}

}  // namespace

util::TimePoint At(const std::string& iso8601) {
  auto instant = util::ParseIso8601WithOffset(iso8601);
  if (!instant) throw std::runtime_error(instant.error().message);
  return *instant;
}

catalog::Catalog TestCatalog() {
  auto catalog = catalog::Catalog::Embedded();
  if (!catalog) throw std::runtime_error(catalog.error().message);
  return *catalog;
}

Plan Build(const Sketch& sketch, const catalog::Catalog& catalog) {
  Plan plan;
  plan.spec = sketch.spec;
  for (const WindowSketch& window : Windows()) {
    plan.windows.push_back(Window{WindowId(sketch.day, window.name), "us-east-1", window.name,
                                  "America/New_York", WallClock(sketch.day, window.start),
                                  WallClock(sketch.day, window.end), window.max_jobs, window.focus,
                                  window.policy});
  }
  for (const SessionSketch& session : sketch.sessions)
    AddSession(plan, session, sketch.day, catalog);
  for (const auto& [type, variant] : sketch.unscheduled) {
    Job job;
    job.id = "job-" + type + "-" + variant;
    job.instance_type = type;
    job.benchmark = variant;
    job.region = "us-east-1";
    job.estimated_duration_s = kJobS;
    job.estimated_cost_usd =
        Round6(Rate(catalog, sketch.spec, type, Market::kOnDemand) * static_cast<double>(kJobS));
    plan.unscheduled.push_back(
        Unscheduled{job, "the evening window of the only day is full", "--days 2"});
  }
  plan.summary.jobs_total = static_cast<int>(plan.jobs.size() + plan.unscheduled.size());
  plan.summary.jobs_scheduled = static_cast<int>(plan.jobs.size());
  plan.summary.sessions = static_cast<int>(plan.sessions.size());
  plan.summary.days_used = plan.jobs.empty() ? 0 : 1;
  Recost(plan, catalog);
  plan.summary.focus_share = plan.jobs.empty() ? 0
                                               : static_cast<double>(sketch.jobs_in_focus) /
                                                     static_cast<double>(plan.jobs.size());
  return plan;
}

void ResumCosts(Plan& plan) {
  double total = 0;
  for (const Session& session : plan.sessions) total += session.estimated_cost_usd;
  plan.summary.estimated_cost_usd = total;
}

void Recost(Plan& plan, const catalog::Catalog& catalog) {
  const Spec& spec = plan.spec;
  Market cheapest = spec.enable_spot ? Market::kSpot : Market::kOnDemand;
  plan.summary.estimated_cost_on_demand_usd = 0;
  plan.summary.cost_lower_bound_usd = 0;
  for (Session& session : plan.sessions) {
    auto billed = static_cast<double>(
        std::max<int64_t>((session.end - session.start).count(), spec.cost.minimum_billing_s));
    session.estimated_cost_usd =
        Rate(catalog, spec, session.instance_type, session.market) * billed;
    plan.summary.estimated_cost_on_demand_usd +=
        Rate(catalog, spec, session.instance_type, Market::kOnDemand) * billed;
    int64_t run = 0;
    for (const Job& job : plan.jobs)
      run += job.session == session.id ? job.estimated_duration_s : 0;
    for (Job& job : plan.jobs) {
      if (job.session != session.id) continue;
      job.prefer_spot = session.market == Market::kSpot;
      job.estimated_cost_usd = session.estimated_cost_usd *
                               static_cast<double>(job.estimated_duration_s) /
                               static_cast<double>(run);
      plan.summary.cost_lower_bound_usd += Rate(catalog, spec, job.instance_type, cheapest) *
                                           static_cast<double>(job.estimated_duration_s);
    }
  }
  ResumCosts(plan);
}

namespace {

Spec BaseSpec(const FixtureDay& day) {
  Spec spec;
  spec.instance_families = {};
  spec.regions = {"us-east-1"};
  spec.max_daily_jobs = 30;
  spec.max_concurrent = 2;
  spec.start = At(day.date + "T00:00:00" + day.midnight_offset);
  spec.days = 1;
  spec.max_cost_usd = 5.0;
  spec.vcpu_quotas = {{QuotaKey{"standard", Market::kOnDemand}, 4},
                      {QuotaKey{"standard", Market::kSpot}, 4}};
  return spec;
}

}  // namespace

Sketch MainSketch(const FixtureDay& day) {
  Sketch sketch;
  sketch.day = day;
  sketch.spec = BaseSpec(day);
  sketch.spec.instance_types = {"m7i.large", "c7g.large"};
  sketch.spec.benchmarks = {"stream", "micro-latency"};
  // stream variants by the table in docs/methodology.md: m7i (Sapphire Rapids) has AVX2 and
  // AVX-512; c7g (Graviton3) is arm64 with NEON.
  sketch.sessions = {
      {"m7i.large",
       "morning",
       "08:00",
       Market::kOnDemand,
       {"stream", "stream-numa", "stream-cache", "stream-prefetch", "stream-avx512",
        "stream-avx2"}},
      {"c7g.large",
       "morning",
       "08:00",
       Market::kOnDemand,
       {"stream", "stream-numa", "stream-cache"}},
      {"c7g.large", "afternoon", "14:00", Market::kOnDemand, {"stream-prefetch", "stream-neon"}},
      {"m7i.large", "evening", "20:00", Market::kSpot, {"micro-latency"}},
  };
  sketch.unscheduled = {{"c7g.large", "micro-latency"}};
  sketch.jobs_in_focus = 9 + 1;  // the morning's memory jobs and the evening's micro job
  return sketch;
}

Sketch TwinSketch() {
  Sketch sketch;
  sketch.spec = BaseSpec(kNovember30);
  sketch.spec.instance_types = {"m7i.large"};
  sketch.spec.benchmarks = {"stream-cache", "stream-numa"};
  sketch.spec.instance_size_waves = false;
  sketch.sessions = {
      {"m7i.large", "morning", "08:00", Market::kOnDemand, {"stream-cache"}},
      {"m7i.large", "morning", "08:13", Market::kOnDemand, {"stream-numa"}},
  };
  sketch.jobs_in_focus = 2;
  return sketch;
}

Sketch WaveSketch() {
  Sketch sketch;
  sketch.spec = BaseSpec(kNovember30);
  sketch.spec.instance_types = {"m7i.large", "m7i.xlarge"};
  sketch.spec.benchmarks = {"micro-latency"};
  sketch.sessions = {
      {"m7i.large", "morning", "08:00", Market::kOnDemand, {"micro-latency"}},
      {"m7i.xlarge", "morning", "08:13", Market::kSpot, {"micro-latency"}},
  };
  sketch.jobs_in_focus = 0;
  return sketch;
}

}  // namespace plan::testing
