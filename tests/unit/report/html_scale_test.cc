// The HTML page of a large campaign stays readable (docs/report.md, "HTML at scale"): bar
// charts show the best figures only, grouped by vendor, latency curves are capped, curve points are
// flagged per curve. The documents are HAND-BUILT test inputs (many types with made-up figures),
// not measurements; the expected counts follow from how they are built.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "report/dataset.h"
#include "report/formats.h"
#include "report/model.h"
#include "report/result_parser.h"

namespace report {
namespace {

using nlohmann::json;

json Metric(const std::string& name, json labels, double mean, double cv) {
  return {
      {"name", name},     {"unit", "GB/s"},          {"better", "higher"},
      {"labels", labels}, {"samples", {mean, mean}}, {"statistics", {{"mean", mean}, {"cv", cv}}}};
}

// One document of type `type`: a stream triad of `triad` GB/s and a latency sweep of
// `points` working sets, the first `noisy` of them with a CV of 10%.
json Document(const std::string& type, double triad, int points, int noisy,
              const std::string& vendor = "GenuineIntel") {
  json sweep = json::array();
  for (int i = 0; i < points; ++i)
    sweep.push_back(
        Metric("latency", {{"working_set_bytes", 4096 << i}}, 1.0 + i, i < noisy ? 0.10 : 0.01));
  return {
      {"schema", "aws-benchmark-collector/result"},
      {"metadata", {{"instance_type", type}}},
      {"sysinfo", {{"arch", "x86_64"}, {"cpu", {{"vendor", vendor}}}}},
      {"benchmarks",
       {{{"name", "stream"},
         {"family", "stream"},
         {"status", "ok"},
         {"metrics", {Metric("triad", json::object(), triad, 0.01)}}},
        {{"name", "micro-latency"}, {"family", "micro"}, {"status", "ok"}, {"metrics", sweep}}}}};
}

Dataset ManyTypes(int types, int points, int noisy) {
  Dataset d;
  d.campaigns.push_back({});
  d.campaigns[0].label = "hand";
  for (int i = 0; i < types; ++i)
    // Triads in a scrambled order, so that "best first" has to sort.
    AddDocument(Document("t" + std::to_string(i) + ".large", (i * 37) % types + 1.0, points, noisy),
                0, nullptr, nullptr, RunStatus::kOk, i, d);
  return d;
}

std::string ChartOf(const std::string& html, const std::string& title_start) {
  const size_t at = html.find("<title>" + title_start);
  if (at == std::string::npos) return {};
  return html.substr(at, html.find("</svg>", at) - at);
}

std::vector<double> BarValues(const std::string& chart) {
  std::vector<double> values;
  static const std::regex kBar(R"(\]: ([0-9.e+-]+) GB/s \(CI95)");
  for (std::sregex_iterator it(chart.begin(), chart.end(), kBar), end; it != end; ++it)
    values.push_back(std::stod((*it)[1]));
  return values;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

TEST(HtmlScale, ABarChartShowsTheBestThirtyFiguresBestFirst) {
  const int types = 100;
  auto html = RenderHtml(ManyTypes(types, 2, 0), {});
  ASSERT_TRUE(html);
  const std::string chart = ChartOf(*html, "stream triad");
  ASSERT_FALSE(chart.empty());
  EXPECT_NE(chart.find("best 30 of 100"), std::string::npos);
  std::vector<double> shown = BarValues(chart);
  ASSERT_EQ(shown.size(), 30u);
  // Triads are 1..100 GB/s, one per type: the best 30 are 100 down to 71.
  for (size_t i = 0; i < shown.size(); ++i) EXPECT_EQ(shown[i], 100.0 - static_cast<double>(i));
}

TEST(HtmlScale, AFewFiguresAreAllShownBestFirst) {
  auto html = RenderHtml(ManyTypes(5, 2, 0), {});
  ASSERT_TRUE(html);
  const std::string chart = ChartOf(*html, "stream triad");
  EXPECT_EQ(chart.find("best "), std::string::npos);
  std::vector<double> shown = BarValues(chart);
  ASSERT_EQ(shown.size(), 5u);
  EXPECT_TRUE(std::is_sorted(shown.rbegin(), shown.rend()));
}

TEST(HtmlScale, BarsAreGroupedByVendorBestFirstInEachGroup) {
  Dataset d;
  d.campaigns.push_back({});
  d.campaigns[0].label = "hand";
  // Triads 1..40 GB/s; every third type is AMD. The best 30 are 40 down to 11.
  for (int i = 1; i <= 40; ++i)
    AddDocument(Document("t" + std::to_string(i) + ".large", i, 2, 0,
                         i % 3 == 0 ? "AuthenticAMD" : "GenuineIntel"),
                0, nullptr, nullptr, RunStatus::kOk, i, d);
  auto html = RenderHtml(d, {});
  ASSERT_TRUE(html);
  const std::string chart = ChartOf(*html, "stream triad");
  std::vector<double> shown = BarValues(chart);
  ASSERT_EQ(shown.size(), 30u);
  // 40 is Intel (40 % 3 != 0): the Intel group comes first, then AMD (39, 36, ... 12).
  std::vector<double> intel, amd;
  for (int v = 40; v >= 11; --v) (v % 3 == 0 ? amd : intel).push_back(v);
  std::vector<double> expected = intel;
  expected.insert(expected.end(), amd.begin(), amd.end());
  EXPECT_EQ(shown, expected);
}

TEST(HtmlScale, LatencyCurvesAreCappedAndTheRestNamed) {
  auto html = RenderHtml(ManyTypes(20, 4, 0), {});
  ASSERT_TRUE(html);
  EXPECT_EQ(Count(*html, "class=\"chart curve-chart\""), 12u);
  EXPECT_NE(html->find("8 more latency curve(s) not drawn"), std::string::npos);
}

TEST(HtmlScale, CurvePointsAreFlaggedOncePerCurveWithTheirCount) {
  Section s = InsightsSection(ManyTypes(3, 9, 4));
  const Table* flags = nullptr;
  for (const Table& t : s.tables)
    if (t.id == "insights-flags") flags = &t;
  ASSERT_NE(flags, nullptr);
  ASSERT_EQ(flags->rows.size(), 3u);  // one per type's latency curve; the triads are quiet
  for (const auto& row : flags->rows) {
    EXPECT_EQ(row[3], "latency");
    EXPECT_EQ(row[5], "CV>5%");
    EXPECT_EQ(row[6].rfind("4 of 9 curve points, CV up to 10.0%", 0), 0u) << row[6];
  }
}

TEST(ParseResult, KeepsWhatTheReportReadsAndReadsMetricsIntoRows) {
  json full = {
      {"schema", "aws-benchmark-collector/result"},
      {"tool", {{"version", "1"}}},
      {"metadata", {{"instance_type", "m7i.large"}, {"quick", true}}},
      {"sysinfo",
       {{"arch", "x86_64"},
        {"caches", json::array({1, 2})},
        {"cpu", {{"vendor", "GenuineIntel"}, {"isa_features", {"avx2"}}, {"family", 6}}},
        {"hypervisor", {{"emulated", false}}},
        {"topology", {{"sockets", 2}}}}},
      {"benchmarks",
       {{{"name", "stream"},
         {"environment", {{"duration_seconds", 1.5}, {"started_at", "x"}}},
         {"derived", {{"environment", {{"kept", 1}}}}},
         {"metrics",
          {Metric("triad", {{"placement", "local"}, {"node", 1}}, 3, 0.25),
           7,
           {{"name", "copy"},
            {"better", "lower"},
            {"samples", {1, "x", 2.5}},
            {"statistics", {{"mean", 1.75}, {"ci95_high", 4}, {"outliers", {1, -1, 2.0, 0}}}}}}}},
        "not an object"}}};
  full["benchmarks"][0]["metrics"][0]["statistics"]["t_quantile"] = 4.3;
  auto parsed = ParseResult(full.dump());
  ASSERT_TRUE(parsed.has_value());
  json expected = full;
  expected.erase("tool");
  expected["sysinfo"].erase("caches");
  expected["sysinfo"]["cpu"] = {{"vendor", "GenuineIntel"}};
  expected["benchmarks"][0]["environment"] = {{"duration_seconds", 1.5}};
  expected["benchmarks"][0].erase("metrics");
  EXPECT_EQ(parsed->tree, expected);
  ASSERT_EQ(parsed->metrics.size(), 2u);  // one entry per element of "benchmarks"
  EXPECT_TRUE(parsed->metrics[1].empty());
  const std::vector<MetricRow>& rows = parsed->metrics[0];
  ASSERT_EQ(rows.size(), 3u);  // the 7 gives an empty row, as field-by-field reading does
  EXPECT_EQ(rows[0].metric, "triad");
  EXPECT_EQ(rows[0].unit, "GB/s");
  EXPECT_TRUE(rows[0].higher_is_better);
  EXPECT_EQ(rows[0].labels, json({{"placement", "local"}, {"node", 1}}));
  EXPECT_EQ(rows[0].samples, std::vector<double>({3, 3}));
  EXPECT_EQ(rows[0].mean, 3);
  EXPECT_EQ(rows[0].cv, 0.25);
  EXPECT_TRUE(rows[1].metric.empty());
  EXPECT_TRUE(rows[1].samples.empty());
  EXPECT_EQ(rows[2].metric, "copy");
  EXPECT_FALSE(rows[2].higher_is_better);
  EXPECT_EQ(rows[2].labels, json::object());
  EXPECT_EQ(rows[2].samples, std::vector<double>({1, 2.5}));  // "x" is not a number
  EXPECT_EQ(rows[2].outliers, std::vector<size_t>({1, 0}));   // -1 and 2.0 are not indices
  EXPECT_EQ(rows[2].ci95_high, 4);
  EXPECT_TRUE(std::isnan(rows[2].ci95_low));  // absent: ReadDocument makes it the mean
  EXPECT_FALSE(ParseResult("{\"schema\": ").has_value());
  EXPECT_FALSE(ParseResult("{} trailing").has_value());
}

// The fields a parsed row gets from its benchmark and document, and CI95 defaults.
TEST(ParseResult, AbsentCi95IsTheMean) {
  Dataset d = ManyTypes(1, 0, 0);
  ASSERT_EQ(d.metrics.size(), 1u);
  EXPECT_EQ(d.metrics[0].ci95_low, d.metrics[0].mean);
  EXPECT_EQ(d.metrics[0].ci95_high, d.metrics[0].mean);
  EXPECT_EQ(d.metrics[0].variant, "stream");
  EXPECT_EQ(d.metrics[0].instance_type, "t0.large");
  EXPECT_EQ(d.metrics[0].campaign_label, "hand");
}

}  // namespace
}  // namespace report
