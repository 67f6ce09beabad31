#include "agent/hpl/lu.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "agent/hpl/panel.h"

namespace agent::hpl {
namespace {

constexpr auto& Idx = ColumnMajorIndex;  // short, for the BLAS argument lists

// Brings the columns [c1, c2) up to date with the factored panel [j, j + jb): the panel's
// row swaps, then U's rows by dtrsm, then the rows below by dgemm.
void UpdateColumns(Blas& blas, double* base, int n, const int* pivots, int j, int jb, int c1,
                   int c2) {
  const int width = c2 - c1;
  if (width <= 0) return;
  SwapRows(base, n, c1, c2, pivots, j, j + jb);
  blas.Dtrsm(Side::kLeft, Uplo::kLower, Trans::kNo, Diag::kUnit, jb, width, 1.0,
             base + Idx(j, j, n), n, base + Idx(j, c1, n), n);
  const int below = n - j - jb;
  if (below == 0) return;
  blas.Dgemm(Trans::kNo, Trans::kNo, below, width, jb, -1.0, base + Idx(j + jb, j, n), n,
             base + Idx(j, c1, n), n, 1.0, base + Idx(j + jb, c1, n), n);
}

// Factors the panel of columns [j, j + jb) over rows [j, n); its pivots become absolute.
bool FactorPanelAt(Blas& blas, double* base, int n, int* pivots, int j, int jb) {
  int* piv = pivots + j;
  const bool regular = FactorPanel(blas, base + Idx(j, j, n), n, n - j, jb, piv);
  for (int k = 0; k < jb; ++k) piv[k] += j;
  return regular;
}

// The row swaps of later panels, applied to the columns of the earlier ones (L's rows
// must follow the final row order). Done once at the end, column by column in parallel,
// instead of once per panel across the whole left part.
void SwapLeftColumns(double* base, int n, const int* pivots, int block, int threads) {
#pragma omp parallel for schedule(dynamic, 32) num_threads(threads)
  for (int c = 0; c < n; ++c) {
    const int later = std::min(n, (c / block + 1) * block);
    SwapRows(base, n, c, c + 1, pivots, later, n);
  }
}

// One thread, the BLAS using its own threads: panel, then one update of all the rest.
bool FactorSerial(Blas& blas, double* base, int n, int* pivots, int block) {
  bool regular = true;
  for (int j = 0; j < n; j += block) {
    const int jb = std::min(block, n - j);
    regular = FactorPanelAt(blas, base, n, pivots, j, jb) && regular;
    UpdateColumns(blas, base, n, pivots, j, jb, j + jb, n);
  }
  return regular;
}

struct Columns {
  int begin;
  int end;
};

// The next columns a thread updates: an equal share of what is left, so that the threads
// start on wide dgemm calls (each call packs the whole A block again, so few calls) and
// finish together on narrow ones; never narrower than one block. Measured against
// narrower shares and smaller minimums in docs/performance-agent.md.
Columns Claim(std::atomic<int>& cursor, int n, int threads, int block) {
  int begin = cursor.load();
  while (begin < n) {
    const int width = std::max(block, (n - begin) / threads);
    const int end = std::min(n, begin + width);
    if (cursor.compare_exchange_weak(begin, end)) return {begin, end};
  }
  return {n, n};
}

// Look-ahead over `threads` threads, each calling a one-thread BLAS. While the others
// update the trailing columns after panel j, thread 0 updates the next panel's columns
// first and factors that panel, so the level-2 part of the panel and its pivot searches
// overlap the dgemm instead of leaving cores idle; then it joins the update.
bool FactorLookAhead(Blas& blas, double* base, int n, int* pivots, int block, int threads) {
  bool regular = FactorPanelAt(blas, base, n, pivots, 0, std::min(block, n));
  for (int j = 0; j < n; j += block) {
    const int jb = std::min(block, n - j);
    const int next = j + jb;
    if (next >= n) break;
    const int next_jb = std::min(block, n - next);
    std::atomic<int> cursor{next + next_jb};
    bool next_regular = true;
#pragma omp parallel num_threads(threads)
    {
      if (omp_get_thread_num() == 0) {
        UpdateColumns(blas, base, n, pivots, j, jb, next, next + next_jb);
        next_regular = FactorPanelAt(blas, base, n, pivots, next, next_jb);
      }
      for (Columns part = Claim(cursor, n, threads, block); part.begin < n;
           part = Claim(cursor, n, threads, block)) {
        UpdateColumns(blas, base, n, pivots, j, jb, part.begin, part.end);
      }
    }
    regular = next_regular && regular;
  }
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

bool Factor(Blas& blas, Matrix& a, std::vector<int>& pivots, int block, int threads) {
  const int n = a.n;
  pivots.assign(static_cast<std::size_t>(n), 0);
  if (n == 0) return true;
  double* base = a.data.data();
  block = std::max(1, block);
  // A BLAS whose thread count we cannot set would run every call on all cores; the
  // look-ahead's concurrent calls would then oversubscribe them.
  const bool look_ahead = threads > 1 && blas.SetThreads(1);
  const bool regular = look_ahead ? FactorLookAhead(blas, base, n, pivots.data(), block, threads)
                                  : FactorSerial(blas, base, n, pivots.data(), block);
  if (look_ahead) blas.SetThreads(threads);
  SwapLeftColumns(base, n, pivots.data(), block, std::max(1, threads));
  return regular;
}

void Solve(Blas& blas, const Matrix& lu, const std::vector<int>& pivots, std::vector<double>& b) {
  const int n = lu.n;
  for (int k = 0; k < n; ++k) {
    const auto p = static_cast<std::size_t>(pivots[static_cast<std::size_t>(k)]);
    std::swap(b[static_cast<std::size_t>(k)], b[p]);
  }
  blas.Dtrsm(Side::kLeft, Uplo::kLower, Trans::kNo, Diag::kUnit, n, 1, 1.0, lu.data.data(), n,
             b.data(), n);
  blas.Dtrsm(Side::kLeft, Uplo::kUpper, Trans::kNo, Diag::kNonUnit, n, 1, 1.0, lu.data.data(), n,
             b.data(), n);
}

double ScaledResidual(const Matrix& a, const std::vector<double>& x, const std::vector<double>& b) {
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

double HplFlops(double n) { return 2.0 / 3.0 * n * n * n + 1.5 * n * n; }

}  // namespace agent::hpl
