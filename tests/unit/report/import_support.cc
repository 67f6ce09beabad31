#include "unit/report/import_support.h"

#include <fstream>
#include <random>

#include "agent/runner.h"
#include "agent/sysinfo.h"
#include "agent/variant.h"

namespace report::testing {

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("abc-report-test-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void TempDir::Write(const std::string& name, const nlohmann::json& document) const {
  WriteText(name, document.dump(2));
}

void TempDir::WriteText(const std::string& name, const std::string& text) const {
  std::ofstream(path_ / name) << text;
}

nlohmann::json ValidGoResult(const std::string& instance_type, double triad) {
  std::string family = instance_type.substr(0, instance_type.find('.'));
  return {
      {"schema_version", "1.0.0"},
      {"metadata",
       {{"data_version", "1.0"},
        {"instanceType", instance_type},
        {"instanceFamily", family},
        {"region", "us-east-1"},
        {"processorArchitecture", "intel"},
        {"numaTopology", {{"socketCount", 1}}},
        {"environment", {{"timestamp", "2024-06-26T23:30:00Z"}}}}},
      {"performance",
       {{"memory",
         {{"stream",
           {{"copy", {{"bandwidth", triad + 3.3}, {"unit", "GB/s"}}},
            {"scale", {{"bandwidth", triad + 2.9}, {"unit", "GB/s"}}},
            {"add", {{"bandwidth", triad + 0.2}, {"unit", "GB/s"}}},
            {"triad", {{"bandwidth", triad}, {"unit", "GB/s"}}}}},
          {"cache",
           {{"l1", {{"latency", 4}, {"unit", "cycles"}}},
            {"memory", {{"latency", 85}, {"unit", "ns"}}}}}}},
        {"cpu", {{"linpack", {{"gflops", 120.5}, {"efficiency", 0.7}}}}}}},
      {"validation",
       {{"checksums", nlohmann::json::object()},
        {"reproducibility",
         {{"runs", 10}, {"confidence", 0.95}, {"stddev", 0.4}, {"coefficient_variation", 0.01}}}}}};
}

nlohmann::json OwnResult(const std::string& instance_type, const std::vector<double>& triad,
                         const std::string& variant, const std::string& metric,
                         const std::string& unit) {
  agent::BenchmarkResult result;
  result.name = variant;
  result.family = variant.substr(0, variant.find('-'));
  agent::AddMetric(result, metric, unit,
                   unit == "ns" ? agent::Better::kLower : agent::Better::kHigher, triad);
  agent::RunOptions options;
  options.instance_type = instance_type;
  options.region = "us-east-1";
  agent::SysInfo info;
  info.arch = "x86_64";
  return agent::MakeResultDocument({result}, options, info, 1.7e9, 1.7e9 + 60);
}

}  // namespace report::testing
