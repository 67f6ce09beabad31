#include "agent/stream/kernels.h"

// The baseline ISA (x86-64: SSE2) gives GCC 128-bit loads and stores and no FMA, where the
// reference STREAM built with -march=native gets 256-bit vectors and FMA (seen in objdump of
// both: movupd/mulpd/addpd against vmovupd/vfmadd213pd). On x86-64 with GCC each kernel is
// therefore also compiled for Haswell (AVX2 + FMA, 256-bit), which the loader picks (ifunc)
// on any CPU that has them. Not an AVX-512 clone: GCC's -march=native tunes this VM's
// AVX-512 core for 256-bit vectors, while a target_clones "arch=skylake-avx512" body came
// out with 512-bit ones. The stores stay regular, as in the reference; the explicit-ISA
// variants are the ones with non-temporal stores. Other ISAs and compilers keep the one
// baseline body.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define ABC_STREAM_CLONES __attribute__((target_clones("arch=haswell", "default")))
#else
#define ABC_STREAM_CLONES
#endif

namespace agent::stream {
namespace {

ABC_STREAM_CLONES void Copy(double* __restrict c, const double* __restrict a, size_t begin,
                            size_t end) {
  for (size_t j = begin; j < end; ++j) c[j] = a[j];
}
ABC_STREAM_CLONES void Scale(double* __restrict b, const double* __restrict c, double scalar,
                             size_t begin, size_t end) {
  for (size_t j = begin; j < end; ++j) b[j] = scalar * c[j];
}
ABC_STREAM_CLONES void Add(double* __restrict c, const double* __restrict a,
                           const double* __restrict b, size_t begin, size_t end) {
  for (size_t j = begin; j < end; ++j) c[j] = a[j] + b[j];
}
ABC_STREAM_CLONES void Triad(double* __restrict a, const double* __restrict b,
                             const double* __restrict c, double scalar, size_t begin, size_t end) {
  for (size_t j = begin; j < end; ++j) a[j] = b[j] + scalar * c[j];
}

}  // namespace

const KernelSet& PortableKernels() {
  static const KernelSet kSet = {"portable", "", "regular", 0, Copy, Scale, Add, Triad};
  return kSet;
}

}  // namespace agent::stream
