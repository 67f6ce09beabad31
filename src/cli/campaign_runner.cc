#include "cli/campaign_runner.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cloud/clock.h"
#include "exec/campaign_import.h"
#include "exec/executor.h"
#include "exec/progress.h"
#include "store/sha256.h"
#include "util/files.h"
#include "util/strings.h"

namespace cli {
namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int) {
  // The second signal leaves at once; the journal is consistent after every transaction.
  if (g_stop.exchange(true)) _exit(kExitInterrupted);
}

util::Expected<double> Rate(const std::string& flag, const std::string& text) {
  auto value = util::ParseDouble(text);
  if (!value || *value < 0 || *value > 1) {
    return util::InvalidInput(flag + ": '" + text +
                              "' is not a rate (accepted: a number from 0 to 1)");
  }
  return *value;
}

util::Expected<cloud::sim::SimConfig> BuildSimConfig(const BackendFlagText& f, uint64_t seed) {
  cloud::sim::SimConfig config;
  config.seed = seed;
  if (!f.sim_seed.empty()) {
    auto parsed = util::ParseInt(f.sim_seed);
    if (!parsed || *parsed < 0) {
      return util::InvalidInput("--sim-seed: '" + f.sim_seed +
                                "' is not accepted (a whole number >= 0)");
    }
    config.seed = static_cast<uint64_t>(*parsed);
  }
  std::pair<const char*, const std::string*> rates[] = {
      {"--sim-capacity-error-rate", &f.capacity_error_rate},
      {"--sim-interruption-rate", &f.interruption_rate},
      {"--sim-throttle-rate", &f.throttle_rate},
      {"--sim-agent-failure-rate", &f.agent_failure_rate}};
  double* targets[] = {&config.capacity_error_rate, &config.interruption_rate,
                       &config.throttle_rate, &config.agent_failure_rate};
  for (size_t i = 0; i < 4; ++i) {
    auto rate = Rate(rates[i].first, *rates[i].second);
    if (!rate) return rate.error();
    *targets[i] = *rate;
  }
  return config;
}

std::string NewCampaignId(const std::string& plan_json) {
  std::random_device device;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%08x", device());
  return "c" + store::Sha256Hex(plan_json).substr(0, 8) + "-" + suffix;
}

// A provider clock starts ten minutes before the campaign's first window or session.
int64_t ClockStart(const store::Snapshot& snap) {
  int64_t start = snap.windows.empty() ? 0 : snap.windows.front().start;
  for (const auto& s : snap.sessions) start = std::min(start, s.planned_start);
  return start - 600;
}

cloud::sim::SimSetup SetupFor(const store::Snapshot& snap, const cloud::sim::SimConfig& config,
                              double spot_ratio) {
  cloud::sim::SimSetup setup;
  setup.config = config;
  setup.config.spot_price_ratio = spot_ratio;
  setup.start = util::FromSeconds(ClockStart(snap));
  for (const auto& q : snap.quotas) setup.quotas[q.quota_class + "/" + q.market] = q.vcpus;
  for (const auto& s : snap.sessions)
    setup.on_demand_usd_per_hour[s.instance_type] = s.on_demand_usd_per_hour;
  return setup;
}

int64_t WallNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
      .time_since_epoch()
      .count();
}

util::Status CheckNewState(const std::string& state, const std::string& beside) {
  if (std::filesystem::exists(state) || std::filesystem::exists(beside)) {
    return util::InvalidInput("--state: '" + state +
                              "' already exists (resume it with 'schedule resume --state " + state +
                              "' or choose a new file)");
  }
  if (auto writable = util::CheckWritable(state); !writable) {
    return util::InvalidInput("--state: " + writable.error().message);
  }
  return {};
}

// One machine: one agent at a time (two would spoil each other's numbers), and nothing is
// billed, so the actual cost is 0 while the plan's estimate stays for comparison.
void OneMachine(store::Snapshot& snapshot) {
  snapshot.campaign.max_concurrent = 1;
  for (auto& session : snapshot.sessions) {
    session.on_demand_usd_per_hour = 0;
    session.extras_usd_per_hour = 0;
  }
}

