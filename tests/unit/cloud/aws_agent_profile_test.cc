// The instances' own IAM role and instance profile (cloud/aws/agent_profile.h) against the
// in-process fake's IAM: the contract's calls in order, the documents as the contract gives
// them, idempotence, a concurrent creator, one line per refused call, and the preflight of a
// given --instance-profile.

#include "cloud/aws/agent_profile.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws_fake.h"

namespace cloud::aws {
namespace {

using testing::FakeAws;
using testing::FakeServices;

constexpr char kBucket[] = "abc-123456789012-us-east-1";

struct Fixture {
  FakeAws fake;
  FakeServices services{&fake, util::FromSeconds(1767229200)};
  ::aws::Caller Iam() { return *services.For(::aws::Service::kIam, "us-east-1"); }
  util::Status Ensure(const std::string& bucket = kBucket) {
    return EnsureAgentProfile(Iam(), "aws", bucket);
  }
};

TEST(AgentProfile, CreatesRolePolicyAndProfileInTheContractsOrder) {
  Fixture f;
  ASSERT_TRUE(f.Ensure()) << f.Ensure().error().message;
  EXPECT_EQ(f.fake.Operations(), (std::vector<std::string>{
                                     "GetRole", "CreateRole", "PutRolePolicy", "GetInstanceProfile",
                                     "CreateInstanceProfile", "AddRoleToInstanceProfile"}));
  auto create = f.fake.Calls("CreateRole").at(0).params;
  EXPECT_EQ(create["RoleName"], "aws-benchmark-collector-agent");
  EXPECT_EQ(create["Path"], "/");
  // The contract's trust policy, as JSON.
  EXPECT_EQ(
      nlohmann::json::parse(create["AssumeRolePolicyDocument"]),
      nlohmann::json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
                            R"({"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})"));
  EXPECT_EQ(f.fake.Calls("CreateInstanceProfile").at(0).params["Path"], "/");
  auto policies = f.fake.roles.at("aws-benchmark-collector-agent");
  ASSERT_EQ(policies.size(), 1u);
  nlohmann::json policy = nlohmann::json::parse(policies.at("abc-bucket-" + std::string(kBucket)));
  std::string objects = "arn:aws:s3:::" + std::string(kBucket) + "/";
  EXPECT_EQ(policy, nlohmann::json::parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":["s3:GetObject"],"Resource":[")" +
                                          objects + R"(agents/*",")" + objects + R"(campaigns/*"]},
      {"Effect":"Allow","Action":["s3:PutObject"],"Resource":[")" +
                                          objects + R"(campaigns/*"]}]})"));
  EXPECT_EQ(f.fake.instance_profiles.at("aws-benchmark-collector-agent"),
            (std::vector<std::string>{"aws-benchmark-collector-agent"}));
}

TEST(AgentProfile, SecondRunOnlyRefreshesThePolicyAndEachBucketHasItsOwn) {
  Fixture f;
  ASSERT_TRUE(f.Ensure());
  f.fake.calls.clear();
  ASSERT_TRUE(f.Ensure());
  EXPECT_EQ(f.fake.Operations(),
            (std::vector<std::string>{"GetRole", "PutRolePolicy", "GetInstanceProfile"}));
  ASSERT_TRUE(f.Ensure("my-bucket"));
  const auto& policies = f.fake.roles.at("aws-benchmark-collector-agent");
  EXPECT_EQ(policies.size(), 2u);
  EXPECT_NE(policies.at("abc-bucket-my-bucket").find("arn:aws:s3:::my-bucket/campaigns/*"),
            std::string::npos);
}

// A concurrent run created the role and the whole profile between our Get and Create.
TEST(AgentProfile, EntityAlreadyExistsFromACreateIsSuccess) {
  Fixture f;
  f.fake.iam_race = true;
  auto ensured = f.Ensure();
  ASSERT_TRUE(ensured) << ensured.error().message;
  EXPECT_TRUE(f.fake.Calls("AddRoleToInstanceProfile").empty()) << "the other run added it";
  EXPECT_EQ(f.fake.roles.at("aws-benchmark-collector-agent").size(), 1u);
}

