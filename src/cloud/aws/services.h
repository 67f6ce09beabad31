#pragma once
// The real Services: one libcurl client, the AWS CLI's credential chain (--profile, the
// environment, the shared files, IMDSv2) and its endpoint rules (--endpoint-url, the
// AWS_ENDPOINT_URL* variables, the profile's endpoint_url).

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "cloud/aws/aws_cloud.h"

namespace cloud::aws {

class RealServices : public Services {
 public:
  // Errors (credentials, files) are kInvalidInput: the user's configuration must change.
  static util::Expected<std::unique_ptr<RealServices>> Create(const std::string& profile,
                                                              const std::string& endpoint_url);
  util::Expected<::aws::Caller> For(::aws::Service service, const std::string& region) override;
  util::TimePoint Now() override;

 private:
  RealServices() = default;
  ::aws::Environment environment_;
  std::string endpoint_url_;
  std::unique_ptr<::aws::HttpClient> http_;
  std::unique_ptr<::aws::CredentialChain> credentials_;
};

}  // namespace cloud::aws
