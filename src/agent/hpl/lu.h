#pragma once
// Blocked right-looking LU with partial pivoting (the HPL algorithm on one process),
// with recursive panels (agent/hpl/panel.h), a look-ahead of one panel, and the trailing
// updates as BLAS-3 dtrsm + dgemm calls into the chosen Blas.

#include <cstddef>
#include <vector>

#include "agent/hpl/blas.h"

namespace agent::hpl {

// A dense column-major n×n matrix with leading dimension n.
struct Matrix {
  int n = 0;
  std::vector<double> data;
  double& operator()(int i, int j) {
    return data[static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * Size(n)];
  }
  double operator()(int i, int j) const {
    return data[static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * Size(n)];
  }
  static std::size_t Size(int v) { return static_cast<std::size_t>(v); }
};

// Fills a with uniform values in [-0.5, 0.5) from `seed`, as HPL's generator does.
void FillRandom(std::vector<double>& values, unsigned long long seed);

// Factors a in place into P·A = L·U; pivots[i] is the row swapped with row i.
// Returns false when a zero pivot makes the matrix singular. With threads > 1 and a BLAS
// whose thread count can be set, the factorization looks one panel ahead on `threads`
// threads of its own, each calling the BLAS on one thread (the BLAS is set back to
// `threads` afterwards); otherwise it runs on the calling thread and the BLAS threads.
bool Factor(Blas& blas, Matrix& a, std::vector<int>& pivots, int block, int threads = 1);

// Solves A·x = b with the factors from Factor; b is overwritten with x.
void Solve(Blas& blas, const Matrix& lu, const std::vector<int>& pivots, std::vector<double>& b);

// HPL's scaled residual ‖Ax−b‖∞ / (ε·(‖A‖∞·‖x‖∞ + ‖b‖∞)·N), ε = 2^-53 (unit roundoff,
// LAPACK dlamch('E') as HPL prints it). A correct solve gives well under 16.
double ScaledResidual(const Matrix& a, const std::vector<double>& x, const std::vector<double>& b);
inline constexpr double kResidualThreshold = 16.0;

// Flop count of one solve as HPL itself counts it (HPL_pdtest.c: 2/3·N³ + 3/2·N², the count
// hpcc reports too), so that GFLOP/s compare exactly with HPL's and hpcc's; LINPACK's
// 2/3·N³ + 2·N² would give a slightly higher figure for the same time.
double HplFlops(double n);
inline constexpr const char* kHplFlopsFormula = "2/3 N^3 + 3/2 N^2";

}  // namespace agent::hpl
