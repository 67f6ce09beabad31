// The SVE dgemm micro-kernel for hpl-sve; compiled with -march=armv8-a+sve (aarch64 only)
// and called only when the CPU reports SVE. Tile: 2 vectors of rows × 8 columns, so the
// 16 accumulators, 2 A vectors and the B broadcasts fit the 32 SVE registers.

#include <arm_sve.h>

#include "agent/hpl/builtin_blas.h"

namespace agent::hpl {
namespace {

void SveKernel2x8(int kc, const double* a, const double* b, double* c, int ldc) {
  const svbool_t pg = svptrue_b64();
  const long vl = static_cast<long>(svcntd());
  const long ld = ldc;
#define ABC_LOAD(j) \
  svfloat64_t c0##j = svld1_f64(pg, c + j * ld), c1##j = svld1_f64(pg, c + j * ld + vl)
  ABC_LOAD(0);
  ABC_LOAD(1);
  ABC_LOAD(2);
  ABC_LOAD(3);
  ABC_LOAD(4);
  ABC_LOAD(5);
  ABC_LOAD(6);
  ABC_LOAD(7);
#undef ABC_LOAD
  for (int p = 0; p < kc; ++p) {
    const double* ap = a + p * 2 * vl;
    const double* bp = b + p * 8;
    const svfloat64_t a0 = svld1_f64(pg, ap), a1 = svld1_f64(pg, ap + vl);
#define ABC_FMA(j)                           \
  {                                          \
    const svfloat64_t bj = svdup_f64(bp[j]); \
    c0##j = svmla_f64_x(pg, c0##j, a0, bj);  \
    c1##j = svmla_f64_x(pg, c1##j, a1, bj);  \
  }
    ABC_FMA(0) ABC_FMA(1) ABC_FMA(2) ABC_FMA(3) ABC_FMA(4) ABC_FMA(5) ABC_FMA(6) ABC_FMA(7)
#undef ABC_FMA
  }
#define ABC_STORE(j)                \
  svst1_f64(pg, c + j * ld, c0##j); \
  svst1_f64(pg, c + j * ld + vl, c1##j)
  ABC_STORE(0);
  ABC_STORE(1);
  ABC_STORE(2);
  ABC_STORE(3);
  ABC_STORE(4);
  ABC_STORE(5);
  ABC_STORE(6);
  ABC_STORE(7);
#undef ABC_STORE
}

}  // namespace

KernelShape SveKernel() { return {"sve-2vx8", 2 * static_cast<int>(svcntd()), 8, SveKernel2x8}; }

}  // namespace agent::hpl
