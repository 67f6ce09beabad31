// The S3 client and the JSON services (SSM, Service Quotas, Pricing) against a loopback
// server and the real-shaped corpus in fuzz/corpus/{aws_s3_xml,aws_json}.

#include <gtest/gtest.h>

#include "aws/crypto.h"
#include "aws/json_services.h"
#include "aws/s3.h"
#include "loopback_server.h"
#include "test_support.h"
#include "util/strings.h"

namespace aws {
namespace {

using testing::LoopbackServer;
using testing::ReceivedRequest;
using testing::Reply;

std::string Corpus(const std::string& path) { return aws::testing::FuzzCorpus(path); }

struct Fixture {
  StaticCredentialsProvider credentials{
      Credentials{Secret("AKIDS3TEST"), Secret("s3-secret"), Secret("s3-token"), {}}};
  std::unique_ptr<HttpClient> http = MakeCurlHttpClient(HttpOptions{});
  Caller For(const std::string& url, const std::string& region, const std::string& service) {
    auto endpoint = ParseEndpoint(url, "test");
    return Caller{http.get(),
                  &credentials,
                  ResolvedEndpoint{*endpoint, region, service},
                  [] { return util::FromSeconds(1767225600); },
                  {}};
  }
};

Reply Ok(std::string body = "") { return Reply{Reply::Kind::kRespond, 200, {}, std::move(body)}; }

TEST(Md5, KnownAnswers) {  // RFC 1321 test suite
  EXPECT_EQ(HexEncode(Md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(HexEncode(Md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
}

TEST(S3, PutObjectPathStyleSignsThePayload) {
  LoopbackServer server([](const ReceivedRequest&) { return Ok(); });
  Fixture f;
  Caller s3 = f.For(server.url(), "eu-west-1", "s3");
  s3::Location where{"abc-bucket", s3::PathStyleFor(s3, "abc-bucket")};
  EXPECT_TRUE(where.path_style);
  ASSERT_TRUE(
      s3::PutObject(s3, where, "agents/x86_64/agent bin", "BODY", "application/octet-stream"));
  auto request = server.requests().at(0);
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.target, "/abc-bucket/agents/x86_64/agent%20bin");
  EXPECT_EQ(request.body, "BODY");
  EXPECT_EQ(request.Header("x-amz-content-sha256"), Sha256Hex("BODY"));
  EXPECT_EQ(request.Header("x-amz-security-token"), "s3-token");
  EXPECT_NE(request.Header("authorization")->find("/eu-west-1/s3/aws4_request"), std::string::npos);
}

TEST(S3, MissingKeyIsNotFound) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond, 404, {}, Corpus("aws_s3_xml/error_no_such_key.xml")};
  });
  Fixture f;
  auto got = s3::GetObject(f.For(server.url(), "us-east-1", "s3"), {"b", true}, "k");
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().error_class, util::ErrorClass::kNotFound);
  EXPECT_EQ(got.error().code, "NoSuchKey");
  auto head = s3::HeadObject(f.For(server.url(), "us-east-1", "s3"), {"b", true}, "k");
  ASSERT_FALSE(head.has_value());  // HEAD has no body: the status decides
  EXPECT_EQ(head.error().error_class, util::ErrorClass::kNotFound);
}

TEST(S3, ListObjectsV2FollowsContinuationTokens) {
  LoopbackServer server([](const ReceivedRequest& request) {
    if (request.target.find("continuation-token=") == std::string::npos) {
      return Ok(Corpus("aws_s3_xml/list_objects_v2.xml"));
    }
    return Ok(
        "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>campaigns/c1/z"
        "</Key><Size>1</Size></Contents></ListBucketResult>");
  });
  Fixture f;
  auto objects =
      s3::ListObjectsV2(f.For(server.url(), "us-east-1", "s3"), {"b", true}, "campaigns/c1/");
  ASSERT_TRUE(objects.has_value()) << objects.error().message;
  ASSERT_EQ(objects->size(), 3u);
  EXPECT_EQ(objects->at(0).key, "campaigns/c1/results/s1-stream.json");
  EXPECT_EQ(objects->at(0).size, 2048);
  EXPECT_EQ(objects->at(0).last_modified, util::FromSeconds(1767225600 + 2 * 3600 + 184));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/b/?list-type=2&prefix=campaigns%2Fc1%2F");
  EXPECT_NE(requests[1].target.find(
                "continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D"),
            std::string::npos);
}

TEST(S3, CreateBucketWithLocationAndLifecycleRule) {
  LoopbackServer server([](const ReceivedRequest& request) {
    if (request.method == "PUT" && request.target == "/b/") {
      return Reply{Reply::Kind::kRespond,
                   409,
                   {},
                   "<Error><Code>BucketAlreadyOwnedByYou</Code><Message>yours</Message></Error>"};
    }
    return Ok();
  });
  Fixture f;
  Caller s3 = f.For(server.url(), "eu-west-1", "s3");
  ASSERT_TRUE(s3::CreateBucket(s3, {"b", true}));
  ASSERT_TRUE(s3::PutExpirationRule(s3, {"b", true}, "abc-campaigns", "campaigns/", 30));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].body.find("<LocationConstraint>eu-west-1</LocationConstraint>"),
            std::string::npos);
  EXPECT_EQ(requests[1].target, "/b/?lifecycle=");
  EXPECT_NE(requests[1].body.find("<Days>30</Days>"), std::string::npos);
  EXPECT_NE(requests[1].body.find("<Prefix>campaigns/</Prefix>"), std::string::npos);
  EXPECT_EQ(requests[1].Header("content-md5"), Base64Encode(Md5(requests[1].body)));
  EXPECT_EQ(s3::CreateBucketBody("us-east-1"), "");  // the one region without a constraint
}

