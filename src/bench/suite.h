#pragma once
// Custom benchmark suites (docs/custom-suites.md): benchmarks a user describes in a file and
// passes with --suite. The file format, its one parser (used by the controller for --suite,
// by the spec loader for the copy a plan carries, and by the agent), the requirement check
// and the reading of figures from a command's output live here, shared by planner and agent.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/variants.h"
#include "util/expected.h"

namespace util {
class JsonReader;
}

namespace bench {

inline constexpr int kSuiteSchemaVersion = 1;
// The family every custom benchmark reports (docs/result-schema.md).
inline constexpr char kCustomFamily[] = "custom";
// A regular expression is matched line by line, against at most this many bytes of a line:
// std::regex recurses on its input, so an unbounded line could exhaust the stack.
inline constexpr size_t kMaxMatchedLineBytes = 4096;

enum class Arch { kAny, kX86_64, kArm64 };
const char* ToString(Arch arch);  // "any", "x86_64", "arm64"

enum class Direction { kHigher, kLower };  // which end of a metric is better
enum class FigureSource { kRegex, kJsonPath };

// One figure read from each run's standard output.
struct CustomMetric {
  std::string name;  // [a-z0-9_]; also the regex's named group
  std::string unit;
  Direction better = Direction::kHigher;
  FigureSource source = FigureSource::kRegex;
  std::string pattern;  // the regex as written (with its named group), or the JSON path
};

struct CustomBenchmark {
  std::string name;  // "<suite>.<benchmark>": the dot keeps it apart from every built-in
  Category category = Category::kCompute;
  Arch arch = Arch::kAny;
  std::vector<std::string> isa;  // catalog ISA names ("avx2", "avx512", "sve", ...)
  double min_memory_gib = 0;
  std::vector<std::string> command;  // argv; argv[0] is looked up in PATH, no shell
  std::vector<CustomMetric> metrics;
  int iterations = 0;  // 0: the campaign's (or the agent run's) iteration count
  double setup_s = 0;  // the suite's own duration estimate: setup_s + n * per_iteration_s
  double per_iteration_s = 0;
  int timeout_s = 600;             // per run of the command
  std::vector<std::string> files;  // relative to the suite's folder
};

struct Suite {
  std::string name;
  std::string description;
  // The folder the suite file was read from (absolute), where `files` are found and where
  // the commands run; empty when it does not matter (a plan read for planning only).
  std::string folder;
  std::vector<CustomBenchmark> benchmarks;
};

// A suite file is TOML when its name ends in ".toml", else JSON. Either becomes the same JSON
// value, checked by the one reader below; plans and shipped suites are always JSON.
enum class SuiteFormat { kJson, kToml };
SuiteFormat SuiteFormatOf(std::string_view path);

// Parses a suite document. Every error is kInvalidInput "origin: path: what is wrong", the
// path naming the benchmark and the field ("benchmarks[1] (zip).metrics[0].regex"); a TOML
// syntax error is "origin:LINE:COLUMN: not valid TOML: why".
util::Expected<Suite> ParseSuite(std::string_view text, const std::string& origin,
                                 SuiteFormat format = SuiteFormat::kJson);
// Reads the suite file `path` as --suite gives it (the format by SuiteFormatOf, errors
// "--suite PATH: ..."); `folder` is set to the file's absolute folder.
util::Expected<Suite> ReadSuiteFile(const std::string& path);
Suite ReadSuite(util::JsonReader& reader);  // throws util::JsonFieldError
// How errors name the benchmark at `path` ("benchmarks[1]") whose "name" holds `name`:
// "benchmarks[1] (zip)" once the name is a string short enough to be one, else `path`.
std::string BenchmarkPath(const std::string& path, const nlohmann::json& name);
// The canonical document (ParseSuite of its dump gives the same suite; `folder` included).
nlohmann::json SuiteToJson(const Suite& suite);

// Whether `benchmark` runs on `hardware` with `memory_gib`; `why_not` says what is missing.
bool MeetsCustom(const CustomBenchmark& benchmark, const Hardware& hardware, double memory_gib,
                 std::string* why_not = nullptr);
// The requirement in words: "arm64 with sve and >= 4 GiB", "nothing".
std::string CustomRequirementText(const CustomBenchmark& benchmark);

// The figure of `metric` in one run's standard output; the error names the pattern.
util::Expected<double> ExtractFigure(const CustomMetric& metric, std::string_view output);

// A custom benchmark by name among `suites`, or nullptr.
const CustomBenchmark* FindCustom(const std::vector<Suite>& suites, std::string_view name);

}  // namespace bench
