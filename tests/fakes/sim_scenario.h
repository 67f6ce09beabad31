#pragma once
// Generated campaigns for the executor's tests, the crash test and the perf benchmark: a
// journal snapshot shaped like a planner's output (windows, sessions packed into lanes
// under every cap) without depending on the planner. Prices here are test inputs, not
// facts about AWS.

#include <cstdint>
#include <string>

#include "cloud/sim/sim_cloud.h"
#include "store/records.h"

namespace fakes {

struct ScenarioOptions {
  uint64_t seed = 1;
  int days = 2;
  int max_daily_jobs = 30;
  int max_concurrent = 5;
  int target_jobs = 40;
  bool size_waves = true;
  // Lanes of every wave in one window even with size_waves on: a plan that breaks the wave
  // rules, so that only the executor's run-time gates keep the waves apart.
  bool mixed_wave_lanes = false;
  int standard_quota_vcpus = 0;  // 0: no quota row
  double max_cost_usd = 0;       // 0: no budget
  int64_t max_job_s = 1800;
  cloud::sim::SimConfig sim;
};

struct Scenario {
  store::Snapshot snapshot;
  cloud::sim::SimSetup setup;
};

Scenario MakeScenario(const ScenarioOptions& options);

}  // namespace fakes
