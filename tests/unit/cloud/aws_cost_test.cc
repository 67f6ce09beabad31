// Cost actual of one attempt: the 60-second minimum, per-second on-demand billing, spot
// prices integrated piecewise over the stay, gp3 and public IPv4. Expected values are
// worked out by hand from the stated prices, not taken from the code.

#include "cloud/aws/cost.h"

#include <gtest/gtest.h>

#include <random>

namespace cloud::aws {
namespace {

util::TimePoint At(int64_t s) { return util::FromSeconds(1767225600 + s); }

TEST(AwsCost, ShortRunsPayTheMinuteOnDemandPaysPerSecond) {
  AttemptUsage usage{At(0), At(10), false, 3.6, {}, 0, false};
  ActualCost c = CostOf(usage);
  EXPECT_EQ(c.billed_seconds, 60);
  EXPECT_NEAR(c.compute_usd, 0.06, 1e-12);  // 3.6 $/h = 0.001 $/s, 60 s
  usage.ended_at = At(3601);
  EXPECT_NEAR(CostOf(usage).compute_usd, 3.601, 1e-9);
}

TEST(AwsCost, SpotFollowsThePriceInForceEachSecond) {
  // 0.36 $/h until +100 s, then 0.72 $/h: 100 s at 0.0001 + 200 s at 0.0002 = 0.05.
  AttemptUsage usage{At(0), At(300), true, 99, {{At(100), 0.72}, {At(-5000), 0.36}}, 0, false};
  EXPECT_NEAR(CostOf(usage).compute_usd, 0.05, 1e-12);
  // A change after the end does not count.
  usage.spot_history.push_back({At(400), 100});
  EXPECT_NEAR(CostOf(usage).compute_usd, 0.05, 1e-12);
}

TEST(AwsCost, VolumeAndAddressAreProRata) {
  // 12 GiB for 30 days at 0.08 = 0.96; one day = 0.032; IPv4 one day = 0.12.
  AttemptUsage usage{At(0), At(86400), false, 0, {}, 12, true};
  ActualCost c = CostOf(usage);
  EXPECT_NEAR(c.ebs_usd, 0.032, 1e-12);
  EXPECT_NEAR(c.ipv4_usd, 0.12, 1e-12);
  EXPECT_NEAR(c.total_usd(), 0.152, 1e-12);
}

TEST(AwsCost, ConstantSpotPriceEqualsOnDemandAtThatPrice) {
  std::mt19937 random(7);
  for (int i = 0; i < 500; ++i) {
    std::uniform_int_distribution<int64_t> seconds(0, 100000);
    std::uniform_real_distribution<double> prices(0, 10);
    int64_t start = seconds(random), length = seconds(random) / 5, before = seconds(random) / 100;
    double price = prices(random);
    AttemptUsage spot{At(start), At(start + length), true, 0, {{At(start - 1 - before), price}}, 0,
                      false};
    AttemptUsage od{At(start), At(start + length), false, price, {}, 0, false};
    ASSERT_NEAR(CostOf(spot).compute_usd, CostOf(od).compute_usd, 1e-9) << start << " " << length;
  }
}

}  // namespace
}  // namespace cloud::aws
