// stream-numa's measuring path on a one-node machine: the host's capabilities with its
// one real node presented under a second id as well. Both ids place memory on the real
// node through libnuma and the threads are bound by sched_setaffinity, so every call
// really runs and every figure is this machine's bandwidth; what is checked is the
// structure (a local and a remote figure, the nodes named, the ratio from the samples).

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "agent/capabilities.h"
#include "agent/registry.h"
#include "test_support.h"

namespace agent {
namespace {

using testing::HostContext;
using testing::HostInfo;

constexpr int kAliasNode = 7;  // not a node of this machine

// Places memory for kAliasNode on `real_node`, and records the node ids asked for.
class AliasedNumaMemory final : public NumaMemory {
 public:
  AliasedNumaMemory(std::unique_ptr<NumaMemory> inner, int real_node, std::vector<int>& asked)
      : inner_(std::move(inner)), real_node_(real_node), asked_(asked) {}
  double* Allocate(std::size_t bytes, int node) override {
    asked_.push_back(node);
    return inner_->Allocate(bytes, node == kAliasNode ? real_node_ : node);
  }
  void Free(double* memory, std::size_t bytes) override { inner_->Free(memory, bytes); }
  std::string Describe() const override {
    return inner_->Describe() + "; node " + std::to_string(kAliasNode) + " is node " +
           std::to_string(real_node_) + " (test)";
  }

 private:
  std::unique_ptr<NumaMemory> inner_;
  int real_node_;
  std::vector<int>& asked_;
};

// The host, with its first memory node presented twice: as itself (with the CPUs) and
// as kAliasNode (memory only).
class TwoNodeView final : public Capabilities {
 public:
  explicit TwoNodeView(const SysInfo& info) : real_(info) {}
  int NumaNodes() const override { return 2; }
  std::vector<NumaNode> NumaTopology() const override {
    std::vector<NumaNode> nodes = real_.NumaTopology();
    if (nodes.empty()) return nodes;
    NumaNode alias = nodes.front();
    alias.id = kAliasNode;
    alias.cpus.clear();
    nodes.insert(nodes.begin(), alias);  // listed first: the variant must find the CPU node
    return nodes;
  }
  std::unique_ptr<NumaMemory> OpenNumaMemory() const override {
    std::unique_ptr<NumaMemory> inner = real_.OpenNumaMemory();
    if (!inner) return nullptr;
    return std::make_unique<AliasedNumaMemory>(std::move(inner), real_.NumaTopology().front().id,
                                               asked);
  }
  Capability Numa() const override { return real_.Numa(); }
  Capability PerfCounters() const override { return real_.PerfCounters(); }
  bool HasIsa(std::string_view feature) const override { return real_.HasIsa(feature); }
  Capability Library(std::string_view soname) const override { return real_.Library(soname); }

  mutable std::vector<int> asked;

 private:
  RealCapabilities real_;
};

const Metric* FindMetric(const BenchmarkResult& result, const std::string& name, int memory_node) {
  for (const Metric& metric : result.metrics) {
    if (metric.name == name && metric.labels.value("memory_node", -1) == memory_node)
      return &metric;
  }
  return nullptr;
}

TEST(StreamNuma, MeasuresLocalAndRemotePlacementThroughTheRealBindingCalls) {
  TwoNodeView view(HostInfo());
  if (!RealCapabilities(HostInfo()).OpenNumaMemory()) {
    if (HostInfo().hypervisor.emulated) GTEST_SKIP() << "no libnuma for this emulated target";
    FAIL() << "libnuma.so.1 cannot be loaded (scripts/setup.sh installs libnuma-dev)";
  }
  const std::vector<NumaNode> host_nodes = RealCapabilities(HostInfo()).NumaTopology();
  ASSERT_FALSE(host_nodes.empty()) << "sysinfo found no NUMA node with memory";
  ASSERT_FALSE(host_nodes.front().cpus.empty());
  const int real_node = host_nodes.front().id;

  HostContext host(3);
  host.ctx.caps = &view;
  const Variant* numa = FindVariant("stream-numa");
  ASSERT_NE(numa, nullptr);
  ASSERT_TRUE(numa->Applies(HostInfo(), view).applies);
  BenchmarkResult result = numa->Run(host.ctx);
  ASSERT_EQ(result.status, RunStatus::kOk) << result.reason;

  EXPECT_EQ(result.parameters["cpu_node"], real_node);
  EXPECT_EQ(result.parameters["memory_nodes"], nlohmann::json({real_node, kAliasNode}));
  EXPECT_NE(result.parameters["allocation"].get<std::string>().find("numa_alloc_onnode"),
            std::string::npos);
  // Three arrays on each node, asked for by the node ids the result names.
  EXPECT_EQ(view.asked, (std::vector<int>{real_node, real_node, real_node, kAliasNode, kAliasNode,
                                          kAliasNode}));

  const Metric* local = FindMetric(result, "triad", real_node);
  const Metric* remote = FindMetric(result, "triad", kAliasNode);
  const Metric* ratio = FindMetric(result, "triad_remote_local_ratio", kAliasNode);
  ASSERT_NE(local, nullptr);
  ASSERT_NE(remote, nullptr);
  ASSERT_NE(ratio, nullptr);
  EXPECT_EQ(local->labels["placement"], "local");
  EXPECT_EQ(remote->labels["placement"], "remote");
  EXPECT_EQ(ratio->labels["cpu_node"], real_node);
  ASSERT_EQ(local->samples.size(), 3u);
  ASSERT_EQ(remote->samples.size(), 3u);
  ASSERT_EQ(ratio->samples.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_GT(local->samples[i], 0.0);
    EXPECT_DOUBLE_EQ(ratio->samples[i], remote->samples[i] / local->samples[i]) << i;
  }
  EXPECT_TRUE(result.validation.passed);
  EXPECT_TRUE(result.validation.details.contains("memory_node_" + std::to_string(kAliasNode)));
}

TEST(StreamNuma, WithoutAnAllocatorItSkipsWithTheReason) {
  FakeCapabilities caps;  // two nodes, "libnuma present", but nothing that places memory
  HostContext host(1);
  host.ctx.caps = &caps;
  BenchmarkResult result = FindVariant("stream-numa")->Run(host.ctx);
  EXPECT_EQ(result.status, RunStatus::kSkipped);
  EXPECT_FALSE(result.reason.empty());
  caps.numa = false;
  result = FindVariant("stream-numa")->Run(host.ctx);
  EXPECT_EQ(result.status, RunStatus::kSkipped);
  EXPECT_NE(result.reason.find("libnuma"), std::string::npos) << result.reason;
}

}  // namespace
}  // namespace agent
