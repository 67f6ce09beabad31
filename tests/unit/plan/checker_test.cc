// Mutation tests of the plan checker: a valid hand-made plan passes; breaking exactly one
// constraint gives violations of that rule and of no other.
#include "plan/checker.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "plan_fixture.h"

namespace plan {
namespace {

using testing::At;
using testing::Build;

class CheckerTest : public ::testing::Test {
 protected:
  catalog::Catalog catalog_ = testing::TestCatalog();

  std::vector<Violation> Check(const Plan& plan) const { return CheckPlan(plan, catalog_); }

  // Violations of `rule` and of no other (or of `also`, where one break must show twice).
  void ExpectOnly(const Plan& plan, Rule rule, std::optional<Rule> also = std::nullopt) const {
    auto violations = Check(plan);
    bool found = false;
    for (const Violation& violation : violations) {
      found = found || violation.rule == rule;
      EXPECT_TRUE(violation.rule == rule || violation.rule == also)
          << "unexpected: " << FormatViolations({violation});
    }
    EXPECT_TRUE(found) << "no " << ToString(rule) << " violation; got:\n"
                       << FormatViolations(violations);
  }

  Plan Main() const { return Build(testing::MainSketch(), catalog_); }
};

TEST_F(CheckerTest, HandMadePlansAreValid) {
  for (const auto& sketch : {testing::MainSketch(), testing::MainSketch(testing::kSpringForward),
                             testing::TwinSketch()}) {
    auto violations = Check(Build(sketch, catalog_));
    EXPECT_TRUE(violations.empty()) << FormatViolations(violations);
  }
}

TEST_F(CheckerTest, DailyCap) {
  // A daily cap of 11 against 12 jobs: the 9/12/9 window caps no longer fit either.
  Plan plan = Main();
  plan.spec.max_daily_jobs = 11;
  ExpectOnly(plan, Rule::kDailyCap, Rule::kWindowCap);
}

TEST_F(CheckerTest, WindowCap) {
  Plan plan = Main();
  plan.windows[0].max_jobs = 8;  // the morning holds 9 jobs
  ExpectOnly(plan, Rule::kWindowCap);
}

TEST_F(CheckerTest, WindowCapsOverTheDailyCap) {
  Plan plan = Main();
  plan.windows[1].max_jobs = 13;  // 9 + 13 + 9 = 31 > 30, the 32-of-30 defect in small
  ExpectOnly(plan, Rule::kWindowCap);
}

TEST_F(CheckerTest, WindowCapOverItsShare) {
  Plan plan = Main();
  plan.windows[0].max_jobs = 10;  // 4 of 14 hours of 30 is 8.6: at most 9
  plan.windows[1].max_jobs = 11;
  ExpectOnly(plan, Rule::kWindowCap);
}

TEST_F(CheckerTest, Concurrency) {
  Plan plan = Main();
  plan.spec.max_concurrent = 1;  // both morning sessions start at 08:00
  ExpectOnly(plan, Rule::kConcurrency);
}

TEST_F(CheckerTest, VcpuQuota) {
  Plan plan = Main();
  plan.spec.vcpu_quotas[QuotaKey{"standard", Market::kOnDemand}] = 3;  // 2 + 2 run at 08:00
  ExpectOnly(plan, Rule::kQuota);
}

TEST_F(CheckerTest, SessionOutsideItsWindow) {
  Plan plan = Main();
  plan.sessions[2].start = At("2026-11-30T13:59:00-05:00");  // the afternoon opens at 14:00
  testing::Recost(plan, catalog_);
  ExpectOnly(plan, Rule::kContainment);
}

TEST_F(CheckerTest, JobOutsideItsSession) {
  Plan plan = Main();
  plan.sessions[1].end -= std::chrono::seconds(60);  // its last job ends a minute later
  testing::Recost(plan, catalog_);
  ExpectOnly(plan, Rule::kContainment);
}

TEST_F(CheckerTest, JobsNotBackToBack) {
  Plan plan = Main();
  std::swap(plan.sessions[0].jobs[1], plan.sessions[0].jobs[2]);
  ExpectOnly(plan, Rule::kSessionTimeline);
}

TEST_F(CheckerTest, JobBeforeBoot) {
  Plan plan = Main();
  plan.spec.cost.boot_overhead_s = testing::kBootS + 1;
  ExpectOnly(plan, Rule::kSessionTimeline);
}

TEST_F(CheckerTest, SessionLongerThanTheCap) {
  Plan plan = Main();
  plan.spec.cost.max_session_s = 3779;  // the m7i morning session runs 180 s + 6 x 600 s
  ExpectOnly(plan, Rule::kSessionTimeline);
}

TEST_F(CheckerTest, WindowHours) {
  Plan plan = Main();
  plan.windows[0].start = At("2026-11-30T07:00:00-05:00");
  ExpectOnly(plan, Rule::kWindowBounds);
}

TEST_F(CheckerTest, WindowHoursOnTheSpringForwardDay) {
  // Windows built with the winter offset: 08:00 EST is 09:00 EDT on the wall clock.
  testing::Sketch sketch = testing::MainSketch(testing::kSpringForward);
  sketch.day.offset = "-05:00";
  ExpectOnly(Build(sketch, catalog_), Rule::kWindowBounds);
}

TEST_F(CheckerTest, WindowFocusDoesNotRotate) {
  Plan plan = Main();
  plan.windows[1].focus = {Category::kCompute, Category::kLibrary};
  ExpectOnly(plan, Rule::kWindowBounds);
}

TEST_F(CheckerTest, WindowOutsideTheCampaign) {
  Plan plan = Main();
  plan.spec.start += std::chrono::hours(24);  // the plan's day is now before the campaign
  plan.summary.days_used = 0;                 // its last job runs on day 0, i.e. none
  ExpectOnly(plan, Rule::kWindowBounds);
}

TEST_F(CheckerTest, Budget) {
  Plan plan = Main();
  plan.spec.max_cost_usd = plan.summary.estimated_cost_usd - 0.01;
  ExpectOnly(plan, Rule::kBudget);
}

TEST_F(CheckerTest, SameTypeAtOnce) {
  testing::Sketch sketch = testing::TwinSketch();
  sketch.sessions[1].start = "08:05";
  ExpectOnly(Build(sketch, catalog_), Rule::kSameTypeOverlap);
}

TEST_F(CheckerTest, WavesOutOfOrder) {
  testing::Sketch sketch = testing::WaveSketch();
  ASSERT_TRUE(Check(Build(sketch, catalog_)).empty())
      << FormatViolations(Check(Build(sketch, catalog_)));
  sketch.sessions[1].start = "08:05";  // wave 2 starts while wave 1 runs
  ExpectOnly(Build(sketch, catalog_), Rule::kWaves);
}

TEST_F(CheckerTest, XlargeOnDemandWithSpotOn) {
  testing::Sketch sketch = testing::WaveSketch();
  sketch.sessions[1].market = Market::kOnDemand;
  ExpectOnly(Build(sketch, catalog_), Rule::kMarket);
}

TEST_F(CheckerTest, EveningOnDemandWithSpotOn) {
  testing::Sketch sketch = testing::MainSketch();
  sketch.sessions[3].market = Market::kOnDemand;
  ExpectOnly(Build(sketch, catalog_), Rule::kMarket);
}

TEST_F(CheckerTest, SpotWhenSpotIsOff) {
  Plan plan = Main();
  plan.spec.enable_spot = false;
  testing::Recost(plan, catalog_);  // the lower bound is now on-demand
  plan.jobs.back().prefer_spot = true;
  ExpectOnly(plan, Rule::kMarket);
}

TEST_F(CheckerTest, LargeOnSpotInTheMorning) {
  Plan plan = Main();
  plan.sessions[0].market = Market::kSpot;
  testing::Recost(plan, catalog_);
  ExpectOnly(plan, Rule::kMarket);
}

TEST_F(CheckerTest, JobDroppedSilently) {
  Plan plan = Main();
  plan.unscheduled.clear();
  plan.summary.jobs_total -= 1;
  ExpectOnly(plan, Rule::kAccounting);
}

TEST_F(CheckerTest, JobListedTwice) {
  Plan plan = Main();
  Unscheduled twin = plan.unscheduled[0];
  twin.job.id = "another-id";
  plan.unscheduled.push_back(twin);
  plan.summary.jobs_total += 1;
  ExpectOnly(plan, Rule::kAccounting);
}

TEST_F(CheckerTest, JobNotAskedFor) {
  Plan plan = Main();
  plan.spec.instance_types = {"m7i.large"};  // the c7g jobs are no longer wanted
  ExpectOnly(plan, Rule::kAccounting);
}

TEST_F(CheckerTest, UnscheduledWithoutRemedy) {
  Plan plan = Main();
  plan.unscheduled[0].remedy.clear();
  ExpectOnly(plan, Rule::kUnscheduled);
}

TEST_F(CheckerTest, VariantThatDoesNotApply) {
  // The same plan against a catalog in which m7i lacks AVX-512: its scheduled
  // stream-avx512 job no longer applies. The facts come from the catalog, not the name.
  const catalog::InstanceType& m7i = *catalog_.Find("m7i.large");
  nlohmann::json family = {{"name", "m7i"},
                           {"architecture", "x86_64"},
                           {"vendor", "intel"},
                           {"processor", m7i.processor},
                           {"microarchitecture", m7i.microarchitecture},
                           {"quota_class", m7i.quota_class},
                           {"isa", {"avx2"}}};
  nlohmann::json type = {
      {"name", "m7i.large"},
      {"vcpus", m7i.vcpus},
      {"memory_gib", m7i.memory_gib},
      {"price_source", "mutation"},
      {"on_demand_usd_per_hour", {{"us-east-1", m7i.OnDemandPrice("us-east-1")->usd_per_hour}}}};
  nlohmann::json overrides = {
      {"format_version", 1},
      {"sources", {{"mutation", {{"description", "test mutation"}, {"date", "2026-11-29"}}}}},
      {"families", {family}},
      {"types", {type}}};
  auto mutated = catalog::Catalog::FromJson(overrides.dump(), "mutation.json");
  ASSERT_TRUE(mutated) << mutated.error().message;
  catalog::Catalog catalog = catalog_;
  catalog.Merge(*mutated);
  auto violations = CheckPlan(Main(), catalog);
  ASSERT_EQ(violations.size(), 1u) << FormatViolations(violations);
  EXPECT_EQ(violations[0].rule, Rule::kVariant);
  EXPECT_NE(violations[0].message.find("stream-avx512"), std::string::npos);
}

TEST_F(CheckerTest, UnknownVariant) {
  Plan plan = Main();
  plan.unscheduled[0].job.benchmark = "micro-magic";  // and so micro-latency is missing too
  auto violations = Check(plan);
  bool found = false;
  for (const Violation& violation : violations) found = found || violation.rule == Rule::kVariant;
  EXPECT_TRUE(found) << FormatViolations(violations);
}

TEST_F(CheckerTest, SessionCostIsNotTheSumOfItsJobs) {
  Plan plan = Main();
  plan.sessions[0].estimated_cost_usd += 0.01;
  testing::ResumCosts(plan);
  ExpectOnly(plan, Rule::kSessionCost);
}

TEST_F(CheckerTest, SessionCostOffTheCostModel) {
  // Jobs still add up to their session, but the session costs half what its billed
  // seconds cost at the catalog's prices.
  Plan plan = Main();
  Session& session = plan.sessions[0];
  session.estimated_cost_usd /= 2;
  for (Job& job : plan.jobs) {
    if (job.session == session.id) job.estimated_cost_usd /= 2;
  }
  testing::ResumCosts(plan);
  ExpectOnly(plan, Rule::kSessionCost);
}

TEST_F(CheckerTest, SummaryOnDemandAndLowerBound) {
  Plan plan = Main();
  plan.summary.estimated_cost_on_demand_usd += 0.01;
  ExpectOnly(plan, Rule::kSummary);
  plan = Main();
  plan.summary.cost_lower_bound_usd -= 0.01;
  ExpectOnly(plan, Rule::kSummary);
}

TEST_F(CheckerTest, PreferSpotDisagreesWithTheMarket) {
  Plan plan = Main();
  plan.jobs[0].prefer_spot = true;  // its session runs on-demand
  ExpectOnly(plan, Rule::kMarket);
  plan = Main();
  plan.unscheduled[0].job.prefer_spot = true;  // a large runs on-demand outside the evening
  ExpectOnly(plan, Rule::kMarket);
}

TEST_F(CheckerTest, SummaryCounts) {
  Plan plan = Main();
  plan.summary.jobs_scheduled += 1;
  ExpectOnly(plan, Rule::kSummary);
}

TEST_F(CheckerTest, SummaryCost) {
  Plan plan = Main();
  plan.summary.estimated_cost_usd += 0.5;
  ExpectOnly(plan, Rule::kSummary);
}

TEST_F(CheckerTest, SummaryFocusShare) {
  Plan plan = Main();
  plan.summary.focus_share = 1.0;  // 10 of 12 jobs run in a window of their focus
  ExpectOnly(plan, Rule::kSummary);
}

TEST_F(CheckerTest, SummaryDaysUsed) {
  Plan plan = Main();
  plan.summary.days_used = 2;  // a one-day campaign
  ExpectOnly(plan, Rule::kSummary);
}

TEST_F(CheckerTest, DanglingReferences) {
  Plan plan = Main();
  plan.sessions[0].jobs.back() = "no-such-job";
  auto violations = Check(plan);
  bool found = false;
  for (const Violation& violation : violations) found = found || violation.rule == Rule::kReference;
  EXPECT_TRUE(found) << FormatViolations(violations);
}

TEST_F(CheckerTest, SessionFactsDisagreeWithTheCatalog) {
  Plan plan = Main();
  plan.sessions[0].vcpus = 64;
  ExpectOnly(plan, Rule::kReference);
}

}  // namespace
}  // namespace plan
