// The suite file format (bench/suite.h): the shipped examples parse, every bad field is one
// error naming the benchmark and the field, the canonical form round-trips, and figures are
// read by regex (named group among numbered ones) and by JSON path.
#include <gtest/gtest.h>

#include <string>

#include "bench/suite.h"
#include "util/files.h"

namespace {

std::string Suite(const std::string& benchmark) {
  return R"({"schema_version": 1, "suite": "s", "benchmarks": [)" + benchmark + "]}";
}

// A valid benchmark with one field replaced (or added) as `field: value`.
std::string With(const std::string& field, const std::string& value) {
  nlohmann::json b = {
      {"name", "b"},
      {"category", "compute"},
      {"command", {"prog", "arg"}},
      {"metrics",
       {{{"name", "v"}, {"unit", "u"}, {"better", "higher"}, {"regex", "v=(?<v>[0-9.]+)"}}}},
      {"duration", {{"setup_s", 1}, {"per_iteration_s", 2}}}};
  if (!field.empty()) b[field] = nlohmann::json::parse(value);
  return Suite(b.dump());
}

std::string ErrorOf(const std::string& text) {
  auto suite = bench::ParseSuite(text, "f.json");
  return suite ? std::string("(parsed)") : suite.error().message;
}

TEST(SuiteParse, ShippedExamplesParse) {
  for (const char* name : {"sysbench", "compression"}) {
    auto text = util::ReadFile(std::string(ABC_SOURCE_DIR) + "/examples/suites/" + name + ".json");
    ASSERT_TRUE(text) << name;
    auto suite = bench::ParseSuite(*text, name);
    ASSERT_TRUE(suite) << suite.error().message;
    EXPECT_EQ(suite->name, name);
    for (const bench::CustomBenchmark& b : suite->benchmarks) {
      EXPECT_EQ(b.name.rfind(std::string(name) + ".", 0), 0u) << b.name;
      EXPECT_FALSE(b.metrics.empty());
    }
  }
}

TEST(SuiteParse, ValidBenchmarkHasItsFields) {
  auto suite = bench::ParseSuite(With("", ""), "f.json");
  ASSERT_TRUE(suite) << suite.error().message;
  const bench::CustomBenchmark& b = suite->benchmarks.at(0);
  EXPECT_EQ(b.name, "s.b");  // namespaced: no built-in has a dot
  EXPECT_EQ(b.category, bench::Category::kCompute);
  EXPECT_EQ(b.command, (std::vector<std::string>{"prog", "arg"}));
  EXPECT_EQ(b.setup_s, 1);
  EXPECT_EQ(b.per_iteration_s, 2);
  EXPECT_EQ(b.iterations, 0);
}

TEST(SuiteParse, EachBadFieldNamesFileBenchmarkAndField) {
  struct Case {
    std::string field, value, expected;
  };
  const Case cases[] = {
      {"category", R"("gpu")", "benchmarks[0] (b).category: unknown value 'gpu'"},
      {"command", R"([])", "benchmarks[0] (b).command: must be a non-empty argument vector"},
      {"command", R"("prog arg")", "benchmarks[0] (b).command"},
      {"name", R"("Has Space")", "benchmarks[0] (Has Space).name: 'Has Space' is not a valid"},
      {"iterations", "0", "benchmarks[0] (b).iterations"},
      {"timeout_s", "-1", "benchmarks[0] (b).timeout_s"},
      {"files", R"(["../etc/passwd"])", "benchmarks[0] (b).files[0]: '../etc/passwd' must be"},
      {"files", R"(["/abs"])", "benchmarks[0] (b).files[0]"},
      {"requires", R"({"isa": ["avx9"]})", "benchmarks[0] (b).requires.isa[0]: unknown ISA"},
      {"requires", R"({"arch": "mips"})", "benchmarks[0] (b).requires.arch"},
      {"requires", R"({"min_memory_gib": -1})", "benchmarks[0] (b).requires.min_memory_gib"},
      {"shell", "true", "benchmarks[0] (b).shell: unknown field"},
      {"metrics", R"([])", "benchmarks[0] (b).metrics: must list 1 to"},
      {"metrics", R"j([{"name":"v","unit":"u","better":"higher","regex":"v=([0-9]+)"}])j",
       "benchmarks[0] (b).metrics[0].regex: must hold exactly one named group, (?<v>...)"},
      {"metrics", R"j([{"name":"v","unit":"u","better":"higher","regex":"(?<w>[0-9]+)"}])j",
       "metrics[0].regex: must hold exactly one named group"},
      {"metrics", R"([{"name":"v","unit":"u","better":"higher","regex":"(?<v>[0-9]+"}])",
       "metrics[0].regex: not a valid ECMAScript regular expression"},
      {"metrics", R"j([{"name":"v","unit":"u","better":"up","regex":"(?<v>1)"}])j",
       "metrics[0].better: unknown value 'up'"},
      {"metrics", R"([{"name":"v","unit":"u","better":"higher"}])",
       "metrics[0]: give exactly one of 'regex'"},
      {"metrics", R"([{"name":"v","unit":"u","better":"higher","json_path":"a..b"}])",
       "metrics[0].json_path: empty key"},
      {"duration", R"({"setup_s": 1})", "benchmarks[0] (b).duration: missing field"},
  };
  for (const Case& c : cases) {
    std::string error = ErrorOf(With(c.field, c.value));
    EXPECT_EQ(error.rfind("f.json: ", 0), 0u) << error;
    EXPECT_NE(error.find(c.expected), std::string::npos)
        << c.field << "=" << c.value << "\n  got: " << error;
  }
}

TEST(SuiteParse, DocumentLevelErrors) {
  EXPECT_NE(ErrorOf("{").find("f.json: not valid JSON"), std::string::npos);
  EXPECT_NE(
      ErrorOf(R"({"schema_version": 2, "suite": "s", "benchmarks": []})").find("schema_version"),
      std::string::npos);
  EXPECT_NE(ErrorOf(R"({"schema_version": 1, "suite": "s.x", "benchmarks": []})").find("suite"),
            std::string::npos);
  std::string twice = With("", "");
  twice.replace(twice.rfind(']'), 1,
                "," + nlohmann::json::parse(twice)["benchmarks"][0].dump() + "]");
  EXPECT_NE(ErrorOf(twice).find("benchmarks[1].name: benchmark 's.b' is listed twice"),
            std::string::npos)
      << ErrorOf(twice);
}

TEST(SuiteParse, CanonicalFormRoundTrips) {
  auto text = util::ReadFile(std::string(ABC_SOURCE_DIR) + "/examples/suites/compression.json");
  ASSERT_TRUE(text);
  auto suite = bench::ParseSuite(*text, "c");
  ASSERT_TRUE(suite);
  suite->folder = "/somewhere";
  nlohmann::json once = bench::SuiteToJson(*suite);
  auto again = bench::ParseSuite(once.dump(), "again");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(bench::SuiteToJson(*again), once);
  EXPECT_EQ(again->folder, "/somewhere");
  EXPECT_EQ(again->benchmarks.at(0).metrics.size(), 3u);
}

bench::CustomMetric Regex(const std::string& name, const std::string& pattern) {
  return {name, "u", bench::Direction::kHigher, bench::FigureSource::kRegex, pattern};
}
bench::CustomMetric JsonPath(const std::string& path) {
  return {"v", "u", bench::Direction::kHigher, bench::FigureSource::kJsonPath, path};
}

// The named group is found whatever numbered, non-capturing, escaped and bracketed
// parentheses come before it: the figure is always the one after "v=".
TEST(SuiteFigure, NamedGroupAmongOtherParentheses) {
  const std::string prefixes[] = {"",          "(a|b)?", "(?:x)?", "\\(?",   "[(]?",
                                  "((a)(b))?", "[^)]?",  "[]]?",   "(\\))?", "(?=v)"};
  for (const std::string& prefix : prefixes) {
    for (const std::string& suffix : {std::string(""), std::string("(\\s|$)")}) {
      std::string pattern = prefix + "v=(?<v>[0-9]+(\\.[0-9]+)?)" + suffix;
      auto figure = bench::ExtractFigure(Regex("v", pattern), "first line\nv=12.5 rest\n");
      ASSERT_TRUE(figure) << pattern << ": " << figure.error().message;
      EXPECT_DOUBLE_EQ(*figure, 12.5) << pattern;
    }
  }
}

TEST(SuiteFigure, RegexFailuresNameThePattern) {
  auto none = bench::ExtractFigure(Regex("v", "v=(?<v>[0-9]+)"), "no figure here\n");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("'v=(?<v>[0-9]+)' matched no line"), std::string::npos);
  auto text = bench::ExtractFigure(Regex("v", "v=(?<v>\\S+)"), "v=fast\n");
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().message.find("captured 'fast'"), std::string::npos);
}

