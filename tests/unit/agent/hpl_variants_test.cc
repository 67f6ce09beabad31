#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "agent/hardware.h"
#include "agent/hpl/blas.h"
#include "agent/hpl/fma.h"
#include "agent/hpl/peak.h"
#include "agent/hpl/variants.h"
#include "agent/registry.h"
#include "test_support.h"

namespace agent::hpl {
namespace {

using agent::testing::HostContext;
using agent::testing::HostInfo;

const Variant& Find(const std::string& name) {
  const Variant* v = FindVariant(name);
  if (v == nullptr) throw std::runtime_error("no variant " + name);
  return *v;
}

LuFlavor DefaultFlavor() { return LuFlavors().front(); }

// Spoils every upper-triangular solve of a real BLAS, as a broken library would.
class WrongSolveBlas final : public Blas {
 public:
  explicit WrongSolveBlas(std::unique_ptr<Blas> inner) : inner_(std::move(inner)) {}
  void Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a, int lda,
             const double* b, int ldb, double beta, double* c, int ldc) override {
    inner_->Dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }
  void Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha, const double* a,
             int lda, double* b, int ldb) override {
    inner_->Dtrsm(side, uplo, ta, diag, m, n, alpha, a, lda, b, ldb);
    // A relative error of 1e-6 with alternating sign, far above roundoff at any N.
    if (uplo == Uplo::kUpper && n == 1) {
      for (int i = 0; i < m; ++i) b[i] *= 1.0 + (i % 2 == 0 ? 1e-6 : -1e-6);
    }
  }
  int Idamax(int n, const double* x, int incx) override { return inner_->Idamax(n, x, incx); }
  bool SetThreads(int threads) override { return inner_->SetThreads(threads); }
  const BlasInfo& Info() const override { return inner_->Info(); }

 private:
  std::unique_ptr<Blas> inner_;
};

class WrongSolveLoader final : public BlasLoader {
 public:
  util::Expected<std::unique_ptr<Blas>> Load(const std::string& library) override {
    auto real = MakeDlopenBlasLoader()->Load(library);
    if (!real) return real.error();
    return std::unique_ptr<Blas>(new WrongSolveBlas(std::move(real.value())));
  }
};

TEST(HplVariant, RealRunPassesTheResidualCheck) {
  HostContext host;
  BenchmarkResult r = Find("hpl").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  EXPECT_TRUE(r.validation.checked);
  EXPECT_TRUE(r.validation.passed);
  ASSERT_EQ(r.metrics.size(), 3u);
  EXPECT_EQ(r.metrics[0].name, "gflops");
  EXPECT_EQ(r.metrics[0].samples.size(), 3u);
  EXPECT_GT(r.metrics[0].stats.best, 0.0);
  for (double residual : r.metrics[2].samples) EXPECT_LT(residual, 16.0);
  EXPECT_EQ(r.parameters["library"]["name"], "libopenblas.so.0");
  EXPECT_NE(r.parameters["library"]["version"].get<std::string>().find("OpenBLAS"),
            std::string::npos);
  EXPECT_EQ(r.parameters["n"].get<int>() % r.parameters["block"].get<int>(), 0);
}

TEST(HplVariant, WrongSolveThroughTheInterfaceFails) {
  HostContext host;
  auto variant = MakeLuVariant(DefaultFlavor(), std::make_shared<WrongSolveLoader>());
  BenchmarkResult r = variant->Run(host.ctx);
  EXPECT_EQ(r.status, RunStatus::kFailed);
  EXPECT_NE(r.reason.find("residual"), std::string::npos) << r.reason;
  EXPECT_TRUE(r.validation.checked);
  EXPECT_FALSE(r.validation.passed);
}

// A real BLAS that raises the run's cancel flag at the first solve's last step (the upper
// triangular solve of one right-hand side), as a signal arriving during the first sample.
class CancellingLoader final : public BlasLoader {
 public:
  explicit CancellingLoader(std::atomic<bool>& cancel) : cancel_(cancel) {}
  util::Expected<std::unique_ptr<Blas>> Load(const std::string& library) override {
    auto real = MakeDlopenBlasLoader()->Load(library);
    if (!real) return real.error();
    return std::unique_ptr<Blas>(new CancellingBlas(std::move(real.value()), cancel_));
  }

