// The EC2 client: parsers on real-shaped responses (the fuzz corpus in fuzz/corpus/aws_ec2_xml,
// written after the EC2 API reference examples), request parameters against botocore's own
// serializer, and pagination and errors against a loopback server.

#include "aws/ec2.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

#include "aws/crypto.h"
#include "aws/sts.h"
#include "loopback_server.h"
#include "test_support.h"
#include "util/strings.h"

namespace aws::ec2 {
namespace {

using aws::testing::LoopbackServer;
using aws::testing::ReceivedRequest;
using aws::testing::Reply;

std::string Corpus(const std::string& name) {
  return aws::testing::FuzzCorpus("aws_ec2_xml/" + name);
}

TEST(Ec2Parse, DescribeInstancesAcrossReservations) {
  auto page = ParseDescribeInstances(Corpus("describe_instances.xml"));
  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u);
  const Instance& running = page->items[0];
  EXPECT_EQ(running.instance_id, "i-1234567890abcdef0");
  EXPECT_EQ(running.instance_type, "m7i.large");
  EXPECT_EQ(running.state, InstanceState::kRunning);
  EXPECT_EQ(running.availability_zone, "us-east-1a");
  EXPECT_EQ(running.public_ip, "3.91.10.20");
  EXPECT_EQ(running.launch_time, util::FromSeconds(1767225605));  // fraction dropped
  EXPECT_EQ(running.TagValue("abc:campaign"), "c1");
  EXPECT_EQ(running.client_token, "abc-c1-s1-a1");
  EXPECT_FALSE(running.spot);
  const Instance& interrupted = page->items[1];
  EXPECT_EQ(interrupted.state, InstanceState::kTerminated);
  EXPECT_TRUE(interrupted.spot);
  EXPECT_EQ(interrupted.state_reason_code, "Server.SpotInstanceTermination");
  EXPECT_EQ(interrupted.architecture, "arm64");
  EXPECT_EQ(page->next_token, "eyJ2IjoiMiIsImMiOiJwYWdlMiJ9");
}

TEST(Ec2Parse, RunAndTerminate) {
  auto launched = ParseRunInstances(Corpus("run_instances.xml"));
  ASSERT_TRUE(launched.has_value()) << launched.error().message;
  ASSERT_EQ(launched->size(), 1u);
  EXPECT_EQ(launched->at(0).state, InstanceState::kPending);
  EXPECT_EQ(launched->at(0).TagValue("abc:attempt"), "2");
  auto terminated = ParseTerminateInstances(Corpus("terminate_instances.xml"));
  ASSERT_TRUE(terminated.has_value());
  ASSERT_EQ(terminated->size(), 1u);
  EXPECT_EQ(terminated->at(0).previous, InstanceState::kRunning);
  EXPECT_EQ(terminated->at(0).current, InstanceState::kShuttingDown);
}

TEST(Ec2Parse, DescribeCallsUsedByPreflightAndCatalog) {
  auto prices = ParseSpotPriceHistory(Corpus("spot_price_history.xml"));
  ASSERT_TRUE(prices.has_value()) << prices.error().message;
  ASSERT_EQ(prices->items.size(), 2u);
  EXPECT_DOUBLE_EQ(prices->items[0].price, 0.0417);
  EXPECT_EQ(prices->items[1].availability_zone, "us-east-1b");
  EXPECT_EQ(prices->next_token, "");

  auto types = ParseInstanceTypes(Corpus("instance_types.xml"));
  ASSERT_TRUE(types.has_value()) << types.error().message;
  ASSERT_EQ(types->items.size(), 2u);
  EXPECT_EQ(types->items[0].vcpus, 2);
  EXPECT_EQ(types->items[0].memory_mib, 8192);
  EXPECT_EQ(types->items[0].architectures, std::vector<std::string>{"x86_64"});
  EXPECT_DOUBLE_EQ(types->items[0].sustained_clock_ghz, 3.2);
  EXPECT_EQ(types->items[0].usage_classes, (std::vector<std::string>{"on-demand", "spot"}));
  EXPECT_TRUE(types->items[1].bare_metal);
  EXPECT_EQ(types->items[1].threads_per_core, 1);
  EXPECT_EQ(types->next_token, "AAEAAQ-page-2");

  auto offerings = ParseInstanceTypeOfferings(Corpus("instance_type_offerings.xml"));
  ASSERT_TRUE(offerings.has_value());
  ASSERT_EQ(offerings->items.size(), 3u);
  EXPECT_EQ(offerings->items[1].location, "us-east-1b");

  auto subnets = ParseSubnets(Corpus("subnets.xml"));
  ASSERT_TRUE(subnets.has_value());
  EXPECT_EQ(subnets->items.at(0).availability_zone, "us-east-1a");
  EXPECT_EQ(subnets->items.at(0).available_ips, 251);
  auto groups = ParseSecurityGroups(Corpus("security_groups.xml"));
  ASSERT_TRUE(groups.has_value());
  EXPECT_EQ(groups->items.at(0).group_id, "sg-1a2b3c4d");
  EXPECT_EQ(groups->items.at(0).vpc_id, "vpc-1a2b3c4d");
  auto keys = ParseKeyPairs(Corpus("key_pairs.xml"));
  ASSERT_TRUE(keys.has_value());
  EXPECT_EQ(keys->items.at(0).key_name, "my-key");
  auto images = ParseImages(Corpus("images.xml"));
  ASSERT_TRUE(images.has_value());
  EXPECT_EQ(images->items.at(0).root_device_name, "/dev/xvda");
  EXPECT_EQ(images->items.at(0).state, "available");
}

TEST(Ec2Parse, RejectsBrokenResponses) {
  EXPECT_FALSE(ParseDescribeInstances("").has_value());
  EXPECT_FALSE(ParseDescribeInstances("<DescribeInstancesResponse><reservationSet>").has_value());
  EXPECT_FALSE(ParseDescribeInstances("<Other/>").has_value());
  auto no_id = ParseDescribeInstances(
      "<DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceType>x"
      "</instanceType></item></instancesSet></item></reservationSet></DescribeInstancesResponse>");
  ASSERT_FALSE(no_id.has_value());
  EXPECT_EQ(no_id.error().error_class, util::ErrorClass::kTransient);
  EXPECT_FALSE(ParseRunInstances("<RunInstancesResponse/>").has_value());
  EXPECT_FALSE(ParseSpotPriceHistory(
                   "<DescribeSpotPriceHistoryResponse><spotPriceHistorySet><item><instanceType>a"
                   "</instanceType><spotPrice>cheap</spotPrice></item></spotPriceHistorySet>"
                   "</DescribeSpotPriceHistoryResponse>")
                   .has_value());
}

// Our parameters must be exactly botocore's for the same request.
std::map<std::string, std::string> Botocore(const nlohmann::json& request) {
  aws::testing::TempDir dir;
  std::string file = dir.Write("request.json", request.dump());
  std::string command = std::string(ABC_SYSTEM_PYTHON3) + " " + ABC_SOURCE_DIR +
                        "/tests/unit/aws/ec2_serialize_reference.py " + file;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  char buffer[4096];
  size_t n = 0;
  while (pipe && (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, n);
  auto json = nlohmann::json::parse(output, nullptr, false);
  std::map<std::string, std::string> params;
  if (!json.is_object()) return params;
  for (const auto& [key, value] : json.items()) params[key] = value.get<std::string>();
  return params;
}

std::map<std::string, std::string> Ours(std::string action, const std::vector<QueryParam>& params) {
  std::map<std::string, std::string> map = {{"Action", action}, {"Version", std::string(kVersion)}};
  for (const QueryParam& param : params) map[param.name] = param.value;
  return map;
}

TEST(Ec2Serialize, RunInstancesMatchesBotocore) {
  RunInstancesInput input;
  input.image_id = "ami-0abcdef1234567890";
  input.instance_type = "m7i.large";
  input.subnet_id = "subnet-1";
  input.security_group_ids = {"sg-1", "sg-2"};
  input.key_name = "my-key";
  input.instance_profile = "abc-agent";
  input.client_token = "abc-c1-s1-a1";
  input.user_data = "#!/bin/bash\necho hi\n";
  input.tags = {{"abc:campaign", "c1"}, {"Name", "abc c1 s1"}};
  input.root_device_name = "/dev/xvda";
  input.root_volume_gib = 16;
  input.spot = true;
  input.spot_max_price = "0.10";
  nlohmann::json tags = nlohmann::json::array(
      {{{"Key", "abc:campaign"}, {"Value", "c1"}}, {{"Key", "Name"}, {"Value", "abc c1 s1"}}});
  nlohmann::json request = {
      {"operation", "RunInstances"},
      {"params",
       {{"ImageId", "ami-0abcdef1234567890"},
        {"InstanceType", "m7i.large"},
        {"MinCount", 1},
        {"MaxCount", 1},
        {"ClientToken", "abc-c1-s1-a1"},
        {"SubnetId", "subnet-1"},
        {"SecurityGroupIds", {"sg-1", "sg-2"}},
        {"KeyName", "my-key"},
        {"IamInstanceProfile", {{"Name", "abc-agent"}}},
        {"UserData", Base64Encode("#!/bin/bash\necho hi\n")},
        {"InstanceInitiatedShutdownBehavior", "terminate"},
        {"MetadataOptions", {{"HttpTokens", "required"}, {"HttpEndpoint", "enabled"}}},
        {"BlockDeviceMappings",
         {{{"DeviceName", "/dev/xvda"},
           {"Ebs", {{"VolumeSize", 16}, {"VolumeType", "gp3"}, {"DeleteOnTermination", true}}}}}},
        {"InstanceMarketOptions",
         {{"MarketType", "spot"},
          {"SpotOptions",
           {{"SpotInstanceType", "one-time"},
            {"InstanceInterruptionBehavior", "terminate"},
            {"MaxPrice", "0.10"}}}}},
        {"TagSpecifications",
         {{{"ResourceType", "instance"}, {"Tags", tags}},
          {{"ResourceType", "volume"}, {"Tags", tags}}}}}}};
  auto reference = Botocore(request);
  ASSERT_FALSE(reference.empty()) << "botocore serializer failed (python3-botocore?)";
  EXPECT_EQ(Ours("RunInstances", RunInstancesParams(input)), reference);
}

TEST(Ec2Serialize, FiltersMatchBotocore) {
  std::vector<QueryParam> params;
  AddFilters({{"tag:abc:campaign", {"c1", "c2"}}, {"instance-state-name", {"pending", "running"}}},
             params);
  nlohmann::json request = {
      {"operation", "DescribeInstances"},
      {"params",
       {{"Filters",
         {{{"Name", "tag:abc:campaign"}, {"Values", {"c1", "c2"}}},
          {{"Name", "instance-state-name"}, {"Values", {"pending", "running"}}}}}}}};
  EXPECT_EQ(Ours("DescribeInstances", params), Botocore(request));
}

TEST(Ec2Serialize, Base64OfUserData) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("hello"), "aGVsbG8=");  // RFC 4648 test vectors: "f"->"Zg==" etc.
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
}

