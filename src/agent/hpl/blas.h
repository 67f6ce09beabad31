#pragma once
// The BLAS that the hpl variants factor with. The library is chosen at run time
// (dlopen) so that one agent binary serves OpenBLAS, BLIS, MKL and ArmPL; tests wrap a
// real library in a decorator to inject faults through this same interface.

#include <memory>
#include <string>

#include "util/expected.h"

namespace agent::hpl {

enum class Side { kLeft, kRight };
enum class Uplo { kUpper, kLower };
enum class Trans { kNo, kYes };
enum class Diag { kNonUnit, kUnit };

// What a result records about the library that produced it.
struct BlasInfo {
  std::string name;     // the name it was loaded by, e.g. "libopenblas.so.0"
  std::string path;     // the file the dynamic loader resolved it to
  std::string version;  // the library's own version/config string, or "unknown"
  std::string kernel;   // the kernel set it selected (OpenBLAS core name), or ""
};

// Column-major double-precision BLAS, the three routines LU needs.
class Blas {
 public:
  virtual ~Blas() = default;
  // C = alpha * op(A) * op(B) + beta * C; C is m×n, op(A) m×k.
  virtual void Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a,
                     int lda, const double* b, int ldb, double beta, double* c, int ldc) = 0;
  // B = alpha * inv(op(A)) * B (side left) or B * inv(op(A)) (side right); B is m×n.
  virtual void Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha,
                     const double* a, int lda, double* b, int ldb) = 0;
  // Zero-based index of the first element of largest |x[i*incx]|, i < n.
  virtual int Idamax(int n, const double* x, int incx) = 0;
  // Threads the library may use from now on; false when it has no such control.
  virtual bool SetThreads(int threads) = 0;
  virtual const BlasInfo& Info() const = 0;
};

// Opens a BLAS by library name. A library that is missing or lacks a routine gives
// kNotFound with the name in the message: the caller reports `skipped`, never a substitute.
class BlasLoader {
 public:
  virtual ~BlasLoader() = default;
  virtual util::Expected<std::unique_ptr<Blas>> Load(const std::string& library) = 0;
};

// The real loader: dlopen + dlsym of the CBLAS routines (Fortran idamax_).
std::unique_ptr<BlasLoader> MakeDlopenBlasLoader();

}  // namespace agent::hpl
