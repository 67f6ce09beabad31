#pragma once
// The JSON-protocol services the tool reads: SSM GetParameter (the AMI of each
// architecture from AWS's public parameters), Service Quotas GetServiceQuota (the account's
// vCPU quotas) and Pricing GetProducts (on-demand prices; each PriceList item is a JSON
// document inside a JSON string).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/request.h"

namespace aws {

// Public SSM parameters naming the latest Amazon Linux 2023 AMI per architecture
// (docs.aws.amazon.com/linux/al2023/ug/ec2.html, "AL2023 AMI ... SSM parameter").
inline constexpr std::string_view kAl2023X86Parameter =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
inline constexpr std::string_view kAl2023ArmParameter =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

struct Parameter {
  std::string name;
  std::string value;
  long long version = 0;
};
util::Expected<Parameter> GetParameter(const Caller& ssm, const std::string& name);
util::Expected<Parameter> ParseGetParameter(std::string_view json);

struct ServiceQuota {
  std::string service_code;
  std::string quota_code;
  std::string quota_name;
  double value = 0;
};
util::Expected<ServiceQuota> GetServiceQuota(const Caller& quotas, const std::string& service_code,
                                             const std::string& quota_code);
util::Expected<ServiceQuota> ParseGetServiceQuota(std::string_view json);

struct PriceFilter {
  std::string field;  // "instanceType", "regionCode", "operatingSystem", "tenancy", ...
  std::string value;  // matched exactly (TERM_MATCH)
};
struct PriceItem {
  std::string sku;
  std::map<std::string, std::string> attributes;  // product.attributes
  std::optional<double> on_demand_usd_per_hour;   // one OnDemand term, one hourly dimension
};
// All pages of AmazonEC2 products matching every filter.
util::Expected<std::vector<PriceItem>> GetProducts(const Caller& pricing,
                                                   const std::vector<PriceFilter>& filters);
struct PricePage {
  std::vector<PriceItem> items;
  std::string next_token;
};
util::Expected<PricePage> ParseGetProducts(std::string_view json);

}  // namespace aws
