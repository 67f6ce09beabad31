#include "plan/scheduler.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "plan/registry.h"
#include "support.h"
#include "util/strings.h"

namespace plan {
namespace {

using testing::CheckConstraints;
using testing::Fingerprint;
using testing::SeedSpec;
using testing::TestCatalog;

Plan MustPlan(const Spec& spec, const catalog::Catalog& catalog = TestCatalog()) {
  auto plan = BuildPlan(spec, catalog);
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().message);
  return plan ? std::move(plan).value() : Plan{};
}

void ExpectValid(const Plan& plan, const catalog::Catalog& catalog = TestCatalog()) {
  std::vector<std::string> problems = CheckConstraints(plan, catalog);
  EXPECT_TRUE(problems.empty()) << util::Join(problems, "\n");
}

void SetQuota(Spec& spec, int on_demand, int spot) {
  spec.vcpu_quotas[{"standard", Market::kOnDemand}] = on_demand;
  spec.vcpu_quotas[{"standard", Market::kSpot}] = spot;
}

bool IsScheduled(const Plan& plan, const std::string& job_id) {
  for (const Job& job : plan.jobs) {
    if (job.id == job_id) return true;
  }
  return false;
}

// Each "--flag value" alternative of a remedy, applied to a copy of the spec.
std::vector<Spec> Alternatives(const Spec& spec, const std::string& remedy) {
  std::vector<Spec> specs;
  static const std::regex kFlag(
      R"(--([a-z-]+) ([a-z]+):([a-z-]+)=(\d+)|--([a-z-]+) (\d+(\.\d+)?))");
  for (std::sregex_iterator it(remedy.begin(), remedy.end(), kFlag), end; it != end; ++it) {
    const std::smatch& m = *it;
    Spec changed = spec;
    if (m[1].matched) {
      changed.vcpu_quotas[{m[2], m[3] == "spot" ? Market::kSpot : Market::kOnDemand}] =
          std::stoi(m[4]);
    } else {
      int value = std::stoi(m[6]);
      double hours = std::stod(m[6]);
      std::string flag = m[5];
      if (flag == "days")
        changed.days = value;
      else if (flag == "max-daily-jobs")
        changed.max_daily_jobs = value;
      else if (flag == "max-concurrent")
        changed.max_concurrent = value;
      else if (flag == "max-cost")
        changed.max_cost_usd = value;
      else if (flag == "iterations")
        changed.iterations = value;
      else if (flag == "max-session-hours")
        changed.cost.max_session_s = static_cast<int64_t>(hours * 3600);
      else
        ADD_FAILURE() << "unknown flag in remedy: " << remedy;
    }
    specs.push_back(changed);
  }
  return specs;
}

// Every remedy names at least one flag, and applying any one of them places the job.
void ExpectRemediesWork(const Spec& spec, const Plan& plan, size_t max_checked = 6) {
  size_t checked = 0;
  for (const Unscheduled& u : plan.unscheduled) {
    if (u.remedy.rfind("none", 0) == 0 || u.remedy.rfind("add it with --catalog", 0) == 0) continue;
    std::vector<Spec> alternatives = Alternatives(spec, u.remedy);
    ASSERT_FALSE(alternatives.empty()) << u.remedy;
    for (const Spec& changed : alternatives) {
      Plan replanned = MustPlan(changed);
      EXPECT_TRUE(IsScheduled(replanned, u.job.id))
          << u.job.id << " not placed after: " << u.remedy;
      ExpectValid(replanned);
    }
    if (++checked == max_checked) return;
  }
}

TEST(SchedulerTest, SeedExampleWithDefaultQuotasIsHonest) {
  Spec spec = SeedSpec();
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  // 3 families x 4 sizes x 15 applicable variants each.
  EXPECT_EQ(plan.summary.jobs_total, 180);
  // The default 5-vCPU quotas leave no room for 8- and 16-vCPU types: said so, with the flag.
  int quota_bound = 0;
  for (const Unscheduled& u : plan.unscheduled) {
    quota_bound += u.remedy.find("--vcpu-quota standard:spot=") != std::string::npos;
  }
  EXPECT_EQ(quota_bound, 90);
  EXPECT_EQ(plan.summary.jobs_scheduled, 90);
  EXPECT_EQ(plan.spec.vcpu_quotas.at({"standard", Market::kOnDemand}), 5);
  ExpectRemediesWork(spec, plan, 2);
}

TEST(SchedulerTest, SeedExampleWithRoomyQuotas) {
  Spec spec = SeedSpec();
  SetQuota(spec, 64, 64);
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  EXPECT_EQ(plan.summary.jobs_total, 180);
  EXPECT_EQ(plan.summary.jobs_total,
            plan.summary.jobs_scheduled + static_cast<int>(plan.unscheduled.size()));
  EXPECT_LE(plan.summary.days_used, 7);
  EXPECT_GT(plan.summary.focus_share, 0.5);
  EXPECT_LT(plan.summary.estimated_cost_usd, plan.summary.estimated_cost_on_demand_usd);
  EXPECT_GT(plan.summary.cost_lower_bound_usd, 0);
  ExpectRemediesWork(spec, plan);
}

TEST(SchedulerTest, TooManyJobsForTheDaysAreListedWithVerifiedRemedies) {
  Spec spec = SeedSpec();
  SetQuota(spec, 64, 64);
  spec.days = 3;
  spec.max_daily_jobs = 20;
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  ASSERT_FALSE(plan.unscheduled.empty());
  EXPECT_LE(plan.summary.jobs_scheduled, 60);
  for (const Unscheduled& u : plan.unscheduled) {
    EXPECT_NE(u.remedy.find("(--days "), std::string::npos) << u.remedy;
    EXPECT_NE(u.reason.find("--days 3"), std::string::npos) << u.reason;
  }
  ExpectRemediesWork(spec, plan);
}

TEST(SchedulerTest, ConcurrencyBoundPlanOffersMoreConcurrency) {
  Spec spec = SeedSpec();
  SetQuota(spec, 512, 512);
  spec.days = 1;
  spec.max_daily_jobs = 2000;
  spec.max_concurrent = 1;
  spec.iterations = 300;
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  ASSERT_FALSE(plan.unscheduled.empty());
  EXPECT_NE(plan.unscheduled.front().remedy.find("--max-concurrent"), std::string::npos)
      << plan.unscheduled.front().remedy;
  ExpectRemediesWork(spec, plan, 3);
}

TEST(SchedulerTest, SameInputsGiveTheSamePlan) {
  Spec spec = SeedSpec();
  SetQuota(spec, 32, 16);
  spec.regions = {"us-east-1", "us-east-2"};
  spec.days = 2;
  std::string first = Fingerprint(MustPlan(spec));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Fingerprint(MustPlan(spec)), first);
  spec.seed = 99;  // the planner is deterministic and does not draw on the seed
  EXPECT_EQ(Fingerprint(MustPlan(spec)), first);
}

