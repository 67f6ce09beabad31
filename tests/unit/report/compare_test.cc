// Regression detection: the verdict, the test that decided, the BH correction and the CV
// rule, on datasets built from hand-made samples.

#include "report/compare.h"

#include <gtest/gtest.h>

#include <random>

namespace report {
namespace {

MetricRow Row(const std::string& metric, std::vector<double> samples, bool higher = true,
              const std::string& labels = "") {
  MetricRow row;
  row.instance_type = row.planned_type = "m7i.large";
  row.variant = "stream";
  row.metric = metric;
  row.labels_key = labels;
  row.unit = higher ? "GB/s" : "ns";
  row.higher_is_better = higher;
  row.samples = std::move(samples);
  return row;
}

std::vector<double> Normal(double mean, double sd, size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(mean, sd);
  std::vector<double> x(n);
  for (double& v : x) v = normal(rng);
  return x;
}

// One document per row: the type label of a row comes from its document.
Dataset With(std::vector<MetricRow> rows) {
  Dataset dataset;
  for (MetricRow& row : rows) {
    Document document;
    document.instance_type = document.planned_type = row.instance_type;
    row.document = dataset.documents.size();
    dataset.documents.push_back(document);
  }
  dataset.metrics = std::move(rows);
  return dataset;
}

TEST(Compare, AClearDropInBandwidthIsARegressionDecidedByWelch) {
  auto result = Compare(With({Row("triad", Normal(100, 1, 10, 1))}),
                        With({Row("triad", Normal(90, 1, 10, 2))}));
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].test, TestUsed::kWelch);
  EXPECT_EQ(result[0].verdict, Verdict::kRegressed);
  EXPECT_LT(result[0].change, -0.05);
  EXPECT_TRUE(AnyRegression(result));
}

TEST(Compare, DirectionFollowsHigherIsBetter) {
  auto slower = Compare(With({Row("latency", Normal(80, 0.5, 10, 3), false)}),
                        With({Row("latency", Normal(90, 0.5, 10, 4), false)}));
  EXPECT_EQ(slower[0].verdict, Verdict::kRegressed);
  auto faster = Compare(With({Row("latency", Normal(90, 0.5, 10, 5), false)}),
                        With({Row("latency", Normal(80, 0.5, 10, 6), false)}));
  EXPECT_EQ(faster[0].verdict, Verdict::kImproved);
  EXPECT_FALSE(AnyRegression(faster));
}

TEST(Compare, ASignificantChangeWithinTheRunToRunCvIsNotFlagged) {
  // CV 10%, a 4% drop, 400 samples a side: p is tiny, the change is inside the noise.
  auto result = Compare(With({Row("triad", Normal(100, 10, 400, 7))}),
                        With({Row("triad", Normal(96, 10, 400, 8))}));
  EXPECT_LT(result[0].q_value, 0.05);
  EXPECT_EQ(result[0].verdict, Verdict::kUnchanged);
  EXPECT_FALSE(result[0].note.empty());
}

TEST(Compare, BenjaminiHochbergAccountsForTheNumberOfComparisons) {
  // A modest drop (Welch p = 0.0093, larger than the CV of 0.84%) alone is flagged ...
  std::vector<double> base = {100.0, 101.0, 99.5, 100.5, 100.2, 99.8, 100.9, 99.1};
  std::vector<double> next = {99.1, 100.0, 97.8, 99.7, 98.8, 98.2, 99.9, 98.4};  // -1.1%
  auto alone = Compare(With({Row("triad", base)}), With({Row("triad", next)}));
  ASSERT_EQ(alone[0].verdict, Verdict::kRegressed) << alone[0].p_value;
  ASSERT_GT(alone[0].p_value, 0.05 / 40);
  // ... but not among 40 unchanged figures.
  std::vector<MetricRow> before{Row("triad", base)};
  std::vector<MetricRow> after{Row("triad", next)};
  for (int i = 0; i < 40; ++i) {
    std::vector<double> same = Normal(50, 1, 8, 100 + static_cast<uint64_t>(i));
    before.push_back(Row("triad", same, true, "n=" + std::to_string(i)));
    after.push_back(Row("triad", same, true, "n=" + std::to_string(i)));
  }
  auto crowded = Compare(With(before), With(after));
  EXPECT_FALSE(AnyRegression(crowded));
}

TEST(Compare, TheTestChoiceFollowsTheDocumentedRule) {
  std::vector<double> symmetric = {9.1, 9.6, 9.8, 9.9, 10.0, 10.05, 10.1, 10.2, 10.4, 10.9};
  EXPECT_EQ(ChooseTest(symmetric, symmetric), TestUsed::kWelch);
  // Too few samples (quick runs have 3).
  EXPECT_EQ(ChooseTest({1, 2, 3}, {4, 5, 6}), TestUsed::kMannWhitneyNormal);
  // One outlier: skewness and kurtosis far beyond the bounds.
  std::vector<double> outlier = Normal(10, 0.1, 10, 11);
  outlier[3] = 30;
  EXPECT_EQ(ChooseTest(outlier, Normal(10, 0.1, 10, 12)), TestUsed::kMannWhitneyNormal);
  // Quick runs: 3 against 3 with no tie is decided by the exact distribution, whose
  // smallest two-sided p is 0.1: never significant at 0.05.
  auto quick = Compare(With({Row("triad", {100, 101, 102})}), With({Row("triad", {50, 51, 52})}));
  EXPECT_EQ(quick[0].test, TestUsed::kMannWhitneyExact);
  EXPECT_NEAR(quick[0].p_value, 0.1, 1e-12);
  EXPECT_EQ(quick[0].verdict, Verdict::kUnchanged);
}

TEST(Compare, OneSidedOrSingleSampleFiguresAreNotTested) {
  auto result = Compare(With({Row("triad", {1.0}), Row("copy", {1, 2, 3})}),
                        With({Row("triad", {2.0}), Row("add", {1, 2, 3})}));
  ASSERT_EQ(result.size(), 1u);  // copy and add are on one side only
  EXPECT_EQ(result[0].key.metric, "triad");
  EXPECT_EQ(result[0].verdict, Verdict::kNotTested);
  EXPECT_EQ(result[0].test, TestUsed::kNone);
}

}  // namespace
}  // namespace report
