// report --compare end to end: result files imported into two journals, compared through the
// command, exit status 3 with --fail-on-regression only when a figure got worse.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "report/import.h"
#include "unit/report/import_support.h"

namespace report {
namespace {

using testing::OwnResult;
using testing::TempDir;

std::string Journal(const TempDir& root, const std::string& name, std::vector<double> triad) {
  TempDir files;
  files.Write("r.json", OwnResult("m7i.large", triad));
  auto outcome = ReadResultDirectory(files.Str(), *catalog::Catalog::Embedded());
  EXPECT_TRUE(outcome.has_value());
  std::string path = (root.path() / name).string();
  EXPECT_TRUE(WriteImportJournal(path, files.Str(), *outcome, 1'700'000'000).has_value());
  return path;
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CompareCommand, FailOnRegressionExitsThreeOnlyWhenAFigureGotWorse) {
  TempDir root;
  std::string fast =
      Journal(root, "fast.db", {100.2, 99.8, 100.5, 99.6, 100.1, 100.3, 99.9, 100.0});
  std::string slow = Journal(root, "slow.db", {90.1, 89.7, 90.4, 89.9, 90.2, 90.0, 89.8, 90.3});
  std::string out = (root.path() / "out.json").string();
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast, slow, "--fail-on-regression", "--format",
                                      "json", "--output", out}),
            3);
  nlohmann::json written = nlohmann::json::parse(Read(out));
  EXPECT_TRUE(written["regression"].get<bool>());
  EXPECT_EQ(written["comparisons"][0]["verdict"], "regressed");
  EXPECT_EQ(written["comparisons"][0]["test"], "welch");
  // The same comparison without the flag, and the reverse (an improvement), exit 0.
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast, slow, "--output", out}), 0);
  EXPECT_EQ(
      cli::RunReport("report", {"--compare", slow, fast, "--fail-on-regression", "--output", out}),
      0);
  EXPECT_NE(Read(out).find("improved"), std::string::npos);
}

TEST(CompareCommand, BadInputExitsTwo) {
  TempDir root;
  std::string fast = Journal(root, "fast.db", {100.2, 99.8, 100.5});
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast, (root.path() / "none.db").string()}), 2);
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast, fast, "--format", "html"}), 2);
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast}), 2);
}

}  // namespace
}  // namespace report
