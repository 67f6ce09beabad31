#pragma once
// hpl-branch's kernel: the same loop over sorted (predictable) and random (unpredictable)
// 50/50 branch directions; the time difference per mispredicted branch is its cost.

#include <cstdint>
#include <vector>

namespace agent::hpl {

// Directions: `random` true gives independent fair coin flips, false the same count of
// ones and zeros in two runs (the predictor learns it after one switch).
std::vector<std::uint8_t> BranchDirections(std::size_t count, bool random, std::uint64_t seed);

// ns per element for `passes` passes of the branchy loop over `directions`.
double BranchNsPerElement(const std::vector<std::uint8_t>& directions, int passes);

// Cost of one misprediction from the two timings, assuming the random directions are
// mispredicted at the rate a fair coin allows (one in two).
inline double MispredictNs(double random_ns, double predictable_ns) {
  return (random_ns - predictable_ns) / 0.5;
}

}  // namespace agent::hpl
