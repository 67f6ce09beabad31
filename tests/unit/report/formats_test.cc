// Properties of the formats that do not depend on a golden file: each is checked against
// the fixture's documents read independently of the report code.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "fixture.h"
#include "report/dataset.h"
#include "report/formats.h"
#include "report/model.h"

namespace report {
namespace {

using nlohmann::json;

struct Loaded {
  Dataset dataset;
  json fixture;
};

Loaded Load(const std::string& name) {
  Loaded l;
  std::ifstream in(testing::FixturePath(name));
  l.fixture = json::parse(in);
  std::string path = testing::TempJournalPath("formats-" + name + ".db");
  testing::BuildJournal(name, path);
  auto d = LoadJournals({path});
  EXPECT_TRUE(d);
  if (d) l.dataset = *d;
  return l;
}

std::vector<json> Metrics(const json& fixture) {
  std::vector<json> out;
  for (const json& result : fixture["results"]) {
    json doc = json::parse(result["json"].get<std::string>());
    for (const json& bench : doc["benchmarks"])
      for (const json& m : bench["metrics"]) out.push_back(m);
  }
  return out;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(Formats, CsvHasOneRowPerMetricAndTheDocumentedColumns) {
  Loaded l = Load("local-m7i-quick.json");
  auto csv = RenderCsv(l.dataset, {});
  ASSERT_TRUE(csv);
  std::istringstream lines(*csv);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "campaign,instance_type,planned_type,vendor,region,market,variant,family,metric,labels,"
            "unit,better,quick,count,mean,median,best,worst,stdev,cv,ci95_low,ci95_high,outliers,"
            "samples");
  size_t rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  EXPECT_EQ(rows, Metrics(l.fixture).size());
}

TEST(Formats, JsonCarriesEveryMetricWithItsSamplesAndAVersion) {
  Loaded l = Load("local-m7i-quick.json");
  auto text = RenderJson(l.dataset, {});
  ASSERT_TRUE(text);
  json report = json::parse(*text);
  EXPECT_EQ(report["schema"], "aws-benchmark-collector/report");
  EXPECT_EQ(report["schema_version"], 1);
  std::vector<json> expected = Metrics(l.fixture);
  ASSERT_EQ(report["metrics"].size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(report["metrics"][i]["samples"], expected[i]["samples"]) << i;
    EXPECT_EQ(report["metrics"][i]["statistics"]["ci95_high"],
              expected[i]["statistics"]["ci95_high"])
        << i;
  }
}

TEST(Formats, ASimulatedCampaignHasNoMeasurementSection) {
  Loaded l = Load("sim-three-families.json");
  for (const FormatEntry& format : Formats()) {
    auto text = format.render(l.dataset, {});
    ASSERT_TRUE(text) << format.name;
    EXPECT_EQ(text->find("Performance"), std::string::npos) << format.name;
    EXPECT_EQ(text->find("Insights"), std::string::npos) << format.name;
  }
  auto text = RenderText(l.dataset, {});
  EXPECT_NE(text->find("holds logistics only"), std::string::npos);
}

TEST(Formats, HtmlHasOneMarkPerFigureAndRequestsNothing) {
  Loaded l = Load("local-m7i-quick.json");
  auto html = RenderHtml(l.dataset, {});
  ASSERT_TRUE(html);
  // Headline figures: every metric without a sweep label; latency points: micro-latency
  // metrics. Counted from the fixture's documents, not from the report code.
  size_t headline = 0, latency = 0;
  for (const json& m : Metrics(l.fixture)) {
    const json& labels = m["labels"];
    const bool sweep = labels.contains("working_set_bytes") || labels.contains("pages") ||
                       labels.contains("addresses") ||
                       (labels.contains("stride_bytes") && m["name"] == "stride_latency");
    headline += !sweep;
    latency += m["name"] == "latency";
  }
  EXPECT_EQ(Count(*html, "<rect class=\"mark\""), headline);
  EXPECT_EQ(Count(*html, "<circle class=\"mark\""), latency);  // no priced triad: no scatter dot
  EXPECT_EQ(Count(*html, "http://") + Count(*html, "https://") + Count(*html, " src="), 0u);
  EXPECT_NE(html->find("default-src 'none'"), std::string::npos);
}

TEST(Formats, TheFormatTableNamesEachFormatOnce) {
  std::set<std::string> names;
  for (const FormatEntry& format : Formats()) EXPECT_TRUE(names.insert(format.name).second);
  for (const char* name : {"text", "markdown", "html", "csv", "json"})
    EXPECT_NE(FindFormat(name), nullptr) << name;
  EXPECT_EQ(FindFormat("pdf"), nullptr);
}

}  // namespace
}  // namespace report
