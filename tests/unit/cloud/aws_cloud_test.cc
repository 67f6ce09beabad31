// The aws backend's provider against an in-process fake of the AWS calls (aws_fake.h):
// what RunInstances carries, subnet/zone choice, error classes kept, tag lookups across
// pages, the latest spot price of an AZ, quota headroom from Service Quotas minus running
// vCPUs, and results read from S3 and validated.

#include "cloud/aws/aws_cloud.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "aws/crypto.h"
#include "aws_fake.h"

namespace cloud::aws {
namespace {

using testing::FakeAws;
using testing::FakeInstance;
using testing::FakeServices;

std::string ReadSource(const std::string& path) {
  std::ifstream in(std::string(ABC_SOURCE_DIR) + "/" + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Base64Decode(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0, value = 0;
  for (char c : text) {
    auto at = kAlphabet.find(c);
    if (at == std::string::npos) continue;
    value = (value << 6) | static_cast<int>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

AwsSetup TestSetup(bool presigned_urls = false) {
  AwsSetup setup;
  setup.presigned_urls = presigned_urls;
  setup.region = "us-east-1";
  setup.subnets = {
      {"subnet-a", "us-east-1a"}, {"subnet-b", "us-east-1b"}, {"subnet-a2", "us-east-1a"}};
  setup.security_groups = {"sg-1", "sg-2"};
  setup.instance_profile = "abc-agent";
  setup.bucket = "abc-123456789012-us-east-1";
  setup.ami_parameters = DefaultAmiParameters();
  setup.agents["x86_64"] = {AgentKey(std::string(64, 'a')), std::string(64, 'a'), ""};
  return setup;
}

struct Fixture {
  FakeAws fake;
  util::TimePoint now = util::FromSeconds(1767229200);  // 2026-01-01T01:00:00Z
  AwsCloud cloud{TestSetup(), std::make_unique<FakeServices>(&fake, now)};
};

LaunchRequest Request(const std::string& market = "spot") {
  LaunchRequest r;
  r.campaign = "c1";
  r.session = "s1";
  r.attempt = 2;
  r.region = "us-east-1";
  r.instance_type = "m7i.large";
  r.vcpus = 2;
  r.quota_class = "standard";
  r.market = market;
  r.zone = "us-east-1b";
  r.client_token = "abc-c1-s1-a2";
  r.tags = {{"abc:campaign", "c1"},
            {"abc:session", "s1"},
            {"abc:attempt", "2"},
            {"abc:expires-at", "2026-01-01T05:00:00Z"},
            {"Name", "abc s1"}};
  r.payload = {{"j1", "stream-triad", 60}, {"j2", "hpl", 300}};
  r.deadline = util::FromSeconds(1767229200 + 4 * 3600);
  return r;
}

TEST(AwsCloud, ZonesAreTheSubnetsZonesInTheOrderGiven) {
  Fixture f;
  EXPECT_EQ(f.cloud.Zones("us-east-1"), (std::vector<std::string>{"us-east-1a", "us-east-1b"}));
  EXPECT_TRUE(f.cloud.Zones("eu-west-1").empty());
}

TEST(AwsCloud, LaunchSendsEverythingTheInstanceNeeds) {
  Fixture f;
  auto id = f.cloud.Launch(Request());
  ASSERT_TRUE(id.has_value()) << id.error().message;
  auto runs = f.fake.Calls("RunInstances");
  ASSERT_EQ(runs.size(), 1u);
  auto p = runs[0].params;
  EXPECT_EQ(p["ClientToken"], "abc-c1-s1-a2");
  EXPECT_EQ(p["SubnetId"], "subnet-b");  // the subnet of the requested zone
  EXPECT_EQ(p["ImageId"], "ami-0fromssm");
  EXPECT_EQ(p["SecurityGroupId.1"], "sg-1");
  EXPECT_EQ(p["SecurityGroupId.2"], "sg-2");
  EXPECT_EQ(p.count("KeyName"), 0u);
  EXPECT_EQ(p["IamInstanceProfile.Name"], "abc-agent");
  EXPECT_EQ(p["MetadataOptions.HttpTokens"], "required");
  EXPECT_EQ(p["InstanceInitiatedShutdownBehavior"], "terminate");
  EXPECT_EQ(p["BlockDeviceMapping.1.DeviceName"], "/dev/xvda");
  EXPECT_EQ(p["BlockDeviceMapping.1.Ebs.VolumeType"], "gp3");
  EXPECT_EQ(p["BlockDeviceMapping.1.Ebs.VolumeSize"],
            std::to_string(RootVolumeGib(Request().payload)));
  EXPECT_EQ(p["BlockDeviceMapping.1.Ebs.DeleteOnTermination"], "true");
  EXPECT_EQ(p["InstanceMarketOptions.MarketType"], "spot");
  EXPECT_EQ(p["InstanceMarketOptions.SpotOptions.SpotInstanceType"], "one-time");
  EXPECT_EQ(p["InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior"], "terminate");
  // Every tag on both the instance and its volumes.
  for (const char* spec : {"TagSpecification.1", "TagSpecification.2"}) {
    std::map<std::string, std::string> tags;
    for (int i = 1; i <= 5; ++i) {
      std::string t = std::string(spec) + ".Tag." + std::to_string(i);
      tags[p[t + ".Key"]] = p[t + ".Value"];
    }
    EXPECT_EQ(tags, Request().tags) << spec;
  }
  EXPECT_EQ(p["TagSpecification.1.ResourceType"], "instance");
  EXPECT_EQ(p["TagSpecification.2.ResourceType"], "volume");
  // The user-data runs both jobs and holds no credential.
  std::string script = Base64Decode(p["UserData"]);
  EXPECT_NE(script.find("run_job 1 'j1' 'stream-triad'"), std::string::npos) << script;
  EXPECT_NE(script.find("run_job 2 'j2' 'hpl'"), std::string::npos);
  EXPECT_NE(script.find("packages='openblas'"), std::string::npos);
  EXPECT_EQ(script.find(testing::kTestSecret), std::string::npos);
  EXPECT_NE(script.find("campaigns/c1/s1/2/results/j1.json"), std::string::npos);
}

// By role (the default): the user-data names the bucket, its region and the keys, and no
// URL; the instance profile rides on RunInstances. --endpoint-url only for an overridden S3.
TEST(AwsCloud, ByRoleTheUserDataHoldsKeysAndNoUrl) {
  for (bool configured : {false, true}) {
    FakeAws fake;
    auto services = std::make_unique<FakeServices>(&fake, util::FromSeconds(1767229200));
    services->configured_endpoints = configured;
    AwsCloud cloud{TestSetup(), std::move(services)};
    ASSERT_TRUE(cloud.Launch(Request()).has_value());
    auto p = fake.Calls("RunInstances").at(0).params;
    EXPECT_EQ(p["IamInstanceProfile.Name"], "abc-agent");
    std::string script = Base64Decode(p["UserData"]);
    EXPECT_EQ(script.find("X-Amz-"), std::string::npos) << script;
    if (!configured) {
      EXPECT_EQ(script.find("http"), std::string::npos) << script;
    }
    EXPECT_NE(script.find("bucket='abc-123456789012-us-east-1'"), std::string::npos) << script;
    EXPECT_NE(script.find("region='us-east-1'"), std::string::npos);
    EXPECT_NE(script.find("agent_object='" + AgentKey(std::string(64, 'a')) + "'"),
              std::string::npos);
    EXPECT_NE(script.find("'campaigns/c1/s1/2/results/j1.json'"), std::string::npos);
    EXPECT_NE(script.find("interrupted_object='campaigns/c1/s1/2/interrupted'"), std::string::npos);
    EXPECT_NE(script.find("aws s3 cp"), std::string::npos);
    EXPECT_EQ(script.find("--endpoint-url 'http://s3.fake'") != std::string::npos, configured)
        << script;
  }
}

// A profile given as an ARN goes as IamInstanceProfile.Arn.
TEST(AwsCloud, AnInstanceProfileArnGoesAsArn) {
  FakeAws fake;
  AwsSetup setup = TestSetup();
  setup.instance_profile = "arn:aws:iam::123456789012:instance-profile/team/bench";
  AwsCloud cloud{setup, std::make_unique<FakeServices>(&fake, util::FromSeconds(1767229200))};
  ASSERT_TRUE(cloud.Launch(Request()).has_value());
  auto p = fake.Calls("RunInstances").at(0).params;
  EXPECT_EQ(p["IamInstanceProfile.Arn"], setup.instance_profile);
  EXPECT_EQ(p.count("IamInstanceProfile.Name"), 0u);
}

// The same attempt sent again later (a lost reply, a resumed controller) carries the same
// user-data, presigned URLs included (--presigned-urls): EC2 refuses a ClientToken reused
// with other parameters (IdempotentParameterMismatch). Its URLs still expire at the
// session's deadline.
TEST(AwsCloud, SameAttemptLaterSendsTheSameUserData) {
  FakeAws first_fake;
  util::TimePoint now = util::FromSeconds(1767229200);
  AwsCloud first{TestSetup(true), std::make_unique<FakeServices>(&first_fake, now)};
  FakeAws fake;
  AwsCloud later{TestSetup(true),
                 std::make_unique<FakeServices>(&fake, now + std::chrono::minutes(7))};
  ASSERT_TRUE(first.Launch(Request()).has_value());
  ASSERT_TRUE(later.Launch(Request()).has_value());
  std::string a = first_fake.Calls("RunInstances").at(0).params["UserData"];
  std::string b = fake.Calls("RunInstances").at(0).params["UserData"];
  EXPECT_EQ(a, b);
  // X-Amz-Date + X-Amz-Expires is the deadline (2026-01-01T05:00:00Z).
  std::string script = Base64Decode(a);
  EXPECT_NE(script.find("X-Amz-Date=20251225T050000Z"), std::string::npos) << script;
  EXPECT_NE(script.find("X-Amz-Expires=604800"), std::string::npos);
}

TEST(AwsCloud, OnDemandHasNoMarketOptionsAndNoZoneTakesTheFirstSubnet) {
  Fixture f;
  LaunchRequest r = Request("on-demand");
  r.zone = "";
  ASSERT_TRUE(f.cloud.Launch(r).has_value());
  auto p = f.fake.Calls("RunInstances").at(0).params;
  EXPECT_EQ(p.count("InstanceMarketOptions.MarketType"), 0u);
  EXPECT_EQ(p["SubnetId"], "subnet-a");
}

TEST(AwsCloud, ZoneWithoutSubnetIsFatalAndLaunchesNothing) {
  Fixture f;
  LaunchRequest r = Request();
  r.zone = "us-east-1f";
  auto id = f.cloud.Launch(r);
  ASSERT_FALSE(id.has_value());
  EXPECT_EQ(id.error().error_class, util::ErrorClass::kFatal);
  EXPECT_NE(id.error().message.find("us-east-1f"), std::string::npos);
  EXPECT_TRUE(f.fake.Calls("RunInstances").empty());
}

TEST(AwsCloud, LaunchErrorsKeepTheirClassAndCode) {
  for (auto [code, expected] : std::vector<std::pair<std::string, util::ErrorClass>>{
           {"InsufficientInstanceCapacity", util::ErrorClass::kCapacity},
           {"VcpuLimitExceeded", util::ErrorClass::kQuota},
           {"RequestLimitExceeded", util::ErrorClass::kThrottling},
           {"InvalidGroup.NotFound", util::ErrorClass::kFatal}}) {
    Fixture f;
    f.fake.run_error = code;
    auto id = f.cloud.Launch(Request());
    ASSERT_FALSE(id.has_value()) << code;
    EXPECT_EQ(id.error().error_class, expected) << code;
    EXPECT_EQ(id.error().code, code);
  }
}

TEST(AwsCloud, MissingAgentForTheArchitectureIsFatal) {
  Fixture f;
  LaunchRequest r = Request();
  r.instance_type = "c7g.xlarge";  // arm64: no agent uploaded in this setup
  auto id = f.cloud.Launch(r);
  ASSERT_FALSE(id.has_value());
  EXPECT_EQ(id.error().error_class, util::ErrorClass::kFatal);
  EXPECT_NE(id.error().message.find("arm64"), std::string::npos);
}

TEST(AwsCloud, DescribeByTagFiltersAndFollowsEveryPage) {
  Fixture f;
  for (int i = 0; i < 5; ++i) {
    f.fake.instances.push_back({"i-" + std::to_string(100 + i),
                                "m7i.large",
                                "us-east-1a",
                                "running",
                                i == 3,
                                "t" + std::to_string(i),
                                {{"abc:campaign", i == 4 ? "other" : "c1"}}});
  }
  f.fake.describe_page_size = 2;
  auto found = f.cloud.DescribeByTag("us-east-1", "abc:campaign", "c1");
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_EQ(found->size(), 4u);
  EXPECT_EQ(found->at(3).id, "i-103");
  EXPECT_EQ(found->at(3).market, "spot");
  EXPECT_EQ(found->at(0).state, InstanceState::kRunning);
  EXPECT_EQ(f.fake.Calls("DescribeInstances").at(0).params["Filter.1.Name"], "tag:abc:campaign");
  EXPECT_GE(f.fake.Calls("DescribeInstances").size(), 2u);
}

TEST(AwsCloud, SpotPriceIsTheLatestInTheZone) {
  Fixture f;
  auto price = f.cloud.SpotPrice("m7i.large", "us-east-1a");
  ASSERT_TRUE(price.has_value()) << price.error().message;
  EXPECT_DOUBLE_EQ(*price, 0.0417);
  EXPECT_EQ(f.fake.Calls("DescribeSpotPriceHistory").at(0).params["AvailabilityZone"],
            "us-east-1a");
}

TEST(AwsCloud, QuotaHeadroomIsTheQuotaMinusRunningVcpusOfThatClassAndMarket) {
  Fixture f;
  f.fake.quota = 32;
  f.fake.instances = {
      {"i-1", "m7i.large", "us-east-1a", "running", false, "t1", {}},      // 2, counts
      {"i-2", "c7g.xlarge", "us-east-1b", "pending", false, "t2", {}},     // 4, counts
      {"i-3", "m7i.large", "us-east-1a", "running", true, "t3", {}},       // spot
      {"i-4", "x2iedn.xlarge", "us-east-1a", "running", false, "t4", {}},  // class x
      {"i-5", "m7i.large", "us-east-1a", "terminated", false, "t5", {}},   // not running
  };
  auto headroom = f.cloud.QuotaHeadroom("us-east-1", "standard", "on-demand");
  ASSERT_TRUE(headroom.has_value()) << headroom.error().message;
  EXPECT_EQ(*headroom, 32 - 6);
  auto quota_call = f.fake.Calls("GetServiceQuota").at(0);
  EXPECT_NE(quota_call.body.find("L-1216C47A"), std::string::npos);
  auto spot = f.cloud.QuotaHeadroom("us-east-1", "standard", "spot");
  ASSERT_TRUE(spot.has_value());
  EXPECT_EQ(*spot, 16 - 2);  // the fake's spot quota (L-34B43A08) is 16
  EXPECT_NE(f.fake.Calls("GetServiceQuota").at(1).body.find("L-34B43A08"), std::string::npos);
}

TEST(AwsCloud, FetchResultsReadsNewValidDocumentsOnly) {
  Fixture f;
  std::string valid = ReadSource("fuzz/corpus/result_json/aarch64_quick.json");
  ASSERT_FALSE(valid.empty());
  f.fake.objects[ResultKey("c1", "s1", 2, "j1")] = valid;
  f.fake.objects[ResultKey("c1", "s1", 2, "j2")] = "{\"not\": \"a result\"}";
  f.fake.objects[ResultKey("c1", "s1", 2, "j0")] = valid;  // already journaled
  f.fake.objects[ResultKey("c1", "s1", 1, "j9")] = valid;  // another attempt
  auto docs = f.cloud.FetchResults("c1", "s1", 2, {"j0"});
  ASSERT_TRUE(docs.has_value()) << docs.error().message;
  ASSERT_EQ(docs->size(), 2u);
  std::map<std::string, ResultDoc> by_job;
  for (const auto& d : *docs) by_job[d.job] = d;
  // The corpus document (an agent run on aarch64) has a variant skipped: its status leads.
  EXPECT_EQ(by_job.at("j1").status, "skipped");
  EXPECT_FALSE(by_job.at("j1").reason.empty());
  EXPECT_NE(by_job.at("j1").json.find("\"backend\":\"aws\""), std::string::npos);
  EXPECT_EQ(by_job.at("j2").status, "failed");
  EXPECT_NE(by_job.at("j2").reason.find("not valid"), std::string::npos);
  for (const auto& call : f.fake.Calls("S3 GET")) {
    EXPECT_EQ(call.url.find("/j0.json"), std::string::npos) << "a known job was read again";
  }
}

TEST(AwsCloud, InterruptedMarkerReportsTheStoppedJob) {
  Fixture f;
  f.fake.objects[InterruptedKey("c1", "s1", 2)] = "{\"job\":\"j2\"}\n";
  auto docs = f.cloud.FetchResults("c1", "s1", 2, {});
  ASSERT_TRUE(docs.has_value()) << docs.error().message;
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ(docs->at(0).job, "j2");
  EXPECT_EQ(docs->at(0).status, "interrupted");
}

TEST(AwsCloud, CostOfASpotInstanceIntegratesItsZonesHistory) {
  Fixture f;
  // Launched 01:00 (the fake's launch time), ended 03:00 in us-east-1a: the fake's history
  // has 0.03 $/h from 00:00 and 0.0417 $/h from 02:00 there (us-east-1b's point is ignored).
  f.fake.instances.push_back({"i-9", "m7i.large", "us-east-1a", "terminated", true, "t", {}});
  auto cost = f.cloud.CostOfInstance("us-east-1", "i-9", util::FromSeconds(1767236400), 0.1, 12);
  ASSERT_TRUE(cost.has_value()) << cost.error().message;
  EXPECT_EQ(cost->billed_seconds, 7200);
  EXPECT_NEAR(cost->compute_usd, 0.03 + 0.0417, 1e-9);
  EXPECT_EQ(f.fake.Calls("DescribeSpotPriceHistory").at(0).params["AvailabilityZone"],
            "us-east-1a");
  f.fake.instances.back().spot = false;
  auto on_demand =
      f.cloud.CostOfInstance("us-east-1", "i-9", util::FromSeconds(1767236400), 0.1, 12);
  ASSERT_TRUE(on_demand.has_value());
  EXPECT_NEAR(on_demand->compute_usd, 0.2, 1e-9);
}

// What the executor asks at the end of an attempt: the same bill, all parts included; and
// nothing (the executor then bills the plan's price) when AWS does not know the instance.
TEST(AwsCloud, ActualCostIsTheBillOfTheInstanceOrNothing) {
  Fixture f;
  f.fake.instances.push_back({"i-9", "m7i.large", "us-east-1a", "terminated", false, "t", {}});
  AttemptBill bill{"us-east-1", "i-9", util::FromSeconds(1767236400), 0.1};
  auto expected = f.cloud.CostOfInstance("us-east-1", "i-9", bill.ended_at, 0.1, RootVolumeGib({}));
  ASSERT_TRUE(expected.has_value());
  auto actual = f.cloud.ActualCostUsd(bill);
  ASSERT_TRUE(actual.has_value());
  EXPECT_NEAR(*actual, expected->total_usd(), 1e-12);
  EXPECT_GT(*actual, 0.2);  // two hours at 0.1 $/h, plus the volume
  bill.instance_id = "i-unknown";
  EXPECT_FALSE(f.cloud.ActualCostUsd(bill).has_value());
}

TEST(AwsCloud, TerminateSendsTheIds) {
  Fixture f;
  f.fake.instances.push_back({"i-7", "m7i.large", "us-east-1a", "running", false, "t", {}});
  ASSERT_TRUE(f.cloud.Terminate("us-east-1", {"i-7"}).has_value());
  EXPECT_EQ(f.fake.instances[0].state, "shutting-down");
  EXPECT_EQ(f.fake.Calls("TerminateInstances").at(0).params["InstanceId.1"], "i-7");
}

}  // namespace
}  // namespace cloud::aws
