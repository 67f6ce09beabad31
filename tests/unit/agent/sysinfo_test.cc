#include "agent/sysinfo.h"

#include <gtest/gtest.h>

#include "agent/file_reader.h"
#include "agent/monitor.h"

namespace agent {
namespace {

const std::string kData = ABC_TEST_DATA_DIR "/sysinfo/";

SysInfo FromFixture(const std::string& name, const std::string& arch) {
  RootedFileReader files(kData + name);
  SysInfo info;
  ParseCpuinfo(*files.Read("/proc/cpuinfo"), arch, info);
  ReadSysfs(files, info);
  return info;
}

TEST(Sysinfo, X86FixtureFromAnEmeraldRapidsVm) {
  SysInfo info = FromFixture("x86-emr-kvm", "x86_64");
  EXPECT_EQ(info.vendor, "GenuineIntel");
  EXPECT_EQ(info.family, 6);
  EXPECT_EQ(info.model, 207);
  EXPECT_EQ(info.microarchitecture, "Emerald Rapids");
  EXPECT_TRUE(info.HasFeature("avx2"));
  EXPECT_TRUE(info.HasFeature("avx512f"));
  EXPECT_TRUE(info.HasFeature("avx512vbmi2"));  // cpuinfo spells it avx512_vbmi2
  EXPECT_TRUE(info.HasFeature("amx-tile"));
  EXPECT_FALSE(info.HasFeature("sve"));
  EXPECT_EQ(info.logical_cpus, 2);
  EXPECT_EQ(info.cores, 2);
  EXPECT_EQ(info.threads_per_core, 1);
  EXPECT_EQ(info.sockets, 1);
  EXPECT_EQ(info.CacheBytes(1), 48u * 1024);
  EXPECT_EQ(info.CacheBytes(2), 2u * 1024 * 1024);
  EXPECT_EQ(info.LastLevelCacheBytes(), 300u * 1024 * 1024);  // one shared instance
  EXPECT_EQ(info.CacheLineBytes(), 64);
  ASSERT_EQ(info.numa_nodes.size(), 1u);
  EXPECT_EQ(info.numa_nodes[0].cpus, (std::vector<int>{0, 1}));
  EXPECT_GT(info.memory_total_bytes, 20ull << 30);
  EXPECT_EQ(info.thp_enabled, "madvise");
  EXPECT_FALSE(info.kernel.empty());
}

TEST(Sysinfo, Graviton3Fixture) {
  SysInfo info = FromFixture("graviton3-c7g-large", "aarch64");
  EXPECT_EQ(info.midr, 0x411FD401u);
  EXPECT_EQ(info.microarchitecture, "Neoverse V1 (Graviton3)");
  EXPECT_TRUE(info.HasFeature("neon"));
  EXPECT_TRUE(info.HasFeature("sve"));
  EXPECT_FALSE(info.HasFeature("sve2"));
  EXPECT_FALSE(info.HasFeature("avx2"));
  EXPECT_EQ(info.CacheBytes(1), 64u * 1024);
  EXPECT_EQ(info.CacheBytes(2), 1024u * 1024);
  EXPECT_EQ(info.LastLevelCacheBytes(), 32u * 1024 * 1024);
  EXPECT_EQ(info.cores, 2);
  EXPECT_EQ(info.thp_defrag, "madvise");
  EXPECT_EQ(info.hypervisor.dmi_sys_vendor, "Amazon EC2");
  EXPECT_EQ(info.hypervisor.dmi_product_name, "c7g.large");
  EXPECT_EQ(info.memory_available_bytes, 3522164ull * 1024);
}

TEST(Sysinfo, PrivateCachesCountOncePerCore) {
  SysInfo info = FromFixture("graviton3-c7g-large", "aarch64");
  for (const CacheInfo& cache : info.caches) {
    EXPECT_EQ(cache.instances, cache.level == 3 ? 1 : 2) << "L" << cache.level << " " << cache.type;
  }
}

TEST(Sysinfo, MicroarchitectureTables) {
  EXPECT_EQ(X86Microarchitecture("GenuineIntel", 6, 0x55, 4), "Skylake-SP");
  EXPECT_EQ(X86Microarchitecture("GenuineIntel", 6, 0x55, 7), "Cascade Lake");
  EXPECT_EQ(X86Microarchitecture("GenuineIntel", 6, 0x6A, 6), "Ice Lake-SP");
  EXPECT_EQ(X86Microarchitecture("GenuineIntel", 6, 0x8F, 8), "Sapphire Rapids");
  EXPECT_EQ(X86Microarchitecture("AuthenticAMD", 0x17, 0x31, 0), "Zen 2");
  EXPECT_EQ(X86Microarchitecture("AuthenticAMD", 0x19, 0x01, 1), "Zen 3");
  EXPECT_EQ(X86Microarchitecture("AuthenticAMD", 0x19, 0x11, 1), "Zen 4");
  EXPECT_EQ(X86Microarchitecture("AuthenticAMD", 0x1A, 0x02, 0), "Zen 5");
  EXPECT_EQ(X86Microarchitecture("GenuineIntel", 6, 0x3F, 2), "unknown");
  EXPECT_EQ(Arm64Microarchitecture(0x413FD0C1), "Neoverse N1 (Graviton2)");
  EXPECT_EQ(Arm64Microarchitecture(0x410FD4F0), "Neoverse V2 (Graviton4)");
  EXPECT_EQ(Arm64Microarchitecture(0x480FD010), "unknown");  // not Arm's implementer
}

TEST(Sysinfo, ForeignCpuinfoIsIgnoredNotMisread) {
  // An aarch64 agent under qemu user mode sees the x86 host's /proc/cpuinfo.
  SysInfo info;
  RootedFileReader files(kData + "x86-emr-kvm");
  ParseCpuinfo(*files.Read("/proc/cpuinfo"), "aarch64", info);
  EXPECT_EQ(info.midr, 0u);
  EXPECT_TRUE(info.isa_features.empty());
}

TEST(Sysinfo, HostProbeIsConsistent) {
  SysInfo info = CollectSysInfo(RootedFileReader());
  EXPECT_FALSE(info.arch.empty());
  EXPECT_GE(info.logical_cpus, 1);
  EXPECT_FALSE(info.build.compiler.empty());
  if (info.HasFeature("avx512f")) {
    EXPECT_TRUE(info.HasFeature("avx2"));
  }
  nlohmann::json json = ToJson(info);
  EXPECT_EQ(json["arch"], info.arch);
  EXPECT_EQ(json["instance"]["status"], "skipped");
}

TEST(Monitor, ParsesProcStatAndFrequencyFixtures) {
  RootedFileReader files(kData + "graviton3-c7g-large");
  auto times = ParseProcStat(*files.Read("/proc/stat"));
  ASSERT_TRUE(times.has_value());
  EXPECT_EQ(times->steal, 40u);
  EXPECT_EQ(times->total, 1200u + 800 + 50000 + 10 + 5 + 40);
  std::string source;
  EXPECT_FALSE(ReadFrequencyMhz(files, source).has_value());  // no cpufreq, no "cpu MHz"
  RootedFileReader x86(kData + "x86-emr-kvm");
  auto mhz = ReadFrequencyMhz(x86, source);
  ASSERT_TRUE(mhz.has_value());
  EXPECT_GT(*mhz, 100.0);
  EXPECT_EQ(source, "/proc/cpuinfo cpu MHz");
  EXPECT_FALSE(ParseProcStat("cpu  1 2 3\n").has_value());
}

TEST(Monitor, SummarySaysWhyAFigureIsMissing) {
  RootedFileReader files(kData + "graviton3-c7g-large");
  Monitor monitor(files);
  monitor.Start();
  monitor.Sample();
  nlohmann::json summary = monitor.Summary();
  EXPECT_EQ(summary["frequency_mhz"]["status"], "skipped");
  EXPECT_EQ(summary["steal_percent"]["status"], "skipped");  // the fixture never ticks
}

}  // namespace
}  // namespace agent
