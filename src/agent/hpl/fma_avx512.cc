// The 512-bit FMA kernel; compiled with -mavx512f and called only when the CPU has it.

#include <immintrin.h>

#include <cstdint>

#include "agent/do_not_optimize.h"

namespace agent::hpl {

std::uint64_t Fma512X86(std::uint64_t iterations) {
  // 24 chains: twice the 8 that latency 4 × 2 units needs, within the 32 zmm registers.
  constexpr int kChains = 24;
  __m512d acc[kChains];
  for (int k = 0; k < kChains; ++k) acc[k] = _mm512_set1_pd(1.0 + 1e-3 * k);
  const __m512d m = _mm512_set1_pd(0.999999999);
  const __m512d c = _mm512_set1_pd(1e-9);
  for (std::uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 24
    for (int k = 0; k < kChains; ++k) acc[k] = _mm512_fmadd_pd(acc[k], m, c);
  }
  __m512d sum = acc[0];
  for (int k = 1; k < kChains; ++k) sum = _mm512_add_pd(sum, acc[k]);
  DoNotOptimize(sum);
  return iterations * kChains * 8 * 2;
}

}  // namespace agent::hpl
