#pragma once
// Regression detection between two sets of campaigns (`report --compare BASE NEW`,
// docs/report.md "Comparing campaigns"). Per (type, variant, metric, labels) the raw
// samples of BASE and NEW are tested; a change is flagged only when it is significant after
// Benjamini–Hochberg correction over every comparison made AND larger than the run-to-run
// CV. Which test decided is recorded with each comparison.

#include <cstddef>
#include <string>
#include <vector>

#include "report/dataset.h"

namespace report {

struct CompareOptions {
  double alpha = 0.05;  // false discovery rate for the BH-adjusted p-values
};

// Welch's t needs at least this many samples on each side, and samples that look normal.
inline constexpr size_t kWelchMinSamples = 5;
// "Looks normal": sample skewness and excess kurtosis within these bounds (a single
// outlier among ten samples breaks both; a normal sample of ten rarely does).
inline constexpr double kWelchMaxAbsSkewness = 1.0;
inline constexpr double kWelchMaxAbsExcessKurtosis = 3.0;

enum class TestUsed { kWelch, kMannWhitneyExact, kMannWhitneyNormal, kNone };
enum class Verdict { kUnchanged, kImproved, kRegressed, kNotTested };

const char* ToString(TestUsed test);
const char* ToString(Verdict verdict);

struct FigureKey {
  std::string type;  // Dataset::TypeLabel: "m7i.large" or "local (planned m7i.large)"
  std::string variant;
  std::string metric;
  std::string labels;  // MetricRow::labels_key
  bool operator<(const FigureKey& other) const;
};

struct Comparison {
  FigureKey key;
  std::string unit;
  bool higher_is_better = true;
  size_t base_count = 0;
  size_t new_count = 0;
  double base_centre = 0;  // mean for Welch, median for Mann–Whitney (the tested location)
  double new_centre = 0;
  double change = 0;    // (new_centre - base_centre) / |base_centre|
  double noise_cv = 0;  // the larger CV of the two pooled samples: run-to-run noise
  TestUsed test = TestUsed::kNone;
  double p_value = 1;
  double q_value = 1;  // BH-adjusted over every tested comparison
  Verdict verdict = Verdict::kNotTested;
  std::string note;  // why not tested, or why a significant change was not flagged
};

// Figures present on one side only are left out. Samples of every row with the same key
// (several journals or jobs) are pooled on each side.
std::vector<Comparison> Compare(const Dataset& base, const Dataset& next,
                                const CompareOptions& options = {});
bool AnyRegression(const std::vector<Comparison>& comparisons);

// The decision rule alone, for tests and documentation: Welch when both samples have at
// least kWelchMinSamples values and look normal, else Mann–Whitney.
TestUsed ChooseTest(const std::vector<double>& base, const std::vector<double>& next);

}  // namespace report
