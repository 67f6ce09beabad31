// The Performance section lists every family it finds, not only stream, hpl and micro:
// custom suites' figures (family "custom", docs/custom-suites.md) and any family it does not
// know get their own headline table instead of being dropped.
#include <gtest/gtest.h>

#include <algorithm>

#include "report/dataset.h"
#include "report/model.h"

namespace report {
namespace {

MetricRow Row(const std::string& family, const std::string& variant, const std::string& metric) {
  MetricRow row;
  row.family = family;
  row.variant = variant;
  row.metric = metric;
  row.unit = "u";
  row.samples = {1, 2, 3};
  row.mean = 2;
  return row;
}

const Table* FindTable(const Section& section, const std::string& id) {
  auto found = std::find_if(section.tables.begin(), section.tables.end(),
                            [&id](const Table& table) { return table.id == id; });
  return found == section.tables.end() ? nullptr : &*found;
}

TEST(ReportFamilies, CustomAndUnknownFamiliesAreListed) {
  Dataset d;
  d.documents.resize(1);
  d.documents[0].instance_type = "m7i.large";
  d.metrics = {Row("stream", "stream", "triad"), Row("custom", "sysbench.cpu", "events"),
               Row("future", "future-x", "y")};
  Section section = PerformanceSection(d);
  const Table* custom = FindTable(section, "performance-custom");
  ASSERT_NE(custom, nullptr);
  ASSERT_EQ(custom->rows.size(), 1u);
  EXPECT_EQ(custom->rows[0][2], "sysbench.cpu");
  EXPECT_EQ(custom->rows[0][3], "events");
  const Table* future = FindTable(section, "performance-future");
  ASSERT_NE(future, nullptr);
  EXPECT_EQ(future->rows.at(0)[2], "future-x");
  ASSERT_NE(FindTable(section, "performance-stream"), nullptr);
}

}  // namespace
}  // namespace report
