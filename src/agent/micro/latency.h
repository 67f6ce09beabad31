#pragma once
// micro-latency's sweep: ns per dependent load over a random single-cycle chase of
// 64-byte lines, for working sets from 4 KiB up past the last-level cache.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "agent/micro/plateau.h"
#include "util/expected.h"

namespace agent::micro {

inline constexpr std::size_t kLine = 64;

struct LatencyConfig {
  std::size_t min_bytes = 4096;
  std::size_t max_bytes = 64u << 20;
  int iterations = 3;
  double seconds_per_sample = 0.01;
  std::uint64_t seed = 1;
  bool huge_pages = false;  // 4 KiB pages by default, so DRAM points include TLB misses
};

struct LatencyPoint {
  std::size_t bytes = 0;
  std::vector<double> ns;  // one per iteration
};

// 2^k and 1.5·2^k bytes from min to max inclusive (max itself is appended if missing).
std::vector<std::size_t> SweepSizes(std::size_t min_bytes, std::size_t max_bytes);

// Measures every size of SweepSizes(min_bytes, max_bytes), or `sizes` when given.
util::Expected<std::vector<LatencyPoint>> MeasureLatency(const LatencyConfig& config,
                                                         std::vector<std::size_t> sizes = {});

// The fastest sample of each point: the least disturbed by other work on the machine.
std::vector<SizePoint> BestPoints(const std::vector<LatencyPoint>& points);

// The sweep's upper end: 4× the last-level cache, within `memory_cap` bytes.
std::size_t LatencyMaxBytes(std::size_t llc_bytes, std::size_t memory_cap);

}  // namespace agent::micro