TEST(SchedulerTest, RegionNamedTwiceIsPlannedOnce) {
  Spec spec = SeedSpec();
  spec.sizes = {"large"};
  int single = MustPlan(spec).summary.jobs_total;
  spec.regions = {"us-east-1", "us-east-1"};
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  EXPECT_EQ(plan.summary.jobs_total, single);
}

TEST(SchedulerTest, QuotaOfOneMarketOnlyLeavesTheWindowsOfTheOther) {
  Spec spec = SeedSpec();
  spec.sizes = {"large", "xlarge"};
  SetQuota(spec, 0, 8);  // no on-demand at all: large types can only run in evening (spot) windows
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  EXPECT_EQ(plan.summary.jobs_scheduled, plan.summary.jobs_total);
  for (const Session& session : plan.sessions) {
    EXPECT_EQ(session.market, Market::kSpot) << session.id;
    if (util::EndsWith(session.instance_type, ".large")) {
      EXPECT_TRUE(util::EndsWith(session.window, "/evening")) << session.id;
    }
  }
  spec.enable_spot = false;  // now nothing can run at all, and each job says which flag fixes it
  Plan none = MustPlan(spec);
  EXPECT_EQ(none.summary.jobs_scheduled, 0);
  for (const Unscheduled& u : none.unscheduled)
    EXPECT_NE(u.remedy.find("standard:on-demand="), std::string::npos);
  ExpectRemediesWork(spec, none, 2);
}

TEST(SchedulerTest, MissingPriceIsNeverInvented) {
  Spec spec = SeedSpec();
  spec.instance_families = {"c6g", "m7g"};
  spec.sizes = {"large"};
  spec.regions = {"us-east-2"};
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  int missing = 0;
  for (const Unscheduled& u : plan.unscheduled) {
    if (u.reason == "no on-demand price for c6g.large in us-east-2 in the catalog") {
      EXPECT_EQ(u.remedy, "add it with --catalog FILE");
      ++missing;
    }
  }
  EXPECT_EQ(missing, 14);  // every c6g variant: 5 stream, 5 hpl, 4 micro
  for (const Job& job : plan.jobs) EXPECT_EQ(job.instance_type, "m7g.large");
}