TEST(AgentProfile, AProfileWithoutRoleGetsOurs) {
  Fixture f;
  f.fake.instance_profiles["aws-benchmark-collector-agent"] = {};
  ASSERT_TRUE(f.Ensure());
  EXPECT_EQ(f.fake.Calls("AddRoleToInstanceProfile").size(), 1u);
  EXPECT_TRUE(f.fake.Calls("CreateInstanceProfile").empty());
}

TEST(AgentProfile, AProfileOfOurNameWithAnotherRoleIsRefused) {
  Fixture f;
  f.fake.instance_profiles["aws-benchmark-collector-agent"] = {"someone-else"};
  auto ensured = f.Ensure();
  ASSERT_FALSE(ensured);
  EXPECT_EQ(ensured.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(ensured.error().message.find("someone-else"), std::string::npos);
}

// Each refused call: one line naming the permission and both ways out; nothing after it.
TEST(AgentProfile, EachDeniedCallIsOneLineNamingItsPermission) {
  for (const char* action : {"GetRole", "CreateRole", "PutRolePolicy", "GetInstanceProfile",
                             "CreateInstanceProfile", "AddRoleToInstanceProfile"}) {
    Fixture f;
    f.fake.iam_denied = {action};
    auto ensured = f.Ensure();
    ASSERT_FALSE(ensured) << action;
    const std::string& message = ensured.error().message;
    EXPECT_EQ(ensured.error().error_class, util::ErrorClass::kInvalidInput) << message;
    EXPECT_NE(message.find(std::string("iam:") + action + " denied"), std::string::npos) << message;
    EXPECT_NE(message.find("--instance-profile"), std::string::npos) << message;
    EXPECT_NE(message.find("docs/aws-setup.md"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_EQ(f.fake.calls.back().operation, action) << "called on after a refusal";
  }
}

TEST(AgentProfile, BucketPolicyFollowsThePartition) {
  for (const auto& [region, partition] : std::vector<std::pair<std::string, std::string>>{
           {"us-east-1", "aws"}, {"cn-north-1", "aws-cn"}, {"us-gov-west-1", "aws-us-gov"}}) {
    std::string policy = AgentBucketPolicy(::aws::PartitionOf(region), "b");
    EXPECT_NE(policy.find("arn:" + partition + ":s3:::b/agents/*"), std::string::npos) << policy;
    EXPECT_NE(policy.find("arn:" + partition + ":s3:::b/campaigns/*"), std::string::npos);
  }
}

TEST(InstanceProfileCheck, ExistingWithRolePassesByNameOrArn) {
  Fixture f;
  f.fake.instance_profiles["bench"] = {"bench-role"};
  EXPECT_TRUE(CheckInstanceProfile(f.Iam(), "bench"));
  EXPECT_TRUE(
      CheckInstanceProfile(f.Iam(), "arn:aws:iam::123456789012:instance-profile/team/bench"));
  EXPECT_EQ(f.fake.Calls("GetInstanceProfile").back().params["InstanceProfileName"], "bench");
}

TEST(InstanceProfileCheck, MissingRolelessOrNotAProfileIsOneLine) {
  Fixture f;
  f.fake.instance_profiles["empty"] = {};
  auto missing = CheckInstanceProfile(f.Iam(), "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_TRUE(
      missing.error().message.rfind("--instance-profile nope: no such instance profile", 0) == 0)
      << missing.error().message;
  auto roleless = CheckInstanceProfile(f.Iam(), "empty");
  ASSERT_FALSE(roleless);
  EXPECT_NE(
      roleless.error().message.find("--instance-profile empty: the instance profile has no role"),
      std::string::npos)
      << roleless.error().message;
  size_t calls = f.fake.calls.size();
  auto role_arn = CheckInstanceProfile(f.Iam(), "arn:aws:iam::123456789012:role/bench");
  ASSERT_FALSE(role_arn);
  EXPECT_EQ(role_arn.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_EQ(f.fake.calls.size(), calls) << "a role ARN was sent as a profile name";
  f.fake.iam_denied = {"GetInstanceProfile"};
  auto denied = CheckInstanceProfile(f.Iam(), "empty");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().error_class, util::ErrorClass::kFatal);
}

}  // namespace
}  // namespace cloud::aws
