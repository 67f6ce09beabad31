// 128-bit NEON STREAM kernels. AArch64 has no non-temporal store of a single vector, but
// STNP stores a pair of Q registers with a non-temporal hint; each step handles four
// doubles (two vectors) that way. Built only for aarch64; reached only when hwcaps say
// asimd (stream/variants.cc).

#include <arm_neon.h>

#include "agent/stream/kernels.h"

namespace agent::stream {
namespace {

constexpr size_t kStep = 4;  // two float64x2_t

size_t VectorEnd(size_t begin, size_t end) { return begin + (end - begin) / kStep * kStep; }

inline void StorePairNonTemporal(double* to, float64x2_t low, float64x2_t high) {
  asm volatile("stnp %q[low], %q[high], [%[to]]"
               :
               : [low] "w"(low), [high] "w"(high), [to] "r"(to)
               : "memory");
}

void Copy(double* c, const double* a, size_t begin, size_t end) {
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kStep) StorePairNonTemporal(c + j, vld1q_f64(a + j), vld1q_f64(a + j + 2));
  for (; j < end; ++j) c[j] = a[j];
}
void Scale(double* b, const double* c, double scalar, size_t begin, size_t end) {
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kStep) {
    StorePairNonTemporal(b + j, vmulq_n_f64(vld1q_f64(c + j), scalar), vmulq_n_f64(vld1q_f64(c + j + 2), scalar));
  }
  for (; j < end; ++j) b[j] = scalar * c[j];
}
void Add(double* c, const double* a, const double* b, size_t begin, size_t end) {
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kStep) {
    StorePairNonTemporal(c + j, vaddq_f64(vld1q_f64(a + j), vld1q_f64(b + j)),
                         vaddq_f64(vld1q_f64(a + j + 2), vld1q_f64(b + j + 2)));
  }
  for (; j < end; ++j) c[j] = a[j] + b[j];
}
void Triad(double* a, const double* b, const double* c, double scalar, size_t begin, size_t end) {
  float64x2_t s = vdupq_n_f64(scalar);
  size_t j = begin;
  for (; j < VectorEnd(begin, end); j += kStep) {
    StorePairNonTemporal(a + j, vfmaq_f64(vld1q_f64(b + j), s, vld1q_f64(c + j)),
                         vfmaq_f64(vld1q_f64(b + j + 2), s, vld1q_f64(c + j + 2)));
  }
  for (; j < end; ++j) a[j] = b[j] + scalar * c[j];
}

}  // namespace

const KernelSet* NeonKernels() {
  static const KernelSet kSet = {"neon", "neon", "non-temporal (stnp)", 128, Copy, Scale, Add, Triad};
  return &kSet;
}

}  // namespace agent::stream
