#include "agent/micro/tlb.h"

#include <algorithm>

#include "agent/micro/chase.h"

namespace agent::micro {
namespace {

constexpr std::size_t kPage = 4096;

}  // namespace

std::vector<std::size_t> TlbPageCounts(std::size_t max_pages) {
  std::vector<std::size_t> counts;
  for (std::size_t bytes : SweepSizes(8, max_pages)) counts.push_back(bytes);
  return counts;
}

util::Expected<std::vector<LatencyPoint>> MeasureTlb(const TlbConfig& config) {
  ChaseMemory memory(config.max_pages * kPage, config.huge_pages);
  if (!memory.ok()) {
    return util::MakeError(util::ErrorClass::kCapacity, "could not map memory for the TLB chase");
  }
  std::vector<LatencyPoint> points;
  for (std::size_t pages : TlbPageCounts(config.max_pages)) {
    // One line per page, on a different line of the page each time (i mod 64), so that the
    // lines spread over the cache sets instead of all competing for one.
    std::vector<std::size_t> offsets(pages);
    for (std::size_t i = 0; i < pages; ++i) offsets[i] = i * kPage + (i % (kPage / kLine)) * kLine;
    memory.Link(offsets, SattoloCycle(pages, pages));
    memory.NsPerLoad(pages);
    const std::size_t loads = CalibrateLoads(memory, config.seconds_per_sample, 1u << 12);
    LatencyPoint point;
    point.bytes = pages * kPage;
    for (int i = 0; i < config.iterations; ++i) point.ns.push_back(memory.SampleNsPerLoad(loads));
    points.push_back(std::move(point));
  }
  if (config.huge_pages && memory.HugeBytes() <= 0) {
    return util::MakeError(util::ErrorClass::kNotFound,
                           "madvise(MADV_HUGEPAGE) did not give huge pages (AnonHugePages is 0)");
  }
  return points;
}

std::size_t TlbReachBytes(const std::vector<SizePoint>& small, const std::vector<SizePoint>& huge,
                          double tolerance) {
  std::size_t reach = 0;
  for (std::size_t i = 0; i < std::min(small.size(), huge.size()); ++i) {
    if (small[i].ns > huge[i].ns * (1.0 + tolerance)) break;
    reach = small[i].bytes;
  }
  return reach;
}

}  // namespace agent::micro
