// Golden files of every format, rendered from journals rebuilt from real campaigns
// (tests/data/report/*.json). Set ABC_UPDATE_GOLDEN=1 to rewrite them after a deliberate
// change, then read the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixture.h"
#include "report/dataset.h"
#include "report/formats.h"

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

void CheckGolden(const std::vector<std::string>& fixtures, const std::string& format,
                 const std::string& golden) {
  Journals journals = Build(fixtures);
  auto dataset = LoadJournals(journals.paths);
  ASSERT_TRUE(dataset) << dataset.error().message;
  const FormatEntry* entry = FindFormat(format);
  ASSERT_NE(entry, nullptr) << format;
  auto text = entry->render(*dataset, RenderOptions{journals.paths});
  ASSERT_TRUE(text) << text.error().message;
  const std::string rendered = Normalised(*text, journals.dir);
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

const std::vector<std::string> kTwoLocal = {"local-m7i-quick.json", "local-c7a-quick.json"};

TEST(Golden, Text) { CheckGolden(kTwoLocal, "text", "two-local.txt"); }
TEST(Golden, Markdown) { CheckGolden(kTwoLocal, "markdown", "two-local.md"); }
TEST(Golden, Csv) { CheckGolden(kTwoLocal, "csv", "two-local.csv"); }
TEST(Golden, Json) { CheckGolden(kTwoLocal, "json", "two-local.json"); }
TEST(Golden, Html) { CheckGolden(kTwoLocal, "html", "two-local.html"); }
TEST(Golden, SimulatedText) { CheckGolden({"sim-three-families.json"}, "text", "sim.txt"); }
TEST(Golden, SimulatedJson) { CheckGolden({"sim-three-families.json"}, "json", "sim.json"); }

}  // namespace
}  // namespace report
