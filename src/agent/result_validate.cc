// ValidateResultDocument: checks a result document field by field and names the first
// field that is wrong by its JSON path (util::JsonReader). Statistics are recomputed from
// the raw samples, so a document whose figures do not follow from its samples is rejected.
// Unknown fields are accepted: a newer agent may add fields an older reader ignores.

#include <algorithm>
#include <climits>
#include <cmath>

#include "agent/result_schema.h"
#include "util/json_reader.h"

namespace agent {
namespace {

using nlohmann::json;
using util::JsonFailAt;
using util::JsonReader;

bool Close(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

void CheckStatistics(JsonReader& metric, const std::vector<double>& samples, Better better) {
  JsonReader stats = metric.Object("statistics");
  Statistics expected = ComputeStatistics(samples, better);
  const std::pair<const char*, double> fields[] = {{"best", expected.best},
                                                   {"median", expected.median},
                                                   {"mean", expected.mean},
                                                   {"stdev", expected.stdev},
                                                   {"cv", expected.cv},
                                                   {"ci95_low", expected.ci95_low},
                                                   {"ci95_high", expected.ci95_high}};
  for (const auto& [key, value] : fields) {
    if (!Close(stats.Number(key), value)) {
      JsonFailAt(stats.PathOf(key),
                 "does not follow from the samples (expected " + std::to_string(value) + ")");
    }
  }
  const json& count = stats.Value("count");
  if (!count.is_number_unsigned() || count.get<uint64_t>() != samples.size()) {
    JsonFailAt(stats.PathOf("count"),
               "must equal the number of samples (" + std::to_string(samples.size()) + ")");
  }
}

void CheckMetric(JsonReader& metric) {
  metric.NonEmptyString("name");
  metric.NonEmptyString("unit");
  Better better =
      metric.Enum("better", {"higher", "lower"}) == "higher" ? Better::kHigher : Better::kLower;
  if (metric.Has("labels")) metric.Object("labels");
  std::vector<double> samples = metric.Numbers("samples");
  if (samples.empty()) JsonFailAt(metric.PathOf("samples"), "must be a non-empty array of numbers");
  CheckStatistics(metric, samples, better);
}

void CheckBenchmark(JsonReader& benchmark) {
  benchmark.NonEmptyString("name");
  benchmark.NonEmptyString("family");
  std::string status = benchmark.Enum("status", {"ok", "skipped", "failed", "interrupted"});
  if (status != "ok") benchmark.NonEmptyString("reason");
  benchmark.Object("parameters");
  std::vector<JsonReader> metrics = benchmark.Objects("metrics");
  if (status == "ok" && metrics.empty()) {
    JsonFailAt(benchmark.PathOf("metrics"), "must not be empty when status is ok");
  }
  for (JsonReader& metric : metrics) CheckMetric(metric);
  JsonReader validation = benchmark.Object("validation");
  bool checked = validation.Bool("checked");
  bool passed = validation.Bool("passed");
  if (status == "ok" && checked && !passed) {
    JsonFailAt(validation.PathOf("passed"), "is false while status is ok");
  }
  benchmark.Strings("warnings");
}

void CheckHeader(JsonReader& document) {
  if (document.String("schema") != kResultSchemaName) {
    JsonFailAt("schema", std::string("must be '") + kResultSchemaName + "'");
  }
  const json& version = document.Value("schema_version");
  if (!version.is_number_integer()) JsonFailAt("schema_version", "must be an integer");
  if (version.get<int64_t>() != kResultSchemaVersion) {
    JsonFailAt("schema_version", "unsupported version " + version.dump() +
                                     "; this tool reads version " +
                                     std::to_string(kResultSchemaVersion));
  }
  JsonReader tool = document.Object("tool");
  tool.NonEmptyString("name");
  tool.NonEmptyString("version");
  JsonReader metadata = document.Object("metadata");
  metadata.NonEmptyString("started_at");
  metadata.NonEmptyString("ended_at");
  for (const char* key : {"job_id", "session_id", "instance_type", "region", "availability_zone"}) {
    if (metadata.Has(key)) metadata.NonEmptyString(key);
  }
  if (metadata.Has("market")) metadata.Enum("market", {"on-demand", "spot"});
  if (metadata.Has("iterations")) metadata.Int("iterations", 1, INT_MAX);
}

void CheckSysinfo(JsonReader& document) {
  JsonReader sysinfo = document.Object("sysinfo");
  sysinfo.NonEmptyString("arch");
  for (const char* key : {"cpu", "topology", "memory", "build"}) sysinfo.Object(key);
  for (const char* key : {"caches", "numa_nodes"}) sysinfo.Array(key);
  sysinfo.Object("hypervisor").Bool("emulated");
  sysinfo.Object("instance").NonEmptyString("status");
}

}  // namespace

util::Status ValidateResultDocument(const json& document) {
  auto checked = util::ReadJsonValue<bool>(document, "", [](const json& value) {
    JsonReader reader(value, "");
    CheckHeader(reader);
    CheckSysinfo(reader);
    for (JsonReader& benchmark : reader.Objects("benchmarks")) CheckBenchmark(benchmark);
    return true;
  });
  if (!checked) return checked.error();
  return {};
}

}  // namespace agent
