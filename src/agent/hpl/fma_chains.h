#pragma once
// The FMA chain loop shared by the x86 kernel files. Included only by files compiled with
// the width's ISA flags (fma_avx2.cc, fma_avx512.cc), so each instantiation is built with
// the instructions it needs and nothing else sees it.

#include <cstddef>
#include <cstdint>

#include "agent/do_not_optimize.h"

namespace agent::hpl {

// `Ops` provides V, Set1(double), Fma(a, b, c) = a·b + c, Add(a, b) and kLanes.
template <typename Ops, std::size_t kChains>
std::uint64_t RunFmaChains(std::uint64_t iterations) {
  using V = typename Ops::V;
  V acc[kChains];
  for (std::size_t k = 0; k < kChains; ++k) acc[k] = Ops::Set1(1.0 + 1e-3 * static_cast<double>(k));
  // acc·m + c converges to c/(1−m) instead of overflowing or going subnormal.
  const V m = Ops::Set1(0.999999999);
  const V c = Ops::Set1(1e-9);
  for (std::uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 32
    for (std::size_t k = 0; k < kChains; ++k) acc[k] = Ops::Fma(acc[k], m, c);
  }
  V sum = acc[0];
  for (std::size_t k = 1; k < kChains; ++k) sum = Ops::Add(sum, acc[k]);
  DoNotOptimize(sum);
  return iterations * kChains * Ops::kLanes * 2;
}

}  // namespace agent::hpl
