// The IAM client: parsers on responses shaped after the IAM API reference examples (the fuzz
// corpus, fuzz/corpus/aws_ec2_xml/iam_*.xml), CreateRole's parameters against botocore's own
// Query serializer, the calls and their errors against a loopback server, and IAM's global
// endpoint per partition.

#include "aws/iam.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <memory>

#include "loopback_server.h"
#include "test_support.h"
#include "util/strings.h"

namespace aws::iam {
namespace {

using aws::testing::LoopbackServer;
using aws::testing::ReceivedRequest;
using aws::testing::Reply;

std::string Corpus(const std::string& name) {
  return aws::testing::FuzzCorpus("aws_ec2_xml/" + name);
}

TEST(IamParse, RolesAndInstanceProfiles) {
  auto role = ParseGetRole(Corpus("iam_get_role.xml"));
  ASSERT_TRUE(role.has_value()) << role.error().message;
  EXPECT_EQ(role->name, "aws-benchmark-collector-agent");
  EXPECT_EQ(role->arn, "arn:aws:iam::123456789012:role/aws-benchmark-collector-agent");
  EXPECT_EQ(role->path, "/");
  auto created = ParseCreateRole(Corpus("iam_create_role.xml"));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(created->name, "aws-benchmark-collector-agent");

  auto profile = ParseGetInstanceProfile(Corpus("iam_get_instance_profile.xml"));
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  EXPECT_EQ(profile->name, "aws-benchmark-collector-agent");
  EXPECT_EQ(profile->arn,
            "arn:aws:iam::123456789012:instance-profile/aws-benchmark-collector-agent");
  ASSERT_EQ(profile->roles.size(), 1u);
  EXPECT_EQ(profile->roles[0].name, "aws-benchmark-collector-agent");
  auto empty = ParseCreateInstanceProfile(Corpus("iam_create_instance_profile.xml"));
  ASSERT_TRUE(empty.has_value()) << empty.error().message;
  EXPECT_TRUE(empty->roles.empty());
}

TEST(IamParse, RejectsBrokenResponses) {
  EXPECT_FALSE(ParseGetRole("").has_value());
  EXPECT_FALSE(ParseGetRole("<GetRoleResponse><GetRoleResult/></GetRoleResponse>").has_value());
  // Another call's answer is not this one's.
  EXPECT_FALSE(ParseGetRole(Corpus("iam_create_role.xml")).has_value());
  EXPECT_FALSE(ParseGetInstanceProfile(Corpus("iam_create_instance_profile.xml")).has_value());
  auto nameless_role = ParseGetInstanceProfile(
      "<GetInstanceProfileResponse><GetInstanceProfileResult><InstanceProfile>"
      "<InstanceProfileName>p</InstanceProfileName><Arn>arn:aws:iam::1:instance-profile/p</Arn>"
      "<Roles><member><Arn>arn:aws:iam::1:role/r</Arn></member></Roles>"
      "</InstanceProfile></GetInstanceProfileResult></GetInstanceProfileResponse>");
  ASSERT_FALSE(nameless_role.has_value());
  EXPECT_EQ(nameless_role.error().error_class, util::ErrorClass::kTransient);
}

// CreateRole's parameters must be exactly botocore's for the same request (the Query
// protocol's Tags.member.N lists).
TEST(IamSerialize, CreateRoleMatchesBotocore) {
  CreateRoleInput input;
  input.name = "aws-benchmark-collector-agent";
  input.assume_role_policy = R"({"Version":"2012-10-17","Statement":[]})";
  input.description = "agents' access to their bucket";
  input.tags = {{"abc:created-by", "aws-benchmark-collector"}, {"k2", "v 2"}};
  nlohmann::json request = {{"service", "iam"},
                            {"operation", "CreateRole"},
                            {"params",
                             {{"RoleName", input.name},
                              {"AssumeRolePolicyDocument", input.assume_role_policy},
                              {"Path", "/"},
                              {"Description", input.description},
                              {"Tags",
                               {{{"Key", "abc:created-by"}, {"Value", "aws-benchmark-collector"}},
                                {{"Key", "k2"}, {"Value", "v 2"}}}}}}};
  aws::testing::TempDir dir;
  std::string file = dir.Write("request.json", request.dump());
  std::string command = std::string(ABC_SYSTEM_PYTHON3) + " " + ABC_SOURCE_DIR +
                        "/tests/unit/aws/ec2_serialize_reference.py " + file;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  char buffer[4096];
  size_t n = 0;
  while (pipe && (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, n);
  auto reference = nlohmann::json::parse(output, nullptr, false);
  ASSERT_TRUE(reference.is_object()) << "botocore serializer failed (python3-botocore?)";
  std::map<std::string, std::string> ours = {{"Action", "CreateRole"},
                                             {"Version", std::string(kVersion)}};
  for (const QueryParam& param : CreateRoleParams(input)) ours[param.name] = param.value;
  std::map<std::string, std::string> theirs;
  for (const auto& [key, value] : reference.items()) theirs[key] = value.get<std::string>();
  EXPECT_EQ(ours, theirs);
}

std::string FormValue(const std::string& body, const std::string& name) {
  for (const std::string& pair : util::Split(body, '&')) {
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
  }
  return "";
}

Reply IamError(int status, const std::string& code) {
  return Reply{Reply::Kind::kRespond,
               status,
               {},
               "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>"
               "Sender</Type><Code>" +
                   code + "</Code><Message>fake " + code +
                   "</Message></Error><RequestId>r</RequestId></ErrorResponse>"};
}

struct IamFixture {
  StaticCredentialsProvider credentials{
      Credentials{Secret("AKIDIAMTEST"), Secret("iam-secret"), Secret(), {}}};
  std::unique_ptr<HttpClient> http = MakeCurlHttpClient(HttpOptions{});
  Caller Iam(const LoopbackServer& server) {
    Settings settings;
    settings.environment = aws::testing::FakeEnvironment({});
    settings.endpoint_url = server.url();
    auto endpoint = ResolveEndpoint(Service::kIam, "eu-west-1", settings);
    return Caller{
        http.get(), &credentials, *endpoint, [] { return util::FromSeconds(1767225600); }, {}};
  }
};

TEST(IamClient, GetInstanceProfileIsASignedQueryCall) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond, 200, {}, Corpus("iam_get_instance_profile.xml")};
  });
  IamFixture f;
  auto profile = GetInstanceProfile(f.Iam(server), "aws-benchmark-collector-agent");
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  EXPECT_EQ(profile->roles.at(0).name, "aws-benchmark-collector-agent");
  auto request = server.requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.body,
            "Action=GetInstanceProfile&Version=2010-05-08&InstanceProfileName=aws-benchmark-"
            "collector-agent");
  // Signed for IAM's home region whatever the campaign's (eu-west-1 here).
  EXPECT_NE(request.Header("authorization")->find("/20260101/us-east-1/iam/aws4_request"),
            std::string::npos);
}

