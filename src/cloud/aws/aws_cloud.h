#pragma once
// The aws backend's Provider: the executor's calls mapped onto EC2, S3, SSM and Service
// Quotas through the src/aws clients (docs/aws.md). Errors keep the class src/aws gave
// them (capacity, quota, throttling, fatal, eventual consistency, transient).
//
// Launch: RunInstances with the journal's ClientToken, tags at launch on the instance and
// its volumes, IMDSv2 required, shutdown = terminate, a gp3 root deleted with the
// instance, one-time spot, the subnet of the request's zone, the instance profile, and
// user-data that runs the session's jobs and uploads each result, by the instance's role
// (`aws s3 cp`, keys only) or with --presigned-urls by presigned URL (cloud/aws/user_data.h).
// FetchResults: the attempt's S3 prefix, new keys only, each document validated against
// the result schema before it is returned.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aws/ec2.h"
#include "aws/endpoints.h"
#include "aws/request.h"
#include "cloud/aws/aws_setup.h"
#include "cloud/aws/cost.h"
#include "cloud/provider.h"

namespace cloud::aws {

// A signed caller per (service, region): the real one resolves endpoints and credentials
// the way the AWS CLI does; tests give fakes.
class Services {
 public:
  virtual ~Services() = default;
  virtual util::Expected<::aws::Caller> For(::aws::Service service, const std::string& region) = 0;
  virtual util::TimePoint Now() = 0;
};

class AwsCloud : public Provider {
 public:
  AwsCloud(AwsSetup setup, std::unique_ptr<Services> services);

  std::vector<std::string> Zones(const std::string& region) override;
  util::Expected<std::string> Launch(const LaunchRequest& request) override;
  util::Expected<std::vector<InstanceInfo>> Describe(const std::string& region,
                                                     const std::vector<std::string>& ids) override;
  util::Expected<std::vector<InstanceInfo>> DescribeByTag(const std::string& region,
                                                          const std::string& key,
                                                          const std::string& value) override;
  util::Status Terminate(const std::string& region, const std::vector<std::string>& ids) override;
  util::Expected<std::vector<ResultDoc>> FetchResults(
      const std::string& campaign, const std::string& session, int attempt,
      const std::set<std::string>& known_jobs) override;
  util::Expected<double> SpotPrice(const std::string& instance_type,
                                   const std::string& zone) override;
  util::Expected<int> QuotaHeadroom(const std::string& region, const std::string& quota_class,
                                    const std::string& market) override;
  // CostOfInstance at the plan's on-demand price; nullopt when AWS cannot say (the call
  // failed, or a spot attempt has no price history), and the executor bills the plan's price.
  std::optional<double> ActualCostUsd(const AttemptBill& bill) override;
  bool simulated() const override { return false; }

  // What one attempt's instance really cost (cloud/aws/cost.h): its launch time from EC2,
  // `ended_at` from the journal, the spot price history of its AZ over the stay (EC2
  // includes the price in force at the start), its root volume and public IPv4.
  util::Expected<ActualCost> CostOfInstance(const std::string& region,
                                            const std::string& instance_id,
                                            util::TimePoint ended_at, double on_demand_usd_per_hour,
                                            int root_gib);

  const AwsSetup& setup() const { return setup_; }

 private:
  util::Expected<::aws::Caller> Caller(::aws::Service service, const std::string& region);
  std::string RegionOfZone(const std::string& zone) const;
  util::Expected<std::string> SubnetFor(const LaunchRequest& request) const;
  util::Expected<::aws::ec2::InstanceTypeInfo> TypeInfo(const std::string& region,
                                                        const std::string& instance_type);
  util::Expected<ImageChoice> ImageFor(const std::string& region, const std::string& arch);
  util::Expected<std::string> UserDataFor(const LaunchRequest& request, const std::string& arch);
  util::Expected<ResultDoc> ReadResult(const ::aws::Caller& s3, const std::string& key,
                                       const std::string& job);

  AwsSetup setup_;
  std::unique_ptr<Services> services_;
  std::map<std::string, ::aws::ec2::InstanceTypeInfo> types_;  // by region/type
  // The instance that ran each attempt's objects, for ResultDoc::instance_id.
  std::map<std::string, std::string> instance_by_prefix_;
};

// EC2's view of an instance in the Provider's terms (market from instanceLifecycle,
// ended_at once terminated, interruption from the state reason).
InstanceInfo ToInstanceInfo(const ::aws::ec2::Instance& instance, const std::string& region,
                            std::optional<util::TimePoint> observed_at);

}  // namespace cloud::aws
