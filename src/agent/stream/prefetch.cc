// stream-prefetch: the same bytes read in four line orders (sequential, 256-byte stride,
// 4 KiB stride, random). Hardware prefetchers follow the first ones; the ratios to
// sequential show how much they help.

#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>

#include "agent/do_not_optimize.h"
#include "agent/stream/stream_run.h"
#include "agent/stream/sweeps.h"
#include "agent/threads.h"
#include "bench/durations.h"
#include "util/bytes.h"

namespace agent::stream {
namespace {

using util::kMiB;
constexpr size_t kLineDoubles = 8;  // a 64-byte line

struct Pattern {
  const char* name;
  size_t stride_lines;  // 0: random
};
constexpr Pattern kPatterns[] = {
    {"sequential", 1}, {"stride-256B", 4}, {"stride-4KiB", 64}, {"random", 0}};

inline double SumLine(const double* line) {
  double s = 0;
  for (size_t i = 0; i < kLineDoubles; ++i) s += line[i];
  return s;
}

// Reads every line of [begin, end) once in the pattern's order; returns the sum.
double ReadRange(const double* data, const uint32_t* order, size_t begin, size_t end,
                 size_t stride) {
  double sum = 0;
  if (stride == 0) {
    for (size_t i = begin; i < end; ++i) sum += SumLine(data + (begin + order[i]) * kLineDoubles);
  } else {
    for (size_t offset = 0; offset < stride; ++offset) {
      for (size_t line = begin + offset; line < end; line += stride)
        sum += SumLine(data + line * kLineDoubles);
    }
  }
  return sum;
}

struct Buffer {
  std::unique_ptr<Arrays> arrays;  // only a() is used: data; c() holds the random order
  size_t lines = 0;
};

size_t BufferBytes(const SysInfo& info, bool quick) {
  size_t bytes = std::max<size_t>(static_cast<size_t>(4 * info.LastLevelCacheBytes()), 64 * kMiB);
  if (quick) bytes = std::min<size_t>(bytes, (info.hypervisor.emulated ? 8 : 64) * kMiB);
  uint64_t memory =
      info.memory_available_bytes > 0 ? info.memory_available_bytes : info.memory_total_bytes;
  if (memory > 0) bytes = std::min<size_t>(bytes, static_cast<size_t>(memory / 8));
  bytes = std::min<size_t>(bytes, bench::kStreamArrayMaxBytes);  // the planner assumes it too
  return bytes / (size_t{64} * 64) * (size_t{64} * 64);
}

// Per-thread random permutations of local line numbers, stored as uint32 in c().
void BuildRandomOrder(const Buffer& buffer, int threads) {
  auto* order = reinterpret_cast<uint32_t*>(buffer.arrays->c());
  for (int t = 0; t < threads; ++t) {
    Range r = ThreadRange(buffer.lines, t, threads);
    std::iota(order + r.begin, order + r.end, 0u);
    std::mt19937_64 rng(0x5eed + static_cast<unsigned>(t));  // a fixed order, not data
    std::shuffle(order + r.begin, order + r.end, rng);
  }
}

double TimedRead(const Buffer& buffer, size_t stride, int threads, const RunContext& ctx,
                 double& total) {
  const double* data = buffer.arrays->a();
  const auto* order = reinterpret_cast<const uint32_t*>(buffer.arrays->c());
  double sum = 0;
  double start = ctx.Now();
#pragma omp parallel num_threads(threads) reduction(+ : sum)
  {
    Range r = ThreadRange(buffer.lines, omp_get_thread_num(), omp_get_num_threads());
    sum += ReadRange(data, order, r.begin, r.end, stride);
  }
  double seconds = std::max(ctx.Now() - start, 1e-9);
  DoNotOptimize(sum);
  total = sum;
  return seconds;
}

class PrefetchVariant final : public BasicVariant {
 public:
  PrefetchVariant()
      : BasicVariant("stream-prefetch",
                     "read bandwidth of sequential vs strided vs random line order: how well the "
                     "prefetcher does") {}
  Applicability Applies(const SysInfo&, const Capabilities&) const override {
    return Applicability::Yes();
  }
  BenchmarkResult Run(const RunContext& ctx) const override;
};

BenchmarkResult PrefetchVariant::Run(const RunContext& ctx) const {
  BenchmarkResult result = MakeResult(*this);
  size_t bytes = BufferBytes(*ctx.info, ctx.quick);
  Buffer buffer{std::make_unique<Arrays>(bytes / sizeof(double)), bytes / 64};
  std::vector<int> cpus = AllowedCpus();
  std::string binding = BindOpenMpThreads(ctx.threads, cpus);
  InitializeArrays(*buffer.arrays, ctx.threads);  // a = 1.0: every line sums to 8
  BuildRandomOrder(buffer, ctx.threads);
  double expected = static_cast<double>(buffer.lines * kLineDoubles);
  bool sums_ok = true;
  double sequential_best = 0;
  for (const Pattern& pattern : kPatterns) {
    if (ctx.Cancelled()) break;
    double sum = 0;
    (void)TimedRead(buffer, pattern.stride_lines, ctx.threads, ctx, sum);  // warm-up
    std::vector<double> gbs;
    for (int i = 0; i < ctx.iterations; ++i) {
      double seconds = TimedRead(buffer, pattern.stride_lines, ctx.threads, ctx, sum);
      sums_ok = sums_ok && sum == expected;
      gbs.push_back(static_cast<double>(bytes) / seconds / 1e9);
    }
    Metric& metric = AddMetric(result, pattern.name, "GB/s", Better::kHigher, gbs,
                               {{"stride_bytes", pattern.stride_lines * 64}});
    if (pattern.stride_lines == 1) sequential_best = metric.stats.best;
    if (sequential_best > 0)
      result.derived[std::string(pattern.name) + "_vs_sequential"] =
          metric.stats.best / sequential_best;
  }
  UnpinCurrentThread(cpus);
  result.validation = {true,
                       sums_ok,
                       "every pattern reads every line once: the sum equals the element count",
                       {{"expected_sum", expected}}};
  result.parameters = {
      {"buffer_bytes", bytes},
      {"line_bytes", 64},
      {"threads", ctx.threads},
      {"binding", binding},
      {"random_order",
       "per-thread permutation (mt19937_64, fixed seed), read from a uint32 index array"},
      {"compiler", ctx.info->build.compiler},
      {"flags", ctx.info->build.flags}};
  SettleStatus(result, ctx, "a pattern did not read every line exactly once");
  return result;
}

}  // namespace

std::unique_ptr<Variant> MakePrefetchVariant() { return std::make_unique<PrefetchVariant>(); }

}  // namespace agent::stream
