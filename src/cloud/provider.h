#pragma once
// The Provider interface: the only way the executor touches a cloud. Shaped after EC2
// (RunInstances with a ClientToken, DescribeInstances by id or tag, TerminateInstances,
// results uploaded by the agent) so that the aws backend plugs in unchanged.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/expected.h"
#include "util/time.h"

namespace cloud {

enum class InstanceState { kPending, kRunning, kShuttingDown, kTerminated, kStopped };
const char* ToString(InstanceState state);

// One job the instance's agent runs, in order.
struct JobSpec {
  std::string id;
  std::string benchmark;
  int64_t estimated_duration_s = 0;
};

struct LaunchRequest {
  std::string campaign;
  std::string session;
  int attempt = 0;
  std::string region;
  std::string instance_type;
  int vcpus = 0;  // counted against the quota class (EC2 knows it from the type)
  std::string quota_class;
  std::string market;  // "spot" or "on-demand"
  std::string zone;    // availability zone (or subnet's zone)
  // Idempotency: a second Launch with the same token returns the first instance and never
  // starts another one (EC2 RunInstances ClientToken semantics).
  std::string client_token;
  std::map<std::string, std::string> tags;  // abc:campaign, abc:session, abc:attempt, ...
  std::vector<JobSpec> payload;
  // The custom benchmark suites (bench::SuiteToJson, with the folder their files are in on
  // this machine) that jobs of the payload belong to; the instance's agent gets each with
  // its files (docs/custom-suites.md).
  std::vector<std::string> suites;
  // The instance shuts itself down at this instant whatever happens (failsafe).
  util::TimePoint deadline{};
};

struct InstanceInfo {
  std::string id;
  std::string client_token;
  std::string region;
  std::string zone;
  std::string market;
  std::string instance_type;
  InstanceState state = InstanceState::kPending;
  util::TimePoint launched_at{};
  std::optional<util::TimePoint> ended_at;             // set once terminated
  std::optional<util::TimePoint> interruption_notice;  // spot instance-action time
  std::map<std::string, std::string> tags;
};

// One document uploaded by the agent for one job.
struct ResultDoc {
  std::string job;
  std::string instance_id;
  std::string status;  // ok, failed, skipped, interrupted
  std::string reason;
  util::TimePoint started_at{};
  util::TimePoint ended_at{};
  std::string json;
};

// One ended attempt, as the executor bills it (exec/poll.cc, FinishAttempt).
struct AttemptBill {
  std::string region;
  std::string instance_id;
  util::TimePoint ended_at{};
  double on_demand_usd_per_hour = 0;  // the plan's on-demand price of the type
};

class Provider {
 public:
  virtual ~Provider() = default;
  // The zones to try in a region, in order (AZ failover).
  virtual std::vector<std::string> Zones(const std::string& region) = 0;
  // Errors carry a class (capacity, quota, throttling, fatal) and the provider's code.
  virtual util::Expected<std::string> Launch(const LaunchRequest& request) = 0;
  virtual util::Expected<std::vector<InstanceInfo>> Describe(
      const std::string& region, const std::vector<std::string>& ids) = 0;
  virtual util::Expected<std::vector<InstanceInfo>> DescribeByTag(const std::string& region,
                                                                  const std::string& key,
                                                                  const std::string& value) = 0;
  virtual util::Status Terminate(const std::string& region,
                                 const std::vector<std::string>& ids) = 0;
  // Results uploaded so far for one attempt's instance (none yet, or never, is normal),
  // except those of `known_jobs`: like listing the bucket and GETting only new keys.
  virtual util::Expected<std::vector<ResultDoc>> FetchResults(
      const std::string& campaign, const std::string& session, int attempt,
      const std::set<std::string>& known_jobs) = 0;
  virtual util::Expected<double> SpotPrice(const std::string& instance_type,
                                           const std::string& zone) = 0;
  // vCPUs that can still be launched in (quota class, market) in a region.
  virtual util::Expected<int> QuotaHeadroom(const std::string& region,
                                            const std::string& quota_class,
                                            const std::string& market) = 0;
  // When the provider knows that nothing changes before some instant (the sim does), the
  // executor may sleep until then instead of polling; nullopt means "poll".
  virtual std::optional<util::TimePoint> NextChange() { return std::nullopt; }
  // What the cloud really billed for the attempt, when it can say: aws does (per-second
  // billing, the AZ's spot price history, EBS and IPv4: cloud/aws/cost.h). nullopt: the
  // attempt is billed at the plan's price of its market, the one rule of the executor
  // (exec::BilledUsd), which is what the sim bills and, at price 0, what local costs.
  virtual std::optional<double> ActualCostUsd(const AttemptBill&) { return std::nullopt; }
  // Whether results carry measured numbers (local, aws) or logistics only (sim).
  virtual bool simulated() const = 0;
};

}  // namespace cloud
