#pragma once
// Time sources behind an interface (DESIGN.md §12): kernels time themselves with the
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

// "2026-11-29T12:00:00.123Z".
std::string FormatUtc(double wall_seconds);

}  // namespace agent
