#include "agent/hpl/builtin_blas.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace agent::hpl {
namespace {

constexpr int kKc = 256;  // depth of a packed panel: A sliver + B sliver stay in L1
constexpr int kMc = 128;
constexpr int kNc = 1024;

std::size_t At(int i, int j, int ld) {
  return static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * static_cast<std::size_t>(ld);
}

class BuiltinBlas final : public Blas {
 public:
  explicit BuiltinBlas(KernelShape shape)
      : shape_(std::move(shape)),
        info_{"builtin-" + shape_.name, "", "aws-benchmark-agent built-in dgemm", shape_.name} {}

  void Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a, int lda,
             const double* b, int ldb, double beta, double* c, int ldc) override;
  void Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha, const double* a,
             int lda, double* b, int ldb) override;
  int Idamax(int n, const double* x, int incx) override {
    int best = 0;
    for (int i = 1; i < n; ++i) {
      if (std::fabs(x[ptrdiff_t{i} * incx]) > std::fabs(x[ptrdiff_t{best} * incx])) best = i;
    }
    return best;
  }
  bool SetThreads(int) override { return false; }
  const BlasInfo& Info() const override { return info_; }

 private:
  void Block(int mc, int nc, int kc, double alpha, const double* a, int lda, const double* b,
             int ldb, double* c, int ldc);

  KernelShape shape_;
  BlasInfo info_;
  std::vector<double> pack_a_, pack_b_, edge_;
};

void BuiltinBlas::Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a,
                        int lda, const double* b, int ldb, double beta, double* c, int ldc) {
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < m; ++i) c[At(i, j, ldc)] = beta == 0.0 ? 0.0 : beta * c[At(i, j, ldc)];
  }
  if (ta == Trans::kYes || tb == Trans::kYes) {
    // Not used by LU: a plain triple loop keeps the routine complete.
    for (int j = 0; j < n; ++j) {
      for (int p = 0; p < k; ++p) {
        const double bv = tb == Trans::kYes ? b[At(j, p, ldb)] : b[At(p, j, ldb)];
        for (int i = 0; i < m; ++i) {
          const double av = ta == Trans::kYes ? a[At(p, i, lda)] : a[At(i, p, lda)];
          c[At(i, j, ldc)] += alpha * av * bv;
        }
      }
    }
    return;
  }
  for (int jc = 0; jc < n; jc += kNc) {
    for (int pc = 0; pc < k; pc += kKc) {
      for (int ic = 0; ic < m; ic += kMc) {
        Block(std::min(kMc, m - ic), std::min(kNc, n - jc), std::min(kKc, k - pc), alpha,
              a + At(ic, pc, lda), lda, b + At(pc, jc, ldb), ldb, c + At(ic, jc, ldc), ldc);
      }
    }
  }
}

