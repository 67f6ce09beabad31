// The checker's time rules: window bounds and focus, caps, and everything that must not
// overlap (concurrency, quotas, waves, same type).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "catalog/name.h"
#include "plan/checker_internal.h"
#include "util/time.h"

namespace plan::check {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

struct Slot {
  const char* name;
  int begin_hour;
  int end_hour;
  const char* market_policy;
  int index;
};

// docs/planning.md, "Windows": the three windows, in wall-clock hours of the region's zone.
constexpr Slot kSlots[] = {
    {"morning", 8, 12, "cost-optimized", 0},
    {"afternoon", 14, 20, "balanced", 1},
    {"evening", 20, 24, "spot-optimized", 2},
};
constexpr int kDailyWindowHours = 4 + 6 + 4;

const Slot* FindSlot(const std::string& name) {
  for (const Slot& slot : kSlots) {
    if (name == slot.name) return &slot;
  }
  return nullptr;
}

// Focus groups in the order the rotation walks them: memory, compute, library + micro.
std::vector<Category> FocusGroup(int group) {
  if (group == 0) return {Category::kMemory};
  if (group == 1) return {Category::kCompute};
  return {Category::kLibrary, Category::kMicro};
}

std::string FocusText(std::vector<Category> focus) {
  std::sort(focus.begin(), focus.end());
  std::string text;
  for (Category category : focus)
    text += (text.empty() ? "" : "+") + std::string(ToString(category));
  return text.empty() ? "(none)" : text;
}

util::LocalDays WindowDay(const Window& window, const std::string& zone) {
  // The end is 00:00 of the next day for an evening window, so step back one second.
  return CalendarDay(window.end - seconds(1), zone);
}

void CheckWindowTimes(const Context& ctx, const Window& window, const Slot& slot,
                      const std::string& zone, const std::string& where) {
  const Spec& spec = ctx.plan.spec;
  util::LocalDays day = WindowDay(window, zone);
  auto day_index = (day - CalendarDay(spec.start, zone)).count();
  if (day_index < 0 || day_index >= spec.days) {
    ctx.Add(Rule::kWindowBounds, where,
            "is on campaign day " + std::to_string(day_index + 1) + ", outside days 1.." +
                std::to_string(spec.days));
  }
  auto [start, end] = *WindowBounds(slot.name, day, zone);
  // A campaign that starts inside a window may clip that window's start.
  bool clipped = window.start == spec.start && start < spec.start && spec.start < end;
  if (window.end != end || (window.start != start && !clipped)) {
    ctx.Add(Rule::kWindowBounds, where,
            "runs " + Utc(window.start) + " .. " + Utc(window.end) + "; a " + slot.name +
                " window in " + zone + " runs " + Utc(start) + " .. " + Utc(end));
  }
  if (window.start < spec.start) {
    ctx.Add(Rule::kWindowBounds, where, "starts before the campaign (" + Utc(spec.start) + ")");
  }
  if (window.market_policy != slot.market_policy) {
    ctx.Add(Rule::kWindowBounds, where,
            "market policy '" + window.market_policy + "', expected '" + slot.market_policy + "'");
  }
  int group = slot.index;
  if (spec.benchmark_rotation)
    group = static_cast<int>((slot.index + std::max<int64_t>(day_index, 0)) % 3);
  std::string expected = FocusText(FocusGroup(group));
  if (FocusText(window.focus) != expected) {
    ctx.Add(Rule::kWindowBounds, where,
            "focus " + FocusText(window.focus) + ", expected " + expected);
  }
}

struct Interval {
  util::TimePoint start, end;
  int64_t weight;
};

// The largest total weight of intervals [start, end) that overlap, and when it happens.
std::pair<int64_t, util::TimePoint> PeakOverlap(const std::vector<Interval>& intervals) {
  std::vector<std::pair<util::TimePoint, int64_t>> events;
  for (const Interval& interval : intervals) {
    events.emplace_back(interval.start, interval.weight);
    events.emplace_back(interval.end, -interval.weight);
  }
  // At one instant, ends come first: a session may start when another ends.
  std::sort(events.begin(), events.end());
  int64_t current = 0, peak = 0;
  util::TimePoint when{};
  for (const auto& [time, delta] : events) {
    current += delta;
    if (current > peak) std::tie(peak, when) = std::make_pair(current, time);
  }
  return {peak, when};
}

std::map<std::string, std::vector<const Session*>> SessionsByRegion(const Context& ctx) {
  std::map<std::string, std::vector<const Session*>> by_region;
  for (const Session& session : ctx.plan.sessions) by_region[session.region].push_back(&session);
  return by_region;
}

std::string SizeOf(const Context& ctx, const Session& session) {
  const catalog::InstanceType* type = ctx.TypeOf(session.instance_type);
  if (type != nullptr) return type->size;
  auto name = catalog::ParseTypeName(session.instance_type);
  return name ? name->size : std::string();
}

void CheckWaves(const Context& ctx, const std::string& region,
                const std::vector<const Session*>& sessions) {
  std::map<int, std::pair<util::TimePoint, util::TimePoint>> span;  // wave -> first start, last end
  for (const Session* session : sessions) {
    int wave = WaveOfSize(SizeOf(ctx, *session));
    auto [it, inserted] = span.try_emplace(wave, session->start, session->end);
    if (!inserted) {
      it->second.first = std::min(it->second.first, session->start);
      it->second.second = std::max(it->second.second, session->end);
    }
  }
  for (auto a = span.begin(); a != span.end(); ++a) {
    for (auto b = std::next(a); b != span.end(); ++b) {
      if (a->second.second > b->second.first) {
        ctx.Add(Rule::kWaves, "region " + region,
                "wave " + std::to_string(a->first) + " runs until " + Utc(a->second.second) +
                    ", after wave " + std::to_string(b->first) + " starts at " +
                    Utc(b->second.first));
      }
    }
  }
}

void CheckSameType(const Context& ctx, const std::string& region,
                   std::vector<const Session*> sessions) {
  std::sort(sessions.begin(), sessions.end(), [](const Session* a, const Session* b) {
    return std::tie(a->instance_type, a->start) < std::tie(b->instance_type, b->start);
  });
  for (size_t i = 1; i < sessions.size(); ++i) {
    const Session& before = *sessions[i - 1];
    const Session& after = *sessions[i];
    if (before.instance_type == after.instance_type && after.start < before.end) {
      ctx.Add(Rule::kSameTypeOverlap, "region " + region,
              "sessions '" + before.id + "' and '" + after.id + "' both run " +
                  after.instance_type + " at " + Utc(after.start));
    }
  }
}

void CheckQuotas(const Context& ctx, const std::string& region,
                 const std::vector<const Session*>& sessions) {
  std::map<QuotaKey, std::vector<Interval>> by_key;
  for (const Session* session : sessions) {
    const catalog::InstanceType* type = ctx.TypeOf(session->instance_type);
    std::string quota_class = type != nullptr ? type->quota_class : session->quota_class;
    int64_t vcpus = type != nullptr ? type->vcpus : session->vcpus;
    by_key[QuotaKey{quota_class, session->market}].push_back({session->start, session->end, vcpus});
  }
  for (const auto& [key, intervals] : by_key) {
    std::optional<int> quota = QuotaOf(ctx.plan.spec, key);
    if (!quota) continue;
    auto [peak, when] = PeakOverlap(intervals);
    if (peak > *quota) {
      ctx.Add(Rule::kQuota, "region " + region,
              std::to_string(peak) + " " + key.quota_class + " " + ToString(key.market) +
                  " vCPUs run at " + Utc(when) + ", quota " + std::to_string(*quota));
    }
  }
}

}  // namespace

