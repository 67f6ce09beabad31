// 256-bit AVX2 STREAM kernels with non-temporal stores (vmovntpd ymm). Compiled with
// -mavx2 -mfma for this file only; reached only when CPUID says avx2 and fma.

#include <immintrin.h>

#include "agent/stream/simd_kernels.h"

namespace agent::stream {
namespace {

struct Avx2Ops {
  using Vector = __m256d;
  static constexpr size_t kLanes = 4;
  static Vector Load(const double* p) { return _mm256_load_pd(p); }
  static Vector Broadcast(double x) { return _mm256_set1_pd(x); }
  static Vector Mul(Vector x, Vector y) { return _mm256_mul_pd(x, y); }
  static Vector Add(Vector x, Vector y) { return _mm256_add_pd(x, y); }
  static Vector MulAdd(Vector s, Vector x, Vector y) { return _mm256_fmadd_pd(s, x, y); }
  static void StoreNonTemporal(double* p, Vector v) { _mm256_stream_pd(p, v); }
  static void Fence() { _mm_sfence(); }
};

}  // namespace

const KernelSet* Avx2Kernels() {
  static const KernelSet kSet = SimdKernels<Avx2Ops>::Set("avx2", "avx2", "non-temporal", 256);
  return &kSet;
}

}  // namespace agent::stream
