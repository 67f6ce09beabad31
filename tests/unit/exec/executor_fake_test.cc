// The executor's reactions, one at a time, against FakeProvider (not the sim): each launch
// error class, Reconcile, Replace, the budget and quota gates, and the two orphan cases
// (a lost launch reply, an instance Describe misses at first).

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "cloud/tags.h"
#include "exec/campaign_import.h"
#include "exec/executor.h"
#include "exec/strays.h"
#include "fake_provider.h"
#include "store/journal.h"

namespace exec {
namespace {

using std::chrono::seconds;

constexpr int64_t kT0 = 1'800'000'000;  // a window's start
constexpr int64_t kHour = 3600;

store::SessionRow Session(const std::string& id, const std::string& window, int64_t start,
                          const std::string& market = "on-demand") {
  store::SessionRow s;
  s.id = id;
  s.region = "r1";
  s.instance_type = "m7i.large";
  s.vcpus = 2;
  s.quota_class = "standard";
  s.planned_market = market;
  s.market = market;
  s.window = window;
  s.planned_start = start;
  s.planned_end = start + kHour;
  s.on_demand_usd_per_hour = 0.1;
  s.extras_usd_per_hour = 0.005;
  return s;
}

store::JobRow Job(const std::string& id, const std::string& session, const std::string& window) {
  store::JobRow j;
  j.id = id;
  j.session = session;
  j.instance_type = "m7i.large";
  j.benchmark = "stream";
  j.region = "r1";
  j.estimated_duration_s = 600;
  j.window = window;
  return j;
}

// Two windows a day apart, one session of one job in the first.
store::Snapshot OneSession(const std::string& market = "on-demand") {
  store::Snapshot snap;
  snap.campaign.id = "c1";
  snap.campaign.backend = "fake";
  snap.campaign.max_daily_jobs = 100;
  snap.campaign.max_concurrent = 4;
  snap.windows = {
      {"w1", "r1", "night", "UTC", "2027-01-15", kT0, kT0 + 4 * kHour, 50},
      {"w2", "r1", "night", "UTC", "2027-01-16", kT0 + 24 * kHour, kT0 + 28 * kHour, 50}};
  snap.sessions = {Session("s1", "w1", kT0, market)};
  snap.jobs = {Job("j1", "s1", "w1")};
  return snap;
}

class ExecutorFake : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("abc-exec-fake-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  util::Expected<RunOutcome> Run(const store::Snapshot& snap, Options options = {}) {
    auto journal = store::Journal::Create((dir_ / "c.db").string(), snap);
    if (!journal) return journal.error();
    Executor executor(*journal, fake, clock, options);
    return executor.Run();
  }
  // Runs again on the journal of the last Run (a resumed controller).
  util::Expected<RunOutcome> Resume(Options options = {}) {
    auto journal = store::Journal::Open((dir_ / "c.db").string());
    if (!journal) return journal.error();
    Executor executor(*journal, fake, clock, options);
    return executor.Run();
  }
  store::Snapshot Journal() {
    auto journal = store::Journal::Open((dir_ / "c.db").string());
    EXPECT_TRUE(journal);
    auto snap = journal->Load();
    EXPECT_TRUE(snap);
    return *snap;
  }
  std::vector<std::string> EventKinds() {
    std::vector<std::string> kinds;
    auto journal = store::Journal::Open((dir_ / "c.db").string());
    EXPECT_TRUE(journal);
    auto events = journal->Events();
    EXPECT_TRUE(events);
    for (const auto& e : *events) kinds.push_back(e.kind);
    return kinds;
  }
  static int Count(const std::vector<std::string>& list, const std::string& value) {
    return static_cast<int>(std::count(list.begin(), list.end(), value));
  }

