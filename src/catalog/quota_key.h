#pragma once
// The market an instance runs in and the key of a vCPU quota: (quota class, market). The quota
// class is a catalog fact (instance_type.h), so the key lives here and every module that
// counts quota (plan, exec, the sim) uses this one type and this one spelling, `class:market`
// (e.g. `standard:spot`), in flags, JSON and messages.

#include <optional>
#include <string>
#include <string_view>

#include "util/expected.h"

namespace catalog {

enum class Market { kOnDemand, kSpot };
const char* ToString(Market market);  // "on-demand", "spot"
// nullopt for anything but "on-demand" and "spot".
std::optional<Market> MarketFromText(std::string_view text);

struct QuotaKey {
  std::string quota_class;  // "standard"
  Market market = Market::kOnDemand;
  // clang-tidy 14 reads the defaulted <=> as a literal 0 compared with a pointer.
  auto operator<=>(const QuotaKey&) const = default;  // NOLINT(modernize-use-nullptr)
};

std::string FormatQuotaKey(const QuotaKey& key);  // "standard:spot"
// CLASS:MARKET; the class is lower-cased. An error names the text and what is accepted.
util::Expected<QuotaKey> ParseQuotaKey(std::string_view text);

}  // namespace catalog
