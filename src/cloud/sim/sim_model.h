#pragma once
// The sim backend's model of one instance: a pure function of the seed, the launch request
// and the times the controller acted. Every random draw is a hash of the seed and stable
// names (session, attempt, job, zone), never of call order, so a controller that crashes and
// resumes sees exactly the cloud an uninterrupted controller would have seen.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/provider.h"

namespace cloud::sim {

struct SimConfig {
  uint64_t seed = 1;
  double capacity_error_rate = 0;
  double interruption_rate = 0;
  double throttle_rate = 0;
  double agent_failure_rate = 0;
  int zones_per_region = 3;
  double spot_price_ratio = 0.35;  // the plan's cost-model ratio; the sim's prices are not real
  // RunInstances starts the instance but its reply is lost: the caller sees a transient
  // error (as on a dropped connection) and does not know whether anything was launched.
  double lost_reply_rate = 0;
  // EC2's eventual consistency: this share of new instances is missing from every Describe
  // for their first `describe_lag_s` seconds.
  double describe_lag_rate = 0;
  int64_t describe_lag_s = 0;
};

// A uniform draw in [0, 1) named by the seed and `parts`.
double Draw(uint64_t seed, std::initializer_list<std::string_view> parts);
uint64_t HashOf(uint64_t seed, std::initializer_list<std::string_view> parts);

struct SimInstance {
  std::string id;
  std::string client_token;
  std::string campaign;
  std::string session;
  int attempt = 0;
  std::string region;
  std::string zone;
  std::string market;
  std::string instance_type;
  int vcpus = 0;
  std::string quota_class;
  int64_t launched_at = 0;
  int64_t deadline = 0;
  std::optional<int64_t> terminate_at;  // when TerminateInstances was called
  std::vector<JobSpec> jobs;
  std::map<std::string, std::string> tags;  // as the launch request gave them
};

struct SimJobRun {
  std::string job;
  int64_t start = 0;
  int64_t end = 0;     // when the result appears
  std::string status;  // ok, failed, interrupted
  std::string reason;
};

// Everything that happens to an instance, derived from SimInstance.
struct Timeline {
  int64_t running_at = 0;  // boot done
  std::optional<int64_t> interruption_notice;
  int64_t shutting_down_at = 0;
  int64_t terminated_at = 0;
  std::string end_reason;       // completed, interrupted, deadline, terminated
  std::vector<SimJobRun> runs;  // jobs that produced a result, in order
};

inline constexpr int64_t kInterruptionWarningS = 120;  // EC2's two-minute notice
inline constexpr int64_t kShutdownS = 20;              // shutting-down -> terminated

Timeline ComputeTimeline(const SimConfig& config, const SimInstance& instance);
InstanceState StateAt(const Timeline& timeline, int64_t now);

}  // namespace cloud::sim
