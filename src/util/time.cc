#include "util/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "util/strings.h"

namespace util {
namespace {

const date::time_zone* FindZone(std::string_view zone_name) {
  try {
    return date::locate_zone(std::string(zone_name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

const date::time_zone* ZoneOrThrow(std::string_view zone_name) {
  const date::time_zone* zone = FindZone(zone_name);
  if (zone == nullptr)
    throw std::runtime_error("unknown time zone '" + std::string(zone_name) + "'");
  return zone;
}

struct ParsedParts {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::optional<std::chrono::seconds> offset;  // set when the text names one
};

bool ParseFixed(std::string_view text, size_t pos, size_t width, int& out) {
  if (pos + width > text.size()) return false;
  auto value = ParseInt(text.substr(pos, width));
  if (!value || text[pos] == '-' || text[pos] == '+') return false;
  out = static_cast<int>(*value);
  return true;
}

bool ParseOffset(std::string_view rest, ParsedParts& parts) {
  if (rest.empty()) return true;
  if (rest == "Z" || rest == "z") {
    parts.offset = std::chrono::seconds(0);
    return true;
  }
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return false;
  int hours = 0, minutes = 0;
  if (!ParseFixed(rest, 1, 2, hours) || !ParseFixed(rest, 4, 2, minutes)) return false;
  if (hours > 23 || minutes > 59) return false;
  auto offset = std::chrono::seconds(hours * 3600 + minutes * 60);
  parts.offset = rest[0] == '-' ? -offset : offset;
  return true;
}

std::optional<ParsedParts> ParseParts(std::string_view text) {
  ParsedParts parts;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!ParseFixed(text, 0, 4, parts.year) || !ParseFixed(text, 5, 2, parts.month) ||
      !ParseFixed(text, 8, 2, parts.day)) {
    return std::nullopt;
  }
  size_t pos = 10;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    if (!ParseFixed(text, pos + 1, 2, parts.hour) || text.size() < pos + 6 ||
        text[pos + 3] != ':' || !ParseFixed(text, pos + 4, 2, parts.minute)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!ParseFixed(text, pos + 1, 2, parts.second)) return std::nullopt;
      pos += 3;
    }
  }
  if (!ParseOffset(text.substr(pos), parts)) return std::nullopt;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 60) return std::nullopt;
  auto ymd = date::year{parts.year} / date::month{static_cast<unsigned>(parts.month)} /
             date::day{static_cast<unsigned>(parts.day)};
  if (!ymd.ok()) return std::nullopt;
  return parts;
}

LocalTime ToLocal(const ParsedParts& parts) {
  auto ymd = date::year{parts.year} / date::month{static_cast<unsigned>(parts.month)} /
             date::day{static_cast<unsigned>(parts.day)};
  return LocalTime{date::local_days{ymd}.time_since_epoch()} + std::chrono::hours(parts.hour) +
         std::chrono::minutes(parts.minute) + std::chrono::seconds(parts.second);
}

Error BadTimestamp(std::string_view text) {
  return InvalidInput("'" + std::string(text) +
                      "' is not a valid timestamp (accepted: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], "
                      "optionally followed by Z or +HH:MM)");
}

}  // namespace

Status CheckTimeZone(std::string_view zone_name) {
  if (FindZone(zone_name) == nullptr) {
    return InvalidInput("unknown time zone '" + std::string(zone_name) +
                        "' (accepted: an IANA name such as America/New_York)");
  }
  return {};
}

TimePoint LocalToUtc(LocalTime local, std::string_view zone_name) {
  const date::time_zone* zone = ZoneOrThrow(zone_name);
  date::local_info info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return TimePoint{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
      // The gap's end, expressed in UTC: the first valid instant after the skipped hour.
      return info.second.begin;
  }
  return TimePoint{local.time_since_epoch() - info.first.offset};
}

LocalTime UtcToLocal(TimePoint instant, std::string_view zone_name) {
  return ZoneOrThrow(zone_name)->to_local(instant);
}

LocalDays LocalDay(TimePoint instant, std::string_view zone_name) {
  return std::chrono::floor<date::days>(UtcToLocal(instant, zone_name));
}

namespace {

// "YYYY-MM-DDTHH:MM:SS" by hand: date::format goes through an ostream and costs ~25 us a
// call, and a large plan writes ~100k instants.
std::string FormatLocalFields(LocalTime local) {
  auto day = std::chrono::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> clock{local - day};
  char buffer[40];
  int length = std::snprintf(
      buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02lld", static_cast<int>(ymd.year()),
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
      static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
      static_cast<long long>(clock.seconds().count()));
  return std::string(buffer, static_cast<size_t>(std::max(length, 0)));
}

}  // namespace

std::string FormatIso8601(TimePoint instant, std::string_view zone_name) {
  const date::time_zone* zone = ZoneOrThrow(zone_name);
  date::sys_info info = zone->get_info(instant);
  LocalTime local{instant.time_since_epoch() + info.offset};
  std::string text = FormatLocalFields(local);
  long long offset_minutes = info.offset.count() / 60;
  char sign = offset_minutes < 0 ? '-' : '+';
  if (offset_minutes < 0) offset_minutes = -offset_minutes;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%c%02lld:%02lld", sign, offset_minutes / 60,
                offset_minutes % 60);
  return text + buffer;
}

std::string FormatIso8601Utc(TimePoint instant) {
  return FormatLocalFields(LocalTime{instant.time_since_epoch()}) + "Z";
}

std::string FormatDate(LocalDays day) { return date::format("%Y-%m-%d", day); }

Expected<TimePoint> ParseTimestamp(std::string_view text, std::string_view zone_name) {
  auto parts = ParseParts(text);
  if (!parts) return BadTimestamp(text);
  LocalTime local = ToLocal(*parts);
  if (parts->offset) return TimePoint{local.time_since_epoch() - *parts->offset};
  if (auto status = CheckTimeZone(zone_name); !status) return status.error();
  return LocalToUtc(local, zone_name);
}

Expected<TimePoint> ParseIso8601WithOffset(std::string_view text) {
  auto parts = ParseParts(text);
  if (!parts || !parts->offset) {
    return InvalidInput("'" + std::string(text) +
                        "' is not an ISO 8601 timestamp with a UTC offset "
                        "(accepted: YYYY-MM-DDTHH:MM:SS+HH:MM or ...Z)");
  }
  return TimePoint{ToLocal(*parts).time_since_epoch() - *parts->offset};
}

Status CheckAcceptedInstant(TimePoint instant, std::string_view text) {
  static const TimePoint kFirst = FromSeconds(0);
  static const TimePoint kLast = date::sys_days(date::year(9000) / 1 / 1);
  if (instant < kFirst || instant >= kLast) {
    return InvalidInput(
        "'" + std::string(text) +
        "' is outside the accepted range 1970-01-01T00:00:00Z to 9000-01-01T00:00:00Z");
  }
  return {};
}

}  // namespace util
