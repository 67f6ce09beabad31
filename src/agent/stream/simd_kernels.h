#pragma once
// The four STREAM kernels written once over an ISA's operations. Each ISA file
// (stream_avx2.cc, stream_avx512.cc, stream_neon.cc) defines an `Ops` type with its
// intrinsics and instantiates SimdKernels<Ops> in its own translation unit, compiled
// with its own -m flags; nothing here is a non-template inline function, so no code
// compiled for a wider ISA can be merged into a caller built for a narrower one.
//
// Ops provides: Vector, kLanes (doubles per Vector), Load(p), Broadcast(x), Mul(x, y),
// Add(x, y), MulAdd(s, x, y) = s * x + y, StoreNonTemporal(p, v), Fence().

#include <cstddef>

#include "agent/stream/kernels.h"

namespace agent::stream {

template <typename Ops>
struct SimdKernels {
  // Ranges start 64-byte aligned (the driver's partition); the tail after the last full
  // vector uses ordinary stores.
  static size_t VectorEnd(size_t begin, size_t end) {
    return begin + (end - begin) / Ops::kLanes * Ops::kLanes;
  }

  static void Copy(double* c, const double* a, size_t begin, size_t end) {
    size_t j = begin;
    for (; j < VectorEnd(begin, end); j += Ops::kLanes)
      Ops::StoreNonTemporal(c + j, Ops::Load(a + j));
    for (; j < end; ++j) c[j] = a[j];
    Ops::Fence();
  }
  static void Scale(double* b, const double* c, double scalar, size_t begin, size_t end) {
    auto s = Ops::Broadcast(scalar);
    size_t j = begin;
    for (; j < VectorEnd(begin, end); j += Ops::kLanes)
      Ops::StoreNonTemporal(b + j, Ops::Mul(s, Ops::Load(c + j)));
    for (; j < end; ++j) b[j] = scalar * c[j];
    Ops::Fence();
  }
  static void Add(double* c, const double* a, const double* b, size_t begin, size_t end) {
    size_t j = begin;
    for (; j < VectorEnd(begin, end); j += Ops::kLanes) {
      Ops::StoreNonTemporal(c + j, Ops::Add(Ops::Load(a + j), Ops::Load(b + j)));
    }
    for (; j < end; ++j) c[j] = a[j] + b[j];
    Ops::Fence();
  }
  static void Triad(double* a, const double* b, const double* c, double scalar, size_t begin,
                    size_t end) {
    auto s = Ops::Broadcast(scalar);
    size_t j = begin;
    for (; j < VectorEnd(begin, end); j += Ops::kLanes) {
      Ops::StoreNonTemporal(a + j, Ops::MulAdd(s, Ops::Load(c + j), Ops::Load(b + j)));
    }
    for (; j < end; ++j) a[j] = b[j] + scalar * c[j];
    Ops::Fence();
  }
  static KernelSet Set(const char* name, const char* feature, const char* stores, int bits) {
    return {name, feature, stores, bits, Copy, Scale, Add, Triad};
  }
};

}  // namespace agent::stream
