#include "agent/stream/kernels.h"

namespace agent::stream {
namespace {

void Copy(double* __restrict c, const double* __restrict a, size_t begin, size_t end) {
  for (size_t j = begin; j < end; ++j) c[j] = a[j];
}
void Scale(double* __restrict b, const double* __restrict c, double scalar, size_t begin,
           size_t end) {
  for (size_t j = begin; j < end; ++j) b[j] = scalar * c[j];
}
void Add(double* __restrict c, const double* __restrict a, const double* __restrict b, size_t begin,
         size_t end) {
  for (size_t j = begin; j < end; ++j) c[j] = a[j] + b[j];
}
void Triad(double* __restrict a, const double* __restrict b, const double* __restrict c,
           double scalar, size_t begin, size_t end) {
  for (size_t j = begin; j < end; ++j) a[j] = b[j] + scalar * c[j];
}

}  // namespace

const KernelSet& PortableKernels() {
  static const KernelSet kSet = {"portable", "", "regular", 0, Copy, Scale, Add, Triad};
  return kSet;
}

}  // namespace agent::stream
