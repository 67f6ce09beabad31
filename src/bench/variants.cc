#include "bench/variants.h"

#include <algorithm>

#include "util/strings.h"

namespace bench {
namespace {

constexpr Family kStream = Family::kStream;
constexpr Family kHpl = Family::kHpl;
constexpr Family kMicro = Family::kMicro;

// Duration coefficients are planning estimates (docs/planning.md, "Durations"): STREAM
// passes are bounded by array size (>= 4x LLC), so they barely grow with the type; HPL
// sizes its matrix from memory, so its time grows with GiB; library variants add the
// time to load and warm a BLAS.
// Categories: hpl-sve is "compute": it runs the agent's own SVE dgemm kernel, as hpl-vector
// runs its own FMA chains, so its figure says what the core computes, not how good a
// vendor's library is ("library" is for hpl-mkl, hpl-blis and hpl-neoverse, which load one).
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
      {"hpl-sve", kHpl, Category::kCompute, Requirement::kArm64Sve, {60, 10, 0, 0.15}},
      {"hpl-neoverse", kHpl, Category::kLibrary, Requirement::kArm64, {60, 10, 0, 0.15}},
      {"micro-latency", kMicro, Category::kMicro, Requirement::kNone, {10, 15, 0, 0}},
      {"micro-ipc", kMicro, Category::kMicro, Requirement::kNone, {5, 3, 0, 0}},
      {"micro-tlb", kMicro, Category::kMicro, Requirement::kNone, {10, 8, 0, 0}},
      {"micro-cache", kMicro, Category::kMicro, Requirement::kNone, {10, 10, 0, 0}},
  };
  return kVariants;
}

bool HasIsa(const Hardware& hardware, std::string_view feature) {
  return std::find(hardware.isa.begin(), hardware.isa.end(), feature) != hardware.isa.end();
}

// How a variant came to be selected; a name outranks a family.
enum class Chosen { kNo, kByFamily, kByName };

}  // namespace

const char* ToString(Family family) {
  switch (family) {
    case Family::kStream:
      return "stream";
    case Family::kHpl:
      return "hpl";
    case Family::kMicro:
      return "micro";
  }
  return "unknown";
}

const char* ToString(Category category) {
  switch (category) {
    case Category::kMemory:
      return "memory";
    case Category::kCompute:
      return "compute";
    case Category::kLibrary:
      return "library";
    case Category::kMicro:
      return "micro";
  }
  return "unknown";
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

bool Meets(Requirement requirement, const Hardware& hardware) {
  switch (requirement) {
    case Requirement::kNone:
      return true;
    case Requirement::kAvx512:
      return HasIsa(hardware, "avx512");
    case Requirement::kX86Avx2:
      return !hardware.arm64 && HasIsa(hardware, "avx2");
    case Requirement::kArm64:
      return hardware.arm64;
    case Requirement::kArm64Sve:
      return hardware.arm64 && HasIsa(hardware, "sve");
    case Requirement::kIntel:
      return hardware.intel;
    case Requirement::kAmd:
      return hardware.amd;
  }
  return false;
}

const std::vector<Variant>& Variants() { return Table(); }

const Variant* FindVariant(std::string_view name) {
  for (const Variant& variant : Table()) {
    if (variant.name == name) return &variant;
  }
  return nullptr;
}

int VariantIndex(const Variant& variant) { return static_cast<int>(&variant - Table().data()); }

const std::vector<std::string>& FamilyNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const Variant& variant : Table()) {
      std::string family = ToString(variant.family);
      if (std::find(names.begin(), names.end(), family) == names.end()) names.push_back(family);
    }
    return names;
  }();
  return kNames;
}

util::Expected<std::vector<Selection>> Resolve(const std::vector<std::string>& names, bool exact,
                                               const std::string& accepted_hint) {
  const std::vector<Variant>& all = Table();
  std::vector<Chosen> chosen(all.size(), Chosen::kNo);
  const std::vector<std::string> families = exact ? std::vector<std::string>{} : FamilyNames();
  std::vector<std::string> known = families;
  for (const Variant& variant : all) {
    if (std::find(known.begin(), known.end(), variant.name) == known.end())
      known.emplace_back(variant.name);
  }
  for (const std::string& name : names) {
    const bool family = std::find(families.begin(), families.end(), name) != families.end();
    bool found = false;
    for (size_t i = 0; i < all.size(); ++i) {
      if (family ? ToString(all[i].family) == name : all[i].name == name) {
        chosen[i] = std::max(chosen[i], family ? Chosen::kByFamily : Chosen::kByName);
        found = true;
      }
    }
    if (!found) {
      return util::InvalidInput("unknown benchmark '" + name + "'" + util::DidYouMean(name, known) +
                                accepted_hint);
    }
  }
  std::vector<Selection> selected;
  for (size_t i = 0; i < all.size(); ++i) {
    if (chosen[i] != Chosen::kNo) selected.push_back({&all[i], chosen[i] == Chosen::kByName});
  }
  return selected;
}

}  // namespace bench
