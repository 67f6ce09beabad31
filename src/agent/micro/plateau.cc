#include "agent/micro/plateau.h"

#include <algorithm>

namespace agent::micro {
namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t mid = v.size() / 2;
  return v.size() % 2 == 1 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
}

}  // namespace

std::vector<Plateau> DetectPlateaus(const std::vector<SizePoint>& points, double jump,
                                    std::size_t min_points) {
  std::vector<Plateau> plateaus;
  std::size_t i = 0;
  while (i < points.size()) {
    std::size_t j = i + 1;
    while (j < points.size() && points[j].ns <= jump * points[j - 1].ns) ++j;
    if (j - i >= min_points) {
      std::vector<double> values;
      for (std::size_t k = i; k < j; ++k) values.push_back(points[k].ns);
      Plateau p;
      p.first_bytes = points[i].bytes;
      p.last_bytes = points[j - 1].bytes;
      p.next_bytes = j < points.size() ? points[j].bytes : 0;
      p.ns = Median(values);
      p.points = j - i;
      plateaus.push_back(p);
    }
    i = j;
  }
  return plateaus;
}

}  // namespace agent::micro
