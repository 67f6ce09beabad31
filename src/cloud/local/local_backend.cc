#include "cloud/local/local_backend.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cloud/local/local_cloud.h"

namespace cloud::local {
namespace {

constexpr const char* kAgent = "--agent";
constexpr const char* kQuick = "--local-quick";
constexpr const char* kRealTime = "--local-real-time";

int64_t WallNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
      .time_since_epoch()
      .count();
}

util::Expected<std::string> Configure(const FlagValues& flags, const store::Snapshot& campaign,
                                      const PlanInputs&) {
  auto agent = FindAgent(flags.at(kAgent));
  if (!agent) return agent.error();
  auto quick = ParseBool(kQuick, flags.at(kQuick));
  if (!quick) return quick.error();
  auto real_time = ParseBool(kRealTime, flags.at(kRealTime));
  if (!real_time) return real_time.error();
  // The campaign clock starts now when it runs in real time, else just before the first
  // window (idle time is skipped).
  int64_t start = *real_time ? WallNow() : ClockStart(campaign);
  nlohmann::json config = {
      {"agent", *agent}, {"quick", *quick}, {"real_time", *real_time}, {"start", start}};
  return config.dump();
}

util::Expected<LocalSetup> SetupFor(const store::Snapshot& campaign) {
  nlohmann::json j = nlohmann::json::parse(campaign.campaign.backend_config, nullptr, false);
  LocalSetup setup;
  try {
    setup.agent = j.at("agent").get<std::string>();
    setup.quick = j.at("quick").get<bool>();
    setup.real_time = j.at("real_time").get<bool>();
    setup.start = j.at("start").get<int64_t>();
  } catch (const nlohmann::json::exception& error) {
    return util::InvalidInput(std::string("local backend_config: ") + error.what());
  }
  setup.lock_path = DefaultLockPath();
  return setup;
}

util::Status Create(const std::string& path, const store::Snapshot& campaign) {
  auto setup = SetupFor(campaign);
  if (!setup) return setup.error();
  auto local = LocalCloud::Create(path, *setup, std::make_unique<PosixProcesses>());
  if (!local) return local.error();
  return {};
}

util::Expected<OpenedProvider> Open(const std::string& path, const store::Snapshot& campaign) {
  if (!std::filesystem::exists(path)) {
    return util::InvalidInput("local state folder '" + path +
                              "' is missing (it must sit beside the journal)");
  }
  auto setup = SetupFor(campaign);
  if (!setup) return setup.error();
  // The agent must still be where the campaign found it, unless ABC_AGENT points elsewhere
  // (e.g. the build moved).
  const char* env = std::getenv("ABC_AGENT");
  auto agent = FindAgent(env != nullptr && *env != '\0' ? "" : setup->agent);
  if (!agent) {
    return util::InvalidInput(agent.error().message + "; set ABC_AGENT=PATH to use another one");
  }
  setup->agent = *agent;
  auto local = LocalCloud::Open(path, *setup, std::make_unique<PosixProcesses>());
  if (!local) return local.error();
  OpenedProvider opened;
  opened.clock = &(*local)->clock();
  opened.provider = std::move(*local);
  return opened;
}

}  // namespace

Backend LocalBackend() {
  Backend backend;
  backend.name = "local";
  // One agent at a time (two would spoil each other's numbers), nothing billed, measured.
  backend.facts = {.billed = false, .one_machine = true, .simulated = false};
  backend.flags = {
      {kAgent,
       "local: the aws-benchmark-agent to run [default: $ABC_AGENT, else beside this program]", "",
       FlagKind::kText},
      {kQuick, "local: run the agent with --quick (small sizes, 3 iterations: seconds per job)",
       "false", FlagKind::kBool},
      {kRealTime, "local: wait for each window in real time instead of skipping idle time", "false",
       FlagKind::kBool},
  };
  backend.state_suffix = ".local";
  backend.configure = Configure;
  backend.create = Create;
  backend.open = Open;
  return backend;
}

}  // namespace cloud::local
