#pragma once
// What this machine can do, asked through an interface so that skip decisions
// (ARCHITECTURE.md invariant 5: a missing capability gives `skipped` with the reason) can be tested
// by simulating a missing capability with FakeCapabilities, never by faking numbers.

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "agent/sysinfo.h"

namespace agent {

// Whether a capability is there and, when not, why not (a sentence for the user).
struct Capability {
  bool available = false;
  std::string reason;
  std::string detail;  // when available: e.g. the library path or version
  static Capability Yes(std::string detail = {}) { return {true, {}, std::move(detail)}; }
  static Capability No(std::string reason) { return {false, std::move(reason), {}}; }
};

// Memory placed on a NUMA node: libnuma's numa_alloc_onnode / numa_free on the host.
class NumaMemory {
 public:
  virtual ~NumaMemory() = default;
  // `bytes` on node `node`; nullptr when the node cannot hold them.
  virtual double* Allocate(std::size_t bytes, int node) = 0;
  virtual void Free(double* memory, std::size_t bytes) = 0;
  // How the memory is placed, for the result parameters.
  virtual std::string Describe() const = 0;
};

class Capabilities {
 public:
  virtual ~Capabilities() = default;
  // NUMA nodes that have both memory and CPUs (1 on a single-node machine).
  virtual int NumaNodes() const = 0;
  // The NUMA nodes that have memory, with their CPUs: where stream-numa places threads
  // and memory (the host's: sysinfo's nodes).
  virtual std::vector<NumaNode> NumaTopology() const = 0;
  // The allocator that places memory on those nodes; nullptr when Numa() is unavailable.
  virtual std::unique_ptr<NumaMemory> OpenNumaMemory() const = 0;
  // libnuma can be loaded and reports NUMA support (needed to bind memory and threads).
  virtual Capability Numa() const = 0;
  // perf_event_open can count hardware cycles and instructions for this process.
  virtual Capability PerfCounters() const = 0;
  // An ISA feature as named in SysInfo::isa_features ("avx2", "avx512f", "neon", "sve").
  virtual bool HasIsa(std::string_view feature) const = 0;
  // A shared library can be dlopen()ed by one of `sonames` (e.g. "libopenblas.so.0").
  virtual Capability Library(std::string_view soname) const = 0;
};

// The host: libnuma and BLAS through dlopen, perf through a test perf_event_open,
// ISA from the SysInfo probe (CPUID / hwcaps).
class RealCapabilities final : public Capabilities {
 public:
  explicit RealCapabilities(const SysInfo& info) : info_(info) {}
  int NumaNodes() const override;
  std::vector<NumaNode> NumaTopology() const override;
  std::unique_ptr<NumaMemory> OpenNumaMemory() const override;
  Capability Numa() const override;
  Capability PerfCounters() const override;
  bool HasIsa(std::string_view feature) const override;
  Capability Library(std::string_view soname) const override;

 private:
  const SysInfo& info_;
};

// Starts as "everything present" (2 NUMA nodes, counters, the given ISA, every library)
// and lets a test take capabilities away.
class FakeCapabilities final : public Capabilities {
 public:
  int numa_nodes = 2;
  bool numa = true;
  bool perf_counters = true;
  std::set<std::string, std::less<>> isa;                // features present
  std::set<std::string, std::less<>> missing_libraries;  // everything else loads

  int NumaNodes() const override { return numa_nodes; }
  // No nodes to place memory on: a run that gets past Applies skips with the reason.
  std::vector<NumaNode> NumaTopology() const override { return {}; }
  std::unique_ptr<NumaMemory> OpenNumaMemory() const override { return nullptr; }
  Capability Numa() const override {
    return numa ? Capability::Yes("fake") : Capability::No("libnuma is not available (fake)");
  }
  Capability PerfCounters() const override {
    return perf_counters ? Capability::Yes("fake")
                         : Capability::No("hardware perf counters are not available (fake)");
  }
  bool HasIsa(std::string_view feature) const override { return isa.count(feature) > 0; }
  Capability Library(std::string_view soname) const override {
    if (missing_libraries.count(soname) > 0) {
      return Capability::No(std::string(soname) + " cannot be loaded (fake)");
    }
    return Capability::Yes(std::string(soname));
  }
};

}  // namespace agent
