// Timing of the four kernels and assembly of a STREAM result.

#include <omp.h>

#include <algorithm>

#include "agent/stream/stream_run.h"
#include "agent/threads.h"

namespace agent::stream {
namespace {

// Values grow 15x per pass; re-initialising every 10 passes (outside the timed region)
// keeps them exact integers in double precision, so validation stays meaningful.
constexpr int kPassesPerInit = 10;

nlohmann::json Parameters(const KernelSet& kernels, const Sizing& sizing, const RunContext& ctx,
                          const std::string& binding, long long huge_page_bytes) {
  const SysInfo& info = *ctx.info;
  size_t bytes = sizing.elements * sizeof(double);
  return {
      {"array_elements", sizing.elements},
      {"array_bytes", bytes},
      {"total_bytes", 3 * bytes},
      {"last_level_cache_bytes", info.LastLevelCacheBytes()},
      {"rule_array_bytes", sizing.rule_elements * sizeof(double)},
      {"memory_cap_array_bytes", sizing.cap_elements * sizeof(double)},
      {"threads", ctx.threads},
      {"binding", binding},
      {"pages",
       {{"requested", "transparent huge pages (madvise MADV_HUGEPAGE)"},
        {"thp_enabled", info.thp_enabled},
        {"huge_page_bytes", huge_page_bytes}}},
      {"ntimes", ctx.iterations},
      {"warmup_passes", 1},
      {"bytes_per_element", {{"copy", 16}, {"scale", 16}, {"add", 24}, {"triad", 24}}},
      {"kernels",
       {{"name", kernels.name}, {"stores", kernels.stores}, {"vector_bits", kernels.vector_bits}}},
      {"scalar", kScalar},
      {"compiler", info.build.compiler},
      {"flags", info.build.flags},
      {"openmp", _OPENMP},
  };
}

}  // namespace

StreamOutcome RunStream(const KernelSet& kernels, const Arrays& arrays, int threads,
                        const RunContext& ctx) {
  StreamOutcome outcome;
  InitializeArrays(arrays, threads);
  for (int k = 0; k < 4; ++k) RunKernel(kernels, k, arrays, threads);  // warm-up, untimed
  int passes = 1;
  for (int iteration = 0; iteration < ctx.iterations; ++iteration) {
    if (ctx.Cancelled()) {
      outcome.interrupted = true;
      break;
    }
    if (passes == kPassesPerInit) {
      InitializeArrays(arrays, threads);
      passes = 0;
    }
    for (int k = 0; k < 4; ++k) {
      double start = ctx.Now();
      RunKernel(kernels, k, arrays, threads);
      double seconds = std::max(ctx.Now() - start, 1e-9);
      outcome.gbs[k].push_back(kBytesPerElement[k] * static_cast<double>(arrays.size()) / seconds /
                               1e9);
    }
    ++passes;
    if (ctx.monitor != nullptr) ctx.monitor->Sample();
  }
  outcome.validation = ValidateArrays(arrays, passes, threads);
  return outcome;
}

BenchmarkResult RunStreamVariant(const Variant& variant, const KernelSet& kernels,
                                 const RunContext& ctx) {
  Sizing sizing = ChooseSize(*ctx.info, ctx.quick);
  Arrays arrays(sizing.elements);
  std::vector<int> cpus = AllowedCpus();
  std::string binding = BindOpenMpThreads(ctx.threads, cpus);
  StreamOutcome outcome = RunStream(kernels, arrays, ctx.threads, ctx);
  UnpinCurrentThread(cpus);
  BenchmarkResult result = MakeResult(variant);
  result.parameters = Parameters(kernels, sizing, ctx, binding, arrays.HugePageBytes());
  for (int k = 0; k < 4; ++k) {
    if (!outcome.gbs[k].empty())
      AddMetric(result, kKernelNames[k], "GB/s", Better::kHigher, outcome.gbs[k]);
  }
  result.validation = outcome.validation;
  result.warnings.insert(result.warnings.begin(), sizing.warnings.begin(), sizing.warnings.end());
  if (ctx.info->hypervisor.emulated) {
    result.warnings.push_back("run under " + ctx.info->hypervisor.emulator +
                              " emulation: not a performance figure");
  }
  SettleStatus(result, ctx, "the arrays do not hold STREAM's expected values");
  return result;
}

}  // namespace agent::stream
