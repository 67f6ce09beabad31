#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agent/micro/cache_geometry.h"
#include "agent/micro/variants.h"
#include "agent/registry.h"
#include "test_support.h"

namespace agent::micro {
namespace {

using agent::testing::HostContext;
using agent::testing::HostInfo;

const Variant& Find(const std::string& name) { return *FindVariant(name); }

// Counters that "work" and always read 3 instructions per cycle: the counter path of a VM
// that has none, so that its result can be compared with the derived one.
class FakeCountingCounters final : public PerfCounters {
 public:
  util::Expected<CounterReading> Count(const std::function<void()>& work) override {
    work();
    return CounterReading{3000, 1000};
  }
};

const Metric* IpcOf(const BenchmarkResult& r, const std::string& loop) {
  for (const Metric& m : r.metrics) {
    if (m.name == "ipc" && m.labels.value("loop", "") == loop) return &m;
  }
  return nullptr;
}

// The metrics' names and labels, in order: what "the same structure" means.
std::vector<std::string> Shape(const BenchmarkResult& r) {
  std::vector<std::string> shape;
  for (const Metric& m : r.metrics) shape.push_back(m.name + " " + m.unit + " " + m.labels.dump());
  return shape;
}

TEST(MicroIpc, DerivedFromTheClockWhenCapabilitiesSayNoCounters) {
  HostContext host;
  FakeCapabilities caps;
  caps.perf_counters = false;
  host.ctx.caps = &caps;
  BenchmarkResult r = Find("micro-ipc").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  EXPECT_EQ(r.parameters["method"], "derived");
  EXPECT_NE(r.parameters["counters_unavailable"].get<std::string>().find("perf counters"),
            std::string::npos);
  if (HostInfo().hypervisor.emulated) GTEST_SKIP() << "emulated: times are the emulator's";
  // One add per cycle on the chain (the clock is counted by such a chain; the block adds two
  // loop instructions per 64 adds); four chains retire more than one per cycle on any core
  // this agent targets. Wide margins: the machine may be loaded, which lowers the figures.
  const Metric* dependent = IpcOf(r, "dependent-adds");
  const Metric* independent = IpcOf(r, "independent-adds");
  ASSERT_NE(dependent, nullptr);
  ASSERT_NE(independent, nullptr);
  EXPECT_GT(dependent->stats.best, 0.8);
  EXPECT_LT(dependent->stats.best, 1.3);
  EXPECT_GT(independent->stats.best, 1.5);
  EXPECT_GT(independent->stats.best, 1.3 * dependent->stats.best);
}

TEST(MicroIpc, DerivedWithTheErrnoTextWhenTheCountersFailToOpen) {
  HostContext host;
  FakeCapabilities caps;  // says yes; the counters themselves then refuse
  host.ctx.caps = &caps;
  const std::string why = "perf_event_open(cycles) failed: No such file or directory (errno 2)";
  auto variant = MakeIpcVariant([why] { return std::make_unique<FakeUnavailableCounters>(why); });
  BenchmarkResult r = variant->Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  EXPECT_EQ(r.parameters["method"], "derived");
  EXPECT_EQ(r.parameters["counters_unavailable"], why);
}

TEST(MicroIpc, CountersAndDerivedGiveTheSameStructure) {
  HostContext host;
  FakeCapabilities caps;
  host.ctx.caps = &caps;
  auto counted = MakeIpcVariant([] { return std::make_unique<FakeCountingCounters>(); });
  const BenchmarkResult with = counted->Run(host.ctx);
  ASSERT_EQ(with.status, RunStatus::kOk) << with.reason;
  EXPECT_EQ(with.parameters["method"], "counters");
  // The counters' figure is what is reported, and the derived one is compared with it.
  for (const Metric& m : with.metrics) {
    if (m.name == "ipc") {
      EXPECT_DOUBLE_EQ(m.stats.best, 3.0) << m.labels.dump();
    }
  }
  ASSERT_TRUE(with.derived.contains("derived_over_counters"));
  EXPECT_EQ(with.derived["derived_over_counters"].size(), 6u);

  caps.perf_counters = false;
  const BenchmarkResult without = counted->Run(host.ctx);
  ASSERT_EQ(without.status, RunStatus::kOk) << without.reason;
  EXPECT_EQ(without.parameters["method"], "derived");
  EXPECT_EQ(Shape(with), Shape(without));
  EXPECT_EQ(with.parameters["loops"].size(), without.parameters["loops"].size());
  EXPECT_EQ(Shape(with).size(), 7u);  // six loops and the clock
}

TEST(MicroIpc, RealCountersOrDerivedAlwaysGiveAFigure) {
  HostContext host;
  BenchmarkResult r = Find("micro-ipc").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  const std::string method = r.parameters["method"];
  EXPECT_TRUE(method == "counters" || method == "derived") << method;
  if (method == "derived") {
    EXPECT_NE(r.parameters["counters_unavailable"].get<std::string>(), "");
  }
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
