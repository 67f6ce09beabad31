#include <gtest/gtest.h>

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
  for (const auto& job : snap->jobs) EXPECT_EQ(job.state, "succeeded") << job.id;
  EXPECT_EQ(snap->campaign.status, "completed");
  std::filesystem::remove_all(files.dir);
}

}  // namespace
}  // namespace exec
