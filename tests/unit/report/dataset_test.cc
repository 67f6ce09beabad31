#include "report/dataset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fixture.h"

namespace report {
namespace {

using nlohmann::json;

json Fixture(const std::string& name) {
  std::ifstream in(testing::FixturePath(name));
  return json::parse(in);
}

Dataset Load(const std::vector<std::string>& fixtures) {
  std::vector<std::string> paths;
  for (size_t i = 0; i < fixtures.size(); ++i) {
    paths.push_back(testing::TempJournalPath(std::to_string(i) + "-" + fixtures[i] + ".db"));
    testing::BuildJournal(fixtures[i], paths.back());
  }
  auto dataset = LoadJournals(paths);
  EXPECT_TRUE(dataset) << (dataset ? "" : dataset.error().message);
  return dataset ? *dataset : Dataset{};
}

const MetricRow* Find(const Dataset& d, const std::string& variant, const std::string& metric,
                      const std::string& labels = "") {
  for (const MetricRow& row : d.metrics)
    if (row.variant == variant && row.metric == metric && row.labels_key == labels) return &row;
  return nullptr;
}

TEST(Dataset, EveryMetricOfARealLocalCampaignBecomesOneRow) {
  json fixture = Fixture("local-m7i-quick.json");
  size_t expected_metrics = 0;
  for (const json& result : fixture["results"]) {
    json doc = json::parse(result["json"].get<std::string>());
    for (const json& bench : doc["benchmarks"]) expected_metrics += bench["metrics"].size();
  }
  Dataset d = Load({"local-m7i-quick.json"});
  ASSERT_EQ(d.campaigns.size(), 1u);
  EXPECT_EQ(d.campaigns[0].backend, "local");
  EXPECT_FALSE(d.campaigns[0].simulated());
  EXPECT_EQ(d.campaigns[0].status, CampaignStatus::kCompleted);
  EXPECT_EQ(d.jobs.size(), fixture["jobs"].size());
  ASSERT_EQ(d.documents.size(), fixture["results"].size());
  for (size_t i = 0; i < d.documents.size(); ++i)
    EXPECT_EQ(d.documents[i].sha256, fixture["results"][i]["sha256"]) << i;
  EXPECT_GT(expected_metrics, 20u);
  EXPECT_EQ(d.metrics.size(), expected_metrics);
}

TEST(Dataset, AMetricRowCarriesTheSamplesAndStatisticsAsWritten) {
  json fixture = Fixture("local-m7i-quick.json");
  json triad;
  for (const json& result : fixture["results"]) {
    if (result["job"] != "us-east-1/m7i.large/stream") continue;
    json doc = json::parse(result["json"].get<std::string>());
    for (const json& m : doc["benchmarks"][0]["metrics"])
      if (m["name"] == "triad") triad = m;
  }
  ASSERT_FALSE(triad.is_null());
  Dataset d = Load({"local-m7i-quick.json"});
  const MetricRow* row = Find(d, "stream", "triad");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->samples, triad["samples"].get<std::vector<double>>());
  EXPECT_EQ(row->mean, triad["statistics"]["mean"].get<double>());
  EXPECT_EQ(row->cv, triad["statistics"]["cv"].get<double>());
  EXPECT_EQ(row->ci95_low, triad["statistics"]["ci95_low"].get<double>());
  EXPECT_EQ(row->ci95_high, triad["statistics"]["ci95_high"].get<double>());
  EXPECT_EQ(row->unit, "GB/s");
  EXPECT_TRUE(row->higher_is_better);
  EXPECT_TRUE(row->quick);
  EXPECT_EQ(row->instance_type, "local");
  EXPECT_EQ(row->planned_type, "m7i.large");
  EXPECT_EQ(row->family, "stream");
  EXPECT_EQ(d.TypeLabel(*row), "local (planned m7i.large)");
  EXPECT_EQ(row->campaign_label, d.campaigns[0].label);
}

TEST(Dataset, LatencyRowsAreLowerIsBetterAndKeyedByTheirLabels) {
  Dataset d = Load({"local-m7i-quick.json"});
  const MetricRow* row = Find(d, "micro-latency", "latency", "working_set_bytes=4096");
  ASSERT_NE(row, nullptr);
  EXPECT_FALSE(row->higher_is_better);
  EXPECT_EQ(row->unit, "ns");
  EXPECT_EQ(row->labels["working_set_bytes"], 4096);
}

TEST(Dataset, JobStatesAndReasonsComeFromTheJournal) {
  Dataset d = Load({"local-m7i-quick.json"});
  int succeeded = 0, skipped = 0;
  for (const Job& job : d.jobs) {
    succeeded += job.state == JobState::kSucceeded;
    skipped += job.state == JobState::kSkipped;
    if (job.state == JobState::kSkipped) {
      EXPECT_FALSE(job.reason.empty()) << job.id;
    }
    ASSERT_TRUE(job.result.has_value()) << job.id;
    EXPECT_EQ(d.documents[*job.result].job, job.id);
  }
  EXPECT_EQ(succeeded, 12);
  EXPECT_EQ(skipped, 3);
  for (const BenchmarkRun& run : d.benchmarks)
    if (run.variant == "micro-ipc") {
      EXPECT_EQ(run.status, RunStatus::kSkipped);
    }
}

TEST(Dataset, ASimulatedCampaignHasLogisticsAndNoMeasurement) {
  Dataset d = Load({"sim-three-families.json"});
  ASSERT_EQ(d.campaigns.size(), 1u);
  EXPECT_TRUE(d.campaigns[0].simulated());
  EXPECT_FALSE(d.documents.empty());
  for (const Document& doc : d.documents) EXPECT_FALSE(doc.is_result);
  EXPECT_TRUE(d.metrics.empty());
  EXPECT_FALSE(d.attempts.empty());
  bool launch_error = false;
  for (const Attempt& a : d.attempts) launch_error |= a.outcome == AttemptOutcome::kLaunchError;
  EXPECT_TRUE(launch_error);
}

TEST(Dataset, TwoJournalsMergeWithDistinctLabels) {
  std::string a = testing::TempJournalPath("a");
  std::filesystem::create_directories(a);
  std::string b = testing::TempJournalPath("b");
  std::filesystem::create_directories(b);
  testing::BuildJournal("local-m7i-quick.json", a + "/weekly.db");
  testing::BuildJournal("local-m7i-quick.json", b + "/weekly.db");
  auto d = LoadJournals({a + "/weekly.db", b + "/weekly.db"});
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->campaigns.size(), 2u);
  EXPECT_EQ(d->campaigns[0].label, "weekly");
  EXPECT_EQ(d->campaigns[1].label, "weekly#2");
  size_t second = 0;
  for (const MetricRow& row : d->metrics) second += row.campaign == 1;
  EXPECT_EQ(second * 2, d->metrics.size());
  for (const MetricRow& row : d->metrics)
    EXPECT_EQ(row.campaign_label, d->campaigns[row.campaign].label);
}

