#include "plan/remedy.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace plan {
namespace {

constexpr int kMaxDays = 366;   // the largest --days accepted
constexpr int kMaxReplans = 3;  // bound on re-plans per searched flag

// Whether the region places every job within spec.days with `changed` applied.
bool PlacesAll(const Spec& changed, const Prepared& prepared, int region_index,
               const std::vector<int>& region_candidates) {
  const RegionContext& region = prepared.regions[static_cast<size_t>(region_index)];
  RegionScheduler scheduler(changed, prepared.candidates, region_candidates);
  for (const DayWindow& window :
       BuildWindows(changed, region.name, region.timezone, 0, changed.days)) {
    scheduler.PlaceWindow(window);
  }
  return scheduler.remaining() == 0;
}

// A value above `current` for which `set` lets every job of the region fit. The first try
// scales `current` by jobs wanted / jobs placed; a miss doubles, a fit is narrowed by
// bisection while re-plans remain. Every value returned was verified by a re-plan.
template <typename Setter>
std::optional<int> FittingValue(const Spec& spec, int current, double scale, Setter set,
                                const Prepared& prepared, int region_index,
                                const std::vector<int>& region_candidates) {
  auto fits = [&](int value) {
    Spec changed = spec;
    set(changed, value);
    return PlacesAll(changed, prepared, region_index, region_candidates);
  };
  int low = current, high = 0, tries = 0;
  // Beyond 4x the suggestion would not be a useful one; more days are then the remedy.
  int value = std::max(current + 1, static_cast<int>(std::ceil(current * std::min(scale, 4.0))));
  for (; tries < kMaxReplans && high == 0; value *= 2, ++tries) {
    (fits(value) ? high : low) = value;
  }
  for (; high != 0 && high - low > 1 && tries < kMaxReplans; ++tries) {
    int middle = low + (high - low) / 2;
    (fits(middle) ? high : low) = middle;
  }
  return high != 0 ? std::optional<int>(high) : std::nullopt;
}

// Day (0-based) on which each leftover would be placed if the campaign ran longer.
std::map<int, int> ExtraDays(const Spec& spec, const RegionContext& region,
                             const RegionScheduler& finished) {
  RegionScheduler continued = finished;
  std::map<int, int> day_of;
  for (int day = spec.days; day < kMaxDays && continued.remaining() > 0; ++day) {
    size_t before = continued.sessions().size();
    for (const DayWindow& window : BuildWindows(spec, region.name, region.timezone, day, 1)) {
      continued.PlaceWindow(window);
    }
    for (size_t i = before; i < continued.sessions().size(); ++i) {
      for (int index : continued.sessions()[i].candidates) day_of[index] = day;
    }
  }
  return day_of;
}

std::string Reason(const Spec& spec, const RegionScheduler& finished) {
  std::string text =
      "no room within --days " + std::to_string(spec.days) + ": " +
      std::to_string(finished.windows_full()) + " of " + std::to_string(finished.windows_seen()) +
      " windows used their whole share of --max-daily-jobs " + std::to_string(spec.max_daily_jobs);
  if (finished.windows_concurrency_bound() > 0) {
    text += "; in " + std::to_string(finished.windows_concurrency_bound()) +
            " a session waited for one of the " + std::to_string(spec.max_concurrent) +
            " --max-concurrent slots";
  }
  if (finished.windows_full() < finished.windows_seen()) {
    text += "; vCPU quotas, size waves and window length limited the rest";
  }
  return text;
}

}  // namespace

std::vector<Unscheduled> ExplainLeftovers(const Spec& spec, const Prepared& prepared,
                                          int region_index,
                                          const std::vector<int>& region_candidates,
                                          const RegionScheduler& finished) {
  std::vector<Unscheduled> explained;
  std::vector<int> left = finished.Remaining();
  if (left.empty()) return explained;
  const RegionContext& region = prepared.regions[static_cast<size_t>(region_index)];
  std::map<int, int> day_of = ExtraDays(spec, region, finished);
  std::string alternatives;
  double scale = static_cast<double>(region_candidates.size()) /
                 static_cast<double>(std::max<size_t>(1, region_candidates.size() - left.size()));
  if (finished.windows_full() > 0) {
    auto cap = FittingValue(
        spec, spec.max_daily_jobs, scale, [](Spec& s, int v) { s.max_daily_jobs = v; }, prepared,
        region_index, region_candidates);
    if (cap) alternatives += ", or --max-daily-jobs " + std::to_string(*cap);
  }
  if (finished.windows_concurrency_bound() > 0) {
    auto concurrent = FittingValue(
        spec, spec.max_concurrent, scale, [](Spec& s, int v) { s.max_concurrent = v; }, prepared,
        region_index, region_candidates);
    if (concurrent) alternatives += ", or --max-concurrent " + std::to_string(*concurrent);
  }
  std::string reason = Reason(spec, finished);
  for (int index : left) {
    std::string remedy;
    auto day = day_of.find(index);
    if (day != day_of.end()) {
      int more = day->second + 1 - spec.days;
      remedy = "needs " + std::to_string(more) + (more == 1 ? " more day" : " more days") +
               " (--days " + std::to_string(day->second + 1) + ")" + alternatives;
    } else {
      remedy = alternatives.empty()
                   ? "more days alone do not place it: raise --vcpu-quota or --max-concurrent"
                   : alternatives.substr(5);  // drop the leading ", or "
    }
    explained.push_back({prepared.candidates[static_cast<size_t>(index)].job, reason, remedy});
  }
  return explained;
}

}  // namespace plan
