#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cloud/sim/sim_cloud.h"

#include "harness.h"
#include "store/journal.h"

namespace exec {
namespace {

TEST(Executor, CompletesACleanCampaign) {
  fakes::ScenarioOptions o;
  o.seed = 5;
  auto scenario = fakes::MakeScenario(o);
  auto files = testing::TempFiles("clean");
  auto outcome = testing::RunScenario(scenario, files);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(*outcome, RunOutcome::kCompleted);
  auto snap = store::Journal::Open(files.journal)->Load();
  for (const auto& job : snap->jobs) EXPECT_EQ(job.state, store::JobState::kSucceeded) << job.id;
  EXPECT_EQ(snap->campaign.status, store::CampaignStatus::kCompleted);
  std::filesystem::remove_all(files.dir);
}

// With an API rate far below what the campaign wants, a call the token bucket refuses must
// wait only until a token is back, not until the next instance event: every session still
// launches within seconds of being due.
TEST(Executor, RateLimitedLaunchesWaitForATokenNotForTheNextEvent) {
  fakes::ScenarioOptions o;
  o.seed = 9;
  o.max_concurrent = 8;
  o.target_jobs = 80;
  o.max_daily_jobs = 200;  // room for several lanes per window
  o.size_waves = false;
  auto scenario = fakes::MakeScenario(o);
  // Each lane's first session becomes due at its window's start: all lanes at once.
  std::map<std::string, int64_t> window_start;
  for (const auto& w : scenario.snapshot.windows) window_start[w.id] = w.start;
  for (auto& session : scenario.snapshot.sessions) {
    if (session.planned_start - window_start[session.window] <= 600) {
      session.planned_end -= session.planned_start - window_start[session.window];
      session.planned_start = window_start[session.window];
    }
  }
  auto files = testing::TempFiles("rate");
  Options options;
  options.api_calls_per_second = 0.5;
  options.api_burst = 1;
  auto outcome = testing::RunScenario(scenario, files, nullptr, options);
  ASSERT_TRUE(outcome) << outcome.error().message;
  auto snap = store::Journal::Open(files.journal)->Load();
  ASSERT_TRUE(snap);
  std::map<std::string, int64_t> due;
  for (const auto& session : snap->sessions) due[session.id] = session.planned_start;
  int bunched = 0;  // sessions due at the same instant as another: the bucket must bind
  std::map<int64_t, int> due_count;
  for (const auto& [id, at] : due) ++due_count[at];
  for (const auto& [at, n] : due_count) bunched += n > 1 ? n : 0;
  EXPECT_GE(bunched, 4) << "the scenario does not stress the bucket";
  for (const auto& attempt : snap->attempts) {
    if (attempt.number != 1) continue;
    // Two tokens per launch at most (the launch and one poll), 2 s apart at 0.5 calls/s.
    EXPECT_LE(attempt.intent_at - due[attempt.session], 4 * o.max_concurrent + 2)
        << attempt.session;
  }
  if (!HasFailure()) std::filesystem::remove_all(files.dir);  // kept for inspection
}

// Size waves at run time, on a plan that breaks them (every wave's lanes in each window):
// a session never launches while a session of a smaller wave in its region is due and has
// not launched yet. Wave overlap itself is checked by the property test.
TEST(Executor, SmallerSizeWaveLaunchesFirstAtRunTime) {
  fakes::ScenarioOptions o;
  o.seed = 21;
  o.days = 1;
  o.max_concurrent = 6;
  o.max_daily_jobs = 60;
  o.target_jobs = 40;
  o.size_waves = true;
  o.mixed_wave_lanes = true;
  auto scenario = fakes::MakeScenario(o);
  auto files = testing::TempFiles("waves");
  auto outcome = testing::RunScenario(scenario, files);
  ASSERT_TRUE(outcome) << outcome.error().message;
  auto snap = store::Journal::Open(files.journal)->Load();
  ASSERT_TRUE(snap);
  auto wave = [](const std::string& type) {  // sizes of the generated scenario only
    return type.find(".large") != std::string::npos     ? 1
           : type.find(".xlarge") != std::string::npos  ? 2
           : type.find(".2xlarge") != std::string::npos ? 3
                                                        : 4;
  };
  std::map<std::string, int64_t> first_intent;
  for (const auto& attempt : snap->attempts)
    first_intent.try_emplace(attempt.session, attempt.intent_at);
  int checked = 0;
  for (const auto& later : snap->sessions) {
    if (!first_intent.count(later.id)) continue;
    int64_t launched = first_intent[later.id];
    for (const auto& smaller : snap->sessions) {
      if (wave(smaller.instance_type) >= wave(later.instance_type)) continue;
      if (smaller.planned_start > launched || smaller.window != later.window) continue;
      ++checked;
      ASSERT_TRUE(first_intent.count(smaller.id)) << smaller.id << " never launched";
      EXPECT_LE(first_intent[smaller.id], launched)
          << smaller.instance_type << " " << smaller.id << " was due but " << later.instance_type
          << " " << later.id << " launched first";
    }
  }
  EXPECT_GT(checked, 5) << "the scenario never had two waves due at once";
  if (!HasFailure()) std::filesystem::remove_all(files.dir);
}

// The sim cloud, except that the first launch fails for lack of capacity.
class FirstLaunchFails : public cloud::Provider {
 public:
  explicit FirstLaunchFails(cloud::Provider& inner) : inner_(inner) {}
  std::vector<std::string> Zones(const std::string& region) override {
    return inner_.Zones(region);
  }
  util::Expected<std::string> Launch(const cloud::LaunchRequest& request) override {
    if (launches_++ == 0) {
      return util::MakeError(util::ErrorClass::kCapacity, "no capacity (test)",
                             "InsufficientInstanceCapacity");
    }
    return inner_.Launch(request);
  }
  util::Expected<std::vector<cloud::InstanceInfo>> Describe(
      const std::string& region, const std::vector<std::string>& ids) override {
    return inner_.Describe(region, ids);
  }
  util::Expected<std::vector<cloud::InstanceInfo>> DescribeByTag(
      const std::string& region, const std::string& key, const std::string& value) override {
    return inner_.DescribeByTag(region, key, value);
  }
  util::Status Terminate(const std::string& region, const std::vector<std::string>& ids) override {
    return inner_.Terminate(region, ids);
  }
  util::Expected<std::vector<cloud::ResultDoc>> FetchResults(
      const std::string& campaign, const std::string& session, int attempt,
      const std::set<std::string>& known) override {
    return inner_.FetchResults(campaign, session, attempt, known);
  }
  util::Expected<double> SpotPrice(const std::string& type, const std::string& zone) override {
    return inner_.SpotPrice(type, zone);
  }
  util::Expected<int> QuotaHeadroom(const std::string& region, const std::string& quota_class,
                                    const std::string& market) override {
    return inner_.QuotaHeadroom(region, quota_class, market);
  }
  std::optional<util::TimePoint> NextChange() override { return inner_.NextChange(); }
  bool simulated() const override { return true; }

