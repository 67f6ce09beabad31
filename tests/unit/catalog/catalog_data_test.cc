// Checks the embedded snapshot (data/catalog.json) against rules that hold for the real
// EC2 m/c/r families. The expected facts come from the sources listed in docs/catalog.md,
// not from the loader, so a wrong row in the data makes these tests fail.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
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
    "m5", "m5a", "m6i", "m6a", "m6g", "m7i", "m7i-flex", "m7a", "m7g", "m8g", "c5", "c5a", "c6i",
    "c6a", "c6g", "c7i", "c7a", "c7g", "c7gn", "c8g", "r5", "r5a", "r6i", "r6a", "r6g", "r7i",
    "r7a", "r7g", "r7iz", "r8g", "m8a", "r8a", "c8i", "r8i", "m5zn", "r5b", "t3", "t3a", "t4g",
    "i3", "i3en", "i4g", "i8g", "im4gn", "is4gen", "x1", "x1e", "x2gd", "x2idn", "x2iedn", "x2iezn",
    "x8g", "u-6tb1", "z1d", "hpc7g", "i4i", "d3", "d3en", "m8i", "m8i-flex", "r8i-flex",
    // Added on 2026-12-06 (tools/catalog/sources/family_facts_evidence_s6.md).
    "c5n", "m5n", "m5dn", "r5n", "r5dn", "m6idn", "r6idn", "i7i", "i7ie", "c8a", "x8i", "u-3tb1",
    "u7i-6tb", "u7i-8tb", "u7i-12tb", "u7in-16tb", "u7in-24tb", "u7in-32tb", "c8gd", "c8gn", "c8gb",
    "m8gd", "m8gn", "m8gb", "r8gd", "r8gn", "r8gb", "i8ge"};

// Every commercial region (partition aws) and the IANA zone of its location, written from
// the region names (e.g. "Asia Pacific (Taipei)", "Canada West (Calgary)"), not from the file.
const std::map<std::string, std::string> kZones = {{"af-south-1", "Africa/Johannesburg"},
                                                   {"ap-east-1", "Asia/Hong_Kong"},
                                                   {"ap-east-2", "Asia/Taipei"},
                                                   {"ap-northeast-1", "Asia/Tokyo"},
                                                   {"ap-northeast-2", "Asia/Seoul"},
                                                   {"ap-northeast-3", "Asia/Tokyo"},
                                                   {"ap-south-1", "Asia/Kolkata"},
                                                   {"ap-south-2", "Asia/Kolkata"},
                                                   {"ap-southeast-1", "Asia/Singapore"},
                                                   {"ap-southeast-2", "Australia/Sydney"},
                                                   {"ap-southeast-3", "Asia/Jakarta"},
                                                   {"ap-southeast-4", "Australia/Melbourne"},
                                                   {"ap-southeast-5", "Asia/Kuala_Lumpur"},
                                                   {"ap-southeast-6", "Pacific/Auckland"},
                                                   {"ap-southeast-7", "Asia/Bangkok"},
                                                   {"ca-central-1", "America/Toronto"},
                                                   {"ca-west-1", "America/Edmonton"},
                                                   {"eu-central-1", "Europe/Berlin"},
                                                   {"eu-central-2", "Europe/Zurich"},
                                                   {"eu-north-1", "Europe/Stockholm"},
                                                   {"eu-south-1", "Europe/Rome"},
                                                   {"eu-south-2", "Europe/Madrid"},
                                                   {"eu-west-1", "Europe/Dublin"},
                                                   {"eu-west-2", "Europe/London"},
                                                   {"eu-west-3", "Europe/Paris"},
                                                   {"il-central-1", "Asia/Jerusalem"},
                                                   {"me-central-1", "Asia/Dubai"},
                                                   {"me-south-1", "Asia/Bahrain"},
                                                   {"mx-central-1", "America/Mexico_City"},
                                                   {"sa-east-1", "America/Sao_Paulo"},
                                                   {"us-east-1", "America/New_York"},
                                                   {"us-east-2", "America/New_York"},
                                                   {"us-west-1", "America/Los_Angeles"},
                                                   {"us-west-2", "America/Los_Angeles"}};

