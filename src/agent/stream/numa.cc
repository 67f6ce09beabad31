// stream-numa: threads bound to the CPUs of one node, the arrays placed on each node in
// turn with libnuma (numa_alloc_onnode), so local and remote bandwidth sit side by side.
// libnuma is loaded with dlopen so that the agent still starts where it is missing.

#include <dlfcn.h>

#include <algorithm>

#include "agent/stream/stream_run.h"
#include "agent/stream/sweeps.h"
#include "agent/threads.h"

namespace agent::stream {
namespace {

struct LibNuma {
  void* handle = nullptr;
  void* (*alloc_onnode)(size_t, int) = nullptr;
  void (*free)(void*, size_t) = nullptr;

  LibNuma() {
    handle = dlopen("libnuma.so.1", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return;
    alloc_onnode = reinterpret_cast<void* (*)(size_t, int)>(dlsym(handle, "numa_alloc_onnode"));
    free = reinterpret_cast<void (*)(void*, size_t)>(dlsym(handle, "numa_free"));
  }
  ~LibNuma() {
    if (handle != nullptr) dlclose(handle);
  }
  LibNuma(const LibNuma&) = delete;
  LibNuma& operator=(const LibNuma&) = delete;
  bool ok() const { return alloc_onnode != nullptr && free != nullptr; }
};

std::vector<const NumaNode*> UsableNodes(const SysInfo& info) {
  std::vector<const NumaNode*> nodes;
  for (const NumaNode& node : info.numa_nodes) {
    if (node.memory_bytes > 0) nodes.push_back(&node);
  }
  return nodes;
}

class NumaVariant final : public Variant {
 public:
  std::string Name() const override { return "stream-numa"; }
  std::string Family() const override { return "stream"; }
  std::string Category() const override { return "memory"; }
  std::string Description() const override {
    return "local vs remote node bandwidth: threads on one node, memory bound to each node";
  }
  Applicability Applies(const SysInfo&, const Capabilities& caps) const override {
    int nodes = caps.NumaNodes();
    if (nodes < 2) {
      return Applicability::No("this machine has " + std::to_string(nodes) +
                               " NUMA node with CPUs and memory; local vs remote needs at least 2");
    }
    Capability numa = caps.Numa();
    if (!numa.available) return Applicability::No(numa.reason);
    return Applicability::Yes();
  }
  BenchmarkResult Run(const RunContext& ctx) const override;

 private:
  void MeasureNode(const LibNuma& numa, const NumaNode& cpu_node, const NumaNode& memory_node,
                   size_t elements, const RunContext& ctx, BenchmarkResult& result) const;
};

void NumaVariant::MeasureNode(const LibNuma& numa, const NumaNode& cpu_node, const NumaNode& memory_node,
                              size_t elements, const RunContext& ctx, BenchmarkResult& result) const {
  int node = memory_node.id;
  Arrays arrays(
      elements, [&](size_t bytes) { return static_cast<double*>(numa.alloc_onnode(bytes, node)); },
      [&numa](double* p, size_t bytes) { numa.free(p, bytes); });
  int threads = static_cast<int>(cpu_node.cpus.size());
  BindOpenMpThreads(threads, cpu_node.cpus);
  StreamOutcome outcome = RunStream(PortableKernels(), arrays, threads, ctx);
  nlohmann::json labels = {{"cpu_node", cpu_node.id}, {"memory_node", node},
                           {"placement", cpu_node.id == node ? "local" : "remote"}};
  for (int k = 0; k < 4; ++k) {
    if (!outcome.gbs[k].empty()) AddMetric(result, kKernelNames[k], "GB/s", Better::kHigher, outcome.gbs[k], labels);
  }
  result.validation.details["memory_node_" + std::to_string(node)] = outcome.validation.details;
  result.validation.passed = result.validation.passed && outcome.validation.passed;
}

BenchmarkResult NumaVariant::Run(const RunContext& ctx) const {
  LibNuma numa;
  if (!numa.ok()) return MakeResult(*this, RunStatus::kSkipped, "libnuma.so.1 cannot be loaded");
  std::vector<const NumaNode*> nodes = UsableNodes(*ctx.info);
  auto cpu_node = std::find_if(nodes.begin(), nodes.end(), [](const NumaNode* n) { return !n->cpus.empty(); });
  if (nodes.size() < 2 || cpu_node == nodes.end()) {
    return MakeResult(*this, RunStatus::kSkipped, "fewer than 2 NUMA nodes with memory");
  }
  Sizing sizing = ChooseSize(*ctx.info, ctx.quick);
  uint64_t smallest = (*std::min_element(nodes.begin(), nodes.end(), [](auto* x, auto* y) {
                        return x->memory_bytes < y->memory_bytes;
                      }))->memory_bytes;
  size_t elements = std::min<size_t>(sizing.elements, static_cast<size_t>(smallest / 4 / 3 / sizeof(double)) / 8 * 8);
  BenchmarkResult result = MakeResult(*this);
  result.validation = {true, true, "stream.c checkSTREAMresults per memory node", nlohmann::json::object()};
  for (const NumaNode* memory_node : nodes) {
    if (ctx.Cancelled()) break;
    MeasureNode(numa, **cpu_node, *memory_node, elements, ctx, result);
  }
  UnpinCurrentThread(AllowedCpus());
  result.parameters = {{"array_elements", elements}, {"array_bytes", elements * sizeof(double)},
                       {"cpu_node", (*cpu_node)->id}, {"threads", (*cpu_node)->cpus.size()},
                       {"binding", "sched_setaffinity to the CPUs of the cpu node"},
                       {"allocation", "numa_alloc_onnode (libnuma.so.1)"}, {"ntimes", ctx.iterations},
                       {"compiler", ctx.info->build.compiler}, {"flags", ctx.info->build.flags}};
  result.warnings.insert(result.warnings.end(), sizing.warnings.begin(), sizing.warnings.end());
  if (ctx.Cancelled()) {
    result.status = RunStatus::kInterrupted;
    result.reason = "interrupted";
  } else if (!result.validation.passed) {
    result.status = RunStatus::kFailed;
    result.reason = "validation failed on at least one memory node";
  }
  return result;
}

}  // namespace

std::unique_ptr<Variant> MakeNumaVariant() { return std::make_unique<NumaVariant>(); }

}  // namespace agent::stream
