#include "agent/micro/cache_geometry.h"

#include <algorithm>

#include "agent/micro/chase.h"

namespace agent::micro {
namespace {

constexpr std::size_t kBlock = 512;

std::vector<double> Samples(ChaseMemory& memory, std::size_t loads, int iterations) {
  std::vector<double> samples;
  for (int i = 0; i < iterations; ++i) samples.push_back(memory.SampleNsPerLoad(loads));
  return samples;
}

double Best(const std::vector<double>& samples) {
  return *std::min_element(samples.begin(), samples.end());
}

}  // namespace

util::Expected<std::vector<StridePoint>> MeasureStrides(std::size_t working_set, int iterations,
                                                        double seconds) {
  const std::size_t blocks = std::max<std::size_t>(working_set / kBlock, 2);
  ChaseMemory memory(blocks * kBlock, false);
  if (!memory.ok()) return util::MakeError(util::ErrorClass::kCapacity, "could not map memory");
  const auto order = SattoloCycle(blocks, 7);
  std::vector<StridePoint> points;
  for (std::size_t stride = 8; stride <= kBlock / 2; stride *= 2) {
    // Element 2b is block b's first load, 2b+1 its second; 2b+1 leads to the next block.
    std::vector<std::size_t> offsets(2 * blocks);
    std::vector<std::uint32_t> next(2 * blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
      offsets[2 * b] = b * kBlock;
      offsets[2 * b + 1] = b * kBlock + stride;
      next[2 * b] = static_cast<std::uint32_t>(2 * b + 1);
      next[2 * b + 1] = static_cast<std::uint32_t>(2 * order[b]);
    }
    memory.Link(offsets, next);
    memory.NsPerLoad(2 * blocks);
    const std::size_t loads = CalibrateLoads(memory, seconds, 1u << 12);
    auto samples = Samples(memory, loads, iterations);
    points.push_back({stride, Best(samples), std::move(samples)});
  }
  return points;
}

std::optional<std::size_t> LineSizeFromStrides(const std::vector<StridePoint>& points,
                                               double min_rise) {
  if (points.size() < 2) return std::nullopt;
  const double low = points.front().ns;
  const double high = points.back().ns;
  if (high - low < min_rise * low) return std::nullopt;
  for (const StridePoint& p : points) {
    if (p.ns > low + 0.5 * (high - low)) return p.stride;
  }
  return std::nullopt;
}

util::Expected<std::vector<WaysPoint>> MeasureSetConflicts(std::size_t set_stride,
                                                           int max_addresses, int iterations,
                                                           double seconds) {
  const auto count = static_cast<std::size_t>(max_addresses);
  ChaseMemory memory(set_stride * count, false);
  if (!memory.ok()) return util::MakeError(util::ErrorClass::kCapacity, "could not map memory");
  std::vector<WaysPoint> points;
  for (std::size_t k = 1; k <= count; ++k) {
    const auto offsets = LineOffsets(k, set_stride);
    memory.Link(offsets, SattoloCycle(k, k));
    memory.NsPerLoad(64);
    const std::size_t loads = CalibrateLoads(memory, seconds, 1024);
    auto samples = Samples(memory, loads, iterations);
    points.push_back({static_cast<int>(k), Best(samples), std::move(samples)});
  }
  return points;
}

std::optional<int> WaysFromConflicts(const std::vector<WaysPoint>& points, double jump) {
  if (points.empty()) return std::nullopt;
  const double base = points.front().ns;
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (points[i].ns > jump * base) return points[i - 1].addresses;
  }
  return std::nullopt;
}

}  // namespace agent::micro