  std::filesystem::path dir_;
  cloud::VirtualClock clock{util::FromSeconds(kT0)};
  testing::FakeProvider fake{clock};
};

util::Error Err(util::ErrorClass error_class, const std::string& code) {
  return util::MakeError(error_class, "fake " + code, code);
}

TEST_F(ExecutorFake, CapacityErrorsTryTheNextZoneThenOnDemand) {
  fake.launch_script = {Err(util::ErrorClass::kCapacity, "InsufficientInstanceCapacity"),
                        Err(util::ErrorClass::kCapacity, "InsufficientInstanceCapacity")};
  ASSERT_TRUE(Run(OneSession("spot")));
  ASSERT_EQ(fake.launch_calls.size(), 3u);
  EXPECT_EQ(fake.launch_calls[0].zone, "z1");
  EXPECT_EQ(fake.launch_calls[1].zone, "z2");
  EXPECT_EQ(fake.launch_calls[0].market, "spot");
  EXPECT_EQ(fake.launch_calls[1].market, "spot");
  EXPECT_EQ(fake.launch_calls[2].market, "on-demand");  // after the second spot failure
  EXPECT_NE(fake.launch_calls[0].client_token, fake.launch_calls[1].client_token);
  // Within seconds, not after a capacity backoff: the next zone is tried at once.
  EXPECT_LE(fake.launch_times[2] - fake.launch_times[0], seconds(5));
  auto snap = Journal();
  ASSERT_EQ(snap.attempts.size(), 3u);
  EXPECT_EQ(snap.attempts[0].outcome, store::AttemptOutcome::kLaunchError);
  EXPECT_EQ(snap.attempts[0].error_class, util::ErrorClass::kCapacity);
  EXPECT_TRUE(snap.sessions[0].fell_back_to_on_demand);
  EXPECT_EQ(snap.jobs[0].state, store::JobState::kSucceeded);
}

TEST_F(ExecutorFake, QuotaErrorMakesANewAttemptAfterBackoff) {
  fake.launch_script = {Err(util::ErrorClass::kQuota, "VcpuLimitExceeded")};
  ASSERT_TRUE(Run(OneSession()));
  ASSERT_EQ(fake.launch_calls.size(), 2u);
  EXPECT_NE(fake.launch_calls[0].client_token, fake.launch_calls[1].client_token);
  EXPECT_GE(fake.launch_times[1] - fake.launch_times[0], seconds(1));
  auto snap = Journal();
  EXPECT_EQ(snap.attempts[0].error_class, util::ErrorClass::kQuota);
  EXPECT_EQ(snap.attempts[0].error_code, "VcpuLimitExceeded");
  EXPECT_EQ(snap.jobs[0].state, store::JobState::kSucceeded);
}

TEST_F(ExecutorFake, ThrottlingRetriesWithTheSameToken) {
  fake.launch_script = {Err(util::ErrorClass::kThrottling, "RequestLimitExceeded"),
                        Err(util::ErrorClass::kThrottling, "RequestLimitExceeded")};
  ASSERT_TRUE(Run(OneSession()));
  ASSERT_EQ(fake.launch_calls.size(), 3u);
  EXPECT_EQ(fake.launch_calls[0].client_token, fake.launch_calls[2].client_token);
  EXPECT_EQ(fake.instances.size(), 1u);
  auto snap = Journal();
  ASSERT_EQ(snap.attempts.size(), 1u);
  EXPECT_EQ(snap.attempts[0].outcome, store::AttemptOutcome::kCompleted);
  EXPECT_EQ(snap.jobs[0].tries, 1);
}

TEST_F(ExecutorFake, TransientErrorRetriesWithTheSameToken) {
  fake.launch_script = {Err(util::ErrorClass::kTimeout, "RequestTimeout")};
  ASSERT_TRUE(Run(OneSession()));
  ASSERT_EQ(fake.launch_calls.size(), 2u);
  EXPECT_EQ(fake.launch_calls[0].client_token, fake.launch_calls[1].client_token);
  EXPECT_EQ(Journal().attempts.size(), 1u);
}

TEST_F(ExecutorFake, FatalErrorStopsTheCampaign) {
  store::Snapshot snap = OneSession();
  snap.sessions.push_back(Session("s2", "w1", kT0 + 10));
  snap.jobs.push_back(Job("j2", "s2", "w1"));
  fake.launch_script = {Err(util::ErrorClass::kFatal, "AuthFailure")};
  auto outcome = Run(snap);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(*outcome, RunOutcome::kStopped);
  EXPECT_EQ(fake.launch_calls.size(), 1u);  // nothing launched after the fatal error
  auto after = Journal();
  EXPECT_EQ(after.campaign.status, store::CampaignStatus::kStopped);
  EXPECT_NE(after.campaign.stop_reason.find("fake AuthFailure"), std::string::npos);
}

TEST_F(ExecutorFake, RequestCarriesEveryCampaignTag) {
  ASSERT_TRUE(Run(OneSession()));
  ASSERT_FALSE(fake.launch_calls.empty());
  const auto& tags = fake.launch_calls[0].tags;
  EXPECT_EQ(tags.at(cloud::tag::kCampaign), "c1");
  EXPECT_EQ(tags.at(cloud::tag::kSession), "s1");
  EXPECT_EQ(tags.at(cloud::tag::kAttempt), "1");
  EXPECT_EQ(tags.at(cloud::tag::kExpiresAt),
            util::FormatIso8601Utc(util::FromSeconds(kT0 + 4 * kHour)));
  EXPECT_EQ(tags.at(cloud::tag::kName), "abc s1");
}

// A launch whose reply is lost, then throttled retries until the session no longer fits:
// the instance that did start must be found and adopted, not left running unrecorded.
TEST_F(ExecutorFake, LostReplyIsAdoptedWhenItsIntentGoesStale) {
  store::Snapshot snap = OneSession();
  snap.windows[0].end = kT0 + 1200;  // 300 s boot + 720 s of job: fits at first only
  fake.lose_next_reply = true;
  fake.hidden_for_s = 100;                     // and Describe misses it at first
  fake.launch_script.push_back(std::nullopt);  // the first call starts it, its reply is lost
  for (int i = 0; i < 40; ++i) {
    fake.launch_script.push_back(Err(util::ErrorClass::kThrottling, "RequestLimitExceeded"));
  }
  ASSERT_TRUE(Run(snap));
  ASSERT_EQ(fake.instances.size(), 1u);
  EXPECT_TRUE(fake.Alive().empty()) << "an instance outlived the campaign";
  auto after = Journal();
  ASSERT_EQ(after.attempts.size(), 1u);
  EXPECT_EQ(after.attempts[0].state, store::AttemptState::kEnded);
  EXPECT_EQ(after.attempts[0].instance_id, fake.instances.begin()->first);
  EXPECT_EQ(Count(EventKinds(), "reconciled"), 1);
}

// The retry after a lost reply gets the instance that the first call started: one instance,
// billed from when it really started, not from the retry.
TEST_F(ExecutorFake, LostReplyThenRetryBillsFromTheRealLaunch) {
  fake.lose_next_reply = true;
  ASSERT_TRUE(Run(OneSession()));
  ASSERT_EQ(fake.launch_calls.size(), 2u);
  EXPECT_GT(fake.launch_times[1], fake.launch_times[0]);
  EXPECT_EQ(fake.instances.size(), 1u);
  auto snap = Journal();
  ASSERT_EQ(snap.attempts.size(), 1u);
  EXPECT_EQ(snap.attempts[0].launched_at, kT0);
  EXPECT_NEAR(snap.attempts[0].cost_usd, (0.1 + 0.005) * 600 / 3600, 1e-9);
}

// The journal's billing rule bills a 600 s run as 900 s.
TEST_F(ExecutorFake, BillingRuleComesFromTheJournal) {
  store::Snapshot snap = OneSession();
  snap.campaign.minimum_billing_s = 900;
  ASSERT_TRUE(Run(snap));
  EXPECT_NEAR(Journal().attempts[0].cost_usd, (0.1 + 0.005) * 900 / 3600, 1e-9);
}

// A provider that knows the real bill (aws) overrides the plan's price: the journal keeps
// what the provider said, for the instance that ran, with the session's on-demand price.
TEST_F(ExecutorFake, ProvidersActualCostGoesIntoTheJournal) {
  fake.actual_cost_usd = 0.0123;
  ASSERT_TRUE(Run(OneSession("spot")));
  auto snap = Journal();
  ASSERT_EQ(snap.attempts.size(), 1u);
  EXPECT_DOUBLE_EQ(snap.attempts[0].cost_usd, 0.0123);
  ASSERT_EQ(fake.bills.size(), 1u);
  EXPECT_EQ(fake.bills[0].instance_id, snap.attempts[0].instance_id);
  EXPECT_EQ(fake.bills[0].region, "r1");
  EXPECT_DOUBLE_EQ(fake.bills[0].on_demand_usd_per_hour, 0.1);
  EXPECT_EQ(util::ToSeconds(fake.bills[0].ended_at), snap.attempts[0].ended_at);
}

// Describe misses a fresh instance for two minutes: one miss is not "gone", so the job is
// not run a second time on another instance.
TEST_F(ExecutorFake, DescribeMissIsNotGone) {
  fake.hidden_for_s = 120;
  ASSERT_TRUE(Run(OneSession()));
  EXPECT_EQ(fake.launch_calls.size(), 1u);
  EXPECT_EQ(fake.instances.size(), 1u);
  auto snap = Journal();
  ASSERT_EQ(snap.attempts.size(), 1u);
  EXPECT_EQ(snap.attempts[0].outcome, store::AttemptOutcome::kCompleted);
  EXPECT_EQ(snap.jobs[0].state, store::JobState::kSucceeded);
  EXPECT_EQ(snap.jobs[0].tries, 1);
}

// An instance missing for longer than the grace is declared lost (its job fails: one try
// allowed); when it shows up again, the end-of-run search terminates it.
TEST_F(ExecutorFake, LostInstanceThatReappearsIsTerminated) {
  store::Snapshot snap = OneSession();
  snap.sessions.push_back(Session("s2", "w1", kT0 + kHour));  // keeps the campaign going
  snap.jobs.push_back(Job("j2", "s2", "w1"));
  fake.hidden_for_s = 400;  // longer than the 300 s grace
  fake.hidden_count = 1;    // only s1's instance
  fake.run_s_of_session["s1"] = 3 * kHour;
  Options options;
  options.max_job_tries = 1;
  ASSERT_TRUE(Run(snap, options));
  auto after = Journal();
  ASSERT_EQ(after.attempts.size(), 2u);
  EXPECT_EQ(after.attempts[0].outcome, store::AttemptOutcome::kLost);
  std::string first = fake.launch_calls[0].client_token;
  for (const auto& [id, instance] : fake.instances) {
    if (instance.info.client_token != first) continue;
    ASSERT_TRUE(instance.terminated_at.has_value()) << "the lost instance was left running";
    EXPECT_LT(*instance.terminated_at, util::FromSeconds(kT0 + 3 * kHour));
  }
  EXPECT_EQ(Count(EventKinds(), "stray-terminated"), 1);
}

// On start, the campaign's tagged instances: one of an intent (adopted), one of an attempt
// closed as never launched (terminated: the orphan case), one unknown (terminated).
TEST_F(ExecutorFake, ReconcileAdoptsIntentsAndTerminatesEverythingElse) {
  store::Snapshot snap = OneSession();
  snap.sessions.push_back(Session("s2", "w1", kT0));
  snap.jobs.push_back(Job("j2", "s2", "w1"));
  store::AttemptRow closed;
  closed.id = 1;
  closed.session = "s1";
  closed.number = 1;
  closed.client_token = ClientToken("c1", "s1", 1);
  closed.region = "r1";
  closed.state = store::AttemptState::kFailed;
  closed.outcome = store::AttemptOutcome::kExpired;
  closed.deadline = kT0 + 4 * kHour;
  closed.jobs = "j1";
  store::AttemptRow intent = closed;
  intent.id = 2;
  intent.session = "s2";
  intent.client_token = ClientToken("c1", "s2", 1);
  intent.state = store::AttemptState::kIntent;
  intent.outcome = store::AttemptOutcome::kNone;
  intent.jobs = "j2";
  snap.attempts = {closed, intent};
  snap.sessions[0].attempts = 1;
  snap.sessions[1].attempts = 1;
  snap.sessions[1].state = store::SessionState::kLaunching;
  auto journal = store::Journal::Create((dir_ / "c.db").string(), snap);
  ASSERT_TRUE(journal);
  for (const auto& a : snap.attempts) {
    store::Change change;
    change.attempts.push_back(a);
    ASSERT_TRUE(journal->Apply(change));
  }
  std::map<std::string, std::string> tags = {{cloud::tag::kCampaign, "c1"}};
  std::string orphan = fake.Plant(closed.client_token, tags, clock.Now());
  std::string adopted = fake.Plant(intent.client_token, tags, clock.Now());
  std::string unknown = fake.Plant("someone-else", tags, clock.Now());
  std::string foreign = fake.Plant("other", {{cloud::tag::kCampaign, "c2"}}, clock.Now());
  ASSERT_TRUE(Resume());
  EXPECT_TRUE(fake.instances.at(orphan).terminated_at.has_value());
  EXPECT_TRUE(fake.instances.at(unknown).terminated_at.has_value());
  EXPECT_FALSE(fake.instances.at(foreign).terminated_at.has_value());  // not this campaign's
  EXPECT_EQ(fake.instances.at(adopted).terminated_at, std::nullopt);
  auto after = Journal();
  EXPECT_EQ(after.attempts[1].instance_id, adopted);
  EXPECT_EQ(after.attempts[1].state, store::AttemptState::kEnded);
}

TEST_F(ExecutorFake, MissedWindowIsReplacedInTheNextOne) {
  clock.SleepUntil(util::FromSeconds(kT0 + 4 * kHour - 600));  // too late for w1
  ASSERT_TRUE(Run(OneSession()));
  ASSERT_EQ(fake.launch_calls.size(), 1u);
  EXPECT_GE(fake.launch_times[0], util::FromSeconds(kT0 + 24 * kHour));
  auto snap = Journal();
  EXPECT_EQ(snap.sessions[0].window, "w2");
  EXPECT_EQ(snap.jobs[0].window, "w2");
  EXPECT_EQ(Count(EventKinds(), "replaced"), 1);
}

TEST_F(ExecutorFake, MissedWindowWithoutRoomIsUnscheduled) {
  store::Snapshot snap = OneSession();
  snap.windows[1].max_jobs = 0;
  clock.SleepUntil(util::FromSeconds(kT0 + 4 * kHour - 600));
  ASSERT_TRUE(Run(snap));
  EXPECT_TRUE(fake.launch_calls.empty());
  auto after = Journal();
  EXPECT_EQ(after.sessions[0].state, store::SessionState::kUnscheduled);
  EXPECT_EQ(after.jobs[0].state, store::JobState::kUnscheduled);
  EXPECT_NE(after.jobs[0].reason.find("missed window w1"), std::string::npos);
}

// Worst case of one session: (0.1 + 0.005) $/h for the 4 h to the window's end = 0.42 $.
TEST_F(ExecutorFake, BudgetGateUnschedulesWhatCouldExceedMaxCost) {
  store::Snapshot snap = OneSession();
  snap.campaign.max_cost_usd = 0.40;
  ASSERT_TRUE(Run(snap));
  EXPECT_TRUE(fake.launch_calls.empty());
  auto after = Journal();
  EXPECT_EQ(after.jobs[0].state, store::JobState::kUnscheduled);
  EXPECT_NE(after.jobs[0].reason.find("--max-cost"), std::string::npos);
}

TEST_F(ExecutorFake, BudgetGateLetsTheWorstCaseThrough) {
  store::Snapshot snap = OneSession();
  snap.campaign.max_cost_usd = 0.43;
  ASSERT_TRUE(Run(snap));
  EXPECT_EQ(fake.launch_calls.size(), 1u);
}

// Quota 2 vCPUs for standard on-demand: two sessions of 2 vCPUs never run at once.
TEST_F(ExecutorFake, QuotaGateRunsOneAtATime) {
  store::Snapshot snap = OneSession();
  snap.sessions.push_back(Session("s2", "w1", kT0));
  snap.jobs.push_back(Job("j2", "s2", "w1"));
  snap.quotas = {{"standard", "on-demand", 2}};
  ASSERT_TRUE(Run(snap));
  ASSERT_EQ(fake.launch_calls.size(), 2u);
  EXPECT_GE(fake.launch_times[1] - fake.launch_times[0], seconds(fake.run_s));
  for (const auto& job : Journal().jobs) EXPECT_EQ(job.state, store::JobState::kSucceeded);
}

TEST_F(ExecutorFake, WithoutAQuotaBothRunAtOnce) {
  store::Snapshot snap = OneSession();
  snap.sessions.push_back(Session("s2", "w1", kT0));
  snap.jobs.push_back(Job("j2", "s2", "w1"));
  ASSERT_TRUE(Run(snap));
  ASSERT_EQ(fake.launch_calls.size(), 2u);
  EXPECT_LT(fake.launch_times[1] - fake.launch_times[0], seconds(fake.run_s));
}

// Import translates the plan's numbers and looks nothing up; a plan without them (schema
// version 1) is refused with the remedy.
TEST(ImportPlan, TakesThePlansPricesWaveAndBillingRule) {
  plan::Plan plan;
  plan.spec.cost.minimum_billing_s = 420;
  plan::Session session;
  session.id = "s1";
  session.region = "r1";
  session.instance_type = "m7i.2xlarge";
  session.vcpus = 8;
  session.quota_class = "standard";
  session.window = "w1";
  session.on_demand_usd_per_hour = 0.4032;
  session.spot_usd_per_hour = 0.14;
  session.extras_usd_per_hour = 0.0061;
  session.size_wave = 3;
  plan.sessions = {session};
  auto snap = ImportPlan(plan, CampaignSource{"c1", "sim", "{}", "", "{}", 0});
  ASSERT_TRUE(snap) << snap.error().message;
  EXPECT_EQ(snap->campaign.minimum_billing_s, 420);
  EXPECT_EQ(snap->sessions[0].on_demand_usd_per_hour, 0.4032);
  EXPECT_EQ(snap->sessions[0].spot_usd_per_hour, 0.14);
  EXPECT_EQ(snap->sessions[0].extras_usd_per_hour, 0.0061);
  EXPECT_EQ(snap->sessions[0].size_wave, 3);
  plan.sessions[0].on_demand_usd_per_hour = 0;
  plan.sessions[0].size_wave = 0;
  auto refused = ImportPlan(plan, CampaignSource{"c1", "sim", "{}", "", "{}", 0});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(refused.error().message.find("make the plan again"), std::string::npos);
}

TEST(Strays, OneDefinition) {
  cloud::InstanceInfo alive;
  alive.id = "i-1";
  alive.state = cloud::InstanceState::kRunning;
  cloud::InstanceInfo gone = alive;
  gone.state = cloud::InstanceState::kTerminated;
  store::AttemptRow attempt;
  EXPECT_TRUE(IsStray(alive, nullptr));
  EXPECT_FALSE(IsStray(gone, nullptr));
  attempt.state = store::AttemptState::kIntent;  // Reconcile adopts it first; cleanup terminates it
  EXPECT_TRUE(IsStray(alive, &attempt));
  attempt.state = store::AttemptState::kRunning;
  attempt.instance_id = "i-1";
  EXPECT_FALSE(IsStray(alive, &attempt));
  attempt.instance_id = "i-2";
  EXPECT_TRUE(IsStray(alive, &attempt));
  for (store::AttemptState closed : {store::AttemptState::kFailed, store::AttemptState::kEnded}) {
    attempt.state = closed;
    attempt.instance_id = "i-1";
    EXPECT_TRUE(IsStray(alive, &attempt)) << store::ToString(closed);
  }
}

// A clock that wakes early the way RealClock does (it sleeps in slices of 200 ms so that a
// stop request is seen soon), virtual so the test is instant. After `limit` wake-ups it asks
// the executor to stop, so a run that never finishes ends as cancelled instead of hanging.
class SlicedClock : public cloud::Clock {
 public:
  SlicedClock(util::TimePoint start, std::atomic<bool>& stop, int limit)
      : now_(start), stop_(stop), limit_(limit) {}
  util::TimePoint Now() override { return std::chrono::time_point_cast<seconds>(now_); }
  void SleepUntil(util::TimePoint until) override {
    if (++wakes_ >= limit_) stop_ = true;
    std::chrono::nanoseconds left = until - now_;
    now_ += std::clamp<std::chrono::nanoseconds>(left, {}, std::chrono::milliseconds(200));
  }

