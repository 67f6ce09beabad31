// Planner benchmarks (Google Benchmark): the scale case, every type of the embedded
// catalog x every benchmark x six regions x 28 days, split into planning, writing and
// loading. Run: build/perf/plan_bench (see docs/performance.md).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "catalog/catalog.h"
#include "plan/plan_json.h"
#include "plan/scheduler.h"

namespace {

const catalog::Catalog& EmbeddedCatalog() {
  static const catalog::Catalog catalog = [] {
    auto loaded = catalog::Catalog::Embedded();
    if (!loaded) {
      std::cerr << loaded.error().message << "\n";
      std::abort();
    }
    return *loaded;
  }();
  return catalog;
}

plan::Spec ScaleSpec() {
  const catalog::Catalog& catalog = EmbeddedCatalog();
  plan::Spec spec;
  spec.instance_families = catalog.FamilyNames();
  spec.sizes.clear();
  for (const auto& [name, type] : catalog.types()) spec.sizes.push_back(type.size);
  std::sort(spec.sizes.begin(), spec.sizes.end());
  spec.sizes.erase(std::unique(spec.sizes.begin(), spec.sizes.end()), spec.sizes.end());
  spec.regions = {"us-east-1", "us-east-2",    "us-west-2",
                  "eu-west-1", "eu-central-1", "ap-northeast-1"};
  spec.days = 28;
  spec.max_daily_jobs = 2000;
  spec.max_concurrent = 200;
  spec.vcpu_quotas[{"standard", plan::Market::kOnDemand}] = 100000;
  spec.vcpu_quotas[{"standard", plan::Market::kSpot}] = 100000;
  spec.start = util::ParseIso8601WithOffset("2026-12-07T00:00:00-05:00").value();
  return spec;
}

void BM_BuildPlanScale(benchmark::State& state) {
  plan::Spec spec = ScaleSpec();
  size_t jobs = 0;
  for (auto _ : state) {
    auto built = plan::BuildPlan(spec, EmbeddedCatalog());
    benchmark::DoNotOptimize(built);
    jobs = built->jobs.size();
  }
  state.counters["jobs_scheduled"] = static_cast<double>(jobs);
}
BENCHMARK(BM_BuildPlanScale)->Unit(benchmark::kMillisecond);

void BM_WritePlanJsonScale(benchmark::State& state) {
  auto built = plan::BuildPlan(ScaleSpec(), EmbeddedCatalog());
  for (auto _ : state) {
    std::string json = plan::WritePlanJson(*built);
    benchmark::DoNotOptimize(json);
    state.counters["bytes"] = static_cast<double>(json.size());
  }
}
BENCHMARK(BM_WritePlanJsonScale)->Unit(benchmark::kMillisecond);

void BM_LoadPlanJsonScale(benchmark::State& state) {
  auto built = plan::BuildPlan(ScaleSpec(), EmbeddedCatalog());
  std::string json = plan::WritePlanJson(*built);
  for (auto _ : state) {
    auto loaded = plan::LoadPlanJson(json, "bench");
    benchmark::DoNotOptimize(loaded);
  }
}
BENCHMARK(BM_LoadPlanJsonScale)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
