#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "agent/hardware.h"
#include "agent/registry.h"
#include "agent/result_schema.h"
#include "agent/runner.h"
#include "test_support.h"

namespace agent {
namespace {

using testing::HostInfo;

// A variant whose behaviour a test chooses: it counts its runs and can throw.
class ProbeVariant final : public Variant {
 public:
  mutable int runs = 0;
  bool throws = false;
  std::string Name() const override { return "probe"; }
  std::string Family() const override { return "test"; }
  std::string Category() const override { return "micro"; }
  std::string Description() const override { return "test probe"; }
  Applicability Applies(const SysInfo&, const Capabilities& caps) const override {
    Capability counters = caps.PerfCounters();
    return counters.available ? Applicability::Yes() : Applicability::No(counters.reason);
  }
  BenchmarkResult Run(const RunContext& ctx) const override {
    ++runs;
    if (throws) throw std::runtime_error("boom");
    BenchmarkResult result = MakeResult(*this);
    AddMetric(result, "x", "ns", Better::kLower,
              std::vector<double>(static_cast<size_t>(ctx.iterations), 1.0));
    return result;
  }
};

struct Fixture {
  RootedFileReader files;
  FakeClock clock;
  FakeCapabilities caps;
  std::atomic<bool> cancel{false};
  RunEnvironment Env() { return {&HostInfo(), &caps, &clock, &files, &cancel, {}}; }
};

TEST(SkipPaths, StreamNumaNeedsTwoNodesAndLibnuma) {
  Fixture f;
  const Variant* numa = FindVariant("stream-numa");
  ASSERT_NE(numa, nullptr);
  f.caps.numa_nodes = 1;
  Applicability one = numa->Applies(HostInfo(), f.caps);
  EXPECT_FALSE(one.applies);
  EXPECT_NE(one.reason.find("1 NUMA node"), std::string::npos) << one.reason;
  f.caps.numa_nodes = 2;
  f.caps.numa = false;
  Applicability no_lib = numa->Applies(HostInfo(), f.caps);
  EXPECT_FALSE(no_lib.applies);
  EXPECT_NE(no_lib.reason.find("libnuma"), std::string::npos) << no_lib.reason;
  f.caps.numa = true;
  EXPECT_TRUE(numa->Applies(HostInfo(), f.caps).applies);
}

TEST(SkipPaths, IsaVariantsNameTheMissingFeature) {
  Fixture f;  // the fake has no ISA features at all
  for (const char* name : {"stream-avx2", "stream-avx512"}) {
    Applicability applies = CheckApplies(*FindVariant(name), HostInfo(), f.caps);
    EXPECT_FALSE(applies.applies) << name;
    EXPECT_FALSE(applies.reason.empty()) << name;
  }
  // NEON (Advanced SIMD) is part of every arm64 processor, so the table asks only for arm64:
  // stream-neon runs on any arm64 host whatever flags it lists, and on no other host.
  Applicability neon = CheckApplies(*FindVariant("stream-neon"), HostInfo(), f.caps);
  EXPECT_EQ(neon.applies, HostInfo().arch == "aarch64") << neon.reason;
  EXPECT_TRUE(CheckApplies(*FindVariant("stream"), HostInfo(), f.caps).applies);
}

// The reason names the requirement and the CPU feature that is missing for it, not only
// the catalog's name ("avx2" needs fma as well).
TEST(SkipPaths, HardwareReasonNamesTheMissingCpuFeature) {
  Fixture f;
  SysInfo x86 = HostInfo();
  x86.arch = "x86_64";
  x86.vendor = "GenuineIntel";
  f.caps.isa = {"avx2", "avx512f"};
  Applicability avx2 = CheckApplies(*FindVariant("stream-avx2"), x86, f.caps);
  EXPECT_FALSE(avx2.applies);
  EXPECT_TRUE(avx2.hardware);
  EXPECT_NE(avx2.reason.find("needs x86_64 with the ISA feature avx2"), std::string::npos)
      << avx2.reason;
  EXPECT_NE(avx2.reason.find("avx2 (fma)"), std::string::npos) << avx2.reason;
  Applicability blis = CheckApplies(*FindVariant("hpl-blis"), x86, f.caps);
  EXPECT_NE(blis.reason.find("an AMD processor"), std::string::npos) << blis.reason;
  EXPECT_NE(blis.reason.find("GenuineIntel"), std::string::npos) << blis.reason;
}

TEST(SkipPaths, RunnerRecordsSkippedWithReasonAndDoesNotRun) {
  Fixture f;
  f.caps.perf_counters = false;
  ProbeVariant probe;
  std::vector<BenchmarkResult> results = RunVariants({&probe}, RunOptions{}, f.Env());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, RunStatus::kSkipped);
  EXPECT_NE(results[0].reason.find("perf counters"), std::string::npos);
  EXPECT_EQ(probe.runs, 0);
}

TEST(Runner, DefaultsAndQuickIterations) {
  Fixture f;
  ProbeVariant probe;
  RunOptions options;
  EXPECT_EQ(RunVariants({&probe}, options, f.Env())[0].metrics[0].samples.size(), 10u);
  options.quick = true;
  EXPECT_EQ(RunVariants({&probe}, options, f.Env())[0].metrics[0].samples.size(), 3u);
  options.iterations = 5;
  EXPECT_EQ(RunVariants({&probe}, options, f.Env())[0].metrics[0].samples.size(), 5u);
}

TEST(Runner, AnExceptionBecomesAFailureWithItsMessage) {
  Fixture f;
  ProbeVariant probe;
  probe.throws = true;
  BenchmarkResult result = RunVariants({&probe}, RunOptions{}, f.Env())[0];
  EXPECT_EQ(result.status, RunStatus::kFailed);
  EXPECT_NE(result.reason.find("boom"), std::string::npos);
}

TEST(Runner, CancellationMarksTheRestInterrupted) {
  Fixture f;
  f.cancel = true;
  ProbeVariant probe;
  BenchmarkResult result = RunVariants({&probe}, RunOptions{}, f.Env())[0];
  EXPECT_EQ(result.status, RunStatus::kInterrupted);
  EXPECT_EQ(probe.runs, 0);
}

TEST(Runner, DocumentCarriesMetadataAndValidates) {
  Fixture f;
  ProbeVariant probe;
  RunOptions options;
  options.job_id = "job-1";
  options.market = "spot";
  std::vector<BenchmarkResult> results = RunVariants({&probe}, options, f.Env());
  nlohmann::json document = MakeResultDocument(results, options, HostInfo(), 1.8e9, 1.8e9 + 5);
  EXPECT_EQ(document["metadata"]["job_id"], "job-1");
  EXPECT_EQ(document["metadata"]["market"], "spot");
  EXPECT_FALSE(document["metadata"].contains("region"));  // not given, not invented
  EXPECT_EQ(document["metadata"]["started_at"], "2027-01-15T08:00:00.000Z");
  util::Status valid = ValidateResultDocument(document);
  EXPECT_TRUE(valid.has_value()) << (valid ? "" : valid.error().message);
}

std::vector<std::string> NamesOf(const std::vector<Selection>& selection) {
  std::vector<std::string> names;
  for (const Selection& chosen : selection) names.push_back(chosen.variant->Name());
  return names;
}

TEST(Registry, SelectionByVariantFamilyAndTypo) {
  auto all = SelectVariants({});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), AllVariants().size());
  for (const Selection& chosen : *all) EXPECT_TRUE(chosen.named) << chosen.variant->Name();
  auto stream = SelectVariants({"stream"});
  ASSERT_TRUE(stream.has_value());
  // "stream" is the family, as in `schedule --benchmarks`: every stream variant, by family.
  for (const auto& variant : AllVariants()) {
    const auto names = NamesOf(*stream);
    const bool selected = std::find(names.begin(), names.end(), variant->Name()) != names.end();
    EXPECT_EQ(selected, variant->Family() == "stream") << variant->Name();
  }
  for (const Selection& chosen : *stream) EXPECT_FALSE(chosen.named) << chosen.variant->Name();
  auto exact = SelectVariants({"stream"}, true);
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ(NamesOf(*exact), std::vector<std::string>{"stream"});
  EXPECT_TRUE((*exact)[0].named);
  auto exact_family = SelectVariants({"micro"}, true);
  ASSERT_FALSE(exact_family.has_value());
  EXPECT_NE(exact_family.error().message.find("--exact"), std::string::npos);
  auto typo = SelectVariants({"stream-avx51"});
  ASSERT_FALSE(typo.has_value());
  EXPECT_NE(typo.error().message.find("did you mean 'stream-avx512'"), std::string::npos);
  auto twice = SelectVariants({"stream-cache", "stream-cache"});
  EXPECT_EQ(twice->size(), 1u);
  // A variant named and in a named family counts as named.
  auto both = SelectVariants({"hpl", "hpl-mkl"});
  ASSERT_TRUE(both.has_value());
  for (const Selection& chosen : *both) {
    EXPECT_EQ(chosen.named, chosen.variant->Name() == "hpl-mkl") << chosen.variant->Name();
  }
}

