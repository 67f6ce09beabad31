#pragma once
// The benchmark registry (DESIGN.md §7): the 19 variants, what each needs from an
// instance type's facts, its category for window focus, and its estimated duration.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/instance_type.h"
#include "plan/model.h"
#include "util/expected.h"

namespace plan {

enum class BenchmarkFamily { kStream, kHpl, kMicro };
const char* ToString(BenchmarkFamily family);  // "stream", "hpl", "micro"

// What a variant needs from the catalog facts of the type it runs on.
enum class Requirement {
  kNone,
  kAvx512,    // ISA has avx512
  kX86Avx2,   // x86_64 with avx2
  kArm64,     // arm64
  kArm64Sve,  // arm64 with sve
  kIntel,     // vendor intel (MKL)
  kAmd,       // vendor amd (BLIS)
};

// Estimated duration in seconds:
//   setup_s + iterations * (per_iteration_s + per_vcpu_s * vcpus + per_gib_s * memory_gib)
// rounded up. A planning estimate (docs/planning.md), not a measurement.
struct DurationModel {
  double setup_s = 0;
  double per_iteration_s = 0;
  double per_vcpu_s = 0;
  double per_gib_s = 0;
};

struct Variant {
  std::string_view name;
  BenchmarkFamily family;
  Category category;
  Requirement requirement;
  DurationModel duration;
};

// All variants in registry order (the order also sets job priority: earlier runs first).
const std::vector<Variant>& Variants();
const Variant* FindVariant(std::string_view name);
// Position of the variant in Variants().
int VariantIndex(const Variant& variant);

bool Applies(const Variant& variant, const catalog::InstanceType& type);
// "ISA feature avx512", "vendor amd", ... for reasons shown to the user.
std::string RequirementText(Requirement requirement);

int64_t EstimateDurationS(const Variant& variant, const catalog::InstanceType& type,
                          int iterations);

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
