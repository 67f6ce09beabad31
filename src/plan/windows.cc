#include "plan/windows.h"

#include <algorithm>

#include "catalog/name.h"

namespace plan {

const std::array<WindowTemplate, kWindowsPerDay>& WindowTemplates() {
  static const std::array<WindowTemplate, kWindowsPerDay> kTemplates = {{
      {"morning", 8, 12, "cost-optimized"},
      {"afternoon", 14, 20, "balanced"},
      {"evening", 20, 24, "spot-optimized"},
  }};
  return kTemplates;
}

std::array<int, kWindowsPerDay> SplitDailyCap(int daily_cap) {
  std::array<int, kWindowsPerDay> shares{};
  if (daily_cap <= 0) return shares;
  long long total_hours = 0;
  for (const WindowTemplate& window : WindowTemplates())
    total_hours += window.end_hour - window.start_hour;
  int assigned = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    long long hours = WindowTemplates()[i].end_hour - WindowTemplates()[i].start_hour;
    shares[i] = static_cast<int>(static_cast<long long>(daily_cap) * hours / total_hours);
    assigned += shares[i];
  }
  // Leftovers go to the window with the fewest jobs so the short windows are not starved;
  // strict largest remainder would give 30 -> 9/13/8 where docs/planning.md asks for 9/12/9.
  for (int left = daily_cap - assigned; left > 0; --left) {
    auto fewest = std::min_element(shares.begin(), shares.end());
    ++*fewest;
  }
  return shares;
}

std::vector<Category> FocusOf(int window_index, int day_index, bool rotation) {
  int group = rotation ? (window_index + day_index) % kWindowsPerDay : window_index;
  switch (group) {
    case 0:
      return {Category::kMemory};
    case 1:
      return {Category::kCompute};
    default:
      return {Category::kLibrary, Category::kMicro};
  }
}

bool InFocus(const std::vector<Category>& focus, Category category) {
  return std::find(focus.begin(), focus.end(), category) != focus.end();
}

Market ChooseMarket(bool enable_spot, int window_index, const std::string& size) {
  if (!enable_spot) return Market::kOnDemand;
  if (window_index == kWindowsPerDay - 1) return Market::kSpot;
  return catalog::SizeRank(size) >= catalog::SizeRank("xlarge") ? Market::kSpot : Market::kOnDemand;
}

std::vector<DayWindow> BuildWindows(const Spec& spec, const std::string& region,
                                    const std::string& timezone, int first_day, int count) {
  std::vector<DayWindow> windows;
  std::array<int, kWindowsPerDay> caps = SplitDailyCap(spec.max_daily_jobs);
  util::LocalDays day0 = util::LocalDay(spec.start, timezone);
  for (int day = first_day; day < first_day + count; ++day) {
    util::LocalDays local_day = day0 + date::days(day);
    for (int w = 0; w < kWindowsPerDay; ++w) {
      const WindowTemplate& tmpl = WindowTemplates()[static_cast<size_t>(w)];
      // Wall-clock bounds converted on their own day, so DST days keep 08:00-12:00 local.
      util::TimePoint start = util::LocalToUtc(
          util::LocalTime{local_day.time_since_epoch()} + std::chrono::hours(tmpl.start_hour),
          timezone);
      util::TimePoint end = util::LocalToUtc(
          util::LocalTime{local_day.time_since_epoch()} + std::chrono::hours(tmpl.end_hour),
          timezone);
      start = std::max(start, spec.start);
      if (start >= end) continue;
      DayWindow entry;
      entry.day_index = day;
      entry.window_index = w;
      entry.window.id = region + "/" + util::FormatDate(local_day) + "/" + tmpl.name;
      entry.window.region = region;
      entry.window.name = tmpl.name;
      entry.window.timezone = timezone;
      entry.window.start = start;
      entry.window.end = end;
      entry.window.max_jobs = caps[static_cast<size_t>(w)];
      entry.window.focus = FocusOf(w, day, spec.benchmark_rotation);
      entry.window.market_policy = tmpl.market_policy;
      windows.push_back(std::move(entry));
    }
  }
  return windows;
}

}  // namespace plan
