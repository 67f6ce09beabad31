// micro-ipc: instructions per cycle of reference loops written in assembly (ipc_loops.h).
// With hardware counters (perf_event_open) the instructions and cycles are counted; without
// them (most EC2 sizes expose no PMU) the instructions are known by construction and the
// cycles are the run's time × the core clock that hpl-vector measures (MeasureCoreGhz).
// The result has the same metrics either way; `parameters.method` says which.

#include <algorithm>
#include <cstdint>

#include "agent/clock.h"
#include "agent/hpl/fma.h"
#include "agent/micro/chase.h"
#include "agent/micro/ipc_loops.h"
#include "agent/micro/latency.h"
#include "agent/micro/micro_variant.h"
#include "agent/micro/variants.h"
#include "agent/statistics.h"

namespace agent::micro {
namespace {

enum class IpcMethod { kCounters, kDerived };

const char* MethodName(IpcMethod method) {
  return method == IpcMethod::kCounters ? "counters" : "derived";
}

// The loop's CPU time, timed as the clock is (ThreadCpuSeconds), so both see the same core.
double SecondsOf(const IpcLoop& loop, std::uint64_t rounds, const IpcMemory& memory) {
  const double start = ThreadCpuSeconds();
  loop.run(rounds, memory);
  return ThreadCpuSeconds() - start;
}

// Rounds that last about `seconds` (doubled from one until they do).
std::uint64_t CalibrateRounds(const IpcLoop& loop, const IpcMemory& memory, double seconds) {
  std::uint64_t rounds = 1;
  while (SecondsOf(loop, rounds, memory) < seconds && rounds < (1ULL << 40)) rounds *= 2;
  return rounds;
}

// IPC from time: instructions by construction over (seconds × clock). The fastest of three
// runs, since preemption only ever makes a run look slower.
double DerivedIpc(const IpcLoop& loop, std::uint64_t rounds, const IpcMemory& memory, double ghz) {
  double best = SecondsOf(loop, rounds, memory);
  for (int i = 0; i < 2; ++i) best = std::min(best, SecondsOf(loop, rounds, memory));
  const double instructions = static_cast<double>(loop.instructions_per_round * rounds);
  return best > 0 ? instructions / (best * ghz * 1e9) : 0.0;
}

struct LoopSamples {
  std::vector<double> ipc;
  std::vector<double> derived;  // the same runs' derived IPC, when the method is counters
};

class IpcVariant final : public MicroVariant {
 public:
  explicit IpcVariant(std::function<std::unique_ptr<PerfCounters>()> counters)
      : counters_(std::move(counters)) {}
  std::string Name() const override { return "micro-ipc"; }
  std::string Description() const override {
    return "instructions per cycle of assembly reference loops: counted with perf_event_open, "
           "or derived from time and the measured core clock where no counters exist";
  }
  BenchmarkResult Run(const RunContext& ctx) const override;

 private:
  // The counters when they work; otherwise nullptr and `why` says why not.
  std::unique_ptr<PerfCounters> OpenCounters(const RunContext& ctx, std::string& why) const;

  std::function<std::unique_ptr<PerfCounters>()> counters_;
};

std::unique_ptr<PerfCounters> IpcVariant::OpenCounters(const RunContext& ctx,
                                                       std::string& why) const {
  if (ctx.info->hypervisor.emulated) {
    why = "emulated: hardware counters would count the emulator's instructions, not the guest's";
    return nullptr;
  }
  const Capability perf = ctx.caps->PerfCounters();
  if (!perf.available) {
    why = perf.reason;
    return nullptr;
  }
  auto counters = counters_();
  auto probe = counters->Count([] {});
  if (!probe) {
    why = probe.error().message;
    return nullptr;
  }
  return counters;
}

BenchmarkResult IpcVariant::Run(const RunContext& ctx) const {
  std::string no_counters;
  const auto counters = OpenCounters(ctx, no_counters);
  const IpcMethod method = counters ? IpcMethod::kCounters : IpcMethod::kDerived;
  const bool emulated = ctx.info->hypervisor.emulated;
  const double seconds = emulated ? 0.001 : ctx.quick ? 0.003 : 0.05;

  // The clock: the best of the runs, since preemption only lowers a run's figure.
  std::vector<double> ghz;
  for (int i = 0; i < ctx.iterations; ++i) ghz.push_back(hpl::MeasureCoreGhz(seconds));
  const double clock = *std::max_element(ghz.begin(), ghz.end());
  if (clock <= 0) {
    return MakeResult(*this, RunStatus::kSkipped, "the core clock could not be measured");
  }

  const std::size_t chase_bytes = emulated ? (8u << 20) : (64u << 20);
  ChaseMemory chase(chase_bytes, false);
  if (!chase.ok()) {
    return MakeResult(*this, RunStatus::kSkipped, "could not map the pointer-chase memory");
  }
  chase.LinkStrided(kLine, SattoloCycle(chase_bytes / kLine, 3));
  alignas(64) static const std::uint64_t kWords[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  const IpcMemory memory{kWords, chase.data()};

  BenchmarkResult result = MakeResult(*this);
  nlohmann::json loops = nlohmann::json::array();
  nlohmann::json agreement = nlohmann::json::object();
  for (const IpcLoop& loop : IpcLoops()) {
    const std::uint64_t rounds = CalibrateRounds(loop, memory, seconds);
    LoopSamples samples;
    for (int i = 0; i < ctx.iterations; ++i) {
      if (method == IpcMethod::kDerived) {
        samples.ipc.push_back(DerivedIpc(loop, rounds, memory, clock));
        continue;
      }
      auto reading = counters->Count([&] { loop.run(rounds, memory); });
      if (!reading) return MakeResult(*this, RunStatus::kSkipped, reading.error().message);
      samples.ipc.push_back(reading->Ipc());
      samples.derived.push_back(DerivedIpc(loop, rounds, memory, clock));
    }
    AddMetric(result, "ipc", "instructions/cycle", Better::kHigher, samples.ipc,
              {{"loop", loop.name}});
    loops.push_back({{"loop", loop.name},
                     {"instructions_per_round", loop.instructions_per_round},
                     {"rounds", rounds}});
    if (!samples.derived.empty()) {
      agreement[loop.name] = ComputeStatistics(samples.derived, Better::kHigher).median /
                             ComputeStatistics(samples.ipc, Better::kHigher).median;
    }
  }
  AddMetric(result, "core_clock", "GHz", Better::kHigher, ghz);
  result.parameters["method"] = MethodName(method);
  result.parameters["loops"] = loops;
  result.parameters["chase_bytes"] = chase_bytes;
  if (method == IpcMethod::kCounters) {
    result.parameters["counters"] = "PERF_COUNT_HW_INSTRUCTIONS, PERF_COUNT_HW_CPU_CYCLES (user)";
    result.derived["derived_over_counters"] = agreement;
  } else {
    result.parameters["counters_unavailable"] = no_counters;
    result.parameters["clock"] =
        "best core_clock sample: a chain of dependent register adds, one cycle each";
  }
  if (emulated) {
    result.parameters["timing"] =
        "emulated: the instruction counts are exact, the times are the emulator's, so the "
        "ipc and core_clock figures describe no processor";
  }
  return result;
}

}  // namespace

std::unique_ptr<Variant> MakeIpcVariant(std::function<std::unique_ptr<PerfCounters>()> counters) {
  return std::make_unique<IpcVariant>(std::move(counters));
}

}  // namespace agent::micro