TEST(SchedulerTest, NamedVariantThatDoesNotApplyIsReported) {
  Spec spec = SeedSpec();
  spec.instance_families = {"m7i", "c7g"};
  spec.sizes = {"large"};
  spec.benchmarks = {"stream-avx512", "hpl-sve"};
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  EXPECT_EQ(plan.summary.jobs_total, 4);
  EXPECT_TRUE(IsScheduled(plan, "us-east-1/m7i.large/stream-avx512"));
  EXPECT_TRUE(IsScheduled(plan, "us-east-1/c7g.large/hpl-sve"));
  ASSERT_EQ(plan.unscheduled.size(), 2u);
  for (const Unscheduled& u : plan.unscheduled) {
    bool avx = u.job.id == "us-east-1/c7g.large/stream-avx512" &&
               u.reason.find("avx512") != std::string::npos;
    bool sve =
        u.job.id == "us-east-1/m7i.large/hpl-sve" && u.reason.find("sve") != std::string::npos;
    EXPECT_TRUE(avx || sve) << u.job.id << ": " << u.reason;
  }
}

TEST(SchedulerTest, BudgetIsNeverExceeded) {
  Spec spec = SeedSpec();
  SetQuota(spec, 64, 64);
  Plan full = MustPlan(spec);
  spec.max_cost_usd = full.summary.estimated_cost_usd / 2;
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  EXPECT_LE(plan.summary.estimated_cost_usd, *spec.max_cost_usd);
  ASSERT_FALSE(plan.unscheduled.empty());
  EXPECT_NE(plan.unscheduled.back().reason.find("--max-cost"), std::string::npos);
  ExpectRemediesWork(spec, plan, 2);
}

TEST(SchedulerTest, TooLongJobSuggestsFewerIterations) {
  Spec spec = SeedSpec();
  spec.instance_families = {"r7a"};
  spec.sizes = {"large"};
  spec.benchmarks = {"hpl-single"};  // a variant name: exactly one job
  spec.cost.max_session_s = 1200;
  spec.iterations = 1000;  // a solve of several seconds each: far beyond a 20-minute session
  Plan plan = MustPlan(spec);
  ASSERT_EQ(plan.unscheduled.size(), 1u);
  // The largest count that fits the 1200 s session with its 180 s boot, and no more; or a
  // session cap that fits the whole job (ExpectRemediesWork checks that both place it).
  const catalog::InstanceType& type = *TestCatalog().Find("r7a.large");
  const Variant& hpl = *FindVariant("hpl-single");
  int fit = 0;
  while (180 + EstimateDurationS(hpl, type, fit + 1) <= 1200) ++fit;
  ASSERT_GT(fit, 0);
  EXPECT_EQ(plan.unscheduled[0].remedy.rfind("--iterations " + std::to_string(fit) + ", or ", 0),
            0u)
      << plan.unscheduled[0].remedy;
  EXPECT_NE(plan.unscheduled[0].remedy.find("--max-session-hours "), std::string::npos);
  ExpectRemediesWork(spec, plan);
}

TEST(SchedulerTest, BadInputIsRejectedWithTheFlag) {
  struct Case {
    void (*mutate)(Spec&);
    const char* expected;
  } cases[] = {
      {[](Spec& s) { s.instance_families = {"m7x"}; }, "--instance-families"},
      {[](Spec& s) { s.instance_types = {"m7i.huge"}; }, "--instance-types"},
      {[](Spec& s) { s.regions = {"us-east-9"}; }, "--region"},
      {[](Spec& s) { s.benchmarks = {"strem"}; }, "did you mean 'stream'"},
      {[](Spec& s) { s.max_daily_jobs = 0; }, "--max-daily-jobs"},
      {[](Spec& s) { s.max_concurrent = -2; }, "--max-concurrent"},
      {[](Spec& s) { s.days = 0; }, "--days"},
      {[](Spec& s) { s.sizes = {"huge"}; }, "--sizes"},
      {[](Spec& s) { s.timezone = "Mars/Olympus"; }, "--timezone"},
      {[](Spec& s) { s.max_cost_usd = 0; }, "--max-cost"},
      {[](Spec& s) {
         s.vcpu_quotas[{"standard", Market::kSpot}] = -1;
       },
       "--vcpu-quota"},
  };
  for (const Case& c : cases) {
    Spec spec = SeedSpec();
    c.mutate(spec);
    auto plan = BuildPlan(spec, TestCatalog());
    ASSERT_FALSE(plan.has_value()) << c.expected;
    EXPECT_EQ(plan.error().error_class, util::ErrorClass::kInvalidInput);
    EXPECT_NE(plan.error().message.find(c.expected), std::string::npos) << plan.error().message;
  }
}

TEST(SchedulerTest, EmbeddedCatalogPlans) {
  auto embedded = catalog::Catalog::Embedded();
  ASSERT_TRUE(embedded.has_value());
  Spec spec = SeedSpec();
  spec.sizes = {"large"};
  Plan plan = MustPlan(spec, *embedded);
  ExpectValid(plan, *embedded);
  EXPECT_GT(plan.summary.jobs_total, 0);
  EXPECT_FALSE(plan.windows.empty());
}

