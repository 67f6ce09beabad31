// The comparisons that only apply to figures measured on the type they name (vendor at each
// size, scaling, price-performance, spot flags). No real AWS campaign exists yet, so these
// use HAND-BUILT documents: the numbers below are test inputs, not measurements.
#include <gtest/gtest.h>

#include "report/dataset.h"
#include "report/formats.h"
#include "report/model.h"

namespace report {
namespace {

using nlohmann::json;

json HandBuilt(const std::string& type, const std::string& vendor, const std::string& arch,
               const std::string& market, double triad) {
  return {
      {"schema", "aws-benchmark-collector/result"},
      {"metadata", {{"instance_type", type}, {"market", market}, {"quick", false}}},
      {"sysinfo", {{"arch", arch}, {"cpu", {{"vendor", vendor}}}}},
      {"benchmarks",
       {{{"name", "stream"},
         {"family", "stream"},
         {"status", "ok"},
         {"metrics",
          {{{"name", "triad"},
            {"unit", "GB/s"},
            {"better", "higher"},
            {"samples", {triad, triad}},
            {"statistics", {{"mean", triad}, {"cv", 0.08}, {"outliers", json::array({1})}}}}}}}}}};
}

Dataset Build() {
  Dataset d;
  d.campaigns.push_back({});
  d.campaigns[0].label = "hand";
  struct Case {
    const char* type;
    const char* vendor;
    const char* arch;
    const char* market;
    double triad, price;
  };
  const Case cases[] = {{"m7i.large", "GenuineIntel", "x86_64", "on-demand", 10, 0.1},
                        {"c7g.large", "ARM", "aarch64", "spot", 20, 0.03},
                        {"m7i.2xlarge", "GenuineIntel", "x86_64", "on-demand", 30, 0.4}};
  int64_t id = 1;
  for (const Case& c : cases) {
    Attempt a;
    a.id = id;
    a.usd_per_hour = c.price;
    a.market = c.market == std::string("spot") ? Market::kSpot : Market::kOnDemand;
    d.attempts.push_back(a);
    AddDocument(HandBuilt(c.type, c.vendor, c.arch, c.market, c.triad), 0, nullptr,
                &d.attempts.back(), RunStatus::kOk, id++, d);
  }
  return d;
}

const Table* FindTable(const Section& s, const std::string& id) {
  for (const Table& t : s.tables)
    if (t.id == id) return &t;
  return nullptr;
}

TEST(Insights, PricePerformanceUsesTheAttemptPriceAndMarket) {
  Section s = InsightsSection(Build());
  const Table* t = FindTable(s, "insights-price-performance");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), 3u);
  // c7g.large: $0.03/h over 20 GB/s = 0.0015 $/h per GB/s, spot.
  EXPECT_EQ(t->rows[1][0], "c7g.large");
  EXPECT_EQ(t->rows[1][7], "spot");
  EXPECT_EQ(t->rows[1][8], "0.0015");
}

TEST(Insights, VendorsAtEachSizeAndScalingFromLarge) {
  Section s = InsightsSection(Build());
  const Table* vendors = FindTable(s, "insights-vendors");
  ASSERT_NE(vendors, nullptr);
  std::vector<std::string> seen;
  for (const auto& row : vendors->rows) seen.push_back(row[0] + "/" + row[3]);
  // Sizes in the catalog's order (large before 2xlarge), not alphabetical.
  EXPECT_EQ(seen, (std::vector<std::string>{"large/Intel", "large/Graviton/Arm", "2xlarge/Intel"}));
  const Table* scaling = FindTable(s, "insights-scaling");
  ASSERT_NE(scaling, nullptr);
  bool found = false;
  for (const auto& row : scaling->rows)
    if (row[2] == "m7i.2xlarge") found = row[6] == "3";  // 30 / 10
  EXPECT_TRUE(found);
}

TEST(Insights, SpotCvAndOutliersAreFlagged) {
  Section s = InsightsSection(Build());
  const Table* flags = FindTable(s, "insights-flags");
  ASSERT_NE(flags, nullptr);
  int spot = 0, cv = 0, outlier = 0;
  for (const auto& row : flags->rows) {
    spot += row[5] == "spot";
    cv += row[5] == "CV>5%";
    outlier += row[5] == "outlier";
  }
  EXPECT_EQ(spot, 1);
  EXPECT_EQ(cv, 3);
  EXPECT_EQ(outlier, 3);
}

TEST(Insights, ThePriceScatterHasOnePointPerPricedTriad) {
  auto html = RenderHtml(Build(), {});
  ASSERT_TRUE(html);
  const size_t scatter = html->find("scatter-chart");
  ASSERT_NE(scatter, std::string::npos);
  const std::string chart = html->substr(scatter, html->find("</svg>", scatter) - scatter);
  size_t marks = 0;
  for (size_t at = chart.find("class=\"mark\""); at != std::string::npos;
       at = chart.find("class=\"mark\"", at + 1))
    ++marks;
  EXPECT_EQ(marks, 3u);
  EXPECT_NE(chart.find("data-marks=\"3\""), std::string::npos);
}

}  // namespace
}  // namespace report
