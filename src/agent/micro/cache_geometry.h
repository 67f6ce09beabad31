#pragma once
// micro-cache's kernels: the line size from a stride sweep and the L1d associativity from
// addresses that all map to one set. Both are pointer chases, so each load waits for the
// previous one and its latency is what is measured.

#include <cstddef>
#include <optional>
#include <vector>

#include "agent/micro/latency.h"
#include "util/expected.h"

namespace agent::micro {

struct StridePoint {
  std::size_t stride = 0;
  double ns = 0.0;  // per load, the best sample
  std::vector<double> samples;
};

// Blocks of 512 bytes visited in random order; in each, a load at offset 0 and one at
// offset `stride`. Below the line size the second load hits the line the first brought in.
// The working set must miss L1 and hit L2.
util::Expected<std::vector<StridePoint>> MeasureStrides(std::size_t working_set, int iterations,
                                                        double seconds);

// The first stride whose time is past half way from the smallest stride's to the largest's:
// where the second load stops sharing the first one's line. nullopt without a clear step
// (the rise is below `min_rise` of the smallest stride's time).
std::optional<std::size_t> LineSizeFromStrides(const std::vector<StridePoint>& points,
                                               double min_rise = 0.15);

struct WaysPoint {
  int addresses = 0;
  double ns = 0.0;  // the best sample
  std::vector<double> samples;
};

// A chase over k addresses `set_stride` bytes apart (all in one L1 set when the stride is
// the L1 size), for k = 1 .. max_addresses.
util::Expected<std::vector<WaysPoint>> MeasureSetConflicts(std::size_t set_stride,
                                                           int max_addresses, int iterations,
                                                           double seconds);

// The largest k before the latency jumps by `jump` over the k=1 latency: the associativity.
std::optional<int> WaysFromConflicts(const std::vector<WaysPoint>& points, double jump = 1.5);

}  // namespace agent::micro
