#include "bench/durations.h"

#include <algorithm>
#include <cmath>

#include "bench/variants.h"

namespace bench {
namespace {

constexpr uint64_t kStreamArrayFloorBytes = 16 * util::kMiB;  // when the LLC is unknown

// The development VM (2 vCPUs, 24 GiB, Intel, 480 MiB of L3); docs/planning.md
// ("Durations") keeps the table, the command (perf/durations.sh) and how each was obtained.
// stream_gbs_max is an assumption, not a measurement: past it the estimate of a pass stays
// conservative (two-socket EC2 types reach more), and passes are short there anyway.
constexpr Assumptions kAssumptions = {
    /*stream_gbs_per_vcpu=*/12.0,
    /*stream_gbs_max=*/200.0,
    /*dgemm_gflops_per_vcpu=*/40.0,
    /*available_memory_share=*/0.92,
};

double MemoryBytes(const Shape& shape) {
  return shape.memory_gib * static_cast<double>(util::kGiB);
}

}  // namespace

uint64_t StreamArrayCapBytes(uint64_t memory_bytes) {
  return std::min(memory_bytes / 4 / 3, kStreamArrayMaxBytes);
}

uint64_t StreamArrayBytes(uint64_t llc_bytes, uint64_t memory_bytes) {
  const uint64_t wanted = std::max(4 * llc_bytes, kStreamArrayFloorBytes);
  return std::min(wanted, StreamArrayCapBytes(memory_bytes));
}

uint64_t HplMemoryBudgetBytes(uint64_t available_bytes) { return available_bytes / 4; }

double HplOrderLimit(uint64_t memory_budget_bytes, double gflops, double seconds_per_solve) {
  // Two matrices of N² doubles (the original is kept for the residual) dominate memory.
  const double by_memory = std::sqrt(static_cast<double>(memory_budget_bytes) / 16.0);
  const double by_time = std::cbrt(seconds_per_solve * gflops * 1e9 * 1.5);
  return std::min(by_memory, by_time);
}

const Assumptions& ModelAssumptions() { return kAssumptions; }

double AssumedStreamArrayBytes(const Shape& shape) {
  const double available = MemoryBytes(shape) * kAssumptions.available_memory_share;
  return static_cast<double>(StreamArrayCapBytes(static_cast<uint64_t>(available)));
}

double AssumedStreamPassSeconds(const Shape& shape) {
  const double gbs = std::min(kAssumptions.stream_gbs_per_vcpu * std::max(shape.vcpus, 1),
                              kAssumptions.stream_gbs_max);
  return AssumedStreamArrayBytes(shape) / (gbs * 1e9);
}

double HplSolveShare(const Shape& shape, int threads) {
  const double gflops = kAssumptions.dgemm_gflops_per_vcpu * std::max(threads, 1);
  const auto available =
      static_cast<uint64_t>(MemoryBytes(shape) * kAssumptions.available_memory_share);
  const double n = HplOrderLimit(HplMemoryBudgetBytes(available), gflops, kHplSecondsPerSolve);
  const double by_time = HplOrderLimit(UINT64_MAX, gflops, kHplSecondsPerSolve);
  return std::pow(n / by_time, 3.0);
}

double EstimateSeconds(const Variant& variant, const Shape& shape, int iterations) {
  const DurationModel& m = variant.duration;
  const double pass = m.setup_passes > 0 || m.passes > 0 ? AssumedStreamPassSeconds(shape) : 0;
  const int threads = m.threads == Threads::kOne ? 1 : shape.vcpus;
  const double solve = m.solve_s > 0 ? m.solve_s * HplSolveShare(shape, threads) : 0;
  const double per_iteration = m.per_iteration_s + m.per_vcpu_s * shape.vcpus +
                               m.per_gib_s * shape.memory_gib + m.passes * pass + solve;
  return m.setup_s + m.setup_passes * pass + iterations * per_iteration;
}

}  // namespace bench
