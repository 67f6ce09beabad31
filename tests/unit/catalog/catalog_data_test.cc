// Checks the embedded snapshot (data/catalog.json) against rules that hold for the real
// EC2 m/c/r families. The expected facts come from the sources listed in docs/catalog.md,
// not from the loader, so a wrong row in the data makes these tests fail.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/name.h"
#include "util/strings.h"

namespace catalog {
namespace {

const Catalog& Snapshot() {
  static const Catalog catalog = [] {
    auto loaded = Catalog::Embedded();
    if (!loaded) ADD_FAILURE() << loaded.error().message;
    return loaded ? *loaded : Catalog();
  }();
  return catalog;
}

std::vector<std::string> Families() { return Snapshot().FamilyNames(); }

const std::vector<std::string> kRequiredFamilies = {
    "m5", "m5a", "m6i", "m6a", "m6g", "m7i", "m7i-flex", "m7a", "m7g",  "m8g",
    "c5", "c5a", "c6i", "c6a", "c6g", "c7i", "c7a",      "c7g", "c7gn", "c8g",
    "r5", "r5a", "r6i", "r6a", "r6g", "r7i", "r7a",      "r7g", "r7iz", "r8g"};

const std::vector<std::string> kRegions = {"us-east-1", "us-east-2",    "us-west-2",
                                           "eu-west-1", "eu-central-1", "ap-northeast-1"};

// Types with no published us-east-1 price in the snapshot (docs/catalog.md, "Known gaps").
const std::set<std::string> kUsEast1PriceGaps = {};

TEST(CatalogDataTest, HasEveryRequiredFamily) {
  auto families = Families();
  for (const std::string& family : kRequiredFamilies) {
    EXPECT_TRUE(std::find(families.begin(), families.end(), family) != families.end()) << family;
  }
}

struct IsaCase {
  const char* family;
  std::vector<std::string> present;
  std::vector<std::string> absent;
};

// From the Graviton guide (Graviton2 no SVE, Graviton3 SVE, Graviton4 SVE2) and the x86
// evidence (Zen 4 has AVX-512, Zen 1-3 do not, AMX only on Sapphire Rapids).
TEST(CatalogDataTest, IsaFactsThePlannerReliesOn) {
  const std::vector<IsaCase> cases = {
      {"m7a", {"avx2", "avx512"}, {"amx", "neon"}},
      {"c7a", {"avx512"}, {"amx"}},
      {"r7a", {"avx512"}, {"amx"}},
      {"m6a", {"avx2"}, {"avx512"}},
      {"c6a", {"avx2"}, {"avx512"}},
      {"r5a", {"avx2"}, {"avx512"}},
      {"c5a", {"avx2"}, {"avx512"}},
      {"c6g", {"neon"}, {"sve", "sve2", "avx2"}},
      {"m6g", {"neon"}, {"sve"}},
      {"c7g", {"neon", "sve"}, {"sve2"}},
      {"c7gn", {"sve"}, {"sve2"}},
      {"r7g", {"sve"}, {"sve2"}},
      {"m8g", {"neon", "sve", "sve2"}, {"avx512"}},
      {"c8g", {"sve2"}, {}},
      {"m7i", {"avx512", "amx"}, {"neon"}},
      {"m7i-flex", {"avx512", "amx"}, {}},
      {"r7iz", {"avx512", "amx"}, {}},
      {"c6i", {"avx512"}, {"amx"}},
      {"m5", {"avx512"}, {"amx"}},
  };
  for (const IsaCase& c : cases) {
    auto members = Snapshot().TypesOfFamily(c.family);
    ASSERT_FALSE(members.empty()) << c.family;
    for (const InstanceType* type : members) {
      for (const auto& feature : c.present)
        EXPECT_TRUE(type->HasIsa(feature)) << type->name << " " << feature;
      for (const auto& feature : c.absent)
        EXPECT_FALSE(type->HasIsa(feature)) << type->name << " " << feature;
    }
  }
}

TEST(CatalogDataTest, ArchitectureVendorAndIsaAreConsistent) {
  for (const auto& [name, type] : Snapshot().types()) {
    bool arm = type.architecture == Architecture::kArm64;
    EXPECT_EQ(arm, type.vendor == Vendor::kAws) << name;
    EXPECT_EQ(arm, type.HasIsa("neon")) << name;
    EXPECT_EQ(!arm, type.HasIsa("avx2")) << name;
    if (type.HasIsa("sve2")) {
      EXPECT_TRUE(type.HasIsa("sve")) << name;
    }
    if (type.HasIsa("amx")) {
      EXPECT_TRUE(type.HasIsa("avx512")) << name;
    }
    if (arm) {
      EXPECT_FALSE(type.HasIsa("avx512") || type.HasIsa("amx")) << name;
    }
    EXPECT_TRUE(std::is_sorted(type.isa.begin(), type.isa.end())) << name;
    EXPECT_EQ(type.quota_class, "standard") << name;
    EXPECT_FALSE(type.processor.empty()) << name;
    EXPECT_FALSE(type.microarchitecture.empty()) << name;
  }
}

bool IsDate(const std::string& text) {
  static const std::regex kDate("20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");
  return std::regex_match(text, kDate);
}

TEST(CatalogDataTest, EverySourceHasADescriptionAndADate) {
  ASSERT_TRUE(IsDate(Snapshot().snapshot_date()));
  for (const auto& [key, source] : Snapshot().sources()) {
    EXPECT_GT(source.description.size(), 20u) << key;
    EXPECT_TRUE(IsDate(source.date)) << key << ": " << source.date;
    EXPECT_LE(source.date, Snapshot().snapshot_date()) << key;
  }
}

TEST(CatalogDataTest, EveryFactAndPriceNamesAKnownSourceAndDate) {
  const auto& sources = Snapshot().sources();
  for (const auto& [name, type] : Snapshot().types()) {
    EXPECT_TRUE(sources.count(type.facts_source)) << name << " facts";
    EXPECT_TRUE(sources.count(type.spec_source)) << name << " vCPU/memory";
    for (const auto& [region, price] : type.on_demand) {
      ASSERT_TRUE(sources.count(price.source)) << name << " " << region;
      EXPECT_EQ(price.date, sources.at(price.source).date) << name << " " << region;
      EXPECT_EQ(price.derived, !price.rule.empty()) << name << " " << region;
      EXPECT_TRUE(std::find(kRegions.begin(), kRegions.end(), region) != kRegions.end()) << region;
    }
  }
}

TEST(CatalogDataTest, EveryTypeHasAUsEast1PriceOrIsAKnownGap) {
  for (const std::string& family : Families()) {
    for (const InstanceType* type : Snapshot().TypesOfFamily(family)) {
      const Price* price = type->OnDemandPrice("us-east-1");
      EXPECT_TRUE(price != nullptr || kUsEast1PriceGaps.count(type->name)) << type->name;
      if (price) {
        EXPECT_FALSE(price->derived) << type->name << ": us-east-1 is the reference list";
      }
    }
  }
}

// vCPUs a size name stands for on these families: large 2, xlarge 4, Nxlarge 4N, metal-Nxl 4N.
int VcpusOfSize(const std::string& size) {
  if (size == "large") return 2;
  if (size == "xlarge") return 4;
  std::smatch match;
  static const std::regex kMultiple("(?:metal-)?([0-9]+)xl(?:arge)?");
  if (std::regex_match(size, match, kMultiple))
    return 4 * static_cast<int>(*util::ParseInt(match[1].str()));
  return 0;  // plain "metal": the whole host, checked against the family's largest size
}

TEST(CatalogDataTest, VcpusFollowTheSizeName) {
  for (const std::string& family : Families()) {
    auto members = Snapshot().TypesOfFamily(family);
    int largest = 0;
    for (const InstanceType* type : members) largest = std::max(largest, type->vcpus);
    for (const InstanceType* type : members) {
      int expected = VcpusOfSize(type->size);
      EXPECT_EQ(type->vcpus, expected == 0 ? largest : expected) << type->name;
    }
  }
}

// Memory per vCPU by series: c 2 GiB, m 4 GiB, r 8 GiB. No family of the snapshot is an
// exception; a family that is (c5n, x2iedn) must be added here with its published ratio.
TEST(CatalogDataTest, MemoryPerVcpuMatchesTheSeries) {
  const std::map<std::string, double> kRatio = {{"c", 2.0}, {"m", 4.0}, {"r", 8.0}};
  const std::map<std::string, double> kExceptions = {};
  for (const auto& [name, type] : Snapshot().types()) {
    auto parsed = ParseTypeName(name);
    ASSERT_TRUE(parsed) << name;
    auto exception = kExceptions.find(type.family);
    double ratio = exception != kExceptions.end() ? exception->second : kRatio.at(parsed->series);
    EXPECT_DOUBLE_EQ(type.memory_gib, ratio * type.vcpus) << name;
  }
}

TEST(CatalogDataTest, SizesAreMonotoneAndStartAtLarge) {
  for (const std::string& family : Families()) {
    auto members = Snapshot().TypesOfFamily(family);
    std::set<std::string> sizes;
    int previous = 0;
    for (const InstanceType* type : members) {
      sizes.insert(type->size);
      if (util::StartsWith(type->size, "metal")) continue;
      EXPECT_GT(type->vcpus, previous) << type->name << " is not larger than the size before it";
      previous = type->vcpus;
    }
    for (const char* size : {"large", "xlarge", "2xlarge", "4xlarge"}) {
      EXPECT_TRUE(sizes.count(size)) << family << " lacks " << size;
    }
    EXPECT_GE(previous, 32) << family << " stops below 8xlarge";
  }
}

TEST(CatalogDataTest, PricesGrowWithSizeAndStayInABelievableRange) {
  for (const std::string& family : Families()) {
    for (const std::string& region : kRegions) {
      double previous = 0;
      for (const InstanceType* type : Snapshot().TypesOfFamily(family)) {
        const Price* price = type->OnDemandPrice(region);
        if (!price) continue;
        double per_vcpu = price->usd_per_hour / type->vcpus;
        EXPECT_GT(per_vcpu, 0.01) << type->name << " " << region;
        EXPECT_LT(per_vcpu, 0.2) << type->name << " " << region;
        if (util::StartsWith(type->size, "metal")) continue;
        EXPECT_GT(price->usd_per_hour, previous) << type->name << " " << region;
        previous = price->usd_per_hour;
      }
    }
  }
}

TEST(CatalogDataTest, RegionsHaveTheirZoneAndCosts) {
  const std::map<std::string, std::string> kZones = {
      {"us-east-1", "America/New_York"},    {"us-east-2", "America/New_York"},
      {"us-west-2", "America/Los_Angeles"}, {"eu-west-1", "Europe/Dublin"},
      {"eu-central-1", "Europe/Berlin"},    {"ap-northeast-1", "Asia/Tokyo"}};
  ASSERT_EQ(Snapshot().RegionNames().size(), kZones.size());
  for (const auto& [name, zone] : kZones) {
    const RegionInfo* region = Snapshot().Region(name);
    ASSERT_NE(region, nullptr) << name;
    EXPECT_EQ(region->timezone, zone);
    EXPECT_DOUBLE_EQ(region->public_ipv4_usd_per_hour, 0.005) << name;
    EXPECT_GE(region->gp3_usd_per_gb_month, 0.08)
        << name << ": us-east-1 is the cheapest gp3 region";
    EXPECT_LT(region->gp3_usd_per_gb_month, 0.2) << name;
    EXPECT_TRUE(Snapshot().sources().count(region->source)) << name;
  }
}

}  // namespace
}  // namespace catalog
