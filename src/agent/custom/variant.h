#pragma once
// A custom benchmark (bench/suite.h) as an agent variant: runs its command the benchmark's
// number of times, reads each metric from each run's output, and reports the samples with
// the same statistics as every built-in (family "custom", docs/result-schema.md).

#include <memory>
#include <string>
#include <vector>

#include "agent/variant.h"
#include "bench/suite.h"
#include "util/expected.h"

namespace agent::custom {

class CustomVariant : public Variant {
 public:
  // `folder`: where the suite's files are and where the command runs.
  CustomVariant(bench::CustomBenchmark benchmark, std::string folder)
      : benchmark_(std::move(benchmark)), folder_(std::move(folder)) {}
  std::string Name() const override { return benchmark_.name; }
  std::string Family() const override { return bench::kCustomFamily; }
  std::string Category() const override { return bench::ToString(benchmark_.category); }
  std::string Description() const override;
  // Architecture, ISA and memory misses are hardware (as the planner decides from the
  // catalog); a missing program or file is a plain skip with the reason.
  Applicability Applies(const SysInfo& info, const Capabilities& caps) const override;
  BenchmarkResult Run(const RunContext& ctx) const override;

  const bench::CustomBenchmark& benchmark() const { return benchmark_; }

 private:
  bench::CustomBenchmark benchmark_;
  std::string folder_;
};

// Reads the suite files given with --suite: each file's folder is where its files are.
// Errors name the file, the benchmark and the field (exit status 2 in the commands).
util::Expected<std::vector<std::unique_ptr<Variant>>> LoadSuiteVariants(
    const std::vector<std::string>& paths);

}  // namespace agent::custom