TEST(S3, PresignedUrlsVirtualHostedOnAwsAndBounded) {
  Fixture f;
  Caller s3 = f.For("https://s3.us-west-2.amazonaws.com", "us-west-2", "s3");
  s3::Location where{"abc-bucket", s3::PathStyleFor(s3, "abc-bucket")};
  EXPECT_FALSE(where.path_style);
  EXPECT_TRUE(s3::PathStyleFor(s3, "dotted.bucket"));
  auto url =
      s3::PresignUrl(s3, where, "results/s1.json", s3::PresignMethod::kPut, std::chrono::hours(2));
  ASSERT_TRUE(url.has_value());
  EXPECT_TRUE(
      util::StartsWith(*url, "https://abc-bucket.s3.us-west-2.amazonaws.com/results/s1.json?"))
      << *url;
  EXPECT_NE(url->find("X-Amz-Expires=7200"), std::string::npos);
  EXPECT_NE(url->find("X-Amz-Security-Token=s3-token"), std::string::npos);
  EXPECT_NE(url->find("&X-Amz-Signature="), std::string::npos);
  EXPECT_FALSE(s3::PresignUrl(s3, where, "k", s3::PresignMethod::kGet, std::chrono::hours(24 * 8))
                   .has_value());
}

TEST(Ssm, GetParameterSendsTheJsonProtocol) {
  LoopbackServer server(
      [](const ReceivedRequest&) { return Ok(Corpus("aws_json/ssm_get_parameter.json")); });
  Fixture f;
  auto parameter =
      GetParameter(f.For(server.url(), "us-east-1", "ssm"), std::string(kAl2023X86Parameter));
  ASSERT_TRUE(parameter.has_value()) << parameter.error().message;
  EXPECT_EQ(parameter->value, "ami-0abcdef1234567890");
  EXPECT_EQ(parameter->version, 97);
  auto request = server.requests().at(0);
  EXPECT_EQ(request.Header("x-amz-target"), "AmazonSSM.GetParameter");
  EXPECT_EQ(request.Header("content-type"), "application/x-amz-json-1.1");
  EXPECT_EQ(request.body,
            R"({"Name":"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"})");
}

TEST(Ssm, MissingParameterIsNotFound) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond, 400, {}, Corpus("aws_json/error_parameter_not_found.json")};
  });
  Fixture f;
  auto parameter = GetParameter(f.For(server.url(), "us-east-1", "ssm"), "/x");
  ASSERT_FALSE(parameter.has_value());
  EXPECT_EQ(parameter.error().error_class, util::ErrorClass::kNotFound);
  EXPECT_EQ(parameter.error().message,
            "ssm GetParameter: ParameterNotFound: Parameter /x not found.");
}

TEST(ServiceQuotas, GetServiceQuota) {
  LoopbackServer server(
      [](const ReceivedRequest&) { return Ok(Corpus("aws_json/service_quota.json")); });
  Fixture f;
  auto quota =
      GetServiceQuota(f.For(server.url(), "us-east-1", "servicequotas"), "ec2", "L-1216C47A");
  ASSERT_TRUE(quota.has_value()) << quota.error().message;
  EXPECT_DOUBLE_EQ(quota->value, 1152.0);
  EXPECT_EQ(server.requests().at(0).Header("x-amz-target"),
            "ServiceQuotasV20190624.GetServiceQuota");
  EXPECT_EQ(server.requests().at(0).body, R"({"QuotaCode":"L-1216C47A","ServiceCode":"ec2"})");
}

TEST(Pricing, GetProductsParsesJsonInsideJsonAcrossPages) {
  LoopbackServer server([](const ReceivedRequest& request) {
    if (request.body.find("NextToken") == std::string::npos) {
      return Ok(Corpus("aws_json/pricing_get_products.json"));
    }
    return Ok(R"({"FormatVersion":"aws_v1","PriceList":[]})");
  });
  Fixture f;
  auto items = GetProducts(f.For(server.url(), "us-east-1", "pricing"),
                           {{"instanceType", "m7i.large"}, {"regionCode", "us-east-1"}});
  ASSERT_TRUE(items.has_value()) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ(items->at(0).sku, "8ZDF9ZC4J4BYCYCV");
  EXPECT_EQ(items->at(0).attributes.at("tenancy"), "Shared");
  ASSERT_TRUE(items->at(0).on_demand_usd_per_hour.has_value());
  EXPECT_DOUBLE_EQ(*items->at(0).on_demand_usd_per_hour, 0.1008);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].Header("x-amz-target"), "AWSPriceListService.GetProducts");
  EXPECT_NE(
      requests[0].body.find(R"({"Field":"instanceType","Type":"TERM_MATCH","Value":"m7i.large"})"),
      std::string::npos);
  EXPECT_NE(requests[1].body.find(R"("NextToken":"page2token")"), std::string::npos);
}

TEST(Pricing, RejectsItemsThatAreNotJsonStrings) {
  EXPECT_FALSE(ParseGetProducts(R"({"PriceList":[{"product":{}}]})").has_value());
  EXPECT_FALSE(ParseGetProducts(R"({"PriceList":["not json"]})").has_value());
  EXPECT_FALSE(ParseGetProducts(R"({})").has_value());
  auto no_price = ParseGetProducts(R"({"PriceList":["{\"product\":{\"sku\":\"S\"}}"]})");
  ASSERT_TRUE(no_price.has_value());
  EXPECT_FALSE(no_price->items.at(0).on_demand_usd_per_hour.has_value());
}

}  // namespace
}  // namespace aws
