// ComputeCompass export: measured figures land in the documented fields, unmeasured ones
// are absent (never 0), quick and local runs are left out, and the files match the goldens.

#include "report/computecompass.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <numeric>
#include <sstream>

#include "agent/runner.h"
#include "agent/sysinfo.h"
#include "report/import.h"
#include "unit/report/import_support.h"

namespace report {
namespace {

using nlohmann::json;
using testing::TempDir;

double Mean(const std::vector<double>& x) {
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

const std::vector<double> kTriad = {61.0, 61.4, 60.8, 61.2};
const std::vector<double> kGflops = {150.0, 151.0, 149.5, 150.5};

// A hand-built document of our schema for an m7i.large with two sockets.
json MeasuredDocument(const std::string& type, bool quick) {
  using agent::AddMetric;
  using agent::Better;
  std::vector<agent::BenchmarkResult> results(4);
  results[0].name = "stream";
  results[0].family = "stream";
  AddMetric(results[0], "copy", "GB/s", Better::kHigher, {70.0, 70.2, 69.9, 70.1});
  AddMetric(results[0], "triad", "GB/s", Better::kHigher, kTriad);
  results[1].name = "micro-latency";
  results[1].family = "micro";
  AddMetric(results[1], "latency", "ns", Better::kLower, {1.2, 1.21, 1.19},
            {{"working_set_bytes", 16384}});
  results[1].derived["levels"] =
      json::array({{{"level", "L1"}, {"ns", 1.2}}, {{"level", "memory"}, {"ns", 95.5}}});
  results[2].name = "stream-numa";
  results[2].family = "stream";
  AddMetric(results[2], "triad", "GB/s", Better::kHigher, {40.0, 40.2},
            {{"placement", "local"}, {"memory_node", 0}});
  AddMetric(results[2], "triad", "GB/s", Better::kHigher, {22.0, 22.4},
            {{"placement", "remote"}, {"memory_node", 1}});
  results[3].name = "hpl";
  results[3].family = "hpl";
  AddMetric(results[3], "gflops", "GFLOP/s", Better::kHigher, kGflops);
  agent::RunOptions options;
  options.instance_type = type;
  options.region = "us-east-1";
  options.quick = quick;
  agent::SysInfo info;
  info.arch = "x86_64";
  json document = agent::MakeResultDocument(results, options, info, 1.7e9, 1.7e9 + 60);
  document["sysinfo"]["topology"]["sockets"] = 2;
  document["sysinfo"]["cpu"]["vendor"] = "GenuineIntel";
  return document;
}

Dataset Imported(const TempDir& files, const TempDir& root) {
  auto outcome = ReadResultDirectory(files.Str(), *catalog::Catalog::Embedded());
  EXPECT_TRUE(outcome.has_value());
  std::string path = (root.path() / "imported.db").string();
  EXPECT_TRUE(WriteImportJournal(path, files.Str(), *outcome, 1'700'000'000).has_value());
  auto dataset = LoadJournals({path});
  EXPECT_TRUE(dataset.has_value()) << (dataset ? "" : dataset.error().message);
  return *dataset;
}

ComputeCompassFiles Export() {
  TempDir files, root;
  files.Write("m7i.json", MeasuredDocument("m7i.large", false));
  files.Write("quick.json", MeasuredDocument("c7i.large", true));  // quick: left out
  files.Write("local.json", MeasuredDocument("local", false));     // not an EC2 type
  json go = testing::ValidGoResult("m7a.large", 48.0);
  go["metadata"]["processorArchitecture"] = "amd";
  files.Write("go.json", go);
  return ExportComputeCompass(Imported(files, root), *catalog::Catalog::Embedded(),
                              "2026-12-06T00:00:00Z");
}

TEST(ComputeCompass, MeasuredFiguresLandInTheDocumentedFields) {
  ComputeCompassFiles out = Export();
  const json& m7i = out.memory["instances"]["m7i.large"];
  EXPECT_DOUBLE_EQ(m7i["stream"]["triad"]["bandwidth"].get<double>(), Mean(kTriad));
  EXPECT_EQ(m7i["stream"]["triad"]["unit"], "GB/s");
  EXPECT_DOUBLE_EQ(m7i["cache"]["memory"]["latency"].get<double>(), 95.5);
  EXPECT_DOUBLE_EQ(m7i["cache"]["l1"]["latency"].get<double>(), 1.2);
  EXPECT_EQ(m7i["numa"]["socketCount"], 2);
  EXPECT_DOUBLE_EQ(m7i["numa"]["localBandwidth"].get<double>(), 40.1);
  EXPECT_DOUBLE_EQ(m7i["numa"]["remoteBandwidth"].get<double>(), 22.2);
  EXPECT_DOUBLE_EQ(out.cpu["instances"]["m7i.large"]["linpack"]["gflops"].get<double>(),
                   Mean(kGflops));
  const json& price = out.price["instances"]["m7i.large"];
  double usd =
      catalog::Catalog::Embedded()->Find("m7i.large")->OnDemandPrice("us-east-1")->usd_per_hour;
  EXPECT_DOUBLE_EQ(price["pricing"]["onDemand"].get<double>(), usd);
  EXPECT_DOUBLE_EQ(price["costEfficiency"]["costPerGBs"].get<double>(), usd / Mean(kTriad));
  // The imported Go file: its reported figures, its cache latency in its own unit.
  const json& m7a = out.memory["instances"]["m7a.large"];
  EXPECT_DOUBLE_EQ(m7a["stream"]["triad"]["bandwidth"].get<double>(), 48.0);
  EXPECT_EQ(m7a["cache"]["l1"]["unit"], "cycles");
  EXPECT_EQ(out.memory["rankings"]["triad_bandwidth"][0]["instanceType"], "m7i.large");
}

TEST(ComputeCompass, UnmeasuredFiguresAreAbsentAndQuickOrLocalRunsLeftOut) {
  ComputeCompassFiles out = Export();
  const json& m7i = out.memory["instances"]["m7i.large"];
  EXPECT_FALSE(m7i["stream"].contains("scale"));  // not measured: absent, not 0
  EXPECT_FALSE(m7i["cache"].contains("l2"));
  EXPECT_FALSE(out.cpu["instances"]["m7i.large"].contains("vectorization"));
  EXPECT_FALSE(out.memory["instances"].contains("c7i.large"));  // quick run
  EXPECT_FALSE(out.memory["instances"].contains("local"));
  // The Go file gives its socket count but no NUMA bandwidth.
  EXPECT_EQ(out.memory["instances"]["m7a.large"]["numa"]["socketCount"], 1);
  EXPECT_FALSE(out.memory["instances"]["m7a.large"]["numa"].contains("localBandwidth"));
}

std::string Read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Regenerate with ABC_UPDATE_GOLDEN=1 after a deliberate change, and review the diff.
TEST(ComputeCompass, FilesMatchTheGoldens) {
  TempDir out;
  ASSERT_TRUE(WriteComputeCompass(Export(), out.Str()).has_value());
  std::filesystem::path golden =
      std::filesystem::path(ABC_TEST_DATA_DIR) / "report" / "computecompass";
  for (const char* name :
       {"memory-benchmarks.json", "cpu-benchmarks.json", "price-performance.json"}) {
    if (std::getenv("ABC_UPDATE_GOLDEN") != nullptr) {
      std::filesystem::create_directories(golden);
      std::filesystem::copy_file(out.path() / name, golden / name,
                                 std::filesystem::copy_options::overwrite_existing);
    }
    EXPECT_EQ(Read(out.path() / name), Read(golden / name)) << name;
  }
}

TEST(ComputeCompass, AnOutputThatIsAFileIsRefused) {
  TempDir out;
  out.WriteText("taken", "x");
  auto written = WriteComputeCompass(ComputeCompassFiles{}, (out.path() / "taken").string());
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_FALSE(WriteComputeCompass(ComputeCompassFiles{}, "").has_value());
}

}  // namespace
}  // namespace report
