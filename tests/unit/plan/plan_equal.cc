#include "plan_equal.h"

#include <gtest/gtest.h>

#include "plan/json_writer.h"

namespace plan::testing {
namespace {

void ExpectMoney(double actual, double expected, const std::string& where) {
  EXPECT_EQ(RoundFixed(actual), RoundFixed(expected)) << where;
  EXPECT_NEAR(actual, expected, 5.0001e-7) << where;  // half a micro-dollar, plus float error
}

void ExpectJobsEqual(const Job& a, const Job& e, const std::string& where) {
  EXPECT_EQ(a.id, e.id) << where;
  EXPECT_EQ(a.instance_type, e.instance_type) << where;
  EXPECT_EQ(a.benchmark, e.benchmark) << where;
  EXPECT_EQ(a.region, e.region) << where;
  EXPECT_EQ(a.priority, e.priority) << where;
  EXPECT_EQ(a.session, e.session) << where;
  EXPECT_EQ(a.start, e.start) << where;
  EXPECT_EQ(a.end, e.end) << where;
  EXPECT_EQ(a.estimated_duration_s, e.estimated_duration_s) << where;
  EXPECT_EQ(a.estimate, e.estimate) << where;
  EXPECT_EQ(a.estimate_source, e.estimate_source) << where;
  ExpectMoney(a.estimated_cost_usd, e.estimated_cost_usd, where);
  EXPECT_EQ(a.prefer_spot, e.prefer_spot) << where;
  EXPECT_EQ(a.tags, e.tags) << where;
}

}  // namespace

void ExpectSpecsEqual(const Spec& a, const Spec& e) {
  EXPECT_EQ(a.instance_families, e.instance_families);
  EXPECT_EQ(a.instance_types, e.instance_types);
  EXPECT_EQ(a.benchmarks, e.benchmarks);
  EXPECT_EQ(a.regions, e.regions);
  EXPECT_EQ(a.sizes, e.sizes);
  EXPECT_EQ(a.max_daily_jobs, e.max_daily_jobs);
  EXPECT_EQ(a.max_concurrent, e.max_concurrent);
  EXPECT_EQ(a.benchmark_rotation, e.benchmark_rotation);
  EXPECT_EQ(a.instance_size_waves, e.instance_size_waves);
  EXPECT_EQ(a.enable_spot, e.enable_spot);
  EXPECT_EQ(a.start, e.start);
  EXPECT_EQ(a.days, e.days);
  EXPECT_EQ(a.timezone, e.timezone);
  ASSERT_EQ(a.max_cost_usd.has_value(), e.max_cost_usd.has_value());
  if (a.max_cost_usd) ExpectMoney(*a.max_cost_usd, *e.max_cost_usd, "spec.max_cost_usd");
  EXPECT_EQ(a.iterations, e.iterations);
  EXPECT_EQ(a.seed, e.seed);
  EXPECT_EQ(a.vcpu_quotas, e.vcpu_quotas);
  ExpectMoney(a.cost.spot_price_ratio, e.cost.spot_price_ratio, "spec.cost.spot_price_ratio");
  ExpectMoney(a.cost.root_volume_gib, e.cost.root_volume_gib, "spec.cost.root_volume_gib");
  EXPECT_EQ(a.cost.public_ipv4, e.cost.public_ipv4);
  EXPECT_EQ(a.cost.boot_overhead_s, e.cost.boot_overhead_s);
  EXPECT_EQ(a.cost.minimum_billing_s, e.cost.minimum_billing_s);
  EXPECT_EQ(a.cost.max_session_s, e.cost.max_session_s);
  ASSERT_EQ(a.duration_corrections.size(), e.duration_corrections.size());
  for (const auto& [variant, correction] : e.duration_corrections) {
    ASSERT_EQ(a.duration_corrections.count(variant), 1u) << variant;
    const DurationCorrection& got = a.duration_corrections.at(variant);
    EXPECT_EQ(got.factor, correction.factor) << variant;
    EXPECT_EQ(got.source, correction.source) << variant;
    EXPECT_EQ(got.runs, correction.runs) << variant;
  }
}

void ExpectPlansEqual(const Plan& a, const Plan& e) {
  EXPECT_EQ(a.schema_version, e.schema_version);
  ExpectSpecsEqual(a.spec, e.spec);
  ASSERT_EQ(a.windows.size(), e.windows.size());
  for (size_t i = 0; i < a.windows.size(); ++i) {
    const Window& x = a.windows[i];
    const Window& y = e.windows[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.region, y.region);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.timezone, y.timezone);
    EXPECT_EQ(x.start, y.start);
    EXPECT_EQ(x.end, y.end);
    EXPECT_EQ(x.max_jobs, y.max_jobs);
    EXPECT_EQ(x.focus, y.focus);
    EXPECT_EQ(x.market_policy, y.market_policy);
  }
  ASSERT_EQ(a.sessions.size(), e.sessions.size());
  for (size_t i = 0; i < a.sessions.size(); ++i) {
    const Session& x = a.sessions[i];
    const Session& y = e.sessions[i];
    std::string where = "sessions[" + std::to_string(i) + "]";
    EXPECT_EQ(x.id, y.id) << where;
    EXPECT_EQ(x.region, y.region) << where;
    EXPECT_EQ(x.instance_type, y.instance_type) << where;
    EXPECT_EQ(x.vcpus, y.vcpus) << where;
    EXPECT_EQ(x.quota_class, y.quota_class) << where;
    EXPECT_EQ(x.market, y.market) << where;
    EXPECT_EQ(x.window, y.window) << where;
    EXPECT_EQ(x.start, y.start) << where;
    EXPECT_EQ(x.end, y.end) << where;
    EXPECT_EQ(x.jobs, y.jobs) << where;
    ExpectMoney(x.estimated_cost_usd, y.estimated_cost_usd, where);
    ExpectMoney(x.on_demand_usd_per_hour, y.on_demand_usd_per_hour, where);
    ExpectMoney(x.spot_usd_per_hour, y.spot_usd_per_hour, where);
    ExpectMoney(x.extras_usd_per_hour, y.extras_usd_per_hour, where);
    EXPECT_EQ(x.size_wave, y.size_wave) << where;
  }
  ASSERT_EQ(a.jobs.size(), e.jobs.size());
  for (size_t i = 0; i < a.jobs.size(); ++i)
    ExpectJobsEqual(a.jobs[i], e.jobs[i], "jobs[" + std::to_string(i) + "]");
  ASSERT_EQ(a.unscheduled.size(), e.unscheduled.size());
  for (size_t i = 0; i < a.unscheduled.size(); ++i) {
    std::string where = "unscheduled[" + std::to_string(i) + "]";
    ExpectJobsEqual(a.unscheduled[i].job, e.unscheduled[i].job, where);
    EXPECT_EQ(a.unscheduled[i].reason, e.unscheduled[i].reason) << where;
    EXPECT_EQ(a.unscheduled[i].remedy, e.unscheduled[i].remedy) << where;
  }
  const Summary& x = a.summary;
  const Summary& y = e.summary;
  EXPECT_EQ(x.jobs_total, y.jobs_total);
  EXPECT_EQ(x.jobs_scheduled, y.jobs_scheduled);
  EXPECT_EQ(x.sessions, y.sessions);
  EXPECT_EQ(x.days_used, y.days_used);
  ExpectMoney(x.estimated_cost_usd, y.estimated_cost_usd, "summary.estimated_cost_usd");
  ExpectMoney(x.estimated_cost_on_demand_usd, y.estimated_cost_on_demand_usd,
              "summary.estimated_cost_on_demand_usd");
  ExpectMoney(x.cost_lower_bound_usd, y.cost_lower_bound_usd, "summary.cost_lower_bound_usd");
  ExpectMoney(x.focus_share, y.focus_share, "summary.focus_share");
}

}  // namespace plan::testing
