// The parts of SysInfo that come from /sys and /proc text files (through a FileReader,
// so that tests can point it at fixture trees in tests/data/sysinfo/).

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "agent/sysinfo.h"
#include "util/bytes.h"
#include "util/strings.h"

namespace agent {
namespace {

constexpr char kCpuRoot[] = "/sys/devices/system/cpu";

std::string ReadTrimmed(const FileReader& files, const std::string& path) {
  auto text = files.Read(path);
  return text ? std::string(util::Trim(*text)) : std::string();
}

long long ReadInt(const FileReader& files, const std::string& path) {
  return util::ParseInt(ReadTrimmed(files, path)).value_or(-1);
}

// "48K", "2048K", "32M" (sysfs cache sizes).
uint64_t ParseSize(std::string_view text) {
  if (text.empty()) return 0;
  uint64_t multiplier = 1;
  switch (text.back()) {
    case 'K':
      multiplier = util::kKiB;
      break;
    case 'M':
      multiplier = util::kMiB;
      break;
    case 'G':
      multiplier = util::kGiB;
      break;
    default:
      break;
  }
  if (multiplier != 1) text.remove_suffix(1);
  auto value = util::ParseInt(text);
  return value && *value > 0 ? static_cast<uint64_t>(*value) * multiplier : 0;
}

// "0-3,8,10-11" -> {0,1,2,3,8,10,11}.
std::vector<int> ParseCpuList(std::string_view text) {
  std::vector<int> cpus;
  for (const std::string& range : util::SplitList(text, ',')) {
    std::vector<std::string> ends = util::Split(range, '-');
    auto low = util::ParseInt(ends[0]);
    auto high = ends.size() == 2 ? util::ParseInt(ends[1]) : low;
    if (!low || !high || *high < *low || *high - *low > 1 << 16) continue;
    for (long long cpu = *low; cpu <= *high; ++cpu) cpus.push_back(static_cast<int>(cpu));
  }
  return cpus;
}

std::vector<int> OnlineCpus(const FileReader& files) {
  std::vector<int> cpus = ParseCpuList(ReadTrimmed(files, std::string(kCpuRoot) + "/online"));
  if (!cpus.empty()) return cpus;
  for (const std::string& name : files.List(kCpuRoot)) {
    if (name.size() > 3 && util::StartsWith(name, "cpu")) {
      if (auto id = util::ParseInt(std::string_view(name).substr(3)))
        cpus.push_back(static_cast<int>(*id));
    }
  }
  std::sort(cpus.begin(), cpus.end());
  return cpus;
}

void ReadCaches(const FileReader& files, const std::vector<int>& cpus, SysInfo& info) {
  // (level, type) -> the cache, with its distinct shared_cpu_lists counting instances.
  std::map<std::pair<int, std::string>, std::pair<CacheInfo, std::set<std::string>>> found;
  for (int cpu : cpus) {
    std::string base = std::string(kCpuRoot) + "/cpu" + std::to_string(cpu) + "/cache/";
    for (const std::string& index : files.List(base)) {
      if (!util::StartsWith(index, "index")) continue;
      std::string dir = base + index + "/";
      CacheInfo cache;
      cache.level = static_cast<int>(ReadInt(files, dir + "level"));
      cache.type = ReadTrimmed(files, dir + "type");
      cache.size_bytes = ParseSize(ReadTrimmed(files, dir + "size"));
      cache.line_bytes =
          static_cast<int>(std::max(0LL, ReadInt(files, dir + "coherency_line_size")));
      cache.ways = static_cast<int>(std::max(0LL, ReadInt(files, dir + "ways_of_associativity")));
      cache.sets = static_cast<int>(std::max(0LL, ReadInt(files, dir + "number_of_sets")));
      std::string shared = ReadTrimmed(files, dir + "shared_cpu_list");
      cache.cpus_sharing = static_cast<int>(std::max<size_t>(1, ParseCpuList(shared).size()));
      if (cache.level <= 0 || cache.size_bytes == 0) continue;
      auto& slot = found[{cache.level, cache.type}];
      if (slot.second.empty()) slot.first = cache;
      slot.second.insert(shared.empty() ? std::to_string(cpu) : shared);
    }
  }
  info.caches.clear();
  for (auto& [key, value] : found) {
    value.first.instances = static_cast<int>(value.second.size());
    info.caches.push_back(value.first);
  }
}

void ReadTopology(const FileReader& files, const std::vector<int>& cpus, SysInfo& info) {
  std::set<std::tuple<long long, long long, long long>> cores;  // (package, die, core)
  std::set<long long> packages;
  for (int cpu : cpus) {
    std::string dir = std::string(kCpuRoot) + "/cpu" + std::to_string(cpu) + "/topology/";
    long long package = ReadInt(files, dir + "physical_package_id");
    long long die = ReadInt(files, dir + "die_id");
    long long core = ReadInt(files, dir + "core_id");
    packages.insert(package);
    cores.insert({package, die, core});
  }
  info.logical_cpus = static_cast<int>(cpus.size());
  info.sockets = static_cast<int>(std::max<size_t>(1, packages.size()));
  info.cores = static_cast<int>(std::max<size_t>(1, cores.size()));
  info.threads_per_core = std::max(1, info.logical_cpus / info.cores);
}

// "Node 0 MemTotal:       24605316 kB" and "MemTotal:       24684092 kB".
uint64_t MeminfoBytes(std::string_view text, std::string_view key) {
  for (const std::string& line : util::Split(text, '\n')) {
    size_t at = line.find(std::string(key) + ":");
    if (at == std::string::npos) continue;
    std::vector<std::string> words =
        util::SplitList(std::string_view(line).substr(at + key.size() + 1), ' ');
    if (words.empty()) return 0;
    auto value = util::ParseInt(words[0]);
    uint64_t scale = words.size() > 1 && words[1] == "kB" ? 1024 : 1;
    return value && *value > 0 ? static_cast<uint64_t>(*value) * scale : 0;
  }
  return 0;
}

void ReadNuma(const FileReader& files, SysInfo& info) {
  info.numa_nodes.clear();
  std::vector<int> ids = ParseCpuList(ReadTrimmed(files, "/sys/devices/system/node/online"));
  for (int id : ids) {
    std::string dir = "/sys/devices/system/node/node" + std::to_string(id) + "/";
    NumaNode node;
    node.id = id;
    node.cpus = ParseCpuList(ReadTrimmed(files, dir + "cpulist"));
    auto meminfo = files.Read(dir + "meminfo");
    node.memory_bytes = meminfo ? MeminfoBytes(*meminfo, "MemTotal") : 0;
    info.numa_nodes.push_back(node);
  }
}

// "always [madvise] never" -> "madvise".
std::string SelectedValue(std::string_view text) {
  size_t open = text.find('[');
  size_t close = text.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::string(util::Trim(text));
  }
  return std::string(text.substr(open + 1, close - open - 1));
}

}  // namespace

void ReadSysfs(const FileReader& files, SysInfo& info) {
  std::vector<int> cpus = OnlineCpus(files);
  ReadCaches(files, cpus, info);
  ReadTopology(files, cpus, info);
  ReadNuma(files, info);
  if (auto meminfo = files.Read("/proc/meminfo")) {
    info.memory_total_bytes = MeminfoBytes(*meminfo, "MemTotal");
    info.memory_available_bytes = MeminfoBytes(*meminfo, "MemAvailable");
  }
  const std::string thp = "/sys/kernel/mm/transparent_hugepage/";
  info.thp_enabled = SelectedValue(ReadTrimmed(files, thp + "enabled"));
  info.thp_defrag = SelectedValue(ReadTrimmed(files, thp + "defrag"));
  std::string release = ReadTrimmed(files, "/proc/sys/kernel/osrelease");
  std::string version = ReadTrimmed(files, "/proc/sys/kernel/version");
  info.kernel = util::Join({release, version}, " ");
  info.hypervisor.dmi_sys_vendor = ReadTrimmed(files, "/sys/class/dmi/id/sys_vendor");
  info.hypervisor.dmi_product_name = ReadTrimmed(files, "/sys/class/dmi/id/product_name");
}

}  // namespace agent
