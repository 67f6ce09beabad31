// 256-bit AVX2 STREAM kernels with non-temporal stores (vmovntpd). Compiled with -mavx2
// -mfma for this file only; reached only when CPUID says avx2 (stream/variants.cc).

#include <immintrin.h>

#include "agent/stream/kernels.h"

namespace agent::stream {
namespace {

constexpr size_t kLanes = 4;

// Ranges start 64-byte aligned (the driver's partition); the tail after the last full
// vector uses ordinary stores.
size_t VectorEnd(size_t begin, size_t end) { return begin + (end - begin) / kLanes * kLanes; }

void Copy(double* c, const double* a, size_t begin, size_t end) {
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) _mm256_stream_pd(c + j, _mm256_load_pd(a + j));
  for (; j < end; ++j) c[j] = a[j];
  _mm_sfence();
}
void Scale(double* b, const double* c, double scalar, size_t begin, size_t end) {
  __m256d s = _mm256_set1_pd(scalar);
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) _mm256_stream_pd(b + j, _mm256_mul_pd(s, _mm256_load_pd(c + j)));
  for (; j < end; ++j) b[j] = scalar * c[j];
  _mm_sfence();
}
void Add(double* c, const double* a, const double* b, size_t begin, size_t end) {
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) {
    _mm256_stream_pd(c + j, _mm256_add_pd(_mm256_load_pd(a + j), _mm256_load_pd(b + j)));
  }
  for (; j < end; ++j) c[j] = a[j] + b[j];
  _mm_sfence();
}
void Triad(double* a, const double* b, const double* c, double scalar, size_t begin, size_t end) {
  __m256d s = _mm256_set1_pd(scalar);
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) {
    _mm256_stream_pd(a + j, _mm256_fmadd_pd(s, _mm256_load_pd(c + j), _mm256_load_pd(b + j)));
  }
  for (; j < end; ++j) a[j] = b[j] + scalar * c[j];
  _mm_sfence();
}

}  // namespace

const KernelSet* Avx2Kernels() {
  static const KernelSet kSet = {"avx2", "avx2", "non-temporal", 256, Copy, Scale, Add, Triad};
  return &kSet;
}

}  // namespace agent::stream
