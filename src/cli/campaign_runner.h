#pragma once
// What `schedule run`, `schedule weekly` and `schedule resume` share: backend flags,
// creating a campaign's journal and provider state, and running it with signal handling,
// a progress display and the execution summary.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "cloud/local/local_cloud.h"
#include "cloud/provider.h"
#include "cloud/sim/sim_cloud.h"
#include "plan/model.h"
#include "store/journal.h"

namespace cli {

struct BackendFlagText {
  std::string backend;
  std::string state;
  std::string capacity_error_rate = "0";
  std::string interruption_rate = "0";
  std::string throttle_rate = "0";
  std::string agent_failure_rate = "0";
  std::string sim_seed;                   // default: the spec's --seed
  std::string agent;                      // local: --agent PATH (else ABC_AGENT, else beside us)
  std::string local_quick = "false";      // local: --quick for every agent run
  std::string local_real_time = "false";  // local: wait for the windows in real time
};

void AddBackendFlags(CLI::App& app, BackendFlagText& text, bool state_required);

// SIGINT/SIGTERM set the stop flag the executor polls; a second one exits at once. Called
// first thing by the commands that run a campaign, so a signal during setup is not lost.
void InstallSignalHandlers();

// Validates the backend flags and creates the journal (and the sim's state file) for `plan`.
// Nothing is created when any input is bad.
util::Status CreateCampaign(const plan::Plan& plan, const std::string& plan_json,
                            const BackendFlagText& flags);

// Opens the journal at `state`, runs the campaign to its end, prints progress and the
// summary, and returns the exit status (0 completed, 130 interrupted, 1 stopped, 2 bad input).
int RunCampaign(const std::string& program, const std::string& state);

// The provider a journal's campaign runs on; `sim_state` is the sim cloud's file.
struct OpenedProvider {
  std::unique_ptr<cloud::Provider> provider;
  cloud::sim::SimCloud* sim = nullptr;        // set for the sim backend
  cloud::local::LocalCloud* local = nullptr;  // set for the local backend
  cloud::Clock* clock = nullptr;              // the provider's own clock; nullptr: the real one
};
util::Expected<OpenedProvider> OpenProvider(const store::CampaignRow& campaign,
                                            const std::string& state);

std::string SimStatePath(const std::string& state);
// The local backend's folder beside the journal: state.db and one folder per instance.
std::string LocalStatePath(const std::string& state);

}  // namespace cli
