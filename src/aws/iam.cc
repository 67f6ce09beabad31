#include "aws/iam.h"

#include "aws/xml.h"

namespace aws::iam {
namespace {

util::Expected<Role> RoleFrom(const pugi::xml_node& node, std::string_view what) {
  Role role{Text(node, "RoleName"), Text(node, "Arn"), Text(node, "Path")};
  if (role.name.empty() || role.arn.empty()) return MalformedResponse(what, "a role without name");
  return role;
}

// <root><result><Role>..</Role></result>: GetRole and CreateRole answer the same shape.
util::Expected<Role> ParseRole(std::string_view xml, const char* root, const char* result,
                               std::string_view what) {
  pugi::xml_document document;
  auto node = LoadXml(document, xml, root, what);
  if (!node) return node.error();
  return RoleFrom(node->child(result).child("Role"), what);
}

util::Expected<InstanceProfile> ParseProfile(std::string_view xml, const char* root,
                                             const char* result, std::string_view what) {
  pugi::xml_document document;
  auto node = LoadXml(document, xml, root, what);
  if (!node) return node.error();
  pugi::xml_node profile_node = node->child(result).child("InstanceProfile");
  InstanceProfile profile{Text(profile_node, "InstanceProfileName"),
                          Text(profile_node, "Arn"),
                          Text(profile_node, "Path"),
                          {}};
  if (profile.name.empty() || profile.arn.empty()) {
    return MalformedResponse(what, "an instance profile without name");
  }
  for (pugi::xml_node member : profile_node.child("Roles").children("member")) {
    auto role = RoleFrom(member, what);
    if (!role) return role.error();
    profile.roles.push_back(std::move(*role));
  }
  return profile;
}

}  // namespace

util::Expected<Role> ParseGetRole(std::string_view xml) {
  return ParseRole(xml, "GetRoleResponse", "GetRoleResult", "iam GetRole");
}

util::Expected<Role> ParseCreateRole(std::string_view xml) {
  return ParseRole(xml, "CreateRoleResponse", "CreateRoleResult", "iam CreateRole");
}

util::Expected<InstanceProfile> ParseGetInstanceProfile(std::string_view xml) {
  return ParseProfile(xml, "GetInstanceProfileResponse", "GetInstanceProfileResult",
                      "iam GetInstanceProfile");
}

util::Expected<InstanceProfile> ParseCreateInstanceProfile(std::string_view xml) {
  return ParseProfile(xml, "CreateInstanceProfileResponse", "CreateInstanceProfileResult",
                      "iam CreateInstanceProfile");
}

std::vector<QueryParam> CreateRoleParams(const CreateRoleInput& input) {
  std::vector<QueryParam> params = {{"RoleName", input.name},
                                    {"AssumeRolePolicyDocument", input.assume_role_policy},
                                    {"Path", input.path}};
  if (!input.description.empty()) params.push_back({"Description", input.description});
  for (size_t i = 0; i < input.tags.size(); ++i) {
    std::string prefix = "Tags.member." + std::to_string(i + 1);
    params.push_back({prefix + ".Key", input.tags[i].key});
    params.push_back({prefix + ".Value", input.tags[i].value});
  }
  return params;
}

util::Expected<Role> GetRole(const Caller& iam, const std::string& role_name) {
  auto body = CallQuery(iam, "GetRole", kVersion, {{"RoleName", role_name}});
  if (!body) return body.error();
  return ParseGetRole(*body);
}

util::Expected<Role> CreateRole(const Caller& iam, const CreateRoleInput& input) {
  auto body = CallQuery(iam, "CreateRole", kVersion, CreateRoleParams(input));
  if (!body) return body.error();
  return ParseCreateRole(*body);
}

util::Status PutRolePolicy(const Caller& iam, const std::string& role_name,
                           const std::string& policy_name, const std::string& policy_document) {
  auto body = CallQuery(
      iam, "PutRolePolicy", kVersion,
      {{"RoleName", role_name}, {"PolicyName", policy_name}, {"PolicyDocument", policy_document}});
  if (!body) return body.error();
  return {};
}

util::Expected<InstanceProfile> GetInstanceProfile(const Caller& iam, const std::string& name) {
  auto body = CallQuery(iam, "GetInstanceProfile", kVersion, {{"InstanceProfileName", name}});
  if (!body) return body.error();
  return ParseGetInstanceProfile(*body);
}

util::Expected<InstanceProfile> CreateInstanceProfile(const Caller& iam, const std::string& name,
                                                      const std::string& path) {
  auto body = CallQuery(iam, "CreateInstanceProfile", kVersion,
                        {{"InstanceProfileName", name}, {"Path", path}});
  if (!body) return body.error();
  return ParseCreateInstanceProfile(*body);
}

util::Status AddRoleToInstanceProfile(const Caller& iam, const std::string& profile_name,
                                      const std::string& role_name) {
  auto body = CallQuery(iam, "AddRoleToInstanceProfile", kVersion,
                        {{"InstanceProfileName", profile_name}, {"RoleName", role_name}});
  if (!body) return body.error();
  return {};
}

}  // namespace aws::iam
