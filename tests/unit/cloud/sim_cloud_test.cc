#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cloud/sim/sim_cloud.h"

namespace cloud::sim {
namespace {

std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("abc-sim-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

SimSetup MakeSetup(SimConfig config = {}) {
  SimSetup setup;
  setup.config = config;
  setup.start = util::TimePoint(std::chrono::seconds(1'800'000'000));
  setup.on_demand_usd_per_hour["m7i.large"] = 0.1;
  return setup;
}

LaunchRequest Request(const std::string& token, int attempt = 1) {
  LaunchRequest r;
  r.campaign = "c1";
  r.session = "s1";
  r.attempt = attempt;
  r.region = "us-east-1";
  r.instance_type = "m7i.large";
  r.vcpus = 2;
  r.quota_class = "standard";
  r.market = "on-demand";
  r.zone = "us-east-1a";
  r.client_token = token;
  r.tags = {{"abc:campaign", "c1"}, {"Name", "abc s1"}, {"abc:expires-at", "2027-01-15T12:00:00Z"}};
  r.payload = {{"j1", "stream", 600}, {"j2", "hpl", 900}};
  r.deadline = util::TimePoint(std::chrono::seconds(1'800'000'000 + 4 * 3600));
  return r;
}

TEST(SimCloud, SameClientTokenNeverLaunchesTwice) {
  std::string path = TempPath("token.sim");
  auto cloud = SimCloud::Open(path, MakeSetup(), true);
  ASSERT_TRUE(cloud);
  auto first = (*cloud)->Launch(Request("t1"));
  auto second = (*cloud)->Launch(Request("t1"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  LaunchRequest other = Request("t1");
  other.market = "spot";
  auto mismatch = (*cloud)->Launch(other);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, "IdempotentParameterMismatch");
  auto history = SimCloud::History(path, MakeSetup().config);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 1u);
}

// The request's tags are what Describe reports, every one of them, also after reopening.
TEST(SimCloud, AppliesTheRequestsTags) {
  std::string path = TempPath("tags.sim");
  {
    auto cloud = SimCloud::Open(path, MakeSetup(), true);
    ASSERT_TRUE(cloud);
    ASSERT_TRUE((*cloud)->Launch(Request("t1")));
  }
  auto cloud = SimCloud::Open(path, SimSetup{}, false);
  ASSERT_TRUE(cloud);
  auto found = (*cloud)->DescribeByTag("us-east-1", "Name", "abc s1");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].tags, Request("t1").tags);
}

// A lost reply: the call fails as transient, yet the instance runs, and the retry with the
// same token returns it.
TEST(SimCloud, LostReplyStartsTheInstance) {
  SimConfig config;
  config.lost_reply_rate = 1;
  auto cloud = SimCloud::Open(TempPath("lost.sim"), MakeSetup(config), true);
  ASSERT_TRUE(cloud);
  auto first = (*cloud)->Launch(Request("t1"));
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().error_class, util::ErrorClass::kTimeout);
  auto found = (*cloud)->DescribeByTag("us-east-1", "abc:campaign", "c1");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  auto retry = (*cloud)->Launch(Request("t1"));
  ASSERT_TRUE(retry);
  EXPECT_EQ(*retry, (*found)[0].id);
}

// Describe misses a lagging instance for describe_lag_s, then lists it.
TEST(SimCloud, DescribeLagHidesAFreshInstance) {
  SimConfig config;
  config.describe_lag_rate = 1;
  config.describe_lag_s = 90;
  auto cloud = SimCloud::Open(TempPath("lag.sim"), MakeSetup(config), true);
  ASSERT_TRUE(cloud);
  std::string id = *(*cloud)->Launch(Request("t1"));
  EXPECT_TRUE((*cloud)->Describe("us-east-1", {id})->empty());
  EXPECT_TRUE((*cloud)->DescribeByTag("us-east-1", "abc:campaign", "c1")->empty());
  (*cloud)->clock().SleepUntil((*cloud)->now() + std::chrono::seconds(90));
  EXPECT_EQ((*cloud)->Describe("us-east-1", {id})->size(), 1u);
  EXPECT_EQ((*cloud)->DescribeByTag("us-east-1", "abc:campaign", "c1")->size(), 1u);
}

TEST(SimCloud, StateSurvivesReopening) {
  std::string path = TempPath("reopen.sim");
  std::string id;
  {
    auto cloud = SimCloud::Open(path, MakeSetup(), true);
    ASSERT_TRUE(cloud);
    id = *(*cloud)->Launch(Request("t1"));
    (*cloud)->clock().SleepUntil((*cloud)->now() + std::chrono::seconds(500));
  }
  // The setup comes from the campaign (backend_config) on every open; the file keeps its
  // virtual time and instances.
  auto cloud = SimCloud::Open(path, MakeSetup(), false);
  ASSERT_TRUE(cloud);
  EXPECT_EQ((*cloud)->now().time_since_epoch().count(), 1'800'000'500);
  auto again = (*cloud)->Launch(Request("t1"));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, id);
}

TEST(SimCloud, LifecycleResultsAreSimulatedLogisticsOnly) {
  auto cloud = SimCloud::Open(TempPath("life.sim"), MakeSetup(), true);
  ASSERT_TRUE(cloud);
  SimCloud& sim = **cloud;
  std::string id = *sim.Launch(Request("t1"));
  auto info = sim.Describe("us-east-1", {id});
  ASSERT_TRUE(info && info->size() == 1);
  EXPECT_EQ((*info)[0].state, InstanceState::kPending);
  int guard = 0;
  while (auto next = sim.NextChange()) {
    sim.clock().SleepUntil(*next);
    ASSERT_LT(++guard, 100);
  }
  info = sim.Describe("us-east-1", {id});
  EXPECT_EQ((*info)[0].state, InstanceState::kTerminated);
  EXPECT_EQ(sim.FetchResults("c1", "s1", 1, {"j1"})->size(), 1u);
  auto results = sim.FetchResults("c1", "s1", 1, {});
  ASSERT_TRUE(results);
  ASSERT_EQ(results->size(), 2u);
  for (const auto& doc : *results) {
    auto json = nlohmann::json::parse(doc.json);
    EXPECT_TRUE(json.at("simulated").get<bool>());
    EXPECT_EQ(json.at("status"), "ok");
    EXPECT_FALSE(json.contains("samples"));
    EXPECT_FALSE(json.contains("statistics"));
    EXPECT_LE(doc.ended_at, *(*info)[0].ended_at);
  }
  EXPECT_LE((*results)[0].ended_at, (*results)[1].started_at);
}

TEST(SimCloud, QuotaAndCapacityErrorsCarryClassAndCode) {
  SimSetup setup = MakeSetup();
  setup.quotas[{"standard", catalog::Market::kOnDemand}] = 3;
  auto cloud = SimCloud::Open(TempPath("quota.sim"), setup, true);
  ASSERT_TRUE(cloud);
  ASSERT_TRUE((*cloud)->Launch(Request("t1")));
  EXPECT_EQ(*(*cloud)->QuotaHeadroom("us-east-1", "standard", "on-demand"), 1);
  auto refused = (*cloud)->Launch(Request("t2", 2));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error_class, util::ErrorClass::kQuota);
  EXPECT_EQ(refused.error().code, "VcpuLimitExceeded");

  SimConfig always;
  always.capacity_error_rate = 1;
  auto full = SimCloud::Open(TempPath("cap.sim"), MakeSetup(always), true);
  auto none = (*full)->Launch(Request("t1"));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().error_class, util::ErrorClass::kCapacity);
  EXPECT_EQ(none.error().code, "InsufficientInstanceCapacity");
}

TEST(SimModel, InterruptionGivesTwoMinuteNoticeAndAnInterruptedResult) {
  SimConfig config;
  config.interruption_rate = 1;
  int interrupted = 0;
  int interrupted_results = 0;
  for (int attempt = 1; attempt <= 50; ++attempt) {
    SimInstance in;
    in.session = "s";
    in.attempt = attempt;
    in.market = "spot";
    in.launched_at = 0;
    in.deadline = 100000;
    in.jobs = {{"a", "stream", 1000}, {"b", "hpl", 1000}};
    Timeline t = ComputeTimeline(config, in);
    if (!t.interruption_notice) continue;
    ++interrupted;
    EXPECT_EQ(t.shutting_down_at - *t.interruption_notice, kInterruptionWarningS);
    for (size_t i = 0; i < t.runs.size(); ++i) {
      EXPECT_LE(t.runs[i].end, t.shutting_down_at);
      EXPECT_LE(t.runs[i].start, *t.interruption_notice) << "no job starts after the notice";
      if (t.runs[i].status == "interrupted") {
        EXPECT_EQ(i + 1, t.runs.size()) << "an interrupted job is the last one";
        ++interrupted_results;
      }
    }
    in.market = "on-demand";
    EXPECT_FALSE(ComputeTimeline(config, in).interruption_notice);
  }
  EXPECT_GT(interrupted, 40);
  EXPECT_GT(interrupted_results, 20);
}

TEST(SimModel, DeadlineCutsTheRunningJobWithoutAResult) {
  SimInstance in;
  in.session = "s";
  in.attempt = 1;
  in.market = "on-demand";
  in.launched_at = 0;
  in.deadline = 1500;
  in.jobs = {{"a", "stream", 1000}, {"b", "hpl", 1000}};
  Timeline t = ComputeTimeline(SimConfig{}, in);
  EXPECT_EQ(t.shutting_down_at, 1500);
  EXPECT_EQ(t.end_reason, "deadline");
  ASSERT_EQ(t.runs.size(), 1u);
  EXPECT_EQ(t.runs[0].job, "a");
}

}  // namespace
}  // namespace cloud::sim
