// The recursive panel and the look-ahead factorization against a plain column-by-column
// LU written here from the textbook definition (no BLAS, no blocking): same pivot rows and
// the same factors to rounding, over many shapes, blocks and thread counts.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "agent/hpl/blas.h"
#include "agent/hpl/lu.h"
#include "agent/hpl/panel.h"

namespace agent::hpl {
namespace {

struct Reference {
  std::vector<double> lu;  // column-major m×n, leading dimension m
  std::vector<int> pivots;
};

// Right-looking unblocked LU of an m×n matrix: at step k the row holding the first
// largest |a(i,k)|, i >= k, is swapped with row k across all columns, then eliminated.
Reference UnblockedLu(std::vector<double> a, int m, int n) {
  auto at = [&](int i, int j) -> double& {
    return a[static_cast<std::size_t>(i) +
             static_cast<std::size_t>(j) * static_cast<std::size_t>(m)];
  };
  Reference ref;
  for (int k = 0; k < std::min(m, n); ++k) {
    int p = k;
    for (int i = k + 1; i < m; ++i) {
      if (std::fabs(at(i, k)) > std::fabs(at(p, k))) p = i;
    }
    ref.pivots.push_back(p);
    for (int j = 0; j < n; ++j) std::swap(at(k, j), at(p, j));
    if (at(k, k) == 0.0) continue;
    for (int i = k + 1; i < m; ++i) at(i, k) /= at(k, k);
    for (int j = k + 1; j < n; ++j) {
      for (int i = k + 1; i < m; ++i) at(i, j) -= at(i, k) * at(k, j);
    }
  }
  ref.lu = std::move(a);
  return ref;
}

std::unique_ptr<Blas> OpenBlas() {
  auto blas = MakeDlopenBlasLoader()->Load("libopenblas.so.0");
  if (!blas) {
    ADD_FAILURE() << blas.error().message;
    return nullptr;
  }
  return std::move(blas.value());
}

std::vector<double> RandomMatrix(int m, int n, unsigned long long seed) {
  std::vector<double> values(static_cast<std::size_t>(m) * static_cast<std::size_t>(n));
  FillRandom(values, seed);
  return values;
}

double MaxDifference(const std::vector<double>& x, const std::vector<double>& y) {
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, std::fabs(x[i] - y[i]));
  return worst;
}

TEST(HplPanel, RecursivePanelMatchesUnblockedLu) {
  auto blas = OpenBlas();
  ASSERT_TRUE(blas);
  blas->SetThreads(1);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 120; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 90);
    const int m = n + static_cast<int>(rng() % 150);
    std::vector<double> a = RandomMatrix(m, n, 100u + static_cast<unsigned>(trial));
    const Reference ref = UnblockedLu(a, m, n);
    std::vector<int> pivots(static_cast<std::size_t>(n), -1);
    EXPECT_TRUE(FactorPanel(*blas, a.data(), m, m, n, pivots.data()));
    EXPECT_EQ(pivots, ref.pivots) << "m=" << m << " n=" << n;
    EXPECT_LT(MaxDifference(a, ref.lu), 1e-11) << "m=" << m << " n=" << n;
  }
}

TEST(HplPanel, WidePanelFactorsItsRows) {
  auto blas = OpenBlas();
  ASSERT_TRUE(blas);
  for (auto [m, n] : {std::pair{3, 40}, std::pair{17, 33}, std::pair{1, 20}}) {
    std::vector<double> a = RandomMatrix(m, n, static_cast<unsigned long long>(m * n));
    const Reference ref = UnblockedLu(a, m, n);
    std::vector<int> pivots(static_cast<std::size_t>(m), -1);
    FactorPanel(*blas, a.data(), m, m, n, pivots.data());
    EXPECT_EQ(pivots, ref.pivots) << "m=" << m << " n=" << n;
    EXPECT_LT(MaxDifference(a, ref.lu), 1e-11) << "m=" << m << " n=" << n;
  }
}

