// arm64: scalar and NEON FMA kernels (both are baseline Armv8-A), the SVE one from
// fma_sve.cc, and the core clock.

#include <arm_neon.h>

#include <cstdint>

#include "agent/do_not_optimize.h"
#include "agent/hpl/fma.h"

namespace agent::hpl {

std::uint64_t FmaSve(std::uint64_t iterations);
int SveBits();

namespace {

// 24 chains: enough for 4 FMA pipes × 4 cycles latency, within the 32 vector registers.
constexpr int kChains = 24;

std::uint64_t FmaScalarArm(std::uint64_t iterations) {
  double acc[kChains];
  for (int k = 0; k < kChains; ++k) acc[k] = 1.0 + 1e-3 * k;
  const double m = 0.999999999, c = 1e-9;
  for (std::uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 24
    for (int k = 0; k < kChains; ++k) acc[k] = __builtin_fma(acc[k], m, c);
  }
  double sum = 0.0;
  for (int k = 0; k < kChains; ++k) sum += acc[k];
  DoNotOptimize(sum);
  return iterations * kChains * 2;
}

std::uint64_t FmaNeon(std::uint64_t iterations) {
  float64x2_t acc[kChains];
  for (int k = 0; k < kChains; ++k) acc[k] = vdupq_n_f64(1.0 + 1e-3 * k);
  const float64x2_t m = vdupq_n_f64(0.999999999), c = vdupq_n_f64(1e-9);
  for (std::uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 24
    for (int k = 0; k < kChains; ++k) acc[k] = vfmaq_f64(c, acc[k], m);
  }
  float64x2_t sum = acc[0];
  for (int k = 1; k < kChains; ++k) sum = vaddq_f64(sum, acc[k]);
  DoNotOptimize(sum);
  return iterations * kChains * 2 * 2;
}

}  // namespace

std::vector<FmaKernel> FmaKernels() {
  return {
      {"scalar", 64, "", kChains, FmaScalarArm, nullptr},
      {"neon-128", 128, "", kChains, FmaNeon, nullptr},
      {"sve", 0, "sve", 24, FmaSve, SveBits},
  };
}

void DependentAdds(std::uint64_t rounds) {
  std::uint64_t x = 0;
  std::uint64_t step = 1;
  asm volatile("" : "+r"(step));
  for (std::uint64_t r = 0; r < rounds; ++r) {
    // A register operand, as on x86, so that no renamer can fold the chain.
    asm volatile(
        ".rept 64\n\t"
        "add %0, %0, %1\n\t"
        ".endr"
        : "+r"(x)
        : "r"(step));
  }
}

}  // namespace agent::hpl
