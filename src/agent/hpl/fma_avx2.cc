// Scalar, 128-bit and 256-bit FMA kernels; compiled with -mavx2 -mfma (see sources.cmake)
// and called only when the CPU reports the "fma" feature.

#include <immintrin.h>

#include <cstdint>

#include "agent/do_not_optimize.h"

namespace agent::hpl {
namespace {

// 12 chains: FMA latency 4 cycles × 2 units needs 8; 12 leaves margin and still fits the 16
// vector registers with the two constants.
constexpr int kChains = 12;

template <typename V, V (*Set1)(double), V (*Fma)(V, V, V), V (*Add)(V, V)>
std::uint64_t RunChains(std::uint64_t iterations, int lanes) {
  V acc[kChains];
  for (int k = 0; k < kChains; ++k) acc[k] = Set1(1.0 + 1e-3 * k);
  // acc·m + c converges to c/(1−m) instead of overflowing or going subnormal.
  const V m = Set1(0.999999999);
  const V c = Set1(1e-9);
  for (std::uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int k = 0; k < kChains; ++k) acc[k] = Fma(acc[k], m, c);
  }
  V sum = acc[0];
  for (int k = 1; k < kChains; ++k) sum = Add(sum, acc[k]);
  DoNotOptimize(sum);
  return iterations * kChains * static_cast<std::uint64_t>(lanes) * 2;
}

__m128d Set1Sd(double v) { return _mm_set_sd(v); }
__m128d FmaSd(__m128d a, __m128d b, __m128d c) { return _mm_fmadd_sd(a, b, c); }
__m128d AddSd(__m128d a, __m128d b) { return _mm_add_sd(a, b); }
__m128d Set1Pd128(double v) { return _mm_set1_pd(v); }
__m128d FmaPd128(__m128d a, __m128d b, __m128d c) { return _mm_fmadd_pd(a, b, c); }
__m128d AddPd128(__m128d a, __m128d b) { return _mm_add_pd(a, b); }
__m256d Set1Pd256(double v) { return _mm256_set1_pd(v); }
__m256d FmaPd256(__m256d a, __m256d b, __m256d c) { return _mm256_fmadd_pd(a, b, c); }
__m256d AddPd256(__m256d a, __m256d b) { return _mm256_add_pd(a, b); }

}  // namespace

std::uint64_t FmaScalarX86(std::uint64_t iterations) {
  return RunChains<__m128d, Set1Sd, FmaSd, AddSd>(iterations, 1);
}
std::uint64_t Fma128X86(std::uint64_t iterations) {
  return RunChains<__m128d, Set1Pd128, FmaPd128, AddPd128>(iterations, 2);
}
std::uint64_t Fma256X86(std::uint64_t iterations) {
  return RunChains<__m256d, Set1Pd256, FmaPd256, AddPd256>(iterations, 4);
}

}  // namespace agent::hpl
