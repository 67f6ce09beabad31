#pragma once
// Hardware counters for micro-ipc behind an interface: the real one uses perf_event_open,
// the fake lets tests take the counters away (as a VM does) without touching the host.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "util/expected.h"

namespace agent::micro {

struct CounterReading {
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;
  double Ipc() const {
    return cycles == 0 ? 0.0 : static_cast<double>(instructions) / static_cast<double>(cycles);
  }
};

class PerfCounters {
 public:
  virtual ~PerfCounters() = default;
  // Counts user-space instructions and cycles of this thread while `work` runs. kNotFound
  // with the errno text when the counters cannot be opened.
  virtual util::Expected<CounterReading> Count(const std::function<void()>& work) = 0;
};

std::unique_ptr<PerfCounters> MakePerfEventCounters();

// Always fails with `reason`, as perf_event_open does on a VM without a virtual PMU.
class FakeUnavailableCounters final : public PerfCounters {
 public:
  explicit FakeUnavailableCounters(std::string reason) : reason_(std::move(reason)) {}
  util::Expected<CounterReading> Count(const std::function<void()>&) override {
    return util::MakeError(util::ErrorClass::kNotFound, reason_);
  }

 private:
  std::string reason_;
};

}  // namespace agent::micro