TEST(HplPanel, SwapRowsAppliesInterchangesInOrder) {
  // Rows 0..5 of one column hold their own numbers; the interchanges (0,3), (1,3), (2,2)
  // applied in order give 3, 0, 2, 1, 4, 5.
  std::vector<double> column = {0, 1, 2, 3, 4, 5};
  const std::vector<int> pivots = {3, 3, 2};
  SwapRows(column.data(), 6, 0, 1, pivots.data(), 0, 3);
  EXPECT_EQ(column, (std::vector<double>{3, 0, 2, 1, 4, 5}));
}

// Factor over many N, NB (N < NB, N not a multiple of NB, NB = 1) and thread counts:
// the same pivots as the unblocked LU and the same factors to rounding.
TEST(HplLookAhead, BlockedFactorMatchesUnblockedLu) {
  auto blas = OpenBlas();
  ASSERT_TRUE(blas);
  std::mt19937 rng(5);
  for (int trial = 0; trial < 60; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 300);
    const int block = std::vector<int>{1, 7, 16, 32, 64, 100, 256}[rng() % 7];
    const int threads = 1 + static_cast<int>(rng() % 3);
    Matrix a;
    a.n = n;
    a.data = RandomMatrix(n, n, 900u + static_cast<unsigned>(trial));
    const Reference ref = UnblockedLu(a.data, n, n);
    std::vector<int> pivots;
    EXPECT_TRUE(Factor(*blas, a, pivots, block, threads));
    EXPECT_EQ(pivots, ref.pivots) << "n=" << n << " block=" << block << " threads=" << threads;
    EXPECT_LT(MaxDifference(a.data, ref.lu), 1e-10)
        << "n=" << n << " block=" << block << " threads=" << threads;
  }
}

TEST(HplLookAhead, SingularColumnIsReportedWithThreads) {
  auto blas = OpenBlas();
  ASSERT_TRUE(blas);
  for (int zero_column : {0, 31, 32, 33, 99}) {
    Matrix a;
    a.n = 100;
    a.data = RandomMatrix(100, 100, 3);
    for (int i = 0; i < a.n; ++i) a(i, zero_column) = 0.0;
    std::vector<int> pivots;
    EXPECT_FALSE(Factor(*blas, a, pivots, 32, 2)) << "zero column " << zero_column;
  }
}

// A BLAS without thread control must not be called from several threads at once.
class NoThreadControl final : public Blas {
 public:
  explicit NoThreadControl(Blas& inner) : inner_(inner) {}
  void Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a, int lda,
             const double* b, int ldb, double beta, double* c, int ldc) override {
    Enter();
    inner_.Dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    --inside_;
  }
  void Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha, const double* a,
             int lda, double* b, int ldb) override {
    Enter();
    inner_.Dtrsm(side, uplo, ta, diag, m, n, alpha, a, lda, b, ldb);
    --inside_;
  }
  int Idamax(int n, const double* x, int incx) override { return inner_.Idamax(n, x, incx); }
  bool SetThreads(int) override { return false; }
  const BlasInfo& Info() const override { return inner_.Info(); }
  int most_inside() const { return most_inside_; }

 private:
  void Enter() { most_inside_ = std::max(most_inside_, ++inside_); }
  Blas& inner_;
  std::atomic<int> inside_{0};
  int most_inside_ = 0;
};

TEST(HplLookAhead, BlasWithoutThreadControlIsCalledFromOneThread) {
  auto blas = OpenBlas();
  ASSERT_TRUE(blas);
  NoThreadControl wrapped(*blas);
  Matrix a;
  a.n = 300;
  a.data = RandomMatrix(300, 300, 8);
  const Reference ref = UnblockedLu(a.data, 300, 300);
  std::vector<int> pivots;
  EXPECT_TRUE(Factor(wrapped, a, pivots, 32, 2));
  EXPECT_EQ(wrapped.most_inside(), 1);
  EXPECT_EQ(pivots, ref.pivots);
}

}  // namespace
}  // namespace agent::hpl
