// libFuzzer target: the JSON parsers of the AWS layer (Pricing with its JSON-in-JSON items,
// SSM, Service Quotas, JSON errors, IMDS credentials).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aws/errors.h"
#include "aws/imds.h"
#include "aws/json_services.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  auto products = aws::ParseGetProducts(json);
  if (!products && products.error().message.empty()) __builtin_trap();
  if (products) {
    for (const auto& item : products->items) {
      if (item.on_demand_usd_per_hour && !(*item.on_demand_usd_per_hour >= 0)) __builtin_trap();
    }
  }
  auto parameter = aws::ParseGetParameter(json);
  if (parameter && parameter->value.empty()) __builtin_trap();
  auto quota = aws::ParseGetServiceQuota(json);
  if (quota && !(quota->value >= 0)) __builtin_trap();
  auto error = aws::ParseJsonError(json, "");
  if (error && error->code.empty()) __builtin_trap();
  auto credentials = aws::ParseImdsCredentials(json);
  if (credentials && credentials->access_key_id.empty()) __builtin_trap();
  return 0;
}
