#pragma once
// The plan: windows, sessions (one instance each) and jobs (one benchmark variant on one
// instance type in one region) with exact times, plus every job that could not be placed.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bench/variants.h"
#include "plan/spec.h"
#include "util/time.h"

namespace plan {

// 2: sessions carry rates and size wave; 3: jobs say which duration estimate they use.
inline constexpr int kPlanSchemaVersion = 3;

using Category = bench::Category;  // window focus; the variants' categories (bench/variants.h)
using bench::ToString;

struct Window {
  std::string id;  // "us-east-1/2026-11-30/morning"
  std::string region;
  std::string name;  // "morning", "afternoon", "evening"
  std::string timezone;
  util::TimePoint start{};
  util::TimePoint end{};
  int max_jobs = 0;
  std::vector<Category> focus;
  std::string market_policy;  // "cost-optimized", "balanced", "spot-optimized"
};

struct Job {
  std::string id;
  std::string instance_type;
  std::string benchmark;  // variant name, e.g. "stream-avx512"
  std::string region;
  int priority = 0;     // lower runs first
  std::string session;  // empty while unscheduled
  util::TimePoint start{};
  util::TimePoint end{};
  int64_t estimated_duration_s = 0;
  // Which estimate: the model's, or the model's corrected by measured runs from
  // `estimate_source` (--durations). A plan before schema_version 3 used the model.
  EstimateBasis estimate = EstimateBasis::kModel;
  std::string estimate_source;
  double estimated_cost_usd = 0;
  bool prefer_spot = false;
  std::map<std::string, std::string> tags;
};

struct Session {
  std::string id;
  std::string region;
  std::string instance_type;
  int vcpus = 0;
  std::string quota_class;
  Market market = Market::kOnDemand;
  std::string window;             // Window::id
  util::TimePoint start{};        // launch
  util::TimePoint end{};          // terminate
  std::vector<std::string> jobs;  // Job::id, in run order
  double estimated_cost_usd = 0;
  // What the executor bills and gates the session by, fixed by the planner from the catalog
  // so that a run uses the plan's prices, never a catalog read again (schema_version 2;
  // a version 1 plan lacks them and is refused at import with the remedy).
  double on_demand_usd_per_hour = 0;
  double spot_usd_per_hour = 0;    // the planned estimate: on-demand × spot_price_ratio
  double extras_usd_per_hour = 0;  // gp3 root volume and public IPv4
  int size_wave = 0;               // catalog::SizeWave of the type's size; 0: not known (v1)
};

struct Unscheduled {
  Job job;  // session/start/end unset
  std::string reason;
  std::string remedy;
};

struct Summary {
  int jobs_total = 0;
  int jobs_scheduled = 0;
  int sessions = 0;
  int days_used = 0;
  double estimated_cost_usd = 0;
  double estimated_cost_on_demand_usd = 0;
  double cost_lower_bound_usd = 0;
  double focus_share = 0;  // share of scheduled jobs placed in a window of their focus
};

struct Plan {
  int schema_version = kPlanSchemaVersion;
  Spec spec;
  std::vector<Window> windows;
  std::vector<Session> sessions;
  std::vector<Job> jobs;  // scheduled jobs
  std::vector<Unscheduled> unscheduled;
  Summary summary;
};

}  // namespace plan
