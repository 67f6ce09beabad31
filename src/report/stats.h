#pragma once
// Two-sample tests for regression detection (docs/report.md, "Comparing campaigns"):
// Welch's t test, the Mann–Whitney U test and Benjamini–Hochberg adjusted p-values.
// All p-values are two-sided. Nothing here knows about journals or metrics.

#include <cstddef>
#include <vector>

namespace report {

// A sample reduced to what Welch's test needs.
struct SampleSummary {
  double mean = 0;
  double variance = 0;  // sample variance (n - 1)
  size_t n = 0;
};

SampleSummary Summarize(const std::vector<double>& sample);

struct WelchResult {
  double t = 0;        // (mean_a - mean_b) / standard error
  double df = 0;       // Welch–Satterthwaite degrees of freedom
  double p_value = 1;  // two-sided, from the Student t distribution
};

// Both samples need n >= 2. Two samples without any spread give p = 1 when their means
// are equal and p = 0 when they differ (the t statistic is infinite).
WelchResult WelchTTest(const SampleSummary& a, const SampleSummary& b);
WelchResult WelchTTest(const std::vector<double>& a, const std::vector<double>& b);

enum class MannWhitneyMethod {
  kAuto,    // exact when UseExactMannWhitney says so, else normal
  kExact,   // the exact null distribution of U (no ties only)
  kNormal,  // normal approximation, tie-corrected variance, continuity correction 1/2
};

struct MannWhitneyResult {
  double u = 0;  // U of the first sample: R_a - n_a (n_a + 1) / 2, ties at mid-ranks
  double p_value = 1;
  MannWhitneyMethod method = MannWhitneyMethod::kNormal;  // the one used (never kAuto)
};

// The exact distribution is used when neither sample has more than this many values and
// no value occurs twice; beyond it the normal approximation is already close.
inline constexpr size_t kExactMannWhitneyMaxSize = 20;
bool UseExactMannWhitney(const std::vector<double>& a, const std::vector<double>& b);

// Both samples must be non-empty. kExact with ties throws std::invalid_argument.
MannWhitneyResult MannWhitneyU(const std::vector<double>& a, const std::vector<double>& b,
                               MannWhitneyMethod method = MannWhitneyMethod::kAuto);

// Benjamini–Hochberg (1995) adjusted p-values, in the order given: the smallest q at
// which each hypothesis would be rejected by the step-up procedure, capped at 1.
std::vector<double> BenjaminiHochberg(const std::vector<double>& p_values);

}  // namespace report
