#pragma once
// Shared set-up for the agent tests: the host's real sysinfo and a RunContext over it.

#include <atomic>

#include "agent/capabilities.h"
#include "agent/clock.h"
#include "agent/monitor.h"
#include "agent/sysinfo.h"
#include "agent/variant.h"

namespace agent::testing {

// The host as the agent sees it, collected once per test binary.
inline const SysInfo& HostInfo() {
  static const SysInfo info = CollectSysInfo(RootedFileReader());
  return info;
}

// A quick-mode context on the real host with a real clock (kernels time themselves).
struct HostContext {
  RootedFileReader files;
  RealClock clock;
  Monitor monitor{files};
  std::atomic<bool> cancel{false};
  RealCapabilities caps{HostInfo()};
  RunContext ctx;

  explicit HostContext(int iterations = 3, int threads = 0) {
    ctx.iterations = iterations;
    ctx.quick = true;
    ctx.threads = threads > 0 ? threads : HostInfo().logical_cpus;
    ctx.info = &HostInfo();
    ctx.caps = &caps;
    ctx.clock = &clock;
    ctx.monitor = &monitor;
    ctx.cancel = &cancel;
  }
};

}  // namespace agent::testing
