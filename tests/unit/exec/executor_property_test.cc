// Invariants of execution (ARCHITECTURE.md, invariants 2 and 4) checked over many seeds and fault
// rates, from the journal file and the sim cloud's own state file, not from the executor.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "cloud/sim/sim_cloud.h"
#include "harness.h"
#include "store/journal.h"

namespace exec {
namespace {

struct Interval {
  int64_t start;
  int64_t end;
  std::string region;
  std::string key;  // quota class/market
  int vcpus;
  std::string type;
};

// The size wave of an instance type, from the size after the dot (written here, not taken
// from the catalog code under test): large and smaller 1, xlarge 2, 2xlarge 3, larger 4.
int WaveOf(const std::string& type) {
  std::string size = type.substr(type.find('.') + 1);
  if (size == "xlarge") return 2;
  if (size == "2xlarge") return 3;
  if (size.find("xlarge") != std::string::npos) return 4;
  return 1;
}

// With size waves on: never two waves, nor two instances of one type, at once in a region.
void CheckWavesAtRunTime(const std::vector<Interval>& running) {
  for (size_t i = 0; i < running.size(); ++i) {
    for (size_t j = i + 1; j < running.size(); ++j) {
      const Interval& a = running[i];
      const Interval& b = running[j];
      bool overlap = a.region == b.region && a.start < b.end && b.start < a.end;
      if (!overlap) continue;
      EXPECT_EQ(WaveOf(a.type), WaveOf(b.type)) << a.type << " and " << b.type << " overlap";
      EXPECT_NE(a.type, b.type) << "two " << a.type << " at once";
    }
  }
}

// The largest sum of `weight` over intervals alive at one instant (sweep line).
template <typename Weight>
int PeakOverlap(const std::vector<Interval>& intervals, Weight weight) {
  std::vector<std::pair<int64_t, int>> edges;
  for (const auto& interval : intervals) {
    edges.push_back({interval.start, weight(interval)});
    edges.push_back({interval.end, -weight(interval)});
  }
  std::sort(edges.begin(), edges.end());  // an end sorts before a start at the same instant
  int current = 0, peak = 0;
  for (const auto& edge : edges) peak = std::max(peak, current += edge.second);
  return peak;
}

// How often each fault path ran, over all cases: a property test whose faults never fire
// proves nothing.
struct Coverage {
  int interrupted = 0, launch_errors = 0, fallbacks = 0, replaced = 0, unscheduled = 0,
      agent_failures = 0, deadline = 0, adopted = 0, lost = 0, lost_replies = 0, lagging = 0;
};

void CheckInvariants(const fakes::ScenarioOptions& options, const testing::RunFiles& files,
                     Coverage& coverage) {
  SCOPED_TRACE("seed " + std::to_string(options.seed));
  auto journal = store::Journal::Open(files.journal);
  ASSERT_TRUE(journal) << journal.error().message;
  auto snap = journal->Load();
  ASSERT_TRUE(snap);
  cloud::sim::SimConfig config = options.sim;
  config.seed = options.seed;  // as MakeScenario sets it
  auto history = cloud::sim::SimCloud::History(files.sim, config);
  ASSERT_TRUE(history) << history.error().message;

  std::map<std::string, store::WindowRow> windows;
  for (const auto& w : snap->windows) windows[w.id] = w;
  std::map<std::string, store::AttemptRow> by_token;
  for (const auto& a : snap->attempts) by_token[a.client_token] = a;

  std::vector<Interval> running;
  std::map<std::string, std::set<std::string>> jobs_by_day;
  std::set<std::string> tokens;
  double sim_cost = 0;
  for (const auto& entry : *history) {
    const auto& in = entry.instance;
    // Hidden from Describe at first (the sim's own draw, counted only to show the fault ran).
    coverage.lagging += cloud::sim::Draw(options.seed, {"describe-lag", in.client_token}) <
                        options.sim.describe_lag_rate;
    EXPECT_TRUE(tokens.insert(in.client_token).second) << "token launched twice";
    ASSERT_TRUE(by_token.count(in.client_token)) << "instance without a journal attempt";
    const store::AttemptRow& attempt = by_token[in.client_token];
    EXPECT_EQ(attempt.instance_id, in.id);
    EXPECT_EQ(attempt.state, store::AttemptState::kEnded)
        << "campaign over but attempt not settled";
    // Runs only inside a window: some window holds the whole running time.
    bool inside = false;
    std::string day;
    for (const auto& [id, w] : windows) {
      if (w.start <= in.launched_at && entry.timeline.shutting_down_at <= w.end) {
        inside = true;
        day = w.day;
      }
    }
    EXPECT_TRUE(inside) << in.id << " ran outside every window";
    for (const auto& job : in.jobs) jobs_by_day[day].insert(job.id);
    running.push_back({in.launched_at, entry.timeline.shutting_down_at, in.region,
                       in.quota_class + "/" + in.market, in.vcpus, in.instance_type});
    sim_cost += (attempt.usd_per_hour + 0.005) *
                static_cast<double>(std::max<int64_t>(entry.timeline.terminated_at - in.launched_at,
                                                      snap->campaign.minimum_billing_s)) /
                3600.0;
  }
  EXPECT_LE(PeakOverlap(running, [](const Interval&) { return 1; }), options.max_concurrent);
  if (options.size_waves) CheckWavesAtRunTime(running);
  for (const auto& q : snap->quotas) {
    std::string key = q.quota_class + "/" + q.market;
    EXPECT_LE(PeakOverlap(running, [&](const Interval& i) { return i.key == key ? i.vcpus : 0; }),
              q.vcpus)
        << key;
  }
  for (const auto& [day, jobs] : jobs_by_day) {
    EXPECT_LE(static_cast<int>(jobs.size()), options.max_daily_jobs) << day;
  }
  double journal_cost = 0;
  for (const auto& a : snap->attempts) journal_cost += a.cost_usd;
  EXPECT_NEAR(journal_cost, sim_cost, 1e-6);
  if (options.max_cost_usd > 0) {
    EXPECT_LE(journal_cost, options.max_cost_usd);
  }

  for (const auto& a : snap->attempts) {
    coverage.interrupted += a.outcome == store::AttemptOutcome::kInterrupted;
    coverage.launch_errors += a.outcome == store::AttemptOutcome::kLaunchError;
    coverage.deadline += a.outcome == store::AttemptOutcome::kDeadline;
    coverage.lost += a.outcome == store::AttemptOutcome::kLost;
  }
  for (const auto& s : snap->sessions) coverage.fallbacks += s.fell_back_to_on_demand;
  auto events = journal->Events();
  ASSERT_TRUE(events);
  for (const auto& e : *events) {
    coverage.replaced += e.kind == "replaced";
    coverage.adopted += e.kind == "reconciled";
    coverage.lost_replies +=
        e.kind == "launch-error" && e.detail.find("RequestTimeout") != std::string::npos;
  }
  for (const auto& j : snap->jobs) {
    coverage.unscheduled += j.state == store::JobState::kUnscheduled;
    coverage.agent_failures += j.reason == "agent failure (simulated)";
  }
  std::map<std::string, int> final_results;
  for (const auto& r : snap->results) {
    if (r.status != store::ResultStatus::kInterrupted) ++final_results[r.job];
    EXPECT_EQ(r.sha256.size(), 64u);
  }
  for (const auto& job : snap->jobs) {
    EXPECT_TRUE(job.state == store::JobState::kSucceeded || job.state == store::JobState::kFailed ||
                job.state == store::JobState::kUnscheduled)
        << job.id << " left " << store::ToString(job.state);
    if (job.state != store::JobState::kSucceeded) {
      EXPECT_FALSE(job.reason.empty()) << job.id;
    }
    EXPECT_LE(final_results[job.id], 1) << job.id << " has two final results";
    if (job.state == store::JobState::kSucceeded) {
      EXPECT_EQ(final_results[job.id], 1) << job.id;
    }
  }
}

struct FaultCase {
  double capacity, interruption, throttle, agent;
  double lost_reply, describe_lag;  // rates; a lagging instance is hidden for 200 s
};

TEST(ExecutorProperty, NoConstraintBrokenOverSeedsAndFaultRates) {
  const std::vector<FaultCase> faults = {{0, 0, 0, 0, 0, 0},
                                         {0.2, 0.2, 0.1, 0.05, 0.2, 0.3},
                                         {0.6, 0.5, 0.3, 0.2, 0.4, 0.6},
                                         {0.05, 0.9, 0, 0, 0, 0}};
  int runs = 0;
  Coverage coverage;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    for (const FaultCase& f : faults) {
      fakes::ScenarioOptions o;
      o.seed = seed * 7919 + static_cast<uint64_t>(runs);
      o.days = 2 + static_cast<int>(seed % 3);
      o.max_daily_jobs = 10 + static_cast<int>(seed % 4) * 25;  // up to windows bound by time
      o.max_concurrent = 1 + static_cast<int>(seed % 6);
      o.target_jobs = 25 + static_cast<int>(seed * 5);
      o.size_waves = seed % 2 == 0;
      o.mixed_wave_lanes = seed % 4 == 2;
      o.standard_quota_vcpus = seed % 3 == 0 ? 16 : 0;
      o.max_cost_usd = seed % 4 == 1 ? 2.0 : 0;
      o.sim = {0, f.capacity, f.interruption, f.throttle,     f.agent,
               3, 0.35,       f.lost_reply,   f.describe_lag, 200};
      auto files = testing::TempFiles("prop" + std::to_string(runs));
      auto scenario = fakes::MakeScenario(o);
      // The billing rule is the journal's (the plan's), whatever it is.
      scenario.snapshot.campaign.minimum_billing_s = 60 + 240 * static_cast<int64_t>(seed % 3);
      auto outcome = testing::RunScenario(scenario, files);
      ASSERT_TRUE(outcome) << outcome.error().message;
      EXPECT_EQ(*outcome, RunOutcome::kCompleted);
      CheckInvariants(o, files, coverage);
      std::filesystem::remove_all(files.dir);
      ++runs;
    }
  }
  EXPECT_EQ(runs, 48);
  EXPECT_GT(coverage.interrupted, 10);
  EXPECT_GT(coverage.launch_errors, 10);
  EXPECT_GT(coverage.fallbacks, 5);
  EXPECT_GT(coverage.replaced, 0);
  EXPECT_GT(coverage.unscheduled, 0);
  EXPECT_GT(coverage.agent_failures, 5);
  EXPECT_GT(coverage.lost_replies, 10);
  EXPECT_GT(coverage.lagging, 10);
  // A lagging instance is hidden for less than the grace: none may be declared lost.
  EXPECT_EQ(coverage.lost, 0);
  std::printf(
      "coverage: %d interrupted, %d launch errors, %d fallbacks, %d re-placed, "
      "%d unscheduled, %d agent failures, %d deadline cuts, %d adopted, %d lost replies, "
      "%d lagging\n",
      coverage.interrupted, coverage.launch_errors, coverage.fallbacks, coverage.replaced,
      coverage.unscheduled, coverage.agent_failures, coverage.deadline, coverage.adopted,
      coverage.lost_replies, coverage.lagging);
}

}  // namespace
}  // namespace exec
