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

// The significant-changes table of the HTML page: its rows, as text between tags.
std::vector<std::string> SignificantRows(const std::string& page) {
  std::vector<std::string> rows;
  const size_t table = page.find("id=\"significant-changes\"");
  if (table == std::string::npos) return rows;
  const size_t end = page.find("</table>", table);
  for (size_t at = page.find("<tr><td>", table); at < end; at = page.find("<tr><td>", at + 1))
    rows.push_back(page.substr(at, page.find("</tr>", at) - at));
  return rows;
}

TEST(CompareCommand, HtmlIsOneSelfContainedPageWithTheSignificantChangesFirst) {
  TempDir root;
  std::string fast =
      Journal(root, "fast.db", {100.2, 99.8, 100.5, 99.6, 100.1, 100.3, 99.9, 100.0});
  std::string slow = Journal(root, "slow.db", {90.1, 89.7, 90.4, 89.9, 90.2, 90.0, 89.8, 90.3});
  std::string same =
      Journal(root, "same.db", {100.1, 99.9, 100.4, 99.7, 100.2, 100.2, 99.8, 100.1});
  std::string out = (root.path() / "out.html").string();
  ASSERT_EQ(cli::RunReport("report", {"--compare", fast, slow, "--format", "html", "--output", out,
                                      "--fail-on-regression"}),
            3);
  std::string page = Read(out);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
  for (const char* outside : {"http://", "https://", " src=", "url("})
    EXPECT_EQ(page.find(outside), std::string::npos) << outside;  // requests nothing
  std::vector<std::string> rows = SignificantRows(page);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].find("<td>regressed</td>"), std::string::npos) << rows[0];
  EXPECT_NE(page.find("id=\"comparison\""), std::string::npos);  // every figure, below

  ASSERT_EQ(
      cli::RunReport("report", {"--compare", fast, same, "--format", "html", "--output", out}), 0);
  page = Read(out);
  EXPECT_TRUE(SignificantRows(page).empty());
  EXPECT_NE(page.find("No significant change."), std::string::npos);
}

TEST(CompareCommand, BadInputExitsTwo) {
  TempDir root;
  std::string fast = Journal(root, "fast.db", {100.2, 99.8, 100.5});
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast, (root.path() / "none.db").string()}), 2);
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast, fast, "--format", "pdf"}), 2);
  EXPECT_EQ(cli::RunReport("report", {"--compare", fast}), 2);
}

}  // namespace
}  // namespace report
