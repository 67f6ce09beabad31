#pragma once
// A campaign's lifecycle: create it from a plan on a backend, open it (for resume, status
// or cleanup), run it, and stop it. The backend comes from cloud's registry; nothing here
// or in cli names one. See docs/execution.md ("Lifecycle").
//
// Creating is all or nothing: the backend's state and the journal are written under
// temporary names (FILE.creating, FILE<suffix>.creating) and renamed into place, the journal
// first: a journal in place always holds its whole campaign, and a backend state still
// under its temporary name beside it is renamed by the next Open. A kill at any moment
// before that leaves only temporary files, which the next Create removes.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "cloud/backend.h"
#include "exec/executor.h"
#include "plan/model.h"
#include "store/journal.h"

namespace exec {

struct NewCampaign {
  std::string state;                // the journal to create
  std::string backend;              // a registry name
  cloud::FlagValues backend_flags;  // the backend flags the user gave, by flag name
};

// What creating applied or checked, one line each, for the command to print.
using Notes = std::vector<std::string>;

// One instance that carries the campaign's tag but that the journal does not account for.
struct Stray {
  std::string region;
  std::string instance_id;
};

class Campaign {
 public:
  enum class Access {
    kJournal,   // the journal only (status): the backend is not touched
    kProvider,  // the journal and the backend's provider (run, cleanup)
  };

  // Validates the backend and its flags against the plan, imports the plan, applies the
  // backend's facts (one machine: concurrency 1; free: prices 0, the budget checked once
  // against the plan's estimate) and writes the campaign. kInvalidInput, and nothing
  // written, on bad input or an existing state file.
  static util::Expected<Campaign> Create(const plan::Plan& plan, const std::string& plan_json,
                                         const NewCampaign& request, Notes& notes);
  static util::Expected<Campaign> Open(const std::string& state, Access access);

  // The journal's contents when the campaign was opened or last reloaded.
  const store::Snapshot& snapshot() const { return snapshot_; }
  // Reads the journal again (status --watch, while another process runs the campaign).
  util::Status Reload();
  const cloud::Backend& backend() const { return *backend_; }
  const std::string& path() const { return path_; }
  bool simulated() const { return backend_->facts.simulated; }

  // Runs the executor to its end over the opened provider and its clock.
  util::Expected<RunOutcome> Run(const Options& options);
  // The executor's state after Run.
  const State& state() const { return executor_->state(); }

  // Finds instances with the campaign's tag the journal does not account for and, unless
  // `dry_run`, terminates them and journals it. Provider calls retry throttling and
  // transient errors with the executor's backoff.
  util::Expected<std::vector<Stray>> Cleanup(bool dry_run);

 private:
  Campaign() = default;

  std::string path_;
  const cloud::Backend* backend_ = nullptr;
  std::unique_ptr<store::Journal> journal_;
  store::Snapshot snapshot_;
  cloud::OpenedProvider provider_;
  std::unique_ptr<cloud::Clock> real_clock_;
  std::unique_ptr<Executor> executor_;
};

// "FILE.creating": where Create writes a state file before renaming it to FILE.
std::string CreatingPath(const std::string& path);

}  // namespace exec
