#pragma once
// EC2 (Query API 2016-11-15): the calls the tool sends and nothing else. Element and
// parameter names are those of the EC2 API reference and of botocore's service model
// (botocore/data/ec2/2016-11-15/service-2.json, locationName / queryName).
// The parsers are public for tests and fuzzing; each accepts any bytes and either returns
// the items or says what is missing.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/request.h"
#include "util/time.h"

namespace aws::ec2 {

inline constexpr std::string_view kVersion = "2016-11-15";

struct Filter {
  std::string name;  // "instance-state-name", "tag:abc:campaign", ...
  std::vector<std::string> values;
};

struct Tag {
  std::string key;
  std::string value;
};

enum class InstanceState {
  kPending,
  kRunning,
  kShuttingDown,
  kTerminated,
  kStopping,
  kStopped,
  kUnknown
};
InstanceState ParseInstanceState(std::string_view name);
const char* ToString(InstanceState state);

struct Instance {
  std::string instance_id;
  std::string instance_type;
  std::string image_id;
  std::string availability_zone;
  std::string subnet_id;
  std::string private_ip;
  std::string public_ip;
  std::string architecture;
  InstanceState state = InstanceState::kUnknown;
  std::string state_reason_code;  // "Server.SpotInstanceTermination", ...
  std::string state_reason_message;
  std::optional<util::TimePoint> launch_time;
  bool spot = false;  // instanceLifecycle == spot
  std::string client_token;
  std::vector<Tag> tags;

  std::optional<std::string> TagValue(std::string_view key) const;
};

struct RunInstancesInput {
  std::string image_id;
  std::string instance_type;
  std::string subnet_id;
  std::vector<std::string> security_group_ids;
  std::optional<std::string> key_name;
  std::optional<std::string> instance_profile;  // a name, or an ARN ("arn:...")
  std::string client_token;
  std::string user_data;         // plain text; sent base64-encoded
  std::vector<Tag> tags;         // on the instance and its volumes, at launch
  std::string root_device_name;  // the AMI's rootDeviceName
  int root_volume_gib = 0;       // 0: the AMI's default
  bool spot = false;             // one-time spot, terminated on interruption
  std::optional<std::string> spot_max_price;
};

util::Expected<std::vector<Instance>> RunInstances(const Caller& ec2,
                                                   const RunInstancesInput& input);
std::vector<QueryParam> RunInstancesParams(const RunInstancesInput& input);

// All pages. Either ids or filters (or neither: everything).
util::Expected<std::vector<Instance>> DescribeInstances(const Caller& ec2,
                                                        const std::vector<std::string>& ids,
                                                        const std::vector<Filter>& filters);

struct StateChange {
  std::string instance_id;
  InstanceState previous = InstanceState::kUnknown;
  InstanceState current = InstanceState::kUnknown;
};
util::Expected<std::vector<StateChange>> TerminateInstances(const Caller& ec2,
                                                            const std::vector<std::string>& ids);

struct SpotPrice {
  std::string instance_type;
  std::string availability_zone;
  std::string product_description;
  double price = 0;  // USD per hour
  util::TimePoint timestamp;
};
struct SpotPriceQuery {
  std::vector<std::string> instance_types;
  std::optional<std::string> availability_zone;
  std::vector<std::string> product_descriptions = {"Linux/UNIX"};
  std::optional<util::TimePoint> start;
  std::optional<util::TimePoint> end;
};
util::Expected<std::vector<SpotPrice>> DescribeSpotPriceHistory(const Caller& ec2,
                                                                const SpotPriceQuery& query);

struct InstanceTypeInfo {
  std::string instance_type;
  int vcpus = 0;
  int cores = 0;
  int threads_per_core = 0;
  long long memory_mib = 0;
  std::vector<std::string> architectures;  // "x86_64", "arm64"
  double sustained_clock_ghz = 0;
  bool current_generation = false;
  bool bare_metal = false;
  bool burstable = false;
  std::vector<std::string> usage_classes;  // "on-demand", "spot"
  std::string hypervisor;
  std::string network_performance;
};
util::Expected<std::vector<InstanceTypeInfo>> DescribeInstanceTypes(
    const Caller& ec2, const std::vector<std::string>& instance_types,
    const std::vector<Filter>& filters);

enum class LocationType { kRegion, kAvailabilityZone };
struct Offering {
  std::string instance_type;
  std::string location;  // the region or the AZ
};
util::Expected<std::vector<Offering>> DescribeInstanceTypeOfferings(
    const Caller& ec2, LocationType location_type, const std::vector<Filter>& filters);

struct Subnet {
  std::string subnet_id;
  std::string vpc_id;
  std::string availability_zone;
  std::string state;
  long long available_ips = 0;
};
util::Expected<std::vector<Subnet>> DescribeSubnets(const Caller& ec2,
                                                    const std::vector<std::string>& ids);

struct SecurityGroup {
  std::string group_id;
  std::string group_name;
  std::string vpc_id;
};
util::Expected<std::vector<SecurityGroup>> DescribeSecurityGroups(
    const Caller& ec2, const std::vector<std::string>& ids);

struct KeyPair {
  std::string key_name;
  std::string key_pair_id;
};
util::Expected<std::vector<KeyPair>> DescribeKeyPairs(const Caller& ec2,
                                                      const std::vector<std::string>& names);

struct Image {
  std::string image_id;
  std::string name;
  std::string architecture;
  std::string state;
  std::string root_device_name;
  std::string creation_date;
};
util::Expected<std::vector<Image>> DescribeImages(const Caller& ec2,
                                                  const std::vector<std::string>& ids);

// One page of each Describe response: the items and the next page's token ("" at the end).
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_token;
};
util::Expected<Page<Instance>> ParseDescribeInstances(std::string_view xml);
util::Expected<std::vector<Instance>> ParseRunInstances(std::string_view xml);
util::Expected<std::vector<StateChange>> ParseTerminateInstances(std::string_view xml);
util::Expected<Page<SpotPrice>> ParseSpotPriceHistory(std::string_view xml);
util::Expected<Page<InstanceTypeInfo>> ParseInstanceTypes(std::string_view xml);
util::Expected<Page<Offering>> ParseInstanceTypeOfferings(std::string_view xml);
util::Expected<Page<Subnet>> ParseSubnets(std::string_view xml);
util::Expected<Page<SecurityGroup>> ParseSecurityGroups(std::string_view xml);
util::Expected<Page<KeyPair>> ParseKeyPairs(std::string_view xml);
util::Expected<Page<Image>> ParseImages(std::string_view xml);

// "Filter.1.Name", "Filter.1.Value.1", ... appended to params.
void AddFilters(const std::vector<Filter>& filters, std::vector<QueryParam>& params);

}  // namespace aws::ec2
