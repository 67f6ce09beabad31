#include "bench/suite.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "bench/suite_pattern.h"
#include "bench/suite_toml.h"
#include "util/files.h"
#include "util/json_reader.h"
#include "util/strings.h"

namespace bench {
namespace {

constexpr size_t kMaxBenchmarks = 64;
constexpr size_t kMaxArguments = 256;
constexpr size_t kMaxArgumentBytes = 4096;
constexpr size_t kMaxMetrics = 32;
constexpr size_t kMaxFiles = 64;
constexpr size_t kMaxNameBytes = 40;

std::string Gib(double gib) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", gib);
  return text;
}

// Names: lower-case letters, digits and '-' (suite and benchmark) or '_' (metric), starting
// with a letter or digit, so they are safe in job ids, file names and S3 keys.
bool IsName(std::string_view name, char extra) {
  if (name.empty() || name.size() > kMaxNameBytes || name.front() == extra) return false;
  return std::all_of(name.begin(), name.end(), [extra](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == extra;
  });
}

std::string ReadName(util::JsonReader& reader, const char* key, char extra) {
  std::string name = reader.String(key);
  if (!IsName(name, extra)) {
    util::JsonFailAt(reader.PathOf(key), "'" + name + "' is not a valid name (accepted: 1 to " +
                                             std::to_string(kMaxNameBytes) +
                                             " characters of a-z, 0-9 and '" + extra +
                                             "', not starting with '" + extra + "')");
  }
  return name;
}

// A path below the suite's folder: relative, no "..", no empty or "." parts.
bool IsInsidePath(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.size() > kMaxArgumentBytes) return false;
  for (const std::string& part : util::Split(path, '/')) {
    if (part.empty() || part == "." || part == "..") return false;
  }
  return path.find('\0') == std::string::npos;
}

std::vector<std::string> ReadStrings(util::JsonReader& reader, const char* key, size_t max_count) {
  std::vector<std::string> values = reader.Strings(key);
  if (values.size() > max_count) {
    util::JsonFailAt(reader.PathOf(key), "at most " + std::to_string(max_count) + " entries");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].size() > kMaxArgumentBytes || values[i].find('\0') != std::string::npos) {
      util::JsonFailAt(util::JsonIndexPath(reader.PathOf(key), i),
                       "at most " + std::to_string(kMaxArgumentBytes) + " bytes, no NUL");
    }
  }
  return values;
}

Category ReadCategory(util::JsonReader& reader) {
  std::string text = reader.Enum("category", {"memory", "compute", "library", "micro"});
  for (Category category :
       {Category::kMemory, Category::kCompute, Category::kLibrary, Category::kMicro}) {
    if (text == ToString(category)) return category;
  }
  return Category::kCompute;
}

void ReadRequirements(util::JsonReader& parent, CustomBenchmark& benchmark) {
  if (!parent.Has("requires")) return;
  util::JsonReader reader = parent.Object("requires");
  if (reader.Has("arch")) {
    std::string arch = reader.Enum("arch", {"any", "x86_64", "arm64"});
    benchmark.arch = arch == "x86_64" ? Arch::kX86_64 : arch == "arm64" ? Arch::kArm64 : Arch::kAny;
  }
  if (reader.Has("isa")) {
    benchmark.isa = reader.Strings("isa");
    for (size_t i = 0; i < benchmark.isa.size(); ++i) {
      const std::vector<std::string>& known = KnownIsaNames();
      if (std::find(known.begin(), known.end(), benchmark.isa[i]) == known.end()) {
        util::JsonFailAt(util::JsonIndexPath(reader.PathOf("isa"), i),
                         "unknown ISA feature '" + benchmark.isa[i] + "'" +
                             util::DidYouMean(benchmark.isa[i], known) +
                             " (accepted: " + util::Join(known, ", ") + ")");
      }
    }
  }
  if (reader.Has("min_memory_gib"))
    benchmark.min_memory_gib = reader.Number("min_memory_gib", 0, 1e6);
  reader.RejectUnknownKeys();
}

CustomMetric ReadMetric(util::JsonReader& reader) {
  CustomMetric metric;
  metric.name = ReadName(reader, "name", '_');
  metric.unit = reader.NonEmptyString("unit");
  if (metric.unit.size() > kMaxNameBytes)
    util::JsonFailAt(reader.PathOf("unit"), "at most " + std::to_string(kMaxNameBytes) + " bytes");
  metric.better = reader.Enum("better", {"higher", "lower"}) == "higher" ? Direction::kHigher
                                                                         : Direction::kLower;
  bool regex = reader.Has("regex"), json_path = reader.Has("json_path");
  if (regex == json_path) {
    util::JsonFailAt(reader.path(), "give exactly one of 'regex' (with a named group (?<" +
                                        metric.name + ">...)) and 'json_path'");
  }
  const char* key = regex ? "regex" : "json_path";
  metric.source = regex ? FigureSource::kRegex : FigureSource::kJsonPath;
  metric.pattern = reader.NonEmptyString(key);
  if (regex) {
    if (auto compiled = CompileFigureRegex(metric.pattern, metric.name); !compiled)
      util::JsonFailAt(reader.PathOf(key), compiled.error().message);
  } else if (auto steps = ParseJsonPath(metric.pattern); !steps) {
    util::JsonFailAt(reader.PathOf(key), steps.error().message);
  }
  reader.RejectUnknownKeys();
  return metric;
}

