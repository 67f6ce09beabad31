// TOML suite files (bench/suite_toml.h): they read exactly as their JSON twins (the shipped
// example, and every case of tests/data/suite/cases.json written both ways give the same
// suite or the same error), and the TOML-only failures (syntax, dates, integer vs float)
// are one line naming the file and where.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "bench/suite.h"
#include "util/files.h"

namespace {

using nlohmann::json;

const std::string kSource = ABC_SOURCE_DIR;

// A JSON value written as TOML: inline tables and arrays, quoted keys, JSON's string escapes
// (each is also a TOML basic-string escape). Numbers keep their kind: 5 stays an integer,
// 5.0 a float, as nlohmann writes a float's '.'.
std::string TomlValue(const json& value) {
  if (value.is_object()) {
    std::string text = "{";
    for (const auto& item : value.items())
      text +=
          (text.size() > 1 ? ", " : "") + json(item.key()).dump() + " = " + TomlValue(item.value());
    return text + "}";
  }
  if (value.is_array()) {
    std::string text = "[";
    for (size_t i = 0; i < value.size(); ++i) text += (i ? ", " : "") + TomlValue(value[i]);
    return text + "]";
  }
  EXPECT_FALSE(value.is_null()) << "TOML has no null";
  return value.dump();
}

std::string TomlDocument(const json& document) {
  std::string text;
  for (const auto& item : document.items())
    text += json(item.key()).dump() + " = " + TomlValue(item.value()) + "\n";
  return text;
}

// One case of cases.json: the base with `remove` then `set` applied (the same rules as
// suite_schema_test.py's).
json Apply(const json& base, const json& c) {
  json document = base;
  for (const std::string pointer : c.value("remove", json::array()))
    document.at(json::json_pointer(pointer).parent_pointer())
        .erase(json::json_pointer(pointer).back());
  for (const json& pair : c.value("set", json::array())) {
    json value = pair[1];
    if (value.is_string() && value.get<std::string>().rfind("COPY ", 0) == 0)
      value = document.at(json::json_pointer(value.get<std::string>().substr(5)));
    document[json::json_pointer(pair[0].get<std::string>())] = value;
  }
  return document;
}

// The canonical suite, or the error with its origin "f" left in.
std::string Outcome(const std::string& text, bench::SuiteFormat format) {
  auto suite = bench::ParseSuite(text, "f", format);
  return suite ? bench::SuiteToJson(*suite).dump() : "error: " + suite.error().message;
}

std::string TomlError(const std::string& text) {
  auto suite = bench::ParseSuite(text, "f.toml", bench::SuiteFormat::kToml);
  return suite ? std::string("(parsed)") : suite.error().message;
}

// A valid TOML suite around one benchmark's extra lines.
std::string TomlSuite(const std::string& benchmark_lines, const std::string& top = "") {
  return "schema_version = 1\nsuite = \"s\"\n" + top +
         "\n[[benchmarks]]\nname = \"b\"\ncategory = \"compute\"\ncommand = [\"prog\"]\n"
         "duration = { setup_s = 1, per_iteration_s = 2 }\n" +
         benchmark_lines +
         "\n[[benchmarks.metrics]]\nname = \"v\"\nunit = \"u\"\nbetter = \"higher\"\n"
         "regex = 'v=(?<v>[0-9]+)'\n";
}

TEST(SuiteToml, EveryTomlExampleReadsAsItsJsonTwin) {
  int compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSource + "/examples/suites")) {
    if (entry.path().extension() != ".toml") continue;
    std::filesystem::path twin = entry.path();
    twin.replace_extension(".json");
    auto toml = bench::ReadSuiteFile(entry.path().string());
    auto json_suite = bench::ReadSuiteFile(twin.string());
    ASSERT_TRUE(toml) << toml.error().message;
    ASSERT_TRUE(json_suite) << twin << ": " << json_suite.error().message;
    EXPECT_EQ(bench::SuiteToJson(*toml).dump(2), bench::SuiteToJson(*json_suite).dump(2));
    ++compared;
  }
  EXPECT_GE(compared, 1) << "examples/suites holds no TOML suite";
}

