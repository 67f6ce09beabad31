#include "plan/registry.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "bench/durations.h"
#include "support.h"

namespace plan {
namespace {

std::vector<std::string> Names(const std::vector<const Variant*>& variants) {
  std::vector<std::string> names;
  for (const Variant* variant : variants) names.emplace_back(variant->name);
  return names;
}

std::vector<std::string> ExpandFor(const std::vector<std::string>& benchmarks,
                                   const std::string& type) {
  auto choices = ResolveBenchmarks(benchmarks);
  EXPECT_TRUE(choices.has_value());
  return Names(Expand(*choices, *testing::TestCatalog().Find(type)).applicable);
}

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(RegistryTest, HasTheNineteenVariantsOfTheDesign) {
  EXPECT_EQ(Variants().size(), 19u);
  int stream = 0, hpl = 0, micro = 0;
  for (const Variant& v : Variants()) {
    stream += v.family == BenchmarkFamily::kStream;
    hpl += v.family == BenchmarkFamily::kHpl;
    micro += v.family == BenchmarkFamily::kMicro;
    EXPECT_EQ(FindVariant(v.name), &v);
  }
  EXPECT_EQ(stream, 7);
  EXPECT_EQ(hpl, 8);
  EXPECT_EQ(micro, 4);
  EXPECT_EQ(FindVariant("hpl-mkl")->category, Category::kLibrary);
  EXPECT_EQ(FindVariant("hpl-vector")->category, Category::kCompute);
  EXPECT_EQ(FindVariant("stream-cache")->category, Category::kMemory);
  EXPECT_EQ(FindVariant("micro-tlb")->category, Category::kMicro);
}

TEST(RegistryTest, StreamExpandsByFacts) {
  EXPECT_EQ(ExpandFor({"stream"}, "m7i.large"),
            (std::vector<std::string>{"stream", "stream-numa", "stream-cache", "stream-prefetch",
                                      "stream-avx512", "stream-avx2"}));
  EXPECT_EQ(ExpandFor({"stream"}, "c7g.large"),
            (std::vector<std::string>{"stream", "stream-numa", "stream-cache", "stream-prefetch",
                                      "stream-neon"}));
  // Zen 4 has AVX-512: m7a gets stream-avx512 although its name has no "i".
  EXPECT_TRUE(Has(ExpandFor({"stream"}, "m7a.xlarge"), "stream-avx512"));
  EXPECT_FALSE(Has(ExpandFor({"stream"}, "c6g.large"), "stream-avx2"));
}

TEST(RegistryTest, HplLibrariesFollowVendorAndSve) {
  auto c6g = ExpandFor({"hpl"}, "c6g.large");
  auto c7g = ExpandFor({"hpl"}, "c7g.large");
  EXPECT_FALSE(Has(c6g, "hpl-sve"));  // Graviton2 has no SVE
  EXPECT_TRUE(Has(c6g, "hpl-neoverse"));
  EXPECT_TRUE(Has(c7g, "hpl-sve"));
  auto m7i = ExpandFor({"hpl"}, "m7i.large");
  auto r7a = ExpandFor({"hpl"}, "r7a.large");
  EXPECT_TRUE(Has(m7i, "hpl-mkl"));
  EXPECT_FALSE(Has(m7i, "hpl-blis"));
  EXPECT_TRUE(Has(r7a, "hpl-blis"));
  EXPECT_FALSE(Has(r7a, "hpl-mkl"));
  EXPECT_FALSE(Has(r7a, "hpl-neoverse"));
  EXPECT_EQ(ExpandFor({"micro"}, "r7a.large").size(), 4u);
}

TEST(RegistryTest, VariantNameSelectsExactlyThatVariant) {
  EXPECT_EQ(ExpandFor({"micro-latency"}, "m7i.large"), std::vector<std::string>{"micro-latency"});
  auto choices = ResolveBenchmarks({"stream-avx512"});
  ASSERT_TRUE(choices.has_value());
  Expansion graviton = Expand(*choices, *testing::TestCatalog().Find("c7g.large"));
  EXPECT_TRUE(graviton.applicable.empty());
  EXPECT_EQ(Names(graviton.not_applicable), std::vector<std::string>{"stream-avx512"});
  // A family name wins over the variant of the same name.
  EXPECT_EQ(ExpandFor({"hpl"}, "m7i.large").size(), 5u);
  // Named twice or named and in a named family: listed once.
  EXPECT_EQ(ExpandFor({"micro", "micro-ipc", "micro-ipc"}, "m7i.large").size(), 4u);
}

TEST(RegistryTest, UnknownNameIsInvalidInputWithHint) {
  auto result = ResolveBenchmarks({"stream", "stream-avx12"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(result.error().message.find("--benchmarks"), std::string::npos);
  EXPECT_NE(result.error().message.find("stream-avx512"), std::string::npos);
  EXPECT_FALSE(ResolveBenchmarks({}).has_value());
}

// The planner's job estimate is the shared model's (bench/durations.h), rounded up; the
// model's own properties are in durations_test.cc.
TEST(RegistryTest, DurationIsTheSharedModelRoundedUp) {
  const catalog::Catalog& cat = testing::TestCatalog();
  for (const char* type_name : {"m7i.large", "c7g.large", "r7a.4xlarge"}) {
    const catalog::InstanceType& type = *cat.Find(type_name);
    for (const Variant& v : Variants()) {
      const double model = bench::EstimateSeconds(v, {type.vcpus, type.memory_gib}, 10);
      const int64_t seconds = EstimateDurationS(v, type, 10);
      EXPECT_GE(static_cast<double>(seconds), model) << type_name << " " << v.name;
      EXPECT_LT(static_cast<double>(seconds) - 1, model) << type_name << " " << v.name;
    }
  }
}

}  // namespace
}  // namespace plan
