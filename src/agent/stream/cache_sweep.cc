// stream-cache: triad bandwidth as the working set grows from inside L1 to well past
// the last-level cache. The measured drops are reported beside the sizes sysfs gives
// (on shared VMs the two differ).

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "agent/do_not_optimize.h"
#include "agent/stream/stream_run.h"
#include "agent/stream/sweeps.h"
#include "agent/threads.h"
#include "bench/durations.h"
#include "util/bytes.h"

namespace agent::stream {
namespace {

using util::kMiB;

// Working sets (bytes over the three arrays), growing by sqrt(2) from 12 KiB.
std::vector<size_t> WorkingSets(const SysInfo& info, bool quick) {
  uint64_t llc = info.LastLevelCacheBytes();
  size_t top = std::max<size_t>(static_cast<size_t>(4 * llc), 64 * kMiB);
  if (quick) top = std::min<size_t>(top, (info.hypervisor.emulated ? 8 : 64) * kMiB);
  uint64_t memory =
      info.memory_available_bytes > 0 ? info.memory_available_bytes : info.memory_total_bytes;
  // The three arrays of the largest working set under STREAM's own cap and byte bound.
  if (memory > 0)
    top = std::min<size_t>(top, static_cast<size_t>(3 * bench::StreamArrayCapBytes(memory)));
  auto rounded = [](double bytes) {
    return static_cast<size_t>(bytes / 3 / sizeof(double)) / 64 * 64 * 3 * sizeof(double);
  };
  std::vector<size_t> sizes;
  for (double bytes = 12 * 1024; bytes <= static_cast<double>(top) * 1.0001;
       bytes *= std::sqrt(2.0)) {
    sizes.push_back(rounded(bytes));
  }
  if (sizes.back() < rounded(static_cast<double>(top)))
    sizes.push_back(rounded(static_cast<double>(top)));
  return sizes;
}

// One sample: `repeats` triads over the arrays, every thread on its own range.
double TriadSeconds(const Arrays& arrays, size_t elements, int threads, int repeats,
                    const RunContext& ctx) {
  const KernelSet& k = PortableKernels();
  double start = ctx.Now();
#pragma omp parallel num_threads(threads)
  {
    Range r = ThreadRange(elements, omp_get_thread_num(), omp_get_num_threads());
    for (int rep = 0; rep < repeats; ++rep) {
      k.triad(arrays.a(), arrays.b(), arrays.c(), kScalar, r.begin, r.end);
      ClobberMemory();
    }
  }
  return std::max(ctx.Now() - start, 1e-9);
}

// Sizes at which bandwidth falls below 70% of the plateau before it: a heuristic
// reading of the curve, reported as derived data.
nlohmann::json Drops(const std::vector<size_t>& sizes, const std::vector<double>& best,
                     int threads) {
  nlohmann::json drops = nlohmann::json::array();
  double level = best.empty() ? 0 : best[0];
  for (size_t i = 1; i < best.size(); ++i) {
    if (best[i] < 0.7 * level) {
      drops.push_back({{"working_set_bytes_before", sizes[i - 1]},
                       {"working_set_bytes_after", sizes[i]},
                       {"per_thread_bytes_after", sizes[i] / static_cast<size_t>(threads)},
                       {"from_gbs", level},
                       {"to_gbs", best[i]}});
      level = best[i];
    } else {
      level = std::max(level, best[i]);
    }
  }
  return drops;
}

// After triads from a = 1, b = 2, c = 0 every a[j] is 2 + 3 * 0 = 2, exactly.
Validation CheckTriadValues(const Arrays& arrays, size_t elements) {
  size_t off = 0;
  for (size_t j = 0; j < elements; ++j) off += arrays.a()[j] != 2.0;
  return {true,
          off == 0,
          "every a[j] of the largest working set equals b[j] + 3 c[j] = 2 after the triads",
          {{"elements_off", off}}};
}

nlohmann::json SysfsCaches(const SysInfo& info) {
  nlohmann::json caches = nlohmann::json::array();
  for (const CacheInfo& cache : info.caches) {
    if (cache.type != "Instruction") {
      caches.push_back({{"level", cache.level},
                        {"size_bytes", cache.size_bytes},
                        {"instances", cache.instances}});
    }
  }
  return caches;
}

class CacheVariant final : public BasicVariant {
 public:
  CacheVariant()
      : BasicVariant("stream-cache", "triad bandwidth against working-set size, L1 -> DRAM") {}
  Applicability Applies(const SysInfo&, const Capabilities&) const override {
    return Applicability::Yes();
  }
  BenchmarkResult Run(const RunContext& ctx) const override;
};

BenchmarkResult CacheVariant::Run(const RunContext& ctx) const {
  BenchmarkResult result = MakeResult(*this);
  std::vector<size_t> sizes = WorkingSets(*ctx.info, ctx.quick);
  size_t max_elements = sizes.back() / 3 / sizeof(double);
  Arrays arrays(max_elements);
  std::vector<int> cpus = AllowedCpus();
  std::string binding = BindOpenMpThreads(ctx.threads, cpus);
  size_t sample_mib = ctx.info->hypervisor.emulated ? 2 : (ctx.quick ? 16 : 128);
  double sample_bytes = static_cast<double>(sample_mib * kMiB);
  // Triads leave the values unchanged (a = 2 + 3 * 0), so one first touch serves every size.
  InitializeArrays(arrays, ctx.threads);
  std::vector<double> best;
  for (size_t bytes : sizes) {
    if (ctx.Cancelled()) break;
    size_t elements = bytes / 3 / sizeof(double);
    int repeats =
        static_cast<int>(std::max(1.0, std::ceil(sample_bytes / static_cast<double>(bytes))));
    (void)TriadSeconds(arrays, elements, ctx.threads, repeats, ctx);  // warm-up: fill the caches
    std::vector<double> gbs;
    for (int i = 0; i < ctx.iterations; ++i) {
      double seconds = TriadSeconds(arrays, elements, ctx.threads, repeats, ctx);
      gbs.push_back(24.0 * static_cast<double>(elements) * repeats / seconds / 1e9);
    }
    Metric& metric = AddMetric(result, "triad", "GB/s", Better::kHigher, gbs,
                               {{"working_set_bytes", bytes}, {"repeats_per_sample", repeats}});
    best.push_back(metric.stats.best);
    if (ctx.monitor != nullptr) ctx.monitor->Sample();
  }
  UnpinCurrentThread(cpus);
  result.validation = CheckTriadValues(arrays, best.size() == sizes.size() ? max_elements : 0);
  result.parameters = {{"threads", ctx.threads},
                       {"binding", binding},
                       {"kernel", "triad (portable)"},
                       {"bytes_per_element", 24},
                       {"growth_factor", "sqrt(2)"},
                       {"sizes", sizes.size()},
                       {"compiler", ctx.info->build.compiler},
                       {"flags", ctx.info->build.flags}};
  result.derived = {{"sysfs_caches", SysfsCaches(*ctx.info)},
                    {"bandwidth_drops", Drops(sizes, best, ctx.threads)}};
  SettleStatus(result, ctx, "triad results are wrong");
  return result;
}

}  // namespace

std::unique_ptr<Variant> MakeCacheVariant() { return std::make_unique<CacheVariant>(); }

}  // namespace agent::stream
