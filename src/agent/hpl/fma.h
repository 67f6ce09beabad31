#pragma once
// hpl-vector's kernels: independent chains of fused multiply-adds at one vector width,
// enough of them to cover FMA latency × FMA units, so the core's FMA pipes stay full.
// The kernels live in files that CMake compiles with that width's flags (fma_avx2.cc,
// fma_avx512.cc, fma_sve.cc); the list is per architecture (fma_kernels_<arch>.cc).

#include <cstdint>
#include <string>
#include <vector>

namespace agent::hpl {

struct FmaKernel {
  std::string name;      // "scalar", "sse-128", "avx-256", "avx512-512", "neon-128", "sve"
  int bits = 0;          // vector width in bits (64 for scalar double)
  std::string isa;       // SysInfo feature the kernel needs ("fma", "avx512f", "sve")
  int accumulators = 0;  // independent FMA chains
  // Runs `iterations` rounds (one FMA per accumulator each); returns the flops done.
  std::uint64_t (*run)(std::uint64_t iterations) = nullptr;
  // For scalable vectors (SVE) the width is known only on the machine: bits is 0 and this
  // returns it. Call it only where `isa` is present.
  int (*runtime_bits)() = nullptr;
  int Bits() const { return runtime_bits != nullptr ? runtime_bits() : bits; }
};

// The kernels this build has for the target architecture, narrowest first.
std::vector<FmaKernel> FmaKernels();

// Core clock in GHz, measured over about `seconds` by a chain of dependent integer adds
// (one add per cycle on every x86-64 and Arm64 core this agent targets). 0 on failure.
double MeasureCoreGhz(double seconds);

// Runs rounds × 64 dependent integer adds (per architecture, in fma_kernels_<arch>.cc).
void DependentAdds(std::uint64_t rounds);

// Lanes of double in a vector of `bits`.
inline int DoubleLanes(int bits) { return bits / 64; }

}  // namespace agent::hpl