 private:
  std::chrono::time_point<std::chrono::system_clock, std::chrono::nanoseconds> now_;
  std::atomic<bool>& stop_;
  int limit_;
  int wakes_ = 0;
};

// A provider without a NextChange hint (the aws one) under a clock that wakes every 200 ms:
// the poll interval must still come round, so the instance's end is seen and the campaign
// completes. (Each early wake-up once pushed the next poll 30 s on: no poll ever came.)
TEST_F(ExecutorFake, PollsOnTimeWhenTheClockWakesEarly) {
  std::atomic<bool> stop{false};
  SlicedClock sliced(util::FromSeconds(kT0), stop, 200'000);  // 40,000 s of wake-ups
  testing::FakeProvider provider{sliced};
  provider.run_s = 120;
  auto journal = store::Journal::Create((dir_ / "c.db").string(), OneSession());
  ASSERT_TRUE(journal);
  Options options;
  options.stop = &stop;
  Executor executor(*journal, provider, sliced, options);
  auto outcome = executor.Run();
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(*outcome, RunOutcome::kCompleted);
  auto snap = Journal();
  EXPECT_EQ(snap.jobs[0].state, store::JobState::kSucceeded);
  // Its end is seen within one poll interval (30 s), not at the session's deadline an hour
  // on (the one wake-up that was never pushed forward).
  ASSERT_EQ(snap.attempts.size(), 1u);
  EXPECT_LE(snap.campaign.ended_at - snap.attempts[0].launched_at, 120 + 31);
}

}  // namespace
}  // namespace exec
