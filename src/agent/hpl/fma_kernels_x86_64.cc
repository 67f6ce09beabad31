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
  std::uint64_t step = 1;
  asm volatile("" : "+r"(step));  // a register the compiler cannot see through
  for (std::uint64_t r = 0; r < rounds; ++r) {
    // 64 adds, each depending on the last: 64 cycles whatever the core's width. The added
    // value is a register, not an immediate: Golden Cove and later cores fold chains of
    // add-immediate in the renamer, and `addq $1` then ran at 5-10 "GHz" on an Emerald
    // Rapids VM (measured 2026-11-29; register adds gave 1.5-1.7 GHz there).
    asm volatile(
        ".rept 64\n\t"
        "addq %1, %0\n\t"
        ".endr"
        : "+r"(x)
        : "r"(step));
  }
}

}  // namespace agent::hpl
