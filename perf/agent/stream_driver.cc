// Our `stream` variant's kernels and driver at a given array size, so that
// perf/compare-agent can run them on exactly the size hpcc's STREAM used.
// Usage: agent_stream_driver ELEMENTS_PER_ARRAY THREADS ITERATIONS

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "agent/clock.h"
#include "agent/stream/kernels.h"
#include "agent/stream/stream_run.h"
#include "agent/threads.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s ELEMENTS_PER_ARRAY THREADS ITERATIONS\n", argv[0]);
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
  auto outcome = agent::stream::RunStream(agent::stream::PortableKernels(), arrays, threads, ctx);
  const auto& triad = outcome.gbs[3];
  if (triad.empty() || !outcome.validation.passed) {
    std::fprintf(stderr, "stream failed validation\n");
    return 1;
  }
  std::printf("triad_best_gbs %.3f\n", *std::max_element(triad.begin(), triad.end()));
  return 0;
}
