#pragma once
// The benchmark variant interface (docs/methodology.md) and what a run produces. Each family
// (stream/, hpl/, micro/) implements Variants and adds them to the registry.

#include <atomic>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/capabilities.h"
#include "agent/clock.h"
#include "agent/monitor.h"
#include "agent/statistics.h"
#include "agent/sysinfo.h"

namespace agent {

enum class RunStatus { kOk, kSkipped, kFailed, kInterrupted };
const char* ToString(RunStatus status);  // "ok" | "skipped" | "failed" | "interrupted"

// One reported figure: its raw samples (one per iteration) and their statistics.
struct Metric {
  std::string name;  // "triad", "gflops", "latency"
  std::string unit;  // "GB/s" (10^9 bytes/s), "GFLOP/s", "ns", "cycles", ...
  Better better = Better::kHigher;
  nlohmann::json labels = nlohmann::json::object();  // e.g. {"working_set_bytes": 32768}
  std::vector<double> samples;
  Statistics stats;  // filled by FinishMetric / the runner from `samples`
};

struct Validation {
  bool checked = false;  // false: the variant has nothing to validate
  bool passed = false;
  std::string method;  // "STREAM expected values, epsilon 1e-13"
  nlohmann::json details = nlohmann::json::object();
};

struct BenchmarkResult {
  std::string name;
  std::string family;
  RunStatus status = RunStatus::kOk;
  std::string reason;  // required unless status is ok
  // Sizes, threads, binding, library and version, compiler and flags, ...
  nlohmann::json parameters = nlohmann::json::object();
  std::vector<Metric> metrics;
  Validation validation;
  std::vector<std::string> warnings;
  // Derived findings that are not sampled figures (detected plateaus, ratios, ...).
  nlohmann::json derived = nlohmann::json::object();
  // Filled by the runner: start/end, steal time and CPU frequency during the run.
  nlohmann::json environment = nlohmann::json::object();
};

// Adds a metric with its statistics computed from `samples`, and the CV warning.
Metric& AddMetric(BenchmarkResult& result, std::string name, std::string unit, Better better,
                  std::vector<double> samples, nlohmann::json labels = nlohmann::json::object());

struct Applicability {
  bool applies = true;
  std::string reason;  // why not, when it does not apply
  // It does not apply because of the architecture, vendor or ISA: the facts the planner
  // reads from the catalog (plan/registry.h), so a family named in `run` leaves it out
  // as the planner does. Other misses (one NUMA node, no counters) are recorded as skipped.
  bool hardware = false;
  static Applicability Yes() { return {true, {}, false}; }
  static Applicability No(std::string reason) { return {false, std::move(reason), false}; }
  static Applicability Hardware(std::string reason) { return {false, std::move(reason), true}; }
};

// Everything a variant may use while running. Variants never read the host directly
// for decisions the tests must be able to simulate: they ask `caps`.
struct RunContext {
  int iterations = 10;  // measured repetitions (after warm-up); --quick: 3
  bool quick = false;   // smaller sizes, to run every variant in < 60 s on 2 cores
  int threads = 1;      // resolved thread count (all logical CPUs by default)
  const SysInfo* info = nullptr;
  const Capabilities* caps = nullptr;
  const Clock* clock = nullptr;
  Monitor* monitor =
      nullptr;  // steal time / CPU frequency sampler; may be called between iterations
  const std::atomic<bool>* cancel = nullptr;  // set on SIGINT/spot interruption notice

  bool Cancelled() const { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }
  double Now() const { return clock->MonotonicSeconds(); }
};

class Variant {
 public:
  virtual ~Variant() = default;
  virtual std::string Name() const = 0;  // "stream-avx512"
  // "stream" | "hpl" | "micro", and the planner's window category ("memory", "compute",
  // "library", "micro"): both from the shared variant table (bench/variants.h) by Name().
  // Only a test's fake variant, which the table does not know, overrides them.
  virtual std::string Family() const;
  virtual std::string Category() const;
  virtual std::string Description() const = 0;  // what it measures, one line
  // Whether it applies on this machine beyond the shared table's hardware requirement
  // (which agent::CheckApplies checks first): NUMA nodes, counters, libraries via `caps`.
  // Callers use CheckApplies, never this alone.
  virtual Applicability Applies(const SysInfo& info, const Capabilities& caps) const = 0;
  // Runs and measures. Return status kFailed (with reason) on a failed validation,
  // kInterrupted when ctx.Cancelled() became true; exceptions are caught by the runner
  // and reported as failed.
  virtual BenchmarkResult Run(const RunContext& ctx) const = 0;
};

// Settles a measured result's status: interrupted when the run was cancelled, failed
// with `failure` as the reason when its validation did not pass, ok otherwise.
void SettleStatus(BenchmarkResult& result, const RunContext& ctx, const std::string& failure);

// A Variant whose name and description are fixed at construction; subclasses implement
// Applies and Run only.
class BasicVariant : public Variant {
 public:
  BasicVariant(std::string name, std::string description)
      : name_(std::move(name)), description_(std::move(description)) {}
  std::string Name() const override { return name_; }
  std::string Description() const override { return description_; }

 private:
  std::string name_, description_;
};

// A result named after `variant` with the given status and reason.
BenchmarkResult MakeResult(const Variant& variant, RunStatus status = RunStatus::kOk,
                           std::string reason = {});

}  // namespace agent
