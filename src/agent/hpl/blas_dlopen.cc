// dlopen-based BLAS. Only the CBLAS dgemm/dtrsm and the Fortran idamax_ are resolved:
// cblas_idamax returns size_t in OpenBLAS but a 32-bit f77_int in BLIS, so its return
// register would be read wrongly for one of them; idamax_ returns a Fortran INTEGER in both.

#include <dlfcn.h>
#include <link.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "agent/hpl/blas.h"

namespace agent::hpl {
namespace {

// CBLAS enumerator values, fixed by the CBLAS standard header.
constexpr int kColMajor = 102;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;
constexpr int kUpper = 121;
constexpr int kLower = 122;
constexpr int kNonUnit = 131;
constexpr int kUnit = 132;
constexpr int kLeft = 141;
constexpr int kRight = 142;

using DgemmFn = void (*)(int, int, int, int, int, int, double, const double*, int, const double*,
                         int, double, double*, int);
using DtrsmFn = void (*)(int, int, int, int, int, int, int, double, const double*, int, double*,
                         int);
using IdamaxFn = int (*)(const int*, const double*, const int*);
using StringFn = char* (*)();
using SetIntThreadsFn = void (*)(int);
using SetDimThreadsFn = void (*)(std::int64_t);  // BLIS: dim_t is 64-bit on LP64 builds
using MklVersionFn = void (*)(char*, int);

template <typename Fn>
Fn Symbol(void* handle, const char* name) {
  // dlsym returns void*; POSIX guarantees the conversion to a function pointer works.
  return reinterpret_cast<Fn>(dlsym(handle, name));
}

class DlopenBlas final : public Blas {
 public:
  DlopenBlas(void* handle, BlasInfo info, DgemmFn dgemm, DtrsmFn dtrsm, IdamaxFn idamax)
      : handle_(handle), info_(std::move(info)), dgemm_(dgemm), dtrsm_(dtrsm), idamax_(idamax) {}
  ~DlopenBlas() override { dlclose(handle_); }
  DlopenBlas(const DlopenBlas&) = delete;
  DlopenBlas& operator=(const DlopenBlas&) = delete;

  void Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a, int lda,
             const double* b, int ldb, double beta, double* c, int ldc) override {
    dgemm_(kColMajor, ta == Trans::kYes ? kTrans : kNoTrans, tb == Trans::kYes ? kTrans : kNoTrans,
           m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }
  void Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha, const double* a,
             int lda, double* b, int ldb) override {
    dtrsm_(kColMajor, side == Side::kLeft ? kLeft : kRight, uplo == Uplo::kUpper ? kUpper : kLower,
           ta == Trans::kYes ? kTrans : kNoTrans, diag == Diag::kUnit ? kUnit : kNonUnit, m, n,
           alpha, a, lda, b, ldb);
  }
  int Idamax(int n, const double* x, int incx) override {
    return n <= 0 ? 0 : idamax_(&n, x, &incx) - 1;  // Fortran indices start at 1
  }
  bool SetThreads(int threads) override {
    if (auto f = Symbol<SetIntThreadsFn>(handle_, "openblas_set_num_threads")) {
      f(threads);
      return true;
    }
    if (auto f = Symbol<SetDimThreadsFn>(handle_, "bli_thread_set_num_threads")) {
      f(threads);
      return true;
    }
    if (auto f = Symbol<SetIntThreadsFn>(handle_, "MKL_Set_Num_Threads")) {
      f(threads);
      return true;
    }
    return false;
  }
  const BlasInfo& Info() const override { return info_; }

 private:
  void* handle_;
  BlasInfo info_;
  DgemmFn dgemm_;
  DtrsmFn dtrsm_;
  IdamaxFn idamax_;
};

std::string VersionOf(void* handle) {
  if (auto f = Symbol<StringFn>(handle, "openblas_get_config")) return f();
  if (auto f = Symbol<StringFn>(handle, "bli_info_get_version_str")) {
    return std::string("BLIS ") + f();
  }
  if (auto f = Symbol<MklVersionFn>(handle, "MKL_Get_Version_String")) {
    std::array<char, 256> buffer{};
    f(buffer.data(), static_cast<int>(buffer.size()));
    return buffer.data();
  }
  return "unknown";
}

std::string PathOf(void* handle) {
  link_map* map = nullptr;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr) return "";
  return map->l_name;
}

class DlopenBlasLoader final : public BlasLoader {
 public:
  util::Expected<std::unique_ptr<Blas>> Load(const std::string& library) override {
    // RTLD_NODELETE: OpenBLAS and BLIS start thread pools and allocate buffers that
    // dlclose does not release; keeping the library mapped keeps them reachable (no leak)
    // and a later variant reuses them instead of initialising the library again.
    void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle == nullptr) {
      const char* why = dlerror();
      return util::MakeError(util::ErrorClass::kNotFound,
                             "BLAS library " + library + " not found: " + (why ? why : "?"));
    }
    auto dgemm = Symbol<DgemmFn>(handle, "cblas_dgemm");
    auto dtrsm = Symbol<DtrsmFn>(handle, "cblas_dtrsm");
    auto idamax = Symbol<IdamaxFn>(handle, "idamax_");
    if (dgemm == nullptr || dtrsm == nullptr || idamax == nullptr) {
      dlclose(handle);
      return util::MakeError(
          util::ErrorClass::kNotFound,
          "BLAS library " + library + " lacks cblas_dgemm, cblas_dtrsm or idamax_");
    }
    BlasInfo info{library, PathOf(handle), VersionOf(handle), ""};
    if (auto core = Symbol<StringFn>(handle, "openblas_get_corename")) info.kernel = core();
    return std::unique_ptr<Blas>(new DlopenBlas(handle, std::move(info), dgemm, dtrsm, idamax));
  }
};

}  // namespace

std::unique_ptr<BlasLoader> MakeDlopenBlasLoader() { return std::make_unique<DlopenBlasLoader>(); }

}  // namespace agent::hpl
