#include "plan/windows.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace plan {
namespace {

constexpr const char* kNewYork = "America/New_York";

util::TimePoint Utc(const char* text) { return *util::ParseIso8601WithOffset(text); }

Spec SpecFrom(const char* start, int days, int cap = 30) {
  Spec spec;
  spec.start = Utc(start);
  spec.days = days;
  spec.max_daily_jobs = cap;
  return spec;
}

struct Bounds {
  const char* start;
  const char* end;
};

void ExpectDay(const char* midnight_utc, const Bounds (&expected)[3]) {
  auto windows = BuildWindows(SpecFrom(midnight_utc, 1), "us-east-1", kNewYork, 0, 1);
  ASSERT_EQ(windows.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(windows[i].window.start, Utc(expected[i].start)) << windows[i].window.id;
    EXPECT_EQ(windows[i].window.end, Utc(expected[i].end)) << windows[i].window.id;
  }
}

TEST(WindowsTest, NormalDayInNewYork) {
  ExpectDay("2026-12-07T05:00:00Z", {{"2026-12-07T13:00:00Z", "2026-12-07T17:00:00Z"},
                                     {"2026-12-07T19:00:00Z", "2026-12-08T01:00:00Z"},
                                     {"2026-12-08T01:00:00Z", "2026-12-08T05:00:00Z"}});
  auto windows = BuildWindows(SpecFrom("2026-12-07T05:00:00Z", 1), "us-east-1", kNewYork, 0, 1);
  EXPECT_EQ(windows[0].window.id, "us-east-1/2026-12-07/morning");
  EXPECT_EQ(windows[2].window.market_policy, "spot-optimized");
  EXPECT_EQ(windows[1].window.max_jobs, 12);
}

TEST(WindowsTest, SpringForwardDayKeepsWallClockBounds) {
  // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT; every window is in EDT (UTC-4).
  ExpectDay("2026-03-08T05:00:00Z", {{"2026-03-08T12:00:00Z", "2026-03-08T16:00:00Z"},
                                     {"2026-03-08T18:00:00Z", "2026-03-09T00:00:00Z"},
                                     {"2026-03-09T00:00:00Z", "2026-03-09T04:00:00Z"}});
}

TEST(WindowsTest, FallBackDayKeepsWallClockBounds) {
  // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST; every window is in EST (UTC-5).
  ExpectDay("2026-11-01T04:00:00Z", {{"2026-11-01T13:00:00Z", "2026-11-01T17:00:00Z"},
                                     {"2026-11-01T19:00:00Z", "2026-11-02T01:00:00Z"},
                                     {"2026-11-02T01:00:00Z", "2026-11-02T05:00:00Z"}});
}

TEST(WindowsTest, CampaignAcrossDstStaysAtLocalHours) {
  auto windows = BuildWindows(SpecFrom("2026-03-07T05:00:00Z", 3), "us-east-1", kNewYork, 0, 3);
  ASSERT_EQ(windows.size(), 9u);
  EXPECT_EQ(windows[0].window.start, Utc("2026-03-07T13:00:00Z"));  // EST
  EXPECT_EQ(windows[3].window.start, Utc("2026-03-08T12:00:00Z"));  // EDT
  const int hours[] = {8, 14, 20};
  for (const DayWindow& w : windows) {
    auto local = util::UtcToLocal(w.window.start, kNewYork);
    auto hour =
        std::chrono::duration_cast<std::chrono::hours>(local - date::floor<date::days>(local))
            .count();
    EXPECT_EQ(hour, hours[w.window_index]) << w.window.id;
  }
}

TEST(WindowsTest, DayOneIsTheLocalDayOfTheStartAndEarlierPartsAreCut) {
  // 15:30 New York on 2026-12-07: the morning is gone, the afternoon starts at 15:30.
  auto windows = BuildWindows(SpecFrom("2026-12-07T20:30:00Z", 2), "us-east-1", kNewYork, 0, 2);
  ASSERT_EQ(windows.size(), 5u);
  EXPECT_EQ(windows[0].window.name, "afternoon");
  EXPECT_EQ(windows[0].window.start, Utc("2026-12-07T20:30:00Z"));
  EXPECT_EQ(windows[0].day_index, 0);
  EXPECT_EQ(windows[2].window.id, "us-east-1/2026-12-08/morning");
  // 02:00 UTC on 12-08 is still 12-07 in New York: day 1 is 12-07, evening partly left.
  auto late = BuildWindows(SpecFrom("2026-12-08T02:00:00Z", 1), "us-east-1", kNewYork, 0, 1);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].window.id, "us-east-1/2026-12-07/evening");
}

