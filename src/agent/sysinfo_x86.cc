// x86-64 ISA probe: CPUID and XGETBV. CPUID is authoritative for the features the
// kernels dispatch on; a feature the OS has not enabled in XCR0 counts as absent, so an
// AVX-512 kernel never runs where the registers are not saved.

#include <cpuid.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "agent/sysinfo.h"
#include "util/strings.h"

namespace agent {
namespace {

struct Registers {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
};

Registers Cpuid(unsigned leaf, unsigned subleaf = 0) {
  Registers r;
  __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
  return r;
}

bool Bit(unsigned value, int bit) { return ((value >> bit) & 1u) != 0; }

unsigned long long Xcr0() {
  unsigned eax = 0, edx = 0;
  asm volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<unsigned long long>(edx) << 32) | eax;
}

std::string Text(const unsigned* words, size_t count) {
  std::string text(reinterpret_cast<const char*>(words), count * 4);
  text.erase(std::find(text.begin(), text.end(), '\0'), text.end());
  return std::string(util::Trim(text));
}

struct Feature {
  const char* name;
  bool present;
};

std::vector<Feature> ProbeFeatures(unsigned max_leaf) {
  Registers l1 = Cpuid(1);
  bool osxsave = Bit(l1.ecx, 27);
  unsigned long long xcr0 = osxsave ? Xcr0() : 0;
  bool avx_os = (xcr0 & 0x6) == 0x6;                 // XMM and YMM state
  bool avx512_os = avx_os && (xcr0 & 0xE0) == 0xE0;  // opmask, ZMM_Hi256, Hi16_ZMM
  bool amx_os = (xcr0 & 0x60000) == 0x60000;         // XTILECFG, XTILEDATA
  Registers l7 = max_leaf >= 7 ? Cpuid(7, 0) : Registers{};
  Registers l7s1 = max_leaf >= 7 && l7.eax >= 1 ? Cpuid(7, 1) : Registers{};
  return {
      {"sse4_2", Bit(l1.ecx, 20)},
      {"avx", avx_os && Bit(l1.ecx, 28)},
      {"fma", avx_os && Bit(l1.ecx, 12)},
      {"avx2", avx_os && Bit(l7.ebx, 5)},
      {"avx512f", avx512_os && Bit(l7.ebx, 16)},
      {"avx512dq", avx512_os && Bit(l7.ebx, 17)},
      {"avx512ifma", avx512_os && Bit(l7.ebx, 21)},
      {"avx512cd", avx512_os && Bit(l7.ebx, 28)},
      {"avx512bw", avx512_os && Bit(l7.ebx, 30)},
      {"avx512vl", avx512_os && Bit(l7.ebx, 31)},
      {"avx512vbmi", avx512_os && Bit(l7.ecx, 1)},
      {"avx512vbmi2", avx512_os && Bit(l7.ecx, 6)},
      {"avx512vnni", avx512_os && Bit(l7.ecx, 11)},
      {"avx512bitalg", avx512_os && Bit(l7.ecx, 12)},
      {"avx512vpopcntdq", avx512_os && Bit(l7.ecx, 14)},
      {"avx512fp16", avx512_os && Bit(l7.edx, 23)},
      {"avx512bf16", avx512_os && Bit(l7s1.eax, 5)},
      {"avxvnni", avx_os && Bit(l7s1.eax, 4)},
      {"amx-bf16", amx_os && Bit(l7.edx, 22)},
      {"amx-tile", amx_os && Bit(l7.edx, 24)},
      {"amx-int8", amx_os && Bit(l7.edx, 25)},
  };
}

void ProbeSignature(SysInfo& info, unsigned max_leaf) {
  Registers l0 = Cpuid(0);
  unsigned vendor[3] = {l0.ebx, l0.edx, l0.ecx};
  info.vendor = Text(vendor, 3);
  if (max_leaf >= 1) {
    unsigned eax = Cpuid(1).eax;
    unsigned family = (eax >> 8) & 0xF;
    unsigned model = (eax >> 4) & 0xF;
    if (family == 0xF) family += (eax >> 20) & 0xFF;
    if (family == 0x6 || family >= 0xF) model += ((eax >> 16) & 0xF) << 4;
    info.family = static_cast<int>(family);
    info.model = static_cast<int>(model);
    info.stepping = static_cast<int>(eax & 0xF);
  }
  if (Cpuid(0x80000000).eax >= 0x80000004) {
    unsigned brand[12];
    for (unsigned i = 0; i < 3; ++i) {
      Registers r = Cpuid(0x80000002 + i);
      const size_t at = size_t{i} * 4;
      brand[at] = r.eax, brand[at + 1] = r.ebx, brand[at + 2] = r.ecx, brand[at + 3] = r.edx;
    }
    info.model_name = Text(brand, 12);
  }
  info.microarchitecture =
      X86Microarchitecture(info.vendor, info.family, info.model, info.stepping);
}

void ProbeHypervisor(SysInfo& info) {
  if (!Bit(Cpuid(1).ecx, 31)) return;  // the hypervisor-present bit
  Registers h = Cpuid(0x40000000);
  unsigned id[3] = {h.ebx, h.ecx, h.edx};
  std::string signature = Text(id, 3);
  if (signature == "KVMKVMKVM") signature = "KVM";
  info.hypervisor.vendor = signature.empty() ? "unknown" : signature;
  info.hypervisor.source = "cpuid";
}

}  // namespace

void ProbeIsa(SysInfo& info) {
  unsigned max_leaf = Cpuid(0).eax;
  ProbeSignature(info, max_leaf);
  std::set<std::string> features(info.isa_features.begin(), info.isa_features.end());
  for (const Feature& feature : ProbeFeatures(max_leaf)) {
    if (feature.present) {
      features.insert(feature.name);
    } else {
      features.erase(feature.name);
    }
  }
  info.isa_features.assign(features.begin(), features.end());
  ProbeHypervisor(info);
}

}  // namespace agent
