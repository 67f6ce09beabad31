#include "util/time.h"

#include <date/tz.h>
#include <gtest/gtest.h>

namespace util {
namespace {

using namespace std::chrono;
using date::days;
using date::March;
using date::November;
using date::year;

constexpr char kNewYork[] = "America/New_York";

TEST(TimeTest, FormatsWithTheZoneOffsetOfThatInstant) {
  auto winter = ParseIso8601WithOffset("2026-01-15T13:00:00Z");
  ASSERT_TRUE(winter);
  EXPECT_EQ(FormatIso8601(*winter, kNewYork), "2026-01-15T08:00:00-05:00");
  auto summer = ParseIso8601WithOffset("2026-07-15T12:00:00Z");
  ASSERT_TRUE(summer);
  EXPECT_EQ(FormatIso8601(*summer, kNewYork), "2026-07-15T08:00:00-04:00");
}

// 2026-03-08 is the US spring-forward day: 02:00 local does not exist.
TEST(TimeTest, SpringForwardDayKeepsWallClockBounds) {
  LocalDays day = LocalDays{year{2026} / March / 8};
  TimePoint morning = LocalToUtc(day + hours(8), kNewYork);
  EXPECT_EQ(FormatIso8601(morning, kNewYork), "2026-03-08T08:00:00-04:00");
  TimePoint midnight = LocalToUtc(day, kNewYork);
  EXPECT_EQ(FormatIso8601(midnight, kNewYork), "2026-03-08T00:00:00-05:00");
  // The day is 23 hours long.
  TimePoint next = LocalToUtc(day + days(1), kNewYork);
  EXPECT_EQ(duration_cast<hours>(next - midnight).count(), 23);
}

TEST(TimeTest, NonexistentLocalTimeMapsToEndOfGap) {
  LocalDays day = LocalDays{year{2026} / March / 8};
  TimePoint in_gap = LocalToUtc(day + hours(2) + minutes(30), kNewYork);
  EXPECT_EQ(FormatIso8601(in_gap, kNewYork), "2026-03-08T03:00:00-04:00");
}

// 2026-11-01 is the fall-back day: 01:30 happens twice; the earlier is used.
TEST(TimeTest, AmbiguousLocalTimeUsesEarlierInstant) {
  LocalDays day = LocalDays{year{2026} / November / 1};
  TimePoint twice = LocalToUtc(day + hours(1) + minutes(30), kNewYork);
  EXPECT_EQ(FormatIso8601(twice, kNewYork), "2026-11-01T01:30:00-04:00");
  EXPECT_EQ(
      duration_cast<hours>(LocalToUtc(day + days(1), kNewYork) - LocalToUtc(day, kNewYork)).count(),
      25);
}

TEST(TimeTest, LocalDayUsesTheZone) {
  auto instant = ParseIso8601WithOffset("2026-06-02T02:00:00Z");
  ASSERT_TRUE(instant);
  EXPECT_EQ(FormatDate(LocalDay(*instant, kNewYork)), "2026-06-01");
  EXPECT_EQ(FormatDate(LocalDay(*instant, "Asia/Tokyo")), "2026-06-02");
}

TEST(TimeTest, ParseTimestampForms) {
  auto date_only = ParseTimestamp("2026-12-01", kNewYork);
  ASSERT_TRUE(date_only);
  EXPECT_EQ(FormatIso8601Utc(*date_only), "2026-12-01T05:00:00Z");
  auto with_offset = ParseTimestamp("2026-12-01T10:30+01:00", kNewYork);
  ASSERT_TRUE(with_offset);
  EXPECT_EQ(FormatIso8601Utc(*with_offset), "2026-12-01T09:30:00Z");
}

TEST(TimeTest, ParseTimestampRejectsMalformed) {
  for (const char* bad : {"2026-13-01", "2026-02-30", "2026-1-01", "tomorrow", "2026-12-01T25:00",
                          "2026-12-01T10:00+1", "2026-12-01X", ""}) {
    auto parsed = ParseTimestamp(bad, kNewYork);
    EXPECT_FALSE(parsed) << bad;
    if (!parsed) {
      EXPECT_EQ(parsed.error().error_class, ErrorClass::kInvalidInput);
    }
  }
}

TEST(TimeTest, UnknownZoneIsInvalidInput) {
  EXPECT_FALSE(CheckTimeZone("Mars/Olympus"));
  EXPECT_TRUE(CheckTimeZone("Europe/Dublin"));
  EXPECT_FALSE(ParseTimestamp("2026-12-01", "Mars/Olympus"));
}

// util formats by hand for speed; the date library's own stream formatter is the
// reference, over 57 years of instants in zones with DST, half-hour and 45-minute offsets.
TEST(FormatIso8601, AgreesWithTheDateLibrarysFormatter) {
  const char* zones[] = {
      "America/New_York", "Europe/Berlin",   "Asia/Kolkata", "Australia/Lord_Howe",
      "America/St_Johns", "Pacific/Chatham", "UTC"};
  TimePoint first = date::sys_days(year{1969} / 12 / 31) + hours(20);
  TimePoint last = date::sys_days(year{2027} / 1 / 1);
  int checked = 0;
  for (const char* zone : zones) {
    for (TimePoint t = first; t < last; t += seconds(86399 * 3 + 7)) {
      auto zoned = date::make_zoned(zone, t);
      ASSERT_EQ(FormatIso8601(t, zone), date::format("%Y-%m-%dT%H:%M:%S%Ez", zoned)) << zone;
      ++checked;
    }
  }
  for (TimePoint t = first; t < last; t += seconds(86399 * 5 + 3607)) {
    ASSERT_EQ(FormatIso8601Utc(t), date::format("%Y-%m-%dT%H:%M:%SZ", t));
  }
  EXPECT_GT(checked, 40000);
}

}  // namespace
}  // namespace util
