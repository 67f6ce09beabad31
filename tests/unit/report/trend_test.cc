// report --trend: one row per headline figure, its mean per campaign in --state order.

#include "report/trend.h"

#include <gtest/gtest.h>

namespace report {
namespace {

MetricRow Row(size_t campaign, const std::string& metric, std::vector<double> samples,
              nlohmann::json labels = nlohmann::json::object()) {
  MetricRow row;
  row.campaign = campaign;
  row.instance_type = row.planned_type = "m7i.large";
  row.variant = "stream";
  row.metric = metric;
  row.labels = std::move(labels);
  row.labels_key = LabelsKey(row.labels);
  row.unit = "GB/s";
  row.samples = std::move(samples);
  return row;
}

Dataset ThreeCampaigns() {
  Dataset d;
  for (const char* label : {"week1", "week2", "week3"}) {
    Campaign c;
    c.label = label;
    d.campaigns.push_back(c);
  }
  d.metrics = {Row(0, "triad", {10, 12}),
               Row(1, "triad", {13, 15}),
               Row(2, "triad", {8, 8}),
               Row(0, "copy", {20, 22}),
               Row(2, "copy", {30}),
               Row(1, "triad", {1, 2}, {{"working_set_bytes", 4096}})};  // a sweep point
  for (MetricRow& row : d.metrics) {  // the type label of a row comes from its document
    Document document;
    document.instance_type = document.planned_type = row.instance_type;
    row.document = d.documents.size();
    d.documents.push_back(document);
  }
  return d;
}

TEST(Trend, OneRowPerHeadlineFigureWithItsMeanPerCampaign) {
  std::vector<TrendRow> rows = BuildTrend(ThreeCampaigns());
  ASSERT_EQ(rows.size(), 2u);  // the sweep point is left out
  const TrendRow& copy = rows[0];
  const TrendRow& triad = rows[1];
  EXPECT_EQ(triad.metric, "triad");
  ASSERT_EQ(triad.means.size(), 3u);
  EXPECT_DOUBLE_EQ(*triad.means[0], 11.0);
  EXPECT_DOUBLE_EQ(*triad.means[1], 14.0);
  EXPECT_DOUBLE_EQ(*triad.means[2], 8.0);
  EXPECT_FALSE(copy.means[1].has_value());  // not measured in week2: empty, not 0
}

TEST(Trend, TextShowsTheChangeAndHtmlHasOneMarkPerMeasuredPoint) {
  auto text = RenderTrend(ThreeCampaigns(), "text");
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(text->find("-27.3%"), std::string::npos) << *text;  // triad 11 -> 8
  EXPECT_NE(text->find(" 42.9%"), std::string::npos) << *text;  // copy 21 -> 30 (week2 empty)
  auto html = RenderTrend(ThreeCampaigns(), "html");
  ASSERT_TRUE(html.has_value());
  size_t marks = 0;
  for (size_t at = html->find("class=\"mark\""); at != std::string::npos;
       at = html->find("class=\"mark\"", at + 1)) {
    ++marks;
  }
  EXPECT_EQ(marks, 5u);  // triad 3 points + copy 2 points
  for (const char* outside : {"http://", "https://", " src=", "url("})
    EXPECT_EQ(html->find(outside), std::string::npos) << outside;  // no request
  EXPECT_NE(html->find("default-src 'none'"), std::string::npos);
  EXPECT_FALSE(RenderTrend(ThreeCampaigns(), "json").has_value());
}

}  // namespace
}  // namespace report
