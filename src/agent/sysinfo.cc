#include "agent/sysinfo.h"

#include <sys/utsname.h>

#include <algorithm>
#include <map>
#include <set>

#include "util/strings.h"

namespace agent {
namespace {

// "avx512_vbmi2", "avx_vnni" (cpuinfo spelling) -> "avx512vbmi2", "avxvnni" (the CPUID
// probe's spelling), so
// that both sources give the same names; arm64's "asimd" is NEON.
std::string NormalizeFeature(std::string_view flag) {
  std::string name(flag);
  if (util::StartsWith(name, "avx"))
    name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
  if (util::StartsWith(name, "amx_")) name[3] = '-';
  return name;
}

void AddFeatures(std::string_view list, bool arm64, SysInfo& info) {
  std::set<std::string> features(info.isa_features.begin(), info.isa_features.end());
  for (const std::string& flag : util::Split(list, ' ')) {
    if (flag.empty()) continue;
    features.insert(NormalizeFeature(flag));
    if (arm64 && flag == "asimd") features.insert("neon");
  }
  info.isa_features.assign(features.begin(), features.end());
}

int ParseNumber(std::string_view text) {
  std::string value(util::Trim(text));
  if (value.empty()) return 0;
  try {
    return static_cast<int>(std::stol(value, nullptr, 0));  // "0x41" and "85" alike
  } catch (...) {
    return 0;
  }
}

}  // namespace

bool SysInfo::HasFeature(std::string_view feature) const {
  return std::find(isa_features.begin(), isa_features.end(), feature) != isa_features.end();
}

uint64_t SysInfo::LastLevelCacheBytes() const {
  int last = 0;
  for (const CacheInfo& cache : caches) {
    if (cache.type != "Instruction") last = std::max(last, cache.level);
  }
  uint64_t total = 0;
  for (const CacheInfo& cache : caches) {
    if (cache.level == last && cache.type != "Instruction") {
      total += cache.size_bytes * static_cast<uint64_t>(std::max(cache.instances, 1));
    }
  }
  return total;
}

uint64_t SysInfo::CacheBytes(int level) const {
  for (const CacheInfo& cache : caches) {
    if (cache.level == level && cache.type != "Instruction") return cache.size_bytes;
  }
  return 0;
}

int SysInfo::CacheLineBytes() const {
  for (const CacheInfo& cache : caches) {
    if (cache.level == 1 && cache.type == "Data" && cache.line_bytes > 0) return cache.line_bytes;
  }
  return 64;
}

void ParseCpuinfo(std::string_view text, std::string_view arch, SysInfo& info) {
  bool arm64 = arch == "aarch64";
  std::map<std::string, std::string> first;  // first processor's fields are representative
  for (const std::string& line : util::Split(text, '\n')) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key(util::Trim(std::string_view(line).substr(0, colon)));
    std::string value(util::Trim(std::string_view(line).substr(colon + 1)));
    first.emplace(key, value);
  }
  auto field = [&](const char* key) {
    auto it = first.find(key);
    return it == first.end() ? std::string() : it->second;
  };
  if (arm64 && !field("CPU implementer").empty()) {
    uint32_t implementer = static_cast<uint32_t>(ParseNumber(field("CPU implementer")));
    uint32_t variant = static_cast<uint32_t>(ParseNumber(field("CPU variant")));
    uint32_t part = static_cast<uint32_t>(ParseNumber(field("CPU part")));
    uint32_t revision = static_cast<uint32_t>(ParseNumber(field("CPU revision")));
    info.midr = (implementer << 24) | (variant << 20) | (0xFu << 16) | (part << 4) | revision;
    info.vendor = implementer == 0x41 ? "ARM" : "implementer " + field("CPU implementer");
    info.microarchitecture = Arm64Microarchitecture(info.midr);
    info.model_name = info.microarchitecture;
    AddFeatures(field("Features"), true, info);
  } else if (!arm64 && !field("vendor_id").empty()) {
    info.vendor = field("vendor_id");
    info.model_name = field("model name");
    info.family = ParseNumber(field("cpu family"));
    info.model = ParseNumber(field("model"));
    info.stepping = ParseNumber(field("stepping"));
    info.microarchitecture =
        X86Microarchitecture(info.vendor, info.family, info.model, info.stepping);
    AddFeatures(field("flags"), false, info);
  }
}

std::string X86Microarchitecture(std::string_view vendor, int family, int model, int stepping) {
  if (vendor == "GenuineIntel" && family == 6) {
    switch (model) {
      case 0x55:
        if (stepping >= 10) return "Cooper Lake";
        return stepping >= 5 ? "Cascade Lake" : "Skylake-SP";
      case 0x6A:
      case 0x6C:
        return "Ice Lake-SP";
      case 0x8F:
        return "Sapphire Rapids";
      case 0xCF:
        return "Emerald Rapids";
      case 0xAD:
        return "Granite Rapids";
      default:
        return "unknown";
    }
  }
  if (vendor == "AuthenticAMD") {
    if (family == 0x17 && model >= 0x30) return "Zen 2";
    if (family == 0x17) return "Zen";
    if (family == 0x19 && (model <= 0x0F || (model >= 0x20 && model <= 0x5F))) return "Zen 3";
    if (family == 0x19) return "Zen 4";
    if (family == 0x1A) return "Zen 5";
  }
  return "unknown";
}

std::string Arm64Microarchitecture(uint32_t midr) {
  uint32_t implementer = midr >> 24;
  uint32_t part = (midr >> 4) & 0xFFF;
  if (implementer != 0x41) return "unknown";
  switch (part) {
    case 0xD0C:
      return "Neoverse N1 (Graviton2)";
    case 0xD40:
      return "Neoverse V1 (Graviton3)";
    case 0xD4F:
      return "Neoverse V2 (Graviton4)";
    case 0xD49:
      return "Neoverse N2";
    default:
      return "unknown";
  }
}

SysInfo CollectSysInfo(const FileReader& files) {
  SysInfo info;
  info.build = BuildInformation();
  info.arch = info.build.target_arch;
  if (auto cpuinfo = files.Read("/proc/cpuinfo")) {
    ParseCpuinfo(*cpuinfo, info.arch, info);
    // An aarch64 agent that reads an x86 /proc/cpuinfo runs under qemu user mode, which
    // passes the host's /proc through: its numbers are emulation, not performance.
    bool foreign = info.arch == "aarch64" ? cpuinfo->find("vendor_id") != std::string::npos
                                          : cpuinfo->find("CPU implementer") != std::string::npos;
    if (foreign) {
      info.hypervisor.emulated = true;
      info.hypervisor.emulator = "qemu-user";
    }
  }
  ReadSysfs(files, info);
  ProbeIsa(info);
  return info;
}

}  // namespace agent
