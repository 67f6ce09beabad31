#pragma once
// micro-tlb's kernel: a random single-cycle chase that touches one line per page, so each
// load needs a new translation. Run once over 4 KiB pages and once over the same pattern in
// 2 MiB pages: the data footprint is identical, so the difference is the TLB's.

#include <cstddef>
#include <vector>

#include "agent/micro/latency.h"
#include "util/expected.h"

namespace agent::micro {

struct TlbConfig {
  std::size_t max_pages = 16384;  // 4 KiB pages touched at most (64 MiB of address space)
  int iterations = 3;
  double seconds_per_sample = 0.01;
  bool huge_pages = false;
};

// Page counts 8, 12, 16, 24, ... max_pages.
std::vector<std::size_t> TlbPageCounts(std::size_t max_pages);

// ns per load for each page count; LatencyPoint::bytes holds the page count × 4 KiB.
// kCapacity when the memory cannot be mapped, kNotFound when huge pages were asked for but
// the kernel did not back the region with them.
util::Expected<std::vector<LatencyPoint>> MeasureTlb(const TlbConfig& config);

// The largest page count whose 4 KiB latency stays within `tolerance` of the huge-page one,
// times 4 KiB: how much memory the TLBs cover before misses cost time. 0 if none does.
std::size_t TlbReachBytes(const std::vector<SizePoint>& small, const std::vector<SizePoint>& huge,
                          double tolerance = 0.15);

}  // namespace agent::micro
