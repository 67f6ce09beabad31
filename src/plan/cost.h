#pragma once
// The cost model (docs/planning.md, "Cost model"). For a session that runs
// `duration_s` seconds from launch to terminate (boot overhead included):
//   billed_s = max(duration_s, minimum_billing_s)
//   instance = on_demand_usd_per_hour * (spot ? spot_price_ratio : 1) * billed_s / 3600
//   volume   = root_volume_gib * gp3_usd_per_gb_month * billed_s / (730 * 3600)
//   ipv4     = public_ipv4 ? ipv4_usd_per_hour * billed_s / 3600 : 0
//   cost     = instance + volume + ipv4

#include <cstdint>

#include "plan/spec.h"

namespace plan {

inline constexpr double kHoursPerMonth = 730;  // AWS's convention for GB-month pro rata

struct Rates {
  double on_demand_usd_per_hour = 0;
  double gp3_usd_per_gb_month = 0;
  double ipv4_usd_per_hour = 0;
};

double MarketFactor(const CostModel& model, Market market);

// The hourly price of what a launch costs besides the instance: gp3 root volume, public IPv4.
double ExtrasUsdPerHour(const CostModel& model, const Rates& rates);

// Cost of one launch that lives `duration_s` seconds.
double LaunchCost(const CostModel& model, const Rates& rates, Market market, int64_t duration_s);

// Cost of `run_s` seconds with no minimum and no boot: the per-job term of the lower bound.
double RunCost(const CostModel& model, const Rates& rates, Market market, int64_t run_s);

}  // namespace plan
