#pragma once
// What the machine is (docs/methodology.md, "sysinfo"): recorded in every result so
// that every number carries the machine it was measured on.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/file_reader.h"

namespace agent {

struct CacheInfo {
  int level = 0;
  std::string type;         // "Data", "Instruction", "Unified"
  uint64_t size_bytes = 0;  // of one instance
  int line_bytes = 0;
  int ways = 0;  // 0 when sysfs does not say
  int sets = 0;
  int cpus_sharing = 0;  // logical CPUs sharing one instance
  int instances = 0;     // distinct instances on the machine
};

struct NumaNode {
  int id = 0;
  uint64_t memory_bytes = 0;
  std::vector<int> cpus;
};

struct Hypervisor {
  std::string vendor;  // "KVM", "Xen HVM", "Microsoft Hv", "" on bare metal
  std::string source;  // "cpuid", "dmi", "cpuinfo", ""
  // True when the agent runs under an instruction-set emulator (qemu user mode): its
  // numbers are then not performance figures.
  bool emulated = false;
  std::string emulator;          // "qemu-user" or ""
  std::string dmi_sys_vendor;    // /sys/class/dmi/id/sys_vendor, e.g. "Amazon EC2"
  std::string dmi_product_name;  // e.g. "m7i.large"
};

struct BuildInfo {
  std::string compiler;  // "GCC 12.2.0"
  std::string flags;     // the CMAKE_CXX_FLAGS of the build type
  std::string build_type;
  std::string target_arch;  // "x86_64", "aarch64"
};

// EC2 instance identity from IMDSv2; status "skipped" off EC2.
struct InstanceIdentity {
  std::string status = "skipped";  // "ok" | "skipped" | "failed"
  std::string reason;
  std::string instance_id, instance_type, region, availability_zone, lifecycle;
};

struct SysInfo {
  std::string arch;    // "x86_64" | "aarch64"
  std::string vendor;  // "GenuineIntel", "AuthenticAMD", "ARM (0x41)"
  std::string model_name;
  int family = 0, model = 0, stepping = 0;  // x86 CPUID signature
  uint32_t midr = 0;                        // arm64 MIDR_EL1 (implementer, variant, part, revision)
  std::string microarchitecture;          // "Sapphire Rapids", "Neoverse V1 (Graviton3)", "unknown"
  std::vector<std::string> isa_features;  // sorted: "avx2", "avx512f", "neon", "sve", ...
  int sve_vector_bits = 0;                // 0 without SVE
  int logical_cpus = 0, cores = 0, threads_per_core = 0, sockets = 0;
  std::vector<CacheInfo> caches;
  std::vector<NumaNode> numa_nodes;
  uint64_t memory_total_bytes = 0;
  uint64_t memory_available_bytes = 0;
  std::string thp_enabled, thp_defrag;  // the selected value, e.g. "madvise"
  std::string kernel;                   // uname release + version
  Hypervisor hypervisor;
  BuildInfo build;
  InstanceIdentity instance;

  bool HasFeature(std::string_view feature) const;
  // Sum of the sizes of every distinct last-level cache instance on the machine.
  uint64_t LastLevelCacheBytes() const;
  // Size of one data/unified instance at `level`, 0 when unknown.
  uint64_t CacheBytes(int level) const;
  int CacheLineBytes() const;  // of L1d; 64 when unknown
};

// Parses /proc/cpuinfo for either architecture (fills vendor, model, family/model/
// stepping or MIDR, flags/Features as isa_features, microarchitecture).
void ParseCpuinfo(std::string_view text, std::string_view arch, SysInfo& info);
// Reads caches, CPU topology, NUMA nodes, memory, THP from the /sys and /proc of `files`.
void ReadSysfs(const FileReader& files, SysInfo& info);
// Microarchitecture names from the x86 CPUID signature or the arm64 MIDR.
std::string X86Microarchitecture(std::string_view vendor, int family, int model, int stepping);
std::string Arm64Microarchitecture(uint32_t midr);

// The ISA-specific probe (sysinfo_x86.cc / sysinfo_arm64.cc): CPUID or getauxval, the
// hypervisor leaf; overrides what /proc/cpuinfo said where the hardware is authoritative.
void ProbeIsa(SysInfo& info);
// The compiler and flags this agent was built with.
BuildInfo BuildInformation();

// Everything but the instance identity (see imds.h), from the host.
SysInfo CollectSysInfo(const FileReader& files);

nlohmann::json ToJson(const SysInfo& info);

}  // namespace agent
