// arm64 ISA probe: hwcaps from getauxval (authoritative for what the kernel lets user
// space run), the SVE vector length from prctl, and MIDR_EL1 when the kernel exposes it
// (HWCAP_CPUID: the kernel emulates the MRS of ID registers for user space).

#include <sys/auxv.h>
#include <sys/prctl.h>

#include <set>

#include "agent/sysinfo.h"

#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1 << 1)
#endif
#ifndef HWCAP_CPUID
#define HWCAP_CPUID (1 << 11)
#endif
#ifndef HWCAP_SVE
#define HWCAP_SVE (1 << 22)
#endif
#ifndef HWCAP2_SVE2
#define HWCAP2_SVE2 (1 << 1)
#endif
#ifndef PR_SVE_GET_VL
#define PR_SVE_GET_VL 51
#endif
#ifndef PR_SVE_VL_LEN_MASK
#define PR_SVE_VL_LEN_MASK 0xffff
#endif

namespace agent {

void ProbeIsa(SysInfo& info) {
  unsigned long hwcap = getauxval(AT_HWCAP);
  unsigned long hwcap2 = getauxval(AT_HWCAP2);
  std::set<std::string> features(info.isa_features.begin(), info.isa_features.end());
  auto set = [&](const char* name, bool present) {
    if (present) {
      features.insert(name);
    } else {
      features.erase(name);
    }
  };
  set("asimd", (hwcap & HWCAP_ASIMD) != 0);
  set("neon", (hwcap & HWCAP_ASIMD) != 0);
  set("sve", (hwcap & HWCAP_SVE) != 0);
  set("sve2", (hwcap2 & HWCAP2_SVE2) != 0);
  info.isa_features.assign(features.begin(), features.end());
  if ((hwcap & HWCAP_SVE) != 0) {
    int vl = prctl(PR_SVE_GET_VL, 0, 0, 0, 0);
    if (vl > 0) info.sve_vector_bits = (vl & PR_SVE_VL_LEN_MASK) * 8;
  }
  if (info.midr == 0 && (hwcap & HWCAP_CPUID) != 0) {
    unsigned long midr = 0;
    asm volatile("mrs %0, MIDR_EL1" : "=r"(midr));
    info.midr = static_cast<uint32_t>(midr);
    info.microarchitecture = Arm64Microarchitecture(info.midr);
    if (info.vendor.empty()) info.vendor = (info.midr >> 24) == 0x41 ? "ARM" : "unknown";
    if (info.model_name.empty()) info.model_name = info.microarchitecture;
  }
}

}  // namespace agent
