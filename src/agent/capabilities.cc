#include "agent/capabilities.h"

#include <dlfcn.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace agent {
namespace {

// Opens one hardware counter for this thread; the file descriptor is closed at once.
Capability TryCounter(unsigned long long config, const char* name) {
  perf_event_attr attr{};
  attr.type = PERF_TYPE_HARDWARE;
  attr.size = sizeof attr;
  attr.config = config;
  attr.disabled = 1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  long fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
  if (fd < 0) {
    int error = errno;
    return Capability::No(
        std::string("perf_event_open for hardware ") + name + " failed: " + std::strerror(error) +
        (error == ENOENT || error == EOPNOTSUPP ? " (no hardware counters exposed, as in many VMs)"
                                                : ""));
  }
  close(static_cast<int>(fd));
  return Capability::Yes();
}

// libnuma through dlopen, so that the agent still starts where it is missing.
class LibNumaMemory final : public NumaMemory {
 public:
  LibNumaMemory() {
    handle_ = dlopen("libnuma.so.1", RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) return;
    alloc_onnode_ = reinterpret_cast<void* (*)(size_t, int)>(dlsym(handle_, "numa_alloc_onnode"));
    free_ = reinterpret_cast<void (*)(void*, size_t)>(dlsym(handle_, "numa_free"));
  }
  ~LibNumaMemory() override {
    if (handle_ != nullptr) dlclose(handle_);
  }
  LibNumaMemory(const LibNumaMemory&) = delete;
  LibNumaMemory& operator=(const LibNumaMemory&) = delete;
  bool ok() const { return alloc_onnode_ != nullptr && free_ != nullptr; }

  double* Allocate(std::size_t bytes, int node) override {
    return static_cast<double*>(alloc_onnode_(bytes, node));
  }
  void Free(double* memory, std::size_t bytes) override { free_(memory, bytes); }
  std::string Describe() const override { return "numa_alloc_onnode (libnuma.so.1)"; }

 private:
  void* handle_ = nullptr;
  void* (*alloc_onnode_)(size_t, int) = nullptr;
  void (*free_)(void*, size_t) = nullptr;
};

}  // namespace

std::vector<NumaNode> RealCapabilities::NumaTopology() const {
  std::vector<NumaNode> nodes;
  for (const NumaNode& node : info_.numa_nodes) {
    if (node.memory_bytes > 0) nodes.push_back(node);
  }
  return nodes;
}

std::unique_ptr<NumaMemory> RealCapabilities::OpenNumaMemory() const {
  auto memory = std::make_unique<LibNumaMemory>();
  if (!memory->ok()) return nullptr;
  return memory;
}

int RealCapabilities::NumaNodes() const {
  int nodes = 0;
  for (const NumaNode& node : info_.numa_nodes) {
    if (!node.cpus.empty() && node.memory_bytes > 0) ++nodes;
  }
  return std::max(nodes, 1);
}

Capability RealCapabilities::Numa() const {
  void* handle = dlopen("libnuma.so.1", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr)
    return Capability::No(std::string("libnuma cannot be loaded: ") + dlerror());
  using Available = int (*)();
  auto available = reinterpret_cast<Available>(dlsym(handle, "numa_available"));
  bool ok = available != nullptr && available() >= 0;
  dlclose(handle);
  if (!ok)
    return Capability::No("libnuma reports that NUMA is not available (numa_available() < 0)");
  return Capability::Yes("libnuma.so.1");
}

Capability RealCapabilities::PerfCounters() const {
  Capability cycles = TryCounter(PERF_COUNT_HW_CPU_CYCLES, "cycles");
  if (!cycles.available) return cycles;
  return TryCounter(PERF_COUNT_HW_INSTRUCTIONS, "instructions");
}

bool RealCapabilities::HasIsa(std::string_view feature) const { return info_.HasFeature(feature); }

Capability RealCapabilities::Library(std::string_view soname) const {
  std::string name(soname);
  void* handle = dlopen(name.c_str(), RTLD_LAZY | RTLD_LOCAL);
  if (handle == nullptr) return Capability::No(name + " cannot be loaded: " + dlerror());
  dlclose(handle);
  return Capability::Yes(name);
}

}  // namespace agent
