// stream-numa: threads bound to the CPUs of one node, the arrays placed on each node in
// turn, so local and remote bandwidth sit side by side. The nodes and the placement come
// from the Capabilities (libnuma on the host), so that a test can run this very path.

#include <algorithm>

#include "agent/stream/stream_run.h"
#include "agent/stream/sweeps.h"
#include "agent/threads.h"

namespace agent::stream {
namespace {

class NumaVariant final : public BasicVariant {
 public:
  NumaVariant()
      : BasicVariant(
            "stream-numa",
            "local vs remote node bandwidth: threads on one node, memory bound to each node") {}
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
  // The triad samples of the memory node, for the remote/local ratio.
  std::vector<double> MeasureNode(NumaMemory& numa, const NumaNode& cpu_node,
                                  const NumaNode& memory_node, size_t elements,
                                  const RunContext& ctx, BenchmarkResult& result) const;
};

// Remote over local triad bandwidth, pass by pass (both runs take the same number of
// passes unless one was interrupted).
std::vector<double> Ratios(const std::vector<double>& remote, const std::vector<double>& local) {
  std::vector<double> ratios;
  for (size_t i = 0; i < std::min(remote.size(), local.size()); ++i) {
    if (local[i] > 0.0) ratios.push_back(remote[i] / local[i]);
  }
  return ratios;
}

std::vector<double> NumaVariant::MeasureNode(NumaMemory& numa, const NumaNode& cpu_node,
                                             const NumaNode& memory_node, size_t elements,
                                             const RunContext& ctx, BenchmarkResult& result) const {
  int node = memory_node.id;
  Arrays arrays(
      elements, [&](size_t bytes) { return numa.Allocate(bytes, node); },
      [&numa](double* p, size_t bytes) { numa.Free(p, bytes); });
  int threads = static_cast<int>(cpu_node.cpus.size());
  BindOpenMpThreads(threads, cpu_node.cpus);
  StreamOutcome outcome = RunStream(PortableKernels(), arrays, threads, ctx);
  nlohmann::json labels = {{"cpu_node", cpu_node.id},
                           {"memory_node", node},
                           {"placement", cpu_node.id == node ? "local" : "remote"}};
  for (int k = 0; k < 4; ++k) {
    if (!outcome.gbs[k].empty())
      AddMetric(result, kKernelNames[k], "GB/s", Better::kHigher, outcome.gbs[k], labels);
  }
  result.validation.details["memory_node_" + std::to_string(node)] = outcome.validation.details;
  result.validation.passed = result.validation.passed && outcome.validation.passed;
  return outcome.gbs[3];
}

BenchmarkResult NumaVariant::Run(const RunContext& ctx) const {
  std::unique_ptr<NumaMemory> numa = ctx.caps->OpenNumaMemory();
  if (!numa) {
    Capability why = ctx.caps->Numa();
    return MakeResult(*this, RunStatus::kSkipped,
                      why.available ? "no allocator places memory on a NUMA node" : why.reason);
  }
  std::vector<NumaNode> nodes = ctx.caps->NumaTopology();
  // The CPUs' own node first: it is the local figure the remote ones are divided by.
  std::stable_partition(nodes.begin(), nodes.end(),
                        [](const NumaNode& n) { return !n.cpus.empty(); });
  auto cpu_node = nodes.begin();
  if (nodes.size() < 2 || cpu_node->cpus.empty()) {
    return MakeResult(*this, RunStatus::kSkipped, "fewer than 2 NUMA nodes with memory");
  }
  Sizing sizing = ChooseSize(*ctx.info, ctx.quick);
  uint64_t smallest =
      std::min_element(nodes.begin(), nodes.end(), [](const NumaNode& x, const NumaNode& y) {
        return x.memory_bytes < y.memory_bytes;
      })->memory_bytes;
  size_t elements = std::min<size_t>(
      sizing.elements, static_cast<size_t>(smallest / 4 / 3 / sizeof(double)) / 8 * 8);
  BenchmarkResult result = MakeResult(*this);
  result.validation = {true, true, "stream.c checkSTREAMresults per memory node",
                       nlohmann::json::object()};
  std::vector<double> local;
  nlohmann::json memory_nodes = nlohmann::json::array();
  for (const NumaNode& memory_node : nodes) {
    if (ctx.Cancelled()) break;
    std::vector<double> triad = MeasureNode(*numa, *cpu_node, memory_node, elements, ctx, result);
    memory_nodes.push_back(memory_node.id);
    if (memory_node.id == cpu_node->id) {
      local = triad;
    } else if (!local.empty()) {
      AddMetric(result, "triad_remote_local_ratio", "1", Better::kHigher, Ratios(triad, local),
                {{"cpu_node", cpu_node->id}, {"memory_node", memory_node.id}});
    }
  }
  UnpinCurrentThread(AllowedCpus());
  result.parameters = {{"array_elements", elements},
                       {"array_bytes", elements * sizeof(double)},
                       {"cpu_node", cpu_node->id},
                       {"memory_nodes", memory_nodes},
                       {"threads", cpu_node->cpus.size()},
                       {"binding", "sched_setaffinity to the CPUs of the cpu node"},
                       {"allocation", numa->Describe()},
                       {"ntimes", ctx.iterations},
                       {"compiler", ctx.info->build.compiler},
                       {"flags", ctx.info->build.flags}};
  result.warnings.insert(result.warnings.end(), sizing.warnings.begin(), sizing.warnings.end());
  SettleStatus(result, ctx,
               "the arrays on at least one memory node do not hold STREAM's expected values");
  return result;
}

}  // namespace

std::unique_ptr<Variant> MakeNumaVariant() { return std::make_unique<NumaVariant>(); }

}  // namespace agent::stream
