// The checker's own versions of the facts it checks against (time zones, sizes, default
// quotas). They are written again here on purpose, simply and slowly, so that a bug in the
// scheduler's versions (util::LocalToUtc, catalog::SizeWave, plan::DefaultVcpuQuota) shows up
// as a violation instead of being repeated by the checker.
#include <array>
#include <string_view>

#include <date/tz.h>

#include "plan/checker_internal.h"

namespace plan::check {
namespace {

using std::chrono::minutes;

std::chrono::seconds OffsetAt(util::TimePoint instant, const date::time_zone& zone) {
  return zone.get_info(date::sys_seconds(instant.time_since_epoch())).offset;
}

util::LocalTime WallClock(util::TimePoint instant, const date::time_zone& zone) {
  return util::LocalTime{instant.time_since_epoch() + OffsetAt(instant, zone)};
}

// The sizes that run in the first wave and on-demand outside evening windows: "large"
// and smaller (docs/planning.md, "Waves" and "Markets").
constexpr std::array<std::string_view, 5> kSmallSizes = {"nano", "micro", "small", "medium",
                                                         "large"};

}  // namespace

util::TimePoint FirstInstantAtOrAfter(util::LocalTime local, const std::string& zone_name) {
  const date::time_zone& zone = *date::locate_zone(zone_name);
  // Every UTC offset in use lies within -12 h .. +14 h, so 15 h before the wall-clock time
  // the zone's clock still reads earlier than `local`. Walk forward in 15-minute steps (all
  // offsets and transitions are on quarter hours) to the first step that reads `local` or
  // later, then minute by minute inside the last step.
  util::TimePoint instant{local.time_since_epoch() - std::chrono::hours(15)};
  while (WallClock(instant, zone) < local) instant += minutes(15);
  util::TimePoint earlier = instant - minutes(15);
  while (WallClock(earlier, zone) < local) earlier += minutes(1);
  return earlier;
}

util::LocalDays CalendarDay(util::TimePoint instant, const std::string& zone_name) {
  return std::chrono::floor<date::days>(WallClock(instant, *date::locate_zone(zone_name)));
}

int WaveOfSize(const std::string& size) {
  for (std::string_view small : kSmallSizes) {
    if (size == small) return 1;
  }
  if (size == "xlarge") return 2;
  if (size == "2xlarge") return 3;
  return 4;
}

bool SpotSized(const std::string& size) { return WaveOfSize(size) > 1; }

int DocumentedDefaultQuota(const std::string& quota_class) {
  // docs/planning.md, "Quotas": a new account has 5 vCPUs of the standard class in both
  // markets, and no published default for the other classes.
  return quota_class == "standard" ? 5 : 0;
}

}  // namespace plan::check
