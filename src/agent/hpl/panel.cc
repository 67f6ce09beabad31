#include "agent/hpl/panel.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace agent::hpl {
namespace {

constexpr auto& Idx = ColumnMajorIndex;  // short, for the BLAS argument lists

// Column-by-column LU of a panel at most kPanelLeafColumns wide: the rank-1 updates touch
// only those few columns, which stay in cache.
bool FactorLeaf(Blas& blas, double* a, int ld, int m, int n, int* pivots) {
  bool regular = true;
  for (int k = 0; k < std::min(m, n); ++k) {
    double* col = a + Idx(0, k, ld);
    const int p = k + blas.Idamax(m - k, col + k, 1);
    pivots[k] = p;
    if (p != k) {
      for (int j = 0; j < n; ++j) std::swap(a[Idx(k, j, ld)], a[Idx(p, j, ld)]);
    }
    if (col[k] == 0.0) {
      regular = false;
      continue;
    }
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

}  // namespace

void SwapRows(double* a, int ld, int c1, int c2, const int* pivots, int k1, int k2) {
  // Column by column: each column's swaps stay within one contiguous column.
  for (int j = c1; j < c2; ++j) {
    double* col = a + Idx(0, j, ld);
    for (int k = k1; k < k2; ++k) {
      if (pivots[k] != k) std::swap(col[k], col[pivots[k]]);
    }
  }
}

bool FactorPanel(Blas& blas, double* a, int ld, int m, int n, int* pivots) {
  if (n <= kPanelLeafColumns || m <= 1) return FactorLeaf(blas, a, ld, m, n, pivots);
  const int n1 = std::min(n / 2, m);
  const int n2 = n - n1;
  bool regular = FactorPanel(blas, a, ld, m, n1, pivots);
  SwapRows(a, ld, n1, n, pivots, 0, n1);
  blas.Dtrsm(Side::kLeft, Uplo::kLower, Trans::kNo, Diag::kUnit, n1, n2, 1.0, a, ld,
             a + Idx(0, n1, ld), ld);
  if (m == n1) return regular;  // no rows left below the left half
  blas.Dgemm(Trans::kNo, Trans::kNo, m - n1, n2, n1, -1.0, a + Idx(n1, 0, ld), ld,
             a + Idx(0, n1, ld), ld, 1.0, a + Idx(n1, n1, ld), ld);
  int* lower = pivots + n1;
  regular = FactorPanel(blas, a + Idx(n1, n1, ld), ld, m - n1, n2, lower) && regular;
  const int done = std::min(m - n1, n2);
  for (int k = 0; k < done; ++k) lower[k] += n1;
  SwapRows(a, ld, 0, n1, pivots, n1, n1 + done);
  return regular;
}

}  // namespace agent::hpl
