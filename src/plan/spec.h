#pragma once
// CampaignSpec: everything the user asked for. Built by cli/ from flags, stored
// verbatim in the plan JSON, and the only input of the planner besides the catalog.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/suite.h"
#include "catalog/quota_key.h"
#include "plan/durations.h"
#include "util/time.h"

namespace plan {

// Upper bound of every USD amount in a spec or plan: far above any real campaign, low
// enough that 6 decimals survive a write/load round trip through a double.
inline constexpr double kMaxUsd = 1e9;

// The market and the quota key are catalog's (catalog/quota_key.h), shared with exec and cloud.
using Market = catalog::Market;
using QuotaKey = catalog::QuotaKey;
using catalog::ToString;

// Where a vCPU quota of the spec came from: AWS's documented new-account default, the user's
// --vcpu-quota, or the account itself (Service Quotas, asked by the backend before planning).
enum class QuotaSource { kDefault, kFlag, kAccount };
const char* ToString(QuotaSource source);  // "default", "--vcpu-quota", "account"
std::optional<QuotaSource> QuotaSourceFromText(std::string_view text);

struct CostModel {
  double spot_price_ratio = 0.35;  // planning estimate of spot / on-demand (docs/planning.md)
  double root_volume_gib = 16;     // gp3 root volume per instance
  bool public_ipv4 = true;         // instances get a public IPv4 address
  int64_t boot_overhead_s = 180;   // launch to agent start, billed
  int64_t minimum_billing_s = 60;  // EC2 per-second billing minimum per launch
  int64_t max_session_s = int64_t{4} * 3600;  // cap on jobs run back to back on one instance
};

struct Spec {
  std::vector<std::string> instance_families{"m7i", "c7g", "r7a"};
  std::vector<std::string> instance_types;
  std::vector<std::string> benchmarks{"stream", "hpl", "micro"};
  std::vector<std::string> regions{"us-east-1"};
  std::vector<std::string> sizes{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge"};
  int max_daily_jobs = 30;
  int max_concurrent = 5;
  bool benchmark_rotation = true;
  bool instance_size_waves = true;
  bool enable_spot = true;
  util::TimePoint start{};  // first instant of the campaign (cli fills it)
  int days = 7;
  std::optional<std::string> timezone;  // overrides every region's own zone
  std::optional<double> max_cost_usd;
  int iterations = 10;
  uint64_t seed = 1;
  // vCPU quota per (class, market), applied in every region. Missing keys use
  // the documented defaults (plan/quota.h).
  std::map<QuotaKey, int> vcpu_quotas;
  // Where each quota came from (plan/quota.h); the planner fills in a source for every
  // quota it writes, so that a plan says which quotas are the account's own.
  std::map<QuotaKey, QuotaSource> vcpu_quota_sources;
  // Instance types a region does not offer, by region, with the reason (the backend's
  // account facts, asked before planning): their jobs are unscheduled with that reason.
  std::map<std::string, std::map<std::string, std::string>> not_offered;
  CostModel cost;
  // Per-variant corrections learned from measured runs (--durations); empty: the model alone.
  DurationCorrections duration_corrections;
  // Custom benchmark suites (--suite FILE, docs/custom-suites.md): every benchmark of each is
  // planned on the types that meet its requirements. The plan carries them, so that `run`,
  // `resume` and the agent need no file. Written only when present (older plans load).
  std::vector<bench::Suite> suites;
};

}  // namespace plan
