// 128-bit NEON STREAM kernels. A64 has no non-temporal store of one vector, but STNP
// stores a pair of Q registers with a non-temporal hint, so a "vector" here is a pair of
// float64x2_t (four doubles). Built only for aarch64; reached only when hwcaps say asimd.

#include <arm_neon.h>

#include "agent/stream/simd_kernels.h"

namespace agent::stream {
namespace {

struct NeonOps {
  using Vector = float64x2x2_t;
  static constexpr size_t kLanes = 4;
  static Vector Load(const double* p) { return {vld1q_f64(p), vld1q_f64(p + 2)}; }
  static Vector Broadcast(double x) { return {vdupq_n_f64(x), vdupq_n_f64(x)}; }
  static Vector Mul(Vector x, Vector y) {
    return {vmulq_f64(x.val[0], y.val[0]), vmulq_f64(x.val[1], y.val[1])};
  }
  static Vector Add(Vector x, Vector y) {
    return {vaddq_f64(x.val[0], y.val[0]), vaddq_f64(x.val[1], y.val[1])};
  }
  static Vector MulAdd(Vector s, Vector x, Vector y) {
    return {vfmaq_f64(y.val[0], s.val[0], x.val[0]), vfmaq_f64(y.val[1], s.val[1], x.val[1])};
  }
  static void StoreNonTemporal(double* p, Vector v) {
    asm volatile("stnp %q[low], %q[high], [%[to]]"
                 :
                 : [low] "w"(v.val[0]), [high] "w"(v.val[1]), [to] "r"(p)
                 : "memory");
  }
  static void Fence() {}  // STNP needs no fence for the driver's join to see the data
};

}  // namespace

const KernelSet* NeonKernels() {
  static const KernelSet kSet =
      SimdKernels<NeonOps>::Set("neon", "neon", "non-temporal (stnp)", 128);
  return &kSet;
}

}  // namespace agent::stream
