#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <random>
#include <string>

#include "agent/hpl/blas.h"
#include "agent/hpl/hpl_run.h"
#include "agent/hpl/lu.h"

namespace agent::hpl {
namespace {

std::unique_ptr<Blas> LoadOrFail(const std::string& name) {
  auto loader = MakeDlopenBlasLoader();
  auto blas = loader->Load(name);
  if (!blas) {
    ADD_FAILURE() << blas.error().message;
    return nullptr;
  }
  return std::move(blas.value());
}

// Rebuilds P·A from L and U and compares it with A: checks the factorization itself,
// independently of the residual formula.
double FactorError(Blas& blas, int n, int block, unsigned long long seed) {
  Matrix a;
  a.n = n;
  a.data.resize(static_cast<std::size_t>(n * n));
  FillRandom(a.data, seed);
  Matrix lu = a;
  std::vector<int> piv;
  EXPECT_TRUE(Factor(blas, lu, piv, block));
  Matrix pa = a;
  for (int k = 0; k < n; ++k) {
    for (int j = 0; j < n; ++j) std::swap(pa(k, j), pa(piv[static_cast<std::size_t>(k)], j));
  }
  double worst = 0.0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      double sum = 0.0;
      for (int k = 0; k <= std::min(i, j); ++k) sum += (k == i ? 1.0 : lu(i, k)) * lu(k, j);
      worst = std::max(worst, std::fabs(sum - pa(i, j)));
    }
  }
  return worst;
}

TEST(HplLu, FactorsReproducePermutedMatrixForManyShapes) {
  auto blas = LoadOrFail("libopenblas.so.0");
  ASSERT_TRUE(blas);
  for (int n : {1, 2, 17, 40, 97}) {
    for (int block : {1, 8, 32, 128}) {
      EXPECT_LT(FactorError(*blas, n, block, static_cast<unsigned long long>(n * 31 + block)),
                1e-12)
          << "n=" << n << " block=" << block;
    }
  }
}

TEST(HplLu, PivotsAreRowsAtOrBelowTheirStep) {
  auto blas = LoadOrFail("libopenblas.so.0");
  ASSERT_TRUE(blas);
  Matrix a;
  a.n = 150;
  a.data.resize(150 * 150);
  FillRandom(a.data, 9);
  std::vector<int> piv;
  ASSERT_TRUE(Factor(*blas, a, piv, 32));
  for (int k = 0; k < a.n; ++k) {
    EXPECT_GE(piv[static_cast<std::size_t>(k)], k);
    EXPECT_LT(piv[static_cast<std::size_t>(k)], a.n);
  }
  // Partial pivoting bounds every multiplier in L by 1.
  for (int j = 0; j < a.n; ++j) {
    for (int i = j + 1; i < a.n; ++i) EXPECT_LE(std::fabs(a(i, j)), 1.0);
  }
}

TEST(HplLu, SingularMatrixIsReported) {
  auto blas = LoadOrFail("libopenblas.so.0");
  ASSERT_TRUE(blas);
  Matrix a;
  a.n = 20;
  a.data.resize(400);
  FillRandom(a.data, 3);
  for (int i = 0; i < a.n; ++i) a(i, 7) = 0.0;  // a zero column stays exactly zero
  std::vector<int> piv;
  EXPECT_FALSE(Factor(*blas, a, piv, 8));
}

void ExpectResidualPasses(const std::string& library) {
  auto blas = LoadOrFail(library);
  ASSERT_TRUE(blas);
  for (int n : {64, 257, 600}) {
    HplProblem problem(n, 64, static_cast<unsigned long long>(n));
    auto sample = problem.RunOnce(*blas);
    ASSERT_TRUE(sample) << library << " n=" << n << ": " << sample.error().message;
    EXPECT_LT(sample->residual, kResidualThreshold);
    EXPECT_GT(sample->residual, 0.0);  // exactly 0 would mean nothing was computed
    EXPECT_GT(sample->gflops, 0.0);
  }
}

TEST(HplRun, ResidualBelowThresholdWithOpenBlas) { ExpectResidualPasses("libopenblas.so.0"); }
TEST(HplRun, ResidualBelowThresholdWithBlis) { ExpectResidualPasses("libblis.so.4"); }

