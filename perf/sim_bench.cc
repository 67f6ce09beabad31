// The sim backend and executor at scale (issue 4): 10,000 jobs over 28 days with every
// fault on, journalled to a real SQLite file. Reported in docs/execution.md; target < 5 s.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "exec/executor.h"
#include "fakes/sim_scenario.h"

namespace {

// state.range(0): the journal's durability (store::Durability). A sim campaign runs with
// kProcessCrash (exec/campaign.cc); kPowerLoss (synchronous=FULL, one fsync per commit) is
// what aws and local campaigns get, measured here on the same scenario for its cost.
void BM_Sim10kJobs28Days(benchmark::State& state) {
  auto durability = static_cast<store::Durability>(state.range(0));
  fakes::ScenarioOptions options;
  options.seed = 2026;
  options.days = 28;
  options.max_daily_jobs = 400;
  options.max_concurrent = 40;
  options.size_waves = false;
  options.target_jobs = 10000;
  options.sim = {0, 0.1, 0.1, 0.05, 0.02, 3, 0.35};
  fakes::Scenario scenario = fakes::MakeScenario(options);
  auto dir = std::filesystem::temp_directory_path() / ("abc-perf-" + std::to_string(::getpid()));
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string journal_path = (dir / "campaign.db").string();
    state.ResumeTiming();
    auto journal = store::Journal::Create(journal_path, scenario.snapshot);
    auto cloud = cloud::sim::SimCloud::Open(journal_path + ".sim", scenario.setup, true);
    if (!journal || !cloud || !journal->SetDurability(durability)) {
      state.SkipWithError("cannot create the campaign files");
      break;
    }
    exec::Executor executor(*journal, **cloud, (*cloud)->clock(), exec::Options{});
    auto outcome = executor.Run();
    if (!outcome) {
      state.SkipWithError(outcome.error().message.c_str());
      break;
    }
    state.counters["jobs"] = static_cast<double>(executor.state().jobs.size());
    state.counters["attempts"] = static_cast<double>(executor.state().attempts.size());
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_Sim10kJobs28Days)
    ->ArgName("full")
    ->Arg(static_cast<int>(store::Durability::kProcessCrash))
    ->Arg(static_cast<int>(store::Durability::kPowerLoss))
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