void ReadCommand(util::JsonReader& reader, CustomBenchmark& benchmark) {
  benchmark.command = ReadStrings(reader, "command", kMaxArguments);
  if (benchmark.command.empty() || benchmark.command.front().empty()) {
    util::JsonFailAt(reader.PathOf("command"),
                     "must be a non-empty argument vector whose first element names the program "
                     "(run directly, without a shell)");
  }
}

void ReadDuration(util::JsonReader& parent, CustomBenchmark& benchmark) {
  util::JsonReader reader = parent.Object("duration");
  benchmark.setup_s = reader.Number("setup_s", 0, 86400);
  benchmark.per_iteration_s = reader.Number("per_iteration_s", 0, 86400);
  reader.RejectUnknownKeys();
}

CustomBenchmark ReadBenchmark(const nlohmann::json& value, const std::string& path,
                              const std::string& suite) {
  // The path names the benchmark as soon as its name is known.
  std::string named = BenchmarkPath(
      path, value.is_object() && value.contains("name") ? value["name"] : nlohmann::json());
  util::JsonReader reader(value, named);
  CustomBenchmark benchmark;
  benchmark.name = suite + "." + ReadName(reader, "name", '-');
  benchmark.category = ReadCategory(reader);
  ReadRequirements(reader, benchmark);
  ReadCommand(reader, benchmark);
  const nlohmann::json& metrics = reader.Array("metrics");
  if (metrics.empty() || metrics.size() > kMaxMetrics) {
    util::JsonFailAt(reader.PathOf("metrics"),
                     "must list 1 to " + std::to_string(kMaxMetrics) + " metrics");
  }
  std::set<std::string> names;
  for (size_t i = 0; i < metrics.size(); ++i) {
    util::JsonReader metric_reader(metrics[i], util::JsonIndexPath(reader.PathOf("metrics"), i));
    benchmark.metrics.push_back(ReadMetric(metric_reader));
    if (!names.insert(benchmark.metrics.back().name).second) {
      util::JsonFailAt(metric_reader.PathOf("name"),
                       "metric '" + benchmark.metrics.back().name + "' is listed twice");
    }
  }
  if (reader.Has("iterations")) benchmark.iterations = reader.Int32("iterations", 1, 1000);
  ReadDuration(reader, benchmark);
  if (reader.Has("timeout_s")) benchmark.timeout_s = reader.Int32("timeout_s", 1, 86400);
  if (reader.Has("files")) {
    benchmark.files = ReadStrings(reader, "files", kMaxFiles);
    for (size_t i = 0; i < benchmark.files.size(); ++i) {
      if (!IsInsidePath(benchmark.files[i])) {
        util::JsonFailAt(util::JsonIndexPath(reader.PathOf("files"), i),
                         "'" + benchmark.files[i] +
                             "' must be a relative path inside the suite's folder (no '..')");
      }
    }
  }
  reader.RejectUnknownKeys();
  return benchmark;
}

nlohmann::json MetricToJson(const CustomMetric& metric) {
  return {{"name", metric.name},
          {"unit", metric.unit},
          {"better", metric.better == Direction::kHigher ? "higher" : "lower"},
          {metric.source == FigureSource::kRegex ? "regex" : "json_path", metric.pattern}};
}

nlohmann::json BenchmarkToJson(const CustomBenchmark& b, const std::string& suite) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const CustomMetric& metric : b.metrics) metrics.push_back(MetricToJson(metric));
  nlohmann::json json = {
      {"name", b.name.substr(suite.size() + 1)},
      {"category", ToString(b.category)},
      {"requires",
       {{"arch", ToString(b.arch)}, {"isa", b.isa}, {"min_memory_gib", b.min_memory_gib}}},
      {"command", b.command},
      {"metrics", metrics},
      {"duration", {{"setup_s", b.setup_s}, {"per_iteration_s", b.per_iteration_s}}},
      {"timeout_s", b.timeout_s},
      {"files", b.files}};
  if (b.iterations > 0) json["iterations"] = b.iterations;
  return json;
}

}  // namespace

const char* ToString(Arch arch) {
  switch (arch) {
    case Arch::kAny:
      return "any";
    case Arch::kX86_64:
      return "x86_64";
    case Arch::kArm64:
      return "arm64";
  }
  return "any";
}

std::string BenchmarkPath(const std::string& path, const nlohmann::json& name) {
  if (!name.is_string() || name.get_ref<const std::string&>().size() > kMaxNameBytes) return path;
  return path + " (" + name.get<std::string>() + ")";
}

