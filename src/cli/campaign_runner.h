#pragma once
// What `schedule run`, `schedule weekly` and `schedule resume` share: the backend flags
// (added generically from cloud's registry: cli names no backend), the signal handlers, and
// running a campaign with a progress display and the execution summary. The lifecycle
// itself (create, open, run, cleanup) is exec::Campaign.

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

#include "cloud/backend.h"
#include "exec/campaign.h"

namespace cli {

struct BackendFlags {
  std::string backend;
  std::string state;
  std::map<std::string, std::string> text;                // by flag name, as typed
  std::map<std::string, std::vector<std::string>> lists;  // kList flags: items in order
  std::map<std::string, CLI::Option*> options;            // by flag name
};

// --backend (default: kDefaultBackend), --state and every registered backend's flags, with
// their help and defaults.
enum class StateFlag { kRequired, kOptional, kNone };
void AddBackendFlags(CLI::App& app, BackendFlags& flags, StateFlag state);
// The backend flags given on the command line, by name (defaults are exec's to fill in).
cloud::FlagValues GivenBackendFlags(const BackendFlags& flags);
// The request to create a campaign from the parsed flags.
exec::NewCampaign NewCampaignFrom(const BackendFlags& flags);

// SIGINT/SIGTERM set the stop flag the executor polls; a second one exits at once. Called
// once, first thing, by the commands that run a campaign, so a signal during setup is not
// lost.
void InstallSignalHandlers();

// Prints what creating the campaign applied (one line each), then a blank line.
void PrintNotes(const exec::Notes& notes, std::ostream& out);

// Runs the opened campaign to its end, prints progress and the summary, and returns the
// exit status (0 completed, 130 interrupted, 1 stopped or failed).
int RunCampaign(const std::string& program, exec::Campaign& campaign);

}  // namespace cli