TEST(IamClient, EachCallSendsItsActionAndParameters) {
  LoopbackServer server([](const ReceivedRequest& request) {
    std::string action = FormValue(request.body, "Action");
    if (action == "GetRole")
      return Reply{Reply::Kind::kRespond, 200, {}, Corpus("iam_get_role.xml")};
    if (action == "CreateRole") {
      return Reply{Reply::Kind::kRespond, 200, {}, Corpus("iam_create_role.xml")};
    }
    if (action == "CreateInstanceProfile") {
      return Reply{Reply::Kind::kRespond, 200, {}, Corpus("iam_create_instance_profile.xml")};
    }
    return Reply{Reply::Kind::kRespond,
                 200,
                 {},
                 "<" + action +
                     "Response><ResponseMetadata><RequestId>r</RequestId>"
                     "</ResponseMetadata></" +
                     action + "Response>"};
  });
  IamFixture f;
  Caller iam = f.Iam(server);
  ASSERT_TRUE(GetRole(iam, "r1").has_value());
  CreateRoleInput input{"r1", "{}", "/", "", {}};
  ASSERT_TRUE(CreateRole(iam, input).has_value());
  ASSERT_TRUE(PutRolePolicy(iam, "r1", "abc-bucket-b", "{\"Version\":\"2012-10-17\"}"));
  ASSERT_TRUE(CreateInstanceProfile(iam, "p1", "/").has_value());
  ASSERT_TRUE(AddRoleToInstanceProfile(iam, "p1", "r1"));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 5u);
  EXPECT_EQ(requests[0].body, "Action=GetRole&Version=2010-05-08&RoleName=r1");
  EXPECT_EQ(requests[1].body,
            "Action=CreateRole&Version=2010-05-08&RoleName=r1&AssumeRolePolicyDocument=%7B%7D&"
            "Path=%2F");
  EXPECT_EQ(requests[2].body,
            "Action=PutRolePolicy&Version=2010-05-08&RoleName=r1&PolicyName=abc-bucket-b&"
            "PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D");
  EXPECT_EQ(requests[3].body,
            "Action=CreateInstanceProfile&Version=2010-05-08&InstanceProfileName=p1&Path=%2F");
  EXPECT_EQ(requests[4].body,
            "Action=AddRoleToInstanceProfile&Version=2010-05-08&InstanceProfileName=p1&"
            "RoleName=r1");
}

