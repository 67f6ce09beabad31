// The duration model (bench/durations.h) and the corrections learned from measured runs
// (plan/durations.h): properties over every type of the embedded catalog.
#include "plan/durations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "bench/durations.h"
#include "catalog/catalog.h"
#include "plan/registry.h"

namespace plan {
namespace {

const catalog::Catalog& Embedded() {
  static const catalog::Catalog kCatalog = [] {
    auto loaded = catalog::Catalog::Embedded();
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return std::move(loaded).value();
  }();
  return kCatalog;
}

bench::Shape ShapeOf(const catalog::InstanceType& type) { return {type.vcpus, type.memory_gib}; }

// docs/planning.md ("Size bounds"): no variant is planned longer than this at the default
// 10 iterations, on any type, however large.
constexpr double kLongestRunAtTenIterationsS = 600;

TEST(DurationModelTest, EveryEstimateIsPositiveAndBoundedOnEveryCatalogType) {
  ASSERT_GT(Embedded().types().size(), 100u);
  for (const auto& [name, type] : Embedded().types()) {
    for (const bench::Variant& variant : bench::Variants()) {
      const double ten = bench::EstimateSeconds(variant, ShapeOf(type), 10);
      EXPECT_GT(bench::EstimateSeconds(variant, ShapeOf(type), 1), 0)
          << name << " " << variant.name;
      EXPECT_LE(ten, kLongestRunAtTenIterationsS) << name << " " << variant.name;
      EXPECT_LT(bench::EstimateSeconds(variant, ShapeOf(type), 3), ten)
          << name << " " << variant.name << ": more iterations take longer";
    }
  }
}

// More memory never shortens a run: the arrays and HPL's N only grow with it (up to their
// bounds). The vCPUs are held fixed: more threads move the same bytes sooner.
TEST(DurationModelTest, EstimatesNeverFallAsMemoryGrows) {
  for (int vcpus : {1, 2, 8, 64, 192, 448}) {
    for (const bench::Variant& variant : bench::Variants()) {
      double previous = 0;
      for (double gib = 0.5; gib <= 24576; gib *= 1.5) {
        const double seconds = bench::EstimateSeconds(variant, {vcpus, gib}, 10);
        EXPECT_GE(seconds, previous) << variant.name << " " << vcpus << " vCPUs " << gib << " GiB";
        previous = seconds;
      }
    }
  }
}

// The bounds: past them, more memory changes nothing. A 48xlarge with 384 GiB plans HPL
// exactly as long as one with twice the memory, and STREAM's arrays stop at the byte bound.
TEST(DurationModelTest, LargeSizesAreHeldByTheBounds) {
  const bench::Variant& hpl = *bench::FindVariant("hpl");
  EXPECT_EQ(bench::EstimateSeconds(hpl, {192, 384}, 10),
            bench::EstimateSeconds(hpl, {192, 768}, 10));
  EXPECT_DOUBLE_EQ(bench::HplSolveShare({192, 384}, 192), 1.0);
  EXPECT_LT(bench::HplSolveShare({2, 0.5}, 2), 1.0) << "memory sets N on a tiny type";
  EXPECT_EQ(bench::AssumedStreamArrayBytes({192, 24576}),
            static_cast<double>(bench::kStreamArrayMaxBytes));
  for (const auto& [name, type] : Embedded().types()) {
    EXPECT_LE(bench::AssumedStreamArrayBytes(ShapeOf(type)),
              static_cast<double>(bench::kStreamArrayMaxBytes))
        << name;
    EXPECT_LE(bench::HplSolveShare(ShapeOf(type), type.vcpus), 1.0) << name;
  }
}

// The agent's sizing rules, which the planner assumes: 4 × LLC within the caps.
TEST(DurationModelTest, StreamArraysFollowTheRuleUnderBothCaps) {
  constexpr uint64_t kMiB = util::kMiB;
  for (uint64_t llc : {uint64_t{0}, 32 * kMiB, 480 * kMiB, 1536 * kMiB}) {
    for (uint64_t memory : {512 * kMiB, 8 * util::kGiB, 96 * util::kGiB, 1024 * util::kGiB}) {
      const uint64_t bytes = bench::StreamArrayBytes(llc, memory);
      EXPECT_LE(bytes, memory / 12) << llc << " " << memory;
      EXPECT_LE(bytes, bench::kStreamArrayMaxBytes);
      EXPECT_EQ(bytes,
                std::min({std::max(4 * llc, 16 * kMiB), memory / 12, bench::kStreamArrayMaxBytes}));
    }
  }
}

TEST(DurationModelTest, HplOrderStaysUnderTheTimeAndMemoryBounds) {
  for (double gflops : {1.0, 50.0, 3000.0}) {
    for (uint64_t budget : {1ULL << 28, 1ULL << 34, 1ULL << 40}) {
      const double n = bench::HplOrderLimit(budget, gflops, bench::kHplSecondsPerSolve);
      EXPECT_LE(16 * n * n, static_cast<double>(budget) * (1 + 1e-12));
      // LU's 2/3 N³ flops at the probe's rate fit the time bound.
      EXPECT_LE(2.0 / 3.0 * n * n * n / (gflops * 1e9), bench::kHplSecondsPerSolve * (1 + 1e-9));
    }
  }
}

MeasuredDuration MeasuredRun(const std::string& variant, const std::string& source,
                             bench::Shape shape, double factor, int iterations = 10) {
  const double model = bench::EstimateSeconds(*bench::FindVariant(variant), shape, iterations);
  return {variant, source, shape, iterations, model * factor};
}

// A run measured at half the model's estimate on one shape halves the estimate on every
// other shape: the correction scales with vCPUs and memory as the model does.
TEST(DurationCorrectionTest, ScalesAMeasuredRunToOtherShapesByTheModel) {
  const DurationCorrections corrections =
      LearnCorrections({MeasuredRun("stream", "week1.db", {2, 24}, 0.5, 3)});
  ASSERT_EQ(corrections.count("stream"), 1u);
  EXPECT_NEAR(corrections.at("stream").factor, 0.5, 1e-6);
  const catalog::InstanceType& type = *Embedded().Find("m7i.8xlarge");
  const bench::Variant& stream = *bench::FindVariant("stream");
  const JobEstimate estimate = EstimateJob(stream, type, 10, corrections);
  EXPECT_EQ(estimate.basis, EstimateBasis::kMeasured);
  EXPECT_EQ(estimate.source, "week1.db");
  EXPECT_EQ(estimate.seconds, static_cast<int64_t>(std::ceil(
                                  0.5 * bench::EstimateSeconds(stream, ShapeOf(type), 10) - 1e-6)));
  // A variant without measurements keeps the model.
  const JobEstimate hpl = EstimateJob(*bench::FindVariant("hpl"), type, 10, corrections);
  EXPECT_EQ(hpl.basis, EstimateBasis::kModel);
  EXPECT_EQ(hpl.seconds, EstimateDurationS(*bench::FindVariant("hpl"), type, 10));
}

TEST(DurationCorrectionTest, TakesTheMedianRunWhateverTheOrder) {
  std::vector<MeasuredDuration> runs = {MeasuredRun("hpl", "a.json", {2, 8}, 3.0),
                                        MeasuredRun("hpl", "b.json", {16, 64}, 0.8),
                                        MeasuredRun("hpl", "c.json", {4, 16}, 1.2),
                                        {"no-such-variant", "d.json", {2, 8}, 10, 30.0}};
  const DurationCorrections forward = LearnCorrections(runs);
  std::reverse(runs.begin(), runs.end());
  const DurationCorrections backward = LearnCorrections(runs);
  ASSERT_EQ(forward.size(), 1u) << "an unknown variant teaches nothing";
  EXPECT_NEAR(forward.at("hpl").factor, 1.2, 1e-6);
  EXPECT_EQ(forward.at("hpl").source, "c.json");
  EXPECT_EQ(forward.at("hpl").runs, 3);
  EXPECT_EQ(backward.at("hpl").factor, forward.at("hpl").factor);
  EXPECT_EQ(backward.at("hpl").source, forward.at("hpl").source);
}

TEST(DurationCorrectionTest, IgnoresRunsWithoutADurationOrIterations) {
  EXPECT_TRUE(LearnCorrections({{"stream", "x", {2, 8}, 10, 0}}).empty());
  EXPECT_TRUE(LearnCorrections({{"stream", "x", {2, 8}, 0, 12}}).empty());
}

}  // namespace
}  // namespace plan
