#include "agent/imds.h"

#include <map>

#include <gtest/gtest.h>

#include "agent/commands.h"

namespace agent {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Answers by "METHOD path"; each call costs `latency` seconds on the fake clock.
class FakeTransport final : public MetadataTransport {
 public:
  FakeTransport(FakeClock& clock, double latency) : clock_(clock), latency_(latency) {}
  std::map<std::string, util::Expected<HttpResponse>> answers;
  std::vector<std::string> calls;
  std::vector<Headers> headers_seen;
  util::Expected<HttpResponse> Send(const std::string& method, const std::string& path,
                                    const Headers& headers, double timeout_seconds) override {
    calls.push_back(method + " " + path);
    headers_seen.push_back(headers);
    if (timeout_seconds < latency_) {
      clock_.Advance(timeout_seconds);
      return util::MakeError(util::ErrorClass::kTimeout, "read timed out");
    }
    clock_.Advance(latency_);
    auto it = answers.find(method + " " + path);
    if (it == answers.end()) return HttpResponse{404, ""};
    return it->second;
  }

 private:
  FakeClock& clock_;
  double latency_;
};

const char kDocument[] =
    R"({"instanceId":"i-0abc","instanceType":"c7g.large","region":"us-east-1","availabilityZone":"us-east-1b"})";

void AnswerAll(FakeTransport& t) {
  t.answers.insert_or_assign("PUT /latest/api/token", HttpResponse{200, "TOKEN123"});
  t.answers.insert_or_assign("GET /latest/dynamic/instance-identity/document",
                             HttpResponse{200, kDocument});
  t.answers.insert_or_assign("GET /latest/meta-data/instance-life-cycle",
                             HttpResponse{200, "spot\n"});
}

TEST(Imds, ReadsTheIdentityWithATokenFirst) {
  FakeClock clock;
  FakeTransport transport(clock, 0.01);
  AnswerAll(transport);
  InstanceIdentity id = FetchInstanceIdentity(transport, clock, 1.0);
  EXPECT_EQ(id.status, "ok");
  EXPECT_EQ(id.instance_id, "i-0abc");
  EXPECT_EQ(id.instance_type, "c7g.large");
  EXPECT_EQ(id.availability_zone, "us-east-1b");
  EXPECT_EQ(id.lifecycle, "spot");
  ASSERT_GE(transport.calls.size(), 2u);
  EXPECT_EQ(transport.calls[0], "PUT /latest/api/token");
  EXPECT_EQ(transport.headers_seen[1][0].first, "X-aws-ec2-metadata-token");
  EXPECT_EQ(id.reason.find("TOKEN123"), std::string::npos);
}

TEST(Imds, RefusedTokenFailsWithoutLeakingIt) {
  FakeClock clock;
  FakeTransport transport(clock, 0.01);
  AnswerAll(transport);
  transport.answers.insert_or_assign("PUT /latest/api/token", HttpResponse{403, "Forbidden"});
  InstanceIdentity id = FetchInstanceIdentity(transport, clock, 1.0);
  EXPECT_EQ(id.status, "failed");
  EXPECT_NE(id.reason.find("403"), std::string::npos);
  EXPECT_EQ(transport.calls.size(), 1u);
}

TEST(Imds, TheWholeLookupStaysWithinItsBudget) {
  FakeClock clock;
  FakeTransport transport(clock, 0.4);  // three calls would take 1.2 s
  AnswerAll(transport);
  InstanceIdentity id = FetchInstanceIdentity(transport, clock, 1.0);
  EXPECT_LE(clock.MonotonicSeconds(), 1.0 + 1e-9);
  EXPECT_EQ(id.status, "ok");         // token and document fit
  EXPECT_TRUE(id.lifecycle.empty());  // the lifecycle did not, and is not guessed
  FakeClock slow_clock;
  FakeTransport slow(slow_clock, 5.0);
  EXPECT_EQ(FetchInstanceIdentity(slow, slow_clock, 1.0).status, "failed");
  EXPECT_LE(slow_clock.MonotonicSeconds(), 1.0 + 1e-9);
}

TEST(Imds, MalformedDocumentFails) {
  FakeClock clock;
  FakeTransport transport(clock, 0.01);
  AnswerAll(transport);
  transport.answers.insert_or_assign("GET /latest/dynamic/instance-identity/document",
                                     HttpResponse{200, "<html>"});
  EXPECT_EQ(FetchInstanceIdentity(transport, clock).status, "failed");
}

TEST(Imds, NonStringFieldsFailTheLookupWithoutThrowing) {
  for (const char* document :
       {R"({"instanceId":12345,"instanceType":"c7g.large","region":"us-east-1"})",
        R"({"instanceId":"i-0abc","instanceType":null,"region":"us-east-1"})",
        R"({"instanceId":["i-0abc"],"instanceType":"c7g.large"})"}) {
    FakeClock clock;
    FakeTransport transport(clock, 0.01);
    AnswerAll(transport);
    transport.answers.insert_or_assign("GET /latest/dynamic/instance-identity/document",
                                       HttpResponse{200, document});
    InstanceIdentity id;
    ASSERT_NO_THROW(id = FetchInstanceIdentity(transport, clock)) << document;
    EXPECT_EQ(id.status, "failed") << document;
    EXPECT_NE(id.reason.find("instanceId/instanceType"), std::string::npos) << id.reason;
  }
  // Optional fields of another type are left empty; the identity still counts.
  FakeClock clock;
  FakeTransport transport(clock, 0.01);
  AnswerAll(transport);
  transport.answers.insert_or_assign(
      "GET /latest/dynamic/instance-identity/document",
      HttpResponse{200, R"({"instanceId":"i-0abc","instanceType":"c7g.large","region":7})"});
  InstanceIdentity id;
  ASSERT_NO_THROW(id = FetchInstanceIdentity(transport, clock));
  EXPECT_EQ(id.status, "ok");
  EXPECT_EQ(id.region, "");
}

TEST(Imds, HttpParsing) {
  auto ok =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: y\r\n\r\nhello, trailing");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "hello");
  auto close = ParseHttpResponse("HTTP/1.0 404 Not Found\r\n\r\nmissing");
  ASSERT_TRUE(close.has_value());
  EXPECT_EQ(close->body, "missing");
  EXPECT_FALSE(ParseHttpResponse("garbage").has_value());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort").has_value());
}

TEST(Imds, OnlyEc2LooksLikeEc2) {
  std::string why;
  EXPECT_TRUE(
      LooksLikeEc2(RootedFileReader(ABC_TEST_DATA_DIR "/sysinfo/graviton3-c7g-large"), why));
  EXPECT_FALSE(LooksLikeEc2(RootedFileReader(ABC_TEST_DATA_DIR "/sysinfo/x86-emr-kvm"), why));
  EXPECT_NE(why.find("not an EC2 instance"), std::string::npos);
}

// One gate decides both metadata uses (identity and spot watcher): --no-imds wins even on
// EC2, and off EC2 nothing is contacted.
TEST(Imds, OneGateForTheIdentityAndTheSpotWatcher) {
  RunRequest request;
  std::string why;
  RootedFileReader ec2(ABC_TEST_DATA_DIR "/sysinfo/graviton3-c7g-large");
  EXPECT_TRUE(UsesInstanceMetadata(request, ec2, why));
  RootedFileReader kvm(ABC_TEST_DATA_DIR "/sysinfo/x86-emr-kvm");
  EXPECT_FALSE(UsesInstanceMetadata(request, kvm, why));
  EXPECT_NE(why.find("not an EC2 instance"), std::string::npos);
  request.imds = false;
  EXPECT_FALSE(UsesInstanceMetadata(request, ec2, why));
  EXPECT_EQ(why, "disabled by --no-imds");
}

}  // namespace
}  // namespace agent
