#include "cli/measured_durations.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "agent/result_schema.h"
#include "store/journal.h"
#include "util/files.h"

namespace cli {
namespace {

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr double kBytesPerGiB = 1024.0 * 1024.0 * 1024.0;

util::Error Bad(const std::string& path, const std::string& why) {
  return util::InvalidInput("--durations: " + path + ": " + why +
                            " (accepted: a campaign journal, an agent result JSON file, or a "
                            "folder of result files)");
}

const nlohmann::json& At(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

// Results written before metadata.iterations: the samples of the run's first metric.
int IterationsOf(const nlohmann::json& document, const nlohmann::json& benchmark) {
  const nlohmann::json& recorded = At(At(document, "metadata"), "iterations");
  if (recorded.is_number_integer()) return recorded.get<int>();
  const nlohmann::json& metrics = At(benchmark, "metrics");
  if (!metrics.is_array() || metrics.empty()) return 0;
  const nlohmann::json& samples = At(metrics[0], "samples");
  return samples.is_array() ? static_cast<int>(samples.size()) : 0;
}

// The runs of one result document that count; `where` names it in errors.
util::Status AddDocument(const nlohmann::json& document, const std::string& source,
                         const std::string& where, std::vector<plan::MeasuredDuration>& out) {
  if (!document.is_object() || At(document, "schema") != agent::kResultSchemaName) {
    return Bad(where, std::string("not an agent result document (schema ") +
                          agent::kResultSchemaName + ")");
  }
  const nlohmann::json& sysinfo = At(document, "sysinfo");
  if (At(At(document, "metadata"), "quick") == true ||
      At(At(sysinfo, "hypervisor"), "emulated") == true)
    return {};  // smaller sizes: not what a planned job runs
  const nlohmann::json& cpus = At(At(sysinfo, "topology"), "logical_cpus");
  const nlohmann::json& memory = At(At(sysinfo, "memory"), "total_bytes");
  if (!cpus.is_number_integer() || !memory.is_number()) {
    return Bad(where, "sysinfo has no topology.logical_cpus or memory.total_bytes");
  }
  const bench::Shape shape{cpus.get<int>(), memory.get<double>() / kBytesPerGiB};
  const nlohmann::json& benchmarks = At(document, "benchmarks");
  if (!benchmarks.is_array()) return Bad(where, "no benchmarks array");
  for (const nlohmann::json& benchmark : benchmarks) {
    const nlohmann::json& name = At(benchmark, "name");
    const nlohmann::json& seconds = At(At(benchmark, "environment"), "duration_seconds");
    if (At(benchmark, "status") != "ok" || !name.is_string() || !seconds.is_number()) continue;
    const int iterations = IterationsOf(document, benchmark);
    if (iterations <= 0 || seconds.get<double>() <= 0) continue;
    out.push_back({name.get<std::string>(), source, shape, iterations, seconds.get<double>()});
  }
  return {};
}

util::Status AddResultFile(const std::string& file, const std::string& source,
                           std::vector<plan::MeasuredDuration>& out) {
  auto text = util::ReadFile(file);
  if (!text) return Bad(file, text.error().message);
  nlohmann::json document = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Bad(file, "not valid JSON");
  return AddDocument(document, source, file, out);
}

util::Status AddJournal(const std::string& path, std::vector<plan::MeasuredDuration>& out) {
  auto journal = store::Journal::Open(path);
  if (!journal) return Bad(path, journal.error().message);
  auto snapshot = journal->Load();
  if (!snapshot) return Bad(path, snapshot.error().message);
  for (const store::ResultRow& row : snapshot->results) {
    auto text = journal->ResultJson(row.job, row.attempt_id);
    if (!text) return Bad(path, "result of job " + row.job + ": " + text.error().message);
    nlohmann::json document = nlohmann::json::parse(*text, nullptr, false);
    // A local failure record is not a result document: it has no durations to learn from.
    if (document.is_discarded() || At(document, "schema") != agent::kResultSchemaName) continue;
    if (auto added = AddDocument(document, path, path + " (job " + row.job + ")", out); !added)
      return added;
  }
  return {};
}

bool IsJournal(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::string head(kSqliteMagic.size(), '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  return file && head == kSqliteMagic;
}

util::Status AddPath(const std::string& path, std::vector<plan::MeasuredDuration>& out) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json")
        files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());  // the same plan whatever the listing order
    for (const std::string& file : files) {
      if (auto added = AddResultFile(file, path, out); !added) return added;
    }
    return {};
  }
  if (!std::filesystem::is_regular_file(path, error)) return Bad(path, "no such file or folder");
  if (IsJournal(path)) return AddJournal(path, out);
  return AddResultFile(path, path, out);
}

}  // namespace

util::Expected<std::vector<plan::MeasuredDuration>> LoadMeasuredDurations(
    const std::vector<std::string>& paths) {
  std::vector<plan::MeasuredDuration> runs;
  for (const std::string& path : paths) {
    const size_t before = runs.size();
    if (auto added = AddPath(path, runs); !added) return added.error();
    if (runs.size() == before) {
      return Bad(path,
                 "no measured durations in it (only benchmarks with status ok from full-size "
                 "runs count: simulated campaigns, --quick and emulated runs give none)");
    }
  }
  return runs;
}

}  // namespace cli
