#include "cloud/aws/aws_setup.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "aws/json_services.h"

namespace cloud::aws {

std::string SetupToJson(const AwsSetup& setup) {
  nlohmann::json subnets = nlohmann::json::array();
  for (const auto& s : setup.subnets) subnets.push_back({{"id", s.subnet_id}, {"zone", s.zone}});
  nlohmann::json images = nlohmann::json::object();
  for (const auto& [arch, image] : setup.images) {
    images[arch] = {{"image_id", image.image_id}, {"root_device_name", image.root_device_name}};
  }
  nlohmann::json agents = nlohmann::json::object();
  for (const auto& [arch, agent] : setup.agents) {
    agents[arch] = {{"key", agent.key}, {"sha256", agent.sha256}, {"local_path", agent.local_path}};
  }
  nlohmann::json j = {{"region", setup.region},
                      {"profile", setup.profile},
                      {"endpoint_url", setup.endpoint_url},
                      {"subnets", subnets},
                      {"security_groups", setup.security_groups},
                      {"key_pair", setup.key_pair},
                      {"instance_profile", setup.instance_profile},
                      {"own_instance_profile", setup.own_instance_profile},
                      {"presigned_urls", setup.presigned_urls},
                      {"bucket", setup.bucket},
                      {"default_bucket", setup.default_bucket},
                      {"ami", setup.ami},
                      {"ami_parameters", setup.ami_parameters},
                      {"images", images},
                      {"agents", agents},
                      {"quick", setup.quick}};
  return j.dump();
}

util::Expected<AwsSetup> SetupFromJson(const std::string& json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  AwsSetup setup;
  try {
    setup.region = j.at("region").get<std::string>();
    setup.profile = j.at("profile").get<std::string>();
    setup.endpoint_url = j.at("endpoint_url").get<std::string>();
    for (const auto& s : j.at("subnets")) {
      setup.subnets.push_back({s.at("id").get<std::string>(), s.at("zone").get<std::string>()});
    }
    setup.security_groups = j.at("security_groups").get<std::vector<std::string>>();
    setup.key_pair = j.at("key_pair").get<std::string>();
    setup.instance_profile = j.at("instance_profile").get<std::string>();
    setup.own_instance_profile = j.value("own_instance_profile", false);
    // Absent in campaigns created before the instances reached S3 by role: they keep URLs.
    setup.presigned_urls = j.value("presigned_urls", true);
    setup.bucket = j.at("bucket").get<std::string>();
    setup.default_bucket = j.at("default_bucket").get<bool>();
    setup.ami = j.at("ami").get<std::string>();
    setup.ami_parameters = j.at("ami_parameters").get<std::map<std::string, std::string>>();
    for (const auto& [arch, image] : j.at("images").items()) {
      setup.images[arch] = {image.at("image_id").get<std::string>(),
                            image.at("root_device_name").get<std::string>()};
    }
    for (const auto& [arch, agent] : j.at("agents").items()) {
      setup.agents[arch] = {agent.at("key").get<std::string>(),
                            agent.at("sha256").get<std::string>(),
                            agent.at("local_path").get<std::string>()};
    }
    setup.quick = j.value("quick", false);  // absent in campaigns created before the flag
  } catch (const nlohmann::json::exception& error) {
    return util::InvalidInput(std::string("aws backend_config: ") + error.what());
  }
  return setup;
}

std::map<std::string, std::string> DefaultAmiParameters() {
  return {{"x86_64", std::string(::aws::kAl2023X86Parameter)},
          {"arm64", std::string(::aws::kAl2023ArmParameter)}};
}

std::string AttemptPrefix(const std::string& campaign, const std::string& session, int attempt) {
  return std::string(kCampaignPrefix) + campaign + "/" + session + "/" + std::to_string(attempt) +
         "/";
}

std::string ResultKey(const std::string& campaign, const std::string& session, int attempt,
                      const std::string& job) {
  return AttemptPrefix(campaign, session, attempt) + "results/" + job + ".json";
}

std::string InterruptedKey(const std::string& campaign, const std::string& session, int attempt) {
  return AttemptPrefix(campaign, session, attempt) + "interrupted";
}

std::string SuiteObjectKey(const std::string& campaign, const std::string& sha256_hex) {
  return std::string(kCampaignPrefix) + campaign + "/suite-objects/" + sha256_hex;
}

std::string AgentKey(const std::string& sha256_hex) {
  return "agents/" + sha256_hex + "/aws-benchmark-agent";
}

std::optional<std::string> QuotaCode(const std::string& quota_class, const std::string& market) {
  // Service Quotas codes of service "ec2" ({on-demand, spot}), as listed by the Service
  // Quotas console ("Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
  // "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests", ...) and the EC2
  // User Guide's "On-Demand Instance quotas" table. High memory and HPC have no spot quota.
  struct Codes {
    const char* on_demand;
    const char* spot;
  };
  static const std::map<std::string, Codes> kCodes = {
      {"standard", {"L-1216C47A", "L-34B43A08"}}, {"f", {"L-74FC7D96", "L-88CF9481"}},
      {"g-vt", {"L-DB2E81BA", "L-3819A6DF"}},     {"p", {"L-417A185B", "L-7212CCBC"}},
      {"x", {"L-7295265B", "L-E3A00192"}},        {"inf", {"L-1945791B", "L-B5D1601B"}},
      {"dl", {"L-6E869C2A", "L-85EED4F7"}},       {"trn", {"L-2C3B7624", "L-6B0D517C"}},
      {"hpc", {"L-F7808C92", nullptr}},           {"high-memory", {"L-43DA4232", nullptr}},
  };
  auto found = kCodes.find(quota_class);
  if (found == kCodes.end()) return std::nullopt;
  const char* code = market == "spot" ? found->second.spot : found->second.on_demand;
  if (code == nullptr) return std::nullopt;
  return std::string(code);
}

std::string QuotaClassOfType(const std::string& instance_type) {
  std::string family;
  for (char c : instance_type) {
    if (c < 'a' || c > 'z') break;
    family += c;
  }
  for (const char* prefix : {"inf", "dl", "trn", "hpc", "vt"}) {
    if (family.rfind(prefix, 0) == 0) return std::string(prefix) == "vt" ? "g-vt" : prefix;
  }
  if (family.empty()) return "";
  switch (family.front()) {
    case 'f':
      return "f";
    case 'g':
      return "g-vt";
    case 'p':
      return "p";
    case 'u':  // u-6tb1 and u7i-12tb alike: the series letter, not the dash, makes it high memory
      return "high-memory";
    case 'x':
      return "x";
    default:
      return "standard";
  }
}

namespace {
constexpr int kSystemGib = 8;                     // the AL2023 AMI's own root snapshot
constexpr int kToolsGib = 4;                      // libraries, agent, logs, results
int ScratchGib(const std::string&) { return 0; }  // every benchmark works in memory
}  // namespace

int RootVolumeGib(const std::vector<JobSpec>& jobs) {
  int scratch = 0;
  for (const auto& job : jobs) scratch = std::max(scratch, ScratchGib(job.benchmark));
  return kSystemGib + kToolsGib + scratch;
}

}  // namespace cloud::aws
