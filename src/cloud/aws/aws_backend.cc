#include "cloud/aws/aws_backend.h"

#include <filesystem>
#include <set>

#include "aws/ec2.h"
#include "aws/json_services.h"
#include "aws/sts.h"
#include "cloud/aws/agent_profile.h"
#include "cloud/aws/bootstrap.h"
#include "cloud/aws/catalog_refresh.h"
#include "cloud/aws/cleanup.h"
#include "cloud/aws/services.h"
#include "util/files.h"
#include "util/strings.h"

namespace cloud::aws {
namespace {

namespace ec2 = ::aws::ec2;
namespace s3 = ::aws::s3;

constexpr const char* kKeyPair = "--key-pair";
constexpr const char* kSecurityGroup = "--security-group";
constexpr const char* kSubnet = "--subnet";
constexpr const char* kProfile = "--profile";
constexpr const char* kBucket = "--bucket";
constexpr const char* kAmi = "--ami";
constexpr const char* kAmiParameter = "--ami-parameter";
constexpr const char* kInstanceProfile = "--instance-profile";
constexpr const char* kEndpointUrl = "--endpoint-url";
constexpr const char* kQuick = "--aws-quick";
constexpr const char* kPresignedUrls = "--presigned-urls";

// A configuration problem found while talking to AWS: one line, the fix, exit status 2.
// An unanswered call says where to look instead of the setting's own fix.
util::Error Preflight(const std::string& what, const util::Error& error, const std::string& fix) {
  bool unanswered = error.error_class == util::ErrorClass::kTimeout ||
                    error.error_class == util::ErrorClass::kTransient;
  return util::InvalidInput(
      "aws preflight: " + what + ": " + error.message + "; " +
      (unanswered ? "AWS did not answer: check the network, --endpoint-url and the region" : fix));
}

// Who the credentials belong to: the first call of every aws command, so that bad or
// missing credentials are one line with the fix, before anything else is asked.
util::Expected<::aws::CallerIdentity> CheckCredentials(Services& services,
                                                       const std::string& region) {
  auto sts = services.For(::aws::Service::kSts, region);
  if (!sts) return sts.error();
  auto identity = ::aws::GetCallerIdentity(*sts);
  if (!identity) {
    return Preflight("credentials", identity.error(),
                     "set AWS credentials (aws configure, AWS_PROFILE or --profile)");
  }
  return identity;
}

util::Expected<std::string> OneRegion(const store::Snapshot& campaign) {
  std::set<std::string> regions;
  for (const auto& s : campaign.sessions) regions.insert(s.region);
  if (regions.size() != 1) {
    return util::InvalidInput(
        "--backend aws runs one region per campaign (its --subnet flags belong to one region); "
        "the plan has " +
        std::to_string(regions.size()) + " (" +
        util::Join(std::vector<std::string>(regions.begin(), regions.end()), ", ") +
        "): plan one campaign per region");
  }
  return *regions.begin();
}

util::Expected<std::map<std::string, std::string>> AmiParameters(const std::string& text) {
  auto parameters = DefaultAmiParameters();
  for (const std::string& item : util::SplitList(text)) {
    auto eq = item.find('=');
    std::string arch = eq == std::string::npos ? "" : item.substr(0, eq);
    if (arch != "x86_64" && arch != "arm64") {
      return util::InvalidInput(std::string(kAmiParameter) + ": '" + item +
                                "' is not accepted (ARCH=PARAMETER, ARCH x86_64 or arm64)");
    }
    parameters[arch] = item.substr(eq + 1);
  }
  return parameters;
}

// Subnets with their zones, in the order given (AZ failover order).
util::Expected<std::vector<SubnetZone>> SubnetZones(const ::aws::Caller& ec2_caller,
                                                    const std::vector<std::string>& ids,
                                                    const std::string& region) {
  auto subnets = ec2::DescribeSubnets(ec2_caller, ids);
  if (!subnets) {
    return Preflight("--subnet " + util::Join(ids, ","), subnets.error(),
                     "give subnets of region " + region + " (aws ec2 describe-subnets)");
  }
  std::vector<SubnetZone> out;
  for (const std::string& id : ids) {
    auto found = std::find_if(subnets->begin(), subnets->end(),
                              [&](const ec2::Subnet& s) { return s.subnet_id == id; });
    if (found == subnets->end()) {
      return util::InvalidInput("--subnet " + id + ": not found in region " + region +
                                " (aws ec2 describe-subnets --region " + region + ")");
    }
    out.push_back({id, found->availability_zone});
  }
  return out;
}

// The EC2 architectures of the planned types.
util::Expected<std::set<std::string>> Architectures(const ::aws::Caller& ec2_caller,
                                                    const store::Snapshot& campaign) {
  std::set<std::string> types;
  for (const auto& s : campaign.sessions) types.insert(s.instance_type);
  auto infos = ec2::DescribeInstanceTypes(ec2_caller,
                                          std::vector<std::string>(types.begin(), types.end()), {});
  if (!infos) {
    return Preflight("instance types", infos.error(), "plan types offered in this region");
  }
  std::set<std::string> architectures;
  for (const auto& info : *infos) {
    if (!info.architectures.empty()) architectures.insert(info.architectures.front());
  }
  return architectures;
}

// Security groups, key pair: each missing one is its own line with the fix.
util::Status CheckNetworkSettings(const ::aws::Caller& ec2_caller, const AwsSetup& setup) {
  if (!setup.security_groups.empty()) {
    auto groups = ec2::DescribeSecurityGroups(ec2_caller, setup.security_groups);
    if (!groups) {
      return Preflight("--security-group", groups.error(),
                       "give security group ids of region " + setup.region +
                           " (aws ec2 describe-security-groups)");
    }
  }
  if (!setup.key_pair.empty()) {
    auto keys = ec2::DescribeKeyPairs(ec2_caller, {setup.key_pair});
    if (!keys || keys->empty()) {
      return Preflight("--key-pair " + setup.key_pair,
                       keys ? util::InvalidInput("not found") : keys.error(),
                       "give a key pair of region " + setup.region +
                           " or leave --key-pair out (the agent needs no SSH)");
    }
  }
  return {};
}

// Whose credentials the instances use: a given --instance-profile must exist and hold a role;
// without one the tool's own profile is ensured at campaign start (Create), unless the
// user-data carries presigned URLs instead (--presigned-urls).
util::Status ChooseInstanceProfile(Services& services, AwsSetup& setup) {
  if (setup.instance_profile.empty()) {
    if (!setup.presigned_urls) {
      setup.instance_profile = kAgentProfileName;
      setup.own_instance_profile = true;
    }
    return {};
  }
  auto iam = services.For(::aws::Service::kIam, setup.region);
  if (!iam) return iam.error();
  auto checked = CheckInstanceProfile(*iam, setup.instance_profile);
  if (!checked && checked.error().error_class != util::ErrorClass::kInvalidInput) {
    return Preflight(std::string(kInstanceProfile) + " " + setup.instance_profile, checked.error(),
                     "allow iam:GetInstanceProfile (docs/aws-setup.md) or give another profile");
  }
  return checked;
}

// The AMI of each architecture, resolved now so that a bad one stops the campaign here.
util::Expected<std::map<std::string, ImageChoice>> ResolveImages(
    Services& services, const AwsSetup& setup, const std::set<std::string>& architectures) {
  std::map<std::string, ImageChoice> images;
  auto ec2_caller = services.For(::aws::Service::kEc2, setup.region);
  if (!ec2_caller) return ec2_caller.error();
  auto ssm = services.For(::aws::Service::kSsm, setup.region);
  if (!ssm) return ssm.error();
  for (const std::string& arch : architectures) {
    std::string image_id = setup.ami;
    if (image_id.empty()) {
      auto parameter = ::aws::GetParameter(*ssm, setup.ami_parameters.at(arch));
      if (!parameter) {
        return Preflight("AMI parameter " + setup.ami_parameters.at(arch), parameter.error(),
                         "give --ami-parameter " + arch + "=NAME or --ami ID");
      }
      image_id = parameter->value;
    }
    auto found = ec2::DescribeImages(*ec2_caller, {image_id});
    if (!found || found->empty()) {
      return Preflight("AMI " + image_id + " (" + arch + ")",
                       found ? util::InvalidInput("not visible") : found.error(),
                       "give --ami with an AMI of region " + setup.region);
    }
    if (found->front().architecture != arch) {
      std::string source = setup.ami.empty() ? "--ami-parameter " + setup.ami_parameters.at(arch)
                                             : "--ami " + image_id;
      return util::InvalidInput("aws preflight: " + source + ": AMI " + image_id + " is " +
                                found->front().architecture + " but the plan needs " + arch +
                                "; give --ami-parameter " + arch + "=NAME of an " + arch +
                                " AMI (and no --ami when the plan mixes architectures)");
    }
    images[arch] = {image_id, found->front().root_device_name};
  }
  return images;
}

util::Expected<std::string> Configure(const FlagValues& flags, const store::Snapshot& campaign,
                                      const PlanInputs&) {
  AwsSetup setup;
  auto region = OneRegion(campaign);
  if (!region) return region.error();
  setup.region = *region;
  setup.profile = flags.at(kProfile);
  setup.endpoint_url = flags.at(kEndpointUrl);
  setup.key_pair = flags.at(kKeyPair);
  setup.instance_profile = flags.at(kInstanceProfile);
  setup.security_groups = util::SplitList(flags.at(kSecurityGroup));
  setup.ami = flags.at(kAmi);
  auto quick = ParseBool(kQuick, flags.at(kQuick));
  if (!quick) return quick.error();
  setup.quick = *quick;
  auto presigned = ParseBool(kPresignedUrls, flags.at(kPresignedUrls));
  if (!presigned) return presigned.error();
  setup.presigned_urls = *presigned;
  auto parameters = AmiParameters(flags.at(kAmiParameter));
  if (!parameters) return parameters.error();
  setup.ami_parameters = *parameters;
  std::vector<std::string> subnets = util::SplitList(flags.at(kSubnet));
  if (subnets.empty()) {
    return util::InvalidInput(std::string(kSubnet) +
                              ": --backend aws needs at least one subnet of region " + *region +
                              " (each gives its availability zone; list several for AZ "
                              "failover: --subnet subnet-a --subnet subnet-b)");
  }
  auto services = RealServices::Create(setup.profile, setup.endpoint_url);
  if (!services) return services.error();
  auto identity = CheckCredentials(**services, setup.region);
  if (!identity) return identity.error();
  setup.bucket = flags.at(kBucket);
  setup.default_bucket = setup.bucket.empty();
  if (setup.default_bucket) setup.bucket = DefaultBucketName(identity->account, setup.region);
  auto ec2_caller = (*services)->For(::aws::Service::kEc2, setup.region);
  if (!ec2_caller) return ec2_caller.error();
  auto zones = SubnetZones(*ec2_caller, subnets, setup.region);
  if (!zones) return zones.error();
  setup.subnets = *zones;
  auto architectures = Architectures(*ec2_caller, campaign);
  if (!architectures) return architectures.error();
  if (auto status = CheckNetworkSettings(*ec2_caller, setup); !status) return status.error();
  if (auto status = ChooseInstanceProfile(**services, setup); !status) return status.error();
  auto images = ResolveImages(**services, setup, *architectures);
  if (!images) return images.error();
  setup.images = *images;
  auto agents = FindAgents(*architectures);
  if (!agents) return agents.error();
  setup.agents = *agents;
  return SetupToJson(setup);
}

util::Status Create(const std::string& path, const store::Snapshot& campaign) {
  auto setup = SetupFromJson(campaign.campaign.backend_config);
  if (!setup) return setup.error();
  auto services = RealServices::Create(setup->profile, setup->endpoint_url);
  if (!services) return services.error();
  auto s3_caller = (*services)->For(::aws::Service::kS3, setup->region);
  if (!s3_caller) return s3_caller.error();
  s3::Location where{setup->bucket, s3::PathStyleFor(*s3_caller, setup->bucket)};
  if (auto status = PrepareBucket(*s3_caller, where, setup->default_bucket); !status) {
    // PrepareBucket's own refusal already names --bucket and its fix.
    if (status.error().error_class == util::ErrorClass::kInvalidInput) {
      return util::InvalidInput("aws preflight: " + status.error().message);
    }
    return Preflight("bucket " + setup->bucket, status.error(),
                     "give --bucket NAME of a bucket you can write, or allow s3:CreateBucket");
  }
  if (setup->own_instance_profile) {
    auto iam = (*services)->For(::aws::Service::kIam, setup->region);
    if (!iam) return iam.error();
    auto ensured = EnsureAgentProfile(*iam, ::aws::PartitionOf(setup->region), setup->bucket);
    if (!ensured) {
      if (ensured.error().error_class == util::ErrorClass::kInvalidInput) {
        return util::InvalidInput("aws preflight: " + ensured.error().message);
      }
      return Preflight(std::string("instance profile ") + kAgentProfileName, ensured.error(),
                       "retry, or create the profile by hand (docs/aws-setup.md) and pass " +
                           std::string(kInstanceProfile));
    }
  }
  if (auto status = UploadAgents(*s3_caller, where, setup->agents); !status) return status;
  return util::WriteFileAtomic(path, "{\"bootstrapped\": true}\n");
}

util::Expected<OpenedProvider> Open(const std::string& path, const store::Snapshot& campaign) {
  if (!std::filesystem::exists(path)) {
    return util::InvalidInput("aws state file '" + path +
                              "' is missing (it must sit beside the journal)");
  }
  auto setup = SetupFromJson(campaign.campaign.backend_config);
  if (!setup) return setup.error();
  // The executor owns the provider's retries (its throttling gate): one attempt per call.
  auto services = RealServices::Create(setup->profile, setup->endpoint_url, ::aws::ThrottleRetry{});
  if (!services) return services.error();
  OpenedProvider opened;
  opened.provider = std::make_unique<AwsCloud>(std::move(*setup), std::move(*services));
  return opened;  // real time: no provider clock
}

// Types each region offers (DescribeInstanceTypeOfferings) and the account's vCPU quotas
// (Service Quotas) for each planned class in both markets.
util::Expected<AccountFacts> FactsFor(const FlagValues& flags, const AccountQuery& query) {
  auto services = RealServices::Create(flags.at(kProfile), flags.at(kEndpointUrl));
  if (!services) return services.error();
  std::set<std::string> classes;
  std::vector<std::string> types;
  for (const auto& [type, quota_class] : query.quota_class_by_type) {
    types.push_back(type);
    classes.insert(quota_class);
  }
  AccountFacts facts;
  if (!query.regions.empty()) {
    if (auto identity = CheckCredentials(**services, query.regions.front()); !identity) {
      return identity.error();
    }
  }
  for (const std::string& region : query.regions) {
    auto ec2_caller = (*services)->For(::aws::Service::kEc2, region);
    if (!ec2_caller) return ec2_caller.error();
    auto offered = ec2::DescribeInstanceTypeOfferings(*ec2_caller, ec2::LocationType::kRegion,
                                                      {{"instance-type", types}});
    if (!offered) {
      return Preflight("instance type offerings in " + region, offered.error(),
                       "check the region and the credentials' ec2:DescribeInstanceTypeOfferings");
    }
    for (const std::string& type : types) {
      bool found = std::any_of(offered->begin(), offered->end(),
                               [&](const ec2::Offering& o) { return o.instance_type == type; });
      if (!found) facts.not_offered[region][type] = type + " is not offered in " + region;
    }
    auto quotas = (*services)->For(::aws::Service::kServiceQuotas, region);
    if (!quotas) return quotas.error();
    for (const std::string& quota_class : classes) {
      for (const char* market : {"on-demand", "spot"}) {
        auto code = QuotaCode(quota_class, market);
        if (!code) continue;
        auto quota = ::aws::GetServiceQuota(*quotas, "ec2", *code);
        if (!quota && quota.error().error_class == util::ErrorClass::kNotFound) continue;
        if (!quota) {
          return Preflight("vCPU quota " + *code + " in " + region, quota.error(),
                           "allow servicequotas:GetServiceQuota, or give --vcpu-quota");
        }
        catalog::QuotaKey key{quota_class, *catalog::MarketFromText(market)};
        facts.vcpu_quotas[region][key] = static_cast<int>(quota->value);
      }
    }
  }
  return facts;
}

util::Expected<std::vector<CleanedInstance>> CleanupByTag(const FlagValues& flags,
                                                          const TagCleanup& request) {
  auto services = RealServices::Create(flags.at(kProfile), flags.at(kEndpointUrl));
  if (!services) return services.error();
  if (!request.regions.empty()) {
    if (auto identity = CheckCredentials(**services, request.regions.front()); !identity) {
      return identity.error();
    }
  }
  return Cleanup(**services, request);
}

util::Expected<CatalogRefresh> RefreshCatalogOf(const FlagValues& flags,
                                                const std::vector<std::string>& regions) {
  auto services = RealServices::Create(flags.at(kProfile), flags.at(kEndpointUrl));
  if (!services) return services.error();
  if (auto identity = CheckCredentials(**services, regions.front()); !identity) {
    return identity.error();
  }
  auto known = catalog::Catalog::Load("");
  if (!known) return known.error();
  auto refreshed = RefreshCatalog(**services, regions, *known);
  if (!refreshed) {
    return Preflight("catalog refresh", refreshed.error(),
                     "allow ec2:DescribeInstanceTypes and pricing:GetProducts");
  }
  return refreshed;
}

}  // namespace

Backend AwsBackend() {
  Backend backend;
  backend.name = "aws";
  backend.facts = {.billed = true, .one_machine = false, .simulated = false};
  backend.flags = {
      {kKeyPair, "aws: EC2 key pair for SSH (optional: the agent needs none)", "", FlagKind::kText},
      {kSecurityGroup, "aws: security group ids [default: the VPC's default]", "", FlagKind::kList},
      {kSubnet, "aws: subnet ids, in AZ failover order (required)", "", FlagKind::kList},
      {kProfile, "aws: profile of the AWS CLI's files [default: AWS_PROFILE, else default]", "",
       FlagKind::kText},
      {kBucket,
       "aws: S3 bucket for agents and results [default: abc-<account>-<region>, created with a "
       "rule expiring campaign objects after 30 days]",
       "", FlagKind::kText},
      {kAmi, "aws: one AMI id for every architecture [default: --ami-parameter]", "",
       FlagKind::kText},
      {kAmiParameter,
       "aws: ARCH=SSM parameter naming the AMI, ARCH x86_64 or arm64 [default: Amazon Linux "
       "2023's public parameters]",
       "", FlagKind::kList},
      {kInstanceProfile,
       "aws: IAM instance profile (name or ARN) whose role lets the instances read agents and "
       "write results in the bucket [default: aws-benchmark-collector-agent, created or updated "
       "at campaign start]",
       "", FlagKind::kText},
      {kPresignedUrls,
       "aws: the instances reach S3 by presigned URLs in their user-data instead of an IAM "
       "role (for accounts that cannot use roles; the URLs carry the access key id, a signature "
       "per object and any session token until the session's deadline: docs/aws-setup.md)",
       "false", FlagKind::kBool},
      {kEndpointUrl, "aws: one endpoint for every AWS service (a fake, a compatible service)", "",
       FlagKind::kText},
      {kQuick,
       "aws: run the agent with --quick (small sizes, 3 iterations: a smoke campaign whose "
       "results say quick)",
       "false", FlagKind::kBool},
  };
  backend.state_suffix = ".aws";
  backend.configure = Configure;
  backend.create = Create;
  backend.open = Open;
  backend.account_facts = FactsFor;
  backend.cleanup_by_tag = CleanupByTag;
  backend.refresh_catalog = RefreshCatalogOf;
  return backend;
}

}  // namespace cloud::aws
