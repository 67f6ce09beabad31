// The agent's own dgemm (hpl-sve's), with the portable kernel everywhere and the SVE
// kernel where the CPU has SVE (qemu-aarch64 -cpu max in CI). No external library needed.

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "agent/hpl/builtin_blas.h"
#include "agent/hpl/hpl_run.h"
#include "agent/hpl/lu.h"
#include "test_support.h"

namespace agent::hpl {
namespace {

// C = alpha·A·B + beta·C by the definition, for comparison.
std::vector<double> Reference(int m, int n, int k, double alpha, const std::vector<double>& a,
                              const std::vector<double>& b, double beta, std::vector<double> c) {
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < m; ++i) {
      double sum = 0.0;
      for (int p = 0; p < k; ++p)
        sum += a[static_cast<std::size_t>(i + p * m)] * b[static_cast<std::size_t>(p + j * k)];
      auto& cij = c[static_cast<std::size_t>(i + j * m)];
      cij = alpha * sum + beta * cij;
    }
  }
  return c;
}

// Random shapes up to `max_dim` (k up to twice that, past one packed panel of 256).
void ExpectDgemmMatches(Blas& blas, int trials, unsigned max_dim) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < trials; ++trial) {
    const int m = 1 + static_cast<int>(rng() % max_dim);
    const int n = 1 + static_cast<int>(rng() % max_dim);
    const int k = 1 + static_cast<int>(rng() % (2 * max_dim));
    std::vector<double> a(static_cast<std::size_t>(m * k)), b(static_cast<std::size_t>(k * n)),
        c(static_cast<std::size_t>(m * n));
    FillRandom(a, rng());
    FillRandom(b, rng());
    FillRandom(c, rng());
    const double alpha = trial % 3 == 0 ? -1.0 : 0.75;
    const double beta = trial % 4 == 0 ? 0.0 : 1.0;
    const auto want = Reference(m, n, k, alpha, a, b, beta, c);
    blas.Dgemm(Trans::kNo, Trans::kNo, m, n, k, alpha, a.data(), m, b.data(), k, beta, c.data(), m);
    for (std::size_t i = 0; i < c.size(); ++i) {
      ASSERT_NEAR(c[i], want[i], 1e-12 * k) << "m=" << m << " n=" << n << " k=" << k;
    }
  }
}

TEST(HplBuiltin, PortableDgemmMatchesTheDefinition) {
  auto blas = MakeBuiltinBlas(PortableKernel());
  ExpectDgemmMatches(*blas, 30, 150);
}

TEST(HplBuiltin, LuWithTheBuiltinBlasPassesTheResidualCheck) {
  auto blas = MakeBuiltinBlasLoader()->Load("builtin-portable");
  ASSERT_TRUE(blas);
  HplProblem problem(300, 64, 3);
  auto sample = problem.RunOnce(**blas);
  ASSERT_TRUE(sample) << sample.error().message;
  EXPECT_LT(sample->residual, kResidualThreshold);
}

TEST(HplBuiltin, SveKernelWhereTheCpuHasSve) {
  if (!agent::testing::HostInfo().HasFeature("sve")) {
    auto none = MakeBuiltinBlasLoader()->Load("builtin-sve");
    if (!none) SUCCEED() << none.error().message;
    GTEST_SKIP() << "no SVE on this CPU";
  }
  auto blas = MakeBuiltinBlasLoader()->Load("builtin-sve");
  ASSERT_TRUE(blas) << blas.error().message;
  // Fewer and smaller shapes: this runs under qemu in CI, where SVE is emulated. 140 rows
  // and k up to 280 still cover edge tiles and two packed panels at any vector length.
  ExpectDgemmMatches(**blas, 8, 140);
  HplProblem problem(96, 32, 4);
  auto sample = problem.RunOnce(**blas);
  ASSERT_TRUE(sample) << sample.error().message;
  EXPECT_LT(sample->residual, kResidualThreshold);
}

}  // namespace
}  // namespace agent::hpl
