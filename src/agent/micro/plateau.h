#pragma once
// Finds the flat stretches of a latency-against-size curve: each is one level of the
// memory hierarchy, and where it ends is that level's effective capacity.

#include <cstddef>
#include <vector>

namespace agent::micro {

struct SizePoint {
  std::size_t bytes = 0;
  double ns = 0.0;
};

struct Plateau {
  std::size_t first_bytes = 0;  // smallest working set on the plateau
  std::size_t last_bytes = 0;   // largest working set still on it: the measured capacity
  std::size_t next_bytes = 0;   // first size past it (0 for the last plateau)
  double ns = 0.0;              // median latency of its points
  std::size_t points = 0;
};

// Points must be sorted by size. The curve is cut wherever latency rises by more than
// `jump` (a factor) from one size to the next; each piece of at least `min_points` points
// is a plateau. Pieces of one point are transitions and belong to none. Cutting on steps
// rather than on distance from a level keeps the slow rise inside a level (TLB misses,
// replacement) in that level.
std::vector<Plateau> DetectPlateaus(const std::vector<SizePoint>& points, double jump = 1.3,
                                    std::size_t min_points = 2);

}  // namespace agent::micro
