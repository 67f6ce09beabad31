#pragma once
// A small in-process fake of the AWS calls the aws backend sends (EC2 Query, S3 REST, SSM
// and Service Quotas JSON), behind aws::HttpClient, with a log of every call. Each service
// has its own host so that calls can be told apart; S3 is path-style (a configured
// endpoint). Responses follow the EC2/S3 API reference shapes used by the fuzz corpus.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aws/http.h"
#include "aws/request.h"
#include "cloud/aws/aws_cloud.h"

namespace cloud::aws::testing {

struct FakeInstance {
  std::string id;
  std::string type;
  std::string zone;
  std::string state = "running";
  bool spot = false;
  std::string token;
  std::map<std::string, std::string> tags;
  std::string launch_time = "2026-01-01T01:00:00.000Z";
};

struct FakeCall {
  std::string host;
  std::string operation;                      // EC2/JSON action, or "S3 GET"/"S3 PUT"/"S3 LIST"
  std::map<std::string, std::string> params;  // EC2 form parameters
  std::string url;
  std::string body;
};

class FakeAws : public ::aws::HttpClient {
 public:
  util::Expected<::aws::HttpResponse> Send(const ::aws::HttpRequest& request) override;

  std::vector<FakeCall> calls;
  std::vector<FakeInstance> instances;
  std::map<std::string, std::string> objects;  // S3 key -> body (one bucket)
  std::optional<std::string> run_error;        // an EC2 error code for RunInstances
  std::map<std::string, std::string> subnets = {{"subnet-a", "us-east-1a"},
                                                {"subnet-b", "us-east-1b"}};  // id -> AZ
  std::set<std::string> security_groups = {"sg-1", "sg-2"};
  std::set<std::string> key_pairs = {"my-key"};
  std::set<std::string> offered = {"m7i.large", "c7g.xlarge"};  // in the region
  double quota = 32;       // every quota code but standard spot
  double spot_quota = 16;  // L-34B43A08
  int buckets_created = 0;
  std::string lifecycle;             // the last PutBucketLifecycleConfiguration body
  size_t describe_page_size = 1000;  // DescribeInstances items per page
  int next_id = 1;
  // IAM: roles with their inline policies (name -> document), instance profiles with their
  // roles, the actions answered AccessDenied, and a concurrent creator: a Create answers
  // EntityAlreadyExists after making the entity itself (the other run's).
  std::map<std::string, std::map<std::string, std::string>> roles;
  std::map<std::string, std::vector<std::string>> instance_profiles;
  std::set<std::string> iam_denied;
  bool iam_race = false;

  std::vector<FakeCall> Calls(const std::string& operation) const;
  std::vector<std::string> Operations() const;  // every call's, in order

 private:
  ::aws::HttpResponse Iam(const FakeCall& call);
};

// Services whose callers all go to a FakeAws with fixed test credentials and clock.
class FakeServices : public Services {
 public:
  FakeServices(FakeAws* fake, util::TimePoint now) : fake_(fake), now_(now) {}
  util::Expected<::aws::Caller> For(::aws::Service service, const std::string& region) override;
  util::TimePoint Now() override { return now_; }

  bool configured_endpoints = false;  // as if --endpoint-url named the fake's hosts

 private:
  FakeAws* fake_;
  util::TimePoint now_;
  ::aws::StaticCredentialsProvider credentials_{
      {::aws::Secret("AKIDTESTKEY0000000000"),
       ::aws::Secret("TESTSECRETtestsecretTESTSECRET0000000000"), ::aws::Secret("TESTSESSIONTOKEN"),
       std::nullopt}};
};

inline constexpr char kTestSecret[] = "TESTSECRETtestsecretTESTSECRET0000000000";

}  // namespace cloud::aws::testing
