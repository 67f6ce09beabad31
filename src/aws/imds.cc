#include "aws/imds.h"

#include <nlohmann/json.hpp>

#include "aws/request.h"
#include "util/strings.h"

namespace aws {
namespace {

util::Error ImdsError(const std::string& what) {
  return util::MakeError(util::ErrorClass::kNotFound, "instance metadata: " + what);
}

std::string StringField(const nlohmann::json& json, const char* key) {
  auto found = json.find(key);
  return found != json.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

std::string ImdsEndpoint(const Environment& environment) {
  std::string endpoint =
      environment("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("http://169.254.169.254");
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint;
}

util::Expected<Credentials> ParseImdsCredentials(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return ImdsError("credentials are not a JSON object");
  std::string code = StringField(json, "Code");
  if (!code.empty() && code != "Success") return ImdsError("credentials Code is " + code);
  Credentials credentials{Secret(StringField(json, "AccessKeyId")),
                          Secret(StringField(json, "SecretAccessKey")),
                          Secret(StringField(json, "Token")),
                          {}};
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return ImdsError("credentials without AccessKeyId or SecretAccessKey");
  }
  std::string expiration = StringField(json, "Expiration");
  if (!expiration.empty()) {
    auto parsed = util::ParseIso8601WithOffset(expiration);
    if (!parsed) return ImdsError("credentials Expiration is not an ISO 8601 instant");
    credentials.expiration = *parsed;
  }
  return credentials;
}

util::Expected<Credentials> FetchImdsCredentials(HttpClient& http, const std::string& endpoint) {
  auto token = http.Send({"PUT",
                          endpoint + "/latest/api/token",
                          {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}},
                          ""});
  if (!token) return ImdsError("no token (" + token.error().message + ")");
  if (!IsSuccess(token->status)) {
    return ImdsError("token request answered HTTP " + std::to_string(token->status));
  }
  std::vector<Header> with_token = {{"X-aws-ec2-metadata-token", token->body}};
  std::string base = endpoint + "/latest/meta-data/iam/security-credentials/";
  auto roles = http.Send({"GET", base, with_token, ""});
  if (!roles) return ImdsError("no role list (" + roles.error().message + ")");
  if (roles->status == 404) return ImdsError("the instance has no IAM role");
  if (!IsSuccess(roles->status)) {
    return ImdsError("role list answered HTTP " + std::to_string(roles->status));
  }
  std::string role(util::Trim(roles->body.substr(0, roles->body.find('\n'))));
  if (role.empty()) return ImdsError("the instance has no IAM role");
  auto credentials = http.Send({"GET", base + role, with_token, ""});
  if (!credentials) return ImdsError("no credentials (" + credentials.error().message + ")");
  if (!IsSuccess(credentials->status)) {
    return ImdsError("credentials answered HTTP " + std::to_string(credentials->status));
  }
  return ParseImdsCredentials(credentials->body);
}

}  // namespace aws