TEST(WindowsTest, CapSplitMatchesTheDesign) {
  EXPECT_EQ(SplitDailyCap(30), (std::array<int, 3>{9, 12, 9}));
  EXPECT_EQ(SplitDailyCap(7), (std::array<int, 3>{2, 3, 2}));
  EXPECT_EQ(SplitDailyCap(1), (std::array<int, 3>{1, 0, 0}));
  EXPECT_EQ(SplitDailyCap(2), (std::array<int, 3>{1, 1, 0}));
  EXPECT_EQ(SplitDailyCap(31), (std::array<int, 3>{9, 13, 9}));
  EXPECT_EQ(SplitDailyCap(0), (std::array<int, 3>{0, 0, 0}));
}

TEST(WindowsTest, CapSplitNeverExceedsTheCapAndStaysProportional) {
  const double length[] = {4, 6, 4};
  for (int cap = 1; cap <= 5000; ++cap) {
    auto shares = SplitDailyCap(cap);
    ASSERT_EQ(std::accumulate(shares.begin(), shares.end(), 0), cap) << cap;
    for (size_t i = 0; i < 3; ++i) {
      double exact = cap * length[i] / 14.0;
      ASSERT_LT(std::abs(shares[i] - exact), 1.0) << "cap " << cap << " window " << i;
    }
  }
}

TEST(WindowsTest, RotationShiftsFocusByOneWindowPerDay) {
  using C = Category;
  EXPECT_EQ(FocusOf(0, 0, true), std::vector<C>{C::kMemory});
  EXPECT_EQ(FocusOf(1, 0, true), std::vector<C>{C::kCompute});
  EXPECT_EQ(FocusOf(2, 0, true), (std::vector<C>{C::kLibrary, C::kMicro}));
  EXPECT_EQ(FocusOf(0, 1, true), std::vector<C>{C::kCompute});
  EXPECT_EQ(FocusOf(1, 1, true), (std::vector<C>{C::kLibrary, C::kMicro}));
  EXPECT_EQ(FocusOf(2, 1, true), std::vector<C>{C::kMemory});
  EXPECT_EQ(FocusOf(0, 3, true), std::vector<C>{C::kMemory});
  for (int day = 0; day < 7; ++day) {
    EXPECT_EQ(FocusOf(0, day, false), std::vector<C>{C::kMemory});
    EXPECT_EQ(FocusOf(2, day, false), (std::vector<C>{C::kLibrary, C::kMicro}));
  }
  // Over three days every category meets every window.
  for (C category : {C::kMemory, C::kCompute, C::kLibrary, C::kMicro}) {
    for (int w = 0; w < 3; ++w) {
      int days_in_focus = 0;
      for (int day = 0; day < 3; ++day) days_in_focus += InFocus(FocusOf(w, day, true), category);
      EXPECT_EQ(days_in_focus, 1);
    }
  }
}

TEST(WindowsTest, MarketPolicy) {
  EXPECT_EQ(ChooseMarket(true, 0, "large"), Market::kOnDemand);
  EXPECT_EQ(ChooseMarket(true, 1, "large"), Market::kOnDemand);
  EXPECT_EQ(ChooseMarket(true, 2, "large"), Market::kSpot);
  EXPECT_EQ(ChooseMarket(true, 0, "xlarge"), Market::kSpot);
  EXPECT_EQ(ChooseMarket(true, 1, "48xlarge"), Market::kSpot);
  EXPECT_EQ(ChooseMarket(true, 0, "medium"), Market::kOnDemand);
  for (int w = 0; w < 3; ++w) EXPECT_EQ(ChooseMarket(false, w, "4xlarge"), Market::kOnDemand);
}

TEST(WindowsTest, TimezoneGivenIsUsed) {
  auto windows = BuildWindows(SpecFrom("2026-12-06T15:00:00Z", 1), "us-east-1", "Asia/Tokyo", 0, 1);
  ASSERT_EQ(windows.size(), 3u);
  EXPECT_EQ(windows[0].window.start, Utc("2026-12-06T23:00:00Z"));  // 08:00 JST on 12-07
  EXPECT_EQ(windows[0].window.timezone, "Asia/Tokyo");
}

}  // namespace
}  // namespace plan
