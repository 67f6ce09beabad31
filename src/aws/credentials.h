#pragma once
// Credentials found the way the AWS CLI finds them (docs/aws.md has the order):
//  1. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, unless --profile was
//     given (AWS_PROFILE does not hide them, as in the CLI);
//  2. the profile (--profile, AWS_PROFILE, or "default"): role_arn with source_profile or
//     credential_source through STS AssumeRole; static keys in the credentials file;
//     credential_process; static keys in the config file;
//  3. the instance's role through IMDSv2 (unless AWS_EC2_METADATA_DISABLED=true).
// Expiring credentials are fetched again a few minutes before they expire.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "aws/config_files.h"
#include "aws/environment.h"
#include "aws/http.h"
#include "aws/request.h"

namespace aws {

struct CredentialOptions {
  std::optional<std::string> profile;  // --profile
  Environment environment;
  HttpClient* http = nullptr;       // for STS AssumeRole
  HttpClient* imds_http = nullptr;  // null: a curl client with short timeouts
  Clock now;
  std::chrono::seconds refresh_before{std::chrono::minutes(5)};
};

enum class CredentialSource {
  kEnvironment,
  kAssumeRole,
  kCredentialsFile,
  kProcess,
  kConfigFile,
  kInstanceMetadata,
};

const char* ToString(CredentialSource source);

class CredentialChain final : public CredentialsProvider {
 public:
  // Reads the shared files; a named profile that is in neither file is an error here.
  static util::Expected<std::unique_ptr<CredentialChain>> Create(CredentialOptions options);

  util::Expected<Credentials> Get() override;

  const std::string& profile() const { return profile_; }
  const ConfigFiles& files() const { return files_; }
  // Where the last credentials came from (after a successful Get).
  CredentialSource source() const { return source_; }

 private:
  CredentialChain(CredentialOptions options, ConfigFiles files, std::string profile);

  struct Found {
    Credentials credentials;
    CredentialSource source;
  };
  util::Expected<Found> Resolve();
  util::Expected<std::optional<Found>> FromProfile(const std::string& profile, int depth);
  util::Expected<Found> AssumeRoleFor(const std::string& profile, int depth);
  util::Expected<Found> FromNamedSource(const std::string& profile, const std::string& source);
  util::Expected<Found> FromInstanceMetadata();

  CredentialOptions options_;
  ConfigFiles files_;
  std::string profile_;
  std::unique_ptr<HttpClient> own_imds_http_;
  std::optional<Credentials> cached_;
  CredentialSource source_ = CredentialSource::kEnvironment;
};

}  // namespace aws
