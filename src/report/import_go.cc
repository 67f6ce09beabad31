#include "report/import_go.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <vector>

#include "agent/result_schema.h"
#include "agent/statistics.h"
#include "util/strings.h"

namespace report {
namespace {

using nlohmann::json;

enum class Kind { kObject, kArray, kString, kNumber, kInteger };

// One property of the Go project's schema (benchmark-result.json v1.0), written out from
// its text: type, whether its parent requires it, bounds, allowed values and pattern.
struct Rule {
  std::string path;  // dotted, from the document's root
  Kind kind;
  bool required = false;
  std::optional<double> minimum;
  std::optional<double> maximum;
  std::vector<std::string> allowed;  // const or enum
  std::string pattern;
};

Rule Number(std::string path, std::optional<double> minimum = 0.0,
            std::optional<double> maximum = std::nullopt) {
  return {std::move(path), Kind::kNumber, false, minimum, maximum, {}, {}};
}
Rule Required(Rule rule) {
  rule.required = true;
  return rule;
}
Rule Object(std::string path, bool required = false) {
  return {std::move(path), Kind::kObject, required, {}, {}, {}, {}};
}
Rule String(std::string path, bool required = false, std::vector<std::string> allowed = {},
            std::string pattern = {}) {
  return {std::move(path), Kind::kString, required, {}, {}, std::move(allowed), std::move(pattern)};
}
Rule Integer(std::string path, bool required = false) {
  return {std::move(path), Kind::kInteger, required, 1.0, {}, {}, {}};
}

std::vector<Rule> MakeRules() {
  std::vector<Rule> rules = {
      String("schema_version", true, {"1.0.0"}),
      Object("metadata", true),
      String("metadata.data_version", true, {"1.0"}),
      String("metadata.instanceType", true, {}, "^[a-z0-9]+\\.[a-z0-9]+$"),
      String("metadata.instanceFamily", true, {}, "^[a-z0-9]+$"),
      String("metadata.region", true, {}, "^[a-z]+-[a-z]+-[0-9]+$"),
      String("metadata.availabilityZone", false, {}, "^[a-z]+-[a-z]+-[0-9]+[a-z]$"),
      String("metadata.processorArchitecture", true,
             {"intel", "amd", "graviton", "inferentia", "trainium"}),
      String("metadata.processorGeneration"),
      Object("metadata.numaTopology"),
      Object("metadata.benchmark"),
      String("metadata.benchmark.suite"),
      String("metadata.benchmark.version"),
      String("metadata.benchmark.compiler"),
      {"metadata.benchmark.compilerFlags", Kind::kArray, false, {}, {}, {}, {}},
      String("metadata.benchmark.optimizationLevel"),
      Object("metadata.environment"),
      String("metadata.environment.containerImage"),
      String("metadata.environment.kernelVersion"),
      String("metadata.environment.gccVersion"),
      String("metadata.environment.timestamp"),
      Number("metadata.environment.duration"),
      Object("performance", true),
      Object("performance.memory"),
      Object("performance.memory.stream"),
      Object("performance.memory.cache"),
      Object("performance.memory.cache.memory"),
      Number("performance.memory.cache.memory.latency"),
      String("performance.memory.cache.memory.unit", false, {"ns"}),
      Object("performance.memory.numa"),
      Number("performance.memory.numa.localBandwidth"),
      Number("performance.memory.numa.remoteBandwidth"),
      Number("performance.memory.numa.interSocketLatency"),
      Object("performance.cpu"),
      Object("performance.cpu.linpack"),
      Number("performance.cpu.linpack.gflops"),
      Number("performance.cpu.linpack.efficiency", 0.0, 1.0),
      Integer("performance.cpu.linpack.problemSize"),
      Number("performance.cpu.linpack.executionTime"),
      Number("performance.cpu.linpack.residual"),
      Object("performance.cpu.coremark"),
      Number("performance.cpu.coremark.score"),
      Number("performance.cpu.coremark.coremarkMhz"),
      Object("performance.cpu.vectorization"),
      Object("performance.cpu.scaling"),
      Number("performance.cpu.scaling.singleThread"),
      Number("performance.cpu.scaling.allCores"),
      Number("performance.cpu.scaling.smtEfficiency", 0.0, 2.0),
      Object("performance.pricing"),
      Number("performance.pricing.onDemand"),
      Object("performance.pricing.spot"),
      Number("performance.pricing.spot.current"),
      Number("performance.pricing.spot.average7d"),
      Number("performance.pricing.spot.reliability", 0.0, 1.0),
      Object("performance.pricing.reserved"),
      Number("performance.pricing.reserved.term1yr"),
      Number("performance.pricing.reserved.term3yr"),
      Object("performance.pricing.costEfficiency"),
      Number("performance.pricing.costEfficiency.costPerGflop"),
      Number("performance.pricing.costEfficiency.costPerGBs"),
      Object("validation", true),
      Object("validation.checksums", true),
      String("validation.checksums.md5", false, {}, "^[a-f0-9]{32}$"),
      String("validation.checksums.sha256", false, {}, "^[a-f0-9]{64}$"),
      Object("validation.reproducibility", true),
      Integer("validation.reproducibility.runs", true),
      Number("validation.reproducibility.stddev"),
      Required(Number("validation.reproducibility.confidence", 0.0, 1.0)),
      Number("validation.reproducibility.coefficient_variation"),
      Number("validation.reproducibility.quality_score", 0.0, 1.0),
  };
  for (const char* key : {"socketCount", "coresPerSocket", "threadsPerCore", "memoryChannels"}) {
    rules.push_back(Integer(std::string("metadata.numaTopology.") + key));
  }
  for (const char* kernel : {"copy", "scale", "add", "triad"}) {
    std::string base = std::string("performance.memory.stream.") + kernel;
    rules.push_back(Object(base));
    rules.push_back(Number(base + ".bandwidth"));
    rules.push_back(String(base + ".unit", false, {"GB/s"}));
  }
  for (const char* level : {"l1", "l2", "l3"}) {
    std::string base = std::string("performance.memory.cache.") + level;
    rules.push_back(Object(base));
    rules.push_back(Number(base + ".latency"));
    rules.push_back(Number(base + ".bandwidth"));
    rules.push_back(String(base + ".unit", false, {"cycles", "GB/s", "ns"}));
  }
  for (const char* width : {"sse2", "avx2", "avx512", "neon", "sve"}) {
    rules.push_back(Number(std::string("performance.cpu.vectorization.") + width));
  }
  return rules;
}

const std::vector<Rule>& Rules() {
  static const std::vector<Rule> rules = MakeRules();
  return rules;
}

// The value at a dotted path; nullptr when any step is missing or not an object.
const json* At(const json& document, const std::string& path) {
  const json* node = &document;
  for (const std::string& key : util::Split(path, '.')) {
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &node->at(key);
  }
  return node;
}

std::string ParentPath(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kObject:
      return "an object";
    case Kind::kArray:
      return "an array";
    case Kind::kString:
      return "a string";
    case Kind::kNumber:
      return "a number";
    case Kind::kInteger:
      return "an integer";
  }
  return "?";
}

bool HasKind(const json& value, Kind kind) {
  switch (kind) {
    case Kind::kObject:
      return value.is_object();
    case Kind::kArray:
      return value.is_array();
    case Kind::kString:
      return value.is_string();
    case Kind::kNumber:
      return value.is_number();
    case Kind::kInteger:
      return value.is_number_integer() ||
             (value.is_number_float() && value.get<double>() == std::floor(value.get<double>()));
  }
  return false;
}

std::string Format(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

std::optional<std::string> Violation(const Rule& rule, const json& value) {
  if (!HasKind(value, rule.kind)) return std::string("must be ") + KindName(rule.kind);
  if (rule.kind == Kind::kNumber || rule.kind == Kind::kInteger) {
    double x = value.get<double>();
    if (rule.minimum && x < *rule.minimum) return "below the minimum " + Format(*rule.minimum);
    if (rule.maximum && x > *rule.maximum) return "above the maximum " + Format(*rule.maximum);
  }
  if (rule.kind == Kind::kString) {
    const std::string& text = value.get_ref<const std::string&>();
    if (!rule.allowed.empty() &&
        std::find(rule.allowed.begin(), rule.allowed.end(), text) == rule.allowed.end()) {
      return "'" + text + "' is not one of: " + util::Join(rule.allowed, ", ");
    }
    if (!rule.pattern.empty() && !std::regex_search(text, std::regex(rule.pattern))) {
      return "'" + text + "' does not match " + rule.pattern;
    }
  }
  return std::nullopt;
}

json Metric(const std::string& name, const std::string& unit, agent::Better better, double value,
            json labels = json::object()) {
  agent::Metric metric;
  metric.name = name;
  metric.unit = unit;
  metric.better = better;
  metric.samples = {value};
  metric.labels = std::move(labels);
  metric.stats = agent::ComputeStatistics(metric.samples, better);
  return agent::ToJson(metric);
}

json Benchmark(const std::string& name, const std::string& family, json metrics,
               const std::string& source_field) {
  return {{"name", name},
          {"source_field", source_field},
          {"family", family},
          {"status", "ok"},
          {"parameters", json::object()},
          {"metrics", std::move(metrics)},
          {"validation",
           {{"checked", false}, {"passed", false}, {"method", "imported: not re-validated"}}},
          {"warnings", json::array({"imported: one reported figure, no raw samples"})},
          {"derived", json::object()}};
}

void AddIfNumber(json& metrics, const json& document, const std::string& path,
                 const std::string& name, const std::string& unit, agent::Better better,
                 json labels = json::object()) {
  const json* value = At(document, path);
  if (value != nullptr && value->is_number()) {
    json metric = Metric(name, unit, better, value->get<double>(), std::move(labels));
    metric["source_field"] = path;  // so that integrity flags name the Go file's field
    metrics.push_back(std::move(metric));
  }
}

// A cache level's latency counts only with a time unit; "GB/s" would leave it unitless.
bool LatencyUnit(const std::string& unit) { return unit == "cycles" || unit == "ns"; }

}  // namespace

bool LooksLikeGoResult(const json& document) {
  if (!document.is_object() || !document.contains("schema_version")) return false;
  const json& version = document.at("schema_version");
  return version.is_string() && util::StartsWith(version.get<std::string>(), "1.0") &&
         document.contains("metadata") && document.contains("performance");
}

ImportFlags CheckGoSchema(const json& document, const std::string& file) {
  ImportFlags flags;
  if (!document.is_object()) return {{file, "(document)", "must be a JSON object"}};
  for (const Rule& rule : Rules()) {
    const json* parent =
        rule.path.find('.') == std::string::npos ? &document : At(document, ParentPath(rule.path));
    if (parent == nullptr || !parent->is_object()) continue;  // the parent's rule reports it
    const json* value = At(document, rule.path);
    if (value == nullptr) {
      if (rule.required) flags.push_back({file, rule.path, "missing (required by the schema)"});
      continue;
    }
    if (auto problem = Violation(rule, *value)) flags.push_back({file, rule.path, *problem});
  }
  return flags;
}

ImportFlags CheckGoStatistics(const json& document, const std::string& file) {
  ImportFlags flags;
  const std::string repro = "validation.reproducibility";
  for (const char* key : {"stddev", "coefficient_variation"}) {
    if (At(document, repro + "." + key) == nullptr) {
      flags.push_back(
          {file, repro + "." + key, "missing statistics: the figures' spread is unknown"});
    }
  }
  const json* runs = At(document, repro + ".runs");
  if (runs != nullptr && runs->is_number() && runs->get<double>() < 2) {
    flags.push_back({file, repro + ".runs", "one run: no spread, nothing to compare against"});
  }
  const json* type = At(document, "metadata.instanceType");
  const json* family = At(document, "metadata.instanceFamily");
  if (type != nullptr && family != nullptr && type->is_string() && family->is_string() &&
      !util::StartsWith(type->get<std::string>(), family->get<std::string>() + ".")) {
    flags.push_back({file, "metadata.instanceFamily",
                     "'" + family->get<std::string>() + "' is not the family of '" +
                         type->get<std::string>() + "'"});
  }
  for (const char* level : {"l1", "l2", "l3"}) {
    std::string base = std::string("performance.memory.cache.") + level;
    const json* latency = At(document, base + ".latency");
    const json* unit = At(document, base + ".unit");
    if (latency != nullptr &&
        (unit == nullptr || !unit->is_string() || !LatencyUnit(unit->get<std::string>()))) {
      flags.push_back(
          {file, base + ".unit", "the latency has no time unit (cycles or ns): not imported"});
    }
  }
  return flags;
}

json ConvertGoResult(const json& document, const std::string& file) {
  using agent::Better;
  json benchmarks = json::array();
  json stream = json::array();
  for (const char* kernel : {"copy", "scale", "add", "triad"}) {
    AddIfNumber(stream, document, std::string("performance.memory.stream.") + kernel + ".bandwidth",
                kernel, "GB/s", Better::kHigher);
  }
  if (!stream.empty())
    benchmarks.push_back(Benchmark("stream", "stream", stream, "performance.memory.stream"));

  json cache = json::array();
  static const std::pair<const char*, const char*> kLevels[] = {
      {"l1", "L1"}, {"l2", "L2"}, {"l3", "L3"}};
  for (const auto& [level, name] : kLevels) {
    std::string base = std::string("performance.memory.cache.") + level;
    const json* unit = At(document, base + ".unit");
    if (unit == nullptr || !unit->is_string()) continue;
    if (LatencyUnit(*unit)) {
      AddIfNumber(cache, document, base + ".latency", "latency", *unit, Better::kLower,
                  {{"level", name}});
    } else if (*unit == "GB/s") {
      AddIfNumber(cache, document, base + ".bandwidth", "bandwidth", "GB/s", Better::kHigher,
                  {{"level", name}});
    }
  }
  AddIfNumber(cache, document, "performance.memory.cache.memory.latency", "latency", "ns",
              Better::kLower, {{"level", "memory"}});
  if (!cache.empty())
    benchmarks.push_back(Benchmark("micro-latency", "micro", cache, "performance.memory.cache"));

  json numa = json::array();
  AddIfNumber(numa, document, "performance.memory.numa.localBandwidth", "bandwidth", "GB/s",
              Better::kHigher, {{"placement", "local"}});
  AddIfNumber(numa, document, "performance.memory.numa.remoteBandwidth", "bandwidth", "GB/s",
              Better::kHigher, {{"placement", "remote"}});
  if (!numa.empty())
    benchmarks.push_back(Benchmark("stream-numa", "stream", numa, "performance.memory.numa"));

  json hpl = json::array();
  AddIfNumber(hpl, document, "performance.cpu.linpack.gflops", "gflops", "GFLOP/s",
              Better::kHigher);
  if (!hpl.empty()) benchmarks.push_back(Benchmark("hpl", "hpl", hpl, "performance.cpu.linpack"));

  json vector = json::array();
  for (const char* width : {"sse2", "avx2", "avx512", "neon", "sve"}) {
    // The Go schema gives no unit for these: kept as reported, unit "as reported".
    AddIfNumber(vector, document, std::string("performance.cpu.vectorization.") + width, "gflops",
                "as reported", Better::kHigher, {{"width", width}});
  }
  if (!vector.empty())
    benchmarks.push_back(Benchmark("hpl-vector", "hpl", vector, "performance.cpu.vectorization"));

  const json& metadata = document.at("metadata");
  static const std::map<std::string, std::pair<std::string, std::string>> kArch = {
      {"intel", {"x86_64", "GenuineIntel"}},
      {"amd", {"x86_64", "AuthenticAMD"}},
      {"graviton", {"aarch64", "ARM"}}};
  std::string architecture = metadata.value("processorArchitecture", "");
  json sysinfo = {
      {"cpu", {{"microarchitecture", metadata.value("processorGeneration", "unknown")}}},
      {"topology", json::object()}};
  if (auto it = kArch.find(architecture); it != kArch.end()) {
    sysinfo["arch"] = it->second.first;
    sysinfo["cpu"]["vendor"] = it->second.second;
  }
  if (const json* sockets = At(document, "metadata.numaTopology.socketCount")) {
    sysinfo["topology"]["sockets"] = *sockets;
  }
  json out_metadata = {{"instance_type", metadata.at("instanceType")},
                       {"region", metadata.at("region")},
                       {"quick", false},
                       {"backend", "import"},
                       {"imported",
                        {{"source_file", file},
                         {"source_format", kGoFormatName},
                         {"reproducibility", document.at("validation").at("reproducibility")}}}};
  if (metadata.contains("availabilityZone")) {
    out_metadata["availability_zone"] = metadata.at("availabilityZone");
  }
  if (const json* timestamp = At(document, "metadata.environment.timestamp")) {
    out_metadata["started_at"] = *timestamp;
    out_metadata["ended_at"] = *timestamp;
  }
  return {
      {"schema", agent::kResultSchemaName},
      {"schema_version", agent::kResultSchemaVersion},
      {"tool", {{"name", "aws-instance-benchmarks"}, {"version", document.at("schema_version")}}},
      {"metadata", out_metadata},
      {"sysinfo", sysinfo},
      {"benchmarks", benchmarks}};
}

std::string ToString(const ImportFlag& flag) {
  return flag.file + ": " + flag.field + ": " + flag.problem;
}

}  // namespace report
