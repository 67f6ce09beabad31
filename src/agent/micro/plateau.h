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

// Points must be sorted by size. A plateau is a run of at least `min_points` points whose
// latencies stay within `tolerance` (relative) of the run's first point; the points in
// between plateaus are transitions and belong to none.
std::vector<Plateau> DetectPlateaus(const std::vector<SizePoint>& points, double tolerance = 0.15,
                                    std::size_t min_points = 2);

}  // namespace agent::micro
