// hpl-vector (FMA throughput per vector width against the per-core peak) and hpl-branch
// (branch misprediction cost).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

#include "agent/hpl/branch.h"
#include "agent/hpl/fma.h"
#include "agent/hpl/peak.h"
#include "agent/hpl/variants.h"

namespace agent::hpl {
namespace {

// The best sample: preemption and other tenants only ever lower a rate, so the highest
// is the one closest to what the core does.
double Best(const std::vector<double>& v) {
  return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

// GFLOP/s of one run of about `seconds`, on the calling thread.
double FmaRunGflops(const FmaKernel& kernel, double seconds) {
  std::uint64_t iterations = 1u << 12;
  for (;;) {
    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t flops = kernel.run(iterations);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed >= seconds || iterations > (1ULL << 40)) {
      return static_cast<double>(flops) / elapsed / 1e9;
    }
    iterations *= elapsed > seconds / 16 ? 2 : 8;
  }
}

// One sample: the best of three back-to-back runs, so a preempted run does not decide it.
double FmaGflops(const FmaKernel& kernel, double seconds) {
  double best = 0.0;
  for (int i = 0; i < 3; ++i) best = std::max(best, FmaRunGflops(kernel, seconds / 3));
  return best;
}

nlohmann::json PeakJson(const SysInfo& info, double ghz, double widest_gflops) {
  auto units = FmaUnitsFor(info.microarchitecture);
  if (!units) {
    return {{"status", "skipped"},
            {"reason", "the FMA unit count of '" + info.microarchitecture +
                           "' is not in the table (docs/methodology-hpl-micro.md)"}};
  }
  if (ghz <= 0) return {{"status", "skipped"}, {"reason", "the core clock could not be measured"}};
  const double peak = PeakGflops(*units, ghz);
  return {{"status", "ok"},
          {"gflops_per_core", peak},
          {"fma_units", units->units},
          {"fma_bits", units->bits},
          {"clock_ghz", ghz},
          {"clock_source", "measured: chain of dependent integer adds, one per cycle"},
          {"units_source", units->source},
          {"widest_fraction_of_peak", widest_gflops / peak}};
}

// hpl-vector and hpl-branch run on every CPU; what they cannot measure they say per item.
class CoreVariant : public Variant {
 public:
  Applicability Applies(const SysInfo&, const Capabilities&) const override {
    return Applicability::Yes();
  }
};

// The best of three runs of passes/3 each: preemption only ever adds time.
double BestBranchNs(const std::vector<std::uint8_t>& directions, int passes) {
  double best = BranchNsPerElement(directions, std::max(passes / 3, 1));
  for (int i = 1; i < 3; ++i)
    best = std::min(best, BranchNsPerElement(directions, std::max(passes / 3, 1)));
  return best;
}

class VectorVariant final : public CoreVariant {
 public:
  std::string Name() const override { return "hpl-vector"; }
  std::string Description() const override {
    return "FMA throughput of one core at each vector width the ISA has, against its peak";
  }
  BenchmarkResult Run(const RunContext& ctx) const override {
    BenchmarkResult result = MakeResult(*this);
    std::vector<FmaKernel> kernels;
    for (FmaKernel& k : FmaKernels()) {
      if (k.isa.empty() || ctx.caps->HasIsa(k.isa)) kernels.push_back(std::move(k));
    }
    if (kernels.empty()) return MakeResult(*this, RunStatus::kSkipped, "the CPU has no FMA");
    const double seconds = ctx.quick ? 0.04 : 0.2;
    std::vector<std::vector<double>> gflops(kernels.size());
    std::vector<double> ghz;
    for (int i = 0; i < ctx.iterations; ++i) {
      if (ctx.Cancelled()) return MakeResult(*this, RunStatus::kInterrupted, "interrupted");
      for (std::size_t k = 0; k < kernels.size(); ++k) {
        gflops[k].push_back(FmaGflops(kernels[k], seconds));
      }
      ghz.push_back(MeasureCoreGhz(seconds / 2));
    }
    double clock = Best(ghz);
    const double widest = Best(gflops.back());
    const int remeasured =
        RemeasureClockWhileBelowFmaRate(ctx.info->microarchitecture, widest, seconds, clock);
    nlohmann::json widths = nlohmann::json::array();
    for (std::size_t k = 0; k < kernels.size(); ++k) {
      const FmaKernel& kernel = kernels[k];
      const int bits = kernel.Bits();
      AddMetric(result, "gflops", "GFLOP/s", Better::kHigher, gflops[k],
                {{"width", kernel.name}, {"bits", bits}});
      const double per_cycle = clock > 0 ? Best(gflops[k]) / clock : 0.0;
      widths.push_back({{"width", kernel.name},
                        {"accumulators", kernel.accumulators},
                        {"flops_per_cycle", per_cycle},
                        {"bits", bits},
                        {"fma_per_cycle", per_cycle / (2.0 * DoubleLanes(bits))}});
    }
    AddMetric(result, "core_clock", "GHz", Better::kHigher, ghz);
    result.derived["widths"] = widths;
    result.derived["peak"] = PeakJson(*ctx.info, clock, widest);
    if (remeasured > 0) result.derived["peak"]["clock_remeasured_runs"] = remeasured;
    if (ClockBelowFmaRate(ctx.info->microarchitecture, clock, widest)) {
      result.warnings.push_back(
          "the measured clock (" + std::to_string(clock) +
          " GHz) is below what the widest FMA rate needs: the clock runs were "
          "preempted, so derived.peak.widest_fraction_of_peak is above 1 and "
          "not meaningful");
    }
    result.parameters["threads"] = 1;
    result.parameters["seconds_per_sample"] = seconds;
    return result;
  }
};

class BranchVariant final : public CoreVariant {
 public:
  std::string Name() const override { return "hpl-branch"; }
  std::string Description() const override {
    return "cost of a mispredicted branch: the same loop over sorted and random directions";
  }
  BenchmarkResult Run(const RunContext& ctx) const override {
    BenchmarkResult result = MakeResult(*this);
    constexpr std::size_t kCount = 1u << 16;  // beyond what a predictor can memorise
    const auto sorted = BranchDirections(kCount, false, 1);
    const auto random = BranchDirections(kCount, true, 2);
    const int passes = ctx.quick ? 20 : 100;
    std::vector<double> predictable, unpredictable, cost, cycles, ghz;
    BranchNsPerElement(random, 2);  // warm caches and clock
    for (int i = 0; i < ctx.iterations; ++i) {
      if (ctx.Cancelled()) return MakeResult(*this, RunStatus::kInterrupted, "interrupted");
      predictable.push_back(BestBranchNs(sorted, passes));
      unpredictable.push_back(BestBranchNs(random, passes));
      cost.push_back(MispredictNs(unpredictable.back(), predictable.back()));
      ghz.push_back(MeasureCoreGhz(0.01));
      cycles.push_back(cost.back() * ghz.back());
    }
    AddMetric(result, "predictable_branch", "ns", Better::kLower, predictable);
    AddMetric(result, "random_branch", "ns", Better::kLower, unpredictable);
    AddMetric(result, "mispredict_cost", "ns", Better::kLower, cost);
    AddMetric(result, "mispredict_cost_cycles", "cycles", Better::kLower, cycles,
              {{"clock", "measured by a dependent-add chain in the same iteration"}});
    result.parameters["elements"] = kCount;
    result.parameters["passes"] = passes;
    result.parameters["random_misprediction_rate_assumed"] = 0.5;
    return result;
  }
};

}  // namespace

std::unique_ptr<Variant> MakeVectorVariant() { return std::make_unique<VectorVariant>(); }
std::unique_ptr<Variant> MakeBranchVariant() { return std::make_unique<BranchVariant>(); }

}  // namespace agent::hpl
