#include "agent/micro/latency.h"

#include <algorithm>

#include "agent/micro/chase.h"

namespace agent::micro {

std::vector<std::size_t> SweepSizes(std::size_t min_bytes, std::size_t max_bytes) {
  std::vector<std::size_t> sizes;
  for (std::size_t p = min_bytes; p <= max_bytes; p *= 2) {
    sizes.push_back(p);
    if (p + p / 2 <= max_bytes) sizes.push_back(p + p / 2);
  }
  if (sizes.empty() || sizes.back() != max_bytes) sizes.push_back(max_bytes);
  return sizes;
}

util::Expected<std::vector<LatencyPoint>> MeasureLatency(const LatencyConfig& config,
                                                         std::vector<std::size_t> sizes) {
  if (sizes.empty()) sizes = SweepSizes(config.min_bytes, config.max_bytes);
  ChaseMemory memory(*std::max_element(sizes.begin(), sizes.end()), config.huge_pages);
  if (!memory.ok()) {
    return util::MakeError(
        util::ErrorClass::kCapacity,
        "could not map " + std::to_string(config.max_bytes >> 20) + " MiB for the latency sweep");
  }
  std::vector<LatencyPoint> points;
  std::uint64_t seed = config.seed;
  for (std::size_t bytes : sizes) {
    const std::size_t lines = bytes / kLine;
    memory.LinkStrided(kLine, SattoloCycle(lines, seed++));
    // A lap fills the caches with this working set; past 32 MiB (512 Ki lines) a partial lap
    // already is steady state for any cache this agent meets, and the sweep's time stays
    // bounded. Samples are then timed, not counted: random loads over a set far larger
    // than the caches are all alike.
    memory.NsPerLoad(std::min<std::size_t>(lines, 1u << 19));
    const std::size_t loads = CalibrateLoads(memory, config.seconds_per_sample, 1u << 12);
    LatencyPoint point;
    point.bytes = bytes;
    for (int i = 0; i < config.iterations; ++i) point.ns.push_back(memory.SampleNsPerLoad(loads));
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<SizePoint> BestPoints(const std::vector<LatencyPoint>& points) {
  std::vector<SizePoint> best;
  for (const auto& p : points) {
    best.push_back({p.bytes, p.ns.empty() ? 0.0 : *std::min_element(p.ns.begin(), p.ns.end())});
  }
  return best;
}

std::size_t LatencyMaxBytes(std::size_t llc_bytes, std::size_t memory_cap) {
  std::size_t target = std::max<std::size_t>(4 * llc_bytes, 64u << 20);
  target = std::min(target, memory_cap);
  return std::max<std::size_t>(target / kLine * kLine, 1u << 20);
}

}  // namespace agent::micro
