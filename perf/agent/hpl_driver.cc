// Runs our HPL at a given N, block and thread count and prints one line per iteration,
// so that perf/compare-agent can put it beside hpcc's HPL on the same problem.
// Usage: agent_hpl_driver LIBRARY N NB THREADS ITERATIONS

#include <cstdio>
#include <cstdlib>

#include "agent/hpl/blas.h"
#include "agent/hpl/hpl_run.h"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s LIBRARY N NB THREADS ITERATIONS\n", argv[0]);
    return 2;
  }
  const int n = std::atoi(argv[2]);
  const int nb = std::atoi(argv[3]);
  const int threads = std::atoi(argv[4]);
  const int iterations = std::atoi(argv[5]);
  auto blas = agent::hpl::MakeDlopenBlasLoader()->Load(argv[1]);
  if (!blas) {
    std::fprintf(stderr, "skipped: %s\n", blas.error().message.c_str());
    return 1;
  }
  (*blas)->SetThreads(threads);
  agent::hpl::HplProblem problem(n, nb, 42);
  double best = 0.0;
  for (int i = 0; i < iterations; ++i) {
    auto sample = problem.RunOnce(**blas, threads);
    if (!sample) {
      std::fprintf(stderr, "failed: %s\n", sample.error().message.c_str());
      return 1;
    }
    std::printf("iteration %d: N=%d NB=%d time=%.3f s gflops=%.2f residual=%.4g\n", i, n, nb,
                sample->seconds, sample->gflops, sample->residual);
    if (sample->gflops > best) best = sample->gflops;
  }
  std::printf("best_gflops %.3f\n", best);
  return 0;
}
