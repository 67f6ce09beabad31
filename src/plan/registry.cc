#include "plan/registry.h"

#include <algorithm>
#include <cmath>

#include "util/strings.h"

namespace plan {
namespace {

using catalog::Architecture;
using catalog::Vendor;
constexpr BenchmarkFamily kStream = BenchmarkFamily::kStream;
constexpr BenchmarkFamily kHpl = BenchmarkFamily::kHpl;
constexpr BenchmarkFamily kMicro = BenchmarkFamily::kMicro;

// Duration coefficients are planning estimates (docs/planning.md, "Durations"): STREAM
// passes are bounded by array size (>= 4x LLC), so they barely grow with the type; HPL
// sizes its matrix from memory, so its time grows with GiB; library variants add the
// time to load and warm a BLAS.
const std::vector<Variant>& Table() {
  static const std::vector<Variant> kVariants = {
      {"stream", kStream, Category::kMemory, Requirement::kNone, {20, 6, 0.05, 0}},
      {"stream-numa", kStream, Category::kMemory, Requirement::kNone, {20, 12, 0.05, 0}},
      {"stream-cache", kStream, Category::kMemory, Requirement::kNone, {10, 15, 0, 0}},
      {"stream-prefetch", kStream, Category::kMemory, Requirement::kNone, {10, 10, 0, 0}},
      {"stream-avx512", kStream, Category::kMemory, Requirement::kAvx512, {20, 6, 0.05, 0}},
      {"stream-avx2", kStream, Category::kMemory, Requirement::kX86Avx2, {20, 6, 0.05, 0}},
      {"stream-neon", kStream, Category::kMemory, Requirement::kArm64, {20, 6, 0.05, 0}},
      {"hpl", kHpl, Category::kCompute, Requirement::kNone, {30, 10, 0, 0.15}},
      {"hpl-single", kHpl, Category::kCompute, Requirement::kNone, {10, 20, 0, 0}},
      {"hpl-vector", kHpl, Category::kCompute, Requirement::kNone, {10, 5, 0, 0}},
      {"hpl-branch", kHpl, Category::kCompute, Requirement::kNone, {10, 3, 0, 0}},
      {"hpl-mkl", kHpl, Category::kLibrary, Requirement::kIntel, {60, 10, 0, 0.15}},
      {"hpl-blis", kHpl, Category::kLibrary, Requirement::kAmd, {60, 10, 0, 0.15}},
      {"hpl-sve", kHpl, Category::kLibrary, Requirement::kArm64Sve, {60, 10, 0, 0.15}},
      {"hpl-neoverse", kHpl, Category::kLibrary, Requirement::kArm64, {60, 10, 0, 0.15}},
      {"micro-latency", kMicro, Category::kMicro, Requirement::kNone, {10, 15, 0, 0}},
      {"micro-ipc", kMicro, Category::kMicro, Requirement::kNone, {5, 3, 0, 0}},
      {"micro-tlb", kMicro, Category::kMicro, Requirement::kNone, {10, 8, 0, 0}},
      {"micro-cache", kMicro, Category::kMicro, Requirement::kNone, {10, 10, 0, 0}},
  };
  return kVariants;
}

const std::vector<std::string>& FamilyNames() {
  static const std::vector<std::string> kNames = {"stream", "hpl", "micro"};
  return kNames;
}

std::vector<std::string> AcceptedNames() {
  std::vector<std::string> names = FamilyNames();
  for (const Variant& variant : Table()) {
    if (std::find(names.begin(), names.end(), variant.name) == names.end()) {
      names.emplace_back(variant.name);
    }
  }
  return names;
}

}  // namespace

const char* ToString(BenchmarkFamily family) {
  switch (family) {
    case BenchmarkFamily::kStream:
      return "stream";
    case BenchmarkFamily::kHpl:
      return "hpl";
    case BenchmarkFamily::kMicro:
      return "micro";
  }
  return "unknown";
}

const std::vector<Variant>& Variants() { return Table(); }

const Variant* FindVariant(std::string_view name) {
  for (const Variant& variant : Table()) {
    if (variant.name == name) return &variant;
  }
  return nullptr;
}

int VariantIndex(const Variant& variant) { return static_cast<int>(&variant - Table().data()); }

bool Applies(const Variant& variant, const catalog::InstanceType& type) {
  bool arm = type.architecture == Architecture::kArm64;
  switch (variant.requirement) {
    case Requirement::kNone:
      return true;
    case Requirement::kAvx512:
      return type.HasIsa("avx512");
    case Requirement::kX86Avx2:
      return !arm && type.HasIsa("avx2");
    case Requirement::kArm64:
      return arm;
    case Requirement::kArm64Sve:
      return arm && type.HasIsa("sve");
    case Requirement::kIntel:
      return type.vendor == Vendor::kIntel;
    case Requirement::kAmd:
      return type.vendor == Vendor::kAmd;
  }
  return false;
}

std::string RequirementText(Requirement requirement) {
  switch (requirement) {
    case Requirement::kNone:
      return "nothing";
    case Requirement::kAvx512:
      return "the ISA feature avx512";
    case Requirement::kX86Avx2:
      return "x86_64 with the ISA feature avx2";
    case Requirement::kArm64:
      return "arm64";
    case Requirement::kArm64Sve:
      return "arm64 with the ISA feature sve";
    case Requirement::kIntel:
      return "an Intel processor";
    case Requirement::kAmd:
      return "an AMD processor";
  }
  return "unknown";
}

int64_t EstimateDurationS(const Variant& variant, const catalog::InstanceType& type,
                          int iterations) {
  const DurationModel& model = variant.duration;
  double per_iteration =
      model.per_iteration_s + model.per_vcpu_s * type.vcpus + model.per_gib_s * type.memory_gib;
  double total = model.setup_s + iterations * per_iteration;
  return static_cast<int64_t>(std::ceil(total));
}

util::Expected<std::vector<BenchmarkChoice>> ResolveBenchmarks(
    const std::vector<std::string>& names) {
  if (names.empty()) {
    return util::InvalidInput(
        "--benchmarks: the list is empty (accepted: stream, hpl, micro "
        "or a variant name such as stream-avx512)");
  }
  std::vector<int> state(Table().size(), 0);  // 0 unused, 1 from a family, 2 named
  for (const std::string& name : names) {
    auto family = std::find(FamilyNames().begin(), FamilyNames().end(), name);
    if (family != FamilyNames().end()) {
      for (size_t i = 0; i < Table().size(); ++i) {
        if (ToString(Table()[i].family) == name) state[i] = std::max(state[i], 1);
      }
      continue;
    }
    const Variant* variant = FindVariant(name);
    if (variant == nullptr) {
      return util::InvalidInput("--benchmarks: unknown benchmark '" + name + "'" +
                                util::DidYouMean(name, AcceptedNames()) +
                                " (accepted: stream, hpl, micro, or one of the " +
                                std::to_string(Table().size()) +
                                " variants listed by `bench list`)");
    }
    state[static_cast<size_t>(VariantIndex(*variant))] = 2;
  }
  std::vector<BenchmarkChoice> choices;
  for (size_t i = 0; i < Table().size(); ++i) {
    if (state[i] != 0) choices.push_back({&Table()[i], state[i] == 2});
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
