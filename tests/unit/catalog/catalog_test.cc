#include "catalog/catalog.h"

#include <gtest/gtest.h>

namespace catalog {
namespace {

TEST(CatalogTest, EmbeddedCatalogLoads) {
  auto catalog = Catalog::Embedded();
  ASSERT_TRUE(catalog) << catalog.error().message;
  const InstanceType* m7i = catalog->Find("m7i.large");
  ASSERT_NE(m7i, nullptr);
  EXPECT_EQ(m7i->family, "m7i");
  EXPECT_EQ(m7i->vcpus, 2);
  EXPECT_TRUE(m7i->HasIsa("avx512"));
  ASSERT_NE(m7i->OnDemandPrice("us-east-1"), nullptr);
  EXPECT_FALSE(m7i->OnDemandPrice("us-east-1")->source.empty());
  EXPECT_FALSE(m7i->OnDemandPrice("us-east-1")->date.empty());
}

constexpr char kUserCatalog[] = R"({
  "format_version": 1,
  "sources": {"mine": {"description": "my price list", "date": "2026-01-01"}},
  "families": [{"name": "z9q", "architecture": "arm64", "vendor": "aws", "processor": "P",
                "microarchitecture": "M", "isa": ["neon"], "quota_class": "standard"}],
  "types": [{"name": "z9q.large", "vcpus": 2, "memory_gib": 4, "price_source": "mine",
             "on_demand_usd_per_hour": {"us-east-1": 0.05,
               "eu-west-1": {"usd_per_hour": 0.06, "source": "mine", "derived_by": "us-east-1 x 1.2"}}}]
})";

TEST(CatalogTest, UserCatalogAddsTypesWithSourcedPrices) {
  auto user = Catalog::FromJson(kUserCatalog, "user.json");
  ASSERT_TRUE(user) << user.error().message;
  auto catalog = Catalog::Embedded();
  ASSERT_TRUE(catalog);
  catalog->Merge(*user);
  const InstanceType* type = catalog->Find("z9q.large");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->architecture, Architecture::kArm64);
  EXPECT_EQ(type->OnDemandPrice("us-east-1")->date, "2026-01-01");
  EXPECT_FALSE(type->OnDemandPrice("us-east-1")->derived);
  EXPECT_TRUE(type->OnDemandPrice("eu-west-1")->derived);
  EXPECT_NE(catalog->Find("m7i.large"), nullptr);
}

TEST(CatalogTest, MalformedDocumentsNameTheField) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"not json", "not valid JSON"},
      {R"({"format_version": 2})", "format_version"},
      {R"({"format_version": 1, "types": [{"name": "m7i.large"}]})", "types[0]"},
      {R"({"format_version": 1, "families": [{"name": "q1", "architecture": "sparc"}]})",
       "architecture"},
  };
  for (const Case& c : cases) {
    auto catalog = Catalog::FromJson(c.text, "bad.json");
    ASSERT_FALSE(catalog) << c.text;
    EXPECT_NE(catalog.error().message.find("bad.json"), std::string::npos);
    EXPECT_NE(catalog.error().message.find(c.expected), std::string::npos)
        << catalog.error().message;
  }
}

TEST(CatalogTest, PriceWithUnknownSourceIsRejected) {
  std::string text = kUserCatalog;
  text.replace(text.find("\"price_source\": \"mine\""), 22, "\"price_source\": \"nope\"");
  auto catalog = Catalog::FromJson(text, "user.json");
  ASSERT_FALSE(catalog);
  EXPECT_NE(catalog.error().message.find("nope"), std::string::npos);
}

}  // namespace
}  // namespace catalog
