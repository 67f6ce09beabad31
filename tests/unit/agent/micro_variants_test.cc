#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "agent/micro/cache_geometry.h"
#include "agent/micro/variants.h"
#include "agent/registry.h"
#include "test_support.h"

namespace agent::micro {
namespace {

using agent::testing::HostContext;
using agent::testing::HostInfo;

const Variant& Find(const std::string& name) { return *FindVariant(name); }

TEST(MicroIpc, SkippedWithTheReasonWhenCapabilitiesSayNoCounters) {
  HostContext host;
  FakeCapabilities caps;
  caps.perf_counters = false;
  host.ctx.caps = &caps;
  BenchmarkResult r = Find("micro-ipc").Run(host.ctx);
  EXPECT_EQ(r.status, RunStatus::kSkipped);
  EXPECT_NE(r.reason.find("perf counters"), std::string::npos) << r.reason;
}

TEST(MicroIpc, SkippedWithTheErrnoTextWhenTheCountersFailToOpen) {
  HostContext host;
  FakeCapabilities caps;  // says yes; the counters themselves then refuse
  host.ctx.caps = &caps;
  const std::string why = "perf_event_open(cycles) failed: No such file or directory (errno 2)";
  auto variant = MakeIpcVariant([why] { return std::make_unique<FakeUnavailableCounters>(why); });
  BenchmarkResult r = variant->Run(host.ctx);
  EXPECT_EQ(r.status, RunStatus::kSkipped);
  EXPECT_EQ(r.reason, why);
  EXPECT_TRUE(r.metrics.empty());
}

TEST(MicroIpc, RealCountersEitherCountOrSayWhy) {
  HostContext host;
  BenchmarkResult r = Find("micro-ipc").Run(host.ctx);
  if (r.status == RunStatus::kSkipped) {
    EXPECT_NE(r.reason.find("perf_event_open"), std::string::npos) << r.reason;
    return;
  }
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  for (const Metric& m : r.metrics) EXPECT_GT(m.stats.best, 0.0);
}

TEST(MicroLatencyVariant, LevelsRiseFromL1ToMemory) {
  HostContext host;
  BenchmarkResult r = Find("micro-latency").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  const auto& levels = r.derived["levels"];
  ASSERT_GE(levels.size(), 2u) << levels.dump();
  EXPECT_EQ(levels[0]["level"], "L1");
  EXPECT_GT(levels.back()["ns"].get<double>(), 3.0 * levels[0]["ns"].get<double>());
  EXPECT_GE(r.parameters["max_bytes"].get<std::size_t>(), 64u << 20);
}

TEST(MicroTlb, HugePagesSkippedWhenThpIsNever) {
  HostContext host;
  SysInfo info = HostInfo();
  info.thp_enabled = "never";
  host.ctx.info = &info;
  host.ctx.iterations = 1;
  BenchmarkResult r = Find("micro-tlb").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  EXPECT_EQ(r.derived["huge_pages"]["status"], "skipped");
  EXPECT_NE(r.derived["huge_pages"]["reason"].get<std::string>().find("never"), std::string::npos);
  for (const Metric& m : r.metrics) EXPECT_EQ(m.name, "latency_4k_pages");
}

TEST(MicroCacheGeometry, LineSizeAndWaysFromSyntheticCurves) {
  const std::vector<StridePoint> strides = {{8, 4.0, {}},  {16, 4.1, {}},  {32, 4.0, {}},
                                            {64, 7.9, {}}, {128, 8.0, {}}, {256, 8.1, {}}};
  EXPECT_EQ(LineSizeFromStrides(strides), 64u);
  std::vector<StridePoint> flat = strides;
  for (auto& p : flat) p.ns = 4.0;
  EXPECT_FALSE(LineSizeFromStrides(flat).has_value());
  std::vector<WaysPoint> ways;
  for (int k = 1; k <= 32; ++k) ways.push_back({k, k <= 12 ? 1.5 : 5.0, {}});
  EXPECT_EQ(WaysFromConflicts(ways), 12);
  for (auto& w : ways) w.ns = 1.5;
  EXPECT_FALSE(WaysFromConflicts(ways).has_value());
}

TEST(MicroCache, MeasuredGeometryIsPlausibleOrSkippedWithAReason) {
  HostContext host;
  BenchmarkResult r = Find("micro-cache").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  for (const char* item : {"line_size", "l1d_ways", "miss_cost", "l2_and_beyond_ways"}) {
    const auto& d = r.derived[item];
    ASSERT_TRUE(d.contains("status")) << item;
    if (d["status"] == "skipped") {
      EXPECT_FALSE(d["reason"].get<std::string>().empty()) << item;
    }
  }
  if (r.derived["line_size"]["status"] == "ok") {
    const auto line = r.derived["line_size"]["measured_bytes"].get<std::size_t>();
    EXPECT_TRUE(line >= 16 && line <= 256 && (line & (line - 1)) == 0) << line;
  }
}

}  // namespace
}  // namespace agent::micro
