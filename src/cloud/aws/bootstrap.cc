#include "cloud/aws/bootstrap.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "aws/crypto.h"
#include "util/files.h"

namespace cloud::aws {

namespace fs = std::filesystem;
namespace s3 = ::aws::s3;

namespace {

// EC2 says arm64 where the kernel (and the agent's name) says aarch64.
std::string MachineName(const std::string& ec2_architecture) {
  return ec2_architecture == "arm64" ? "aarch64" : ec2_architecture;
}

std::string HostMachine() {
  struct utsname name {};
  return ::uname(&name) == 0 ? name.machine : "";
}

bool Executable(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

std::vector<fs::path> Candidates(const std::string& machine) {
  std::vector<fs::path> out;
  std::string variable = "ABC_AGENT_" + std::string(machine == "aarch64" ? "AARCH64" : "X86_64");
  if (const char* env = std::getenv(variable.c_str()); env != nullptr && *env != '\0') {
    out.emplace_back(env);
    return out;
  }
  std::error_code error;
  fs::path dir = fs::read_symlink("/proc/self/exe", error).parent_path();
  out.push_back(dir / ("aws-benchmark-agent-" + machine));
  if (machine == HostMachine()) out.push_back(dir / ".." / "agent" / "aws-benchmark-agent");
  if (machine == "aarch64") {
    out.push_back(dir / ".." / ".." / ".." / "build-aarch64" / "src" / "agent" /
                  "aws-benchmark-agent");
  }
  return out;
}

}  // namespace

util::Expected<std::map<std::string, AgentObject>> FindAgents(
    const std::set<std::string>& architectures) {
  std::map<std::string, AgentObject> agents;
  for (const std::string& arch : architectures) {
    std::string machine = MachineName(arch);
    std::string looked;
    for (const fs::path& candidate : Candidates(machine)) {
      if (!Executable(candidate)) {
        looked += (looked.empty() ? "'" : ", '") + candidate.lexically_normal().string() + "'";
        continue;
      }
      auto bytes = util::ReadFile(candidate.string());
      if (!bytes) return bytes.error();
      std::string sha = ::aws::Sha256Hex(*bytes);
      agents[arch] = {AgentKey(sha), sha, fs::absolute(candidate).lexically_normal().string()};
      break;
    }
    if (!agents.count(arch)) {
      return util::InvalidInput(
          "the plan has " + arch + " instance types but no " + machine +
          " agent was found (looked at " + looked +
          "); build it (the default preset builds build-aarch64/ where g++-aarch64-linux-gnu is "
          "installed) or set ABC_AGENT_" +
          (machine == "aarch64" ? "AARCH64" : "X86_64") + "=PATH");
    }
  }
  return agents;
}

util::Status UploadAgents(const ::aws::Caller& s3_caller, const s3::Location& where,
                          const std::map<std::string, AgentObject>& agents) {
  for (const auto& [arch, agent] : agents) {
    auto head = s3::HeadObject(s3_caller, where, agent.key);
    if (head) continue;  // keyed by content: already there
    if (head.error().error_class != util::ErrorClass::kNotFound) return head.error();
    auto bytes = util::ReadFile(agent.local_path);
    if (!bytes) return bytes.error();
    if (::aws::Sha256Hex(*bytes) != agent.sha256) {
      return util::InvalidInput("the " + arch + " agent '" + agent.local_path +
                                "' changed since the campaign was created (rebuilt?); create "
                                "the campaign again");
    }
    auto put = s3::PutObject(s3_caller, where, agent.key, *bytes, "application/octet-stream");
    if (!put) return put.error();
  }
  return {};
}

util::Status PrepareBucket(const ::aws::Caller& s3_caller, const s3::Location& where,
                           bool default_bucket) {
  if (default_bucket) {
    if (auto created = s3::CreateBucket(s3_caller, where); !created) return created.error();
    return s3::PutExpirationRule(s3_caller, where, "abc-expire-campaign-objects", kCampaignPrefix,
                                 kCampaignObjectDays);
  }
  // A prefix that holds nothing: the call proves access without reading the bucket.
  auto listed = s3::ListObjectsV2(s3_caller, where, std::string(kCampaignPrefix) + "access-check/");
  if (!listed) {
    return util::InvalidInput("--bucket " + where.bucket + ": cannot list it (" +
                              listed.error().message +
                              "); give a bucket these credentials can read and write, or leave "
                              "--bucket out to use the tool's own");
  }
  return {};
}

std::string DefaultBucketName(const std::string& account, const std::string& region) {
  return "abc-" + account + "-" + region;
}

}  // namespace cloud::aws
