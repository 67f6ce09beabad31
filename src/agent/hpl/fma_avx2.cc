// Scalar, 128-bit and 256-bit FMA kernels; compiled with -mavx2 -mfma (see sources.cmake)
// and called only when the CPU reports the "fma" feature.

#include <immintrin.h>

#include "agent/hpl/fma_chains.h"

namespace agent::hpl {
namespace {

// 12 chains: FMA latency 4 cycles × 2 units needs 8; 12 leaves margin and still fits the 16
// vector registers with the two constants.
constexpr std::size_t kChains = 12;

struct ScalarOps {
  using V = __m128d;
  static constexpr std::uint64_t kLanes = 1;
  static V Set1(double v) { return _mm_set_sd(v); }
  static V Fma(V a, V b, V c) { return _mm_fmadd_sd(a, b, c); }
  static V Add(V a, V b) { return _mm_add_sd(a, b); }
};
struct Sse128Ops {
  using V = __m128d;
  static constexpr std::uint64_t kLanes = 2;
  static V Set1(double v) { return _mm_set1_pd(v); }
  static V Fma(V a, V b, V c) { return _mm_fmadd_pd(a, b, c); }
  static V Add(V a, V b) { return _mm_add_pd(a, b); }
};
struct Avx256Ops {
  using V = __m256d;
  static constexpr std::uint64_t kLanes = 4;
  static V Set1(double v) { return _mm256_set1_pd(v); }
  static V Fma(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
  static V Add(V a, V b) { return _mm256_add_pd(a, b); }
};

}  // namespace

std::uint64_t FmaScalarX86(std::uint64_t iterations) {
  return RunFmaChains<ScalarOps, kChains>(iterations);
}
std::uint64_t Fma128X86(std::uint64_t iterations) {
  return RunFmaChains<Sse128Ops, kChains>(iterations);
}
std::uint64_t Fma256X86(std::uint64_t iterations) {
  return RunFmaChains<Avx256Ops, kChains>(iterations);
}

}  // namespace agent::hpl
