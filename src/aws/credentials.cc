#include "aws/credentials.h"

#include <nlohmann/json.hpp>

#include "aws/imds.h"
#include "aws/process.h"
#include "aws/sts.h"
#include "util/strings.h"

namespace aws {
namespace {

constexpr int kMaxRoleChain = 5;

util::Error NoCredentials(std::string message) {
  return util::MakeError(util::ErrorClass::kFatal, std::move(message), "NoCredentials");
}

std::optional<Credentials> StaticKeys(const Profiles& file, const std::string& profile) {
  auto section = file.find(profile);
  if (section == file.end()) return std::nullopt;
  auto key = section->second.find("aws_access_key_id");
  auto secret = section->second.find("aws_secret_access_key");
  if (key == section->second.end() || secret == section->second.end()) return std::nullopt;
  Credentials credentials{Secret(key->second), Secret(secret->second), Secret(), {}};
  auto token = section->second.find("aws_session_token");
  if (token != section->second.end()) credentials.session_token = Secret(token->second);
  return credentials;
}

util::Expected<Credentials> FromProcess(const std::string& profile, const std::string& command) {
  std::string what = "credential_process of profile '" + profile + "'";
  auto argv = SplitCommandLine(command);
  if (!argv) return util::InvalidInput(what + ": " + argv.error().message);
  auto output = RunProcess(*argv);
  if (!output) return NoCredentials(what + ": " + output.error().message);
  if (output->exit_status != 0) {
    return NoCredentials(what + " exited with status " + std::to_string(output->exit_status));
  }
  // The output is never quoted in errors: it holds the secret key.
  auto json = nlohmann::json::parse(output->standard_output, nullptr, false);
  if (!json.is_object()) return NoCredentials(what + " did not print a JSON object");
  auto text = [&](const char* key) {
    auto found = json.find(key);
    return found != json.end() && found->is_string() ? found->get<std::string>() : "";
  };
  auto version = json.find("Version");
  if (version == json.end() || !version->is_number_integer() || *version != 1) {
    return NoCredentials(what + " printed no \"Version\": 1 (the only version there is)");
  }
  Credentials credentials{Secret(text("AccessKeyId")),
                          Secret(text("SecretAccessKey")),
                          Secret(text("SessionToken")),
                          {}};
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return NoCredentials(what + " printed no AccessKeyId or SecretAccessKey");
  }
  if (std::string expiration = text("Expiration"); !expiration.empty()) {
    auto parsed = util::ParseIso8601WithOffset(expiration);
    if (!parsed) return NoCredentials(what + ": Expiration is not an ISO 8601 instant");
    credentials.expiration = *parsed;
  }
  return credentials;
}

}  // namespace

const char* ToString(CredentialSource source) {
  switch (source) {
    case CredentialSource::kEnvironment:
      return "environment";
    case CredentialSource::kAssumeRole:
      return "assume-role";
    case CredentialSource::kCredentialsFile:
      return "shared-credentials-file";
    case CredentialSource::kProcess:
      return "credential-process";
    case CredentialSource::kConfigFile:
      return "config-file";
    case CredentialSource::kInstanceMetadata:
      return "instance-metadata";
  }
  return "unknown";
}

util::Expected<std::unique_ptr<CredentialChain>> CredentialChain::Create(
    CredentialOptions options) {
  auto files = LoadConfigFiles(options.environment);
  if (!files) return files.error();
  std::optional<std::string> named = options.profile;
  if (!named) named = options.environment("AWS_PROFILE");
  if (!named) named = options.environment("AWS_DEFAULT_PROFILE");
  std::string profile = named.value_or("default");
  if (named && !files->HasProfile(profile)) {
    return util::InvalidInput("AWS profile '" + profile + "' is in neither " +
                              files->credentials_path + " nor " + files->config_path);
  }
  return std::unique_ptr<CredentialChain>(
      new CredentialChain(std::move(options), std::move(*files), std::move(profile)));
}

CredentialChain::CredentialChain(CredentialOptions options, ConfigFiles files, std::string profile)
    : options_(std::move(options)), files_(std::move(files)), profile_(std::move(profile)) {
  if (!options_.now) options_.now = SystemClock();
}

