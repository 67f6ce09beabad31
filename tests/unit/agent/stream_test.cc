#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "agent/hardware.h"
#include "agent/huge_pages.h"
#include "agent/registry.h"
#include "agent/stream/kernels.h"
#include "agent/stream/stream_run.h"
#include "test_support.h"

namespace agent::stream {
namespace {

using agent::testing::HostContext;
using agent::testing::HostInfo;

// Physical sanity bounds: any real memory system moves more than 0.5 GB/s and no
// machine of this decade streams 2 TB/s from DRAM. Under qemu user-mode emulation (the
// aarch64 CI step) and in the -O0 AddressSanitizer build, where every load and store is
// emulated or checked, only the upper bound and "something moved" are meaningful.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kInstrumented = true;
#else
constexpr bool kInstrumented = false;
#endif
constexpr double kMaxGbs = 2000.0;
double MinGbs() { return HostInfo().hypervisor.emulated || kInstrumented ? 0.001 : 0.5; }

void ExpectPhysicalBandwidth(const BenchmarkResult& result) {
  ASSERT_EQ(result.status, RunStatus::kOk) << result.reason;
  ASSERT_EQ(result.metrics.size(), 4u);
  for (const Metric& metric : result.metrics) {
    EXPECT_EQ(metric.unit, "GB/s");
    EXPECT_EQ(metric.samples.size(), 3u);
    EXPECT_GT(metric.stats.best, MinGbs()) << metric.name;
    EXPECT_LT(metric.stats.best, kMaxGbs) << metric.name;
    EXPECT_EQ(metric.stats.count, metric.samples.size());
  }
  EXPECT_TRUE(result.validation.checked);
  EXPECT_TRUE(result.validation.passed);
}

TEST(ThreadRange, PartitionCoversEveryElementOnceWithAlignedStarts) {
  for (size_t n : {0ul, 1ul, 7ul, 8ul, 9ul, 1000ul, 4097ul, 1ul << 20}) {
    for (int threads = 1; threads <= 9; ++threads) {
      size_t next = 0;
      for (int t = 0; t < threads; ++t) {
        Range r = ThreadRange(n, t, threads);
        EXPECT_EQ(r.begin, std::min(next, n)) << n << "/" << threads;
        EXPECT_LE(r.begin, r.end);
        if (r.begin < n) {
          EXPECT_EQ(r.begin % 8, 0u);
        }
        next = r.end;
      }
      EXPECT_EQ(next, n);
    }
  }
}

TEST(Stream, SizingFollowsTheRuleOrSaysWhyNot) {
  SysInfo info = HostInfo();
  info.hypervisor.emulated = false;  // the rule itself; emulation has its own cap
  Sizing full = ChooseSize(info, false);
  if (full.warnings.empty()) {
    EXPECT_GE(full.elements * 8, 4 * info.LastLevelCacheBytes());
  }
  EXPECT_LE(full.elements * 8 * 3, info.memory_available_bytes / 4 + 64);
  Sizing quick = ChooseSize(info, true);
  EXPECT_LE(quick.elements, full.elements);
  if (quick.elements < quick.rule_elements) {
    ASSERT_FALSE(quick.warnings.empty());
  }
  info.caches.clear();  // nothing known about caches: a floor, and a warning
  Sizing unknown = ChooseSize(info, false);
  EXPECT_GE(unknown.elements * 8, 16u << 20);
  EXPECT_FALSE(unknown.warnings.empty());
}

TEST(Stream, PortableBandwidthIsPhysical) {
  HostContext host;
  const Variant* stream = FindVariant("stream");
  ASSERT_NE(stream, nullptr);
  ExpectPhysicalBandwidth(stream->Run(host.ctx));
}

TEST(Stream, ExplicitIsaKernelsRunOnlyWhereTheCpuHasThem) {
  HostContext host;
  for (const char* name : {"stream-avx2", "stream-avx512", "stream-neon"}) {
    const Variant* variant = FindVariant(name);
    ASSERT_NE(variant, nullptr);
    Applicability applies = CheckApplies(*variant, HostInfo(), host.caps);
    BenchmarkResult result = variant->Run(host.ctx);
    if (applies.applies) {
      ExpectPhysicalBandwidth(result);
    } else {
      EXPECT_FALSE(applies.reason.empty());
      EXPECT_EQ(result.status, RunStatus::kSkipped) << name;
    }
  }
}

TEST(Stream, ValidationCatchesACorruptedArray) {
  HostContext host;
  Arrays arrays(1 << 16);
  StreamOutcome outcome = RunStream(PortableKernels(), arrays, 2, host.ctx);
  ASSERT_TRUE(outcome.validation.passed);
  int passes = 1 + host.ctx.iterations;  // warm-up + timed, below the re-init period
  ASSERT_TRUE(ValidateArrays(arrays, passes, 2).passed);
  for (double* array : {arrays.a(), arrays.b(), arrays.c()}) {
    double saved = array[12345];
    array[12345] *= 1.0 + 1e-9;  // a tiny corruption, far above STREAM's 1e-13
    Validation broken = ValidateArrays(arrays, passes, 2);
    EXPECT_FALSE(broken.passed);
    array[12345] = saved;
  }
  EXPECT_FALSE(ValidateArrays(arrays, passes + 1, 2).passed);  // a pass too many
}

// Transparent huge pages can be asked for unless the kernel says "[never]" (or has no
// THP at all). Under qemu user mode /proc/self/smaps describes qemu, not the guest.
bool HugePagesAvailable() {
  std::ifstream file("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string setting;
  std::getline(file, setting);
  return !setting.empty() && setting.find("[never]") == std::string::npos &&
         !HostInfo().hypervisor.emulated;
}

TEST(Stream, ArraysAskForHugePagesBeforeTheFirstTouch) {
  if (!HugePagesAvailable()) GTEST_SKIP() << "no transparent huge pages here";
  Arrays arrays(size_t{32} << 20 >> 3);  // 32 MiB per array: 48 huge pages in all
  InitializeArrays(arrays, 2);
  // Not all need be huge (memory may be fragmented), but with none the madvise is missing.
  EXPECT_GT(arrays.HugePageBytes(), 0);
  EXPECT_LE(arrays.HugePageBytes(), 3 * (32LL << 20) + 3 * (2LL << 20));
}

TEST(Stream, HugePageBytesCountsAMappingOnceHoweverManyRangesTouchIt) {
  if (!HugePagesAvailable()) GTEST_SKIP() << "no transparent huge pages here";
  Arrays arrays(size_t{16} << 20 >> 3);
  InitializeArrays(arrays, 1);
  const long long whole = HugePageBytes({{arrays.a(), 16u << 20}});
  ASSERT_GT(whole, 0);
  // Two halves of one array lie in the same mapping: its huge pages are counted once.
  EXPECT_EQ(HugePageBytes({{arrays.a(), 8u << 20}, {arrays.a() + (1u << 20), 8u << 20}}), whole);
}

TEST(Stream, BytesAreCountedAsStreamCountsThem) {
  EXPECT_EQ(kBytesPerElement[0], 2 * sizeof(double));  // copy: read a, write c
  EXPECT_EQ(kBytesPerElement[1], 2 * sizeof(double));  // scale
  EXPECT_EQ(kBytesPerElement[2], 3 * sizeof(double));  // add: read a, b, write c
  EXPECT_EQ(kBytesPerElement[3], 3 * sizeof(double));  // triad
}

TEST(Stream, CacheSweepCoversL1ToBeyondTheCaches) {
  HostContext host(5, 1);  // one thread: a preempted sibling cannot stall a sample
  BenchmarkResult result = FindVariant("stream-cache")->Run(host.ctx);
  ASSERT_EQ(result.status, RunStatus::kOk) << result.reason;
  ASSERT_GE(result.metrics.size(), 10u);
  size_t first = result.metrics.front().labels["working_set_bytes"];
  size_t last = result.metrics.back().labels["working_set_bytes"];
  EXPECT_LE(first, 16u * 1024);
  EXPECT_GE(last, (HostInfo().hypervisor.emulated ? 7u : 32u) << 20);
  for (const Metric& metric : result.metrics) {
    EXPECT_GT(metric.stats.best, MinGbs());
    EXPECT_LT(metric.stats.best, 20 * kMaxGbs);  // L1 aggregate may exceed DRAM bounds
  }
  // Small working sets are served from cache: the best of them must beat the largest,
  // where the kernel runs at native speed (instrumented or emulated code is compute-bound).
  double small = 0;
  for (size_t i = 0; i < 4; ++i) small = std::max(small, result.metrics[i].stats.best);
  if (!kInstrumented && !HostInfo().hypervisor.emulated) {
    EXPECT_GT(small, result.metrics.back().stats.best);
  }
  EXPECT_TRUE(result.validation.passed);
}

TEST(Stream, PrefetchComparesFourOrdersOfTheSameBytes) {
  HostContext host(2);
  BenchmarkResult result = FindVariant("stream-prefetch")->Run(host.ctx);
  ASSERT_EQ(result.status, RunStatus::kOk) << result.reason;
  ASSERT_EQ(result.metrics.size(), 4u);
  EXPECT_EQ(result.metrics[0].name, "sequential");
  EXPECT_EQ(result.metrics[3].name, "random");
  for (const Metric& metric : result.metrics) {
    EXPECT_GT(metric.stats.best, MinGbs() / 10);
    EXPECT_LT(metric.stats.best, kMaxGbs);
  }
  EXPECT_TRUE(result.validation.passed);
  EXPECT_TRUE(result.derived.contains("random_vs_sequential"));
}

// Two OpenMP threads whatever the host has: the case the TSan preset checks for races
// (each thread writes only its own range; validation reads after the region's barrier).
TEST(Stream, TwoThreadsValidate) {
  HostContext host(/*iterations=*/2, /*threads=*/2);
  BenchmarkResult result = FindVariant("stream")->Run(host.ctx);
  ASSERT_EQ(result.status, RunStatus::kOk) << result.reason;
  EXPECT_TRUE(result.validation.passed);
  EXPECT_EQ(result.parameters["threads"], 2);
}

TEST(Stream, CancellationInterruptsARun) {
  HostContext host;
  host.cancel = true;
  BenchmarkResult result = FindVariant("stream")->Run(host.ctx);
  EXPECT_EQ(result.status, RunStatus::kInterrupted);
  EXPECT_TRUE(result.metrics.empty());
}

}  // namespace
}  // namespace agent::stream
