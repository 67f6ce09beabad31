#include "catalog/quota_key.h"

#include "util/strings.h"

namespace catalog {

const char* ToString(Market market) { return market == Market::kSpot ? "spot" : "on-demand"; }

std::optional<Market> MarketFromText(std::string_view text) {
  for (Market market : {Market::kOnDemand, Market::kSpot})
    if (text == ToString(market)) return market;
  return std::nullopt;
}

std::string FormatQuotaKey(const QuotaKey& key) {
  return key.quota_class + ":" + ToString(key.market);
}

util::Expected<QuotaKey> ParseQuotaKey(std::string_view text) {
  size_t colon = text.rfind(':');
  auto market =
      colon == std::string_view::npos ? std::nullopt : MarketFromText(text.substr(colon + 1));
  if (colon == 0 || !market) {
    return util::InvalidInput("'" + std::string(text) +
                              "' is not a quota key (accepted: CLASS:MARKET with MARKET "
                              "on-demand or spot, e.g. standard:spot)");
  }
  return QuotaKey{util::ToLower(text.substr(0, colon)), *market};
}

}  // namespace catalog
