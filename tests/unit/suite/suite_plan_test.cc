// Custom suites in the planner: jobs for every type that meets a benchmark's requirements,
// the suite's own duration estimate, family "custom" and the category's window focus, the
// others listed as unscheduled with the reason; the independent checker accepts the plan;
// the spec carries the suites through JSON, and a spec without them still loads.
#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog.h"
#include "plan/checker.h"
#include "plan/scheduler.h"
#include "plan/spec_json.h"

namespace {

bench::Suite TwoBenchmarkSuite() {
  auto suite = bench::ParseSuite(R"({"schema_version": 1, "suite": "s", "benchmarks": [
    {"name": "any", "category": "memory", "command": ["p"],
     "metrics": [{"name": "v", "unit": "u", "better": "higher", "json_path": "v"}],
     "duration": {"setup_s": 5, "per_iteration_s": 7}},
    {"name": "arm", "category": "compute", "requires": {"arch": "arm64"}, "command": ["p"],
     "metrics": [{"name": "v", "unit": "u", "better": "higher", "json_path": "v"}],
     "iterations": 2, "duration": {"setup_s": 1, "per_iteration_s": 100}}]})",
                                 "test");
  EXPECT_TRUE(suite) << suite.error().message;
  return *suite;
}

plan::Spec SuiteSpec(const std::vector<std::string>& benchmarks) {
  plan::Spec spec;
  spec.instance_families.clear();
  spec.instance_types = {"m7i.large", "c7g.large"};
  spec.benchmarks = benchmarks;
  spec.iterations = 3;
  spec.start = util::TimePoint(std::chrono::seconds(1796428800));  // 2026-12-05T00:00:00Z
  spec.suites = {TwoBenchmarkSuite()};
  return spec;
}

const plan::Job* FindJob(const plan::Plan& p, const std::string& type, const std::string& name) {
  for (const plan::Job& job : p.jobs) {
    if (job.instance_type == type && job.benchmark == name) return &job;
  }
  return nullptr;
}

TEST(SuitePlan, CustomJobsArePlannedAndChecked) {
  auto catalog = catalog::Catalog::Load("");
  ASSERT_TRUE(catalog);
  plan::Spec spec = SuiteSpec({"custom"});
  auto p = plan::BuildPlan(spec, *catalog);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_TRUE(plan::CheckPlan(*p, *catalog).empty())
      << plan::FormatViolations(plan::CheckPlan(*p, *catalog));
  // "custom" alone: only the suite's benchmarks, no built-in.
  for (const plan::Job& job : p->jobs) EXPECT_EQ(job.benchmark.rfind("s.", 0), 0u) << job.id;
  const plan::Job* any_x86 = FindJob(*p, "m7i.large", "s.any");
  const plan::Job* any_arm = FindJob(*p, "c7g.large", "s.any");
  const plan::Job* arm = FindJob(*p, "c7g.large", "s.arm");
  ASSERT_TRUE(any_x86 && any_arm && arm);
  EXPECT_EQ(any_x86->estimated_duration_s, 5 + 3 * 7);  // the campaign's iterations
  EXPECT_EQ(arm->estimated_duration_s, 1 + 2 * 100);    // its own iterations
  EXPECT_EQ(any_x86->tags.at("benchmark_family"), "custom");
  EXPECT_EQ(any_x86->tags.at("category"), "memory");
  EXPECT_EQ(FindJob(*p, "m7i.large", "s.arm"), nullptr);
  bool listed = std::any_of(p->unscheduled.begin(), p->unscheduled.end(), [](const auto& u) {
    return u.job.benchmark == "s.arm" && u.job.instance_type == "m7i.large" &&
           u.reason.find("needs arm64") != std::string::npos;
  });
  EXPECT_TRUE(listed);
}

TEST(SuitePlan, CheckerCatchesACustomJobOnATypeItDoesNotApplyTo) {
  auto catalog = catalog::Catalog::Load("");
  ASSERT_TRUE(catalog);
  auto p = plan::BuildPlan(SuiteSpec({"custom"}), *catalog);
  ASSERT_TRUE(p);
  plan::Job* job = nullptr;
  for (plan::Job& j : p->jobs) {
    if (j.instance_type == "c7g.large" && j.benchmark == "s.arm") job = &j;
  }
  ASSERT_NE(job, nullptr);
  job->instance_type = "m7i.large";  // arm64 only: the checker must object
  std::string violations = plan::FormatViolations(plan::CheckPlan(*p, *catalog));
  EXPECT_NE(violations.find("custom benchmark 's.arm' does not apply to m7i.large"),
            std::string::npos)
      << violations;
}

TEST(SuitePlan, BuiltinsAndSuitesTogether) {
  auto catalog = catalog::Catalog::Load("");
  ASSERT_TRUE(catalog);
  auto p = plan::BuildPlan(SuiteSpec({"micro"}), *catalog);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_TRUE(plan::CheckPlan(*p, *catalog).empty());
  EXPECT_NE(FindJob(*p, "m7i.large", "micro-ipc"), nullptr);
  EXPECT_NE(FindJob(*p, "m7i.large", "s.any"), nullptr);
}

TEST(SuitePlan, CustomWithoutSuiteIsRefused) {
  auto catalog = catalog::Catalog::Load("");
  ASSERT_TRUE(catalog);
  plan::Spec spec = SuiteSpec({"custom"});
  spec.suites.clear();
  auto p = plan::BuildPlan(spec, *catalog);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("--benchmarks: 'custom'"), std::string::npos);
}

TEST(SuitePlan, SpecCarriesSuitesAndOldSpecsLoad) {
  plan::Spec spec = SuiteSpec({"custom"});
  std::string text = plan::WriteSpecJson(spec);
  auto loaded = plan::LoadSpecJson(text, "spec");
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->suites.size(), 1u);
  EXPECT_EQ(bench::SuiteToJson(loaded->suites[0]), bench::SuiteToJson(spec.suites[0]));
  EXPECT_EQ(plan::WriteSpecJson(*loaded), text);  // deterministic bytes
  plan::Spec plain = SuiteSpec({"stream"});
  plain.suites.clear();
  std::string old = plan::WriteSpecJson(plain);
  EXPECT_EQ(old.find("suites"), std::string::npos);  // no field: byte-identical to before
  EXPECT_TRUE(plan::LoadSpecJson(old, "old"));
}

}  // namespace
