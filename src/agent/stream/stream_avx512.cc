// 512-bit AVX-512 STREAM kernels with non-temporal stores (vmovntpd zmm). Compiled with -mavx512f
// for this file only; reached only when CPUID and XCR0 say avx512f (stream/variants.cc).

#include <immintrin.h>

#include "agent/stream/kernels.h"

namespace agent::stream {
namespace {

constexpr size_t kLanes = 8;

// Ranges start 64-byte aligned (the driver's partition); the tail after the last full
// vector uses ordinary stores.
size_t VectorEnd(size_t begin, size_t end) { return begin + (end - begin) / kLanes * kLanes; }

void Copy(double* c, const double* a, size_t begin, size_t end) {
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) _mm512_stream_pd(c + j, _mm512_load_pd(a + j));
  for (; j < end; ++j) c[j] = a[j];
  _mm_sfence();
}
void Scale(double* b, const double* c, double scalar, size_t begin, size_t end) {
  __m512d s = _mm512_set1_pd(scalar);
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) _mm512_stream_pd(b + j, _mm512_mul_pd(s, _mm512_load_pd(c + j)));
  for (; j < end; ++j) b[j] = scalar * c[j];
  _mm_sfence();
}
void Add(double* c, const double* a, const double* b, size_t begin, size_t end) {
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) {
    _mm512_stream_pd(c + j, _mm512_add_pd(_mm512_load_pd(a + j), _mm512_load_pd(b + j)));
  }
  for (; j < end; ++j) c[j] = a[j] + b[j];
  _mm_sfence();
}
void Triad(double* a, const double* b, const double* c, double scalar, size_t begin, size_t end) {
  __m512d s = _mm512_set1_pd(scalar);
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kLanes) {
    _mm512_stream_pd(a + j, _mm512_fmadd_pd(s, _mm512_load_pd(c + j), _mm512_load_pd(b + j)));
  }
  for (; j < end; ++j) a[j] = b[j] + scalar * c[j];
  _mm_sfence();
}

}  // namespace

const KernelSet* Avx512Kernels() {
  static const KernelSet kSet = {"avx512", "avx512f", "non-temporal", 512, Copy, Scale, Add, Triad};
  return &kSet;
}

}  // namespace agent::stream