// The property behind "one reader": whatever a document holds, TOML and JSON give the same
// suite or the same message (field path and words), over every case of the schema test.
TEST(SuiteToml, EveryCaseReadsAlikeInTomlAndJson) {
  auto text = util::ReadFile(kSource + "/tests/data/suite/cases.json");
  ASSERT_TRUE(text);
  json cases = json::parse(*text);
  ASSERT_GE(cases["cases"].size(), 20u);
  size_t errors = 0;
  for (const json& c : cases["cases"]) {
    json document = Apply(cases["base"], c);
    std::string from_json = Outcome(document.dump(), bench::SuiteFormat::kJson);
    std::string from_toml = Outcome(TomlDocument(document), bench::SuiteFormat::kToml);
    EXPECT_EQ(from_toml, from_json) << c["name"] << "\nTOML:\n" << TomlDocument(document);
    if (from_json.rfind("error: ", 0) == 0) ++errors;
  }
  EXPECT_GE(errors, 20u);  // the cases exercise errors, not only valid suites
}

TEST(SuiteToml, IntegersStayIntegersAndFloatsFloats) {
  auto suite = bench::ParseSuite(TomlSuite("iterations = 5\ntimeout_s = 30\n"), "f.toml",
                                 bench::SuiteFormat::kToml);
  ASSERT_TRUE(suite) << suite.error().message;
  EXPECT_EQ(suite->benchmarks.at(0).iterations, 5);
  EXPECT_EQ(suite->benchmarks.at(0).timeout_s, 30);
  EXPECT_EQ(suite->benchmarks.at(0).setup_s, 1);  // an integer where a number is accepted
  EXPECT_EQ(TomlError(TomlSuite("iterations = 5.0\n")),
            "f.toml: benchmarks[0] (b).iterations: must be an integer between 1 and 1000");
  EXPECT_EQ(TomlError(TomlSuite("requires = { min_memory_gib = nan }\n")),
            "f.toml: benchmarks[0] (b).requires.min_memory_gib: must be a number between 0 and "
            "1e+06");
  EXPECT_EQ(TomlError(TomlSuite("requires = { min_memory_gib = inf }\n")),
            "f.toml: benchmarks[0] (b).requires.min_memory_gib: must be a number between 0 and "
            "1e+06");
}

