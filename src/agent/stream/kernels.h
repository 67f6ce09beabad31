#pragma once
// The four STREAM kernels (copy, scale, add, triad) as range functions, one set per ISA.
// The driver (stream_run.cc) splits the arrays into per-thread ranges whose starts are
// 64-byte aligned, so that non-temporal vector stores can be used inside each range.

#include <cstddef>

namespace agent::stream {

struct KernelSet {
  const char* name;         // "portable", "avx2", "avx512", "neon"
  const char* isa_feature;  // the SysInfo feature it needs ("" for portable)
  const char* stores;       // "regular" or "non-temporal"
  int vector_bits;          // 0 for compiler-chosen
  void (*copy)(double* c, const double* a, size_t begin, size_t end);
  void (*scale)(double* b, const double* c, double scalar, size_t begin, size_t end);
  void (*add)(double* c, const double* a, const double* b, size_t begin, size_t end);
  void (*triad)(double* a, const double* b, const double* c, double scalar, size_t begin,
                size_t end);
};

// Plain loops that the compiler vectorizes for the build's baseline ISA (and, on x86-64 with
// GCC, for AVX2 + FMA too, picked at load time: kernels_portable.cc says why).
const KernelSet& PortableKernels();
// Explicit kernels; nullptr when this build's architecture has no such ISA (an x86 build
// has no NEON kernels and an aarch64 build no AVX ones). Compiled with their own -m flags
// in stream_avx2.cc / stream_avx512.cc / stream_neon.cc and called only after the run-time
// ISA check.
const KernelSet* Avx2Kernels();
const KernelSet* Avx512Kernels();
const KernelSet* NeonKernels();

}  // namespace agent::stream
