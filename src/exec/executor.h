#pragma once
// The executor: an event loop over a Clock that launches sessions through a Provider when
// every gate is open, polls them, records results, retries by error class, re-places
// sessions that miss their window, and on a stop request terminates what it launched.
// Every decision is journalled before its side effect (DESIGN.md §9).

#include <atomic>
#include <functional>
#include <string>

#include "cloud/clock.h"
#include "cloud/provider.h"
#include "exec/retry.h"
#include "exec/state.h"
#include "store/journal.h"

namespace exec {

struct Options {
  // Set (by a signal handler) to stop launching and terminate everything.
  const std::atomic<bool>* stop = nullptr;
  int64_t poll_interval_s = 30;  // when the provider gives no NextChange hint
  double api_calls_per_second = 5;
  double api_burst = 20;
  int max_job_tries = 3;
  // Seconds allowed for boot and upload around the jobs' estimates, and the factor on the
  // estimates, when deciding whether a session still fits in its window.
  int64_t boot_allowance_s = 300;
  double duration_margin = 1.2;
  std::function<void(const State&)> on_progress;  // after each state change batch
};

enum class RunOutcome { kCompleted, kCancelled, kStopped };

class Executor {
 public:
  Executor(store::Journal& journal, cloud::Provider& provider, cloud::Clock& clock,
           Options options);
  // Runs until every session is done or unscheduled, a stop request, or a fatal provider
  // error (kStopped; the campaign's stop_reason says why).
  util::Expected<RunOutcome> Run();
  const State& state() const { return state_; }

 private:
  util::Status Load();
  util::Status Reconcile();
  util::Status Poll(util::TimePoint now);
  util::Status PollRegion(const std::string& region, util::TimePoint now);
  util::Status RecordResults(store::AttemptRow& attempt, util::TimePoint now);
  util::Status FinishAttempt(store::AttemptRow& attempt, const cloud::InstanceInfo* info,
                             util::TimePoint now);
  util::Status LaunchReady(util::TimePoint now);
  util::Status TryLaunch(store::SessionRow& session, util::TimePoint now, bool& stop_all);
  util::Status OnLaunchError(store::SessionRow& session, store::AttemptRow& attempt,
                             const util::Error& error, util::TimePoint now, bool& stop_all);
  bool FitsWindow(const store::SessionRow& session, const store::WindowRow& window,
                  util::TimePoint now) const;
  bool LowerWaveDue(const store::SessionRow& session, int wave, util::TimePoint now) const;
  bool GatesOpen(const store::SessionRow& session, const store::WindowRow& window,
                 util::TimePoint now, std::string& why);
  util::Status Replace(store::SessionRow& session, util::TimePoint now);
  util::Status Shutdown(util::TimePoint now, const std::string& status, const std::string& why);
  util::TimePoint NextWake(util::TimePoint now);
  bool Finished();
  util::Status Apply(store::Change change);
  int64_t RemainingSeconds(const store::SessionRow& session) const;
  std::vector<store::JobRow*> PendingJobs(const std::string& session);

  store::Journal& journal_;
  cloud::Provider& provider_;
  cloud::Clock& clock_;
  Options options_;
  State state_;
  // Takes an API token; a refusal makes the next wake-up the moment a token is back, so a
  // call held by the rate limit waits a second, not until the next event.
  bool TakeApiToken(util::TimePoint now);
  TokenBucket bucket_;
  bool waiting_for_token_ = false;
  // When the loop polls next (see NextWake); the first pass always polls.
  util::TimePoint next_poll_ = util::TimePoint::min();
  bool poll_incomplete_ = false;  // a region was skipped: throttled or no token
  bool fatal_ = false;
};

// "abc-<campaign>-<session>-<attempt>": deterministic, so a resumed controller reuses it.
std::string ClientToken(const std::string& campaign, const std::string& session, int attempt);

}  // namespace exec
