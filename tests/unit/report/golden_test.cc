// Golden files of every format, rendered from journals rebuilt from real campaigns
// (tests/data/report/*.json). Set ABC_UPDATE_GOLDEN=1 to rewrite them after a deliberate
// change, then read the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixture.h"
#include "report/compare.h"
#include "report/compare_render.h"
#include "report/dataset.h"
#include "report/formats.h"
#include "report/trend.h"

namespace report {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Journals in a fresh folder, whose name the rendering replaces by "JOURNALS".
struct Journals {
  std::string dir;
  std::vector<std::string> paths;
};

Journals Build(const std::vector<std::string>& fixtures) {
  Journals j;
  j.dir = testing::TempJournalPath("golden");
  std::filesystem::create_directories(j.dir);
  for (const std::string& fixture : fixtures) {
    j.paths.push_back(j.dir + "/" + std::filesystem::path(fixture).stem().string() + ".db");
    testing::BuildJournal(fixture, j.paths.back());
  }
  return j;
}

std::string Normalised(std::string text, const std::string& dir) {
  for (size_t at = text.find(dir); at != std::string::npos; at = text.find(dir, at))
    text.replace(at, dir.size(), "JOURNALS");
  return text;
}

// Compares `text` (its journal folder replaced) with the golden file; ABC_UPDATE_GOLDEN=1
// rewrites the file first.
void ExpectGolden(const std::string& text, const Journals& journals, const std::string& golden) {
  const std::string rendered = Normalised(text, journals.dir);
  const std::string path = testing::FixturePath("golden/" + golden);
  if (std::getenv("ABC_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << rendered;
  }
  const std::string expected = ReadAll(path);
  ASSERT_FALSE(expected.empty()) << "no golden file " << path;
  EXPECT_EQ(rendered, expected) << "rendering differs from " << path
                                << " (ABC_UPDATE_GOLDEN=1 rewrites it)";
}

void CheckGolden(const std::vector<std::string>& fixtures, const std::string& format,
                 const std::string& golden) {
  Journals journals = Build(fixtures);
  auto dataset = LoadJournals(journals.paths);
  ASSERT_TRUE(dataset) << dataset.error().message;
  const FormatEntry* entry = FindFormat(format);
  ASSERT_NE(entry, nullptr) << format;
  auto text = entry->render(*dataset, RenderOptions{journals.paths});
  ASSERT_TRUE(text) << text.error().message;
  ExpectGolden(*text, journals, golden);
}

const std::vector<std::string> kTwoLocal = {"local-m7i-quick.json", "local-c7a-quick.json"};

TEST(Golden, Text) { CheckGolden(kTwoLocal, "text", "two-local.txt"); }
TEST(Golden, Markdown) { CheckGolden(kTwoLocal, "markdown", "two-local.md"); }
TEST(Golden, Csv) { CheckGolden(kTwoLocal, "csv", "two-local.csv"); }
TEST(Golden, Json) { CheckGolden(kTwoLocal, "json", "two-local.json"); }
TEST(Golden, Html) { CheckGolden(kTwoLocal, "html", "two-local.html"); }
TEST(Golden, SimulatedText) { CheckGolden({"sim-three-families.json"}, "text", "sim.txt"); }
TEST(Golden, SimulatedJson) { CheckGolden({"sim-three-families.json"}, "json", "sim.json"); }

const char* const kExtensions[][2] = {
    {"text", "txt"}, {"markdown", "md"}, {"csv", "csv"}, {"json", "json"}, {"html", "html"}};

// --compare of a real quick campaign with itself: every figure present on both sides, none
// significant (3 samples a side), in each format --compare accepts.
TEST(Golden, CompareEveryFormat) {
  Journals journals = Build({"local-m7i-quick.json"});
  auto dataset = LoadJournals(journals.paths);
  ASSERT_TRUE(dataset) << dataset.error().message;
  CompareOptions options;
  const std::vector<Comparison> comparisons = Compare(*dataset, *dataset, options);
  for (const auto& [format, extension] : kExtensions) {
    auto text = RenderComparison(comparisons, options, format);
    ASSERT_TRUE(text) << format;
    ExpectGolden(*text, journals, std::string("compare-self.") + extension);
  }
}

// --trend over the two real quick campaigns, in each format --trend accepts.
TEST(Golden, TrendEveryFormat) {
  Journals journals = Build(kTwoLocal);
  auto dataset = LoadJournals(journals.paths);
  ASSERT_TRUE(dataset) << dataset.error().message;
  for (const auto& [format, extension] : kExtensions) {
    if (std::string(format) == "json") continue;  // --trend has no JSON
    auto text = RenderTrend(*dataset, format);
    ASSERT_TRUE(text) << format;
    ExpectGolden(*text, journals, std::string("trend-two-local.") + extension);
  }
}

}  // namespace
}  // namespace report
