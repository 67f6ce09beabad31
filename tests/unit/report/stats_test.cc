// The statistics of regression detection against published worked examples, plus
// properties that follow from the definitions. scipy is the second reference
// (tests/report/stats_vs_scipy.py, ctest report_stats_vs_scipy).

#include "report/stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>

namespace report {
namespace {

// senseofstudy.com, "Two-Sample Tests" example 4 (Welch): n1 = 20, mean 100, s 15;
// n2 = 20, mean 95, s 20 -> t = 0.895, df = 35.2.
TEST(WelchTTest, MatchesSenseOfStudyWorkedExample) {
  WelchResult r =
      WelchTTest(SampleSummary{100, 15.0 * 15.0, 20}, SampleSummary{95, 20.0 * 20.0, 20});
  EXPECT_NEAR(r.t, 0.895, 0.001);  // the page rounds the standard error to 5.59
  EXPECT_NEAR(r.df, 35.2, 0.05);
}

// R's t.test output quoted in a worked answer ("How are degrees of freedom used in the
// Welch's t-test", Nemotron-CC-Math): means 96.88794 and 87.25706, variances 96.85 and
// 293.80, n 10 and 11 -> t = 1.5964, df = 16.2, p = 0.1297.
TEST(WelchTTest, MatchesROutputWorkedExample) {
  WelchResult r =
      WelchTTest(SampleSummary{96.88794, 96.85, 10}, SampleSummary{87.25706, 293.80, 11});
  EXPECT_NEAR(r.t, 1.5964, 0.001);
  EXPECT_NEAR(r.df, 16.2, 0.05);
  EXPECT_NEAR(r.p_value, 0.1297, 0.0005);
}

TEST(WelchTTest, SwappingSamplesNegatesTAndKeepsP) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(10, 2);
  for (int round = 0; round < 50; ++round) {
    std::vector<double> a(static_cast<size_t>(5 + round % 7));
    std::vector<double> b(static_cast<size_t>(3 + round % 5));
    for (double& x : a) x = normal(rng);
    for (double& x : b) x = normal(rng) + 1.0;
    WelchResult ab = WelchTTest(a, b);
    WelchResult ba = WelchTTest(b, a);
    EXPECT_DOUBLE_EQ(ab.t, -ba.t);
    EXPECT_NEAR(ab.p_value, ba.p_value, 1e-12);
    // df lies between min(n) - 1 and n_a + n_b - 2 (Welch–Satterthwaite bounds).
    EXPECT_GE(ab.df, static_cast<double>(std::min(a.size(), b.size()) - 1) - 1e-9);
    EXPECT_LE(ab.df, static_cast<double>(a.size() + b.size() - 2) + 1e-9);
  }
}

TEST(WelchTTest, ConstantSamples) {
  using Sample = std::vector<double>;
  EXPECT_EQ(WelchTTest(Sample{5, 5, 5}, Sample{5, 5}).p_value, 1.0);
  EXPECT_EQ(WelchTTest(Sample{5, 5, 5}, Sample{6, 6}).p_value, 0.0);
  EXPECT_THROW(WelchTTest(Sample{5}, Sample{6, 7}), std::invalid_argument);
}

// scipy.stats.mannwhitneyu documentation, the example of Mann & Whitney (1947): males
// 19 22 16 29 24, females 20 11 17 12 -> U = 17, exact two-sided p = 0.1111 (= 14/126),
// asymptotic (continuity-corrected) p = 0.11134688653314041.
TEST(MannWhitneyU, MatchesMannWhitney1947Example) {
  std::vector<double> males{19, 22, 16, 29, 24};
  std::vector<double> females{20, 11, 17, 12};
  MannWhitneyResult exact = MannWhitneyU(males, females);
  EXPECT_EQ(exact.method, MannWhitneyMethod::kExact);
  EXPECT_DOUBLE_EQ(exact.u, 17.0);
  EXPECT_NEAR(exact.p_value, 14.0 / 126.0, 1e-12);
  MannWhitneyResult normal = MannWhitneyU(males, females, MannWhitneyMethod::kNormal);
  EXPECT_NEAR(normal.p_value, 0.11134688653314041, 1e-9);
}

// Minitab support, "Calculating Mann-Whitney statistics": 22 24 25 29 30 vs 16 21 22 23
// -> W = 33.5, so U = W - n1 (n1 + 1) / 2 = 18.5 (one tie, mid-ranked). Minitab's
// variance has no tie correction (z = 1.9596); ours does: z = 8 / sqrt(16.528) = 1.968.
// scipy 1.10 gives p = 0.04909011632260757 for the same samples.
TEST(MannWhitneyU, MatchesMinitabWorkedExampleWithATie) {
  MannWhitneyResult r = MannWhitneyU({22, 24, 25, 29, 30}, {16, 21, 22, 23});
  EXPECT_EQ(r.method, MannWhitneyMethod::kNormal);  // a tie rules out the exact method
  EXPECT_DOUBLE_EQ(r.u, 18.5);
  double tie_corrected_variance = 5.0 * 4.0 / 12.0 * (10.0 - 6.0 / 72.0);
  double z = (18.5 - 10.0 - 0.5) / std::sqrt(tie_corrected_variance);
  EXPECT_NEAR(r.p_value, std::erfc(z / std::sqrt(2.0)), 1e-12);
  EXPECT_THROW(MannWhitneyU({1, 2}, {2, 3}, MannWhitneyMethod::kExact), std::invalid_argument);
}

// Complete separation of n and m values: exact two-sided p = 2 / C(n + m, n).
TEST(MannWhitneyU, CompleteSeparationHasTheSmallestExactP) {
  for (size_t n = 1; n <= 8; ++n) {
    for (size_t m = 1; m <= 8; ++m) {
      std::vector<double> low(n), high(m);
      for (size_t i = 0; i < n; ++i) low[i] = static_cast<double>(i);
      for (size_t i = 0; i < m; ++i) high[i] = 100.0 + static_cast<double>(i);
      double arrangements = 1;
      for (size_t k = 1; k <= n; ++k) {
        arrangements = arrangements * static_cast<double>(m + k) / static_cast<double>(k);
      }
      MannWhitneyResult r = MannWhitneyU(low, high);
      EXPECT_DOUBLE_EQ(r.u, 0.0);
      EXPECT_NEAR(r.p_value, std::min(1.0, 2.0 / arrangements), 1e-12) << n << " " << m;
    }
  }
}

TEST(MannWhitneyU, AllValuesEqualGivesPOne) {
  EXPECT_EQ(MannWhitneyU({3, 3, 3}, {3, 3}).p_value, 1.0);
}

// Benjamini–Hochberg adjusted p-values published in the documentation of the R package
// c212 (c212.BH.adjust.pvals example, 17 p-values).
TEST(BenjaminiHochberg, MatchesC212PublishedExample) {
  std::vector<double> p{0.135005, 0.010000, 0.001000, 0.005000, 0.153501, 0.020000,
                        0.0013,   0.0023,   0.011,    0.023000, 0.016,    0.0109,
                        0.559111, 0.751986, 0.308339, 0.837154, 0.325882};
  std::vector<double> q = BenjaminiHochberg(p);
  EXPECT_NEAR(q[2], 0.01105000, 1e-8);   // 0.001
  EXPECT_NEAR(q[6], 0.01105000, 1e-8);   // 0.0013
  EXPECT_NEAR(q[7], 0.01303333, 1e-8);   // 0.0023
  EXPECT_NEAR(q[3], 0.02125000, 1e-8);   // 0.005
  EXPECT_NEAR(q[1], 0.02671429, 1e-8);   // 0.010
  EXPECT_NEAR(q[11], 0.02671429, 1e-8);  // 0.0109
  EXPECT_NEAR(q[8], 0.02671429, 1e-8);   // 0.011
  EXPECT_NEAR(q[10], 0.03400000, 1e-8);  // 0.016
}

// The adjusted p-values reject exactly what the step-up procedure of Benjamini and
// Hochberg (1995) rejects: the k smallest, k the largest rank with p_(k) <= k alpha / m.
TEST(BenjaminiHochberg, AgreesWithTheStepUpProcedure) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> uniform(0, 1);
  for (int round = 0; round < 500; ++round) {
    size_t m = 1 + static_cast<size_t>(round % 40);
    std::vector<double> p(m);
    for (double& x : p) x = round % 3 == 0 ? uniform(rng) * 0.05 : uniform(rng);
    std::vector<double> q = BenjaminiHochberg(p);
    for (double alpha : {0.01, 0.05, 0.1}) {
      std::vector<double> sorted = p;
      std::sort(sorted.begin(), sorted.end());
      double threshold = -1;
      for (size_t k = m; k >= 1; --k) {
        if (sorted[k - 1] <= static_cast<double>(k) * alpha / static_cast<double>(m)) {
          threshold = sorted[k - 1];
          break;
        }
      }
      for (size_t i = 0; i < m; ++i) {
        EXPECT_EQ(q[i] <= alpha, p[i] <= threshold) << "round " << round << " alpha " << alpha;
        EXPECT_GE(q[i], p[i]);
        EXPECT_LE(q[i], 1.0);
      }
    }
  }
}

}  // namespace
}  // namespace report
