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

// "x86_64 (GenuineIntel) with avx2; avx512 needs avx512f, which the CPU lacks": the facts
// the requirement is checked against, and for a catalog feature the CPU has only part of,
// the flag it lacks.
std::string DescribeMachine(const SysInfo& info, const Capabilities& caps,
                            const bench::Hardware& hardware) {
  std::string text = info.arch + " (" + (info.vendor.empty() ? "unknown vendor" : info.vendor) +
                     ")" + (hardware.isa.empty() ? " with none of the catalog's ISA features"
                                                 : " with " + Join(hardware.isa));
  for (const IsaName& name : IsaNames()) {
    std::vector<std::string> lacking;
    for (const char* flag : name.cpu) {
      if (!caps.HasIsa(flag)) lacking.emplace_back(flag);
    }
    if (!lacking.empty() && lacking.size() < name.cpu.size()) {
      text += std::string("; ") + name.table + " needs " + Join(lacking) +
              (lacking.size() == 1 ? ", which the CPU lacks" : ", which the CPU lack");
    }
  }
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
