#pragma once
// The agent's own BLAS for hpl-sve: a packed, blocked dgemm around a register-tile
// micro-kernel (the SVE one in hpl_sve.cc, or a portable one for tests), with simple
// triangular solves. Only what LU needs is fast: dgemm without transposes.

#include <memory>
#include <string>

#include "agent/hpl/blas.h"

namespace agent::hpl {

// C[0:mr, 0:nr] += A_packed · B_packed over kc; A packed mr-by-kc column-major in slivers,
// B packed kc-by-nr row-major; C column-major with leading dimension ldc.
using MicroKernel = void (*)(int kc, const double* a, const double* b, double* c, int ldc);

struct KernelShape {
  std::string name;  // "sve-2vx8", "portable-4x4"
  int mr = 0;        // rows of the register tile (runtime for SVE: 2 × vector length)
  int nr = 0;
  MicroKernel kernel = nullptr;
};

std::unique_ptr<Blas> MakeBuiltinBlas(KernelShape shape);

// The portable 4×4 kernel in plain C++: lets tests check the packing on any machine.
KernelShape PortableKernel();

// Loads "builtin-sve" (the SVE kernel; kNotFound when this build or CPU has none) and
// "builtin-portable".
std::unique_ptr<BlasLoader> MakeBuiltinBlasLoader();

// Defined in hpl_sve.cc on aarch64; absent (nullopt-like: name empty) elsewhere.
KernelShape SveKernel();

}  // namespace agent::hpl
