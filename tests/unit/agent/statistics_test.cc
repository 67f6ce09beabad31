#include "agent/statistics.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace agent {
namespace {

// Two-sided 95% critical values t(0.975, v) and one-sided t(0.95, v), t(0.995, v) from
// the NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2 (3 decimals).
struct TableRow {
  double p;
  double dof;
  double t;
};
constexpr TableRow kTable[] = {
    {0.975, 1, 12.706}, {0.975, 2, 4.303},   {0.975, 3, 3.182},  {0.975, 4, 2.776},
    {0.975, 5, 2.571},  {0.975, 9, 2.262},   {0.975, 10, 2.228}, {0.975, 20, 2.086},
    {0.975, 30, 2.042}, {0.975, 100, 1.984}, {0.95, 10, 1.812},  {0.95, 1, 6.314},
    {0.995, 5, 4.032},  {0.995, 9, 3.250},   {0.90, 3, 1.638},   {0.999, 2, 22.327},
};

TEST(StudentT, MatchesPublishedTable) {
  for (const TableRow& row : kTable) {
    EXPECT_NEAR(StudentTQuantile(row.p, row.dof), row.t, 0.0006)
        << "p=" << row.p << " dof=" << row.dof;
  }
}

TEST(StudentT, NamedExampleFromTheIssue) { EXPECT_NEAR(StudentTQuantile(0.975, 9), 2.262, 0.0005); }

TEST(StudentT, CdfMatchesClosedFormsForOneAndTwoDegrees) {
  // v = 1 is the Cauchy distribution; v = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
  for (double t = -50; t <= 50; t += 0.37) {
    EXPECT_NEAR(StudentTCdf(t, 1), 0.5 + std::atan(t) / M_PI, 1e-12) << t;
    EXPECT_NEAR(StudentTCdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-12) << t;
  }
}

TEST(StudentT, QuantileInvertsTheCdfAndIsSymmetric) {
  for (double dof : {1.0, 2.0, 3.5, 7.0, 29.0, 250.0}) {
    for (double p = 0.01; p < 1.0; p += 0.049) {
      double t = StudentTQuantile(p, dof);
      EXPECT_NEAR(StudentTCdf(t, dof), p, 1e-10) << "p=" << p << " dof=" << dof;
      EXPECT_NEAR(StudentTQuantile(1 - p, dof), -t, 1e-8 * std::max(1.0, std::fabs(t)));
    }
  }
}

TEST(StudentT, ApproachesTheNormalQuantile) {
  EXPECT_NEAR(StudentTQuantile(0.975, 1e7), 1.959964, 1e-5);
}

TEST(IncompleteBeta, ClosedFormsHoldOverAGrid) {
  // I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b; I_x(a, b) = 1 - I_{1-x}(b, a).
  for (double x = 0.0; x <= 1.0; x += 0.0625) {
    for (double a : {0.5, 1.0, 2.5, 7.0, 40.0}) {
      EXPECT_NEAR(RegularizedIncompleteBeta(a, 1, x), std::pow(x, a), 1e-12);
      EXPECT_NEAR(RegularizedIncompleteBeta(1, a, x), 1 - std::pow(1 - x, a), 1e-12);
      for (double b : {0.5, 3.0, 11.0}) {
        EXPECT_NEAR(RegularizedIncompleteBeta(a, b, x), 1 - RegularizedIncompleteBeta(b, a, 1 - x),
                    1e-12);
      }
    }
  }
}

TEST(IncompleteBeta, RejectsArgumentsOutsideItsDomain) {
  EXPECT_THROW(RegularizedIncompleteBeta(0, 1, 0.5), std::invalid_argument);
  EXPECT_THROW(RegularizedIncompleteBeta(1, 1, 1.5), std::invalid_argument);
  EXPECT_THROW(StudentTQuantile(1.0, 3), std::invalid_argument);
}

TEST(Statistics, TextbookSample) {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, so s = sqrt(32 / 7).
  Statistics s = ComputeStatistics({2, 4, 4, 4, 5, 5, 7, 9}, Better::kHigher);
  EXPECT_EQ(s.count, 8u);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_DOUBLE_EQ(s.median, 4.5);
  EXPECT_DOUBLE_EQ(s.best, 9.0);
  EXPECT_DOUBLE_EQ(s.worst, 2.0);
  EXPECT_NEAR(s.stdev, std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_NEAR(s.cv, std::sqrt(32.0 / 7.0) / 5.0, 1e-12);
  EXPECT_NEAR(s.t_quantile, 2.365, 0.0005);  // t(0.975, 7), NIST table
  EXPECT_NEAR(s.ci95_high - s.mean, 2.365 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0), 0.001);
  EXPECT_DOUBLE_EQ(s.mean - s.ci95_low, s.ci95_high - s.mean);
}

TEST(Statistics, BestFollowsTheDirection) {
  EXPECT_DOUBLE_EQ(ComputeStatistics({3, 1, 2}, Better::kLower).best, 1.0);
  EXPECT_DOUBLE_EQ(ComputeStatistics({3, 1, 2}, Better::kHigher).best, 3.0);
}

TEST(Statistics, OneSampleHasNoSpread) {
  Statistics s = ComputeStatistics({42}, Better::kHigher);
  EXPECT_EQ(s.stdev, 0);
  EXPECT_EQ(s.ci95_low, 42);
  EXPECT_EQ(s.ci95_high, 42);
  EXPECT_TRUE(s.outliers.empty());
  EXPECT_THROW(ComputeStatistics({}, Better::kHigher), std::invalid_argument);
}

TEST(Statistics, MadFlagsAFarSampleOnly) {
  Statistics s = ComputeStatistics({10.0, 10.1, 9.9, 10.05, 9.95, 50.0}, Better::kHigher);
  ASSERT_EQ(s.outliers.size(), 1u);
  EXPECT_EQ(s.outliers[0], 5u);
}

TEST(Statistics, InvariantsOverRandomSamples) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> value(2.0, 0.4);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<double> x(2 + static_cast<size_t>(trial % 30));
    for (double& v : x) v = value(rng);
    Statistics s = ComputeStatistics(x, Better::kHigher);
    EXPECT_LE(s.worst, s.median);
    EXPECT_LE(s.median, s.best);
    EXPECT_LE(s.worst, s.mean);
    EXPECT_LE(s.mean, s.best);
    EXPECT_LT(s.ci95_low, s.mean);
    EXPECT_GT(s.ci95_high, s.mean);
    // Shifting every sample leaves the spread alone and moves the centre.
    std::vector<double> shifted = x;
    for (double& v : shifted) v += 100;
    Statistics t = ComputeStatistics(shifted, Better::kHigher);
    EXPECT_NEAR(t.stdev, s.stdev, 1e-9);
    EXPECT_NEAR(t.mean, s.mean + 100, 1e-9);
    EXPECT_EQ(t.outliers, s.outliers);
  }
}

}  // namespace
}  // namespace agent
