#include "agent/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

namespace agent {
namespace {

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// Continued fraction of I_x(a, b) evaluated by the modified Lentz method; converges
// quickly for x < (a + 1) / (a + b + 2), which the caller ensures by symmetry.
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-16;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double fraction = d;
  for (int m = 1; m <= 10000; ++m) {
    double dm = m;
    // Even step d_{2m}, then odd step d_{2m+1} of the continued fraction.
    double even = dm * (b - dm) * x / ((a + 2 * dm - 1) * (a + 2 * dm));
    double odd = -(a + dm) * (a + b + dm) * x / ((a + 2 * dm) * (a + 2 * dm + 1));
    for (double coefficient : {even, odd}) {
      d = 1.0 + coefficient * d;
      if (std::fabs(d) < kTiny) d = kTiny;
      c = 1.0 + coefficient / c;
      if (std::fabs(c) < kTiny) c = kTiny;
      d = 1.0 / d;
      fraction *= d * c;
    }
    if (std::fabs(d * c - 1.0) < kEpsilon) break;
  }
  return fraction;
}

}  // namespace

double RegularizedIncompleteBeta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) {
    throw std::invalid_argument("RegularizedIncompleteBeta: a, b > 0 and 0 <= x <= 1 required");
  }
  if (x == 0.0 || x == 1.0) return x;
  double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1.0 - front * BetaContinuedFraction(b, a, 1.0 - x) / b;
}

double StudentTCdf(double t, double dof) {
  if (!(dof > 0)) throw std::invalid_argument("StudentTCdf: dof must be > 0");
  double tail = 0.5 * RegularizedIncompleteBeta(dof / 2.0, 0.5, dof / (dof + t * t));
  return t >= 0 ? 1.0 - tail : tail;
}

double StudentTQuantile(double p, double dof) {
  if (!(p > 0 && p < 1)) throw std::invalid_argument("StudentTQuantile: 0 < p < 1 required");
  if (p < 0.5) return -StudentTQuantile(1.0 - p, dof);
  if (p == 0.5) return 0.0;
  double low = 0.0;
  double high = 1.0;
  while (StudentTCdf(high, dof) < p) {
    low = high;
    high *= 2.0;
    if (high > 1e300) return std::numeric_limits<double>::infinity();
  }
  // The CDF is monotonic, so bisection always converges; 200 halvings exhaust a double.
  for (int i = 0; i < 200 && high - low > 0; ++i) {
    double mid = 0.5 * (low + high);
    if (mid == low || mid == high) break;
    (StudentTCdf(mid, dof) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

Statistics ComputeStatistics(const std::vector<double>& samples, Better better) {
  if (samples.empty()) throw std::invalid_argument("ComputeStatistics: no samples");
  Statistics stats;
  size_t n = samples.size();
  stats.count = n;
  auto [min_it, max_it] = std::minmax_element(samples.begin(), samples.end());
  stats.best = better == Better::kHigher ? *max_it : *min_it;
  stats.worst = better == Better::kHigher ? *min_it : *max_it;
  stats.median = Median(samples);
  stats.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(n);
  stats.ci95_low = stats.ci95_high = stats.mean;
  if (n >= 2) {
    double squares = 0;
    for (double x : samples) squares += (x - stats.mean) * (x - stats.mean);
    stats.stdev = std::sqrt(squares / static_cast<double>(n - 1));
    // The bisection costs ~10^4 beta evaluations; documents repeat the same few n.
    thread_local std::map<size_t, double> quantiles;
    auto [it, inserted] = quantiles.try_emplace(n, 0.0);
    if (inserted) it->second = StudentTQuantile(0.975, static_cast<double>(n - 1));
    stats.t_quantile = it->second;
    double half_width = stats.t_quantile * stats.stdev / std::sqrt(static_cast<double>(n));
    stats.ci95_low = stats.mean - half_width;
    stats.ci95_high = stats.mean + half_width;
  }
  stats.cv = stats.mean != 0 ? stats.stdev / std::fabs(stats.mean) : 0.0;
  std::vector<double> deviations;
  deviations.reserve(n);
  for (double x : samples) deviations.push_back(std::fabs(x - stats.median));
  stats.mad = Median(deviations);
  // 1.4826 * MAD estimates sigma for normal data; 3 sigma is the usual cut. With MAD = 0
  // (most samples identical) no scale is known and nothing is flagged.
  double limit = 3.0 * 1.4826 * stats.mad;
  if (stats.mad > 0) {
    for (size_t i = 0; i < n; ++i) {
      if (deviations[i] > limit) stats.outliers.push_back(i);
    }
  }
  return stats;
}

}  // namespace agent