// Wraps a real BLAS and spoils the triangular solves, as a broken library would.
class WrongSolveBlas final : public Blas {
 public:
  explicit WrongSolveBlas(Blas& inner) : inner_(inner) {}
  void Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a, int lda,
             const double* b, int ldb, double beta, double* c, int ldc) override {
    inner_.Dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }
  void Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha, const double* a,
             int lda, double* b, int ldb) override {
    inner_.Dtrsm(side, uplo, ta, diag, m, n, alpha, a, lda, b, ldb);
    if (uplo == Uplo::kUpper) b[0] *= 1.0 + 1e-9;  // a relative error far above roundoff
  }
  int Idamax(int n, const double* x, int incx) override { return inner_.Idamax(n, x, incx); }
  bool SetThreads(int threads) override { return inner_.SetThreads(threads); }
  const BlasInfo& Info() const override { return inner_.Info(); }

 private:
  Blas& inner_;
};

TEST(HplRun, WrongSolveFailsTheResidualCheck) {
  auto blas = LoadOrFail("libopenblas.so.0");
  ASSERT_TRUE(blas);
  WrongSolveBlas wrong(*blas);
  HplProblem problem(200, 32, 5);
  auto sample = problem.RunOnce(wrong);
  ASSERT_FALSE(sample);
  EXPECT_NE(sample.error().message.find("residual"), std::string::npos);
}

TEST(HplBlas, MissingLibraryIsNotFoundWithItsName) {
  auto loader = MakeDlopenBlasLoader();
  auto blas = loader->Load("libnonexistent.so");
  ASSERT_FALSE(blas);
  EXPECT_EQ(blas.error().error_class, util::ErrorClass::kNotFound);
  EXPECT_NE(blas.error().message.find("libnonexistent.so"), std::string::npos);
}

TEST(HplBlas, MklIsNotOnThisMachine) {
  auto blas = MakeDlopenBlasLoader()->Load("libmkl_rt.so");
  if (blas) GTEST_SKIP() << "MKL is installed here: " << (*blas)->Info().path;
  EXPECT_NE(blas.error().message.find("libmkl_rt.so"), std::string::npos);
}

TEST(HplBlas, ReportsLibraryVersions) {
  auto openblas = LoadOrFail("libopenblas.so.0");
  ASSERT_TRUE(openblas);
  EXPECT_NE(openblas->Info().version.find("OpenBLAS"), std::string::npos);
  EXPECT_FALSE(openblas->Info().kernel.empty());
  EXPECT_TRUE(openblas->SetThreads(1));
  auto blis = LoadOrFail("libblis.so.4");
  ASSERT_TRUE(blis);
  EXPECT_EQ(blis->Info().version.rfind("BLIS ", 0), 0u);
  EXPECT_TRUE(blis->SetThreads(1));
}

TEST(HplFormula, FlopsMatchHandValues) {
  // HPL's count (HPL_pdtest.c, as hpcc reports it): 2/3·N³ + 3/2·N².
  EXPECT_DOUBLE_EQ(HplFlops(3), 18.0 + 13.5);           // 2/3·27 + 3/2·9
  EXPECT_DOUBLE_EQ(HplFlops(1000), 2e9 / 3.0 + 1.5e6);  // 666,666,666.7 + 1,500,000
  EXPECT_NEAR(HplFlops(30000), 1.8e13 + 1.35e9, 1.0);   // 2/3·2.7e13 + 3/2·9e8
}

TEST(HplSizing, RespectsMemoryTimeAndBlock) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    HplSizing s;
    s.block = 32 << (rng() % 4);
    s.min_n = s.block * 2;
    s.memory_bytes = (1ULL << 24) + rng() % (1ULL << 34);
    s.gflops_estimate = 1.0 + static_cast<double>(rng() % 1000);
    s.seconds_per_solve = 0.1 + static_cast<double>(rng() % 100) / 10.0;
    const int n = ChooseN(s);
    EXPECT_EQ(n % s.block, 0);
    if (n > s.min_n) {
      EXPECT_LE(16.0 * n * n, static_cast<double>(s.memory_bytes));
      EXPECT_LE(HplFlops(n) * 0.99, s.seconds_per_solve * s.gflops_estimate * 1e9 * 1.5);
    }
  }
}

}  // namespace
}  // namespace agent::hpl
