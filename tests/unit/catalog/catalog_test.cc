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
  EXPECT_EQ(type->OnDemandPrice("us-east-1")->basis, PriceBasis::kCopied);
  EXPECT_EQ(type->OnDemandPrice("eu-west-1")->basis, PriceBasis::kDerived);
  EXPECT_EQ(type->OnDemandPrice("eu-west-1")->rule, "us-east-1 x 1.2");
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

// The "basis" label of a price object must agree with the presence of a rule: a price
// with "derived_by" cannot be labelled copied, and a derived one must name its rule.
TEST(CatalogTest, PriceBasisLabelMustMatchItsRule) {
  struct Case {
    const char* price;
    const char* expected_error;  // nullptr: accepted
    PriceBasis basis;
  };
  const Case cases[] = {
      {R"({"usd_per_hour": 0.06, "source": "mine", "basis": "copied"})", nullptr,
       PriceBasis::kCopied},
      {R"({"usd_per_hour": 0.06, "source": "mine"})", nullptr, PriceBasis::kCopied},
      {R"({"usd_per_hour": 0.06, "source": "mine", "basis": "derived", "derived_by": "x 2"})",
       nullptr, PriceBasis::kDerived},
      {R"({"usd_per_hour": 0.06, "source": "mine", "basis": "copied", "derived_by": "x 2"})",
       "'copied' cannot have 'derived_by'", PriceBasis::kCopied},
      {R"({"usd_per_hour": 0.06, "source": "mine", "basis": "derived"})",
       "'derived' needs 'derived_by'", PriceBasis::kCopied},
      {R"({"usd_per_hour": 0.06, "source": "mine", "basis": "guessed"})",
       "accepted: copied, derived", PriceBasis::kCopied},
  };
  for (const Case& c : cases) {
    std::string text = std::string(R"({"format_version": 1,
      "sources": {"mine": {"description": "my price list", "date": "2026-01-01"}},
      "families": [{"name": "z9q", "architecture": "arm64", "vendor": "aws", "processor": "P",
                    "microarchitecture": "M", "isa": ["neon"], "quota_class": "standard"}],
      "types": [{"name": "z9q.large", "vcpus": 2, "memory_gib": 4,
                 "on_demand_usd_per_hour": {"eu-west-1": )") +
                       c.price + "}}]}";
    auto catalog = Catalog::FromJson(text, "user.json");
    if (c.expected_error == nullptr) {
      ASSERT_TRUE(catalog) << c.price << ": " << catalog.error().message;
      EXPECT_EQ(catalog->Find("z9q.large")->OnDemandPrice("eu-west-1")->basis, c.basis) << c.price;
      continue;
    }
    ASSERT_FALSE(catalog) << c.price;
    EXPECT_NE(catalog.error().message.find(c.expected_error), std::string::npos)
        << catalog.error().message;
    EXPECT_NE(catalog.error().message.find("on_demand_usd_per_hour.eu-west-1.basis"),
              std::string::npos)
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

// A user catalog repeats the family it overrides (documents are self-contained) and its
// prices then replace the embedded ones, with the user's source and date.
TEST(CatalogTest, UserCatalogOverridesAnEmbeddedPrice) {
  auto catalog = Catalog::Embedded();
  ASSERT_TRUE(catalog);
  const double embedded = catalog->Find("m7i.large")->OnDemandPrice("us-east-1")->usd_per_hour;
  auto user = Catalog::FromJson(R"({
    "format_version": 1,
    "sources": {"quote": {"description": "negotiated price sheet", "date": "2026-12-01"}},
    "families": [{"name": "m7i", "architecture": "x86_64", "vendor": "intel",
                  "processor": "Intel Xeon Platinum 8488C", "microarchitecture": "Sapphire Rapids",
                  "isa": ["amx", "avx2", "avx512"], "quota_class": "standard", "source": "quote"}],
    "types": [{"name": "m7i.large", "vcpus": 2, "memory_gib": 8, "price_source": "quote",
               "on_demand_usd_per_hour": {"us-east-1": 0.09}}]})",
                                "mine.json");
  ASSERT_TRUE(user) << user.error().message;
  catalog->Merge(*user);
  const Price* price = catalog->Find("m7i.large")->OnDemandPrice("us-east-1");
  ASSERT_NE(price, nullptr);
  EXPECT_DOUBLE_EQ(price->usd_per_hour, 0.09);
  EXPECT_NE(price->usd_per_hour, embedded);
  EXPECT_EQ(price->source, "quote");
  EXPECT_EQ(price->date, "2026-12-01");
  EXPECT_NE(catalog->Find("m7i.xlarge"), nullptr);  // the rest of the family stays
}

TEST(CatalogTest, BadRegionZoneAndVcpusAreRejected) {
  auto zone = Catalog::FromJson(R"({"format_version": 1, "regions": [{"name": "x-1",
      "timezone": "Mars/Olympus", "gp3_usd_per_gb_month": 0.08, "public_ipv4_usd_per_hour": 0.005}]})",
                                "z.json");
  ASSERT_FALSE(zone);
  EXPECT_NE(zone.error().message.find("regions[0].timezone"), std::string::npos)
      << zone.error().message;
  std::string fractional = kUserCatalog;
  fractional.replace(fractional.find("\"vcpus\": 2"), 10, "\"vcpus\": 2.5");
  auto vcpus = Catalog::FromJson(fractional, "v.json");
  ASSERT_FALSE(vcpus);
  EXPECT_NE(vcpus.error().message.find("vcpus"), std::string::npos) << vcpus.error().message;
}

}  // namespace
}  // namespace catalog
