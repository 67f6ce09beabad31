// 512-bit AVX-512 STREAM kernels with non-temporal stores (vmovntpd zmm). Compiled with
// -mavx512f for this file only; reached only when CPUID and XCR0 say avx512f.

#include <immintrin.h>

#include "agent/stream/simd_kernels.h"

namespace agent::stream {
namespace {

struct Avx512Ops {
  using Vector = __m512d;
  static constexpr size_t kLanes = 8;
  static Vector Load(const double* p) { return _mm512_load_pd(p); }
  static Vector Broadcast(double x) { return _mm512_set1_pd(x); }
  static Vector Mul(Vector x, Vector y) { return _mm512_mul_pd(x, y); }
  static Vector Add(Vector x, Vector y) { return _mm512_add_pd(x, y); }
  static Vector MulAdd(Vector s, Vector x, Vector y) { return _mm512_fmadd_pd(s, x, y); }
  static void StoreNonTemporal(double* p, Vector v) { _mm512_stream_pd(p, v); }
  static void Fence() { _mm_sfence(); }
};

}  // namespace

const KernelSet* Avx512Kernels() {
  static const KernelSet kSet =
      SimdKernels<Avx512Ops>::Set("avx512", "avx512f", "non-temporal", 512);
  return &kSet;
}

}  // namespace agent::stream
