#pragma once
// The one table of benchmark variants: name, family, category (for window focus), what the
// hardware must have, and the planning duration model. The planner (plan/registry.h) and the
// agent (agent/registry.h) both read it; the agent's variant *code* stays in the agent.
// Name resolution (a family expands to its variants, "did you mean") and the hardware
// requirement check are written here once.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace bench {

enum class Family { kStream, kHpl, kMicro };
const char* ToString(Family family);  // "stream", "hpl", "micro"

// The planner's window focus (docs/planning.md, "Windows"): memory, compute, library, micro.
enum class Category { kMemory, kCompute, kLibrary, kMicro };
const char* ToString(Category category);  // "memory", "compute", "library", "micro"

// What a variant needs from the hardware it runs on.
enum class Requirement {
  kNone,
  kAvx512,    // ISA has avx512
  kX86Avx2,   // x86_64 with avx2
  kArm64,     // arm64
  kArm64Sve,  // arm64 with sve
  kIntel,     // vendor intel (MKL)
  kAmd,       // vendor amd (BLIS)
};
// "the ISA feature avx512", "an AMD processor", ... for reasons shown to the user.
std::string RequirementText(Requirement requirement);

// The hardware facts a requirement is checked against: from the catalog (planner) or from
// the running machine (agent).
struct Hardware {
  bool arm64 = false;
  bool intel = false;
  bool amd = false;
  std::vector<std::string> isa;  // "avx2", "avx512", "sve", ...
};
bool Meets(Requirement requirement, const Hardware& hardware);

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
  Family family;
  Category category;
  Requirement requirement;
  DurationModel duration;
};

// All variants in registry order (stream, hpl, micro; the order also sets job priority).
const std::vector<Variant>& Variants();
const Variant* FindVariant(std::string_view name);
int VariantIndex(const Variant& variant);  // position in Variants()
const std::vector<std::string>& FamilyNames();

// One name resolved: `named` when the variant was asked for by its own name, not only as a
// member of a family.
struct Selection {
  const Variant* variant = nullptr;
  bool named = false;
};

// Resolves names the way both the planner's --benchmarks and the agent's `run` do: a family
// name ("stream", "hpl", "micro") selects its variants and wins over the variant of the same
// name; any other name selects exactly that variant. With `exact`, every name is a variant
// name ("stream" is then the one base variant). Registry order, no duplicates (a variant
// both named and in a named family counts as named). An unknown name is kInvalidInput:
// "unknown benchmark 'x' (did you mean 'y'?)" followed by `accepted_hint`.
util::Expected<std::vector<Selection>> Resolve(const std::vector<std::string>& names, bool exact,
                                               const std::string& accepted_hint);

}  // namespace bench
