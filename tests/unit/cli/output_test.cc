// cli output formatting: aligned tables and the status heading.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/status_text.h"
#include "cli/table.h"

namespace cli {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Table, ColumnsStartAtTheSameOffsetOnEveryLine) {
  Table table({"type", "vcpus", "price"});
  table.AddRow({"m7i.large", "2", "$0.10"});
  table.AddRow({"m7i.16xlarge", "64", "$3.23"});
  table.AddRow({"x", "1"});  // a short row is padded, not misaligned
  std::ostringstream out;
  table.Print(out);
  auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "type          vcpus  price");
  EXPECT_EQ(lines[1], "------------  -----  -----");
  EXPECT_EQ(lines[2], "m7i.large     2      $0.10");
  EXPECT_EQ(lines[3], "m7i.16xlarge  64     $3.23");
  EXPECT_EQ(lines[4], "x             1      ");
  EXPECT_EQ(table.rows(), 3u);
}

TEST(StatusHeading, SaysWhenTheCampaignIsSimulated) {
  EXPECT_EQ(FormatStatusHeading("c1", "running", "sim", true),
            "campaign c1 (running) on sim, simulated: logistics only, no measured numbers");
  EXPECT_EQ(FormatStatusHeading("c2", "completed", "local", false),
            "campaign c2 (completed) on local");
}

}  // namespace
}  // namespace cli
