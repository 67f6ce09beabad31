#pragma once
// The executor: an event loop over a Clock that launches sessions through a Provider when
// every gate is open, polls them, records results, retries by error class, re-places
// sessions that miss their window, and on a stop request terminates what it launched.
// Every decision is journalled before its side effect (ARCHITECTURE.md, invariant 4).

#include <atomic>
#include <functional>
#include <map>
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
  // EC2's eventual consistency: an instance may be missing from Describe for a while after
  // it was launched. An attempt whose instance is missing counts as gone only when it has
  // been missing this long, and an intent whose launch call got no clear answer is closed
  // as never launched only when a search by tag made this long after the call misses it.
  int64_t missing_grace_s = 300;
  std::function<void(const State&)> on_progress;  // after each state change batch
};

enum class RunOutcome { kCompleted, kCancelled, kStopped };

// Why a due session may not launch now (kOpen: it may).
enum class Gate {
  kOpen,
  kSameTypeRunning,   // size waves: one instance of a type at a time
  kOtherWaveRunning,  // size waves: one wave at a time in a region
  kLowerWaveDue,      // size waves: a due session of a smaller wave goes first
  kConcurrency,       // --max-concurrent
  kQuota,             // the plan's vCPU quota of the class and market
  kBudget,            // --max-cost
};

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
  // Searches every region by the campaign tag: adopts the instances of intents, terminates
  // strays (exec/strays.h).
  util::Status Reconcile();
  util::Status AdoptInstance(store::AttemptRow& attempt, const cloud::InstanceInfo& info,
                             store::Change& change);
  util::Status Poll(util::TimePoint now);
  util::Status PollRegion(const std::string& region, util::TimePoint now);
  // Whether an attempt missing from a Describe has been missing long enough to be gone.
  bool MissingLongEnough(const store::AttemptRow& attempt, util::TimePoint now);
  util::Status RecordResults(store::AttemptRow& attempt, util::TimePoint now);
  util::Status FinishAttempt(store::AttemptRow& attempt, const cloud::InstanceInfo* info,
                             util::TimePoint now);
  util::Status LaunchReady(util::TimePoint now);
  util::Status TryLaunch(store::SessionRow& session, util::TimePoint now, bool& stop_all);
  // The session's intent that no longer fits its window: closed as never launched, or kept
  // while it is unknown whether its launch went through. `closed` says which.
  util::Status CloseStaleIntent(store::SessionRow& session, store::AttemptRow& intent,
                                util::TimePoint now, bool& closed);
  // The window to launch in, after re-placing a session that no longer fits its own;
  // nullptr when the session was unscheduled instead.
  util::Expected<const store::WindowRow*> WindowToLaunchIn(store::SessionRow& session,
                                                           util::TimePoint now);
  util::Status UnscheduleOverBudget(store::SessionRow& session, util::TimePoint now);
  util::Expected<store::AttemptRow*> WriteIntent(store::SessionRow& session,
                                                 const store::WindowRow& window,
                                                 util::TimePoint now);
  cloud::LaunchRequest RequestFor(const store::SessionRow& session,
                                  const store::AttemptRow& intent) const;
  util::Status RecordLaunched(store::SessionRow& session, store::AttemptRow& intent,
                              const std::string& instance_id, util::TimePoint now);
  util::Status OnLaunchError(store::SessionRow& session, store::AttemptRow& attempt,
                             const util::Error& error, util::TimePoint now, bool& stop_all);
  bool FitsWindow(const store::SessionRow& session, const store::WindowRow& window,
                  util::TimePoint now) const;
  bool LowerWaveDue(const store::SessionRow& session, int wave, util::TimePoint now) const;
  Gate CheckGates(const store::SessionRow& session, const store::WindowRow& window,
                  util::TimePoint now);
  util::Status Replace(store::SessionRow& session, util::TimePoint now);
  util::Status Shutdown(util::TimePoint now, store::CampaignStatus status, const std::string& why);
  util::TimePoint NextWake(util::TimePoint now);
  bool Finished();
  util::Status Apply(const store::Change& change);
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
  // Intents whose launch may have gone through unrecorded (a call that got no clear answer,
  // or an intent found in the journal at start), by attempt id: since when.
  std::map<int64_t, util::TimePoint> maybe_launched_;
  // Running attempts missing from the last Describe, by attempt id: since when.
  std::map<int64_t, util::TimePoint> missing_since_;
};

// "abc-<campaign>-<session>-<attempt>": deterministic, so a resumed controller reuses it.
std::string ClientToken(const std::string& campaign, const std::string& session, int attempt);

}  // namespace exec
