// The aws backend's settings and campaign start: backend_config round trip (and no secret
// in it), quota classes and codes, the bad-flag errors that need no network, finding the
// agents, and the bucket and agent uploads against the in-process fake.

#include "cloud/aws/aws_backend.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "../aws/loopback_server.h"
#include "aws/crypto.h"
#include "aws_fake.h"
#include "catalog/catalog.h"
#include "cloud/aws/agent_profile.h"
#include "cloud/aws/bootstrap.h"
#include "cloud/registry.h"

namespace cloud::aws {
namespace {

using testing::FakeAws;
using testing::FakeServices;

TEST(AwsSetup, RoundTripsThroughBackendConfig) {
  AwsSetup setup;
  setup.region = "eu-west-1";
  setup.profile = "bench";
  setup.endpoint_url = "http://127.0.0.1:4566";
  setup.subnets = {{"subnet-b", "eu-west-1b"}, {"subnet-a", "eu-west-1a"}};
  setup.security_groups = {"sg-1"};
  setup.key_pair = "k";
  setup.instance_profile = "arn:aws:iam::1:instance-profile/p";
  setup.bucket = "abc-1-eu-west-1";
  setup.default_bucket = true;
  setup.ami_parameters = DefaultAmiParameters();
  setup.images["arm64"] = {"ami-1", "/dev/xvda"};
  setup.agents["x86_64"] = {"agents/x/aws-benchmark-agent", "x", "/tmp/agent"};
  auto back = SetupFromJson(SetupToJson(setup));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(SetupToJson(*back), SetupToJson(setup));
  EXPECT_EQ(back->subnets[0].subnet_id, "subnet-b");  // order kept: AZ failover order
  EXPECT_EQ(back->agents.at("x86_64").local_path, "/tmp/agent");
  EXPECT_FALSE(SetupFromJson("{\"region\": 1}").has_value());
  // A campaign created before the instances reached S3 by role kept presigned URLs.
  nlohmann::json old = nlohmann::json::parse(SetupToJson(setup));
  old.erase("presigned_urls");
  old.erase("own_instance_profile");
  auto before = SetupFromJson(old.dump());
  ASSERT_TRUE(before.has_value());
  EXPECT_TRUE(before->presigned_urls);
  EXPECT_FALSE(before->own_instance_profile);
  setup.own_instance_profile = true;
  EXPECT_TRUE(SetupFromJson(SetupToJson(setup))->own_instance_profile);
}

TEST(AwsSetup, QuotaClassesFollowAwsNaming) {
  EXPECT_EQ(QuotaClassOfType("m7i.large"), "standard");
  EXPECT_EQ(QuotaClassOfType("c7g.xlarge"), "standard");
  EXPECT_EQ(QuotaClassOfType("x2iedn.xlarge"), "x");
  EXPECT_EQ(QuotaClassOfType("g5.xlarge"), "g-vt");
  EXPECT_EQ(QuotaClassOfType("vt1.3xlarge"), "g-vt");
  EXPECT_EQ(QuotaClassOfType("inf2.xlarge"), "inf");
  EXPECT_EQ(QuotaClassOfType("hpc7g.16xlarge"), "hpc");
  EXPECT_EQ(QuotaClassOfType("u-6tb1.metal"), "high-memory");
  EXPECT_EQ(QuotaClassOfType("u7i-12tb.224xlarge"), "high-memory");
  EXPECT_EQ(QuotaClassOfType("u7in-32tb.224xlarge"), "high-memory");
  EXPECT_EQ(QuotaClassOfType("trn1.2xlarge"), "trn");
  EXPECT_EQ(QuotaCode("standard", "on-demand"), "L-1216C47A");
  EXPECT_EQ(QuotaCode("standard", "spot"), "L-34B43A08");
  EXPECT_EQ(QuotaCode("hpc", "spot"), std::nullopt);
  EXPECT_EQ(QuotaCode("nonesuch", "on-demand"), std::nullopt);
}

// The plan counts a session against its type's catalog quota class, and the backend counts
// running instances by the naming rule: the two must agree on every type of the snapshot
// (u7i-12tb once counted as standard here and as high memory in the catalog).
TEST(AwsSetup, QuotaClassOfEveryCatalogTypeAgreesWithTheCatalog) {
  auto snapshot = catalog::Catalog::Embedded();
  ASSERT_TRUE(snapshot.has_value()) << snapshot.error().message;
  ASSERT_FALSE(snapshot->types().empty());
  for (const auto& [name, type] : snapshot->types()) {
    EXPECT_EQ(QuotaClassOfType(name), type.quota_class) << name;
  }
}

TEST(AwsSetup, S3LayoutKeepsAttemptsApart) {
  EXPECT_EQ(ResultKey("c", "s", 1, "j"), "campaigns/c/s/1/results/j.json");
  EXPECT_NE(AttemptPrefix("c", "s", 1), AttemptPrefix("c", "s", 11));
  EXPECT_TRUE(ResultKey("c", "s", 1, "j").rfind(kCampaignPrefix, 0) == 0);
  EXPECT_TRUE(InterruptedKey("c", "s", 1).rfind(kCampaignPrefix, 0) == 0);
}

store::Snapshot OneSession(const std::string& region) {
  store::Snapshot campaign;
  store::SessionRow session;
  session.id = "s1";
  session.region = region;
  session.instance_type = "m7i.large";
  campaign.sessions.push_back(session);
  return campaign;
}

TEST(AwsBackend, IsRegisteredWithItsFlags) {
  const Backend* backend = FindBackend("aws");
  ASSERT_NE(backend, nullptr);
  EXPECT_FALSE(backend->facts.simulated);
  EXPECT_TRUE(backend->facts.billed);
  std::set<std::string> names;
  for (const auto& flag : backend->flags) names.insert(flag.name);
  for (const char* flag :
       {"--key-pair", "--security-group", "--subnet", "--profile", "--bucket", "--ami",
        "--ami-parameter", "--instance-profile", "--endpoint-url", "--presigned-urls"}) {
    EXPECT_TRUE(names.count(flag)) << flag;
  }
}

TEST(AwsBackend, BadFlagsAreOneClearErrorBeforeAnyNetwork) {
  const Backend* backend = FindBackend("aws");
  ASSERT_NE(backend, nullptr);
  auto flags = ResolveFlags(*backend, {}, Backends());
  ASSERT_TRUE(flags.has_value());
  auto no_subnet = backend->configure(*flags, OneSession("us-east-1"), {});
  ASSERT_FALSE(no_subnet.has_value());
  EXPECT_EQ(no_subnet.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(no_subnet.error().message.find("--subnet"), std::string::npos);

  (*flags)["--subnet"] = "subnet-a";
  store::Snapshot two = OneSession("us-east-1");
  two.sessions.push_back(two.sessions.front());
  two.sessions.back().region = "eu-west-1";
  auto two_regions = backend->configure(*flags, two, {});
  ASSERT_FALSE(two_regions.has_value());
  EXPECT_NE(two_regions.error().message.find("one region"), std::string::npos);

  (*flags)["--ami-parameter"] = "sparc=/x";
  auto bad_arch = backend->configure(*flags, OneSession("us-east-1"), {});
  ASSERT_FALSE(bad_arch.has_value());
  EXPECT_NE(bad_arch.error().message.find("--ami-parameter"), std::string::npos);
}

TEST(AwsBootstrap, FindsAgentsByVariableAndNamesWhatIsMissing) {
  std::string path =
      std::filesystem::temp_directory_path() / ("abc-aws-agent-test-" + std::to_string(::getpid()));
  std::ofstream(path) << "#!/bin/sh\necho agent\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  ::setenv("ABC_AGENT_AARCH64", path.c_str(), 1);
  auto agents = FindAgents({"arm64"});
  ASSERT_TRUE(agents.has_value()) << agents.error().message;
  EXPECT_EQ(agents->at("arm64").sha256, ::aws::Sha256Hex("#!/bin/sh\necho agent\n"));
  EXPECT_EQ(agents->at("arm64").key, AgentKey(agents->at("arm64").sha256));
  ::setenv("ABC_AGENT_AARCH64", "/nonexistent/agent", 1);
  auto missing = FindAgents({"arm64"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("/nonexistent/agent"), std::string::npos);
  EXPECT_NE(missing.error().message.find("ABC_AGENT_AARCH64"), std::string::npos);
  ::unsetenv("ABC_AGENT_AARCH64");
  std::filesystem::remove(path);
}

TEST(AwsBootstrap, DefaultBucketGetsTheExpirationRuleAndAgentsUploadOnce) {
  FakeAws fake;
  FakeServices services(&fake, util::FromSeconds(1767229200));
  auto s3_caller = services.For(::aws::Service::kS3, "us-east-1");
  ASSERT_TRUE(s3_caller.has_value());
  ::aws::s3::Location where{"abc-1-us-east-1", true};
  ASSERT_TRUE(PrepareBucket(*s3_caller, where, true).has_value());
  EXPECT_EQ(fake.buckets_created, 1);
  EXPECT_NE(fake.lifecycle.find("<Prefix>campaigns/</Prefix>"), std::string::npos)
      << fake.lifecycle;
  EXPECT_NE(fake.lifecycle.find("<Days>30</Days>"), std::string::npos);

  std::string path = std::filesystem::temp_directory_path() /
                     ("abc-aws-agent-upload-" + std::to_string(::getpid()));
  std::ofstream(path) << "agent bytes";
  std::string sha = ::aws::Sha256Hex("agent bytes");
  std::map<std::string, AgentObject> agents = {{"x86_64", {AgentKey(sha), sha, path}}};
  ASSERT_TRUE(UploadAgents(*s3_caller, where, agents).has_value());
  EXPECT_EQ(fake.objects.at(AgentKey(sha)), "agent bytes");
  ASSERT_TRUE(UploadAgents(*s3_caller, where, agents).has_value());
  EXPECT_EQ(fake.Calls("S3 PUT").size(), 3u);  // bucket, rule, one agent: not uploaded twice
  std::ofstream(path) << "rebuilt";
  fake.objects.clear();
  EXPECT_FALSE(UploadAgents(*s3_caller, where, agents).has_value());
  std::filesystem::remove(path);
}

// The backend's configure (its preflight) over real HTTP: a loopback server in front of the
// fake, reached through --endpoint-url, with credentials from the environment.
class Preflight : public ::testing::Test {
 protected:
  void SetUp() override {
    agent_ = std::filesystem::temp_directory_path() /
             ("abc-aws-preflight-agent-" + std::to_string(::getpid()));
    std::ofstream(agent_) << "#!/bin/sh\n";
    std::filesystem::permissions(agent_, std::filesystem::perms::owner_all);
    for (const auto& [name, value] : std::map<std::string, std::string>{
             {"AWS_ACCESS_KEY_ID", "AKIDPREFLIGHTTEST000"},
             {"AWS_SECRET_ACCESS_KEY", testing::kTestSecret},
             {"AWS_EC2_METADATA_DISABLED", "true"},
             {"AWS_CONFIG_FILE", "/nonexistent/config"},
             {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"},
             {"ABC_AGENT_X86_64", agent_}}) {
      ::setenv(name.c_str(), value.c_str(), 1);
    }
  }
  void TearDown() override {
    for (const char* name :
         {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED",
          "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "ABC_AGENT_X86_64"}) {
      ::unsetenv(name);
    }
    std::filesystem::remove(agent_);
  }
  util::Expected<std::string> Configure(std::map<std::string, std::string> given) {
    const Backend* backend = FindBackend("aws");
    given["--endpoint-url"] = server_.url();
    auto flags = ResolveFlags(*backend, given, Backends());
    if (!flags) return flags.error();
    return backend->configure(*flags, OneSession("us-east-1"), {});
  }

  FakeAws fake_;
  std::mutex mutex_;
  ::aws::testing::LoopbackServer server_{[this](const ::aws::testing::ReceivedRequest& r) {
    std::lock_guard<std::mutex> lock(mutex_);
    ::aws::HttpRequest request{r.method, "http://127.0.0.1" + r.target, {}, r.body};
    for (const auto& [name, value] : r.headers) request.headers.push_back({name, value});
    auto response = fake_.Send(request);
    ::aws::testing::Reply reply;
    reply.status = static_cast<int>(response->status);
    for (const auto& h : response->headers) reply.headers.push_back({h.name, h.value});
    reply.body = response->body;
    return reply;
  }};
  std::string agent_;
};

TEST_F(Preflight, AGoodSetupBecomesBackendConfigWithoutSecrets) {
  auto config = Configure(
      {{"--subnet", "subnet-b,subnet-a"}, {"--security-group", "sg-1"}, {"--key-pair", "my-key"}});
  ASSERT_TRUE(config.has_value()) << config.error().message;
  auto setup = SetupFromJson(*config);
  ASSERT_TRUE(setup.has_value());
  EXPECT_EQ(setup->bucket, "abc-123456789012-us-east-1");
  EXPECT_TRUE(setup->default_bucket);
  ASSERT_EQ(setup->subnets.size(), 2u);
  EXPECT_EQ(setup->subnets[0].zone, "us-east-1b");  // the order given
  EXPECT_EQ(setup->images.at("x86_64").image_id, "ami-0fromssm");
  EXPECT_EQ(setup->agents.at("x86_64").sha256, ::aws::Sha256Hex("#!/bin/sh\n"));
  // No --instance-profile: the tool's own, ensured at campaign start; no URL in user-data.
  EXPECT_EQ(setup->instance_profile, kAgentProfileName);
  EXPECT_TRUE(setup->own_instance_profile);
  EXPECT_FALSE(setup->presigned_urls);
  EXPECT_EQ(config->find(testing::kTestSecret), std::string::npos);
  EXPECT_EQ(config->find("AKIDPREFLIGHTTEST000"), std::string::npos);
  EXPECT_TRUE(fake_.Calls("RunInstances").empty());
}

TEST_F(Preflight, EachMisconfigurationIsOneLineNamingItsFlag) {
  struct Case {
    std::map<std::string, std::string> flags;
    std::string names;
  };
  for (const Case& c : std::vector<Case>{
           {{{"--subnet", "subnet-zz"}}, "--subnet"},
           {{{"--subnet", "subnet-a"}, {"--security-group", "sg-nope"}}, "--security-group"},
           {{{"--subnet", "subnet-a"}, {"--key-pair", "lost-key"}}, "--key-pair lost-key"}}) {
    auto config = Configure(c.flags);
    ASSERT_FALSE(config.has_value()) << c.names;
    EXPECT_EQ(config.error().error_class, util::ErrorClass::kInvalidInput) << c.names;
    EXPECT_NE(config.error().message.find(c.names), std::string::npos) << config.error().message;
    EXPECT_EQ(config.error().message.find('\n'), std::string::npos);
    EXPECT_EQ(config.error().message.find(testing::kTestSecret), std::string::npos);
  }
  EXPECT_TRUE(fake_.Calls("RunInstances").empty());
}

TEST_F(Preflight, AccountFactsGiveRealQuotasAndTypesNotOffered) {
  const Backend* backend = FindBackend("aws");
  ASSERT_TRUE(backend->account_facts);
  auto flags = ResolveFlags(*backend, {{"--endpoint-url", server_.url()}}, Backends());
  ASSERT_TRUE(flags.has_value());
  AccountQuery query{
      {"us-east-1"},
      {{"m7i.large", "standard"}, {"r7a.large", "standard"}, {"x2iedn.xlarge", "x"}}};
  auto facts = backend->account_facts(*flags, query);
  ASSERT_TRUE(facts.has_value()) << facts.error().message;
  const auto& quotas = facts->vcpu_quotas.at("us-east-1");
  using catalog::Market;
  EXPECT_EQ(quotas.at({"standard", Market::kOnDemand}), 32);
  EXPECT_EQ(quotas.at({"standard", Market::kSpot}), 16);
  EXPECT_EQ(quotas.at({"x", Market::kOnDemand}), 32);
  const auto& missing = facts->not_offered.at("us-east-1");
  EXPECT_EQ(missing.size(), 2u);
  EXPECT_TRUE(missing.count("r7a.large"));
  EXPECT_TRUE(missing.count("x2iedn.xlarge"));
  EXPECT_FALSE(missing.count("m7i.large"));
}

TEST_F(Preflight, AGivenInstanceProfileMustExistAndHoldARole) {
  fake_.instance_profiles["bench"] = {"bench-role"};
  fake_.instance_profiles["empty"] = {};
  auto good = Configure({{"--subnet", "subnet-a"}, {"--instance-profile", "bench"}});
  ASSERT_TRUE(good.has_value()) << good.error().message;
  auto setup = SetupFromJson(*good);
  EXPECT_EQ(setup->instance_profile, "bench");
  EXPECT_FALSE(setup->own_instance_profile);
  for (const auto& [name, says] : std::vector<std::pair<std::string, std::string>>{
           {"nope", "--instance-profile nope: no such instance profile"},
           {"empty", "--instance-profile empty: the instance profile has no role"}}) {
    auto config = Configure({{"--subnet", "subnet-a"}, {"--instance-profile", name}});
    ASSERT_FALSE(config.has_value()) << name;
    EXPECT_EQ(config.error().error_class, util::ErrorClass::kInvalidInput);
    EXPECT_TRUE(config.error().message.rfind(says, 0) == 0) << config.error().message;
  }
  fake_.iam_denied = {"GetInstanceProfile"};
  auto denied = Configure({{"--subnet", "subnet-a"}, {"--instance-profile", "bench"}});
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(denied.error().message.find("iam:GetInstanceProfile"), std::string::npos)
      << denied.error().message;
  EXPECT_TRUE(fake_.Calls("RunInstances").empty());
  EXPECT_TRUE(fake_.Calls("CreateRole").empty());
}

TEST_F(Preflight, PresignedUrlsAskForNoProfile) {
  auto config = Configure({{"--subnet", "subnet-a"}, {"--presigned-urls", "true"}});
  ASSERT_TRUE(config.has_value()) << config.error().message;
  auto setup = SetupFromJson(*config);
  EXPECT_TRUE(setup->presigned_urls);
  EXPECT_TRUE(setup->instance_profile.empty());
  EXPECT_FALSE(setup->own_instance_profile);
  EXPECT_TRUE(fake_.Calls("GetInstanceProfile").empty());
}

// Campaign start: the bucket first, then the tool's profile, then the agents; a refused IAM
// call is one line, and no state file is written.
TEST_F(Preflight, CampaignStartEnsuresTheProfileAfterTheBucket) {
  auto config = Configure({{"--subnet", "subnet-a"}});
  ASSERT_TRUE(config.has_value()) << config.error().message;
  store::Snapshot campaign = OneSession("us-east-1");
  campaign.campaign.backend_config = *config;
  const Backend* backend = FindBackend("aws");
  std::string state = (std::filesystem::temp_directory_path() /
                       ("abc-aws-create-test-" + std::to_string(::getpid()) + ".aws"))
                          .string();
  std::filesystem::remove(state);

  fake_.iam_denied = {"CreateRole"};
  auto refused = backend->create(state, campaign);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_TRUE(refused.error().message.rfind("aws preflight: ", 0) == 0) << refused.error().message;
  EXPECT_NE(refused.error().message.find("iam:CreateRole denied"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(state));

  fake_.iam_denied.clear();
  fake_.calls.clear();
  ASSERT_TRUE(backend->create(state, campaign));
  std::vector<std::string> ops = fake_.Operations();
  auto at = [&](const std::string& op) {
    return std::find(ops.begin(), ops.end(), op) - ops.begin();
  };
  EXPECT_LT(at("S3 PUT"), at("GetRole"));  // CreateBucket first
  EXPECT_LT(at("AddRoleToInstanceProfile"), static_cast<long>(ops.size()));
  EXPECT_EQ(fake_.instance_profiles.at(kAgentProfileName),
            (std::vector<std::string>{kAgentProfileName}));
  EXPECT_TRUE(fake_.roles.at(kAgentProfileName).count("abc-bucket-abc-123456789012-us-east-1"));
  EXPECT_TRUE(std::filesystem::exists(state));
  std::filesystem::remove(state);
}

}  // namespace
}  // namespace cloud::aws
