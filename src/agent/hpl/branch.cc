#include "agent/hpl/branch.h"

#include <chrono>

namespace agent::hpl {

std::vector<std::uint8_t> BranchDirections(std::size_t count, bool random, std::uint64_t seed) {
  std::vector<std::uint8_t> out(count);
  std::uint64_t state = seed | 1;
  for (std::size_t i = 0; i < count; ++i) {
    if (random) {
      state ^= state << 13;  // xorshift64: cheap, and no pattern a predictor can learn
      state ^= state >> 7;
      state ^= state << 17;
      out[i] = static_cast<std::uint8_t>(state >> 63);
    } else {
      out[i] = i < count / 2 ? 1 : 0;
    }
  }
  return out;
}

double BranchNsPerElement(const std::vector<std::uint8_t>& directions, int passes) {
  std::uint64_t acc = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int p = 0; p < passes; ++p) {
    for (std::size_t i = 0; i < directions.size(); ++i) {
      // Different asm in each arm: the compiler can neither merge the arms nor turn the
      // branch into a conditional move, so the hardware must predict it.
      if (directions[i] != 0) {
        acc += i;
        asm volatile("# taken" : "+r"(acc));
      } else {
        acc ^= i;
        asm volatile("# not taken" : "+r"(acc));
      }
    }
  }
  asm volatile("" : : "r"(acc));
  const double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  return ns / (static_cast<double>(directions.size()) * passes);
}

}  // namespace agent::hpl
