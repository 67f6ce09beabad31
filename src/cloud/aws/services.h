#pragma once
// The real Services: one libcurl client, the AWS CLI's credential chain (--profile, the
// environment, the shared files, IMDSv2) and its endpoint rules (--endpoint-url, the
// AWS_ENDPOINT_URL* variables, the profile's endpoint_url).

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "cloud/aws/aws_cloud.h"

namespace cloud::aws {

// Preflight, set-up, cleanup and refresh calls: five attempts, 0.5 s doubling (about 8 s at
// most before the fifth), like the AWS CLI's standard mode gives up after a few.
inline const ::aws::ThrottleRetry kToolRetries{5, std::chrono::milliseconds(500), {}};

class RealServices : public Services {
 public:
  // Errors (credentials, files) are kInvalidInput: the user's configuration must change.
  // `throttle`: how the callers it gives retry throttling answers (::aws::ThrottleRetry);
  // the campaign's provider passes one attempt, everything else kToolRetries.
  static util::Expected<std::unique_ptr<RealServices>> Create(
      const std::string& profile, const std::string& endpoint_url,
      ::aws::ThrottleRetry throttle = kToolRetries);
  util::Expected<::aws::Caller> For(::aws::Service service, const std::string& region) override;
  util::TimePoint Now() override;

 private:
  RealServices() = default;
  ::aws::Environment environment_;
  std::string endpoint_url_;
  ::aws::ThrottleRetry throttle_;
  std::unique_ptr<::aws::HttpClient> http_;
  std::unique_ptr<::aws::CredentialChain> credentials_;
};

}  // namespace cloud::aws
