// The credential chain: the AWS CLI's order, each source, refresh before expiry, and no
// secret in any error.

#include "aws/credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "aws/process.h"
#include "loopback_server.h"
#include "test_support.h"

namespace aws {
namespace {

using testing::FakeEnvironment;
using testing::LoopbackServer;
using testing::ReceivedRequest;
using testing::Reply;
using testing::TempDir;

struct Fixture {
  TempDir dir;
  std::map<std::string, std::string> environment;
  util::TimePoint now = util::FromSeconds(1767225600);  // 2026-01-01T00:00:00Z
  std::unique_ptr<HttpClient> http = MakeCurlHttpClient(HttpOptions{});

  Fixture() {
    environment["AWS_SHARED_CREDENTIALS_FILE"] = dir.path() + "/credentials";
    environment["AWS_CONFIG_FILE"] = dir.path() + "/config";
    environment["AWS_EC2_METADATA_DISABLED"] = "true";
  }
  void Credentials(const std::string& text) { dir.Write("credentials", text); }
  void Config(const std::string& text) { dir.Write("config", text); }

  util::Expected<std::unique_ptr<CredentialChain>> Chain(std::optional<std::string> profile = {}) {
    CredentialOptions options;
    options.profile = std::move(profile);
    options.environment = FakeEnvironment(environment);
    options.http = http.get();
    options.now = [this] { return now; };
    return CredentialChain::Create(std::move(options));
  }
};

TEST(CredentialChain, EnvironmentKeysWithSessionToken) {
  Fixture f;
  f.environment["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  f.environment["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  f.environment["AWS_SESSION_TOKEN"] = "env-token";
  f.Credentials("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
  auto chain = f.Chain();
  ASSERT_TRUE(chain.has_value());
  auto credentials = (*chain)->Get();
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id.Reveal(), "AKIDENV");
  EXPECT_EQ(credentials->secret_access_key.Reveal(), "env-secret");
  EXPECT_EQ(credentials->session_token.Reveal(), "env-token");
  EXPECT_EQ((*chain)->source(), CredentialSource::kEnvironment);
}

TEST(CredentialChain, ExplicitProfileHidesEnvironmentKeysButAwsProfileDoesNot) {
  Fixture f;
  f.environment["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  f.environment["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  f.Credentials("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n");
  EXPECT_EQ((*f.Chain("dev"))->Get()->access_key_id.Reveal(), "AKIDDEV");
  f.environment["AWS_PROFILE"] = "dev";
  auto chain = f.Chain();
  EXPECT_EQ((*chain)->profile(), "dev");
  EXPECT_EQ((*chain)->Get()->access_key_id.Reveal(), "AKIDENV");
}

TEST(CredentialChain, HalfSetEnvironmentIsAnErrorWithoutTheValue) {
  Fixture f;
  f.environment["AWS_ACCESS_KEY_ID"] = "AKIDENVONLY";
  auto credentials = (*f.Chain())->Get();
  ASSERT_FALSE(credentials.has_value());
  EXPECT_NE(credentials.error().message.find("AWS_SECRET_ACCESS_KEY is not"), std::string::npos);
  EXPECT_EQ(credentials.error().message.find("AKIDENVONLY"), std::string::npos);
}

TEST(CredentialChain, CredentialsFileBeatsProcessBeatsConfigFile) {
  Fixture f;
  std::string script = f.dir.Write("process.sh",
                                   "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": "
                                   "\"AKIDPROC\", \"SecretAccessKey\": \"proc-secret\"}'\n");
  ::chmod(script.c_str(), 0755);
  f.Config(
      "[profile a]\naws_access_key_id = AKIDCONF\naws_secret_access_key = c\n"
      "credential_process = " +
      script +
      "\n"
      "[profile b]\naws_access_key_id = AKIDCONF\naws_secret_access_key = c\n");
  f.Credentials("[a]\naws_access_key_id = AKIDCRED\naws_secret_access_key = s\n");
  EXPECT_EQ((*f.Chain("a"))->Get()->access_key_id.Reveal(), "AKIDCRED");
  f.Credentials("");
  auto process = f.Chain("a");
  EXPECT_EQ((*process)->Get()->access_key_id.Reveal(), "AKIDPROC");
  EXPECT_EQ((*process)->source(), CredentialSource::kProcess);
  auto config = f.Chain("b");
  EXPECT_EQ((*config)->Get()->access_key_id.Reveal(), "AKIDCONF");
  EXPECT_EQ((*config)->source(), CredentialSource::kConfigFile);
}

TEST(CredentialChain, MissingNamedProfileNamesBothFiles) {
  Fixture f;
  f.Config("[profile a]\nregion = us-east-1\n");
  auto chain = f.Chain("nope");
  ASSERT_FALSE(chain.has_value());
  EXPECT_EQ(chain.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(chain.error().message.find("'nope'"), std::string::npos);
  EXPECT_NE(chain.error().message.find(f.dir.path() + "/config"), std::string::npos);
}

TEST(CredentialChain, NothingFoundSaysWhatToDo) {
  Fixture f;
  auto credentials = (*f.Chain())->Get();
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().error_class, util::ErrorClass::kFatal);
  EXPECT_NE(credentials.error().message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
}

TEST(CredentialChain, ProcessRunsWithoutAShellAndRefreshesBeforeExpiry) {
  Fixture f;
  // Each run prints the next key id; the argument with a space and the '$HOME' stay literal.
  std::string counter = f.dir.path() + "/count";
  std::string script =
      f.dir.Write("cred tool.sh",
                  "#!/bin/sh\n[ \"$1\" = 'a b' ] && [ \"$2\" = '$HOME' ] || exit 3\n"
                  "n=$(cat '" +
                      counter + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + counter +
                      "'\necho \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"AKID$n\\\", "
                      "\\\"SecretAccessKey\\\": \\\"s$n\\\", \\\"SessionToken\\\": \\\"t$n\\\", "
                      "\\\"Expiration\\\": \\\"2026-01-01T01:00:00Z\\\"}\"\n");
  ::chmod(script.c_str(), 0755);
  f.Config("[default]\ncredential_process = \"" + script + "\" 'a b' '$HOME'\n");
  auto chain = f.Chain();
  auto first = (*chain)->Get();
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->access_key_id.Reveal(), "AKID1");
  EXPECT_EQ(first->session_token.Reveal(), "t1");
  f.now += std::chrono::minutes(50);  // 10 minutes left: still cached
  EXPECT_EQ((*chain)->Get()->access_key_id.Reveal(), "AKID1");
  f.now += std::chrono::minutes(6);  // 4 minutes left: fetched again
  EXPECT_EQ((*chain)->Get()->access_key_id.Reveal(), "AKID2");
}

TEST(CredentialChain, AFailedRefreshKeepsCredentialsThatStillHold) {
  Fixture f;
  std::string marker = f.dir.path() + "/ran";
  std::string script = f.dir.Write(
      "once.sh", "#!/bin/sh\n[ -e '" + marker + "' ] && exit 1\ntouch '" + marker +
                     "'\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDONCE\", "
                     "\"SecretAccessKey\": \"s\", \"Expiration\": \"2026-01-01T01:00:00Z\"}'\n");
  ::chmod(script.c_str(), 0755);
  f.Config("[default]\ncredential_process = " + script + "\n");
  auto chain = f.Chain();
  ASSERT_EQ((*chain)->Get()->access_key_id.Reveal(), "AKIDONCE");
  f.now += std::chrono::minutes(58);  // refresh due, and it fails: the old ones still hold
  auto kept = (*chain)->Get();
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->access_key_id.Reveal(), "AKIDONCE");
  f.now += std::chrono::minutes(3);  // expired: the failure shows
  auto expired = (*chain)->Get();
  ASSERT_FALSE(expired.has_value());
  EXPECT_NE(expired.error().message.find("status 1"), std::string::npos);
}

TEST(CredentialChain, ProcessOutputIsCheckedAndNeverQuoted) {
  Fixture f;
  std::string script = f.dir.Write("bad.sh",
                                   "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"AKIDX\", "
                                   "\"SecretAccessKey\": \"TOPSECRET\"}'\n");
  ::chmod(script.c_str(), 0755);
  std::string failing = f.dir.Write("fail.sh", "#!/bin/sh\necho TOPSECRET; exit 7\n");
  ::chmod(failing.c_str(), 0755);
  f.Config("[profile v2]\ncredential_process = " + script +
           "\n[profile fail]\ncredential_process = " + failing + "\n");
  auto v2 = (*f.Chain("v2"))->Get();
  ASSERT_FALSE(v2.has_value());
  EXPECT_NE(v2.error().message.find("Version"), std::string::npos);
  EXPECT_EQ(v2.error().message.find("TOPSECRET"), std::string::npos);
  auto fail = (*f.Chain("fail"))->Get();
  ASSERT_FALSE(fail.has_value());
  EXPECT_NE(fail.error().message.find("status 7"), std::string::npos);
  EXPECT_EQ(fail.error().message.find("TOPSECRET"), std::string::npos);
}

constexpr const char* kAssumeRoleResponse =
    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
    "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/bench/s</Arn>"
    "<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser><Credentials>"
    "<AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>"
    "<SessionToken>role-token</SessionToken><Expiration>2026-01-01T01:00:00Z</Expiration>"
    "</Credentials></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId>"
    "</ResponseMetadata></AssumeRoleResponse>";

TEST(CredentialChain, RoleArnWithSourceProfileAssumesTheRoleThroughSts) {
  LoopbackServer sts([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond, 200, {}, kAssumeRoleResponse};
  });
  Fixture f;
  f.environment["AWS_ENDPOINT_URL_STS"] = sts.url();
  f.Credentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n");
  f.Config(
      "[profile bench]\nrole_arn = arn:aws:iam::123456789012:role/bench\n"
      "source_profile = base\nrole_session_name = s\nexternal_id = ext-1\n"
      "duration_seconds = 3600\nregion = eu-west-1\n");
  auto chain = f.Chain("bench");
  auto credentials = (*chain)->Get();
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id.Reveal(), "ASIAROLE");
  EXPECT_EQ(credentials->session_token.Reveal(), "role-token");
  EXPECT_EQ(credentials->expiration, util::FromSeconds(1767225600 + 3600));
  EXPECT_EQ((*chain)->source(), CredentialSource::kAssumeRole);
  auto requests = sts.requests();
  ASSERT_EQ(requests.size(), 1u);
  const std::string& body = requests[0].body;
  EXPECT_NE(body.find("Action=AssumeRole"), std::string::npos);
  EXPECT_NE(body.find("Version=2011-06-15"), std::string::npos);
  EXPECT_NE(body.find("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fbench"),
            std::string::npos);
  EXPECT_NE(body.find("RoleSessionName=s"), std::string::npos);
  EXPECT_NE(body.find("ExternalId=ext-1"), std::string::npos);
  EXPECT_NE(body.find("DurationSeconds=3600"), std::string::npos);
  EXPECT_NE(
      requests[0].Header("authorization")->find("Credential=AKIDBASE/20260101/eu-west-1/sts/"),
      std::string::npos);
  // Cached until a few minutes before the role's credentials expire.
  f.now += std::chrono::minutes(30);
  ASSERT_TRUE((*chain)->Get().has_value());
  EXPECT_EQ(sts.requests().size(), 1u);
  f.now += std::chrono::minutes(26);
  ASSERT_TRUE((*chain)->Get().has_value());
  EXPECT_EQ(sts.requests().size(), 2u);
}

TEST(CredentialChain, AssumeRoleErrorsNameTheProfileAndRole) {
  LoopbackServer sts([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond,
                 403,
                 {},
                 "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not "
                 "authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>"};
  });
  Fixture f;
  f.environment["AWS_ENDPOINT_URL"] = sts.url();
  f.Credentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n");
  f.Config(
      "[profile bench]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n"
      "[profile loop1]\nrole_arn = x\nsource_profile = loop2\n"
      "[profile loop2]\nrole_arn = y\nsource_profile = loop1\n");
  auto denied = (*f.Chain("bench"))->Get();
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().error_class, util::ErrorClass::kFatal);
  EXPECT_NE(denied.error().message.find("profile 'bench' assuming arn:aws:iam::1:role/r"),
            std::string::npos);
  EXPECT_EQ(denied.error().message.find("base-secret"), std::string::npos);
  auto loop = (*f.Chain("loop1"))->Get();
  ASSERT_FALSE(loop.has_value());
  EXPECT_NE(loop.error().message.find("loop"), std::string::npos);
}

