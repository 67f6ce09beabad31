#pragma once
// Statistics of a benchmark figure's raw samples (docs/methodology.md): best, median, mean,
// sample stdev, CV, a 95% confidence interval from the exact Student t quantile, and
// outliers by the median absolute deviation. Every reported figure carries these.

#include <cstddef>
#include <vector>

namespace agent {

// Which end of the samples is "best": bandwidth and GFLOP/s are higher-is-better,
// latencies and times lower-is-better.
enum class Better { kHigher, kLower };

struct Statistics {
  size_t count = 0;
  double best = 0;
  double worst = 0;
  double median = 0;
  double mean = 0;
  double stdev = 0;     // sample standard deviation (n - 1); 0 for one sample
  double cv = 0;        // stdev / mean; 0 when the mean is 0
  double ci95_low = 0;  // mean -/+ t(0.975, n-1) * stdev / sqrt(n); equal to the mean for n = 1
  double ci95_high = 0;
  double t_quantile = 0;         // the t(0.975, n-1) used; 0 for n < 2
  double mad = 0;                // median absolute deviation (unscaled)
  std::vector<size_t> outliers;  // indices of samples with |x - median| > 3 * 1.4826 * MAD
};

// The CV above which a figure gets a warning.
inline constexpr double kCvWarningThreshold = 0.05;

// Statistics of `samples` (must not be empty; throws std::invalid_argument if it is).
Statistics ComputeStatistics(const std::vector<double>& samples, Better better);

// Regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1.
double RegularizedIncompleteBeta(double a, double b, double x);
// Cumulative distribution function of Student's t with `dof` degrees of freedom.
double StudentTCdf(double t, double dof);
// The quantile t such that StudentTCdf(t, dof) = p, for 0 < p < 1, dof > 0; found by
// inverting the CDF (bisection on I_x), not from a table.
double StudentTQuantile(double p, double dof);

}  // namespace agent
