#include "plan/cost.h"

#include <gtest/gtest.h>

namespace plan {
namespace {

// Expected values were worked out by hand from the formula in docs/planning.md:
// price * factor * billed/3600 + GiB * gp3 * billed/(730*3600) + ipv4 * billed/3600.
const Rates kM7iLargeUsEast1{0.1008, 0.08, 0.005};

TEST(CostTest, OnDemandLaunch) {
  CostModel model;  // 16 GiB gp3, public IPv4, 60 s minimum
  // 0.028 + 0.000487062 + 0.001388889
  EXPECT_NEAR(LaunchCost(model, kM7iLargeUsEast1, Market::kOnDemand, 1000), 0.0298759513, 1e-9);
}

TEST(CostTest, SpotUsesThePlanningRatio) {
  CostModel model;
  model.spot_price_ratio = 0.35;
  // 0.0098 + 0.000487062 + 0.001388889: only the instance share is discounted.
  EXPECT_NEAR(LaunchCost(model, kM7iLargeUsEast1, Market::kSpot, 1000), 0.0116759513, 1e-9);
}

TEST(CostTest, MinimumBillingPerLaunch) {
  CostModel model;
  // 30 s is billed as 60 s: 0.00168 + 0.0000292237 + 0.0000833333.
  EXPECT_NEAR(LaunchCost(model, kM7iLargeUsEast1, Market::kOnDemand, 30), 0.0017925571, 1e-9);
  EXPECT_DOUBLE_EQ(LaunchCost(model, kM7iLargeUsEast1, Market::kOnDemand, 0),
                   LaunchCost(model, kM7iLargeUsEast1, Market::kOnDemand, 60));
  // RunCost has no minimum: 30 s cost half of 60 s.
  EXPECT_NEAR(RunCost(model, kM7iLargeUsEast1, Market::kOnDemand, 30) * 2,
              RunCost(model, kM7iLargeUsEast1, Market::kOnDemand, 60), 1e-12);
}

TEST(CostTest, OneHourWithoutPublicAddress) {
  CostModel model;
  model.public_ipv4 = false;
  // r7a.4xlarge at 1.2168/h for one hour plus 16 GiB * 0.08 / 730.
  EXPECT_NEAR(LaunchCost(model, Rates{1.2168, 0.08, 0.005}, Market::kOnDemand, 3600), 1.2185534247,
              1e-9);
}

TEST(CostTest, GrowsWithTimeAndNeverBelowRunCost) {
  CostModel model;
  double previous = 0;
  for (int64_t s = 0; s <= 7200; s += 7) {
    double launch = LaunchCost(model, kM7iLargeUsEast1, Market::kSpot, s);
    EXPECT_GE(launch, previous);
    EXPECT_GE(launch, RunCost(model, kM7iLargeUsEast1, Market::kSpot, s));
    previous = launch;
  }
}

}  // namespace
}  // namespace plan