util::Status CreateLocalCampaign(const plan::Plan& plan, const std::string& plan_json,
                                 const BackendFlagText& flags) {
  auto agent = cloud::local::FindAgent(flags.agent);
  if (!agent) return agent.error();
  auto quick = ParseBoolFlag("--local-quick", flags.local_quick);
  if (!quick) return quick.error();
  auto real_time = ParseBoolFlag("--local-real-time", flags.local_real_time);
  if (!real_time) return real_time.error();
  std::string dir = LocalStatePath(flags.state);
  if (auto status = CheckNewState(flags.state, dir); !status) return status;
  nlohmann::json backend = {{"agent", *agent}, {"quick", *quick}, {"real_time", *real_time}};
  exec::CampaignSource source{
      NewCampaignId(plan_json), flags.backend, backend.dump(), "", plan_json, WallNow()};
  auto snapshot = exec::ImportPlan(plan, source);
  if (!snapshot) return snapshot.error();
  if (plan.spec.max_concurrent != 1) {
    std::cout << "local backend: one agent at a time on this machine (concurrency 1, the plan has "
              << plan.spec.max_concurrent << ")\n";
  }
  OneMachine(*snapshot);
  cloud::local::LocalSetup setup{*agent, *quick, *real_time, cloud::local::DefaultLockPath(),
                                 *real_time ? WallNow() : ClockStart(*snapshot)};
  auto local = cloud::local::LocalCloud::Create(dir, setup,
                                                std::make_unique<cloud::local::PosixProcesses>());
  if (!local) return local.error();
  auto journal = store::Journal::Create(flags.state, *snapshot);
  if (!journal) {
    std::filesystem::remove_all(dir);
    return journal.error();
  }
  return {};
}

util::Expected<OpenedProvider> OpenLocal(const std::string& state) {
  std::string dir = LocalStatePath(state);
  if (!std::filesystem::exists(dir)) {
    return util::InvalidInput("local state folder '" + dir +
                              "' is missing (it must sit beside the journal)");
  }
  auto local =
      cloud::local::LocalCloud::Open(dir, std::make_unique<cloud::local::PosixProcesses>());
  if (!local) return local.error();
  if (const char* env = std::getenv("ABC_AGENT"); env != nullptr && *env != '\0') {
    auto agent = cloud::local::FindAgent("");
    if (!agent) return agent.error();
    (*local)->set_agent(*agent);
  }
  OpenedProvider opened;
  opened.local = local->get();
  opened.clock = &(*local)->clock();
  opened.provider = std::move(*local);
  return opened;
}

}  // namespace

std::string SimStatePath(const std::string& state) { return state + ".sim"; }
std::string LocalStatePath(const std::string& state) { return state + ".local"; }

void InstallSignalHandlers() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void AddBackendFlags(CLI::App& app, BackendFlagText& text, bool state_required) {
  app.add_option("--backend", text.backend, "where jobs run: sim or local (aws comes later)")
      ->required();
  auto* state = app.add_option("--state", text.state, "the campaign journal to create (SQLite)");
  if (state_required) state->required();
  app.add_option("--sim-capacity-error-rate", text.capacity_error_rate,
                 "sim: share of launches refused for capacity [default: 0]");
  app.add_option("--sim-interruption-rate", text.interruption_rate,
                 "sim: share of spot instances interrupted [default: 0]");
  app.add_option("--sim-throttle-rate", text.throttle_rate,
                 "sim: share of API calls throttled [default: 0]");
  app.add_option("--sim-agent-failure-rate", text.agent_failure_rate,
                 "sim: share of jobs whose agent fails [default: 0]");
  app.add_option("--sim-seed", text.sim_seed, "sim: seed of the simulated cloud [default: --seed]");
  app.add_option(
      "--agent", text.agent,
      "local: the aws-benchmark-agent to run [default: $ABC_AGENT, else beside this program]");
  AddBoolFlag(app, "--local-quick", text.local_quick,
              "local: run the agent with --quick (small sizes, 3 iterations: seconds per job)");
  AddBoolFlag(app, "--local-real-time", text.local_real_time,
              "local: wait for each window in real time instead of skipping idle time");
}

