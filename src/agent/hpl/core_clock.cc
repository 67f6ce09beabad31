// The core clock from a chain of dependent adds (fma.h): cycles are counted by the chain's
// length, so no cycle counter is needed, and the clock is the one the core runs at now. The
// chain is timed in this thread's CPU time, so other processes sharing the core do not make
// the clock look slower.

#include <algorithm>
#include <cstdint>

#include "agent/clock.h"
#include "agent/hpl/fma.h"

namespace agent::hpl {

namespace {

// Cycles per second of one run of about `seconds` (rounds doubled until it lasts that long).
double ChainGhz(double seconds) {
  constexpr std::uint64_t kAddsPerRound = 64;
  std::uint64_t rounds = 1000;
  for (;;) {
    const double start = ThreadCpuSeconds();
    DependentAdds(rounds);
    const double elapsed = ThreadCpuSeconds() - start;
    if (elapsed >= seconds || rounds > (1ULL << 40)) {
      return elapsed > 0 ? static_cast<double>(rounds * kAddsPerRound) / elapsed / 1e9 : 0.0;
    }
    rounds *= 2;
  }
}

}  // namespace

double MeasureCoreGhz(double seconds) {
  // The fastest of five short runs: preemption only ever makes a run look slower, and a
  // shared VM preempts often.
  double best = 0.0;
  for (int i = 0; i < 5; ++i) best = std::max(best, ChainGhz(seconds / 5));
  return best;
}

}  // namespace agent::hpl
