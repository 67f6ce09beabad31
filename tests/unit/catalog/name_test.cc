#include "catalog/name.h"

#include <gtest/gtest.h>

namespace catalog {
namespace {

struct NameCase {
  const char* name;
  const char* family;
  const char* series;
  int generation;
  const char* attributes;
  const char* size;
};

TEST(NameTest, ParsesTheDesignForms) {
  const NameCase cases[] = {
      {"m7i-flex.large", "m7i-flex", "m", 7, "i", "large"},
      {"c7gn.xlarge", "c7gn", "c", 7, "gn", "xlarge"},
      {"r7iz.metal-16xl", "r7iz", "r", 7, "iz", "metal-16xl"},
      {"x2iedn.32xlarge", "x2iedn", "x", 2, "iedn", "32xlarge"},
      {"u-6tb1.metal", "u-6tb1", "u", 1, "6tb", "metal"},
      {"m5.large", "m5", "m", 5, "", "large"},
  };
  for (const NameCase& c : cases) {
    auto parsed = ParseTypeName(c.name);
    ASSERT_TRUE(parsed) << c.name << ": " << parsed.error().message;
    EXPECT_EQ(parsed->family, c.family) << c.name;
    EXPECT_EQ(parsed->series, c.series) << c.name;
    EXPECT_EQ(parsed->generation, c.generation) << c.name;
    EXPECT_EQ(parsed->attributes, c.attributes) << c.name;
    EXPECT_EQ(parsed->size, c.size) << c.name;
  }
}

TEST(NameTest, RejectsMalformedNamesWithAClearMessage) {
  for (const char* bad : {"m7i", "m7i.", ".large", "m7i.huge", "m7i.large.x", "7i.large",
                          "M7I.large", "m7i.0xlarge", "m.large", ""}) {
    auto parsed = ParseTypeName(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message.find("accepted"), std::string::npos);
  }
}

TEST(NameTest, SizeWaves) {
  EXPECT_EQ(SizeWave("medium"), 1);
  EXPECT_EQ(SizeWave("large"), 1);
  EXPECT_EQ(SizeWave("xlarge"), 2);
  EXPECT_EQ(SizeWave("2xlarge"), 3);
  EXPECT_EQ(SizeWave("4xlarge"), 4);
  EXPECT_EQ(SizeWave("48xlarge"), 4);
  EXPECT_EQ(SizeWave("metal-24xl"), 4);
}

TEST(NameTest, SizeRankOrders) {
  EXPECT_LT(SizeRank("large"), SizeRank("xlarge"));
  EXPECT_LT(SizeRank("xlarge"), SizeRank("2xlarge"));
  EXPECT_LT(SizeRank("12xlarge"), SizeRank("16xlarge"));
  EXPECT_LT(SizeRank("48xlarge"), SizeRank("metal-24xl"));
  EXPECT_LT(SizeRank("metal-48xl"), SizeRank("metal"));
}

TEST(NameTest, VendorFallbackFromSuffixLetter) {
  EXPECT_EQ(VendorFromName(*ParseTypeName("m7a.large")), Vendor::kAmd);
  EXPECT_EQ(VendorFromName(*ParseTypeName("c7gn.large")), Vendor::kAws);
  EXPECT_EQ(VendorFromName(*ParseTypeName("r7iz.large")), Vendor::kIntel);
  EXPECT_FALSE(VendorFromName(*ParseTypeName("m5.large")));
}

}  // namespace
}  // namespace catalog
