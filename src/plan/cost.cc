#include "plan/cost.h"

#include <algorithm>

namespace plan {
namespace {

double PerSecond(const CostModel& model, const Rates& rates, Market market) {
  double instance = rates.on_demand_usd_per_hour * MarketFactor(model, market) / 3600.0;
  return instance + ExtrasUsdPerHour(model, rates) / 3600.0;
}

}  // namespace

double ExtrasUsdPerHour(const CostModel& model, const Rates& rates) {
  double volume = model.root_volume_gib * rates.gp3_usd_per_gb_month / kHoursPerMonth;
  return volume + (model.public_ipv4 ? rates.ipv4_usd_per_hour : 0.0);
}

double MarketFactor(const CostModel& model, Market market) {
  return market == Market::kSpot ? model.spot_price_ratio : 1.0;
}

double LaunchCost(const CostModel& model, const Rates& rates, Market market, int64_t duration_s) {
  int64_t billed_s = std::max(duration_s, model.minimum_billing_s);
  return PerSecond(model, rates, market) * static_cast<double>(billed_s);
}

double RunCost(const CostModel& model, const Rates& rates, Market market, int64_t run_s) {
  return PerSecond(model, rates, market) * static_cast<double>(run_s);
}

}  // namespace plan