 private:
  cloud::Provider& inner_;
  int launches_ = 0;
};

// A capacity error moves the session to the next zone at once. A session that is already
// due wakes nothing by itself, so without a retry instant the retry waited for whatever
// event came next (hours, when nothing else ran), and sessions missed their window.
TEST(Executor, CapacityErrorRetriesInTheNextZoneWithinSeconds) {
  fakes::ScenarioOptions o;
  o.seed = 3;
  o.max_concurrent = 1;
  o.target_jobs = 2;
  auto scenario = fakes::MakeScenario(o);
  ASSERT_EQ(scenario.snapshot.sessions.size(), 1u);
  auto files = testing::TempFiles("capacity");
  auto journal = store::Journal::Create(files.journal, scenario.snapshot);
  ASSERT_TRUE(journal);
  auto sim = cloud::sim::SimCloud::Open(files.sim, scenario.setup, true);
  ASSERT_TRUE(sim);
  FirstLaunchFails provider(**sim);
  Executor executor(*journal, provider, (*sim)->clock(), Options{});
  auto outcome = executor.Run();
  ASSERT_TRUE(outcome) << outcome.error().message;
  auto snap = journal->Load();
  ASSERT_TRUE(snap);
  ASSERT_EQ(snap->attempts.size(), 2u);
  const auto& failed = snap->attempts[0];
  const auto& retry = snap->attempts[1];
  EXPECT_EQ(failed.outcome, store::AttemptOutcome::kLaunchError);
  EXPECT_NE(retry.zone, failed.zone);
  EXPECT_LE(retry.intent_at - failed.intent_at, 2);
  for (const auto& job : snap->jobs) EXPECT_EQ(job.state, store::JobState::kSucceeded) << job.id;
  if (!HasFailure()) std::filesystem::remove_all(files.dir);
}

}  // namespace
}  // namespace exec
