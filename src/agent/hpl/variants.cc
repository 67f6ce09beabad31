#include "agent/hpl/variants.h"

#include <algorithm>
#include <cstdlib>

#include "agent/hpl/builtin_blas.h"
#include "agent/hpl/hpl_run.h"
#include "agent/hpl/openblas_env.h"
#include "bench/durations.h"

namespace agent::hpl {
namespace {

class LuVariant final : public Variant {
 public:
  LuVariant(LuFlavor flavor, std::shared_ptr<BlasLoader> loader)
      : flavor_(std::move(flavor)), loader_(std::move(loader)) {}
  std::string Name() const override { return flavor_.name; }
  std::string Description() const override { return flavor_.description; }

  // The hardware requirement is the shared table's (agent/hardware.h, CheckApplies); a
  // missing library is found when the variant runs, and recorded as skipped.
  Applicability Applies(const SysInfo&, const Capabilities&) const override {
    return Applicability::Yes();
  }

  BenchmarkResult Run(const RunContext& ctx) const override;

 private:
  std::unique_ptr<Blas> LoadBlas(const RunContext& ctx, BenchmarkResult& result) const;
  BenchmarkResult Measure(const RunContext& ctx, Blas& blas, BenchmarkResult result) const;

  LuFlavor flavor_;
  std::shared_ptr<BlasLoader> loader_;
};

std::unique_ptr<Blas> LuVariant::LoadBlas(const RunContext& ctx, BenchmarkResult& result) const {
  std::string why;
  for (const std::string& library : flavor_.libraries) {
    // The built-in kernels are part of the agent; only shared libraries are probed.
    Capability present =
        library.rfind("builtin-", 0) == 0 ? Capability::Yes(library) : ctx.caps->Library(library);
    if (!present.available) {
      why += (why.empty() ? "" : "; ") + present.reason;
      continue;
    }
    if (library.rfind("libopenblas", 0) == 0) {
      result.parameters["openblas_coretype"] =
          PrepareOpenBlasCoreType(*ctx.info, *ctx.caps, flavor_.neoverse_kernel);
    }
    auto blas = loader_->Load(library);
    if (blas) return std::move(blas.value());
    why += (why.empty() ? "" : "; ") + blas.error().message;
  }
  result.status = RunStatus::kSkipped;
  result.reason = why;
  return nullptr;
}

BenchmarkResult LuVariant::Run(const RunContext& ctx) const {
  BenchmarkResult result = MakeResult(*this);
  std::unique_ptr<Blas> blas = LoadBlas(ctx, result);
  if (!blas) return result;
  const BlasInfo& info = blas->Info();
  result.parameters["library"] = {
      {"name", info.name}, {"path", info.path}, {"version", info.version}, {"kernel", info.kernel}};
  if (flavor_.neoverse_kernel && !IsNeoverseKernel(info)) {
    return MakeResult(*this, RunStatus::kSkipped,
                      info.name + " runs kernel '" + info.kernel + "', not a Neoverse one");
  }
  return Measure(ctx, *blas, std::move(result));
}

BenchmarkResult LuVariant::Measure(const RunContext& ctx, Blas& blas,
                                   BenchmarkResult result) const {
  int threads = flavor_.single_thread ? 1 : ctx.threads;
  if (!blas.SetThreads(threads)) {
    const bool builtin = blas.Info().name.rfind("builtin-", 0) == 0;
    result.warnings.push_back(builtin
                                  ? "the built-in BLAS runs on one thread: a per-core figure"
                                  : blas.Info().name + " has no thread-count control we know of");
    if (builtin) threads = 1;
  }
  HplSizing sizing;
  const std::uint64_t available = ctx.info->memory_available_bytes > 0
                                      ? ctx.info->memory_available_bytes
                                      : ctx.info->memory_total_bytes;
  // Quick mode keeps each solve short; a full run uses a quarter of free memory at most.
  sizing.memory_bytes = ctx.quick ? std::min<std::uint64_t>(available / 8, 1ULL << 30)
                                  : bench::HplMemoryBudgetBytes(available);
  sizing.seconds_per_solve = ctx.quick ? 0.3 : bench::kHplSecondsPerSolve;
  sizing.gflops_estimate = EstimateGflops(blas);
  sizing.block = 128;
  const int n = ChooseN(sizing);
  const int block = DefaultBlock(n);
  result.parameters["n"] = n;
  result.parameters["block"] = block;
  result.parameters["threads"] = threads;
  result.parameters["memory_bytes"] = 16.0 * n * n;
  result.parameters["sizing"] = {{"seconds_per_solve", sizing.seconds_per_solve},
                                 {"dgemm_gflops_estimate", sizing.gflops_estimate},
                                 {"memory_budget_bytes", sizing.memory_bytes}};
  HplProblem problem(n, block, 20261129);
  std::vector<double> gflops, seconds, residuals;
  // An interruption ends the loop but keeps the parameters and the completed samples.
  for (int i = 0; i < ctx.iterations && !ctx.Cancelled(); ++i) {
    auto sample = problem.RunOnce(blas, threads);
    if (!sample) {
      result.status = RunStatus::kFailed;
      result.reason = sample.error().message;
      result.validation = {true, false, "HPL scaled residual < 16", {{"iteration", i}}};
      return result;
    }
    gflops.push_back(sample->gflops);
    seconds.push_back(sample->seconds);
    residuals.push_back(sample->residual);
    if (ctx.monitor != nullptr) ctx.monitor->Sample();
  }
  result.parameters["flops_formula"] = kHplFlopsFormula;
  if (!gflops.empty()) {
    const double worst = *std::max_element(residuals.begin(), residuals.end());
    AddMetric(result, "gflops", "GFLOP/s", Better::kHigher, gflops);
    AddMetric(result, "solve_time", "s", Better::kLower, seconds);
    AddMetric(result, "scaled_residual", "1", Better::kLower, residuals);
    result.validation = {true,
                         true,
                         "HPL scaled residual ||Ax-b||_inf / (eps (||A||_inf ||x||_inf + "
                         "||b||_inf) N) < 16, eps = 2^-53",
                         {{"worst_residual", worst}, {"threshold", kResidualThreshold}}};
  }
  SettleStatus(result, ctx, "");
  return result;
}

}  // namespace

std::vector<LuFlavor> LuFlavors() {
  const std::vector<std::string> openblas = {"libopenblas.so.0"};
  return {
      {"hpl", "HPL LU (blocked, partial pivoting) with OpenBLAS on all cores; GFLOP/s and residual",
       openblas, false, false},
      {"hpl-single", "HPL LU with OpenBLAS on one thread", openblas, true, false},
      {"hpl-mkl",
       "HPL LU with Intel MKL (libmkl_rt)",
       {"libmkl_rt.so.2", "libmkl_rt.so"},
       false,
       false},
      {"hpl-blis",
       "HPL LU with BLIS",
       {"libblis.so.4", "libblis.so.3", "libblis.so"},
       false,
       false},
      {"hpl-neoverse",
       "HPL LU with a Neoverse-tuned BLAS (ArmPL, else OpenBLAS's NEOVERSE kernels)",
       {"libarmpl_lp64.so", "libarmpl.so", "libopenblas.so.0"},
       false,
       true},
  };
}

std::unique_ptr<Variant> MakeSveVariant() {
  LuFlavor sve{
      "hpl-sve", "HPL LU with the agent's own SVE dgemm kernel", {"builtin-sve"}, false, false};
  return MakeLuVariant(std::move(sve), MakeBuiltinBlasLoader());
}

std::unique_ptr<Variant> MakeLuVariant(LuFlavor flavor, std::shared_ptr<BlasLoader> loader) {
  return std::make_unique<LuVariant>(std::move(flavor), std::move(loader));
}

void AddVariants(VariantList& list) {
  std::shared_ptr<BlasLoader> loader = MakeDlopenBlasLoader();
  for (LuFlavor& flavor : LuFlavors()) list.push_back(MakeLuVariant(std::move(flavor), loader));
  list.push_back(MakeSveVariant());
  list.push_back(MakeVectorVariant());
  list.push_back(MakeBranchVariant());
}

}  // namespace agent::hpl