bool IsSeries(const std::string& name, std::initializer_list<const char*> series) {
  auto parsed = ParseTypeName(name);
  if (!parsed) return false;
  for (const char* s : series) {
    if (parsed->series == s) return true;
  }
  return false;
}

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
      {"c5", {"avx2", "avx512"}, {"amx"}},
      {"x1", {"avx2"}, {"avx512", "amx"}},
      {"x1e", {"avx2"}, {"avx512"}},
      {"i3", {"avx2"}, {"avx512"}},
      {"z1d", {"avx512"}, {"amx"}},
      {"m8a", {"avx2", "avx512"}, {"amx"}},
      {"c8i", {"avx512", "amx"}, {}},
      {"m8i", {"avx512", "amx"}, {}},
      {"i4i", {"avx2", "avx512"}, {"amx"}},
      {"d3", {"avx2", "avx512"}, {"amx"}},
      {"t3a", {"avx2"}, {"avx512"}},
      {"t4g", {"neon"}, {"sve"}},
      {"x2gd", {"neon"}, {"sve"}},
      {"hpc7g", {"neon", "sve"}, {"sve2"}},
      {"x8g", {"sve", "sve2"}, {}},
      {"i8g", {"sve2"}, {}},
      // Emerald Rapids (i7i, i7ie) has AMX like Sapphire Rapids; Skylake-SP (c5n) and
      // Cascade Lake (m5n) have AVX-512 without it; Zen 5 (c8a) has AVX-512 without AMX.
      {"i7i", {"avx2", "avx512", "amx"}, {}},
      {"i7ie", {"avx512", "amx"}, {}},
      {"c5n", {"avx2", "avx512"}, {"amx"}},
      {"m5n", {"avx512"}, {"amx"}},
      {"r5dn", {"avx512"}, {"amx"}},
      {"m6idn", {"avx512"}, {"amx"}},
      {"c8a", {"avx512"}, {"amx"}},
      {"x8i", {"avx512", "amx"}, {}},
      {"u-3tb1", {"avx512"}, {"amx"}},
      {"u7i-12tb", {"avx512", "amx"}, {}},
      {"u7in-32tb", {"avx512", "amx"}, {}},
      {"c8gn", {"neon", "sve", "sve2"}, {}},
      {"m8gb", {"sve2"}, {}},
      {"r8gd", {"sve2"}, {}},
      {"i8ge", {"sve2"}, {}},
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

// Processors written by hand from tools/catalog/sources/family_facts_evidence.md. c5 was
// once listed with m5's processors (8175M/8259CL); it runs on 8124M or 8275CL.
TEST(CatalogDataTest, ProcessorsMatchTheEvidence) {
  struct Case {
    const char* type;
    std::vector<std::string> contains;
    std::vector<std::string> lacks;
  };
  const std::vector<Case> cases = {
      {"c5.large", {"8124M", "8275CL"}, {"8175M", "8259CL"}},
      {"c5d.24xlarge", {"8124M", "8275CL"}, {"8175M"}},
      {"m5.large", {"8175M", "8259CL"}, {"8124M"}},
      {"r5d.xlarge", {"8175M"}, {"8124M"}},
      {"z1d.large", {"8151"}, {}},
      {"x1e.xlarge", {"E7-8880 v3"}, {}},
      {"i3.large", {"E5-2686 v4"}, {}},
      {"m5zn.large", {"8252C"}, {}},
      {"u-6tb1.56xlarge", {"8176M"}, {}},
      {"c5a.large", {"7R32"}, {}},
      {"m5a.large", {"7571"}, {}},
      {"t3a.large", {"7571"}, {}},
      {"m8a.large", {"9R45"}, {}},
      {"c8i.large", {"6975P-C"}, {}},
      {"m8i-flex.large", {"6975P-C"}, {}},
      {"i4i.large", {"8375C"}, {}},
      {"d3en.xlarge", {"8175M", "8259CL"}, {}},
      {"c6i.large", {"8375C"}, {}},
      {"hpc7g.16xlarge", {"Graviton3E"}, {}},
      {"x8g.large", {"Graviton4"}, {}},
      // family_facts_evidence_s6.md (aws/aperf docs/PMU.md and utils.rs, and others): c5n
      // has c5's Skylake part at every size, never c5's Cascade Lake 8275CL.
      {"c5n.18xlarge", {"8124M"}, {"8275CL", "8175M"}},
      {"c5n.metal", {"8124M"}, {"8275CL"}},
      {"m5n.large", {"8259CL"}, {"8175M"}},
      {"r5dn.metal", {"8259CL"}, {"8175M"}},
      {"m6idn.large", {"8375C"}, {}},
      {"i7i.large", {"Emerald Rapids"}, {}},
      {"i7ie.large", {"Emerald Rapids"}, {}},
      {"c8a.large", {"9R45"}, {}},
      {"x8i.large", {"6975P-C"}, {}},
      {"u-3tb1.56xlarge", {"8176M"}, {}},
      {"u7i-6tb.112xlarge", {"Sapphire Rapids"}, {}},
      {"u7in-16tb.224xlarge", {"Sapphire Rapids"}, {}},
      {"c8gd.large", {"Graviton4"}, {}},
      {"r8gb.large", {"Graviton4"}, {}},
      {"i8ge.large", {"Graviton4"}, {}},
  };
  for (const Case& c : cases) {
    const InstanceType* type = Snapshot().Find(c.type);
    ASSERT_NE(type, nullptr) << c.type;
    for (const auto& text : c.contains)
      EXPECT_NE(type->processor.find(text), std::string::npos) << c.type << ": " << type->processor;
    for (const auto& text : c.lacks)
      EXPECT_EQ(type->processor.find(text), std::string::npos) << c.type << ": " << type->processor;
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
    // EC2 on-demand vCPU quota classes: X, High Memory and HPC have their own; the rest of
    // these series count against "Standard (A, C, D, H, I, M, R, T, Z)".
    const char* expected_class = IsSeries(name, {"x"})     ? "x"
                                 : IsSeries(name, {"u"})   ? "high-memory"
                                 : IsSeries(name, {"hpc"}) ? "hpc"
                                                           : "standard";
    EXPECT_EQ(type.quota_class, expected_class) << name;
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
      EXPECT_EQ(price.derived(), !price.rule.empty()) << name << " " << region;
      EXPECT_TRUE(kZones.count(region)) << name << ": unknown region " << region;
    }
  }
}

