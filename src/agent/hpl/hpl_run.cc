#include "agent/hpl/hpl_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include "bench/durations.h"

namespace agent::hpl {
namespace {

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

HplProblem::HplProblem(int n, int block, unsigned long long seed) : block_(block) {
  const auto count = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  original_.n = n;
  original_.data.resize(count);
  FillRandom(original_.data, seed);
  work_.n = n;
  work_.data.resize(count);
  rhs_.resize(static_cast<std::size_t>(n));
  FillRandom(rhs_, seed ^ 0x5DEECE66DULL);
}

util::Expected<HplSample> HplProblem::RunOnce(Blas& blas, int threads) {
  std::copy(original_.data.begin(), original_.data.end(), work_.data.begin());
  x_ = rhs_;
  const auto start = std::chrono::steady_clock::now();
  const bool regular = Factor(blas, work_, pivots_, block_, threads);
  Solve(blas, work_, pivots_, x_);
  const double seconds = Seconds(std::chrono::steady_clock::now() - start);
  if (!regular) {
    return util::MakeError(util::ErrorClass::kInternal,
                           "matrix is singular to working precision (zero pivot)");
  }
  HplSample sample;
  sample.seconds = seconds;
  sample.gflops = HplFlops(n()) / seconds / 1e9;
  sample.residual = ScaledResidual(original_, x_, rhs_);
  if (!(sample.residual < kResidualThreshold)) {
    char text[160];
    std::snprintf(text, sizeof text, "scaled residual %.3g is not below %.0f: the solve is wrong",
                  sample.residual, kResidualThreshold);
    return util::MakeError(util::ErrorClass::kInternal, text);
  }
  return sample;
}

int ChooseN(const HplSizing& s) {
  // The rule the planner's estimate assumes too (bench/durations.h).
  const double limit = bench::HplOrderLimit(s.memory_bytes, s.gflops_estimate, s.seconds_per_solve);
  int n = static_cast<int>(limit) / s.block * s.block;
  return std::max(n, s.min_n);
}

double EstimateGflops(Blas& blas, int max_size) {
  // Grows the product until one call takes 20 ms (or reaches max_size), so the probe stays
  // short on a slow machine or under emulation and still leaves the caches on a fast one.
  for (int size = 128;; size *= 2) {
    const int n = std::min(size, max_size);
    const auto count = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
    std::vector<double> a(count), b(count), c(count, 0.0);
    FillRandom(a, 1);
    FillRandom(b, 2);
    double best = 1e30;
    for (int rep = 0; rep < 2; ++rep) {
      const auto start = std::chrono::steady_clock::now();
      blas.Dgemm(Trans::kNo, Trans::kNo, n, n, n, 1.0, a.data(), n, b.data(), n, 0.0, c.data(), n);
      best = std::min(best, Seconds(std::chrono::steady_clock::now() - start));
    }
    if (best >= 0.02 || n >= max_size) {
      const double dn = n;
      return 2.0 * dn * dn * dn / best / 1e9;
    }
  }
}

int DefaultBlock(int n) { return n >= 4096 ? 256 : 128; }

}  // namespace agent::hpl
