#include "aws/errors.h"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <map>

namespace aws {
namespace {

using util::ErrorClass;

// One table for every code the tool knows. Sources: the EC2 API error-code reference
// (docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html), the S3 error
// responses page and the common errors of the JSON services.
const std::map<std::string, ErrorClass, std::less<>>& CodeTable() {
  static const std::map<std::string, ErrorClass, std::less<>> table = {
      // No capacity for this type, AZ or market now: try elsewhere or later.
      {"InsufficientInstanceCapacity", ErrorClass::kCapacity},
      {"InsufficientFreeAddressesInSubnet", ErrorClass::kCapacity},
      {"InsufficientCapacityOnHost", ErrorClass::kCapacity},
      {"InsufficientHostCapacity", ErrorClass::kCapacity},
      {"InsufficientReservedInstanceCapacity", ErrorClass::kCapacity},
      {"Unsupported", ErrorClass::kCapacity},
      {"SpotMaxPriceTooLow", ErrorClass::kCapacity},
      // The account's limits.
      {"VcpuLimitExceeded", ErrorClass::kQuota},
      {"MaxSpotInstanceCountExceeded", ErrorClass::kQuota},
      {"InstanceLimitExceeded", ErrorClass::kQuota},
      // Rate limits.
      {"RequestLimitExceeded", ErrorClass::kThrottling},
      {"Throttling", ErrorClass::kThrottling},
      {"ThrottlingException", ErrorClass::kThrottling},
      {"TooManyRequestsException", ErrorClass::kThrottling},
      {"RequestThrottled", ErrorClass::kThrottling},
      {"RequestThrottledException", ErrorClass::kThrottling},
      {"SlowDown", ErrorClass::kThrottling},
      // The request or the credentials are wrong: retrying cannot help.
      {"AuthFailure", ErrorClass::kFatal},
      {"UnauthorizedOperation", ErrorClass::kFatal},
      {"InvalidParameterValue", ErrorClass::kFatal},
      {"InvalidParameterCombination", ErrorClass::kFatal},
      {"InvalidParameter", ErrorClass::kFatal},
      {"MissingParameter", ErrorClass::kFatal},
      {"InvalidKeyPair.NotFound", ErrorClass::kFatal},
      {"InvalidGroup.NotFound", ErrorClass::kFatal},
      {"InvalidSubnetID.NotFound", ErrorClass::kFatal},
      {"InvalidAMIID.NotFound", ErrorClass::kFatal},
      {"InvalidAMIID.Malformed", ErrorClass::kFatal},
      {"InvalidInstanceID.Malformed", ErrorClass::kFatal},
      {"IdempotentParameterMismatch", ErrorClass::kFatal},
      {"OptInRequired", ErrorClass::kFatal},
      {"InvalidClientTokenId", ErrorClass::kFatal},
      {"SignatureDoesNotMatch", ErrorClass::kFatal},
      {"IncompleteSignature", ErrorClass::kFatal},
      {"InvalidAccessKeyId", ErrorClass::kFatal},
      {"ExpiredToken", ErrorClass::kFatal},
      {"ExpiredTokenException", ErrorClass::kFatal},
      {"RequestExpired", ErrorClass::kFatal},
      {"AccessDenied", ErrorClass::kFatal},
      {"AccessDeniedException", ErrorClass::kFatal},
      {"UnrecognizedClientException", ErrorClass::kFatal},
      {"ValidationException", ErrorClass::kFatal},
      {"ValidationError", ErrorClass::kFatal},
      // Absent things.
      {"NoSuchKey", ErrorClass::kNotFound},
      {"NoSuchBucket", ErrorClass::kNotFound},
      {"ParameterNotFound", ErrorClass::kNotFound},
      {"NoSuchResourceException", ErrorClass::kNotFound},
      {"NoSuchEntity", ErrorClass::kNotFound},  // IAM
      // IAM (the IAM API reference's error list). EntityAlreadyExists is final for the call
      // that got it; a creator that accepts what exists checks the code.
      {"EntityAlreadyExists", ErrorClass::kFatal},
      {"MalformedPolicyDocument", ErrorClass::kFatal},
      {"UnmodifiableEntity", ErrorClass::kFatal},
      {"InvalidInput", ErrorClass::kFatal},
      {"LimitExceeded", ErrorClass::kQuota},
      // EC2 reads are eventually consistent: an instance just launched may not be visible
      // yet. Whether "just" applies is the caller's call (it knows the launch time).
      {"InvalidInstanceID.NotFound", ErrorClass::kEventualConsistency},
  };
  return table;
}

std::string ChildText(const pugi::xml_node& node, const char* name) {
  return node.child(name).text().as_string();
}

}  // namespace

std::optional<AwsError> ParseXmlError(std::string_view body) {
  pugi::xml_document document;
  if (!document.load_buffer(body.data(), body.size())) return std::nullopt;
  pugi::xml_node root = document.document_element();
  pugi::xml_node error;
  std::string request_id;
  if (std::string_view(root.name()) == "Response") {  // EC2
    error = root.child("Errors").child("Error");
    request_id = ChildText(root, "RequestID");
  } else if (std::string_view(root.name()) == "ErrorResponse") {  // STS and other Query APIs
    error = root.child("Error");
    request_id = ChildText(root, "RequestId");
  } else if (std::string_view(root.name()) == "Error") {  // S3
    error = root;
    request_id = ChildText(root, "RequestId");
  }
  if (!error || ChildText(error, "Code").empty()) return std::nullopt;
  return AwsError{ChildText(error, "Code"), ChildText(error, "Message"), request_id};
}

std::optional<AwsError> ParseJsonError(std::string_view body, std::string_view error_type_header) {
  AwsError error;
  // "Code:http://internal.amazon.com/coral/..." in the header; the part before ':'.
  error.code = std::string(error_type_header.substr(0, error_type_header.find(':')));
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object()) {
    if (error.code.empty()) {
      auto type = json.find("__type");
      if (type != json.end() && type->is_string()) {
        std::string text = *type;  // "com.amazonaws.ssm#ParameterNotFound"
        error.code = text.substr(text.find('#') == std::string::npos ? 0 : text.find('#') + 1);
      }
    }
    for (const char* key : {"message", "Message"}) {
      auto message = json.find(key);
      if (message != json.end() && message->is_string()) error.message = *message;
    }
  }
  if (error.code.empty()) return std::nullopt;
  return error;
}

