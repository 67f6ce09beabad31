#include "plan/registry.h"

#include <algorithm>
#include <cmath>

#include "bench/durations.h"
#include "util/strings.h"

namespace plan {

namespace {

bench::Hardware HardwareOf(const catalog::InstanceType& type) {
  bench::Hardware hardware;
  hardware.arm64 = type.architecture == catalog::Architecture::kArm64;
  hardware.intel = type.vendor == catalog::Vendor::kIntel;
  hardware.amd = type.vendor == catalog::Vendor::kAmd;
  hardware.isa = type.isa;
  return hardware;
}

}  // namespace

bool Applies(const Variant& variant, const catalog::InstanceType& type) {
  return bench::Meets(variant.requirement, HardwareOf(type));
}

bool AppliesCustom(const bench::CustomBenchmark& benchmark, const catalog::InstanceType& type) {
  return bench::MeetsCustom(benchmark, HardwareOf(type), type.memory_gib);
}

int64_t EstimateCustomDurationS(const bench::CustomBenchmark& benchmark, int iterations) {
  int n = benchmark.iterations > 0 ? benchmark.iterations : iterations;
  return static_cast<int64_t>(std::ceil(benchmark.setup_s + n * benchmark.per_iteration_s));
}

util::Expected<std::vector<std::string>> BuiltinBenchmarkNames(const Spec& spec) {
  std::vector<std::string> names;
  bool custom = false;
  for (const std::string& name : spec.benchmarks) {
    if (name == bench::kCustomFamily) {
      custom = true;
    } else {
      names.push_back(name);
    }
  }
  if (custom && spec.suites.empty()) {
    return util::InvalidInput(
        "--benchmarks: 'custom' selects the benchmarks of the suites, and no --suite FILE was "
        "given");
  }
  return names;
}

int64_t EstimateDurationS(const Variant& variant, const catalog::InstanceType& type,
                          int iterations) {
  const bench::Shape shape{type.vcpus, type.memory_gib};
  return static_cast<int64_t>(std::ceil(bench::EstimateSeconds(variant, shape, iterations)));
}

util::Expected<std::vector<BenchmarkChoice>> ResolveBenchmarks(
    const std::vector<std::string>& names) {
  if (names.empty()) {
    return util::InvalidInput(
        "--benchmarks: the list is empty (accepted: stream, hpl, micro "
        "or a variant name such as stream-avx512)");
  }
  auto selection =
      bench::Resolve(names, /*exact=*/false,
                     " (accepted: stream, hpl, micro, or one of the " +
                         std::to_string(Variants().size()) + " variants listed by `bench list`)");
  if (!selection) return util::InvalidInput("--benchmarks: " + selection.error().message);
  std::vector<BenchmarkChoice> choices;
  for (const bench::Selection& chosen : *selection) {
    choices.push_back({chosen.variant, chosen.named});
  }
  return choices;
}

Expansion Expand(const std::vector<BenchmarkChoice>& choices, const catalog::InstanceType& type) {
  Expansion expansion;
  for (const BenchmarkChoice& choice : choices) {
    if (Applies(*choice.variant, type)) {
      expansion.applicable.push_back(choice.variant);
    } else if (choice.explicit_choice) {
      expansion.not_applicable.push_back(choice.variant);
    }
  }
  return expansion;
}

}  // namespace plan
