// cleanup without a journal: selection by campaign tag, by age, and always by a passed
// abc:expires-at; instances without the tool's tag are never touched; --dry-run terminates
// nothing.

#include "cloud/aws/cleanup.h"

#include <gtest/gtest.h>

#include <set>

#include "aws_fake.h"

namespace cloud::aws {
namespace {

using testing::FakeAws;
using testing::FakeInstance;
using testing::FakeServices;

const util::TimePoint kNow = util::FromSeconds(1767236400);  // 2026-01-01T03:00:00Z

void Populate(FakeAws& fake) {
  auto tagged = [](const char* campaign, const char* expires) {
    return std::map<std::string, std::string>{{"abc:campaign", campaign},
                                              {"abc:expires-at", expires}};
  };
  fake.instances = {
      {"i-1", "m7i.large", "us-east-1a", "running", false, "t1",
       tagged("c1", "2026-01-01T05:00:00Z"), "2026-01-01T01:00:00.000Z"},
      {"i-2", "m7i.large", "us-east-1a", "running", false, "t2",
       tagged("c2", "2026-01-01T02:00:00Z"), "2026-01-01T02:50:00.000Z"},
      {"i-3", "m7i.large", "us-east-1a", "pending", false, "t3",
       tagged("c1", "2026-01-01T05:00:00Z"), "2026-01-01T02:50:00.000Z"},
      {"i-4",
       "m7i.large",
       "us-east-1a",
       "running",
       false,
       "t4",
       {{"Name", "someone else's"}},
       "2025-01-01T00:00:00.000Z"},
      {"i-5", "m7i.large", "us-east-1a", "terminated", false, "t5",
       tagged("c1", "2026-01-01T00:00:00Z"), "2026-01-01T00:00:00.000Z"},
  };
}

std::set<std::string> Ids(const std::vector<CleanupItem>& items) {
  std::set<std::string> ids;
  for (const auto& item : items) ids.insert(item.instance_id);
  return ids;
}

std::set<std::string> Running(const FakeAws& fake) {
  std::set<std::string> ids;
  for (const auto& in : fake.instances) {
    if (in.state == "running" || in.state == "pending") ids.insert(in.id);
  }
  return ids;
}

TEST(AwsCleanup, OneCampaignPlusEveryExpiredInstance) {
  FakeAws fake;
  Populate(fake);
  FakeServices services(&fake, kNow);
  auto items = Cleanup(services, {{"us-east-1"}, "c1", std::nullopt, false});
  ASSERT_TRUE(items.has_value()) << items.error().message;
  EXPECT_EQ(Ids(*items), (std::set<std::string>{"i-1", "i-2", "i-3"}));
  EXPECT_EQ(Running(fake), (std::set<std::string>{"i-4"}));
  for (const auto& item : *items) EXPECT_TRUE(item.terminated);
}

TEST(AwsCleanup, OlderThanKeepsRecentOnesButNotExpiredOnes) {
  FakeAws fake;
  Populate(fake);
  FakeServices services(&fake, kNow);
  auto items = Cleanup(services, {{"us-east-1"}, "", 3600, false});
  ASSERT_TRUE(items.has_value());
  EXPECT_EQ(Ids(*items), (std::set<std::string>{"i-1", "i-2"}));
  EXPECT_EQ(Running(fake), (std::set<std::string>{"i-3", "i-4"}));
}

TEST(AwsCleanup, DryRunTerminatesNothing) {
  FakeAws fake;
  Populate(fake);
  FakeServices services(&fake, kNow);
  auto items = Cleanup(services, {{"us-east-1"}, "", std::nullopt, true});
  ASSERT_TRUE(items.has_value());
  EXPECT_EQ(Ids(*items), (std::set<std::string>{"i-1", "i-2", "i-3"}));
  EXPECT_TRUE(fake.Calls("TerminateInstances").empty());
  for (const auto& item : *items) EXPECT_FALSE(item.terminated);
}

}  // namespace
}  // namespace cloud::aws