// Packs A (mc×kc, scaled by alpha) in mr-row slivers and B (kc×nc) in nr-column slivers,
// zero-padded, then runs the kernel on every tile; edge tiles go through a scratch tile.
void BuiltinBlas::Block(int mc, int nc, int kc, double alpha, const double* a, int lda,
                        const double* b, int ldb, double* c, int ldc) {
  const int mr = shape_.mr, nr = shape_.nr;
  const int mtiles = (mc + mr - 1) / mr, ntiles = (nc + nr - 1) / nr;
  pack_a_.assign(static_cast<std::size_t>(mtiles) * static_cast<std::size_t>(mr * kc), 0.0);
  pack_b_.assign(static_cast<std::size_t>(ntiles) * static_cast<std::size_t>(nr * kc), 0.0);
  for (int t = 0; t < mtiles; ++t) {
    double* dst = pack_a_.data() + static_cast<std::size_t>(t) * static_cast<std::size_t>(mr * kc);
    for (int p = 0; p < kc; ++p) {
      for (int i = 0; i < mr && t * mr + i < mc; ++i)
        dst[p * mr + i] = alpha * a[At(t * mr + i, p, lda)];
    }
  }
  for (int t = 0; t < ntiles; ++t) {
    double* dst = pack_b_.data() + static_cast<std::size_t>(t) * static_cast<std::size_t>(nr * kc);
    for (int p = 0; p < kc; ++p) {
      for (int j = 0; j < nr && t * nr + j < nc; ++j) dst[p * nr + j] = b[At(p, t * nr + j, ldb)];
    }
  }
  edge_.assign(static_cast<std::size_t>(mr) * static_cast<std::size_t>(nr), 0.0);
  for (int tj = 0; tj < ntiles; ++tj) {
    const double* pb =
        pack_b_.data() + static_cast<std::size_t>(tj) * static_cast<std::size_t>(nr * kc);
    for (int ti = 0; ti < mtiles; ++ti) {
      const double* pa =
          pack_a_.data() + static_cast<std::size_t>(ti) * static_cast<std::size_t>(mr * kc);
      const int rows = std::min(mr, mc - ti * mr), cols = std::min(nr, nc - tj * nr);
      double* ct = c + At(ti * mr, tj * nr, ldc);
      if (rows == mr && cols == nr) {
        shape_.kernel(kc, pa, pb, ct, ldc);
        continue;
      }
      std::fill(edge_.begin(), edge_.end(), 0.0);
      shape_.kernel(kc, pa, pb, edge_.data(), mr);
      for (int j = 0; j < cols; ++j) {
        for (int i = 0; i < rows; ++i) ct[At(i, j, ldc)] += edge_[At(i, j, mr)];
      }
    }
  }
}

void BuiltinBlas::Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha,
                        const double* a, int lda, double* b, int ldb) {
  // LU only needs left-side, non-transposed solves; column by column substitution.
  (void)side;
  (void)ta;
  for (int j = 0; j < n; ++j) {
    double* x = b + At(0, j, ldb);
    for (int i = 0; i < m; ++i) x[i] *= alpha;
    if (uplo == Uplo::kLower) {
      for (int p = 0; p < m; ++p) {
        if (diag == Diag::kNonUnit) x[p] /= a[At(p, p, lda)];
        for (int i = p + 1; i < m; ++i) x[i] -= x[p] * a[At(i, p, lda)];
      }
    } else {
      for (int p = m - 1; p >= 0; --p) {
        if (diag == Diag::kNonUnit) x[p] /= a[At(p, p, lda)];
        for (int i = 0; i < p; ++i) x[i] -= x[p] * a[At(i, p, lda)];
      }
    }
  }
}

void PortableKernel4x4(int kc, const double* a, const double* b, double* c, int ldc) {
  double t[4][4] = {};
  for (int p = 0; p < kc; ++p) {
    for (int j = 0; j < 4; ++j) {
      for (int i = 0; i < 4; ++i) t[j][i] += a[p * 4 + i] * b[p * 4 + j];
    }
  }
  for (int j = 0; j < 4; ++j) {
    for (int i = 0; i < 4; ++i) c[At(i, j, ldc)] += t[j][i];
  }
}

class BuiltinBlasLoader final : public BlasLoader {
 public:
  util::Expected<std::unique_ptr<Blas>> Load(const std::string& library) override {
    if (library == "builtin-portable") return MakeBuiltinBlas(PortableKernel());
    if (library == "builtin-sve") {
      KernelShape sve = SveKernel();
      if (sve.kernel != nullptr) return MakeBuiltinBlas(std::move(sve));
      return util::MakeError(util::ErrorClass::kNotFound,
                             "builtin-sve: this build has no SVE dgemm kernel");
    }
    return util::MakeError(util::ErrorClass::kNotFound, "no built-in BLAS named " + library);
  }
};

}  // namespace

std::unique_ptr<Blas> MakeBuiltinBlas(KernelShape shape) {
  return std::make_unique<BuiltinBlas>(std::move(shape));
}

KernelShape PortableKernel() { return {"portable-4x4", 4, 4, PortableKernel4x4}; }

std::unique_ptr<BlasLoader> MakeBuiltinBlasLoader() {
  return std::make_unique<BuiltinBlasLoader>();
}

}  // namespace agent::hpl
