#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "agent/micro/chase.h"
#include "agent/micro/latency.h"
#include "agent/micro/plateau.h"

namespace agent::micro {
namespace {

TEST(MicroSattolo, GivesOneCycleThroughEveryElement) {
  for (std::size_t n : {2u, 3u, 10u, 64u, 1000u, 4097u}) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const auto next = SattoloCycle(n, seed);
      std::vector<bool> seen(n, false);
      std::size_t at = 0, steps = 0;
      do {
        ASSERT_FALSE(seen[at]) << "element " << at << " visited twice, n=" << n;
        seen[at] = true;
        at = next[at];
        ++steps;
      } while (at != 0);
      EXPECT_EQ(steps, n) << "the cycle from 0 must cover all " << n << " elements";
    }
  }
}

TEST(MicroSattolo, DifferentSeedsGiveDifferentOrders) {
  EXPECT_NE(SattoloCycle(100, 1), SattoloCycle(100, 2));
}

TEST(MicroSweep, SizesAreIncreasingAndCoverTheRange) {
  for (std::size_t max : {4096u, 5000u, 1u << 20, 3u << 20, 100u << 20}) {
    const auto sizes = SweepSizes(4096, max);
    ASSERT_FALSE(sizes.empty());
    EXPECT_EQ(sizes.front(), 4096u);
    EXPECT_EQ(sizes.back(), max);
    for (std::size_t i = 1; i < sizes.size(); ++i) {
      EXPECT_LT(sizes[i - 1], sizes[i]);
      EXPECT_LE(sizes[i], sizes[i - 1] * 2);  // no gap wider than an octave
    }
  }
}

TEST(MicroSweep, MaxIsFourTimesLlcWithinTheCap) {
  EXPECT_EQ(LatencyMaxBytes(32u << 20, 1u << 30), 128u << 20);
  EXPECT_EQ(LatencyMaxBytes(512u << 20, 1u << 30), 1u << 30);
  EXPECT_EQ(LatencyMaxBytes(1u << 20, 1u << 30), 64u << 20);  // never below 64 MiB
}

// Synthetic staircases with noise: levels at known sizes must be found where they are.
TEST(MicroPlateau, FindsStepsOfSyntheticStaircases) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> noise(-0.03, 0.03);
  for (int trial = 0; trial < 100; ++trial) {
    const std::vector<std::size_t> edges = {std::size_t{32} << (10 + rng() % 2),
                                            std::size_t{1} << (20 + rng() % 2),
                                            std::size_t{8} << (20 + rng() % 2)};
    const std::vector<double> levels = {1.2, 4.0 + static_cast<double>(rng() % 3), 14.0, 90.0};
    std::vector<SizePoint> points;
    for (std::size_t bytes : SweepSizes(4096, 256u << 20)) {
      std::size_t level = 0;
      while (level < edges.size() && bytes > edges[level]) ++level;
      points.push_back({bytes, levels[level] * (1.0 + noise(rng))});
    }
    const auto plateaus = DetectPlateaus(points);
    ASSERT_EQ(plateaus.size(), 4u) << "trial " << trial;
    for (std::size_t k = 0; k < edges.size(); ++k) {
      EXPECT_EQ(plateaus[k].last_bytes, edges[k]);
      EXPECT_NEAR(plateaus[k].ns, levels[k], levels[k] * 0.04);
    }
    EXPECT_EQ(plateaus.back().next_bytes, 0u);
  }
}

TEST(MicroPlateau, TransitionPointsBelongToNoPlateau) {
  const std::vector<SizePoint> points = {{4096, 1.0},  {8192, 1.0},   {16384, 1.02}, {32768, 2.5},
                                         {65536, 4.0}, {131072, 4.1}, {262144, 4.0}};
  const auto plateaus = DetectPlateaus(points);
  ASSERT_EQ(plateaus.size(), 2u);
  EXPECT_EQ(plateaus[0].last_bytes, 16384u);
  EXPECT_EQ(plateaus[0].next_bytes, 32768u);
  EXPECT_EQ(plateaus[1].first_bytes, 65536u);
}

TEST(MicroPlateau, NoPlateauInAStrictRamp) {
  std::vector<SizePoint> points;
  double ns = 1.0;
  for (std::size_t b = 4096; b < (1u << 24); b *= 2, ns *= 1.5) points.push_back({b, ns});
  EXPECT_TRUE(DetectPlateaus(points).empty());
}

// Real measurement: a working set in L1 must be much faster than one far past any cache.
TEST(MicroLatency, RisesFromL1ToDram) {
  LatencyConfig config;
  config.min_bytes = 8u << 10;
  config.max_bytes = 64u << 20;
  config.iterations = 3;
  config.seconds_per_sample = 0.01;
  auto points = MeasureLatency(config, {8u << 10, 64u << 20});
  ASSERT_TRUE(points) << points.error().message;
  const auto& first = points->front();
  const auto& last = points->back();
  ASSERT_EQ(first.bytes, 8u << 10);
  ASSERT_EQ(last.bytes, 64u << 20);
  const double l1 = *std::min_element(first.ns.begin(), first.ns.end());
  const double dram = *std::min_element(last.ns.begin(), last.ns.end());
  EXPECT_GT(l1, 0.1);  // no cache answers in under a tenth of a nanosecond
  EXPECT_GT(dram, 4.0 * l1) << "8 KiB: " << l1 << " ns, 64 MiB: " << dram << " ns";
}

}  // namespace
}  // namespace agent::micro
