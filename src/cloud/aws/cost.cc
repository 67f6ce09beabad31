#include "cloud/aws/cost.h"

#include <algorithm>

namespace cloud::aws {
namespace {

// The spot price integrated over [start, end): each point holds until the next one; the
// price before the first point is the first point's (the history starts inside the stay).
double SpotUsd(std::vector<PricePoint> history, int64_t start, int64_t end) {
  if (history.empty()) return 0;
  std::sort(history.begin(), history.end(),
            [](const PricePoint& a, const PricePoint& b) { return a.at < b.at; });
  double usd = 0;
  for (size_t i = 0; i < history.size(); ++i) {
    int64_t from = i == 0 ? start : std::max(start, util::ToSeconds(history[i].at));
    int64_t to = i + 1 < history.size() ? std::min(end, util::ToSeconds(history[i + 1].at)) : end;
    if (to > from) usd += history[i].usd_per_hour * static_cast<double>(to - from) / 3600.0;
  }
  return usd;
}

}  // namespace

ActualCost CostOf(const AttemptUsage& usage) {
  ActualCost cost;
  int64_t start = util::ToSeconds(usage.launched_at);
  int64_t ran = std::max<int64_t>(0, util::ToSeconds(usage.ended_at) - start);
  cost.billed_seconds = std::max(ran, kMinimumBilledSeconds);
  double hours = static_cast<double>(cost.billed_seconds) / 3600.0;
  cost.compute_usd = usage.spot ? SpotUsd(usage.spot_history, start, start + cost.billed_seconds)
                                : usage.on_demand_usd_per_hour * hours;
  constexpr double kMonthSeconds = 30.0 * 24 * 3600;
  cost.ebs_usd = kGp3UsdPerGibMonth * usage.root_gib * static_cast<double>(cost.billed_seconds) /
                 kMonthSeconds;
  cost.ipv4_usd = usage.public_ipv4 ? kPublicIpv4UsdPerHour * hours : 0;
  return cost;
}

}  // namespace cloud::aws
