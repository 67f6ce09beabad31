#include "bench/variants.h"

#include <algorithm>

#include "util/strings.h"

namespace bench {
namespace {

constexpr Family kStream = Family::kStream;
constexpr Family kHpl = Family::kHpl;
constexpr Family kMicro = Family::kMicro;
// Durations (docs/planning.md, "Durations"; bench/durations.h computes them): the STREAM
// runs move their arrays (passes per iteration: copy and scale 2 arrays, add and triad 3,
// so 10 for the four-kernel runs; setup_passes: the first touch, the untimed warm-up and
// the validation); the HPL runs time-bound each solve (solve_s: how long a solve sized for
// kHplSecondsPerSolve really takes); the others run fixed loops and sweeps bounded by the
// caches. Measured by perf/durations.sh (docs/planning.md has the table and the date).
// The base run times four kernels per iteration; the ISA variants one non-temporal triad.
constexpr DurationModel kStreamRun = {.setup_s = 0.5, .setup_passes = 16, .passes = 10};
constexpr DurationModel kStreamIsa = {.setup_s = 0.5, .setup_passes = 18, .passes = 5.7};
// Not measured here (one NUMA node): the stream run twice, once per memory placement.
constexpr DurationModel kStreamNuma = {.setup_s = 1, .setup_passes = 32, .passes = 20};
constexpr DurationModel kStreamCache = {.setup_s = 0.6, .per_iteration_s = 0.3};
constexpr DurationModel kStreamPrefetch = {.setup_s = 1, .setup_passes = 5, .passes = 18.6};
constexpr DurationModel kHplLu = {.setup_s = 2, .solve_s = 5.8};
constexpr DurationModel kHplSingle = {.setup_s = 2, .solve_s = 5.6, .threads = Threads::kOne};
// The library variants: as hpl, plus loading and probing the library (none is installed
// on the development VM, so not measured).
constexpr DurationModel kHplLibrary = {.setup_s = 3, .solve_s = 5.8};
constexpr DurationModel kHplVector = {.setup_s = 0.1, .per_iteration_s = 2.57};
constexpr DurationModel kHplBranch = {.setup_s = 0.01, .per_iteration_s = 0.044};
constexpr DurationModel kMicroLatency = {.setup_s = 5.75, .per_iteration_s = 0.65};
constexpr DurationModel kMicroIpc = {.setup_s = 0.95, .per_iteration_s = 1.53};
constexpr DurationModel kMicroTlb = {.setup_s = 0.82, .per_iteration_s = 0.96};
constexpr DurationModel kMicroCache = {.setup_s = 1.47, .per_iteration_s = 0.81};

// Categories: hpl-sve is "compute": it runs the agent's own SVE dgemm kernel, as hpl-vector
// runs its own FMA chains, so its figure says what the core computes, not how good a
// vendor's library is ("library" is for hpl-mkl, hpl-blis and hpl-neoverse, which load one).
const std::vector<Variant>& Table() {
  static const std::vector<Variant> kVariants = {
      {"stream", kStream, Category::kMemory, Requirement::kNone, kStreamRun},
      {"stream-numa", kStream, Category::kMemory, Requirement::kNone, kStreamNuma},
      {"stream-cache", kStream, Category::kMemory, Requirement::kNone, kStreamCache},
      {"stream-prefetch", kStream, Category::kMemory, Requirement::kNone, kStreamPrefetch},
      {"stream-avx512", kStream, Category::kMemory, Requirement::kAvx512, kStreamIsa},
      {"stream-avx2", kStream, Category::kMemory, Requirement::kX86Avx2, kStreamIsa},
      {"stream-neon", kStream, Category::kMemory, Requirement::kArm64, kStreamIsa},
      {"hpl", kHpl, Category::kCompute, Requirement::kNone, kHplLu},
      {"hpl-single", kHpl, Category::kCompute, Requirement::kNone, kHplSingle},
      {"hpl-vector", kHpl, Category::kCompute, Requirement::kNone, kHplVector},
      {"hpl-branch", kHpl, Category::kCompute, Requirement::kNone, kHplBranch},
      {"hpl-mkl", kHpl, Category::kLibrary, Requirement::kIntel, kHplLibrary},
      {"hpl-blis", kHpl, Category::kLibrary, Requirement::kAmd, kHplLibrary},
      {"hpl-sve", kHpl, Category::kCompute, Requirement::kArm64Sve, kHplLibrary},
      {"hpl-neoverse", kHpl, Category::kLibrary, Requirement::kArm64, kHplLibrary},
      {"micro-latency", kMicro, Category::kMicro, Requirement::kNone, kMicroLatency},
      {"micro-ipc", kMicro, Category::kMicro, Requirement::kNone, kMicroIpc},
      {"micro-tlb", kMicro, Category::kMicro, Requirement::kNone, kMicroTlb},
      {"micro-cache", kMicro, Category::kMicro, Requirement::kNone, kMicroCache},
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

const std::vector<std::string>& KnownIsaNames() {
  static const std::vector<std::string> kNames = {"amx", "avx2", "avx512", "neon", "sve", "sve2"};
  return kNames;
}

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
