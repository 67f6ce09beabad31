#include "report/compare.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "report/stats.h"

namespace report {
namespace {

struct Pooled {
  std::vector<double> samples;
  std::string unit;
  bool higher_is_better = true;
};

std::map<FigureKey, Pooled> PoolByKey(const Dataset& dataset) {
  std::map<FigureKey, Pooled> pooled;
  for (const MetricRow& row : dataset.metrics) {
    if (row.samples.empty()) continue;
    Pooled& entry =
        pooled[FigureKey{dataset.TypeLabel(row), row.variant, row.metric, row.labels_key}];
    entry.samples.insert(entry.samples.end(), row.samples.begin(), row.samples.end());
    entry.unit = row.unit;
    entry.higher_is_better = row.higher_is_better;
  }
  return pooled;
}

// Sample skewness g1 and excess kurtosis g2 (moment estimators).
struct Shape {
  double skewness = 0;
  double excess_kurtosis = 0;
};

Shape ShapeOf(const std::vector<double>& x) {
  double n = static_cast<double>(x.size());
  double mean = Summarize(x).mean;
  double m2 = 0, m3 = 0, m4 = 0;
  for (double v : x) {
    double d = v - mean;
    m2 += d * d / n;
    m3 += d * d * d / n;
    m4 += d * d * d * d / n;
  }
  if (m2 <= 0) return {};
  return {m3 / std::pow(m2, 1.5), m4 / (m2 * m2) - 3.0};
}

bool LooksNormal(const std::vector<double>& x) {
  Shape shape = ShapeOf(x);
  return std::fabs(shape.skewness) <= kWelchMaxAbsSkewness &&
         std::fabs(shape.excess_kurtosis) <= kWelchMaxAbsExcessKurtosis;
}

double Cv(const std::vector<double>& x) {
  SampleSummary s = Summarize(x);
  return s.mean != 0 ? std::sqrt(s.variance) / std::fabs(s.mean) : 0.0;
}

double Median(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  size_t n = x.size();
  return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

// Runs the chosen test; fills test, p_value and the centres.
void Test(const Pooled& base, const Pooled& next, Comparison& c) {
  c.test = ChooseTest(base.samples, next.samples);
  if (c.test == TestUsed::kWelch) {
    c.p_value = WelchTTest(base.samples, next.samples).p_value;
    c.base_centre = Summarize(base.samples).mean;
    c.new_centre = Summarize(next.samples).mean;
  } else {
    MannWhitneyResult r = MannWhitneyU(base.samples, next.samples);
    c.test = r.method == MannWhitneyMethod::kExact ? TestUsed::kMannWhitneyExact
                                                   : TestUsed::kMannWhitneyNormal;
    c.p_value = r.p_value;
    c.base_centre = Median(base.samples);
    c.new_centre = Median(next.samples);
  }
  c.change = c.base_centre != 0 ? (c.new_centre - c.base_centre) / std::fabs(c.base_centre) : 0.0;
  c.noise_cv = std::max(Cv(base.samples), Cv(next.samples));
}

void Decide(const CompareOptions& options, Comparison& c) {
  if (c.q_value > options.alpha) {
    c.verdict = Verdict::kUnchanged;
    return;
  }
  if (std::fabs(c.change) <= c.noise_cv) {
    c.verdict = Verdict::kUnchanged;
    c.note = "significant, but within the run-to-run CV";
    return;
  }
  bool better = c.higher_is_better ? c.change > 0 : c.change < 0;
  c.verdict = better ? Verdict::kImproved : Verdict::kRegressed;
}

}  // namespace

const char* ToString(TestUsed test) {
  switch (test) {
    case TestUsed::kWelch:
      return "welch";
    case TestUsed::kMannWhitneyExact:
      return "mann-whitney-exact";
    case TestUsed::kMannWhitneyNormal:
      return "mann-whitney-normal";
    case TestUsed::kNone:
      return "none";
  }
  return "none";
}

const char* ToString(Verdict verdict) {
  switch (verdict) {
    case Verdict::kUnchanged:
      return "unchanged";
    case Verdict::kImproved:
      return "improved";
    case Verdict::kRegressed:
      return "regressed";
    case Verdict::kNotTested:
      return "not-tested";
  }
  return "not-tested";
}

bool FigureKey::operator<(const FigureKey& other) const {
  return std::tie(type, variant, metric, labels) <
         std::tie(other.type, other.variant, other.metric, other.labels);
}

TestUsed ChooseTest(const std::vector<double>& base, const std::vector<double>& next) {
  bool enough = base.size() >= kWelchMinSamples && next.size() >= kWelchMinSamples;
  return enough && LooksNormal(base) && LooksNormal(next) ? TestUsed::kWelch
                                                          : TestUsed::kMannWhitneyNormal;
}

std::vector<Comparison> Compare(const Dataset& base, const Dataset& next,
                                const CompareOptions& options) {
  std::map<FigureKey, Pooled> before = PoolByKey(base);
  std::map<FigureKey, Pooled> after = PoolByKey(next);
  std::vector<Comparison> comparisons;
  std::vector<size_t> tested;
  for (const auto& [key, pooled] : before) {
    auto match = after.find(key);
    if (match == after.end()) continue;
    Comparison c;
    c.key = key;
    c.unit = pooled.unit;
    c.higher_is_better = pooled.higher_is_better;
    c.base_count = pooled.samples.size();
    c.new_count = match->second.samples.size();
    if (c.base_count < 2 || c.new_count < 2) {
      c.note = "fewer than 2 samples on a side: no test";
    } else {
      Test(pooled, match->second, c);
      tested.push_back(comparisons.size());
    }
    comparisons.push_back(std::move(c));
  }
  std::vector<double> p_values;
  for (size_t i : tested) p_values.push_back(comparisons[i].p_value);
  std::vector<double> q_values = BenjaminiHochberg(p_values);
  for (size_t k = 0; k < tested.size(); ++k) {
    Comparison& c = comparisons[tested[k]];
    c.q_value = q_values[k];
    Decide(options, c);
  }
  return comparisons;
}

bool AnyRegression(const std::vector<Comparison>& comparisons) {
  return std::any_of(comparisons.begin(), comparisons.end(),
                     [](const Comparison& c) { return c.verdict == Verdict::kRegressed; });
}

}  // namespace report
