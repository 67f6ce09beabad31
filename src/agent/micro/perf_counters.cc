#include "agent/micro/perf_counters.h"

#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace agent::micro {
namespace {

long OpenCounter(unsigned long long config, int group) {
  perf_event_attr attr{};
  attr.type = PERF_TYPE_HARDWARE;
  attr.size = sizeof attr;
  attr.config = config;
  if (group < 0) attr.disabled = 1;  // the leader starts the whole group
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  return syscall(SYS_perf_event_open, &attr, 0, -1, group, 0);
}

class PerfEventCounters final : public PerfCounters {
 public:
  util::Expected<CounterReading> Count(const std::function<void()>& work) override {
    const long cycles = OpenCounter(PERF_COUNT_HW_CPU_CYCLES, -1);
    if (cycles < 0) return Failure("cycles");
    const long instructions = OpenCounter(PERF_COUNT_HW_INSTRUCTIONS, static_cast<int>(cycles));
    if (instructions < 0) {
      auto error = Failure("instructions");
      close(static_cast<int>(cycles));
      return error;
    }
    const int leader = static_cast<int>(cycles);
    ioctl(leader, PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
    ioctl(leader, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
    work();
    ioctl(leader, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
    CounterReading reading;
    const bool ok = read(leader, &reading.cycles, sizeof reading.cycles) == 8 &&
                    read(static_cast<int>(instructions), &reading.instructions, 8) == 8;
    close(static_cast<int>(instructions));
    close(leader);
    if (!ok) return util::MakeError(util::ErrorClass::kIo, "reading the perf counters failed");
    return reading;
  }

 private:
  static util::Error Failure(const char* counter) {
    const int error = errno;
    return util::MakeError(util::ErrorClass::kNotFound,
                           std::string("perf_event_open(") + counter + ") failed: " +
                               std::strerror(error) + " (errno " + std::to_string(error) + ")");
  }
};

}  // namespace

std::unique_ptr<PerfCounters> MakePerfEventCounters() {
  return std::make_unique<PerfEventCounters>();
}

}  // namespace agent::micro
