#pragma once
// What one attempt really cost: EC2 bills Linux instances per second with a 60-second
// minimum, at the on-demand price, or at the spot price of the instance's AZ in force
// during each part of the interval; the gp3 root volume per GiB-month pro rata (a month of
// 30 days, as AWS's EBS pricing examples count it) and a public IPv4 address per hour.

#include <cstdint>
#include <vector>

#include "util/time.h"

namespace cloud::aws {

// us-east-1 list prices (aws.amazon.com/ebs/pricing: gp3 $0.08 per GB-month;
// aws.amazon.com/vpc/pricing: public IPv4 $0.005 per IP-hour, since 2024-02-01).
inline constexpr double kGp3UsdPerGibMonth = 0.08;
inline constexpr double kPublicIpv4UsdPerHour = 0.005;
inline constexpr int64_t kMinimumBilledSeconds = 60;

struct PricePoint {
  util::TimePoint at;
  double usd_per_hour = 0;
};

struct AttemptUsage {
  util::TimePoint launched_at{};
  util::TimePoint ended_at{};
  bool spot = false;
  double on_demand_usd_per_hour = 0;
  std::vector<PricePoint> spot_history;  // of the instance's type and AZ, any order
  int root_gib = 0;
  bool public_ipv4 = false;
};

struct ActualCost {
  int64_t billed_seconds = 0;
  double compute_usd = 0;
  double ebs_usd = 0;
  double ipv4_usd = 0;
  double total_usd() const { return compute_usd + ebs_usd + ipv4_usd; }
};

// A spot attempt with no price point at all is charged nothing for compute and says so by
// returning compute_usd = 0; the caller reports it as unknown.
ActualCost CostOf(const AttemptUsage& usage);

}  // namespace cloud::aws
