#pragma once
// Time as a side effect: the executor reads and waits through a Clock, real for aws/local
// and virtual (advanced instantly) for the sim backend and for tests.

#include "util/time.h"

namespace cloud {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual util::TimePoint Now() = 0;
  // Returns at `until` or earlier when interrupted (a signal), never later than needed.
  virtual void SleepUntil(util::TimePoint until) = 0;
};

class RealClock : public Clock {
 public:
  util::TimePoint Now() override;
  // Sleeps in short slices so that a stop request is seen within a fraction of a second.
  void SleepUntil(util::TimePoint until) override;
};

class VirtualClock : public Clock {
 public:
  explicit VirtualClock(util::TimePoint start) : now_(start) {}
  util::TimePoint Now() override { return now_; }
  void SleepUntil(util::TimePoint until) override {
    if (until > now_) now_ = until;
  }

 private:
  util::TimePoint now_;
};

}  // namespace cloud
