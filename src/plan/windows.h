#pragma once
// Daily windows (docs/planning.md, "Windows"): morning 08-12, afternoon 14-20, evening 20-24 in the
// region's time zone, the daily cap split across them, focus rotation and the market rule.

#include <array>
#include <string>
#include <vector>

#include "plan/model.h"
#include "plan/spec.h"
#include "util/time.h"

namespace plan {

inline constexpr int kWindowsPerDay = 3;

struct WindowTemplate {
  const char* name;
  int start_hour;  // local wall clock
  int end_hour;    // 24 means midnight at the end of the day
  const char* market_policy;
};

// morning, afternoon, evening, in that order.
const std::array<WindowTemplate, kWindowsPerDay>& WindowTemplates();

// The cap split in proportion to window length: each window gets the floor of its exact
// share, then each job left over goes to the window holding the fewest jobs so far (the
// earlier window on a tie). Sum == cap; each share is within 1 of the exact share.
// 30 -> 9/12/9.
std::array<int, kWindowsPerDay> SplitDailyCap(int daily_cap);

// Focus of window `window_index` on campaign day `day_index` (0-based). Day 0 is the
// table in docs/planning.md, "Focus"; with rotation every later day shifts the assignment by one
// window.
std::vector<Category> FocusOf(int window_index, int day_index, bool rotation);
bool InFocus(const std::vector<Category>& focus, Category category);

// The market rule (docs/planning.md, "Markets"). With spot enabled: evening windows and sizes
// xlarge and larger run on spot; everything else on-demand.
Market ChooseMarket(bool enable_spot, int window_index, const std::string& size);

// One window of one day, with its day index kept for the scheduler.
struct DayWindow {
  Window window;
  int day_index = 0;
  int window_index = 0;
};

// Windows of days [first_day, first_day + count) of the campaign in `timezone`. Day 0 is
// the calendar day containing `start`; windows (or parts of them) before `start` are cut.
std::vector<DayWindow> BuildWindows(const Spec& spec, const std::string& region,
                                    const std::string& timezone, int first_day, int count);

}  // namespace plan
