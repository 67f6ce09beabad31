#include "util/strings.h"

#include <gtest/gtest.h>

namespace util {
namespace {

TEST(StringsTest, SplitListTrimsAndDropsEmpty) {
  EXPECT_EQ(SplitList(" a, b,,c ,"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(SplitList("").empty());
}

TEST(StringsTest, ParseIntRejectsTrailingGarbage) {
  EXPECT_EQ(ParseInt("42"), 42);
  EXPECT_EQ(ParseInt("-7"), -7);
  EXPECT_FALSE(ParseInt("42x"));
  EXPECT_FALSE(ParseInt(""));
  EXPECT_FALSE(ParseInt(" 4"));
}

TEST(StringsTest, ParseDurationSecondsTakesOneUnit) {
  EXPECT_EQ(util::ParseDurationSeconds("45s"), 45);
  EXPECT_EQ(util::ParseDurationSeconds("90m"), 5400);
  EXPECT_EQ(util::ParseDurationSeconds("2h"), 7200);
  EXPECT_EQ(util::ParseDurationSeconds("3d"), 259200);
  EXPECT_EQ(util::ParseDurationSeconds("0h"), 0);
  for (const char* bad :
       {"", "h", "12", "-1h", "1.5h", "2w", "h2", " 2h", "2 h", "1e3s", "9223372036854775807d"}) {
    EXPECT_FALSE(util::ParseDurationSeconds(bad)) << bad;
  }
}

TEST(StringsTest, ParseDoubleWholeString) {
  EXPECT_DOUBLE_EQ(*ParseDouble("1.5"), 1.5);
  EXPECT_FALSE(ParseDouble("1.5.2"));
}

TEST(StringsTest, ParseBoolForms) {
  EXPECT_EQ(ParseBool("TRUE"), true);
  EXPECT_EQ(ParseBool("off"), false);
  EXPECT_FALSE(ParseBool("maybe"));
}

TEST(StringsTest, EditDistance) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
}

TEST(StringsTest, DidYouMeanSuggestsOnlyCloseWords) {
  std::vector<std::string> regions = {"us-east-1", "us-west-2", "eu-west-1"};
  EXPECT_EQ(DidYouMean("us-east-l", regions), " (did you mean 'us-east-1'?)");
  EXPECT_EQ(DidYouMean("antarctica", regions), "");
}

}  // namespace
}  // namespace util