TEST(SuiteFigure, JsonPath) {
  const std::string out = R"({"a": {"b": [1, {"c": 2.5}], "s": "7", "t": true}})";
  EXPECT_DOUBLE_EQ(*bench::ExtractFigure(JsonPath("a.b[1].c"), out), 2.5);
  EXPECT_DOUBLE_EQ(*bench::ExtractFigure(JsonPath("$.a.b[0]"), out), 1);
  EXPECT_DOUBLE_EQ(*bench::ExtractFigure(JsonPath("a.s"), out), 7);
  auto boolean = bench::ExtractFigure(JsonPath("a.t"), out);
  ASSERT_FALSE(boolean);
  EXPECT_NE(boolean.error().message.find("'a.t' names boolean"), std::string::npos);
  auto missing = bench::ExtractFigure(JsonPath("a.b[5]"), out);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("'a.b[5]' names no value"), std::string::npos);
  auto not_json = bench::ExtractFigure(JsonPath("a"), "plain text");
  ASSERT_FALSE(not_json);
  EXPECT_NE(not_json.error().message.find("not a JSON document"), std::string::npos);
}

TEST(SuiteRequirements, ArchIsaAndMemory) {
  bench::CustomBenchmark b;
  bench::Hardware x86{false, true, false, {"avx2", "avx512"}};
  bench::Hardware arm{true, false, false, {"neon", "sve"}};
  EXPECT_TRUE(bench::MeetsCustom(b, x86, 1) && bench::MeetsCustom(b, arm, 1));
  b.arch = bench::Arch::kArm64;
  EXPECT_FALSE(bench::MeetsCustom(b, x86, 1));
  EXPECT_TRUE(bench::MeetsCustom(b, arm, 1));
  b.arch = bench::Arch::kAny;
  b.isa = {"avx512"};
  std::string why;
  EXPECT_FALSE(bench::MeetsCustom(b, arm, 1, &why));
  EXPECT_EQ(why, "the ISA feature avx512");
  EXPECT_TRUE(bench::MeetsCustom(b, x86, 1));
  b.min_memory_gib = 8;
  EXPECT_FALSE(bench::MeetsCustom(b, x86, 4, &why));
  EXPECT_NE(why.find("8 GiB"), std::string::npos);
  EXPECT_TRUE(bench::MeetsCustom(b, x86, 8));
}

}  // namespace
