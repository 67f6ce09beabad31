#include "cloud/aws/agent_profile.h"

#include <nlohmann/json.hpp>

#include "aws/iam.h"
#include "util/strings.h"

namespace cloud::aws {
namespace iam = ::aws::iam;

namespace {

constexpr char kPath[] = "/";
constexpr char kIamVersion[] = "2012-10-17";  // the policy language's version

bool Denied(const util::Error& error) {
  return error.code == "AccessDenied" || error.code == "AccessDeniedException";
}

bool AlreadyExists(const util::Error& error) { return error.code == "EntityAlreadyExists"; }
bool Missing(const util::Error& error) { return error.code == "NoSuchEntity"; }

// A refused call: which permission is missing, and the two ways out.
util::Error DeniedLine(const std::string& action, const util::Error& error) {
  return util::InvalidInput(
      "the instances' IAM role and instance profile (" + std::string(kAgentProfileName) +
      "): iam:" + action + " denied (" + error.message + "); grant iam:" + action +
      " (docs/aws-setup.md, \"Least-privilege IAM policy\"), or create the instance profile "
      "once with the AWS CLI commands of docs/aws-setup.md (\"The instance profile by hand\") "
      "and pass --instance-profile NAME");
}

// An error of step `action`, worded for the user when it was a refusal.
util::Error StepError(const std::string& action, const util::Error& error) {
  return Denied(error) ? DeniedLine(action, error) : error;
}

util::Status EnsureRole(const ::aws::Caller& iam_caller) {
  auto role = iam::GetRole(iam_caller, kAgentProfileName);
  if (role) return {};
  if (!Missing(role.error())) return StepError("GetRole", role.error());
  iam::CreateRoleInput input;
  input.name = kAgentProfileName;
  input.assume_role_policy = AgentTrustPolicy();
  input.path = kPath;
  input.description =
      "aws-benchmark-collector's benchmark instances: read agents, write results in S3";
  input.tags = {{"abc:created-by", "aws-benchmark-collector"}};
  auto created = iam::CreateRole(iam_caller, input);
  if (!created && !AlreadyExists(created.error())) {
    return StepError("CreateRole", created.error());
  }
  return {};
}

util::Status EnsureInstanceProfile(const ::aws::Caller& iam_caller) {
  auto profile = iam::GetInstanceProfile(iam_caller, kAgentProfileName);
  if (!profile) {
    if (!Missing(profile.error())) return StepError("GetInstanceProfile", profile.error());
    auto created = iam::CreateInstanceProfile(iam_caller, kAgentProfileName, kPath);
    if (created) {
      profile = std::move(*created);
    } else if (AlreadyExists(created.error())) {
      // A concurrent run created it: read what it holds now.
      profile = iam::GetInstanceProfile(iam_caller, kAgentProfileName);
      if (!profile) return StepError("GetInstanceProfile", profile.error());
    } else {
      return StepError("CreateInstanceProfile", created.error());
    }
  }
  if (!profile->roles.empty()) {
    if (profile->roles.front().name == kAgentProfileName) return {};
    // Someone else's role in a profile of the tool's name: its policies are not the tool's.
    return util::InvalidInput("instance profile " + std::string(kAgentProfileName) +
                              " holds role " + profile->roles.front().name + ", not " +
                              kAgentProfileName +
                              "; remove it (aws iam remove-role-from-instance-profile) or pass "
                              "--instance-profile with a profile of your own");
  }
  auto added = iam::AddRoleToInstanceProfile(iam_caller, kAgentProfileName, kAgentProfileName);
  // A concurrent run added it first (IAM allows one role per profile: LimitExceeded then).
  if (!added && !AlreadyExists(added.error()) && added.error().code != "LimitExceeded") {
    return StepError("AddRoleToInstanceProfile", added.error());
  }
  return {};
}

}  // namespace

std::string BucketPolicyName(const std::string& bucket) { return "abc-bucket-" + bucket; }

std::string AgentTrustPolicy() {
  nlohmann::ordered_json policy = {{"Version", kIamVersion},
                                   {"Statement",
                                    {{{"Effect", "Allow"},
                                      {"Principal", {{"Service", "ec2.amazonaws.com"}}},
                                      {"Action", "sts:AssumeRole"}}}}};
  return policy.dump();
}

std::string AgentBucketPolicy(const std::string& partition, const std::string& bucket) {
  std::string objects = "arn:" + partition + ":s3:::" + bucket + "/";
  nlohmann::ordered_json policy = {
      {"Version", kIamVersion},
      {"Statement",
       {{{"Effect", "Allow"},
         {"Action", {"s3:GetObject"}},
         {"Resource", {objects + "agents/*", objects + "campaigns/*"}}},
        {{"Effect", "Allow"},
         {"Action", {"s3:PutObject"}},
         {"Resource", {objects + "campaigns/*"}}}}}};
  return policy.dump();
}

util::Status EnsureAgentProfile(const ::aws::Caller& iam_caller, const std::string& partition,
                                const std::string& bucket) {
  if (auto role = EnsureRole(iam_caller); !role) return role;
  auto policy = iam::PutRolePolicy(iam_caller, kAgentProfileName, BucketPolicyName(bucket),
                                   AgentBucketPolicy(partition, bucket));
  if (!policy) return StepError("PutRolePolicy", policy.error());
  return EnsureInstanceProfile(iam_caller);
}

util::Expected<std::string> InstanceProfileName(const std::string& name_or_arn) {
  if (!util::StartsWith(name_or_arn, "arn:")) return name_or_arn;
  auto kind = name_or_arn.find(":instance-profile/");
  std::string name =
      kind == std::string::npos ? "" : name_or_arn.substr(name_or_arn.rfind('/') + 1);
  if (name.empty()) {
    return util::InvalidInput("--instance-profile " + name_or_arn +
                              ": not an instance profile ARN (arn:aws:iam::ACCOUNT:instance-"
                              "profile/NAME); give the profile's name or its ARN");
  }
  return name;
}

util::Status CheckInstanceProfile(const ::aws::Caller& iam_caller, const std::string& name_or_arn) {
  auto name = InstanceProfileName(name_or_arn);
  if (!name) return name.error();
  auto profile = iam::GetInstanceProfile(iam_caller, *name);
  if (!profile && Missing(profile.error())) {
    return util::InvalidInput("--instance-profile " + name_or_arn +
                              ": no such instance profile (aws iam list-instance-profiles); "
                              "create it (docs/aws-setup.md, \"The instance profile by hand\") "
                              "or leave --instance-profile out to let the tool create its own");
  }
  if (!profile) return profile.error();
  if (profile->roles.empty()) {
    return util::InvalidInput("--instance-profile " + name_or_arn +
                              ": the instance profile has no role; add one (aws iam "
                              "add-role-to-instance-profile --instance-profile-name " +
                              *name + " --role-name ROLE)");
  }
  return {};
}

}  // namespace cloud::aws