std::optional<std::pair<util::TimePoint, util::TimePoint>> WindowBounds(const std::string& slot,
                                                                        util::LocalDays day,
                                                                        const std::string& zone) {
  const Slot* found = FindSlot(slot);
  if (found == nullptr) return std::nullopt;
  return std::pair{FirstInstantAtOrAfter(day + hours(found->begin_hour), zone),
                   FirstInstantAtOrAfter(day + hours(found->end_hour), zone)};
}

void CheckWindows(const Context& ctx) {
  std::set<std::tuple<std::string, util::LocalDays, std::string>> seen;
  for (size_t i = 0; i < ctx.plan.windows.size(); ++i) {
    const Window& window = ctx.plan.windows[i];
    std::string where = "windows[" + std::to_string(i) + "]";
    std::string zone = ctx.ZoneOf(window.region);
    const Slot* slot = FindSlot(window.name);
    if (zone.empty()) {
      ctx.Add(Rule::kReference, where, "region '" + window.region + "' has no known time zone");
      continue;
    }
    if (slot == nullptr) {
      ctx.Add(Rule::kWindowBounds, where, "unknown window name '" + window.name + "'");
      continue;
    }
    if (window.timezone != zone) {
      ctx.Add(Rule::kWindowBounds, where,
              "time zone '" + window.timezone + "', expected '" + zone + "'");
    }
    if (!seen.emplace(window.region, WindowDay(window, zone), window.name).second) {
      ctx.Add(Rule::kWindowBounds, where, "a second " + window.name + " window on the same day");
    }
    CheckWindowTimes(ctx, window, *slot, zone, where);
  }
}