util::Expected<Credentials> CredentialChain::Get() {
  util::TimePoint now = options_.now();
  if (cached_ && (!cached_->expiration || now + options_.refresh_before < *cached_->expiration)) {
    return *cached_;
  }
  auto found = Resolve();
  if (!found) {
    // A refresh that fails while the old credentials still hold keeps them.
    if (cached_ && now < *cached_->expiration) return *cached_;
    return found.error();
  }
  cached_ = found->credentials;
  source_ = found->source;
  return *cached_;
}

util::Expected<CredentialChain::Found> CredentialChain::Resolve() {
  if (!options_.profile) {
    auto key = options_.environment("AWS_ACCESS_KEY_ID");
    auto secret = options_.environment("AWS_SECRET_ACCESS_KEY");
    if (key && !secret)
      return NoCredentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    if (!key && secret)
      return NoCredentials("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
    if (key && secret) {
      auto token = options_.environment("AWS_SESSION_TOKEN");
      if (!token) token = options_.environment("AWS_SECURITY_TOKEN");
      return Found{{Secret(*key), Secret(*secret), Secret(token.value_or("")), {}},
                   CredentialSource::kEnvironment};
    }
  }
  auto from_profile = FromProfile(profile_, 0);
  if (!from_profile) return from_profile.error();
  if (*from_profile) return std::move(**from_profile);
  bool imds_disabled =
      util::ParseBool(options_.environment("AWS_EC2_METADATA_DISABLED").value_or("false"))
          .value_or(false);
  if (!imds_disabled) {
    auto from_imds = FromInstanceMetadata();
    if (from_imds) return from_imds;
  }
  return NoCredentials(
      "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, name a profile with "
      "credentials (--profile or AWS_PROFILE; profile '" +
      profile_ + "' has none in " + files_.credentials_path + " or " + files_.config_path +
      "), or run on an instance with an IAM role");
}

util::Expected<std::optional<CredentialChain::Found>> CredentialChain::FromProfile(
    const std::string& profile, int depth) {
  if (files_.Get(profile, "role_arn")) {
    auto assumed = AssumeRoleFor(profile, depth);
    if (!assumed) return assumed.error();
    return std::optional<Found>(std::move(*assumed));
  }
  if (auto keys = StaticKeys(files_.credentials, profile)) {
    return std::optional<Found>(Found{*keys, CredentialSource::kCredentialsFile});
  }
  if (auto command = files_.Get(profile, "credential_process")) {
    auto credentials = FromProcess(profile, *command);
    if (!credentials) return credentials.error();
    return std::optional<Found>(Found{*credentials, CredentialSource::kProcess});
  }
  if (auto keys = StaticKeys(files_.config, profile)) {
    return std::optional<Found>(Found{*keys, CredentialSource::kConfigFile});
  }
  return std::optional<Found>();
}

util::Expected<CredentialChain::Found> CredentialChain::FromNamedSource(const std::string& profile,
                                                                        const std::string& source) {
  if (source == "Environment") {
    auto key = options_.environment("AWS_ACCESS_KEY_ID");
    auto secret = options_.environment("AWS_SECRET_ACCESS_KEY");
    if (!key || !secret) {
      return NoCredentials("profile '" + profile +
                           "': credential_source Environment, but AWS_ACCESS_KEY_ID and "
                           "AWS_SECRET_ACCESS_KEY are not both set");
    }
    return Found{{Secret(*key),
                  Secret(*secret),
                  Secret(options_.environment("AWS_SESSION_TOKEN").value_or("")),
                  {}},
                 CredentialSource::kEnvironment};
  }
  if (source == "Ec2InstanceMetadata") return FromInstanceMetadata();
  return util::InvalidInput("profile '" + profile + "': credential_source '" + source +
                            "' is not supported (Environment, Ec2InstanceMetadata)");
}

util::Expected<CredentialChain::Found> CredentialChain::AssumeRoleFor(const std::string& profile,
                                                                      int depth) {
  if (depth >= kMaxRoleChain) {
    return util::InvalidInput("profile '" + profile + "': source_profile chain longer than " +
                              std::to_string(kMaxRoleChain) + " (a loop?)");
  }
  std::optional<Found> source;
  auto source_profile = files_.Get(profile, "source_profile");
  auto credential_source = files_.Get(profile, "credential_source");
  if (source_profile && credential_source) {
    return util::InvalidInput("profile '" + profile +
                              "' has both source_profile and credential_source; keep one");
  }
  if (source_profile) {
    if (!files_.HasProfile(*source_profile)) {
      return util::InvalidInput("profile '" + profile + "': source_profile '" + *source_profile +
                                "' does not exist");
    }
    // The source profile's own keys, even when it has a role_arn of its own only through
    // a further source_profile (a chain).
    std::optional<Credentials> keys = StaticKeys(files_.credentials, *source_profile);
    if (!keys) keys = StaticKeys(files_.config, *source_profile);
    if (keys && !files_.Get(*source_profile, "role_arn")) {
      source = Found{*keys, CredentialSource::kCredentialsFile};
    } else {
      auto chained = FromProfile(*source_profile, depth + 1);
      if (!chained) return chained.error();
      if (!*chained) {
        return NoCredentials("profile '" + profile + "': source_profile '" + *source_profile +
                             "' has no credentials");
      }
      source = std::move(**chained);
    }
  } else if (credential_source) {
    auto named = FromNamedSource(profile, *credential_source);
    if (!named) return named.error();
    source = std::move(*named);
  } else {
    return util::InvalidInput("profile '" + profile +
                              "' has role_arn but neither source_profile nor credential_source");
  }

  AssumeRoleInput input;
  input.role_arn = *files_.Get(profile, "role_arn");
  input.session_name = files_.Get(profile, "role_session_name")
                           .value_or("abc-" + std::to_string(util::ToSeconds(options_.now())));
  input.external_id = files_.Get(profile, "external_id");
  if (auto duration = files_.Get(profile, "duration_seconds")) {
    auto seconds = util::ParseInt(*duration);
    if (!seconds || *seconds < 900 || *seconds > 43200) {
      return util::InvalidInput("profile '" + profile + "': duration_seconds '" + *duration +
                                "' is not a number of seconds in 900..43200");
    }
    input.duration_seconds = static_cast<int>(*seconds);
  }
  Settings settings{std::nullopt, std::nullopt, profile, &files_, options_.environment};
  auto region = ResolveRegion(settings);
  auto endpoint = ResolveEndpoint(Service::kSts, region ? *region : "us-east-1", settings);
  if (!endpoint) return endpoint.error();
  if (options_.http == nullptr) return NoCredentials("no HTTP client for STS AssumeRole");
  StaticCredentialsProvider source_credentials(source->credentials);
  Caller sts{options_.http, &source_credentials, std::move(*endpoint), options_.now,
             ThrottleRetry{}};
  auto assumed = AssumeRole(sts, input);
  if (!assumed) {
    util::Error error = assumed.error();
    error.message = "profile '" + profile + "' assuming " + input.role_arn + ": " + error.message;
    return error;
  }
  return Found{std::move(*assumed), CredentialSource::kAssumeRole};
}

util::Expected<CredentialChain::Found> CredentialChain::FromInstanceMetadata() {
  HttpClient* http = options_.imds_http;
  if (http == nullptr) {
    if (!own_imds_http_) {
      HttpOptions quick;  // off EC2 nothing answers: fail fast, like the CLI (1 s)
      quick.connect_timeout = std::chrono::milliseconds(1000);
      quick.total_timeout = std::chrono::milliseconds(2000);
      quick.attempts = 2;
      own_imds_http_ = MakeCurlHttpClient(quick);
    }
    http = own_imds_http_.get();
  }
  auto credentials = FetchImdsCredentials(*http, ImdsEndpoint(options_.environment));
  if (!credentials) return credentials.error();
  return Found{std::move(*credentials), CredentialSource::kInstanceMetadata};
}

}  // namespace aws
