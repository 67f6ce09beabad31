// The checker's own window bounds (checker_rules.cc) against UTC instants written by hand
// from each zone's published 2027 rules, for every zone of the catalog's regions, on the
// days around both daylight-saving changes of 2027. Nothing here calls util's time code.
#include <gtest/gtest.h>

#include <map>

#include "catalog/catalog.h"
#include "plan/checker_internal.h"

namespace plan::check {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

util::TimePoint Utc(int month, int day, int hour, int minute = 0) {
  return util::TimePoint{
      (date::sys_days{date::year{2027} / month / day} + hours(hour) + minutes(minute))
          .time_since_epoch()};
}

util::LocalDays Day(int month, int day) { return date::local_days{date::year{2027} / month / day}; }

// A zone's 2027 rule: its standard offset, and for a zone with daylight saving the DST offset
// and the two change instants in UTC. `dst_from` < `dst_until` in the northern hemisphere;
// in the southern one DST runs before `dst_until` (April) and after `dst_from` (Sept/Oct).
struct ZoneRule {
  int standard_min;
  int dst_min = 0;
  std::optional<util::TimePoint> dst_from, dst_until;
};

ZoneRule Fixed(int offset_min) { return {offset_min, 0, std::nullopt, std::nullopt}; }

// Sources: the tz database rules (US: 2nd Sunday of March 02:00 to 1st Sunday of November
// 02:00 local; EU: last Sunday of March to last Sunday of October, 01:00 UTC; Israel: Friday
// before the last Sunday of March 02:00 to the last Sunday of October 02:00; Australia
// (NSW, Victoria): 1st Sunday of October 02:00 standard to 1st Sunday of April 03:00
// daylight; New Zealand: last Sunday of September 02:00 to 1st Sunday of April 03:00; Chile:
// 1st Sunday of April 03:00 UTC, 1st Sunday of September 04:00 UTC). 2027's dates: March
// 14 and 28, April 4, September 5 and 26, October 3 and 31, November 7 are Sundays.
const std::map<std::string, ZoneRule>& Rules() {
  static const std::map<std::string, ZoneRule> kRules = {
      {"America/New_York", {-300, -240, Utc(3, 14, 7), Utc(11, 7, 6)}},
      {"America/Toronto", {-300, -240, Utc(3, 14, 7), Utc(11, 7, 6)}},
      {"America/Chicago", {-360, -300, Utc(3, 14, 8), Utc(11, 7, 7)}},
      {"America/Denver", {-420, -360, Utc(3, 14, 9), Utc(11, 7, 8)}},
      {"America/Edmonton", {-420, -360, Utc(3, 14, 9), Utc(11, 7, 8)}},
      {"America/Los_Angeles", {-480, -420, Utc(3, 14, 10), Utc(11, 7, 9)}},
      {"America/Vancouver", {-480, -420, Utc(3, 14, 10), Utc(11, 7, 9)}},
      {"America/Santiago", {-240, -180, Utc(9, 5, 4), Utc(4, 4, 3)}},
      {"America/Sao_Paulo", Fixed(-180)},
      {"America/Mexico_City", Fixed(-360)},
      {"America/Bogota", Fixed(-300)},
      {"Europe/Dublin", {0, 60, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/London", {0, 60, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Lisbon", {0, 60, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Berlin", {60, 120, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Paris", {60, 120, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Stockholm", {60, 120, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Rome", {60, 120, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Madrid", {60, 120, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Zurich", {60, 120, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Europe/Warsaw", {60, 120, Utc(3, 28, 1), Utc(10, 31, 1)}},
      {"Asia/Jerusalem", {120, 180, Utc(3, 26, 0), Utc(10, 30, 23)}},
      {"Africa/Johannesburg", Fixed(120)},
      {"Asia/Bahrain", Fixed(180)},
      {"Asia/Riyadh", Fixed(180)},
      {"Asia/Qatar", Fixed(180)},
      {"Asia/Dubai", Fixed(240)},
      {"Asia/Kolkata", Fixed(330)},
      {"Asia/Jakarta", Fixed(420)},
      {"Asia/Bangkok", Fixed(420)},
      {"Asia/Singapore", Fixed(480)},
      {"Asia/Kuala_Lumpur", Fixed(480)},
      {"Asia/Hong_Kong", Fixed(480)},
      {"Asia/Taipei", Fixed(480)},
      {"Asia/Shanghai", Fixed(480)},
      {"Asia/Seoul", Fixed(540)},
      {"Asia/Tokyo", Fixed(540)},
      {"Australia/Sydney", {600, 660, Utc(10, 2, 16), Utc(4, 3, 16)}},
      {"Australia/Melbourne", {600, 660, Utc(10, 2, 16), Utc(4, 3, 16)}},
      {"Pacific/Auckland", {720, 780, Utc(9, 25, 14), Utc(4, 3, 14)}},
  };
  return kRules;
}

int OffsetMin(const ZoneRule& rule, util::TimePoint instant) {
  if (!rule.dst_from) return rule.standard_min;
  bool northern = *rule.dst_from < *rule.dst_until;
  bool dst = northern ? (*rule.dst_from <= instant && instant < *rule.dst_until)
                      : (instant < *rule.dst_until || *rule.dst_from <= instant);
  return dst ? rule.dst_min : rule.standard_min;
}

// The expected UTC instant of a wall-clock time: the earlier of the readings under either
// offset that the rule confirms, or the change itself when the time falls in the skipped hour.
util::TimePoint Expected(const ZoneRule& rule, util::LocalTime local) {
  std::optional<util::TimePoint> found;
  for (int offset : {rule.standard_min, rule.dst_from ? rule.dst_min : rule.standard_min}) {
    util::TimePoint candidate{local.time_since_epoch() - minutes(offset)};
    if (OffsetMin(rule, candidate) == offset && (!found || candidate < *found)) found = candidate;
  }
  if (found) return *found;
  util::TimePoint change = *rule.dst_from;  // only the change into DST skips wall-clock time
  return change;
}

TEST(CheckerZonesPlanTest, WindowBoundsAroundBothChangesOf2027InEveryCatalogZone) {
  auto catalog = catalog::Catalog::Embedded();
  ASSERT_TRUE(catalog);
  std::set<std::string> zones;
  for (const std::string& region : catalog->RegionNames())
    zones.insert(catalog->Region(region)->timezone);
  ASSERT_FALSE(zones.empty());
  for (const std::string& zone : zones) {
    auto rule = Rules().find(zone);
    ASSERT_NE(rule, Rules().end()) << zone << ": write its 2027 rule into this test";
    // Days around the US, EU and southern changes, whichever the zone has.
    std::vector<util::LocalDays> days;
    for (auto [month, day] :
         {std::pair{3, 13}, {3, 14}, {3, 15}, {3, 25}, {3, 26}, {3, 27},  {3, 28},
          {3, 29},          {4, 3},  {4, 4},  {4, 5},  {9, 4},  {9, 5},   {9, 25},
          {9, 26},          {9, 27}, {10, 2}, {10, 3}, {10, 4}, {10, 30}, {10, 31},
          {11, 1},          {11, 6}, {11, 7}, {11, 8}}) {
      days.push_back(Day(month, day));
    }
    for (util::LocalDays day : days) {
      for (auto [slot, begin, end] :
           {std::tuple{"morning", 8, 12}, {"afternoon", 14, 20}, {"evening", 20, 24}}) {
        auto bounds = WindowBounds(slot, day, zone);
        ASSERT_TRUE(bounds);
        EXPECT_EQ(bounds->first, Expected(rule->second, day + hours(begin)))
            << zone << " " << slot << " start on day " << day.time_since_epoch().count();
        EXPECT_EQ(bounds->second, Expected(rule->second, day + hours(end)))
            << zone << " " << slot << " end on day " << day.time_since_epoch().count();
      }
    }
  }
}

// A few instants written out in full, so the rule table above is itself checked.
TEST(CheckerZonesPlanTest, LiteralInstants) {
  auto bounds = WindowBounds("morning", Day(3, 14), "America/New_York");  // EDT from 07:00Z
  EXPECT_EQ(bounds->first, Utc(3, 14, 12));
  bounds = WindowBounds("morning", Day(3, 13), "America/New_York");
  EXPECT_EQ(bounds->first, Utc(3, 13, 13));
  bounds = WindowBounds("evening", Day(11, 6), "America/New_York");  // ends at EDT midnight
  EXPECT_EQ(bounds->second, Utc(11, 7, 4));
  bounds = WindowBounds("afternoon", Day(3, 28), "Europe/Berlin");  // CEST from 01:00Z
  EXPECT_EQ(bounds->first, Utc(3, 28, 12));
  EXPECT_EQ(bounds->second, Utc(3, 28, 18));
  bounds = WindowBounds("morning", Day(4, 4), "Australia/Sydney");  // AEST from Apr 3 16:00Z
  EXPECT_EQ(bounds->first, Utc(4, 3, 22));
  bounds = WindowBounds("morning", Day(4, 3), "Australia/Sydney");  // still AEDT
  EXPECT_EQ(bounds->first, Utc(4, 2, 21));
  // The skipped hour maps to the change; a repeated hour to its first reading.
  EXPECT_EQ(FirstInstantAtOrAfter(Day(3, 14) + hours(2) + minutes(30), "America/New_York"),
            Utc(3, 14, 7));
  EXPECT_EQ(FirstInstantAtOrAfter(Day(11, 7) + hours(1) + minutes(30), "America/New_York"),
            Utc(11, 7, 5, 30));
  EXPECT_EQ(CalendarDay(Utc(3, 14, 3, 59), "America/New_York"), Day(3, 13));
  EXPECT_EQ(CalendarDay(Utc(3, 14, 5), "America/New_York"), Day(3, 14));
}

TEST(CheckerZonesPlanTest, SizesAndDefaultQuotasByLiteralList) {
  EXPECT_EQ(WaveOfSize("medium"), 1);
  EXPECT_EQ(WaveOfSize("large"), 1);
  EXPECT_EQ(WaveOfSize("xlarge"), 2);
  EXPECT_EQ(WaveOfSize("2xlarge"), 3);
  EXPECT_EQ(WaveOfSize("48xlarge"), 4);
  EXPECT_EQ(WaveOfSize("metal"), 4);
  EXPECT_FALSE(SpotSized("large"));
  EXPECT_TRUE(SpotSized("xlarge"));
  EXPECT_EQ(DocumentedDefaultQuota("standard"), 5);
  EXPECT_EQ(DocumentedDefaultQuota("p"), 0);
}

}  // namespace
}  // namespace plan::check
