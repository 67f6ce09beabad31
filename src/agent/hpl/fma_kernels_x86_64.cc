// x86-64: the FMA kernel list and the core clock. Compiled without ISA flags, so nothing
// here may use an instruction the CPU might lack; the kernels are in fma_avx2.cc and
// fma_avx512.cc.

#include <cstdint>

#include "agent/hpl/fma.h"

namespace agent::hpl {

std::uint64_t FmaScalarX86(std::uint64_t iterations);
std::uint64_t Fma128X86(std::uint64_t iterations);
std::uint64_t Fma256X86(std::uint64_t iterations);
std::uint64_t Fma512X86(std::uint64_t iterations);

std::vector<FmaKernel> FmaKernels() {
  return {
      {"scalar", 64, "fma", 12, FmaScalarX86, nullptr},
      {"sse-128", 128, "fma", 12, Fma128X86, nullptr},
      {"avx-256", 256, "fma", 12, Fma256X86, nullptr},
      {"avx512-512", 512, "avx512f", 24, Fma512X86, nullptr},
  };
}

void DependentAdds(std::uint64_t rounds) {
  std::uint64_t x = 0;
  for (std::uint64_t r = 0; r < rounds; ++r) {
    // 64 adds, each depending on the last: 64 cycles whatever the core's width.
    asm volatile(
        ".rept 64\n\t"
        "addq $1, %0\n\t"
        ".endr"
        : "+r"(x));
  }
}

}  // namespace agent::hpl