util::Status CreateCampaign(const plan::Plan& plan, const std::string& plan_json,
                            const BackendFlagText& flags) {
  if (flags.backend != "sim" && flags.backend != "local") {
    return util::InvalidInput("--backend: '" + flags.backend +
                              "' is not accepted (accepted: sim, local" +
                              (flags.backend == "aws" ? "; aws is not available yet)" : ")") +
                              util::DidYouMean(flags.backend, {"sim", "local"}));
  }
  if (flags.backend == "local") return CreateLocalCampaign(plan, plan_json, flags);
  if (!flags.agent.empty()) return util::InvalidInput("--agent: applies to --backend local only");
  if (flags.local_quick != "false" || flags.local_real_time != "false") {
    return util::InvalidInput("--local-quick and --local-real-time: apply to --backend local only");
  }
  auto config = BuildSimConfig(flags, plan.spec.seed);
  if (!config) return config.error();
  if (auto status = CheckNewState(flags.state, SimStatePath(flags.state)); !status) return status;
  nlohmann::json backend = {{"seed", config->seed},
                            {"capacity_error_rate", config->capacity_error_rate},
                            {"interruption_rate", config->interruption_rate},
                            {"throttle_rate", config->throttle_rate},
                            {"agent_failure_rate", config->agent_failure_rate}};
  exec::CampaignSource source{
      NewCampaignId(plan_json), flags.backend, backend.dump(), "", plan_json, WallNow()};
  auto snapshot = exec::ImportPlan(plan, source);
  if (!snapshot) return snapshot.error();
  auto sim = cloud::sim::SimCloud::Open(
      SimStatePath(flags.state), SetupFor(*snapshot, *config, plan.spec.cost.spot_price_ratio),
      true);
  if (!sim) return sim.error();
  auto journal = store::Journal::Create(flags.state, *snapshot);
  if (!journal) {
    std::filesystem::remove(SimStatePath(flags.state));
    return journal.error();
  }
  return {};
}

util::Expected<OpenedProvider> OpenProvider(const store::CampaignRow& campaign,
                                            const std::string& state) {
  if (campaign.backend == "local") return OpenLocal(state);
  if (campaign.backend != "sim") {
    return util::InvalidInput("state file '" + state + "': backend '" + campaign.backend +
                              "' is not available in this build (accepted: sim, local)");
  }
  std::string path = SimStatePath(state);
  if (!std::filesystem::exists(path)) {
    return util::InvalidInput("sim state file '" + path +
                              "' is missing (it must sit beside the journal)");
  }
  auto sim = cloud::sim::SimCloud::Open(path, {}, false);
  if (!sim) return sim.error();
  OpenedProvider opened;
  opened.sim = sim->get();
  opened.clock = &(*sim)->clock();
  opened.provider = std::move(*sim);
  return opened;
}

int RunCampaign(const std::string& program, const std::string& state) {
  auto journal = store::Journal::Open(state);
  if (!journal) return ReportError(program, journal.error());
  auto snapshot = journal->Load();
  if (!snapshot) return ReportError(program, snapshot.error());
  auto opened = OpenProvider(snapshot->campaign, state);
  if (!opened) return ReportError(program, opened.error());
  bool simulated = opened->provider->simulated();
  cloud::RealClock real_clock;
  cloud::Clock& clock = opened->clock ? *opened->clock : real_clock;
  if (opened->local) {
    // The agent must still be where the campaign found it (or where ABC_AGENT points).
    if (auto agent = cloud::local::FindAgent(opened->local->setup().agent); !agent) {
      return ReportError(program, util::InvalidInput(agent.error().message +
                                                     "; set ABC_AGENT=PATH to use another one"));
    }
  }

  InstallSignalHandlers();
  bool tty = ::isatty(STDOUT_FILENO) != 0;
  auto last_draw = std::chrono::steady_clock::now() - std::chrono::seconds(10);
  int last_step = -1;
  exec::Options options;
  options.stop = &g_stop;
  options.on_progress = [&](const exec::State& s) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_draw < std::chrono::milliseconds(tty ? 100 : 0)) return;
    exec::Progress p = exec::ComputeProgress(s);
    int step = static_cast<int>(p.percent / 10);
    if (!tty && step == last_step) return;
    last_draw = now;
    last_step = step;
    if (tty)
      std::cout << "\r" << exec::FormatProgressBar(p, 30) << std::flush;
    else
      std::cout << exec::FormatProgressLine(p) << "\n";
  };
  exec::Executor executor(*journal, *opened->provider, clock, options);
  auto outcome = executor.Run();
  if (tty) std::cout << "\n";
  if (!outcome) return ReportError(program, outcome.error());
  std::cout << "\n" << exec::FormatSummary(exec::ComputeSummary(executor.state()), simulated);
  if (*outcome == exec::RunOutcome::kCancelled) {
    std::cerr << program << ": interrupted; every instance of the campaign was terminated. "
              << "Resume with 'schedule resume --state " << state << "'\n";
    return kExitInterrupted;
  }
  if (*outcome == exec::RunOutcome::kStopped) {
    std::cerr << program << ": campaign stopped: " << executor.state().campaign.stop_reason << "\n";
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace cli