TEST(SchedulerTest, FocusJobsGoFirstInTheirWindow) {
  Spec spec = SeedSpec();
  spec.instance_families = {"m7i"};
  spec.sizes = {"large"};
  spec.days = 1;
  Plan plan = MustPlan(spec);
  ExpectValid(plan);
  ASSERT_GE(plan.sessions.size(), 2u);
  const Session& first = plan.sessions.front();
  EXPECT_EQ(first.window, "us-east-1/2026-12-07/morning");
  std::map<std::string, const Job*> jobs;
  for (const Job& job : plan.jobs) jobs[job.id] = &job;
  // The six memory jobs run first; once no memory job is left to place in the morning, the
  // same instance takes others (up to the window's 9 jobs) rather than booting again.
  ASSERT_EQ(first.jobs.size(), 9u);
  for (size_t i = 0; i < first.jobs.size(); ++i) {
    EXPECT_EQ(jobs.at(first.jobs[i])->tags.at("category") == "memory", i < 6) << first.jobs[i];
  }
  EXPECT_EQ(plan.sessions[1].window, "us-east-1/2026-12-07/afternoon");
}

TEST(SchedulerTest, SelfCheckCatchesBrokenPlans) {
  Spec spec = SeedSpec();
  SetQuota(spec, 64, 64);
  const Plan good = MustPlan(spec);
  ASSERT_TRUE(CheckConstraints(good, TestCatalog()).empty());
  auto broken = [&](auto mutate) {
    Plan plan = good;
    mutate(plan);
    return !CheckConstraints(plan, TestCatalog()).empty();
  };
  EXPECT_TRUE(broken([](Plan& p) { p.sessions[0].start -= std::chrono::hours(1); }));
  EXPECT_TRUE(broken([](Plan& p) { p.spec.max_concurrent = 1; }));
  EXPECT_TRUE(broken([](Plan& p) { p.spec.vcpu_quotas[{"standard", Market::kOnDemand}] = 2; }));
  EXPECT_TRUE(broken([](Plan& p) { p.spec.max_daily_jobs = 5; }));
  EXPECT_TRUE(broken([](Plan& p) { p.summary.jobs_total += 1; }));
  EXPECT_TRUE(broken([](Plan& p) { p.sessions[0].market = Market::kSpot; }));
  EXPECT_TRUE(broken([](Plan& p) { p.spec.max_cost_usd = p.summary.estimated_cost_usd / 2; }));
  EXPECT_TRUE(broken([](Plan& p) {
    std::swap(p.sessions.front().instance_type, p.sessions.back().instance_type);
  }));
}

// A small self-check over varied specs; the independent checker and the 500-spec
// property test live elsewhere.
TEST(SchedulerTest, VariedSpecsKeepEveryConstraint) {
  uint64_t state = 12345;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % n);
  };
  const std::vector<std::string> families = {"m7i", "m7a", "r7a", "c7g", "m7g", "c6g"};
  const std::vector<std::string> sizes = {"large", "xlarge", "2xlarge", "4xlarge"};
  const int quotas[] = {0, 5, 8, 16, 64};
  for (int round = 0; round < 40; ++round) {
    Spec spec = SeedSpec();
    spec.instance_families = {families[static_cast<size_t>(next(6))],
                              families[static_cast<size_t>(next(6))]};
    spec.sizes = {sizes[static_cast<size_t>(next(4))], sizes[static_cast<size_t>(next(4))]};
    spec.regions = next(2) ? std::vector<std::string>{"us-east-1"}
                           : std::vector<std::string>{"us-east-1", "us-east-2"};
    spec.max_daily_jobs = 1 + next(60);
    spec.max_concurrent = 1 + next(6);
    spec.days = 1 + next(4);
    spec.instance_size_waves = next(2);
    spec.enable_spot = next(2);
    spec.benchmark_rotation = next(2);
    spec.start += std::chrono::minutes(next(24 * 60));
    if (next(3) == 0) spec.timezone = "Europe/Berlin";
    if (next(3) == 0) spec.max_cost_usd = 0.05 + next(100) / 100.0;
    SetQuota(spec, quotas[next(5)], quotas[next(5)]);
    Plan plan = MustPlan(spec);
    std::vector<std::string> problems = CheckConstraints(plan, TestCatalog());
    EXPECT_TRUE(problems.empty()) << "round " << round << ":\n" << util::Join(problems, "\n");
    if (round % 8 == 0) ExpectRemediesWork(spec, plan, 1);
  }
}

}  // namespace
}  // namespace plan
