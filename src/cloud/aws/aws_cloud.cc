#include "cloud/aws/aws_cloud.h"

#include <algorithm>
#include <chrono>

#include "aws/json_services.h"
#include "aws/s3.h"
#include "cloud/aws/suite_upload.h"
#include "cloud/aws/user_data.h"

namespace cloud::aws {

namespace ec2 = ::aws::ec2;
namespace s3 = ::aws::s3;
using ::aws::Service;

namespace {

constexpr std::chrono::seconds kMaxPresignLifetime{7 * 24 * 3600};  // SigV4's limit

// When the session's URLs are signed and how long they last. EC2 compares every parameter of
// a RunInstances sent again with the same ClientToken (after a lost reply, a throttled call,
// a resumed controller) and answers IdempotentParameterMismatch if the user-data differs, so
// the same attempt must give the same URLs: they are signed at a fixed instant, the deadline
// less the longest lifetime, and so stay valid until exactly the deadline. A deadline further
// away than that (never for a planned session) is signed now, for at least a minute.
struct PresignTiming {
  util::TimePoint signed_at;
  std::chrono::seconds lifetime;
};
PresignTiming PresignTimingFor(util::TimePoint now, util::TimePoint deadline) {
  util::TimePoint fixed = deadline - kMaxPresignLifetime;
  if (fixed <= now) return {fixed, kMaxPresignLifetime};
  auto left = std::chrono::duration_cast<std::chrono::seconds>(deadline - now);
  return {now, std::clamp(left, std::chrono::seconds(60), kMaxPresignLifetime)};
}

// How the instance reaches the bucket. By role it is told the bucket, its region and the S3
// endpoint when the user overrode it (--endpoint-url and the like); AWS's own is the CLI's
// default.
S3Target S3TargetOf(const AwsSetup& setup, const ::aws::Caller& s3_caller) {
  if (setup.presigned_urls) return {ObjectAccess::kPresignedUrls, "", "", ""};
  return {ObjectAccess::kInstanceRole, setup.bucket, setup.region,
          s3_caller.endpoint.configured ? s3_caller.endpoint.endpoint.Url() : ""};
}

InstanceState ToProviderState(ec2::InstanceState state) {
  switch (state) {
    case ec2::InstanceState::kPending:
      return InstanceState::kPending;
    case ec2::InstanceState::kRunning:
      return InstanceState::kRunning;
    case ec2::InstanceState::kShuttingDown:
    case ec2::InstanceState::kStopping:
      return InstanceState::kShuttingDown;
    case ec2::InstanceState::kTerminated:
      return InstanceState::kTerminated;
    case ec2::InstanceState::kStopped:
      return InstanceState::kStopped;
    case ec2::InstanceState::kUnknown:
      break;
  }
  return InstanceState::kPending;  // not yet known: EC2 reports it on the next look
}

}  // namespace

InstanceInfo ToInstanceInfo(const ec2::Instance& instance, const std::string& region,
                            std::optional<util::TimePoint> observed_at) {
  InstanceInfo info;
  info.id = instance.instance_id;
  info.client_token = instance.client_token;
  info.region = region;
  info.zone = instance.availability_zone;
  info.market = instance.spot ? "spot" : "on-demand";
  info.instance_type = instance.instance_type;
  info.state = ToProviderState(instance.state);
  if (instance.launch_time) info.launched_at = *instance.launch_time;
  // DescribeInstances gives no end time: the first time it is seen terminated stands in.
  if (info.state == InstanceState::kTerminated) info.ended_at = observed_at;
  // EC2's state reason when a spot instance was reclaimed.
  if (instance.state_reason_code == "Server.SpotInstanceTermination") {
    info.interruption_notice = observed_at;
  }
  for (const auto& tag : instance.tags) info.tags[tag.key] = tag.value;
  return info;
}

AwsCloud::AwsCloud(AwsSetup setup, std::unique_ptr<Services> services)
    : setup_(std::move(setup)), services_(std::move(services)) {}

util::Expected<::aws::Caller> AwsCloud::Caller(Service service, const std::string& region) {
  return services_->For(service, region);
}

std::vector<std::string> AwsCloud::Zones(const std::string& region) {
  std::vector<std::string> zones;
  if (region != setup_.region) return zones;
  for (const auto& subnet : setup_.subnets) {
    if (std::find(zones.begin(), zones.end(), subnet.zone) == zones.end()) {
      zones.push_back(subnet.zone);
    }
  }
  return zones;
}

util::Expected<std::string> AwsCloud::SubnetFor(const LaunchRequest& request) const {
  for (const auto& subnet : setup_.subnets) {
    if (request.zone.empty() || subnet.zone == request.zone) return subnet.subnet_id;
  }
  return util::MakeError(util::ErrorClass::kFatal,
                         "aws: no --subnet in zone '" + request.zone + "' of region " +
                             request.region + " (give a --subnet there)",
                         "NoSubnetInZone");
}

util::Expected<ec2::InstanceTypeInfo> AwsCloud::TypeInfo(const std::string& region,
                                                         const std::string& instance_type) {
  std::string key = region + "/" + instance_type;
  if (auto found = types_.find(key); found != types_.end()) return found->second;
  auto ec2_caller = Caller(Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto infos = ec2::DescribeInstanceTypes(*ec2_caller, {instance_type}, {});
  if (!infos) return infos.error();
  for (const auto& info : *infos) types_[region + "/" + info.instance_type] = info;
  if (auto found = types_.find(key); found != types_.end()) return found->second;
  return util::MakeError(
      util::ErrorClass::kFatal,
      "aws: EC2 does not describe instance type " + instance_type + " in " + region,
      "UnknownInstanceType");
}

util::Expected<ImageChoice> AwsCloud::ImageFor(const std::string& region, const std::string& arch) {
  if (auto found = setup_.images.find(arch); found != setup_.images.end()) return found->second;
  std::string image_id = setup_.ami;
  if (image_id.empty()) {
    auto parameter = setup_.ami_parameters.find(arch);
    if (parameter == setup_.ami_parameters.end()) {
      return util::MakeError(util::ErrorClass::kFatal,
                             "aws: no AMI for architecture " + arch + " (give --ami)",
                             "NoImageForArchitecture");
    }
    auto ssm = Caller(Service::kSsm, region);
    if (!ssm) return ssm.error();
    auto value = ::aws::GetParameter(*ssm, parameter->second);
    if (!value) return value.error();
    image_id = value->value;
  }
  auto ec2_caller = Caller(Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto images = ec2::DescribeImages(*ec2_caller, {image_id});
  if (!images) return images.error();
  if (images->empty()) {
    return util::MakeError(util::ErrorClass::kFatal, "aws: AMI " + image_id + " is not visible",
                           "InvalidAMIID.NotFound");
  }
  ImageChoice choice{image_id, images->front().root_device_name};
  setup_.images[arch] = choice;
  return choice;
}

util::Expected<std::string> AwsCloud::UserDataFor(const LaunchRequest& request,
                                                  const std::string& arch) {
  auto agent = setup_.agents.find(arch);
  if (agent == setup_.agents.end()) {
    return util::MakeError(util::ErrorClass::kFatal,
                           "aws: no agent for " + arch + " was uploaded at campaign start",
                           "NoAgentForArchitecture");
  }
  auto s3_caller = Caller(Service::kS3, setup_.region);
  if (!s3_caller) return s3_caller.error();
  s3::Location where{setup_.bucket, s3::PathStyleFor(*s3_caller, setup_.bucket)};
  PresignTiming timing = PresignTimingFor(services_->Now(), request.deadline);
  ::aws::Caller signer = *s3_caller;
  signer.now = [at = timing.signed_at] { return at; };
  UserDataInput input;
  input.s3 = S3TargetOf(setup_, *s3_caller);
  // By role the script names keys; with --presigned-urls, one URL per object and method.
  RefFor ref_for = [&](const std::string& key,
                       s3::PresignMethod method) -> util::Expected<ObjectRef> {
    if (!setup_.presigned_urls) return key;
    return s3::PresignUrl(signer, where, key, method, timing.lifetime);
  };
  input.session = request.session;
  input.deadline = request.deadline;
  input.market = request.market;
  input.quick = setup_.quick;
  input.agent_sha256 = agent->second.sha256;
  input.packages = PackagesFor(request.payload);
  auto agent_object = ref_for(agent->second.key, s3::PresignMethod::kGet);
  if (!agent_object) return agent_object.error();
  input.agent = *agent_object;
  auto interrupted = ref_for(InterruptedKey(request.campaign, request.session, request.attempt),
                             s3::PresignMethod::kPut);
  if (!interrupted) return interrupted.error();
  input.interrupted = *interrupted;
  for (const auto& job : request.payload) {
    auto result = ref_for(ResultKey(request.campaign, request.session, request.attempt, job.id),
                          s3::PresignMethod::kPut);
    if (!result) return result.error();
    input.jobs.push_back({job.id, job.benchmark, *result});
  }
  if (auto shipped = ShipSuites(*s3_caller, where, request, ref_for, input); !shipped)
    return shipped.error();
  return BuildUserData(input);
}

util::Expected<std::string> AwsCloud::Launch(const LaunchRequest& request) {
  auto subnet = SubnetFor(request);
  if (!subnet) return subnet.error();
  auto type = TypeInfo(request.region, request.instance_type);
  if (!type) return type.error();
  if (type->architectures.empty()) {
    return util::MakeError(util::ErrorClass::kFatal,
                           "aws: EC2 gives no architecture for " + request.instance_type,
                           "UnknownArchitecture");
  }
  const std::string& arch = type->architectures.front();
  auto image = ImageFor(request.region, arch);
  if (!image) return image.error();
  auto user_data = UserDataFor(request, arch);
  if (!user_data) return user_data.error();

  ec2::RunInstancesInput input;
  input.image_id = image->image_id;
  input.instance_type = request.instance_type;
  input.subnet_id = *subnet;
  input.security_group_ids = setup_.security_groups;
  if (!setup_.key_pair.empty()) input.key_name = setup_.key_pair;
  if (!setup_.instance_profile.empty()) input.instance_profile = setup_.instance_profile;
  input.client_token = request.client_token;
  input.user_data = *user_data;
  for (const auto& [key, value] : request.tags) input.tags.push_back({key, value});
  input.root_device_name = image->root_device_name;
  input.root_volume_gib = RootVolumeGib(request.payload);
  input.spot = request.market == "spot";

  auto ec2_caller = Caller(Service::kEc2, request.region);
  if (!ec2_caller) return ec2_caller.error();
  auto launched = ec2::RunInstances(*ec2_caller, input);
  if (!launched) return launched.error();
  if (launched->empty()) {
    return util::MakeError(util::ErrorClass::kTransient,
                           "aws: RunInstances answered without an instance", "NoInstance");
  }
  const std::string& id = launched->front().instance_id;
  instance_by_prefix_[AttemptPrefix(request.campaign, request.session, request.attempt)] = id;
  return id;
}

util::Expected<std::vector<InstanceInfo>> AwsCloud::Describe(const std::string& region,
                                                             const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<InstanceInfo>{};
  auto ec2_caller = Caller(Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto instances = ec2::DescribeInstances(*ec2_caller, ids, {});
  if (!instances) return instances.error();
  std::vector<InstanceInfo> out;
  for (const auto& instance : *instances) {
    out.push_back(ToInstanceInfo(instance, region, services_->Now()));
  }
  return out;
}

util::Expected<std::vector<InstanceInfo>> AwsCloud::DescribeByTag(const std::string& region,
                                                                  const std::string& key,
                                                                  const std::string& value) {
  auto ec2_caller = Caller(Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto instances = ec2::DescribeInstances(*ec2_caller, {}, {{"tag:" + key, {value}}});
  if (!instances) return instances.error();
  std::vector<InstanceInfo> out;
  for (const auto& instance : *instances) {
    out.push_back(ToInstanceInfo(instance, region, services_->Now()));
  }
  return out;
}

util::Status AwsCloud::Terminate(const std::string& region, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  auto ec2_caller = Caller(Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto changes = ec2::TerminateInstances(*ec2_caller, ids);
  if (!changes) return changes.error();
  return {};
}

util::Expected<double> AwsCloud::SpotPrice(const std::string& instance_type,
                                           const std::string& zone) {
  auto ec2_caller = Caller(Service::kEc2, RegionOfZone(zone));
  if (!ec2_caller) return ec2_caller.error();
  ec2::SpotPriceQuery query;
  query.instance_types = {instance_type};
  query.availability_zone = zone;
  // With StartTime = now EC2 returns the price in force now (and any later changes).
  query.start = services_->Now();
  auto prices = ec2::DescribeSpotPriceHistory(*ec2_caller, query);
  if (!prices) return prices.error();
  const ec2::SpotPrice* latest = nullptr;
  for (const auto& price : *prices) {
    if (price.availability_zone != zone || price.instance_type != instance_type) continue;
    if (latest == nullptr || price.timestamp > latest->timestamp) latest = &price;
  }
  if (latest == nullptr) {
    return util::MakeError(util::ErrorClass::kNotFound,
                           "aws: no spot price for " + instance_type + " in " + zone,
                           "NoSpotPrice");
  }
  return latest->price;
}

std::string AwsCloud::RegionOfZone(const std::string& zone) const {
  for (const auto& subnet : setup_.subnets) {
    if (subnet.zone == zone) return setup_.region;
  }
  // "us-east-1a" -> "us-east-1": a zone is its region and one letter.
  return zone.empty() ? setup_.region : zone.substr(0, zone.size() - 1);
}

std::optional<double> AwsCloud::ActualCostUsd(const AttemptBill& bill) {
  // Every benchmark works in memory today, so every session's root volume is the same size.
  auto cost = CostOfInstance(bill.region, bill.instance_id, bill.ended_at,
                             bill.on_demand_usd_per_hour, RootVolumeGib({}));
  if (!cost || cost->compute_usd <= 0) return std::nullopt;
  return cost->total_usd();
}

util::Expected<ActualCost> AwsCloud::CostOfInstance(const std::string& region,
                                                    const std::string& instance_id,
                                                    util::TimePoint ended_at,
                                                    double on_demand_usd_per_hour, int root_gib) {
  auto ec2_caller = Caller(Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto instances = ec2::DescribeInstances(*ec2_caller, {instance_id}, {});
  if (!instances) return instances.error();
  if (instances->empty() || !instances->front().launch_time) {
    return util::MakeError(util::ErrorClass::kNotFound,
                           "aws: no launch time for instance " + instance_id, "NoLaunchTime");
  }
  const ec2::Instance& instance = instances->front();
  AttemptUsage usage;
  usage.launched_at = *instance.launch_time;
  usage.ended_at = ended_at;
  usage.spot = instance.spot;
  usage.on_demand_usd_per_hour = on_demand_usd_per_hour;
  usage.root_gib = root_gib;
  usage.public_ipv4 = !instance.public_ip.empty();
  if (instance.spot) {
    ec2::SpotPriceQuery query;
    query.instance_types = {instance.instance_type};
    query.availability_zone = instance.availability_zone;
    query.start = usage.launched_at;
    query.end = ended_at;
    auto history = ec2::DescribeSpotPriceHistory(*ec2_caller, query);
    if (!history) return history.error();
    for (const auto& point : *history) {
      if (point.availability_zone == instance.availability_zone) {
        usage.spot_history.push_back({point.timestamp, point.price});
      }
    }
  }
  return CostOf(usage);
}

util::Expected<int> AwsCloud::QuotaHeadroom(const std::string& region,
                                            const std::string& quota_class,
                                            const std::string& market) {
  auto code = QuotaCode(quota_class, market);
  if (!code) return 1 << 30;  // no such quota: nothing limits this class and market
  auto quotas = Caller(Service::kServiceQuotas, region);
  if (!quotas) return quotas.error();
  auto quota = ::aws::GetServiceQuota(*quotas, "ec2", *code);
  if (!quota) return quota.error();
  auto ec2_caller = Caller(Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto running =
      ec2::DescribeInstances(*ec2_caller, {}, {{"instance-state-name", {"pending", "running"}}});
  if (!running) return running.error();
  int used = 0;
  for (const auto& instance : *running) {
    if (instance.spot != (market == "spot")) continue;
    if (QuotaClassOfType(instance.instance_type) != quota_class) continue;
    auto type = TypeInfo(region, instance.instance_type);
    if (!type) return type.error();
    used += type->vcpus;
  }
  return static_cast<int>(quota->value) - used;
}

}  // namespace cloud::aws
