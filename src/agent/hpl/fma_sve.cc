// The SVE FMA kernel for hpl-vector; compiled with -march=armv8-a+sve and called only when
// the CPU reports SVE. Its width is the machine's vector length (svcntd() doubles).

#include <arm_sve.h>

#include <cstdint>

#include "agent/do_not_optimize.h"

namespace agent::hpl {

// 24 chains: Neoverse V2 keeps 4 pipes × 4 cycles = 16 FMAs in flight; 24 leaves margin
// within the 32 registers. Sizeless SVE types cannot form arrays, hence the macros.
std::uint64_t FmaSve(std::uint64_t iterations) {
  const svbool_t pg = svptrue_b64();
  const svfloat64_t m = svdup_f64(0.999999999);
  const svfloat64_t c = svdup_f64(1e-9);
  // clang-format does not settle on one layout for this macro.
  // clang-format off
#define ABC_CHAINS(X) \
  X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) \
  X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23)
  // clang-format on
#define ABC_INIT(k) svfloat64_t acc##k = svdup_f64(1.0 + 1e-3 * k);
#define ABC_STEP(k) acc##k = svmla_f64_x(pg, c, acc##k, m);
#define ABC_SUM(k) sum = svadd_f64_x(pg, sum, acc##k);
  ABC_CHAINS(ABC_INIT)
  for (std::uint64_t i = 0; i < iterations; ++i) {
    ABC_CHAINS(ABC_STEP)
  }
  svfloat64_t sum = svdup_f64(0.0);
  ABC_CHAINS(ABC_SUM)
#undef ABC_SUM
#undef ABC_STEP
#undef ABC_INIT
#undef ABC_CHAINS
  double out = svaddv_f64(pg, sum);
  DoNotOptimize(out);
  return iterations * 24 * svcntd() * 2;
}

int SveBits() { return static_cast<int>(svcntd() * 64); }

}  // namespace agent::hpl