TEST(CredentialChain, InstanceRoleThroughImdsV2) {
  LoopbackServer imds([](const ReceivedRequest& request) {
    if (request.method == "PUT" && request.target == "/latest/api/token") {
      if (request.Header("x-aws-ec2-metadata-token-ttl-seconds") != "21600") {
        return Reply{Reply::Kind::kRespond, 400, {}, ""};
      }
      return Reply{Reply::Kind::kRespond, 200, {}, "TOKEN123"};
    }
    if (request.Header("x-aws-ec2-metadata-token") != "TOKEN123") {
      return Reply{Reply::Kind::kRespond, 401, {}, ""};
    }
    if (request.target == "/latest/meta-data/iam/security-credentials/") {
      return Reply{Reply::Kind::kRespond, 200, {}, "bench-role\n"};
    }
    if (request.target == "/latest/meta-data/iam/security-credentials/bench-role") {
      return Reply{
          Reply::Kind::kRespond,
          200,
          {},
          R"({"Code":"Success","LastUpdated":"2026-01-01T00:00:00Z","Type":"AWS-HMAC",)"
          R"("AccessKeyId":"ASIAIMDS","SecretAccessKey":"imds-secret","Token":"imds-token",)"
          R"("Expiration":"2026-01-01T06:00:00Z"})"};
    }
    return Reply{Reply::Kind::kRespond, 404, {}, ""};
  });
  Fixture f;
  f.environment.erase("AWS_EC2_METADATA_DISABLED");
  f.environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = imds.url() + "/";
  auto chain = f.Chain();
  auto credentials = (*chain)->Get();
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id.Reveal(), "ASIAIMDS");
  EXPECT_EQ(credentials->session_token.Reveal(), "imds-token");
  EXPECT_EQ(credentials->expiration, util::FromSeconds(1767225600 + 6 * 3600));
  EXPECT_EQ((*chain)->source(), CredentialSource::kInstanceMetadata);
  EXPECT_EQ(imds.requests().size(), 3u);
}

TEST(SplitCommandLine, ShellWordsWithoutExpansion) {
  auto words = SplitCommandLine(R"(tool --flag 'a b' "c \"d\" $e" f\ g '')");
  ASSERT_TRUE(words.has_value());
  EXPECT_EQ(*words, (std::vector<std::string>{"tool", "--flag", "a b", "c \"d\" $e", "f g", ""}));
  EXPECT_FALSE(SplitCommandLine("tool 'open").has_value());
  EXPECT_FALSE(SplitCommandLine("   ").has_value());
}

}  // namespace
}  // namespace aws
