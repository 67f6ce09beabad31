#include "aws/endpoints.h"

#include <iterator>

#include "util/strings.h"

namespace aws {
namespace {

bool ValidRegion(std::string_view region) {
  if (region.empty() || region.front() == '-' || region.back() == '-') return false;
  for (char c : region) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// What differs between AWS's partitions, in one place (botocore's endpoints.json).
struct PartitionFacts {
  const char* region_prefix;  // "" matches every region (the aws partition, last)
  const char* name;           // the partition field of ARNs
  const char* dns_suffix;
  const char* iam_host;            // IAM's one global endpoint
  const char* iam_signing_region;  // the region IAM's requests are signed for
};

const PartitionFacts& FactsOf(std::string_view region) {
  static const PartitionFacts kPartitions[] = {
      {"cn-", "aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {"us-gov-", "aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1"},
      {"", "aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1"},
  };
  for (const PartitionFacts& facts : kPartitions) {
    if (util::StartsWith(region, facts.region_prefix)) return facts;
  }
  return kPartitions[std::size(kPartitions) - 1];
}

std::string DnsSuffix(std::string_view region) { return FactsOf(region).dns_suffix; }

std::optional<std::string> Configured(const Settings& settings, Service service) {
  bool ignore =
      util::ParseBool(settings.environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").value_or("false"))
          .value_or(false);
  if (ignore) return std::nullopt;
  std::string specific = "AWS_ENDPOINT_URL_" + std::string(InfoOf(service).env_suffix);
  if (auto url = settings.environment(specific)) return url;
  if (auto url = settings.environment("AWS_ENDPOINT_URL")) return url;
  if (settings.files != nullptr) return settings.files->Get(settings.profile, "endpoint_url");
  return std::nullopt;
}

}  // namespace

const ServiceInfo& InfoOf(Service service) {
  static const ServiceInfo kEc2{"ec2", "ec2", "EC2"};
  static const ServiceInfo kS3{"s3", "s3", "S3"};
  static const ServiceInfo kSsm{"ssm", "ssm", "SSM"};
  static const ServiceInfo kSts{"sts", "sts", "STS"};
  static const ServiceInfo kQuotas{"servicequotas", "servicequotas", "SERVICE_QUOTAS"};
  static const ServiceInfo kPricing{"pricing", "api.pricing", "PRICING"};
  static const ServiceInfo kIam{"iam", "iam", "IAM"};
  switch (service) {
    case Service::kEc2:
      return kEc2;
    case Service::kS3:
      return kS3;
    case Service::kSsm:
      return kSsm;
    case Service::kSts:
      return kSts;
    case Service::kServiceQuotas:
      return kQuotas;
    case Service::kPricing:
      return kPricing;
    case Service::kIam:
      return kIam;
  }
  return kEc2;
}

util::Expected<std::string> ResolveRegion(const Settings& settings) {
  std::optional<std::string> region = settings.region;
  std::string source = "--region";
  for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (!region) {
      region = settings.environment(variable);
      source = variable;
    }
  }
  if (!region && settings.files != nullptr) {
    region = settings.files->Get(settings.profile, "region");
    source = "region of profile '" + settings.profile + "'";
  }
  if (!region) {
    return util::InvalidInput(
        "no AWS region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region in "
        "profile '" +
        settings.profile + "' of the AWS config file");
  }
  if (!ValidRegion(*region)) {
    return util::InvalidInput(source + ": '" + *region +
                              "' is not a region name (lower-case letters, digits and '-', "
                              "like us-east-1)");
  }
  return *region;
}

std::string PartitionOf(std::string_view region) { return FactsOf(region).name; }

std::string IamSigningRegion(std::string_view region) { return FactsOf(region).iam_signing_region; }

namespace {

std::string DefaultUrl(Service service, const std::string& signing_region) {
  const ServiceInfo& info = InfoOf(service);
  if (service == Service::kIam) return "https://" + std::string(FactsOf(signing_region).iam_host);
  return "https://" + std::string(info.host_prefix) + "." + signing_region + "." +
         DnsSuffix(signing_region);
}

std::string SigningRegionFor(Service service, const std::string& region) {
  if (service == Service::kPricing) return PricingRegionFor(region);
  if (service == Service::kIam) return IamSigningRegion(region);
  return region;
}

}  // namespace

std::string PricingRegionFor(std::string_view region) {
  if (util::StartsWith(region, "eu-") || util::StartsWith(region, "me-") ||
      util::StartsWith(region, "af-") || util::StartsWith(region, "il-")) {
    return "eu-central-1";
  }
  if (util::StartsWith(region, "ap-")) return "ap-south-1";
  return "us-east-1";
}

util::Expected<ResolvedEndpoint> ResolveEndpoint(Service service, const std::string& region,
                                                 const Settings& settings) {
  const ServiceInfo& info = InfoOf(service);
  ResolvedEndpoint resolved;
  resolved.signing_name = std::string(info.signing_name);
  resolved.signing_region = SigningRegionFor(service, region);
  std::optional<std::string> url = settings.endpoint_url;
  std::string what = "--endpoint-url";
  if (!url) {
    url = Configured(settings, service);
    what = "the configured endpoint URL for " + std::string(info.signing_name);
  }
  resolved.configured = url.has_value();
  if (!url) url = DefaultUrl(service, resolved.signing_region);
  auto endpoint = ParseEndpoint(*url, what);
  if (!endpoint) return endpoint.error();
  resolved.endpoint = std::move(*endpoint);
  return resolved;
}

}  // namespace aws
