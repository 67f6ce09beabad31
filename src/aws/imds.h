#pragma once
// Role credentials from the instance metadata service, IMDSv2 only: a PUT for a session
// token, then the role name and its credentials under
// /latest/meta-data/iam/security-credentials/ with that token.
// (docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html)

#include <string>
#include <string_view>

#include "aws/environment.h"
#include "aws/http.h"
#include "aws/sigv4.h"
#include "util/expected.h"

namespace aws {

// AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254.
std::string ImdsEndpoint(const Environment& environment);

util::Expected<Credentials> FetchImdsCredentials(HttpClient& http, const std::string& endpoint);

// {"Code":"Success","AccessKeyId":..,"SecretAccessKey":..,"Token":..,"Expiration":..}
util::Expected<Credentials> ParseImdsCredentials(std::string_view json);

}  // namespace aws
