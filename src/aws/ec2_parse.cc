// The EC2 response parsers. Element names: botocore's EC2 service model (locationName).

#include <cstdlib>

#include "aws/ec2.h"
#include "aws/xml.h"
#include "util/strings.h"

namespace aws::ec2 {
namespace {

template <typename T>
using ItemParser = util::Expected<T> (*)(const pugi::xml_node&);

// Every <item> of root/<set_name>, each through parse; stops at the first bad item.
template <typename T>
util::Expected<Page<T>> ParsePage(std::string_view xml, const char* root, const char* set_name,
                                  ItemParser<T> parse, std::string_view what) {
  pugi::xml_document document;
  auto node = LoadXml(document, xml, root, what);
  if (!node) return node.error();
  Page<T> page;
  for (pugi::xml_node item : node->child(set_name).children("item")) {
    auto parsed = parse(item);
    if (!parsed) return parsed.error();
    page.items.push_back(std::move(*parsed));
  }
  page.next_token = Text(*node, "nextToken");
  return page;
}

std::vector<std::string> ItemTexts(const pugi::xml_node& set) {
  std::vector<std::string> values;
  for (pugi::xml_node item : set.children("item")) values.emplace_back(item.text().as_string());
  return values;
}

long long Integer(const pugi::xml_node& node, const char* path) {
  return util::ParseInt(Text(node, path)).value_or(0);
}

util::Expected<Instance> InstanceFrom(const pugi::xml_node& item) {
  Instance instance;
  instance.instance_id = Text(item, "instanceId");
  if (instance.instance_id.empty())
    return MalformedResponse("ec2", "an instance without instanceId");
  instance.instance_type = Text(item, "instanceType");
  instance.image_id = Text(item, "imageId");
  instance.availability_zone = Text(item, "placement/availabilityZone");
  instance.subnet_id = Text(item, "subnetId");
  instance.private_ip = Text(item, "privateIpAddress");
  instance.public_ip = Text(item, "ipAddress");
  instance.architecture = Text(item, "architecture");
  instance.state = ParseInstanceState(Text(item, "instanceState/name"));
  instance.state_reason_code = Text(item, "stateReason/code");
  instance.state_reason_message = Text(item, "stateReason/message");
  instance.launch_time = ParseAwsTime(Text(item, "launchTime"));
  instance.spot = Text(item, "instanceLifecycle") == "spot";
  instance.client_token = Text(item, "clientToken");
  for (pugi::xml_node tag : item.child("tagSet").children("item")) {
    instance.tags.push_back({Text(tag, "key"), Text(tag, "value")});
  }
  return instance;
}

util::Expected<SpotPrice> SpotPriceFrom(const pugi::xml_node& item) {
  SpotPrice price;
  price.instance_type = Text(item, "instanceType");
  price.availability_zone = Text(item, "availabilityZone");
  price.product_description = Text(item, "productDescription");
  auto value = util::ParseDouble(Text(item, "spotPrice"));
  auto timestamp = ParseAwsTime(Text(item, "timestamp"));
  if (!value || *value < 0 || !timestamp || price.instance_type.empty()) {
    return MalformedResponse("ec2 DescribeSpotPriceHistory",
                             "an item without a valid spotPrice, "
                             "timestamp or instanceType");
  }
  price.price = *value;
  price.timestamp = *timestamp;
  return price;
}

util::Expected<InstanceTypeInfo> InstanceTypeFrom(const pugi::xml_node& item) {
  InstanceTypeInfo info;
  info.instance_type = Text(item, "instanceType");
  if (info.instance_type.empty())
    return MalformedResponse("ec2 DescribeInstanceTypes", "no instanceType");
  info.vcpus = static_cast<int>(Integer(item, "vCpuInfo/defaultVCpus"));
  info.cores = static_cast<int>(Integer(item, "vCpuInfo/defaultCores"));
  info.threads_per_core = static_cast<int>(Integer(item, "vCpuInfo/defaultThreadsPerCore"));
  info.memory_mib = Integer(item, "memoryInfo/sizeInMiB");
  info.architectures =
      ItemTexts(item.first_element_by_path("processorInfo/supportedArchitectures"));
  info.sustained_clock_ghz =
      util::ParseDouble(Text(item, "processorInfo/sustainedClockSpeedInGhz")).value_or(0);
  info.current_generation = Text(item, "currentGeneration") == "true";
  info.bare_metal = Text(item, "bareMetal") == "true";
  info.burstable = Text(item, "burstablePerformanceSupported") == "true";
  info.usage_classes = ItemTexts(item.child("supportedUsageClasses"));
  info.hypervisor = Text(item, "hypervisor");
  info.network_performance = Text(item, "networkInfo/networkPerformance");
  return info;
}

util::Expected<Offering> OfferingFrom(const pugi::xml_node& item) {
  Offering offering{Text(item, "instanceType"), Text(item, "location")};
  if (offering.instance_type.empty()) {
    return MalformedResponse("ec2 DescribeInstanceTypeOfferings", "no instanceType");
  }
  return offering;
}

util::Expected<Subnet> SubnetFrom(const pugi::xml_node& item) {
  Subnet subnet{Text(item, "subnetId"), Text(item, "vpcId"), Text(item, "availabilityZone"),
                Text(item, "state"), Integer(item, "availableIpAddressCount")};
  if (subnet.subnet_id.empty()) return MalformedResponse("ec2 DescribeSubnets", "no subnetId");
  return subnet;
}

util::Expected<SecurityGroup> SecurityGroupFrom(const pugi::xml_node& item) {
  SecurityGroup group{Text(item, "groupId"), Text(item, "groupName"), Text(item, "vpcId")};
  if (group.group_id.empty()) return MalformedResponse("ec2 DescribeSecurityGroups", "no groupId");
  return group;
}

util::Expected<KeyPair> KeyPairFrom(const pugi::xml_node& item) {
  KeyPair key{Text(item, "keyName"), Text(item, "keyPairId")};
  if (key.key_name.empty()) return MalformedResponse("ec2 DescribeKeyPairs", "no keyName");
  return key;
}

util::Expected<Image> ImageFrom(const pugi::xml_node& item) {
  Image image{Text(item, "imageId"),    Text(item, "name"),           Text(item, "architecture"),
              Text(item, "imageState"), Text(item, "rootDeviceName"), Text(item, "creationDate")};
  if (image.image_id.empty()) return MalformedResponse("ec2 DescribeImages", "no imageId");
  return image;
}

}  // namespace

InstanceState ParseInstanceState(std::string_view name) {
  if (name == "pending") return InstanceState::kPending;
  if (name == "running") return InstanceState::kRunning;
  if (name == "shutting-down") return InstanceState::kShuttingDown;
  if (name == "terminated") return InstanceState::kTerminated;
  if (name == "stopping") return InstanceState::kStopping;
  if (name == "stopped") return InstanceState::kStopped;
  return InstanceState::kUnknown;
}

const char* ToString(InstanceState state) {
  switch (state) {
    case InstanceState::kPending:
      return "pending";
    case InstanceState::kRunning:
      return "running";
    case InstanceState::kShuttingDown:
      return "shutting-down";
    case InstanceState::kTerminated:
      return "terminated";
    case InstanceState::kStopping:
      return "stopping";
    case InstanceState::kStopped:
      return "stopped";
    case InstanceState::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::optional<std::string> Instance::TagValue(std::string_view key) const {
  for (const Tag& tag : tags) {
    if (tag.key == key) return tag.value;
  }
  return std::nullopt;
}

util::Expected<Page<Instance>> ParseDescribeInstances(std::string_view xml) {
  pugi::xml_document document;
  auto node = LoadXml(document, xml, "DescribeInstancesResponse", "ec2 DescribeInstances");
  if (!node) return node.error();
  Page<Instance> page;
  for (pugi::xml_node reservation : node->child("reservationSet").children("item")) {
    for (pugi::xml_node item : reservation.child("instancesSet").children("item")) {
      auto instance = InstanceFrom(item);
      if (!instance) return instance.error();
      page.items.push_back(std::move(*instance));
    }
  }
  page.next_token = Text(*node, "nextToken");
  return page;
}

util::Expected<std::vector<Instance>> ParseRunInstances(std::string_view xml) {
  auto page = ParsePage<Instance>(xml, "RunInstancesResponse", "instancesSet", InstanceFrom,
                                  "ec2 RunInstances");
  if (!page) return page.error();
  if (page->items.empty()) return MalformedResponse("ec2 RunInstances", "no instance");
  return std::move(page->items);
}

util::Expected<std::vector<StateChange>> ParseTerminateInstances(std::string_view xml) {
  pugi::xml_document document;
  auto node = LoadXml(document, xml, "TerminateInstancesResponse", "ec2 TerminateInstances");
  if (!node) return node.error();
  std::vector<StateChange> changes;
  for (pugi::xml_node item : node->child("instancesSet").children("item")) {
    StateChange change{Text(item, "instanceId"),
                       ParseInstanceState(Text(item, "previousState/name")),
                       ParseInstanceState(Text(item, "currentState/name"))};
    if (change.instance_id.empty()) {
      return MalformedResponse("ec2 TerminateInstances", "an item without instanceId");
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

util::Expected<Page<SpotPrice>> ParseSpotPriceHistory(std::string_view xml) {
  return ParsePage<SpotPrice>(xml, "DescribeSpotPriceHistoryResponse", "spotPriceHistorySet",
                              SpotPriceFrom, "ec2 DescribeSpotPriceHistory");
}

util::Expected<Page<InstanceTypeInfo>> ParseInstanceTypes(std::string_view xml) {
  return ParsePage<InstanceTypeInfo>(xml, "DescribeInstanceTypesResponse", "instanceTypeSet",
                                     InstanceTypeFrom, "ec2 DescribeInstanceTypes");
}

util::Expected<Page<Offering>> ParseInstanceTypeOfferings(std::string_view xml) {
  return ParsePage<Offering>(xml, "DescribeInstanceTypeOfferingsResponse",
                             "instanceTypeOfferingSet", OfferingFrom,
                             "ec2 DescribeInstanceTypeOfferings");
}

util::Expected<Page<Subnet>> ParseSubnets(std::string_view xml) {
  return ParsePage<Subnet>(xml, "DescribeSubnetsResponse", "subnetSet", SubnetFrom,
                           "ec2 DescribeSubnets");
}

util::Expected<Page<SecurityGroup>> ParseSecurityGroups(std::string_view xml) {
  return ParsePage<SecurityGroup>(xml, "DescribeSecurityGroupsResponse", "securityGroupInfo",
                                  SecurityGroupFrom, "ec2 DescribeSecurityGroups");
}

util::Expected<Page<KeyPair>> ParseKeyPairs(std::string_view xml) {
  return ParsePage<KeyPair>(xml, "DescribeKeyPairsResponse", "keySet", KeyPairFrom,
                            "ec2 DescribeKeyPairs");
}

util::Expected<Page<Image>> ParseImages(std::string_view xml) {
  return ParsePage<Image>(xml, "DescribeImagesResponse", "imagesSet", ImageFrom,
                          "ec2 DescribeImages");
}

}  // namespace aws::ec2
