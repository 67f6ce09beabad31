// The dgemm inside our hpl (through the run-time Blas interface) against a direct
// cblas_dgemm call linked at build time, on the same shape and threads.
// Usage: agent_dgemm_driver M N K THREADS REPEATS

#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "agent/hpl/blas.h"
#include "agent/hpl/lu.h"

namespace {

template <typename Call>
double BestGflops(int m, int n, int k, int repeats, Call call) {
  double best = 0.0;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    call();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::max(best, 2.0 * m * n * k / s / 1e9);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s M N K THREADS REPEATS\n", argv[0]);
    return 2;
  }
  const int m = std::atoi(argv[1]), n = std::atoi(argv[2]), k = std::atoi(argv[3]);
  const int threads = std::atoi(argv[4]), repeats = std::atoi(argv[5]);
  const auto count = [](int rows, int cols) {
    return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  };
  std::vector<double> a(count(m, k)), b(count(k, n)), c(count(m, n), 0.0);
  agent::hpl::FillRandom(a, 1);
  agent::hpl::FillRandom(b, 2);
  auto blas = agent::hpl::MakeDlopenBlasLoader()->Load("libopenblas.so.0");
  if (!blas) {
    std::fprintf(stderr, "%s\n", blas.error().message.c_str());
    return 1;
  }
  (*blas)->SetThreads(threads);
  openblas_set_num_threads(threads);
  // Alternate the two so that both see the same machine state.
  double ours = 0.0, direct = 0.0;
  for (int round = 0; round < 2; ++round) {
    ours = std::max(ours, BestGflops(m, n, k, repeats, [&] {
                      (*blas)->Dgemm(agent::hpl::Trans::kNo, agent::hpl::Trans::kNo, m, n, k, -1.0,
                                     a.data(), m, b.data(), k, 1.0, c.data(), m);
                    }));
    direct = std::max(direct, BestGflops(m, n, k, repeats, [&] {
                        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, -1.0,
                                    a.data(), m, b.data(), k, 1.0, c.data(), m);
                      }));
  }
  std::printf("kernel %s\n", (*blas)->Info().kernel.c_str());
  std::printf("interface_gflops %.3f\ndirect_gflops %.3f\n", ours, direct);
  return 0;
}
