// The 512-bit FMA kernel; compiled with -mavx512f and called only when the CPU has it.

#include <immintrin.h>

#include "agent/hpl/fma_chains.h"

namespace agent::hpl {
namespace {

struct Avx512Ops {
  using V = __m512d;
  static constexpr std::uint64_t kLanes = 8;
  static V Set1(double v) { return _mm512_set1_pd(v); }
  static V Fma(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  static V Add(V a, V b) { return _mm512_add_pd(a, b); }
};

}  // namespace

// 24 chains: three times the 8 that latency 4 × 2 units needs, within the 32 registers.
std::uint64_t Fma512X86(std::uint64_t iterations) {
  return RunFmaChains<Avx512Ops, 24>(iterations);
}

}  // namespace agent::hpl
