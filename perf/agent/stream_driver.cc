// Our `stream` variant's kernels and driver at a given array size, so that
// perf/compare-agent can run them on exactly the size hpcc's STREAM used.
// Usage: agent_stream_driver ELEMENTS_PER_ARRAY THREADS ITERATIONS [KERNELS]
// KERNELS: portable (the `stream` variant's, default), avx2 or avx512 (`stream-avx2`,
// `stream-avx512`: non-temporal stores). The caller checks that the CPU has the ISA
// (perf/compare-agent reads /proc/cpuinfo); a set this build lacks is refused with status 2.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "agent/clock.h"
#include "agent/stream/kernels.h"
#include "agent/stream/stream_run.h"
#include "agent/threads.h"

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: %s ELEMENTS_PER_ARRAY THREADS ITERATIONS [KERNELS]\n", argv[0]);
    return 2;
  }
  const std::string which = argc == 5 ? argv[4] : "portable";
  const agent::stream::KernelSet* kernels = which == "portable" ? &agent::stream::PortableKernels()
                                            : which == "avx2"   ? agent::stream::Avx2Kernels()
                                            : which == "avx512" ? agent::stream::Avx512Kernels()
                                                                : nullptr;
  if (kernels == nullptr) {
    std::fprintf(stderr,
                 "KERNELS '%s': this build has no such set (accepted: portable, avx2, avx512)\n",
                 which.c_str());
    return 2;
  }
  const auto elements = static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10));
  const int threads = std::atoi(argv[2]);
  agent::RealClock clock;
  agent::RunContext ctx;
  ctx.iterations = std::atoi(argv[3]);
  ctx.threads = threads;
  ctx.clock = &clock;
  agent::stream::Arrays arrays(elements);
  const auto cpus = agent::AllowedCpus();
  agent::BindOpenMpThreads(threads, cpus);
  auto outcome = agent::stream::RunStream(*kernels, arrays, threads, ctx);
  const auto& triad = outcome.gbs[3];
  if (triad.empty() || !outcome.validation.passed) {
    std::fprintf(stderr, "stream failed validation\n");
    return 1;
  }
  std::printf("triad_best_gbs %.3f\n", *std::max_element(triad.begin(), triad.end()));
  return 0;
}
