#pragma once
// IAM (Query API 2010-05-08): the calls that give the instances their own credentials (an
// instance profile whose role may read the agents and write the results), and nothing else.
// IAM is global per partition (aws/endpoints.h, Service::kIam). Element and parameter names:
// botocore's IAM service model (botocore/data/iam/2010-05-08/service-2.json). Lists are
// flattened as `Tags.member.N.Key`; responses are <XResponse><XResult>...</XResult>.
// Errors map through aws/errors.h: NoSuchEntity is kNotFound, AccessDenied kFatal, and
// EntityAlreadyExists (a concurrent creator won) keeps its code for the caller to accept.

#include <string>
#include <string_view>
#include <vector>

#include "aws/request.h"

namespace aws::iam {

inline constexpr std::string_view kVersion = "2010-05-08";

struct Tag {
  std::string key;
  std::string value;
};

struct Role {
  std::string name;
  std::string arn;
  std::string path;
};

struct InstanceProfile {
  std::string name;
  std::string arn;
  std::string path;
  std::vector<Role> roles;  // at most one (IAM's limit)
};

struct CreateRoleInput {
  std::string name;
  std::string assume_role_policy;  // the trust policy, JSON
  std::string path = "/";
  std::string description;
  std::vector<Tag> tags;
};

util::Expected<Role> GetRole(const Caller& iam, const std::string& role_name);
util::Expected<Role> CreateRole(const Caller& iam, const CreateRoleInput& input);
// Adds or replaces the role's inline policy of that name.
util::Status PutRolePolicy(const Caller& iam, const std::string& role_name,
                           const std::string& policy_name, const std::string& policy_document);
util::Expected<InstanceProfile> GetInstanceProfile(const Caller& iam, const std::string& name);
util::Expected<InstanceProfile> CreateInstanceProfile(const Caller& iam, const std::string& name,
                                                      const std::string& path);
util::Status AddRoleToInstanceProfile(const Caller& iam, const std::string& profile_name,
                                      const std::string& role_name);

std::vector<QueryParam> CreateRoleParams(const CreateRoleInput& input);

// The parsers, on their own for tests and fuzzing: any bytes give a value or an error.
util::Expected<Role> ParseGetRole(std::string_view xml);
util::Expected<Role> ParseCreateRole(std::string_view xml);
util::Expected<InstanceProfile> ParseGetInstanceProfile(std::string_view xml);
util::Expected<InstanceProfile> ParseCreateInstanceProfile(std::string_view xml);

}  // namespace aws::iam
