#include "agent/hpl/lu.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace agent::hpl {
namespace {

std::size_t Idx(int i, int j, int ld) {
  return static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * static_cast<std::size_t>(ld);
}

// Applies the row swaps pivots[k1..k2) (absolute row numbers) to columns [c1, c2).
// Column by column, so that each swap touches contiguous memory.
void SwapRows(double* a, int ld, int c1, int c2, const int* pivots, int k1, int k2) {
  for (int j = c1; j < c2; ++j) {
    double* col = a + Idx(0, j, ld);
    for (int k = k1; k < k2; ++k) {
      if (pivots[k] != k) std::swap(col[k], col[pivots[k]]);
    }
  }
}

// Unblocked right-looking LU of the m×n panel at `a` (rows/cols relative to it).
bool PanelSmall(Blas& blas, double* a, int ld, int m, int n, int* pivots) {
  bool regular = true;
  for (int k = 0; k < std::min(m, n); ++k) {
    double* col = a + Idx(0, k, ld);
    int p = k + blas.Idamax(m - k, col + k, 1);
    pivots[k] = p;
    if (p != k) {
      for (int j = 0; j < n; ++j) std::swap(a[Idx(k, j, ld)], a[Idx(p, j, ld)]);
    }
    if (col[k] == 0.0) { regular = false; continue; }
    const double inv = 1.0 / col[k];
    for (int i = k + 1; i < m; ++i) col[i] *= inv;
    for (int j = k + 1; j < n; ++j) {
      double* cj = a + Idx(0, j, ld);
      const double f = cj[k];
      for (int i = k + 1; i < m; ++i) cj[i] -= col[i] * f;
    }
  }
  return regular;
}

// Recursive panel factorization (as LAPACK's dgetrf2): splits the columns in halves so
// that most of the panel's flops are dgemm calls rather than rank-1 updates.
bool Panel(Blas& blas, double* a, int ld, int m, int n, int* pivots) {
  if (n <= 16) return PanelSmall(blas, a, ld, m, n, pivots);
  const int n1 = n / 2;
  const int n2 = n - n1;
  bool regular = Panel(blas, a, ld, m, n1, pivots);
  SwapRows(a, ld, n1, n, pivots, 0, n1);
  blas.Dtrsm(Side::kLeft, Uplo::kLower, Trans::kNo, Diag::kUnit, n1, n2, 1.0, a, ld,
             a + Idx(0, n1, ld), ld);
  blas.Dgemm(Trans::kNo, Trans::kNo, m - n1, n2, n1, -1.0, a + Idx(n1, 0, ld), ld,
             a + Idx(0, n1, ld), ld, 1.0, a + Idx(n1, n1, ld), ld);
  regular = Panel(blas, a + Idx(n1, n1, ld), ld, m - n1, n2, pivots + n1) && regular;
  for (int k = n1; k < n; ++k) pivots[k] += n1;
  SwapRows(a, ld, 0, n1, pivots, n1, n);
  return regular;
}

}  // namespace

void FillRandom(std::vector<double>& values, unsigned long long seed) {
  std::uint64_t state = seed;
  for (double& v : values) {
    // splitmix64: fast, and well distributed enough for a well-conditioned random matrix.
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    v = static_cast<double>(z >> 11) * 0x1.0p-53 - 0.5;
  }
}

bool Factor(Blas& blas, Matrix& a, std::vector<int>& pivots, int block) {
  const int n = a.n;
  pivots.assign(static_cast<std::size_t>(n), 0);
  double* base = a.data.data();
  bool regular = true;
  for (int j = 0; j < n; j += block) {
    const int jb = std::min(block, n - j);
    int* piv = pivots.data() + j;
    regular = Panel(blas, base + Idx(j, j, n), n, n - j, jb, piv) && regular;
    for (int k = 0; k < jb; ++k) piv[k] += j;
    SwapRows(base, n, 0, j, pivots.data(), j, j + jb);
    const int rest = n - j - jb;
    if (rest == 0) continue;
    SwapRows(base, n, j + jb, n, pivots.data(), j, j + jb);
    blas.Dtrsm(Side::kLeft, Uplo::kLower, Trans::kNo, Diag::kUnit, jb, rest, 1.0,
               base + Idx(j, j, n), n, base + Idx(j, j + jb, n), n);
    blas.Dgemm(Trans::kNo, Trans::kNo, rest, rest, jb, -1.0, base + Idx(j + jb, j, n), n,
               base + Idx(j, j + jb, n), n, 1.0, base + Idx(j + jb, j + jb, n), n);
  }
  return regular;
}

void Solve(Blas& blas, const Matrix& lu, const std::vector<int>& pivots,
           std::vector<double>& b) {
  const int n = lu.n;
  for (int k = 0; k < n; ++k) {
    const auto p = static_cast<std::size_t>(pivots[static_cast<std::size_t>(k)]);
    std::swap(b[static_cast<std::size_t>(k)], b[p]);
  }
  blas.Dtrsm(Side::kLeft, Uplo::kLower, Trans::kNo, Diag::kUnit, n, 1, 1.0, lu.data.data(), n,
             b.data(), n);
  blas.Dtrsm(Side::kLeft, Uplo::kUpper, Trans::kNo, Diag::kNonUnit, n, 1, 1.0, lu.data.data(),
             n, b.data(), n);
}

double ScaledResidual(const Matrix& a, const std::vector<double>& x,
                      const std::vector<double>& b) {
  const auto n = static_cast<std::size_t>(a.n);
  std::vector<double> r(b.begin(), b.end());
  std::vector<double> row_sums(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    const double* col = a.data.data() + j * n;
    for (std::size_t i = 0; i < n; ++i) {
      r[i] -= col[i] * x[j];
      row_sums[i] += std::fabs(col[i]);
    }
  }
  auto norm_inf = [](const std::vector<double>& v) {
    double m = 0.0;
    for (double e : v) m = std::max(m, std::fabs(e));
    return m;
  };
  const double eps = std::numeric_limits<double>::epsilon() / 2.0;
  const double denom =
      eps * (norm_inf(row_sums) * norm_inf(x) + norm_inf(b)) * static_cast<double>(n);
  const double num = norm_inf(r);
  if (!std::isfinite(num)) return std::numeric_limits<double>::infinity();
  return denom > 0.0 ? num / denom : std::numeric_limits<double>::infinity();
}

double HplFlops(double n) { return 2.0 / 3.0 * n * n * n + 2.0 * n * n; }

}  // namespace agent::hpl
