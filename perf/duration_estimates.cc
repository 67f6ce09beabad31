// Prints the planner's duration estimate of every variant for one machine shape, as
// perf/durations-compare.sh sets it beside the agent's measured runs.
// Usage: duration_estimates VCPUS MEMORY_GIB ITERATIONS
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/durations.h"
#include "bench/variants.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: duration_estimates VCPUS MEMORY_GIB ITERATIONS\n");
    return 2;
  }
  const bench::Shape shape{std::atoi(argv[1]), std::atof(argv[2])};
  const int iterations = std::atoi(argv[3]);
  if (shape.vcpus <= 0 || shape.memory_gib <= 0 || iterations <= 0) {
    std::fprintf(stderr, "duration_estimates: VCPUS, MEMORY_GIB and ITERATIONS must be > 0\n");
    return 2;
  }
  for (const bench::Variant& variant : bench::Variants()) {
    std::printf("%s\t%.2f\n", std::string(variant.name).c_str(),
                bench::EstimateSeconds(variant, shape, iterations));
  }
  return 0;
}
