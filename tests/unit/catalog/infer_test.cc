#include "catalog/infer.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace catalog {
namespace {

struct InferCase {
  const char* name;
  Architecture architecture;
  Vendor vendor;
  bool neon;
};

TEST(InferTest, SuffixLetterGivesArchitectureAndVendor) {
  const InferCase cases[] = {
      {"m9a.large", Architecture::kX86_64, Vendor::kAmd, false},
      {"c9g.xlarge", Architecture::kArm64, Vendor::kAws, true},
      {"c9gn.2xlarge", Architecture::kArm64, Vendor::kAws, true},
      {"r9i.metal-48xl", Architecture::kX86_64, Vendor::kIntel, false},
      {"m9i-flex.large", Architecture::kX86_64, Vendor::kIntel, false},
      {"x9iedn.32xlarge", Architecture::kX86_64, Vendor::kIntel, false},
      {"g9ad.4xlarge", Architecture::kX86_64, Vendor::kAmd, false},
  };
  for (const InferCase& c : cases) {
    auto parsed = ParseTypeName(c.name);
    ASSERT_TRUE(parsed) << c.name;
    auto facts = InferFacts(*parsed);
    ASSERT_TRUE(facts) << c.name;
    EXPECT_TRUE(facts->inferred) << c.name;
    EXPECT_EQ(facts->architecture, c.architecture) << c.name;
    EXPECT_EQ(facts->vendor, c.vendor) << c.name;
    EXPECT_EQ(facts->isa, c.neon ? std::vector<std::string>{"neon"} : std::vector<std::string>{})
        << c.name;
    EXPECT_NE(facts->basis.find("suffix letter"), std::string::npos) << facts->basis;
  }
}

TEST(InferTest, NamesWithoutAVendorLetterInferNothing) {
  for (const char* name :
       {"m5.large", "p4d.24xlarge", "u-6tb1.metal", "trn1.32xlarge", "z9d.large"}) {
    auto parsed = ParseTypeName(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_FALSE(InferFacts(*parsed)) << name;
  }
}

// The fallback must never contradict the facts: for every catalog type whose name carries
// a vendor letter, inference agrees on architecture and vendor and claims no ISA feature
// the catalog does not list.
TEST(InferTest, AgreesWithTheCatalogWhereTheCatalogKnows) {
  auto catalog = Catalog::Embedded();
  ASSERT_TRUE(catalog) << catalog.error().message;
  int checked = 0;
  for (const auto& [name, type] : catalog->types()) {
    auto facts = InferFacts(*ParseTypeName(name));
    if (!facts) continue;
    ++checked;
    EXPECT_EQ(facts->architecture, type.architecture) << name;
    EXPECT_EQ(facts->vendor, type.vendor) << name;
    for (const auto& feature : facts->isa)
      EXPECT_TRUE(type.HasIsa(feature)) << name << " " << feature;
  }
  EXPECT_GT(checked, 200);
}

TEST(InferTest, ResolvePrefersTheCatalog) {
  auto catalog = Catalog::Embedded();
  ASSERT_TRUE(catalog);
  auto known = ResolveFacts(*catalog, "m7a.large");
  ASSERT_TRUE(known) << known.error().message;
  EXPECT_FALSE(known->inferred);
  EXPECT_NE(std::find(known->isa.begin(), known->isa.end(), "avx512"), known->isa.end());
  EXPECT_EQ(known->basis, "catalog family m7a");

  auto m5 = ResolveFacts(*catalog, "m5.large");  // no vendor letter, but the catalog knows it
  ASSERT_TRUE(m5);
  EXPECT_EQ(m5->vendor, Vendor::kIntel);

  auto unknown = ResolveFacts(*catalog, "c9g.large");
  ASSERT_TRUE(unknown);
  EXPECT_TRUE(unknown->inferred);
  EXPECT_EQ(unknown->architecture, Architecture::kArm64);
}

TEST(InferTest, ResolveExplainsWhatItCannotKnow) {
  auto catalog = Catalog::Embedded();
  ASSERT_TRUE(catalog);
  auto silent = ResolveFacts(*catalog, "p4d.24xlarge");
  ASSERT_FALSE(silent);
  EXPECT_NE(silent.error().message.find("p4d.24xlarge"), std::string::npos);
  EXPECT_NE(silent.error().message.find("--catalog"), std::string::npos);
  auto malformed = ResolveFacts(*catalog, "m7a");
  ASSERT_FALSE(malformed);
  EXPECT_NE(malformed.error().message.find("accepted"), std::string::npos);
}

}  // namespace
}  // namespace catalog