util::ErrorClass ClassifyAwsError(std::string_view code, long http_status) {
  auto found = CodeTable().find(code);
  if (found != CodeTable().end()) return found->second;
  if (http_status == 429) return ErrorClass::kThrottling;
  if (http_status == 404) return ErrorClass::kNotFound;
  if (http_status == 401 || http_status == 403) return ErrorClass::kFatal;
  return ErrorClass::kTransient;
}

util::ErrorClass ClassifyAwsError(const AwsError& error, long http_status) {
  if (error.code == "InvalidParameterValue" &&
      error.message.find("iamInstanceProfile") != std::string::npos) {
    return ErrorClass::kEventualConsistency;
  }
  return ClassifyAwsError(error.code, http_status);
}

util::Error ErrorFromResponse(const HttpResponse& response, Protocol protocol,
                              std::string_view operation) {
  std::optional<AwsError> parsed =
      protocol == Protocol::kJson
          ? ParseJsonError(response.body, response.HeaderValue("x-amzn-errortype").value_or(""))
          : ParseXmlError(response.body);
  AwsError error = parsed.value_or(AwsError{"HTTP" + std::to_string(response.status), "", ""});
  // S3 answers HEAD without a body; its 503 is SlowDown (the S3 error-responses page).
  if (!parsed && protocol == Protocol::kRestXml && response.status == 503) error.code = "SlowDown";
  std::string message = std::string(operation) + ": " + error.code;
  if (!error.message.empty()) message += ": " + error.message;
  if (!parsed) message += " (no error body)";
  return util::MakeError(ClassifyAwsError(error, response.status), std::move(message), error.code);
}

}  // namespace aws
