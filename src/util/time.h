#pragma once
// Instants, calendar days and time zones. Instants are UTC seconds; wall-clock values
// only exist at the edges (parsing flags, formatting output, window bounds).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>

#include "util/expected.h"

namespace util {

using TimePoint = std::chrono::sys_seconds;

// Epoch seconds, the form instants take in the journal and the providers' state files.
inline int64_t ToSeconds(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromSeconds(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }
// date:: rather than std::chrono:: local types, because the tz database is date's.
using LocalTime = date::local_seconds;
using LocalDays = date::local_days;

// Validates an IANA zone name ("America/New_York") against the OS tz database.
Status CheckTimeZone(std::string_view zone_name);

// The instant at which the wall clock in `zone_name` shows `local`. On a daylight-saving
// gap the wall-clock time does not exist: the instant after the gap is used. On an overlap
// the earlier instant is used. So 08:00 is 08:00 local on every day, DST days included.
TimePoint LocalToUtc(LocalTime local, std::string_view zone_name);
LocalTime UtcToLocal(TimePoint instant, std::string_view zone_name);
// The calendar day, in `zone_name`, that contains `instant`.
LocalDays LocalDay(TimePoint instant, std::string_view zone_name);

// "2026-11-30T08:00:00-05:00": ISO 8601 with the zone's UTC offset at that instant.
std::string FormatIso8601(TimePoint instant, std::string_view zone_name);
// "2026-11-30T13:00:00Z".
std::string FormatIso8601Utc(TimePoint instant);
// "2026-11-30".
std::string FormatDate(LocalDays day);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (wall-clock time in `zone_name`), or
// either of those with "Z" or "+HH:MM"/"-HH:MM" (an explicit offset wins over the zone).
Expected<TimePoint> ParseTimestamp(std::string_view text, std::string_view zone_name);
// Like ParseTimestamp but requires an explicit offset or "Z" (used for plan files).
Expected<TimePoint> ParseIso8601WithOffset(std::string_view text);

// Instants accepted anywhere the user gives one (flags, specs, plans): from
// 1970-01-01T00:00:00Z up to, not including, 9000-01-01T00:00:00Z, so that every instant
// prints with a four-digit year in any zone and reads back. `text` is what the user wrote.
Status CheckAcceptedInstant(TimePoint instant, std::string_view text);

}  // namespace util