void CheckCaps(const Context& ctx) {
  const int cap = ctx.plan.spec.max_daily_jobs;
  std::map<std::pair<std::string, util::LocalDays>, int64_t> jobs_per_day, caps_per_day;
  std::map<std::string, int64_t> jobs_per_window;
  for (const Job& job : ctx.plan.jobs) {
    std::string zone = ctx.ZoneOf(job.region);
    if (!zone.empty()) ++jobs_per_day[{job.region, CalendarDay(job.start, zone)}];
    auto session = ctx.sessions.find(job.session);
    if (session != ctx.sessions.end()) ++jobs_per_window[session->second->window];
  }
  for (const auto& [key, count] : jobs_per_day) {
    if (count > cap) {
      ctx.Add(Rule::kDailyCap, "region " + key.first + " " + util::FormatDate(key.second),
              std::to_string(count) + " jobs, --max-daily-jobs " + std::to_string(cap));
    }
  }
  for (size_t i = 0; i < ctx.plan.windows.size(); ++i) {
    const Window& window = ctx.plan.windows[i];
    std::string where = "windows[" + std::to_string(i) + "]";
    int64_t count = jobs_per_window[window.id];
    if (count > window.max_jobs) {
      ctx.Add(Rule::kWindowCap, where,
              std::to_string(count) + " jobs, max_jobs " + std::to_string(window.max_jobs));
    }
    const Slot* slot = FindSlot(window.name);
    std::string zone = ctx.ZoneOf(window.region);
    if (slot == nullptr || zone.empty()) continue;
    caps_per_day[{window.region, WindowDay(window, zone)}] += window.max_jobs;
    // In proportion to the window's length: never more than its share, rounded up.
    int64_t share = (int64_t{cap} * (slot->end_hour - slot->begin_hour) + kDailyWindowHours - 1) /
                    kDailyWindowHours;
    if (window.max_jobs > share) {
      ctx.Add(Rule::kWindowCap, where,
              "max_jobs " + std::to_string(window.max_jobs) + " is more than its share " +
                  std::to_string(share) + " of the daily cap " + std::to_string(cap));
    }
  }
  for (const auto& [key, total] : caps_per_day) {
    if (total > cap) {
      ctx.Add(Rule::kWindowCap, "region " + key.first + " " + util::FormatDate(key.second),
              "window caps add up to " + std::to_string(total) + ", over the daily cap " +
                  std::to_string(cap));
    }
  }
}

void CheckOverlaps(const Context& ctx) {
  for (const auto& [region, sessions] : SessionsByRegion(ctx)) {
    std::vector<Interval> intervals;
    for (const Session* session : sessions) intervals.push_back({session->start, session->end, 1});
    auto [peak, when] = PeakOverlap(intervals);
    if (peak > ctx.plan.spec.max_concurrent) {
      ctx.Add(Rule::kConcurrency, "region " + region,
              std::to_string(peak) + " sessions run at " + Utc(when) + ", --max-concurrent " +
                  std::to_string(ctx.plan.spec.max_concurrent));
    }
    CheckQuotas(ctx, region, sessions);
    if (ctx.plan.spec.instance_size_waves) CheckWaves(ctx, region, sessions);
    CheckSameType(ctx, region, sessions);
  }
}

}  // namespace plan::check