TEST(Dataset, AMissingJournalIsOneErrorNamingTheFile) {
  std::string path = testing::TempJournalPath("missing.db");
  auto d = LoadJournals({path});
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(d.error().message.find(path), std::string::npos) << d.error().message;
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Dataset, LabelsKeyIsSortedAndUnquoted) {
  EXPECT_EQ(LabelsKey(json::object()), "");
  EXPECT_EQ(LabelsKey(json{{"placement", "remote"}, {"cpu_node", 0}}),
            "cpu_node=0,placement=remote");
}

// Hand-built edge case (not a measurement): a document's own market wins over the plan's,
// and a document missing statistics gives a row whose CI collapses to its mean.
TEST(Dataset, HandBuiltDocumentMarketAndMissingStatistics) {
  Dataset d;
  d.campaigns.push_back({});
  json doc = {{"schema", "aws-benchmark-collector/result"},
              {"metadata",
               {{"market", "spot"},
                {"planned_market", "on-demand"},
                {"instance_type", "c7g.large"},
                {"quick", false}}},
              {"benchmarks",
               {{{"name", "stream"},
                 {"family", "stream"},
                 {"status", "ok"},
                 {"metrics",
                  {{{"name", "triad"},
                    {"unit", "GB/s"},
                    {"better", "higher"},
                    {"samples", {1.0, 2.0}}}}}}}}};
  AddDocument(doc, 0, nullptr, nullptr, RunStatus::kOk, 7, d);
  ASSERT_EQ(d.metrics.size(), 1u);
  EXPECT_EQ(d.metrics[0].market, Market::kSpot);
  EXPECT_EQ(d.metrics[0].planned_type, "c7g.large");
  EXPECT_EQ(d.metrics[0].ci95_low, d.metrics[0].mean);
  EXPECT_EQ(d.documents[0].attempt_id, 7);
}

}  // namespace
}  // namespace report