struct Ec2Fixture {
  StaticCredentialsProvider credentials{
      Credentials{Secret("AKIDEC2TEST"), Secret("ec2-secret"), Secret(), {}}};
  std::unique_ptr<HttpClient> http = MakeCurlHttpClient(HttpOptions{});
  Caller Ec2(const LoopbackServer& server) {
    auto endpoint = ParseEndpoint(server.url(), "test");
    return Caller{http.get(),
                  &credentials,
                  ResolvedEndpoint{*endpoint, "us-east-1", "ec2"},
                  [] { return util::FromSeconds(1767225600); },
                  {}};
  }
};

std::string FormValue(const std::string& body, const std::string& name) {
  for (const std::string& pair : util::Split(body, '&')) {
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
  }
  return "";
}

TEST(Ec2Client, DescribeInstancesFollowsNextToken) {
  LoopbackServer server([](const ReceivedRequest& request) {
    std::string token = FormValue(request.body, "NextToken");
    std::string id = token.empty() ? "i-page1" : "i-" + token;
    std::string next = token.empty() ? "<nextToken>page2</nextToken>" : "";
    return Reply{Reply::Kind::kRespond,
                 200,
                 {},
                 "<DescribeInstancesResponse><reservationSet><item><instancesSet><item>"
                 "<instanceId>" +
                     id +
                     "</instanceId><instanceState><name>running</name>"
                     "</instanceState></item></instancesSet></item></reservationSet>" +
                     next + "</DescribeInstancesResponse>"};
  });
  Ec2Fixture f;
  auto instances = DescribeInstances(f.Ec2(server), {}, {{"tag:abc:campaign", {"c1"}}});
  ASSERT_TRUE(instances.has_value()) << instances.error().message;
  ASSERT_EQ(instances->size(), 2u);
  EXPECT_EQ(instances->at(1).instance_id, "i-page2");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(FormValue(requests[0].body, "Action"), "DescribeInstances");
  EXPECT_EQ(FormValue(requests[0].body, "Filter.1.Name"), "tag%3Aabc%3Acampaign");
  EXPECT_EQ(FormValue(requests[1].body, "NextToken"), "page2");
  EXPECT_NE(requests[0]
                .Header("authorization")
                ->find("Credential=AKIDEC2TEST/20260101/us-east-1/ec2/aws4_request"),
            std::string::npos);
  EXPECT_EQ(requests[0].Header("content-type"), "application/x-www-form-urlencoded; charset=utf-8");
}

