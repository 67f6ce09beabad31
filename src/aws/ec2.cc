// The EC2 calls: request parameters (flattened Query lists: "InstanceId.1",
// "Filter.1.Value.1") and pagination.

#include "aws/ec2.h"

#include <set>

#include "aws/crypto.h"
#include "aws/xml.h"

namespace aws::ec2 {
namespace {

constexpr int kMaxPages = 1000;

void AddList(const std::string& prefix, const std::vector<std::string>& values,
             std::vector<QueryParam>& params) {
  for (size_t i = 0; i < values.size(); ++i) {
    params.push_back({prefix + "." + std::to_string(i + 1), values[i]});
  }
}

std::string Index(size_t i) { return std::to_string(i + 1); }

// Calls `action` page by page until nextToken is empty.
template <typename T, typename Parse>
util::Expected<std::vector<T>> AllPages(const Caller& ec2, std::string_view action,
                                        const std::vector<QueryParam>& params, Parse parse) {
  std::vector<T> items;
  std::string token;
  std::set<std::string> seen;
  for (int page = 0; page < kMaxPages; ++page) {
    std::vector<QueryParam> with_token = params;
    if (!token.empty()) with_token.push_back({"NextToken", token});
    auto body = CallQuery(ec2, action, kVersion, std::move(with_token));
    if (!body) return body.error();
    auto parsed = parse(*body);
    if (!parsed) return parsed.error();
    items.insert(items.end(), std::make_move_iterator(parsed->items.begin()),
                 std::make_move_iterator(parsed->items.end()));
    token = std::move(parsed->next_token);
    if (token.empty()) return items;
    if (!seen.insert(token).second) {
      return MalformedResponse("ec2 " + std::string(action), "a nextToken came back twice");
    }
  }
  return MalformedResponse("ec2 " + std::string(action),
                           "more than " + std::to_string(kMaxPages) + " pages");
}

void AddTags(const std::string& resource_type, size_t index, const std::vector<Tag>& tags,
             std::vector<QueryParam>& params) {
  std::string prefix = "TagSpecification." + Index(index);
  params.push_back({prefix + ".ResourceType", resource_type});
  for (size_t i = 0; i < tags.size(); ++i) {
    params.push_back({prefix + ".Tag." + Index(i) + ".Key", tags[i].key});
    params.push_back({prefix + ".Tag." + Index(i) + ".Value", tags[i].value});
  }
}

}  // namespace

void AddFilters(const std::vector<Filter>& filters, std::vector<QueryParam>& params) {
  for (size_t i = 0; i < filters.size(); ++i) {
    std::string prefix = "Filter." + Index(i);
    params.push_back({prefix + ".Name", filters[i].name});
    AddList(prefix + ".Value", filters[i].values, params);
  }
}

std::vector<QueryParam> RunInstancesParams(const RunInstancesInput& input) {
  std::vector<QueryParam> params = {
      {"ImageId", input.image_id},
      {"InstanceType", input.instance_type},
      {"MinCount", "1"},
      {"MaxCount", "1"},
      {"ClientToken", input.client_token},
      {"SubnetId", input.subnet_id},
      {"InstanceInitiatedShutdownBehavior", "terminate"},
      // IMDSv2 only: the agent asks for a token first.
      {"MetadataOptions.HttpTokens", "required"},
      {"MetadataOptions.HttpEndpoint", "enabled"},
  };
  AddList("SecurityGroupId", input.security_group_ids, params);
  if (input.key_name) params.push_back({"KeyName", *input.key_name});
  if (input.instance_profile) {
    bool is_arn = input.instance_profile->rfind("arn:", 0) == 0;
    params.push_back(
        {is_arn ? "IamInstanceProfile.Arn" : "IamInstanceProfile.Name", *input.instance_profile});
  }
  if (!input.user_data.empty()) params.push_back({"UserData", Base64Encode(input.user_data)});
  if (input.root_volume_gib > 0) {
    params.push_back({"BlockDeviceMapping.1.DeviceName", input.root_device_name});
    params.push_back(
        {"BlockDeviceMapping.1.Ebs.VolumeSize", std::to_string(input.root_volume_gib)});
    params.push_back({"BlockDeviceMapping.1.Ebs.VolumeType", "gp3"});
    params.push_back({"BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true"});
  }
  if (input.spot) {
    params.push_back({"InstanceMarketOptions.MarketType", "spot"});
    params.push_back({"InstanceMarketOptions.SpotOptions.SpotInstanceType", "one-time"});
    params.push_back(
        {"InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior", "terminate"});
    if (input.spot_max_price) {
      params.push_back({"InstanceMarketOptions.SpotOptions.MaxPrice", *input.spot_max_price});
    }
  }
  if (!input.tags.empty()) {
    AddTags("instance", 0, input.tags, params);
    AddTags("volume", 1, input.tags, params);
  }
  return params;
}

util::Expected<std::vector<Instance>> RunInstances(const Caller& ec2,
                                                   const RunInstancesInput& input) {
  auto body = CallQuery(ec2, "RunInstances", kVersion, RunInstancesParams(input));
  if (!body) return body.error();
  return ParseRunInstances(*body);
}

util::Expected<std::vector<Instance>> DescribeInstances(const Caller& ec2,
                                                        const std::vector<std::string>& ids,
                                                        const std::vector<Filter>& filters) {
  std::vector<QueryParam> params;
  AddList("InstanceId", ids, params);
  AddFilters(filters, params);
  if (ids.empty()) params.push_back({"MaxResults", "1000"});  // not allowed with InstanceId
  return AllPages<Instance>(ec2, "DescribeInstances", params, ParseDescribeInstances);
}

util::Expected<std::vector<StateChange>> TerminateInstances(const Caller& ec2,
                                                            const std::vector<std::string>& ids) {
  std::vector<QueryParam> params;
  AddList("InstanceId", ids, params);
  auto body = CallQuery(ec2, "TerminateInstances", kVersion, std::move(params));
  if (!body) return body.error();
  return ParseTerminateInstances(*body);
}

util::Expected<std::vector<SpotPrice>> DescribeSpotPriceHistory(const Caller& ec2,
                                                                const SpotPriceQuery& query) {
  std::vector<QueryParam> params;
  AddList("InstanceType", query.instance_types, params);
  AddList("ProductDescription", query.product_descriptions, params);
  if (query.availability_zone) params.push_back({"AvailabilityZone", *query.availability_zone});
  if (query.start) params.push_back({"StartTime", util::FormatIso8601Utc(*query.start)});
  if (query.end) params.push_back({"EndTime", util::FormatIso8601Utc(*query.end)});
  params.push_back({"MaxResults", "1000"});
  return AllPages<SpotPrice>(ec2, "DescribeSpotPriceHistory", params, ParseSpotPriceHistory);
}

util::Expected<std::vector<InstanceTypeInfo>> DescribeInstanceTypes(
    const Caller& ec2, const std::vector<std::string>& instance_types,
    const std::vector<Filter>& filters) {
  std::vector<QueryParam> params;
  AddList("InstanceType", instance_types, params);
  AddFilters(filters, params);
  params.push_back({"MaxResults", "100"});
  return AllPages<InstanceTypeInfo>(ec2, "DescribeInstanceTypes", params, ParseInstanceTypes);
}

util::Expected<std::vector<Offering>> DescribeInstanceTypeOfferings(
    const Caller& ec2, LocationType location_type, const std::vector<Filter>& filters) {
  std::vector<QueryParam> params = {
      {"LocationType", location_type == LocationType::kRegion ? "region" : "availability-zone"}};
  AddFilters(filters, params);
  params.push_back({"MaxResults", "1000"});
  return AllPages<Offering>(ec2, "DescribeInstanceTypeOfferings", params,
                            ParseInstanceTypeOfferings);
}

util::Expected<std::vector<Subnet>> DescribeSubnets(const Caller& ec2,
                                                    const std::vector<std::string>& ids) {
  std::vector<QueryParam> params;
  AddList("SubnetId", ids, params);
  return AllPages<Subnet>(ec2, "DescribeSubnets", params, ParseSubnets);
}

util::Expected<std::vector<SecurityGroup>> DescribeSecurityGroups(
    const Caller& ec2, const std::vector<std::string>& ids) {
  std::vector<QueryParam> params;
  AddList("GroupId", ids, params);
  return AllPages<SecurityGroup>(ec2, "DescribeSecurityGroups", params, ParseSecurityGroups);
}

util::Expected<std::vector<KeyPair>> DescribeKeyPairs(const Caller& ec2,
                                                      const std::vector<std::string>& names) {
  std::vector<QueryParam> params;
  AddList("KeyName", names, params);
  return AllPages<KeyPair>(ec2, "DescribeKeyPairs", params, ParseKeyPairs);
}

util::Expected<std::vector<Image>> DescribeImages(const Caller& ec2,
                                                  const std::vector<std::string>& ids) {
  std::vector<QueryParam> params;
  AddList("ImageId", ids, params);
  return AllPages<Image>(ec2, "DescribeImages", params, ParseImages);
}

}  // namespace aws::ec2