TEST(SuiteToml, DatesAndTimesAreRefusedNamingTheField) {
  struct Case {
    std::string benchmark_lines, top, expected;
  };
  const Case cases[] = {
      {"", "description = 1979-05-27\n",
       "f.toml: description: a TOML date or time (line 3, column 15) is not accepted"},
      {"timeout_s = 07:32:00\n", "", "f.toml: benchmarks[0] (b).timeout_s: a TOML date or time"},
      {"files = [\"a\", 1979-05-27T07:32:00Z]\n", "",
       "f.toml: benchmarks[0] (b).files[1]: a TOML date or time (line 9, column 15)"},
      {"requires = { min_memory_gib = 1979-05-27T07:32:00 }\n", "",
       "f.toml: benchmarks[0] (b).requires.min_memory_gib: a TOML date or time"},
  };
  for (const Case& c : cases) {
    std::string error = TomlError(TomlSuite(c.benchmark_lines, c.top));
    EXPECT_EQ(error.rfind(c.expected, 0), 0u) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
  // In an array of tables the metric's index is named too.
  std::string metric_date = TomlSuite("") + "[[benchmarks.metrics]]\nname = 1979-05-27\n";
  EXPECT_EQ(
      TomlError(metric_date).rfind("f.toml: benchmarks[0] (b).metrics[1].name: a TOML date", 0), 0u)
      << TomlError(metric_date);
}

TEST(SuiteToml, SyntaxErrorIsOneLineNamingFileLineAndColumn) {
  // The second `suite` redefines the key: line 3, at a column within that line (toml++
  // points after the key), with the reason naming the key.
  std::string twice = TomlError("schema_version = 1\nsuite = \"s\"\nsuite = \"t\"\n");
  ASSERT_EQ(twice.rfind("f.toml:3:", 0), 0u) << twice;
  int column = std::atoi(twice.c_str() + std::strlen("f.toml:3:"));
  EXPECT_TRUE(column >= 1 && column <= 11) << twice;
  EXPECT_NE(twice.find(": not valid TOML: "), std::string::npos) << twice;
  EXPECT_NE(twice.find("'suite'"), std::string::npos) << twice;
  // An unterminated string on line 2.
  std::string open = TomlError("schema_version = 1\nsuite = \"s\n");
  EXPECT_EQ(open.rfind("f.toml:2:", 0), 0u) << open;
  EXPECT_NE(open.find("not valid TOML"), std::string::npos) << open;
  for (const std::string& error : {twice, open}) EXPECT_EQ(error.find('\n'), std::string::npos);
  // Invalid UTF-8 is reported in printable ASCII, so the message itself stays valid text.
  std::string bytes = TomlError("suite = \"\xff\xfe\"\n");
  EXPECT_EQ(bytes.rfind("f.toml:1:", 0), 0u) << bytes;
  for (char c : bytes) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << bytes;
}

// toml++ 3.3 asserts a precondition that these table headers break (upstream pull request
// #301): the assert must not abort (a build without NDEBUG, e.g. the asan preset) nor turn
// into a compiler assumption; each is one syntax error naming where the header goes wrong.
TEST(SuiteToml, MalformedTableHeadersAreSyntaxErrors) {
  const std::pair<std::string, std::string> cases[] = {
      {"[\x01]\n", "f.toml:1:2: not valid TOML: "},
      {"a = 1\n[[[1]]]\n", "f.toml:2:3: not valid TOML: "},
      {"a = 1\n\n  [[=\n", "f.toml:3:5: not valid TOML: "},
      {"[ [a]]\n", "f.toml:1:3: not valid TOML: "},
  };
  for (const auto& [text, expected] : cases) {
    std::string error = TomlError(text);
    EXPECT_EQ(error.rfind(expected, 0), 0u) << error;
  }
}

// toml++ 3.3 asks whether a non-ASCII character is whitespace through a generated function
// that is undefined behaviour for most of U+00A1..U+0499 (suite_toml.cc): a valid line
// continuation before "\u00e9" must give the text, a stray one after a value a syntax error.
TEST(SuiteToml, NonAsciiCharactersWhereWhitespaceMayBe) {
  auto suite =
      bench::ParseSuite(TomlSuite("", "description = \"\"\"caf\\\n  \u00e9 \u00a1\"\"\"\n"),
                        "f.toml", bench::SuiteFormat::kToml);
  ASSERT_TRUE(suite) << suite.error().message;
  EXPECT_EQ(suite->description, "caf\u00e9 \u00a1");
  EXPECT_EQ(TomlError("schema_version = 1\u00e9\n").rfind("f.toml:1:19: not valid TOML: ", 0), 0u)
      << TomlError("schema_version = 1\u00e9\n");
  EXPECT_EQ(TomlError("a = [1, 2]\u00a1\n").rfind("f.toml:1:11: not valid TOML: ", 0), 0u)
      << TomlError("a = [1, 2]\u00a1\n");
}

TEST(SuiteToml, ATableWhereTheFormatWantsAnArrayFailsAsInJson) {
  std::string table = "schema_version = 1\nsuite = \"s\"\n[benchmarks]\nname = \"b\"\n";
  EXPECT_EQ(TomlError(table), "f.toml: benchmarks: must be an array");
  EXPECT_EQ(bench::ParseSuite(R"({"schema_version": 1, "suite": "s", "benchmarks": {"name": "b"}})",
                              "f.toml")
                .error()
                .message,
            TomlError(table));
}

TEST(SuiteToml, TheFileNameDecidesTheFormat) {
  EXPECT_EQ(bench::SuiteFormatOf("a/s.toml"), bench::SuiteFormat::kToml);
  EXPECT_EQ(bench::SuiteFormatOf("s.json"), bench::SuiteFormat::kJson);
  EXPECT_EQ(bench::SuiteFormatOf("s.TOML"), bench::SuiteFormat::kJson);
  EXPECT_EQ(bench::SuiteFormatOf("s"), bench::SuiteFormat::kJson);

  std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("suite_toml_test." + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string toml = TomlSuite("");
  ASSERT_TRUE(util::WriteFileAtomic((folder / "s.toml").string(), toml));
  ASSERT_TRUE(util::WriteFileAtomic((folder / "s.json").string(), toml));
  auto read = bench::ReadSuiteFile((folder / "s.toml").string());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->folder, folder.string());
  auto as_json = bench::ReadSuiteFile((folder / "s.json").string());
  ASSERT_FALSE(as_json);
  EXPECT_EQ(as_json.error().message.rfind(
                "--suite " + (folder / "s.json").string() + ": not valid JSON", 0),
            0u)
      << as_json.error().message;
  auto missing = bench::ReadSuiteFile((folder / "none.toml").string());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("not a regular file (accepted: a suite file, .json or "
                                         ".toml)"),
            std::string::npos);
  std::filesystem::remove_all(folder);
}

}  // namespace
