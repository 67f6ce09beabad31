#include "cloud/sim/sim_backend.h"

#include <filesystem>

#include "cloud/sim/sim_cloud.h"
#include "cloud/sim/sim_state.h"

namespace cloud::sim {
namespace {

constexpr const char* kCapacity = "--sim-capacity-error-rate";
constexpr const char* kInterruption = "--sim-interruption-rate";
constexpr const char* kThrottle = "--sim-throttle-rate";
constexpr const char* kAgentFailure = "--sim-agent-failure-rate";
constexpr const char* kLostReply = "--sim-lost-reply-rate";
constexpr const char* kDescribeLagRate = "--sim-describe-lag-rate";
constexpr const char* kDescribeLag = "--sim-describe-lag-s";
constexpr const char* kSeed = "--sim-seed";

util::Expected<std::string> Configure(const FlagValues& flags, const store::Snapshot&,
                                      const PlanInputs& plan) {
  SimConfig config;
  config.seed = plan.seed;
  if (!flags.at(kSeed).empty()) {
    auto seed = ParseCount(kSeed, flags.at(kSeed));
    if (!seed) return seed.error();
    config.seed = *seed;
  }
  std::pair<const char*, double*> rates[] = {
      {kCapacity, &config.capacity_error_rate}, {kInterruption, &config.interruption_rate},
      {kThrottle, &config.throttle_rate},       {kAgentFailure, &config.agent_failure_rate},
      {kLostReply, &config.lost_reply_rate},    {kDescribeLagRate, &config.describe_lag_rate}};
  for (auto& [flag, target] : rates) {
    auto rate = ParseRate(flag, flags.at(flag));
    if (!rate) return rate.error();
    *target = *rate;
  }
  auto lag = ParseCount(kDescribeLag, flags.at(kDescribeLag));
  if (!lag) return lag.error();
  config.describe_lag_s = static_cast<int64_t>(*lag);
  config.spot_price_ratio = plan.spot_price_ratio;
  return ConfigToJson(config);
}

// The settings from backend_config; quotas, prices and the start from the journal.
util::Expected<SimSetup> SetupFor(const store::Snapshot& campaign) {
  auto config = ConfigFromJson(campaign.campaign.backend_config);
  if (!config) return config.error();
  SimSetup setup;
  setup.config = *config;
  setup.start = util::FromSeconds(ClockStart(campaign));
  for (const auto& q : campaign.quotas) {
    auto market = catalog::MarketFromText(q.market);
    if (!market) {
      return util::InvalidInput("journal quota row " + q.quota_class + ": unknown market '" +
                                q.market + "' (accepted: on-demand, spot)");
    }
    setup.quotas[{q.quota_class, *market}] = q.vcpus;
  }
  for (const auto& s : campaign.sessions)
    setup.on_demand_usd_per_hour[s.instance_type] = s.on_demand_usd_per_hour;
  return setup;
}

util::Status Create(const std::string& path, const store::Snapshot& campaign) {
  auto setup = SetupFor(campaign);
  if (!setup) return setup.error();
  auto sim = SimCloud::Open(path, *setup, true);
  if (!sim) return sim.error();
  return {};
}

util::Expected<OpenedProvider> Open(const std::string& path, const store::Snapshot& campaign) {
  if (!std::filesystem::exists(path)) {
    return util::InvalidInput("sim state file '" + path +
                              "' is missing (it must sit beside the journal)");
  }
  auto setup = SetupFor(campaign);
  if (!setup) return setup.error();
  auto sim = SimCloud::Open(path, *setup, false);
  if (!sim) return sim.error();
  OpenedProvider opened;
  opened.clock = &(*sim)->clock();
  opened.provider = std::move(*sim);
  return opened;
}

}  // namespace

Backend SimBackend() {
  Backend backend;
  backend.name = "sim";
  backend.facts = {.billed = true, .one_machine = false, .simulated = true};
  backend.flags = {
      {kCapacity, "sim: share of launches refused for capacity", "0", FlagKind::kRate},
      {kInterruption, "sim: share of spot instances interrupted", "0", FlagKind::kRate},
      {kThrottle, "sim: share of API calls throttled", "0", FlagKind::kRate},
      {kAgentFailure, "sim: share of jobs whose agent fails", "0", FlagKind::kRate},
      {kLostReply, "sim: share of launches that start an instance but lose the reply", "0",
       FlagKind::kRate},
      {kDescribeLagRate, "sim: share of new instances that Describe misses for a while", "0",
       FlagKind::kRate},
      {kDescribeLag, "sim: seconds a new instance stays missing from Describe", "0",
       FlagKind::kCount},
      {kSeed, "sim: seed of the simulated cloud [default: the plan's --seed]", "",
       FlagKind::kCount},
  };
  backend.state_suffix = ".sim";
  backend.configure = Configure;
  backend.create = Create;
  backend.open = Open;
  return backend;
}

}  // namespace cloud::sim