Suite ReadSuite(util::JsonReader& reader) {
  Suite suite;
  reader.Int32("schema_version", kSuiteSchemaVersion, kSuiteSchemaVersion);
  suite.name = ReadName(reader, "suite", '-');
  if (reader.Has("description")) suite.description = reader.String("description");
  if (reader.Has("folder")) suite.folder = reader.String("folder");
  const nlohmann::json& benchmarks = reader.Array("benchmarks");
  if (benchmarks.empty() || benchmarks.size() > kMaxBenchmarks) {
    util::JsonFailAt(reader.PathOf("benchmarks"),
                     "must list 1 to " + std::to_string(kMaxBenchmarks) + " benchmarks");
  }
  std::set<std::string> names;
  for (size_t i = 0; i < benchmarks.size(); ++i) {
    std::string path = util::JsonIndexPath(reader.PathOf("benchmarks"), i);
    suite.benchmarks.push_back(ReadBenchmark(benchmarks[i], path, suite.name));
    if (!names.insert(suite.benchmarks.back().name).second) {
      util::JsonFailAt(path + ".name",
                       "benchmark '" + suite.benchmarks.back().name + "' is listed twice");
    }
  }
  reader.RejectUnknownKeys();
  return suite;
}

SuiteFormat SuiteFormatOf(std::string_view path) {
  return util::EndsWith(path, ".toml") ? SuiteFormat::kToml : SuiteFormat::kJson;
}

util::Expected<Suite> ParseSuite(std::string_view text, const std::string& origin,
                                 SuiteFormat format) {
  auto document =
      format == SuiteFormat::kToml ? SuiteTomlToJson(text, origin) : util::ParseJson(text, origin);
  if (!document) return document.error();
  return util::ReadJsonValue<Suite>(*document, origin, [](const nlohmann::json& value) {
    util::JsonReader reader(value, "");
    return ReadSuite(reader);
  });
}

util::Expected<Suite> ReadSuiteFile(const std::string& path) {
  const std::string origin = "--suite " + path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    return util::InvalidInput(origin +
                              ": not a regular file (accepted: a suite file, .json or .toml)");
  auto text = util::ReadFile(path);
  if (!text) return util::InvalidInput(origin + ": " + text.error().message);
  auto suite = ParseSuite(*text, origin, SuiteFormatOf(path));
  if (!suite) return suite.error();
  suite->folder = std::filesystem::absolute(path, error).lexically_normal().parent_path().string();
  return suite;
}

nlohmann::json SuiteToJson(const Suite& suite) {
  nlohmann::json benchmarks = nlohmann::json::array();
  for (const CustomBenchmark& b : suite.benchmarks)
    benchmarks.push_back(BenchmarkToJson(b, suite.name));
  nlohmann::json json = {
      {"schema_version", kSuiteSchemaVersion}, {"suite", suite.name}, {"benchmarks", benchmarks}};
  if (!suite.description.empty()) json["description"] = suite.description;
  if (!suite.folder.empty()) json["folder"] = suite.folder;
  return json;
}

bool MeetsCustom(const CustomBenchmark& benchmark, const Hardware& hardware, double memory_gib,
                 std::string* why_not) {
  std::vector<std::string> missing;
  if (benchmark.arch == Arch::kArm64 && !hardware.arm64) missing.emplace_back("arm64");
  if (benchmark.arch == Arch::kX86_64 && hardware.arm64) missing.emplace_back("x86_64");
  for (const std::string& isa : benchmark.isa) {
    if (std::find(hardware.isa.begin(), hardware.isa.end(), isa) == hardware.isa.end())
      missing.push_back("the ISA feature " + isa);
  }
  if (memory_gib < benchmark.min_memory_gib) {
    missing.push_back(Gib(benchmark.min_memory_gib) + " GiB of memory (has " + Gib(memory_gib) +
                      ")");
  }
  if (why_not != nullptr) *why_not = util::Join(missing, ", ");
  return missing.empty();
}

std::string CustomRequirementText(const CustomBenchmark& benchmark) {
  std::vector<std::string> parts;
  if (benchmark.arch != Arch::kAny) parts.emplace_back(ToString(benchmark.arch));
  for (const std::string& isa : benchmark.isa) parts.push_back("the ISA feature " + isa);
  if (benchmark.min_memory_gib > 0)
    parts.push_back(Gib(benchmark.min_memory_gib) + " GiB of memory");
  return parts.empty() ? "nothing" : util::Join(parts, ", ");
}

const CustomBenchmark* FindCustom(const std::vector<Suite>& suites, std::string_view name) {
  for (const Suite& suite : suites) {
    for (const CustomBenchmark& benchmark : suite.benchmarks) {
      if (benchmark.name == name) return &benchmark;
    }
  }
  return nullptr;
}

}  // namespace bench
