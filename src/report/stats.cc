#include "report/stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "agent/statistics.h"

namespace report {
namespace {

// Two-sided tail of Student's t: P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2). Computed
// directly from the incomplete beta so that small p-values keep their precision.
double StudentTwoSidedP(double t, double df) {
  if (std::isinf(t)) return 0.0;
  return agent::RegularizedIncompleteBeta(df / 2.0, 0.5, df / (df + t * t));
}

double NormalUpperTail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

struct Ranked {
  double rank_sum_a = 0;
  double tie_term = 0;  // sum over groups of tied values of (t^3 - t)
};

// Mid-ranks of the pooled sample; only the first sample's rank sum is needed.
Ranked RankPooled(const std::vector<double>& a, const std::vector<double>& b) {
  struct Value {
    double x;
    bool from_a;
  };
  std::vector<Value> pooled;
  pooled.reserve(a.size() + b.size());
  for (double x : a) pooled.push_back({x, true});
  for (double x : b) pooled.push_back({x, false});
  std::sort(pooled.begin(), pooled.end(), [](const Value& l, const Value& r) { return l.x < r.x; });
  Ranked ranked;
  for (size_t first = 0; first < pooled.size();) {
    size_t last = first;
    while (last + 1 < pooled.size() && pooled[last + 1].x == pooled[first].x) ++last;
    double mid_rank = 0.5 * static_cast<double>(first + last) + 1.0;
    double tied = static_cast<double>(last - first + 1);
    ranked.tie_term += tied * tied * tied - tied;
    for (size_t i = first; i <= last; ++i) {
      if (pooled[i].from_a) ranked.rank_sum_a += mid_rank;
    }
    first = last + 1;
  }
  return ranked;
}

// Frequencies of U = 0 .. n_a n_b over all C(n_a + n_b, n_a) arrangements without ties,
// by the recurrence f(i, j, u) = f(i - 1, j, u - j) + f(i, j - 1, u) (Mann & Whitney 1947).
// Doubles: C(40, 20) ~ 1.4e11 is exact, and only ratios are used.
std::vector<double> ExactUFrequencies(size_t n_a, size_t n_b) {
  size_t max_u = n_a * n_b;
  // row[j][u] holds f(i, j, u) for the current i.
  std::vector<std::vector<double>> row(n_b + 1, std::vector<double>(max_u + 1, 0.0));
  for (size_t j = 0; j <= n_b; ++j) row[j][0] = 1.0;  // f(0, j, 0) = 1
  for (size_t i = 1; i <= n_a; ++i) {
    std::vector<std::vector<double>> next(n_b + 1, std::vector<double>(max_u + 1, 0.0));
    next[0][0] = 1.0;  // f(i, 0, 0) = 1
    for (size_t j = 1; j <= n_b; ++j) {
      for (size_t u = 0; u <= i * j; ++u) {
        double from_a = u >= j ? row[j][u - j] : 0.0;
        next[j][u] = from_a + next[j - 1][u];
      }
    }
    row = std::move(next);
  }
  return row[n_b];
}

double ExactTwoSidedP(double u, size_t n_a, size_t n_b) {
  std::vector<double> frequency = ExactUFrequencies(n_a, n_b);
  double total = std::accumulate(frequency.begin(), frequency.end(), 0.0);
  // The distribution is symmetric about n_a n_b / 2: double the tail beyond the larger U.
  double larger = std::max(u, static_cast<double>(n_a * n_b) - u);
  double tail = 0;
  for (size_t k = 0; k < frequency.size(); ++k) {
    if (static_cast<double>(k) >= larger) tail += frequency[k];
  }
  return std::min(1.0, 2.0 * tail / total);
}

double NormalTwoSidedP(double u, size_t n_a, size_t n_b, double tie_term) {
  double na = static_cast<double>(n_a);
  double nb = static_cast<double>(n_b);
  double n = na + nb;
  double mean = na * nb / 2.0;
  double variance = na * nb / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
  if (!(variance > 0)) return 1.0;  // every value equal: no evidence of a shift
  double larger = std::max(u, na * nb - u);
  double z = (larger - mean - 0.5) / std::sqrt(variance);
  return std::min(1.0, 2.0 * NormalUpperTail(z));
}

bool HasTies(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> pooled(a);
  pooled.insert(pooled.end(), b.begin(), b.end());
  std::sort(pooled.begin(), pooled.end());
  return std::adjacent_find(pooled.begin(), pooled.end()) != pooled.end();
}

}  // namespace

SampleSummary Summarize(const std::vector<double>& sample) {
  SampleSummary summary;
  summary.n = sample.size();
  if (sample.empty()) return summary;
  summary.mean =
      std::accumulate(sample.begin(), sample.end(), 0.0) / static_cast<double>(summary.n);
  if (summary.n < 2) return summary;
  double squares = 0;
  for (double x : sample) squares += (x - summary.mean) * (x - summary.mean);
  summary.variance = squares / static_cast<double>(summary.n - 1);
  return summary;
}

WelchResult WelchTTest(const SampleSummary& a, const SampleSummary& b) {
  if (a.n < 2 || b.n < 2) throw std::invalid_argument("WelchTTest: each sample needs n >= 2");
  double va = a.variance / static_cast<double>(a.n);
  double vb = b.variance / static_cast<double>(b.n);
  WelchResult result;
  double difference = a.mean - b.mean;
  if (va + vb == 0) {
    result.df = static_cast<double>(a.n + b.n - 2);
    if (difference == 0) return result;
    result.t = std::copysign(std::numeric_limits<double>::infinity(), difference);
    result.p_value = 0;
    return result;
  }
  result.t = difference / std::sqrt(va + vb);
  result.df = (va + vb) * (va + vb) /
              (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  result.p_value = StudentTwoSidedP(result.t, result.df);
  return result;
}

WelchResult WelchTTest(const std::vector<double>& a, const std::vector<double>& b) {
  return WelchTTest(Summarize(a), Summarize(b));
}

bool UseExactMannWhitney(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() <= kExactMannWhitneyMaxSize && b.size() <= kExactMannWhitneyMaxSize &&
         !HasTies(a, b);
}

MannWhitneyResult MannWhitneyU(const std::vector<double>& a, const std::vector<double>& b,
                               MannWhitneyMethod method) {
  if (a.empty() || b.empty()) throw std::invalid_argument("MannWhitneyU: empty sample");
  if (method == MannWhitneyMethod::kAuto) {
    method = UseExactMannWhitney(a, b) ? MannWhitneyMethod::kExact : MannWhitneyMethod::kNormal;
  }
  if (method == MannWhitneyMethod::kExact && HasTies(a, b)) {
    throw std::invalid_argument("MannWhitneyU: the exact distribution needs samples without ties");
  }
  Ranked ranked = RankPooled(a, b);
  double na = static_cast<double>(a.size());
  MannWhitneyResult result;
  result.method = method;
  result.u = ranked.rank_sum_a - na * (na + 1.0) / 2.0;
  result.p_value = method == MannWhitneyMethod::kExact
                       ? ExactTwoSidedP(result.u, a.size(), b.size())
                       : NormalTwoSidedP(result.u, a.size(), b.size(), ranked.tie_term);
  return result;
}

std::vector<double> BenjaminiHochberg(const std::vector<double>& p_values) {
  size_t m = p_values.size();
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t l, size_t r) { return p_values[l] < p_values[r]; });
  std::vector<double> adjusted(m);
  // Step up from the largest p: q_(i) = min over k >= i of m p_(k) / k.
  double running_min = 1.0;
  for (size_t rank = m; rank >= 1; --rank) {
    size_t index = order[rank - 1];
    // m / rank first: exactly 1 for the largest p, so q >= p holds in floating point too.
    double scaled = p_values[index] * (static_cast<double>(m) / static_cast<double>(rank));
    running_min = std::min(running_min, scaled);
    adjusted[index] = running_min;
  }
  return adjusted;
}

}  // namespace report