TEST(Ec2Client, ARepeatedNextTokenIsAnError) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond,
                 200,
                 {},
                 "<DescribeInstancesResponse><reservationSet/><nextToken>same</nextToken>"
                 "</DescribeInstancesResponse>"};
  });
  Ec2Fixture f;
  auto instances = DescribeInstances(f.Ec2(server), {}, {});
  ASSERT_FALSE(instances.has_value());
  EXPECT_NE(instances.error().message.find("nextToken came back twice"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(Ec2Client, ErrorsCarryTheirClassAndCode) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond,
                 500,
                 {},
                 "<Response><Errors><Error><Code>InsufficientInstanceCapacity</Code><Message>"
                 "no m7i.large in us-east-1a</Message></Error></Errors><RequestID>r</RequestID>"
                 "</Response>"};
  });
  Ec2Fixture f;
  RunInstancesInput input;
  input.image_id = "ami-1";
  input.instance_type = "m7i.large";
  auto launched = RunInstances(f.Ec2(server), input);
  ASSERT_FALSE(launched.has_value());
  EXPECT_EQ(launched.error().error_class, util::ErrorClass::kCapacity);
  EXPECT_EQ(launched.error().code, "InsufficientInstanceCapacity");
  EXPECT_EQ(launched.error().message,
            "ec2 RunInstances: InsufficientInstanceCapacity: no m7i.large in us-east-1a");
  EXPECT_EQ(launched.error().message.find("ec2-secret"), std::string::npos);
}

TEST(StsClient, GetCallerIdentityGivesTheAccount) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond, 200, {}, Corpus("sts_caller_identity.xml")};
  });
  Ec2Fixture f;
  Caller sts = f.Ec2(server);
  sts.endpoint.signing_name = "sts";
  auto identity = GetCallerIdentity(sts);
  ASSERT_TRUE(identity.has_value()) << identity.error().message;
  EXPECT_EQ(identity->account, "123456789012");
  EXPECT_EQ(identity->arn, "arn:aws:iam::123456789012:user/Alice");
  auto request = server.requests().at(0);
  EXPECT_EQ(request.body, "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_NE(request.Header("authorization")->find("/us-east-1/sts/aws4_request"),
            std::string::npos);
  auto role = ParseAssumeRole(Corpus("sts_assume_role.xml"));
  ASSERT_TRUE(role.has_value());
  EXPECT_EQ(role->access_key_id.Reveal(), "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(role->expiration, util::FromSeconds(1767229200));
  EXPECT_FALSE(ParseGetCallerIdentity("<GetCallerIdentityResponse/>").has_value());
}

}  // namespace
}  // namespace aws::ec2
