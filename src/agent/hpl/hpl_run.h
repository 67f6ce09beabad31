#pragma once
// One HPL problem: the matrix is generated once, each iteration factors a fresh copy and
// solves, and only the factor+solve is timed (as HPL times it).

#include <cstdint>
#include <string>
#include <vector>

#include "agent/hpl/blas.h"
#include "agent/hpl/lu.h"
#include "util/expected.h"

namespace agent::hpl {

struct HplSample {
  double seconds = 0.0;   // factor + solve
  double gflops = 0.0;    // HplFlops(n) / seconds
  double residual = 0.0;  // ScaledResidual; must be < kResidualThreshold
};

class HplProblem {
 public:
  HplProblem(int n, int block, unsigned long long seed);
  int n() const { return original_.n; }
  int block() const { return block_; }
  // Factor + solve + check. kFatal-free: a residual >= 16 or a singular matrix gives an
  // error of class kInternal whose message carries the residual, so the run is `failed`.
  // `threads` as Factor takes it.
  util::Expected<HplSample> RunOnce(Blas& blas, int threads = 1);

 private:
  Matrix original_;
  Matrix work_;
  std::vector<double> rhs_;
  std::vector<double> x_;
  std::vector<int> pivots_;
  int block_;
};

// N from the memory share and the time one solve may take at the estimated rate, rounded
// down to a multiple of the block and at least `min_n`.
struct HplSizing {
  std::uint64_t memory_bytes = 0;  // memory the run may use in total
  double seconds_per_solve = 1.0;
  double gflops_estimate = 1.0;
  int block = 128;
  int min_n = 256;
};
int ChooseN(const HplSizing& sizing);

// The library's dgemm rate on a square product of up to max_size, for sizing only.
double EstimateGflops(Blas& blas, int max_size = 768);

// The block size HPL runs use: larger blocks amortise the panel once N is large.
int DefaultBlock(int n);

}  // namespace agent::hpl