 private:
  class CancellingBlas final : public Blas {
   public:
    CancellingBlas(std::unique_ptr<Blas> inner, std::atomic<bool>& cancel)
        : inner_(std::move(inner)), cancel_(cancel) {}
    void Dgemm(Trans ta, Trans tb, int m, int n, int k, double alpha, const double* a, int lda,
               const double* b, int ldb, double beta, double* c, int ldc) override {
      inner_->Dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
    void Dtrsm(Side side, Uplo uplo, Trans ta, Diag diag, int m, int n, double alpha,
               const double* a, int lda, double* b, int ldb) override {
      inner_->Dtrsm(side, uplo, ta, diag, m, n, alpha, a, lda, b, ldb);
      if (uplo == Uplo::kUpper && n == 1) cancel_ = true;
    }
    int Idamax(int n, const double* x, int incx) override { return inner_->Idamax(n, x, incx); }
    bool SetThreads(int threads) override { return inner_->SetThreads(threads); }
    const BlasInfo& Info() const override { return inner_->Info(); }

   private:
    std::unique_ptr<Blas> inner_;
    std::atomic<bool>& cancel_;
  };
  std::atomic<bool>& cancel_;
};

TEST(HplVariant, AnInterruptedRunKeepsItsParametersAndCompletedSamples) {
  HostContext host;
  auto variant = MakeLuVariant(DefaultFlavor(), std::make_shared<CancellingLoader>(host.cancel));
  BenchmarkResult r = variant->Run(host.ctx);
  EXPECT_EQ(r.status, RunStatus::kInterrupted);
  EXPECT_NE(r.reason.find("interrupted"), std::string::npos) << r.reason;
  EXPECT_GT(r.parameters["n"].get<int>(), 0);
  EXPECT_EQ(r.parameters["flops_formula"], "2/3 N^3 + 3/2 N^2");
  ASSERT_EQ(r.metrics.size(), 3u);
  EXPECT_EQ(r.metrics[0].name, "gflops");
  EXPECT_EQ(r.metrics[0].samples.size(), 1u);  // the one sample that completed
  EXPECT_GT(r.metrics[0].stats.best, 0.0);
  EXPECT_TRUE(r.validation.passed);
}

TEST(HplVariant, MissingLibraryIsSkippedWithItsName) {
  HostContext host;
  FakeCapabilities caps;
  caps.missing_libraries = {"libopenblas.so.0"};
  host.ctx.caps = &caps;
  BenchmarkResult r = Find("hpl").Run(host.ctx);
  EXPECT_EQ(r.status, RunStatus::kSkipped);
  EXPECT_NE(r.reason.find("libopenblas.so.0"), std::string::npos) << r.reason;
  EXPECT_TRUE(r.metrics.empty());
}

TEST(HplVariant, NonexistentLibraryThroughTheRealLoaderIsSkipped) {
  HostContext host;
  LuFlavor flavor = DefaultFlavor();
  flavor.libraries = {"libnonexistent.so"};
  BenchmarkResult r = MakeLuVariant(flavor, MakeDlopenBlasLoader())->Run(host.ctx);
  EXPECT_EQ(r.status, RunStatus::kSkipped);
  EXPECT_NE(r.reason.find("libnonexistent.so"), std::string::npos) << r.reason;
}

TEST(HplVariant, MklIsSkippedOnThisMachine) {
  HostContext host;
  const Variant& mkl = Find("hpl-mkl");
  if (!CheckApplies(mkl, HostInfo(), host.caps).applies) GTEST_SKIP() << "not an Intel CPU";
  BenchmarkResult r = mkl.Run(host.ctx);
  if (r.status == RunStatus::kOk) GTEST_SKIP() << "MKL is installed here";
  EXPECT_EQ(r.status, RunStatus::kSkipped);
  EXPECT_NE(r.reason.find("libmkl_rt"), std::string::npos) << r.reason;
}

TEST(HplVariant, ApplicabilityFollowsVendorArchAndIsa) {
  SysInfo amd = HostInfo();
  amd.arch = "x86_64";
  amd.vendor = "AuthenticAMD";
  FakeCapabilities caps;
  EXPECT_TRUE(CheckApplies(Find("hpl-blis"), amd, caps).applies);
  EXPECT_FALSE(CheckApplies(Find("hpl-mkl"), amd, caps).applies);
  EXPECT_FALSE(CheckApplies(Find("hpl-neoverse"), amd, caps).applies);
  SysInfo graviton = amd;
  graviton.arch = "aarch64";
  graviton.vendor = "ARM (0x41)";
  EXPECT_TRUE(CheckApplies(Find("hpl-neoverse"), graviton, caps).applies);
  const auto no_sve = CheckApplies(Find("hpl-sve"), graviton, caps);
  EXPECT_FALSE(no_sve.applies);
  EXPECT_NE(no_sve.reason.find("sve"), std::string::npos);
  caps.isa = {"sve"};
  EXPECT_TRUE(CheckApplies(Find("hpl-sve"), graviton, caps).applies);
}

TEST(HplVector, MeasuresEveryWidthTheCpuHas) {
  HostContext host;
  BenchmarkResult r = Find("hpl-vector").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  ASSERT_GE(r.derived["widths"].size(), 1u);
  double narrowest = 0.0, widest = 0.0;
  for (const Metric& m : r.metrics) {
    if (m.name != "gflops") continue;
    if (narrowest == 0.0) narrowest = m.stats.best;
    widest = m.stats.best;
    EXPECT_GT(m.stats.best, 0.0) << m.labels.dump();
  }
  // A wider vector does more flops per instruction; it must not be slower than scalar.
  EXPECT_GE(widest, narrowest);
  if (r.derived["peak"]["status"] == "ok") {
    EXPECT_GT(r.derived["peak"]["gflops_per_core"].get<double>(), 0.0);
    EXPECT_FALSE(r.derived["peak"]["units_source"].get<std::string>().empty());
  }
}

TEST(HplVector, UnknownMicroarchitectureSkipsThePeakWithTheReason) {
  HostContext host;
  SysInfo info = HostInfo();
  info.microarchitecture = "Imaginary Lake";
  host.ctx.info = &info;
  host.ctx.iterations = 1;
  BenchmarkResult r = Find("hpl-vector").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  EXPECT_EQ(r.derived["peak"]["status"], "skipped");
  EXPECT_NE(r.derived["peak"]["reason"].get<std::string>().find("Imaginary Lake"),
            std::string::npos);
}

TEST(HplPeak, FormulaAndTable) {
  auto spr = FmaUnitsFor("Sapphire Rapids");
  ASSERT_TRUE(spr.has_value());
  EXPECT_EQ(spr->units, 2);
  EXPECT_EQ(spr->bits, 512);
  EXPECT_DOUBLE_EQ(PeakGflops(*spr, 2.0), 2 * 8 * 2 * 2.0);  // 64 GFLOP/s at 2 GHz
  auto v1 = FmaUnitsFor("Neoverse V1 (Graviton3)");
  ASSERT_TRUE(v1.has_value());
  EXPECT_DOUBLE_EQ(PeakGflops(*v1, 2.6), 2 * 4 * 2 * 2.6);
  EXPECT_FALSE(FmaUnitsFor("unknown").has_value());
}

// The clock from a chain of dependent adds must be a clock a core can run at. A chain the
// core folds (add-immediate on Golden Cove and later) read 5-10 GHz on this machine. The
// bounds: no shipping core runs above 6.2 GHz (Intel's i9-14900KS, the fastest at its
// 2024 launch), and none of EC2's below 1 GHz; under qemu the chain is translated code,
// slower than the host, so the upper bound holds there too.
TEST(HplCoreClock, DependentAddChainGivesAPlausibleClock) {
  for (int run = 0; run < 3; ++run) {
    double ghz = MeasureCoreGhz(0.05);
    EXPECT_LT(ghz, 6.5) << "a chain the core can shorten";
    EXPECT_GT(ghz, 0.05);
  }
}

// A clock that reads below what the FMA rate needs is measured again. The stale clock here
// is 0.001 GHz, a thousand times too slow: 2 units x 8 lanes x 2 = 0.032 GFLOP/s of peak
// against 0.5 measured, so a re-measurement must follow and lift it to a real clock (at
// least 16 MHz even translated by qemu, where 0.5 GFLOP/s is then within the peak).
TEST(HplPeak, AClockBelowTheFmaRateIsMeasuredAgain) {
  EXPECT_TRUE(ClockBelowFmaRate("Sapphire Rapids", 1.0, 40.0));    // peak 32 at 1 GHz
  EXPECT_FALSE(ClockBelowFmaRate("Sapphire Rapids", 2.0, 40.0));   // peak 64 at 2 GHz
  EXPECT_FALSE(ClockBelowFmaRate("Imaginary Lake", 0.001, 40.0));  // no table entry: no judgement
  double ghz = 0.001;
  const int runs = RemeasureClockWhileBelowFmaRate("Sapphire Rapids", 0.5, 0.01, ghz);
  EXPECT_GE(runs, 1);
  EXPECT_LE(runs, 3);
  EXPECT_GT(ghz, 0.016);
  double plausible = 2.0;
  EXPECT_EQ(RemeasureClockWhileBelowFmaRate("Sapphire Rapids", 40.0, 0.01, plausible), 0);
  EXPECT_EQ(plausible, 2.0);
}

TEST(HplBranch, RandomBranchesCostMoreThanPredictableOnes) {
  HostContext host;
  BenchmarkResult r = Find("hpl-branch").Run(host.ctx);
  ASSERT_EQ(r.status, RunStatus::kOk) << r.reason;
  ASSERT_GE(r.metrics.size(), 3u);
  EXPECT_EQ(r.metrics[0].name, "predictable_branch");
  EXPECT_EQ(r.metrics[1].name, "random_branch");
  EXPECT_GT(r.metrics[1].stats.best, 1.5 * r.metrics[0].stats.best);
}

}  // namespace
}  // namespace agent::hpl
