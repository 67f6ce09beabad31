// micro-cache: line size, per-level miss cost, L1d associativity.

#include <algorithm>
#include <cstdint>

#include "agent/micro/cache_geometry.h"
#include "agent/micro/latency.h"
#include "agent/micro/micro_variant.h"
#include "agent/micro/plateau.h"
#include "agent/micro/variants.h"

namespace agent::micro {
namespace {

class CacheVariant final : public MicroVariant {
 public:
  std::string Name() const override { return "micro-cache"; }
  std::string Description() const override {
    return "cache line size (stride sweep), miss cost per level, L1d associativity";
  }
  BenchmarkResult Run(const RunContext& ctx) const override {
    BenchmarkResult result = MakeResult(*this);
    const double seconds = ctx.quick ? 0.003 : 0.02;
    LineSize(ctx, seconds, result);
    Associativity(ctx, seconds, result);
    MissCosts(ctx, seconds, result);
    return result;
  }

 private:
  static void LineSize(const RunContext& ctx, double seconds, BenchmarkResult& result);
  static void Associativity(const RunContext& ctx, double seconds, BenchmarkResult& result);
  static void MissCosts(const RunContext& ctx, double seconds, BenchmarkResult& result);
};

nlohmann::json Skipped(const std::string& reason) {
  return {{"status", "skipped"}, {"reason", reason}};
}

void CacheVariant::LineSize(const RunContext& ctx, double seconds, BenchmarkResult& result) {
  const std::uint64_t l1 = ctx.info->CacheBytes(1);
  const std::uint64_t l2 = ctx.info->CacheBytes(2);
  // Past L1, inside L2: the first load of a block misses L1, a second on the same line hits.
  const std::size_t working_set = l1 > 0 && l2 > 8 * l1 ? 8 * l1 : 512u << 10;
  auto strides = MeasureStrides(working_set, ctx.iterations, seconds);
  if (!strides) {
    result.derived["line_size"] = Skipped(strides.error().message);
    return;
  }
  for (const StridePoint& p : *strides) {
    AddMetric(result, "stride_latency", "ns", Better::kLower, p.samples,
              {{"stride_bytes", p.stride}});
  }
  auto line = LineSizeFromStrides(*strides);
  result.derived["line_size"] =
      line ? nlohmann::json{{"status", "ok"},
                            {"measured_bytes", *line},
                            {"sysfs_bytes", ctx.info->CacheLineBytes()},
                            {"working_set_bytes", working_set}}
           : Skipped("no clear step in the stride sweep (a prefetcher may hide it)");
}

void CacheVariant::Associativity(const RunContext& ctx, double seconds, BenchmarkResult& result) {
  const std::uint64_t l1 = ctx.info->CacheBytes(1);
  result.derived["l2_and_beyond_ways"] = Skipped(
      "physically indexed past the 4 KiB page offset: the set of a virtual address is "
      "not known to user space");
  if (l1 == 0) {
    result.derived["l1d_ways"] = Skipped("sysfs reports no L1d size to stride by");
    return;
  }
  // L1d is virtually indexed within the page offset, so addresses L1-size apart share a set.
  auto points = MeasureSetConflicts(l1, 32, ctx.iterations, seconds);
  if (!points) {
    result.derived["l1d_ways"] = Skipped(points.error().message);
    return;
  }
  for (const WaysPoint& p : *points) {
    AddMetric(result, "set_conflict_latency", "ns", Better::kLower, p.samples,
              {{"addresses", p.addresses}});
  }
  int sysfs_ways = 0;
  for (const CacheInfo& c : ctx.info->caches) {
    if (c.level == 1 && c.type != "Instruction") sysfs_ways = c.ways;
  }
  auto ways = WaysFromConflicts(*points);
  result.derived["l1d_ways"] = ways ? nlohmann::json{{"status", "ok"},
                                                     {"measured", *ways},
                                                     {"sysfs", sysfs_ways},
                                                     {"stride_bytes", l1}}
                                    : Skipped("no latency jump within 32 same-set addresses");
}

void CacheVariant::MissCosts(const RunContext& ctx, double seconds, BenchmarkResult& result) {
  LatencyConfig config;
  // Under an emulator (qemu in CI) the figures are no figures: a small sweep is enough.
  config.max_bytes = ctx.info->hypervisor.emulated
                         ? (16u << 20)
                         : LatencyMaxBytes(ctx.info->LastLevelCacheBytes(), 64u << 20);
  config.iterations = ctx.quick ? 1 : std::min(ctx.iterations, 3);  // feeds derived only
  config.seconds_per_sample = seconds;
  auto points = MeasureLatency(config);
  if (!points) {
    result.derived["miss_cost"] = Skipped(points.error().message);
    return;
  }
  const auto plateaus = DetectPlateaus(BestPoints(*points));
  nlohmann::json costs = nlohmann::json::array();
  for (std::size_t k = 0; k + 1 < plateaus.size(); ++k) {
    costs.push_back({{"level", "L" + std::to_string(k + 1)},
                     {"hit_ns", plateaus[k].ns},
                     {"miss_cost_ns", plateaus[k + 1].ns - plateaus[k].ns}});
  }
  result.derived["miss_cost"] = {{"status", plateaus.size() > 1 ? "ok" : "skipped"},
                                 {"levels", costs},
                                 {"method", "difference of consecutive latency plateaus"}};
  if (plateaus.size() <= 1) result.derived["miss_cost"]["reason"] = "fewer than two plateaus";
}

}  // namespace

std::unique_ptr<Variant> MakeCacheVariant() { return std::make_unique<CacheVariant>(); }

}  // namespace agent::micro
