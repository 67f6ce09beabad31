#include "agent/hardware.h"

#include <string>
#include <vector>

namespace agent {
namespace {

// A catalog ISA name and the CPU features (as SysInfo::isa_features names them: from CPUID
// in sysinfo_x86.cc, from the hwcaps in sysinfo_arm64.cc) that together make it. "avx2"
// needs fma too: the agent's AVX2 kernels use FMA, and every EC2 processor the catalog
// lists with avx2 has it.
struct IsaName {
  const char* table;
  std::vector<const char*> cpu;
};

const std::vector<IsaName>& IsaNames() {
  static const std::vector<IsaName> kNames = {
      {"amx", {"amx-tile"}}, {"avx2", {"avx2", "fma"}}, {"avx512", {"avx512f"}},
      {"neon", {"asimd"}},   {"sve", {"sve"}},          {"sve2", {"sve2"}},
  };
  return kNames;
}

std::string Join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

// "x86_64 (GenuineIntel) with avx512, lacking avx2 (fma), neon (asimd), ...": the facts the
// requirement is checked against, and for each catalog ISA feature the machine lacks, the
// CPU features it lacks for it (so a missing fma is named, not only "avx2").
std::string DescribeMachine(const SysInfo& info, const Capabilities& caps,
                            const bench::Hardware& hardware) {
  std::string text = info.arch + " (" + (info.vendor.empty() ? "unknown vendor" : info.vendor) +
                     ")" +
                     (hardware.isa.empty() ? " with none of the catalog's ISA features"
                                           : " with " + Join(hardware.isa));
  std::vector<std::string> lacking;
  for (const IsaName& name : IsaNames()) {
    std::vector<std::string> flags;
    for (const char* flag : name.cpu) {
      if (!caps.HasIsa(flag)) flags.emplace_back(flag);
    }
    if (!flags.empty()) lacking.push_back(std::string(name.table) + " (" + Join(flags) + ")");
  }
  if (!lacking.empty()) text += ", lacking " + Join(lacking);
  return text;
}

}  // namespace

bench::Hardware TableHardware(const SysInfo& info, const Capabilities& caps) {
  bench::Hardware hardware;
  hardware.arm64 = info.arch == "aarch64";
  hardware.intel = info.vendor == "GenuineIntel";
  hardware.amd = info.vendor == "AuthenticAMD";
  for (const IsaName& name : IsaNames()) {
    bool all = true;
    for (const char* flag : name.cpu) all = all && caps.HasIsa(flag);
    if (all) hardware.isa.emplace_back(name.table);
  }
  return hardware;
}

Applicability CheckApplies(const Variant& variant, const SysInfo& info, const Capabilities& caps) {
  const bench::Variant* facts = bench::FindVariant(variant.Name());
  if (facts != nullptr) {
    bench::Hardware hardware = TableHardware(info, caps);
    if (!bench::Meets(facts->requirement, hardware)) {
      return Applicability::Hardware(variant.Name() + " needs " +
                                     bench::RequirementText(facts->requirement) +
                                     "; this machine is " + DescribeMachine(info, caps, hardware));
    }
  }
  return variant.Applies(info, caps);
}

}  // namespace agent
