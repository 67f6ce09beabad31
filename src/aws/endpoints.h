#pragma once
// Region and endpoint resolution as the AWS CLI does it.
// Region: the explicit value (--region), AWS_REGION, AWS_DEFAULT_REGION, the profile's
// `region`. Endpoint: the explicit value (--endpoint-url), AWS_ENDPOINT_URL_<SERVICE>,
// AWS_ENDPOINT_URL, the profile's `endpoint_url`, then the service's default for the
// region (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true skips the variables and the profile).

#include <optional>
#include <string>
#include <string_view>

#include "aws/config_files.h"
#include "aws/environment.h"
#include "aws/uri.h"
#include "util/expected.h"

namespace aws {

enum class Service { kEc2, kS3, kSsm, kSts, kServiceQuotas, kPricing, kIam };

struct ServiceInfo {
  std::string_view signing_name;  // the SigV4 service name
  std::string_view host_prefix;   // "ec2" in ec2.us-east-1.amazonaws.com
  std::string_view env_suffix;    // "EC2" in AWS_ENDPOINT_URL_EC2
};

const ServiceInfo& InfoOf(Service service);

struct ResolvedEndpoint {
  Endpoint endpoint;
  std::string signing_region;
  std::string signing_name;
  bool configured = false;  // the URL came from the user (flag, variable, profile), not AWS
};

// What the user chose, with the files and the environment they are resolved against.
struct Settings {
  std::optional<std::string> region;        // --region
  std::optional<std::string> endpoint_url;  // --endpoint-url
  std::string profile;                      // the selected profile's name
  const ConfigFiles* files = nullptr;       // may be null: no files
  Environment environment;
};

// An error names where the region could have come from when none did.
util::Expected<std::string> ResolveRegion(const Settings& settings);

util::Expected<ResolvedEndpoint> ResolveEndpoint(Service service, const std::string& region,
                                                 const Settings& settings);

// The AWS partition of a region: "aws-cn" for cn-*, "aws-us-gov" for us-gov-*, else "aws"
// (the partition field of ARNs).
std::string PartitionOf(std::string_view region);

// IAM is global per partition: one endpoint (iam.amazonaws.com, iam.cn-north-1.amazonaws.com.cn,
// iam.us-gov.amazonaws.com) signed for the partition's home region (us-east-1, cn-north-1,
// us-gov-west-1), whatever the campaign's region (botocore's endpoints.json says the same).
std::string IamSigningRegion(std::string_view region);

// Pricing's API lives in us-east-1, eu-central-1 and ap-south-1 only: the nearest of those.
std::string PricingRegionFor(std::string_view region);

}  // namespace aws
