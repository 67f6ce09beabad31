// micro-latency and micro-tlb, and the family's registration.

#include "agent/micro/variants.h"
#include "agent/micro/micro_variant.h"

#include <algorithm>

#include "agent/micro/latency.h"
#include "agent/micro/plateau.h"
#include "agent/micro/tlb.h"

namespace agent::micro {
namespace {

// Quick mode caps the sweeps so that the family fits its share of the 60 s budget; under
// an instruction-set emulator (qemu in CI) the numbers are no figures, so less is enough.
constexpr std::size_t kQuickCap = 128u << 20;
constexpr std::size_t kEmulatedCap = 16u << 20;

// Plateaus next to the caches sysfs reports: plateau k is cache level k+1 while there are
// data caches left; a plateau that reaches the end of the sweep is memory.
nlohmann::json Levels(const std::vector<Plateau>& plateaus, const SysInfo& info,
                      std::size_t sweep_end) {
  nlohmann::json levels = nlohmann::json::array();
  for (std::size_t k = 0; k < plateaus.size(); ++k) {
    const Plateau& p = plateaus[k];
    const int level = static_cast<int>(k) + 1;
    const std::uint64_t sysfs = info.CacheBytes(level);
    const bool memory = p.last_bytes >= sweep_end && (sysfs == 0 || k + 1 == plateaus.size());
    levels.push_back({{"level", memory ? "memory" : "L" + std::to_string(level)},
                      {"ns", p.ns},
                      {"first_bytes", p.first_bytes},
                      {"measured_bytes", p.last_bytes},
                      {"next_bytes", p.next_bytes},
                      {"sysfs_bytes", memory ? nlohmann::json(nullptr) : nlohmann::json(sysfs)}});
  }
  return levels;
}

class LatencyVariant final : public MicroVariant {
 public:
  std::string Name() const override { return "micro-latency"; }
  std::string Description() const override {
    return "pointer chase over a random cycle of 64-byte lines: ns per load from 4 KiB to 4x LLC, "
           "with the plateau of each level";
  }
  BenchmarkResult Run(const RunContext& ctx) const override {
    BenchmarkResult result = MakeResult(*this);
    const std::size_t llc = ctx.info->LastLevelCacheBytes();
    const std::uint64_t available = ctx.info->memory_available_bytes;
    const std::size_t cap = ctx.info->hypervisor.emulated ? kEmulatedCap
                            : ctx.quick                   ? kQuickCap
                                        : std::max<std::size_t>(available / 4, kQuickCap);
    LatencyConfig config;
    config.max_bytes = std::min(LatencyMaxBytes(llc, cap), cap);
    config.iterations = ctx.iterations;
    config.seconds_per_sample = ctx.quick ? 0.003 : 0.02;
    if (config.max_bytes < 4 * llc) {
      result.warnings.push_back("the sweep stops at " + std::to_string(config.max_bytes >> 20) +
                                " MiB, below 4x the sysfs LLC (" + std::to_string(llc >> 20) +
                                " MiB)" +
                                (ctx.info->hypervisor.emulated ? " under emulation"
                                 : ctx.quick                   ? " in quick mode"
                                                               : " for lack of memory"));
    }
    auto points = MeasureLatency(config);
    if (!points) return MakeResult(*this, RunStatus::kFailed, points.error().message);
    for (const LatencyPoint& p : *points) {
      AddMetric(result, "latency", "ns", Better::kLower, p.ns, {{"working_set_bytes", p.bytes}});
    }
    const auto plateaus = DetectPlateaus(BestPoints(*points));
    result.derived["levels"] = Levels(plateaus, *ctx.info, config.max_bytes);
    result.derived["plateau_rule"] =
        "the best-sample curve cut where latency rises more than 1.3x between neighbouring sizes; "
        "pieces of >= 2 sizes";
    result.parameters = {{"min_bytes", config.min_bytes},
                         {"max_bytes", config.max_bytes},
                         {"line_bytes", kLine},
                         {"pages", "4 KiB (MADV_NOHUGEPAGE)"},
                         {"order", "Sattolo random single cycle"},
                         {"seconds_per_sample", config.seconds_per_sample}};
    return result;
  }
};

class TlbVariant final : public MicroVariant {
 public:
  std::string Name() const override { return "micro-tlb"; }
  std::string Description() const override {
    return "page-stride chase with 4 KiB and 2 MiB pages: TLB reach and miss cost";
  }
  BenchmarkResult Run(const RunContext& ctx) const override;
};

BenchmarkResult TlbVariant::Run(const RunContext& ctx) const {
  BenchmarkResult result = MakeResult(*this);
  TlbConfig config;
  config.max_pages = ctx.info->hypervisor.emulated ? 2048 : ctx.quick ? 16384 : 65536;
  config.iterations = ctx.iterations;
  config.seconds_per_sample = ctx.quick ? 0.003 : 0.02;
  result.parameters = {{"max_pages", config.max_pages},
                       {"page_stride_bytes", 4096},
                       {"seconds_per_sample", config.seconds_per_sample}};
  auto small = MeasureTlb(config);
  if (!small) return MakeResult(*this, RunStatus::kFailed, small.error().message);
  for (const LatencyPoint& p : *small) {
    AddMetric(result, "latency_4k_pages", "ns", Better::kLower, p.ns, {{"pages", p.bytes / 4096}});
  }
  const auto small_best = BestPoints(*small);
  // Each plateau of the 4 KiB curve is a translation level (L1 DTLB, STLB, page walks):
  // its last page count × 4 KiB is that level's reach, its rise over the first its cost.
  const auto plateaus = DetectPlateaus(small_best);
  result.derived["levels_4k"] = nlohmann::json::array();
  for (const Plateau& p : plateaus) {
    result.derived["levels_4k"].push_back({{"ns", p.ns},
                                           {"last_pages", p.last_bytes / 4096},
                                           {"reach_bytes", p.last_bytes},
                                           {"next_pages", p.next_bytes / 4096},
                                           {"miss_cost_ns", p.ns - plateaus.front().ns}});
  }
  if (ctx.info->thp_enabled == "never") {
    result.derived["huge_pages"] = {
        {"status", "skipped"},
        {"reason",
         "transparent huge pages are 'never' (/sys/kernel/mm/transparent_hugepage/enabled)"}};
    return result;
  }
  config.huge_pages = true;
  auto huge = MeasureTlb(config);
  if (!huge) {
    result.derived["huge_pages"] = {{"status", "skipped"}, {"reason", huge.error().message}};
    return result;
  }
  for (const LatencyPoint& p : *huge) {
    AddMetric(result, "latency_2m_pages", "ns", Better::kLower, p.ns, {{"pages", p.bytes / 4096}});
  }
  const auto huge_best = BestPoints(*huge);
  result.derived["huge_pages"] = {{"status", "ok"}};
  result.derived["reach_4k_bytes"] = TlbReachBytes(small_best, huge_best);
  result.derived["miss_cost_ns_at_max_pages"] = small_best.back().ns - huge_best.back().ns;
  result.derived["method"] =
      "same chase (one line per 4 KiB of address space) over 4 KiB and over 2 MiB pages; the "
      "difference is translation cost, the reach is where the 4 KiB curve leaves the 2 MiB one";
  return result;
}

}  // namespace

std::unique_ptr<Variant> MakeLatencyVariant() { return std::make_unique<LatencyVariant>(); }
std::unique_ptr<Variant> MakeTlbVariant() { return std::make_unique<TlbVariant>(); }

void AddVariants(VariantList& list) {
  list.push_back(MakeLatencyVariant());
  list.push_back(MakeIpcVariant([] { return MakePerfEventCounters(); }));
  list.push_back(MakeTlbVariant());
  list.push_back(MakeCacheVariant());
}

}  // namespace agent::micro