TEST(Registry, FamilyLeavesOutOtherHardwareButKeepsCapabilitySkips) {
  SysInfo info = HostInfo();
  info.arch = "x86_64";
  info.vendor = "AuthenticAMD";
  FakeCapabilities caps;
  caps.isa = {"avx2", "fma"};
  caps.numa_nodes = 1;  // stream-numa misses a capability, not a hardware requirement
  auto stream = SelectVariants({"stream", "hpl-mkl"});
  ASSERT_TRUE(stream.has_value());
  std::vector<std::string> run;
  for (const Variant* variant : VariantsToRun(*stream, info, caps)) run.push_back(variant->Name());
  auto has = [&](const std::string& name) {
    return std::find(run.begin(), run.end(), name) != run.end();
  };
  EXPECT_TRUE(has("stream"));
  EXPECT_TRUE(has("stream-numa"));
  EXPECT_FALSE(has("stream-avx512"));  // no avx512f: left out of the family
  EXPECT_FALSE(has("stream-neon"));
  EXPECT_TRUE(has("hpl-mkl"));  // named: kept, and recorded as skipped when run
}

TEST(Registry, NamesAreUniqueAndDescribed) {
  std::set<std::string> names;
  for (const auto& variant : AllVariants()) {
    EXPECT_TRUE(names.insert(variant->Name()).second) << variant->Name();
    EXPECT_FALSE(variant->Description().empty());
    EXPECT_FALSE(variant->Category().empty());
  }
  for (const char* name : {"stream", "stream-numa", "stream-cache", "stream-prefetch",
                           "stream-avx512", "stream-avx2", "stream-neon"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
}

}  // namespace
}  // namespace agent
