#pragma once
// Time sources behind an interface (so tests can drive them): kernels time themselves with the
// monotonic clock; metadata uses the wall clock. Tests use the fake.

#include <chrono>
#include <cstdint>
#include <string>

namespace agent {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds from an arbitrary origin, monotonic, high resolution.
  virtual double MonotonicSeconds() const = 0;
  // Seconds since the Unix epoch (UTC), for start/end timestamps.
  virtual double WallSeconds() const = 0;
};

class RealClock final : public Clock {
 public:
  double MonotonicSeconds() const override;
  double WallSeconds() const override;
};

// A clock that moves only when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(double wall_start = 1.7e9) : wall_start_(wall_start) {}
  double MonotonicSeconds() const override { return now_; }
  double WallSeconds() const override { return wall_start_ + now_; }
  void Advance(double seconds) { now_ += seconds; }

 private:
  double wall_start_;
  double now_ = 0;
};

// Seconds this thread has run on a CPU (CLOCK_THREAD_CPUTIME_ID). Time spent preempted by
// other processes of the guest does not count, so a loop timed with it reads at the core's
// speed on a loaded machine too (a hypervisor's steal still counts: take the best of runs).
double ThreadCpuSeconds();

// "2026-11-29T12:00:00.123Z".
std::string FormatUtc(double wall_seconds);

}  // namespace agent
