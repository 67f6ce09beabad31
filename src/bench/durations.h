#pragma once
// How long a variant runs, as a function of what it sizes itself by, and the bounds on
// those sizes. The agent sizes its runs with the bound functions below and the planner
// estimates with the same functions, so the two cannot drift apart (docs/planning.md,
// "Durations"; docs/methodology.md, "Size bounds"). The constants are measured by
// perf/durations.sh.

#include <cstdint>

#include "util/bytes.h"

namespace bench {

struct Variant;

// What the planner knows of a machine: its catalog shape.
struct Shape {
  int vcpus = 0;
  double memory_gib = 0;
};

// ---- size bounds, applied by the agent and assumed by the planner ----

// The largest STREAM-family array (each of stream's three arrays, stream-prefetch's
// buffer, a third of stream-cache's largest working set). 4 × two sockets of 480 MiB of L3
// (the development VM's processor; sysfs sums the sockets) still fits under it, so STREAM's
// rule keeps its arrays; the bound binds where a quarter of memory is far more than that.
inline constexpr uint64_t kStreamArrayMaxBytes = 4 * util::kGiB;
// Each of stream's three arrays: STREAM's 4 × LLC rule, within a quarter of `memory_bytes`
// for the three and under kStreamArrayMaxBytes. `llc_bytes` 0: unknown (at least 16 MiB).
uint64_t StreamArrayBytes(uint64_t llc_bytes, uint64_t memory_bytes);
// The memory cap and the byte bound alone (what the planner assumes: no LLC in the catalog,
// so it assumes the largest array the rule may ask for).
uint64_t StreamArrayCapBytes(uint64_t memory_bytes);

// HPL: one solve is sized to take about kHplSecondsPerSolve at the rate the library's dgemm
// reached in a short probe, and the two N×N matrices stay within a quarter of memory.
inline constexpr double kHplSecondsPerSolve = 5.0;
// The memory an HPL run may use for its matrices: a quarter of `available_bytes`.
uint64_t HplMemoryBudgetBytes(uint64_t available_bytes);
// The largest order N under both bounds (before rounding down to the block size):
// min(sqrt(budget / 16), cbrt(1.5 × seconds × GFLOP/s × 1e9)), as LU costs ~2/3 N³ flops.
double HplOrderLimit(uint64_t memory_budget_bytes, double gflops, double seconds_per_solve);

// ---- the duration model ----

// The planner's estimate, in seconds (not rounded), of one run of `variant` with
// `iterations` measured iterations on a machine of `shape`. Positive; never decreasing in
// iterations, vCPUs (except where more threads finish the same bytes sooner) or memory.
double EstimateSeconds(const Variant& variant, const Shape& shape, int iterations);

// The assumptions behind the model (measured by perf/durations.sh; docs/planning.md).
struct Assumptions {
  double stream_gbs_per_vcpu;     // STREAM bandwidth per vCPU, 10^9 B/s
  double stream_gbs_max;          // where bandwidth stops growing with vCPUs
  double dgemm_gflops_per_vcpu;   // the HPL sizing probe's rate per thread
  double available_memory_share;  // available / total memory on a fresh instance
};
const Assumptions& ModelAssumptions();

// The STREAM-family array the planner assumes for `shape`, and the time of one pass over it.
double AssumedStreamArrayBytes(const Shape& shape);
double AssumedStreamPassSeconds(const Shape& shape);
// The share of kHplSecondsPerSolve one HPL solve takes on `shape` with `threads` threads:
// 1 where the time bound sets N, (N_memory / N_time)³ where memory does.
double HplSolveShare(const Shape& shape, int threads);

}  // namespace bench
