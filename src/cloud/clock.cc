#include "cloud/clock.h"

#include <algorithm>
#include <thread>

namespace cloud {

util::TimePoint RealClock::Now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

void RealClock::SleepUntil(util::TimePoint until) {
  auto now = std::chrono::system_clock::now();
  if (until <= now) return;
  auto slice =
      std::min<std::chrono::system_clock::duration>(until - now, std::chrono::milliseconds(200));
  std::this_thread::sleep_for(slice);
}

}  // namespace cloud
