#pragma once
// Runs a generated campaign on the sim backend in a temporary folder and exposes the
// journal and the sim cloud's own records for checks.

#include <filesystem>
#include <string>

#include "exec/executor.h"
#include "fakes/sim_scenario.h"

namespace exec::testing {

struct RunFiles {
  std::filesystem::path dir;
  std::string journal;
  std::string sim;
};

RunFiles TempFiles(const std::string& name);
// Creates journal and sim state for the scenario, runs it to the end.
util::Expected<RunOutcome> RunScenario(const fakes::Scenario& scenario, const RunFiles& files,
                                       const std::atomic<bool>* stop = nullptr,
                                       Options options = {});

}  // namespace exec::testing
