#include "cloud/sim/sim_state.h"

#include <nlohmann/json.hpp>

namespace cloud::sim {

std::string ConfigToJson(const SimConfig& c) {
  nlohmann::json j = {
      {"seed", c.seed},
      {"capacity_error_rate", c.capacity_error_rate},
      {"interruption_rate", c.interruption_rate},
      {"throttle_rate", c.throttle_rate},
      {"agent_failure_rate", c.agent_failure_rate},
      {"zones_per_region", c.zones_per_region},
      {"spot_price_ratio", c.spot_price_ratio},
  };
  return j.dump();
}

util::Expected<SimConfig> ConfigFromJson(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return util::InvalidInput("sim backend_config: not a JSON object");
  }
  try {
    SimConfig c;
    c.seed = j.at("seed").get<uint64_t>();
    c.capacity_error_rate = j.at("capacity_error_rate").get<double>();
    c.interruption_rate = j.at("interruption_rate").get<double>();
    c.throttle_rate = j.at("throttle_rate").get<double>();
    c.agent_failure_rate = j.at("agent_failure_rate").get<double>();
    c.zones_per_region = j.at("zones_per_region").get<int>();
    c.spot_price_ratio = j.at("spot_price_ratio").get<double>();
    return c;
  } catch (const nlohmann::json::exception& error) {
    return util::InvalidInput(std::string("sim backend_config: ") + error.what());
  }
}

std::string JobsToJson(const std::vector<JobSpec>& jobs) {
  nlohmann::json array = nlohmann::json::array();
  for (const JobSpec& job : jobs) {
    array.push_back({{"id", job.id},
                     {"benchmark", job.benchmark},
                     {"estimated_duration_s", job.estimated_duration_s}});
  }
  return array.dump();
}

std::vector<JobSpec> JobsFromJson(const std::string& text) {
  std::vector<JobSpec> jobs;
  nlohmann::json array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return jobs;
  for (const auto& item : array) {
    jobs.push_back(JobSpec{item.value("id", ""), item.value("benchmark", ""),
                           item.value("estimated_duration_s", int64_t{0})});
  }
  return jobs;
}

}  // namespace cloud::sim