TEST(CatalogDataTest, EveryTypeHasAUsEast1PriceOrIsAKnownGap) {
  for (const std::string& family : Families()) {
    for (const InstanceType* type : Snapshot().TypesOfFamily(family)) {
      const Price* price = type->OnDemandPrice("us-east-1");
      EXPECT_TRUE(price != nullptr || kUsEast1PriceGaps.count(type->name)) << type->name;
      if (price) {
        EXPECT_FALSE(price->derived()) << type->name << ": us-east-1 is the reference list";
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

// Memory per vCPU of the c, m and r series: c 2 GiB, m 4 GiB, r 8 GiB for every family of
// the snapshot but c5n. Other series (t, i, x, u, z, hpc) have their own ratios, spot-checked
// below.
TEST(CatalogDataTest, MemoryPerVcpuMatchesTheSeries) {
  const std::map<std::string, double> kRatio = {{"c", 2.0}, {"m", 4.0}, {"r", 8.0}};
  for (const auto& [name, type] : Snapshot().types()) {
    auto parsed = ParseTypeName(name);
    ASSERT_TRUE(parsed) << name;
    if (parsed->family == "c5n") {
      // c5n is the one c family with more: 5.25 GiB at 2 vCPUs, 192 GiB at 72 (AWS's c5n
      // list, as cluster-autoscaler gives it), between 2.6 and 2.7 GiB per vCPU.
      EXPECT_GT(type.memory_gib, 2.6 * type.vcpus) << name;
      EXPECT_LT(type.memory_gib, 2.7 * type.vcpus) << name;
      continue;
    }
    auto ratio = kRatio.find(parsed->series);
    if (ratio == kRatio.end()) continue;
    EXPECT_DOUBLE_EQ(type.memory_gib, ratio->second * type.vcpus) << name;
  }
}

// Sizes and prices of types outside c/m/r, and prices of new families, written by hand from
// the saved sources (autoscaler_instance_types.txt, karpenter_pricing_us-east-1.txt and
// skypilot_regional_prices.csv), not from data/catalog.json.
TEST(CatalogDataTest, SpotChecksFromTheSources) {
  struct Case {
    const char* type;
    int vcpus;
    double memory_gib;
    const char* region;
    double usd_per_hour;
    PriceBasis basis;
  };
  const std::vector<Case> cases = {
      {"z1d.large", 2, 16, "us-east-1", 0.186, PriceBasis::kCopied},
      {"x2iedn.xlarge", 4, 128, "us-east-1", 0.83363, PriceBasis::kCopied},
      {"t3.large", 2, 8, "us-east-1", 0.0832, PriceBasis::kCopied},
      {"m8a.large", 2, 8, "us-east-1", 0.12172, PriceBasis::kCopied},
      {"x1e.xlarge", 4, 122, "us-east-1", 0.834, PriceBasis::kCopied},
      {"i3.large", 2, 15.25, "us-east-1", 0.156, PriceBasis::kCopied},
      {"hpc7g.16xlarge", 64, 128, "us-east-1", 1.6832, PriceBasis::kCopied},
      {"u-6tb1.56xlarge", 224, 6144, "us-east-1", 46.40391, PriceBasis::kCopied},
      {"c5.18xlarge", 72, 144, "ap-northeast-1", 3.852, PriceBasis::kCopied},
      {"c5.24xlarge", 96, 192, "eu-west-1", 4.608, PriceBasis::kCopied},
      {"c5.9xlarge", 36, 72, "eu-west-1", 1.728, PriceBasis::kCopied},  // derived before s6a
      // skypilot_vms_27f67dd_pages.csv: regions beyond the first six.
      {"m7g.4xlarge", 16, 64, "eu-north-1", 0.6936, PriceBasis::kCopied},
      {"m7g.16xlarge", 64, 256, "me-south-1", 3.5904, PriceBasis::kCopied},
      {"m7g.12xlarge", 48, 192, "ap-south-1", 1.3997, PriceBasis::kCopied},
      {"m7g.large", 2, 8, "eu-north-1", 0.0867, PriceBasis::kCopied},  // derived before s6b
      {"c7i.xlarge", 4, 8, "ap-south-1", 0.1785, PriceBasis::kCopied},
      {"r7i.metal-48xl", 192, 1536, "eu-south-1", 14.9184, PriceBasis::kCopied},
      {"t4g.xlarge", 4, 16, "af-south-1", 0.1734, PriceBasis::kCopied},
      {"t4g.large", 2, 8, "af-south-1", 0.0867, PriceBasis::kCopied},  // derived before s6b
      {"m7i.48xlarge", 192, 768, "ap-southeast-3", 12.096, PriceBasis::kCopied},
      // Pages of the second reading (read from vms.csv by hand, not from the generator).
      {"m5.large", 2, 8, "me-central-1", 0.118, PriceBasis::kCopied},  // three decimals
      {"c7i-flex.2xlarge", 8, 16, "eu-west-3", 0.40299, PriceBasis::kCopied},
      {"x2iedn.8xlarge", 32, 1024, "ap-south-1", 6.881, PriceBasis::kCopied},
      {"r7gd.4xlarge", 16, 128, "me-central-1", 1.3306, PriceBasis::kCopied},
      {"c6g.16xlarge", 64, 128, "me-central-1", 2.5683, PriceBasis::kCopied},
      // Pages of the third reading. t3.xlarge and m6i.xlarge were derived before (0.1085 x 4/2
      // and 0.528 x 4/8); the pages at 2,300,000 and 1,405,000 list them, at the same price.
      {"t3.xlarge", 4, 16, "af-south-1", 0.217, PriceBasis::kCopied},
      {"m6i.xlarge", 4, 16, "me-south-1", 0.264, PriceBasis::kCopied},
      {"i3.large", 2, 15.25, "ap-east-1", 0.206, PriceBasis::kCopied},
      {"i3.4xlarge", 16, 122, "ap-east-1", 1.648, PriceBasis::kCopied},  // derived before s6a
      {"m5d.xlarge", 4, 16, "ap-east-1", 0.31, PriceBasis::kCopied},     // derived before s6b
      {"t3a.xlarge", 4, 16, "eu-west-1", 0.1632, PriceBasis::kCopied},   // derived before s6b
      {"m5ad.12xlarge", 48, 192, "us-west-1", 2.928, PriceBasis::kCopied},
      {"x1.32xlarge", 128, 1952, "ap-east-1", 21.276, PriceBasis::kCopied},
      {"m6in.metal", 128, 512, "ap-south-1", 9.28512, PriceBasis::kCopied},
      {"hpc7g.16xlarge", 64, 128, "eu-west-1", 1.8059, PriceBasis::kCopied},
      {"u-6tb1.56xlarge", 224, 6144, "eu-north-1", 49.33177, PriceBasis::kCopied},
      {"is4gen.xlarge", 4, 24, "eu-west-2", 0.67065, PriceBasis::kCopied},
      {"z1d.large", 2, 16, "eu-west-1", 0.208, PriceBasis::kCopied},
      // Families added in the third reading (karpenter_pricing_us-east-1.txt, the pages).
      {"i4i.large", 2, 16, "us-east-1", 0.172, PriceBasis::kCopied},
      {"i4i.16xlarge", 64, 512, "eu-north-1", 5.738, PriceBasis::kCopied},
      {"m8i.large", 2, 8, "us-east-1", 0.10584, PriceBasis::kCopied},
      {"d3.xlarge", 4, 32, "us-east-1", 0.499, PriceBasis::kCopied},
      // skypilot_vms_27f67dd_pages_s6a.csv. The region's first zone row of the two derived
      // prices is on a page not read, so the region is not kept and the price stays derived;
      // the zone rows that were read show the same price.
      {"c5.large", 2, 4, "me-central-1", 0.106, PriceBasis::kCopied},  // was 0.1055 derived
      {"d3en.12xlarge", 48, 192, "ap-southeast-3", 7.90752, PriceBasis::kCopied},
      {"i4i.32xlarge", 128, 1024, "me-south-1", 13.3056, PriceBasis::kCopied},
      {"c5a.2xlarge", 8, 16, "eu-south-1", 0.364, PriceBasis::kDerived},     // 0.182 x 8/4
      {"c6gn.12xlarge", 48, 96, "us-east-2", 2.0736, PriceBasis::kDerived},  // 2.7648 x 48/64
      // Families added on 2026-12-06, read from the whole upstream files at the same commits
      // (Karpenter's price, cluster-autoscaler's VCPU and MemoryMb / 1024).
      {"c5n.large", 2, 5.25, "us-east-1", 0.108, PriceBasis::kCopied},
      {"m5n.large", 2, 8, "us-east-1", 0.119, PriceBasis::kCopied},
      {"r6idn.32xlarge", 128, 1024, "us-east-1", 12.50496, PriceBasis::kCopied},
      {"i7ie.3xlarge", 12, 96, "us-east-1", 1.5594, PriceBasis::kCopied},
      {"c8a.48xlarge", 192, 384, "us-east-1", 10.34592, PriceBasis::kCopied},
      {"x8i.64xlarge", 256, 4096, "us-east-1", 28.01024, PriceBasis::kCopied},
      {"u-3tb1.56xlarge", 224, 3072, "us-east-1", 27.3, PriceBasis::kCopied},
      {"u7in-32tb.224xlarge", 896, 32768, "us-east-1", 360.98695, PriceBasis::kCopied},
      {"c8gn.large", 2, 4, "us-east-1", 0.1185, PriceBasis::kCopied},
  };
  for (const Case& c : cases) {
    const InstanceType* type = Snapshot().Find(c.type);
    ASSERT_NE(type, nullptr) << c.type;
    EXPECT_EQ(type->vcpus, c.vcpus) << c.type;
    EXPECT_DOUBLE_EQ(type->memory_gib, c.memory_gib) << c.type;
    const Price* price = type->OnDemandPrice(c.region);
    ASSERT_NE(price, nullptr) << c.type << " " << c.region;
    EXPECT_DOUBLE_EQ(price->usd_per_hour, c.usd_per_hour) << c.type << " " << c.region;
    EXPECT_EQ(price->basis, c.basis) << c.type << " " << c.region;
  }
}

// Rule 3 (docs/catalog.md): where SkyPilot's us-east-1 price of a type differs from
// Karpenter's, none of SkyPilot's prices of that type is used. The pages list r5b.metal at
// 8.016 in eu-west-1, x2gd.metal at 6.4 in eu-west-1 and m5zn.metal at 5.1204 in
// ap-northeast-1, but their us-east-1 rows (7.152, 5.344, 3.9641) are below Karpenter's.
TEST(CatalogDataTest, SkyPilotPricesOfADistrustedTypeAreNotUsed) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"r5b.metal", "eu-west-1"}, {"x2gd.metal", "eu-west-1"}, {"m5zn.metal", "ap-northeast-1"}};
  for (const auto& [name, region] : cases) {
    const InstanceType* type = Snapshot().Find(name);
    ASSERT_NE(type, nullptr) << name;
    EXPECT_EQ(type->OnDemandPrice(region), nullptr) << name << " " << region;
    ASSERT_NE(type->OnDemandPrice("us-east-1"), nullptr) << name;
    EXPECT_EQ(type->OnDemandPrice("us-east-1")->basis, PriceBasis::kCopied) << name;
  }
}

// A derived price must follow the rule it states: it names a listed (copied) size of the same
// family in the same region, and equals that price scaled by vCPUs.
TEST(CatalogDataTest, DerivedPricesFollowTheirStatedRule) {
  static const std::regex kRule("linear in vCPUs from ([a-z0-9.-]+) in ([a-z0-9-]+) .*");
  int derived = 0;
  for (const auto& [name, type] : Snapshot().types()) {
    for (const auto& [region, price] : type.on_demand) {
      if (!price.derived()) continue;
      ++derived;
      std::smatch match;
      ASSERT_TRUE(std::regex_match(price.rule, match, kRule)) << name << ": " << price.rule;
      EXPECT_EQ(match[2].str(), region) << name;
      const InstanceType* reference = Snapshot().Find(match[1].str());
      ASSERT_NE(reference, nullptr) << name << ": " << price.rule;
      EXPECT_EQ(reference->family, type.family) << name;
      const Price* listed = reference->OnDemandPrice(region);
      ASSERT_NE(listed, nullptr) << name << ": " << price.rule;
      EXPECT_EQ(listed->basis, PriceBasis::kCopied) << name << ": derived from a derived price";
      EXPECT_NEAR(price.usd_per_hour, listed->usd_per_hour * type.vcpus / reference->vcpus, 1e-6)
          << name << " " << region;
    }
  }
  EXPECT_GT(derived, 0) << "the snapshot has derived prices; none were checked";
}

// Families whose sizes are all the same host priced alike (docs/catalog.md): hpc7g sizes
// differ only in the cores enabled.
bool SameHostAtEverySize(const std::string& family) { return family == "hpc7g"; }

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
    if (!IsSeries(members.front()->name, {"c", "m", "r"})) continue;
    // Not 4xlarge: m5zn goes 2xlarge, 3xlarge, 6xlarge (AWS's m5zn size list).
    for (const char* size : {"large", "xlarge", "2xlarge"}) {
      EXPECT_TRUE(sizes.count(size)) << family << " lacks " << size;
    }
    EXPECT_GE(previous, 32) << family << " stops below 8xlarge";
  }
}

