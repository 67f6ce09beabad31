#pragma once
// The one table of benchmark variants: name, family, category (for window focus), what the
// hardware must have, and the planning duration model (computed by bench/durations.h). The planner
// (plan/registry.h) and the agent (agent/registry.h) both read it; the agent's variant *code* stays
// in the agent. Name resolution (a family expands to its variants, "did you mean") and the hardware
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

// How long a variant runs, in terms of what it sizes itself by (bench/durations.h computes
// it; docs/planning.md, "Durations"):
//   setup_s + setup_passes × pass
//   + iterations × (per_iteration_s + per_vcpu_s × vCPUs + per_gib_s × memory GiB
//                   + passes × pass + solve_s × HplSolveShare)
// `pass` is one traversal of the STREAM-family array the planner assumes, at the assumed
// bandwidth for the vCPUs; HplSolveShare is 1 where HPL's time bound sets N and less where
// memory does. Terms a variant does not use are 0. A planning estimate, not a measurement.
enum class Threads { kAll, kOne };  // the threads an HPL solve runs on
struct DurationModel {
  double setup_s = 0;          // process start, probes, allocation not in the terms below
  double per_iteration_s = 0;  // fixed work per iteration (loops, cache-sized sweeps)
  double per_vcpu_s = 0;
  double per_gib_s = 0;
  double setup_passes = 0;  // array traversals before the first iteration (touch, warm-up)
  double passes = 0;        // array traversals per iteration
  double solve_s = 0;       // one HPL solve where the time bound sets N
  Threads threads = Threads::kAll;
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

// The ISA feature names of the catalog's families (docs/catalog.md), of the variants'
// requirements and of custom suites' requirements; agent/hardware.cc maps each to CPU flags.
const std::vector<std::string>& KnownIsaNames();
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
