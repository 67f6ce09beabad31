#pragma once
// AWS error responses: parsing the three wire shapes and mapping their codes to the
// executor's error classes (docs/aws.md lists the table).
//   Query XML (EC2):  <Response><Errors><Error><Code>..</Code><Message>..</Message></Error>
//                     </Errors><RequestID>..</RequestID></Response>
//   Query XML (STS):  <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>
//   REST XML (S3):    <Error><Code/><Message/><RequestId/></Error> (HEAD: no body at all)
//   JSON (SSM, Service Quotas, Pricing): {"__type": "ns#Code", "message": ".."} and/or the
//                     x-amzn-ErrorType header "Code:http://..".

#include <optional>
#include <string>
#include <string_view>

#include "aws/http.h"
#include "util/error.h"

namespace aws {

enum class Protocol { kQueryXml, kRestXml, kJson };

struct AwsError {
  std::string code;
  std::string message;
  std::string request_id;
};

std::optional<AwsError> ParseXmlError(std::string_view body);  // Query XML and S3's REST XML
std::optional<AwsError> ParseJsonError(std::string_view body, std::string_view error_type_header);

// The class for a code; an unknown code falls back on the HTTP status (429 throttling,
// 404 not found, 5xx and anything else transient).
util::ErrorClass ClassifyAwsError(std::string_view code, long http_status);

// As above, with the one case a code alone cannot tell: RunInstances answers an instance
// profile that IAM created seconds ago, but EC2 cannot see yet, with InvalidParameterValue
// naming `iamInstanceProfile` ("Value (NAME) for parameter iamInstanceProfile.name is
// invalid. Invalid IAM Instance Profile name"): eventual consistency, retried. Every other
// InvalidParameterValue stays fatal.
util::ErrorClass ClassifyAwsError(const AwsError& error, long http_status);

// The error for a response whose status is not 2xx: "ec2 RunInstances: Code: message".
util::Error ErrorFromResponse(const HttpResponse& response, Protocol protocol,
                              std::string_view operation);

}  // namespace aws