TEST(CatalogDataTest, PricesGrowWithSizeAndStayInABelievableRange) {
  for (const std::string& family : Families()) {
    for (const auto& [region, zone] : kZones) {
      double previous = 0;
      for (const InstanceType* type : Snapshot().TypesOfFamily(family)) {
        const Price* price = type->OnDemandPrice(region);
        if (!price) continue;
        // x and u carry up to 36.6 GiB per vCPU (u7in-32tb: 32 TiB, 896 vCPUs, 0.403 USD
        // per vCPU-hour); the rest stay under 0.2 USD per vCPU-hour.
        double ceiling = IsSeries(type->name, {"x", "u"}) ? 0.45 : 0.2;
        double per_vcpu = price->usd_per_hour / type->vcpus;
        EXPECT_GT(per_vcpu, 0.01) << type->name << " " << region;
        EXPECT_LT(per_vcpu, ceiling) << type->name << " " << region;
        if (util::StartsWith(type->size, "metal") || SameHostAtEverySize(family)) continue;
        EXPECT_GT(price->usd_per_hour, previous) << type->name << " " << region;
        previous = price->usd_per_hour;
      }
    }
  }
}

TEST(CatalogDataTest, RegionsHaveTheirZoneAndCosts) {
  ASSERT_EQ(Snapshot().RegionNames().size(), kZones.size());
  for (const auto& [name, zone] : kZones) {
    const RegionInfo* region = Snapshot().Region(name);
    ASSERT_NE(region, nullptr) << name;
    EXPECT_EQ(region->timezone, zone) << name;
    EXPECT_DOUBLE_EQ(region->public_ipv4_usd_per_hour, 0.005) << name;
    EXPECT_GE(region->gp3_usd_per_gb_month, 0.08)
        << name << ": us-east-1 is the cheapest gp3 region";
    EXPECT_LT(region->gp3_usd_per_gb_month, 0.2) << name;
    EXPECT_TRUE(Snapshot().sources().count(region->source)) << name;
  }
  // Read by hand from the EBS table (sources/ebs_gp3_and_ipv4.txt), and the fallback rule
  // for a region the table lacks.
  EXPECT_DOUBLE_EQ(Snapshot().Region("eu-north-1")->gp3_usd_per_gb_month, 0.0836);
  EXPECT_EQ(Snapshot().Region("eu-north-1")->source, "region-costs");
  EXPECT_DOUBLE_EQ(Snapshot().Region("ap-east-2")->gp3_usd_per_gb_month, 0.152);
  EXPECT_EQ(Snapshot().Region("ap-east-2")->source, "region-costs-fallback");
}

}  // namespace
}  // namespace catalog
