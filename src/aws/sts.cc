#include "aws/sts.h"

#include <pugixml.hpp>

#include "aws/xml.h"

namespace aws {
namespace {

constexpr std::string_view kVersion = "2011-06-15";

util::Error Malformed(std::string_view what) {
  return util::MakeError(util::ErrorClass::kTransient,
                         "sts: malformed response (" + std::string(what) + ")");
}

}  // namespace

util::Expected<CallerIdentity> ParseGetCallerIdentity(std::string_view xml) {
  pugi::xml_document document;
  if (!document.load_buffer(xml.data(), xml.size())) return Malformed("not XML");
  pugi::xml_node result =
      document.child("GetCallerIdentityResponse").child("GetCallerIdentityResult");
  CallerIdentity identity{result.child("Account").text().as_string(),
                          result.child("Arn").text().as_string(),
                          result.child("UserId").text().as_string()};
  if (identity.account.empty()) return Malformed("no Account");
  return identity;
}

util::Expected<Credentials> ParseAssumeRole(std::string_view xml) {
  pugi::xml_document document;
  if (!document.load_buffer(xml.data(), xml.size())) return Malformed("not XML");
  pugi::xml_node node =
      document.child("AssumeRoleResponse").child("AssumeRoleResult").child("Credentials");
  Credentials credentials{Secret(node.child("AccessKeyId").text().as_string()),
                          Secret(node.child("SecretAccessKey").text().as_string()),
                          Secret(node.child("SessionToken").text().as_string()),
                          {}};
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return Malformed("no Credentials");
  }
  auto expiration = ParseAwsTime(node.child("Expiration").text().as_string());
  if (!expiration) return Malformed("no valid Expiration");
  credentials.expiration = *expiration;
  return credentials;
}

util::Expected<CallerIdentity> GetCallerIdentity(const Caller& sts) {
  auto body = CallQuery(sts, "GetCallerIdentity", kVersion, {});
  if (!body) return body.error();
  return ParseGetCallerIdentity(*body);
}

util::Expected<Credentials> AssumeRole(const Caller& sts, const AssumeRoleInput& input) {
  std::vector<QueryParam> params = {{"RoleArn", input.role_arn},
                                    {"RoleSessionName", input.session_name}};
  if (input.external_id) params.push_back({"ExternalId", *input.external_id});
  if (input.duration_seconds) {
    params.push_back({"DurationSeconds", std::to_string(*input.duration_seconds)});
  }
  auto body = CallQuery(sts, "AssumeRole", kVersion, std::move(params));
  if (!body) return body.error();
  return ParseAssumeRole(*body);
}

}  // namespace aws
