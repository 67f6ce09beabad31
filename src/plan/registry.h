#pragma once
// The planner's view of the benchmark variants (bench/variants.h): which apply to an
// instance type's catalog facts, their estimated duration, and --benchmarks resolution.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/suite.h"
#include "bench/variants.h"
#include "catalog/instance_type.h"
#include "plan/model.h"
#include "util/expected.h"

namespace plan {

// The variant facts live in bench/variants.h, shared with the agent.
using BenchmarkFamily = bench::Family;
using Requirement = bench::Requirement;
using DurationModel = bench::DurationModel;
using Variant = bench::Variant;
using bench::RequirementText;
using bench::ToString;

// All variants in registry order (the order also sets job priority: earlier runs first),
// and a variant's position in it.
using bench::FindVariant;
using bench::VariantIndex;
using bench::Variants;

bool Applies(const Variant& variant, const catalog::InstanceType& type);

int64_t EstimateDurationS(const Variant& variant, const catalog::InstanceType& type,
                          int iterations);

// A custom benchmark (Spec::suites): whether it applies to the type's catalog facts, and its
// duration from the suite's own estimate (setup_s + n * per_iteration_s, n its own iteration
// count when it fixes one), rounded up.
bool AppliesCustom(const bench::CustomBenchmark& benchmark, const catalog::InstanceType& type);
int64_t EstimateCustomDurationS(const bench::CustomBenchmark& benchmark, int iterations);

// The --benchmarks names that are built-in: without "custom", which selects only the
// suites' benchmarks (kInvalidInput when there is no suite).
util::Expected<std::vector<std::string>> BuiltinBenchmarkNames(const Spec& spec);

// One token of --benchmarks resolved: a family expands to its variants that apply to
// each type; a variant name selects exactly that variant (`explicit_choice`).
struct BenchmarkChoice {
  const Variant* variant = nullptr;
  bool explicit_choice = false;
};

// Resolves --benchmarks into the variants, in registry order, without duplicates (a
// variant both named and in a named family counts as named). A family name wins over
// the variant of the same name ("stream", "hpl"). Unknown names: kInvalidInput with a
// "did you mean" hint.
util::Expected<std::vector<BenchmarkChoice>> ResolveBenchmarks(
    const std::vector<std::string>& names);

// The variants of `choices` that apply to `type`, plus those named explicitly that do not
// (the caller reports the latter as unscheduled).
struct Expansion {
  std::vector<const Variant*> applicable;
  std::vector<const Variant*> not_applicable;
};
Expansion Expand(const std::vector<BenchmarkChoice>& choices, const catalog::InstanceType& type);

}  // namespace plan
