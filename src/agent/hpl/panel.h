#pragma once
// LU of one panel (a tall m×n column block) with partial pivoting, the step of HPL that
// blocks the trailing update: recursive so that most of its flops are dgemm calls.

#include <cstddef>

#include "agent/hpl/blas.h"

namespace agent::hpl {

// Offset of element (i, j) of a column-major matrix with leading dimension ld.
inline std::size_t ColumnMajorIndex(int i, int j, int ld) {
  return static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * static_cast<std::size_t>(ld);
}

// Applies the row interchanges pivots[k1..k2) (row k with row pivots[k], in that order) to
// the columns [c1, c2) of the column-major matrix at `a` with leading dimension ld.
void SwapRows(double* a, int ld, int c1, int c2, const int* pivots, int k1, int k2);

// Factors the m×n panel at `a` in place into P·A = L·U (L unit lower, U upper), as
// LAPACK's dgetrf2 does: the columns are split in halves, the left half factored, the
// right half updated by dtrsm + dgemm, then factored. pivots[k] is the panel row (relative
// to `a`) swapped with row k. Returns false when a pivot is exactly zero (the
// factorization still completes, as dgetrf's info > 0).
bool FactorPanel(Blas& blas, double* a, int ld, int m, int n, int* pivots);

// Panels at most this wide are factored column by column (level 2).
inline constexpr int kPanelLeafColumns = 16;

}  // namespace agent::hpl