TEST(IamClient, ErrorsKeepTheirCodeAndClass) {
  std::string next;
  LoopbackServer server([&next](const ReceivedRequest&) {
    if (next == "NoSuchEntity") return IamError(404, next);
    if (next == "EntityAlreadyExists") return IamError(409, next);
    return IamError(403, "AccessDenied");
  });
  IamFixture f;
  Caller iam = f.Iam(server);
  next = "NoSuchEntity";
  auto missing = GetRole(iam, "r1");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().error_class, util::ErrorClass::kNotFound);
  EXPECT_EQ(missing.error().code, "NoSuchEntity");
  EXPECT_EQ(missing.error().message, "iam GetRole: NoSuchEntity: fake NoSuchEntity");
  next = "EntityAlreadyExists";
  auto exists = CreateInstanceProfile(iam, "p1", "/");
  ASSERT_FALSE(exists.has_value());
  EXPECT_EQ(exists.error().code, "EntityAlreadyExists");
  next = "AccessDenied";
  auto denied = PutRolePolicy(iam, "r1", "p", "{}");
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().error_class, util::ErrorClass::kFatal);
  EXPECT_EQ(denied.error().code, "AccessDenied");
  EXPECT_EQ(denied.error().message.find("iam-secret"), std::string::npos);
}

// One global endpoint per partition, signed for the partition's home region; the
// user's endpoint settings override it like every other service's.
TEST(IamEndpoint, GlobalPerPartition) {
  struct Case {
    const char* region;
    const char* url;
    const char* signing_region;
  };
  for (const Case& c :
       {Case{"us-east-1", "https://iam.amazonaws.com", "us-east-1"},
        Case{"ap-southeast-2", "https://iam.amazonaws.com", "us-east-1"},
        Case{"cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
        Case{"us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"}}) {
    Settings defaults;
    defaults.environment = aws::testing::FakeEnvironment({});
    auto resolved = ResolveEndpoint(Service::kIam, c.region, defaults);
    ASSERT_TRUE(resolved.has_value()) << c.region;
    EXPECT_EQ(resolved->endpoint.Origin(), c.url) << c.region;
    EXPECT_EQ(resolved->signing_region, c.signing_region) << c.region;
    EXPECT_EQ(resolved->signing_name, "iam");
    EXPECT_FALSE(resolved->configured);
  }
  EXPECT_EQ(PartitionOf("cn-north-1"), "aws-cn");
  EXPECT_EQ(PartitionOf("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(PartitionOf("eu-central-1"), "aws");
  Settings settings;
  settings.environment = aws::testing::FakeEnvironment(
      {{"AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:9"}, {"AWS_ENDPOINT_URL", "http://other:1"}});
  auto overridden = ResolveEndpoint(Service::kIam, "eu-west-1", settings);
  ASSERT_TRUE(overridden.has_value());
  EXPECT_EQ(overridden->endpoint.Origin(), "http://127.0.0.1:9");
  EXPECT_EQ(overridden->signing_region, "us-east-1");
  EXPECT_TRUE(overridden->configured);
}

}  // namespace
}  // namespace aws::iam
