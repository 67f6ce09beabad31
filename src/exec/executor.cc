#include "exec/executor.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "cloud/tags.h"
#include "exec/crash_hook.h"
#include "exec/strays.h"
#include "store/sha256.h"

namespace exec {

using util::FromSeconds;
using util::ToSeconds;

std::string ClientToken(const std::string& campaign, const std::string& session, int attempt) {
  // EC2 accepts up to 64 ASCII characters; a hash keeps long session ids within that.
  return "abc-" +
         store::Sha256Hex(campaign + "\n" + session + "\n" + std::to_string(attempt)).substr(0, 40);
}

Executor::Executor(store::Journal& journal, cloud::Provider& provider, cloud::Clock& clock,
                   Options options)
    : journal_(journal),
      provider_(provider),
      clock_(clock),
      options_(std::move(options)),
      bucket_(options_.api_calls_per_second, options_.api_burst) {}

util::Status Executor::Load() {
  auto snapshot = journal_.Load();
  if (!snapshot) return snapshot.error();
  state_ = State::FromSnapshot(std::move(*snapshot));
  // An intent in the journal may have been sent before the last controller stopped.
  for (store::AttemptRow* attempt : state_.HeldAttempts()) {
    if (attempt->state == store::AttemptState::kIntent) maybe_launched_[attempt->id] = clock_.Now();
  }
  return {};
}

util::Status Executor::Apply(const store::Change& change) { return journal_.Apply(change); }

bool Executor::Finished() {
  state_.PruneOpen(ToSeconds(clock_.Now()));
  return state_.open_sessions.empty();
}

// After a crash the journal may hold intents whose launch never happened, or happened
// unrecorded, and the cloud may hold instances the journal never heard of, or whose attempt
// was closed while its launch was in doubt. The campaign tag finds them all: each is adopted
// (its attempt is still an intent) or terminated (a stray, exec/strays.h).
util::Status Executor::Reconcile() {
  std::set<std::string> regions;
  for (const auto& s : state_.sessions) regions.insert(s.region);
  for (const std::string& region : regions) {
    auto found = provider_.DescribeByTag(region, cloud::tag::kCampaign, state_.campaign.id);
    if (!found) return found.error();
    store::Change change;
    std::vector<std::string> strays;
    for (const cloud::InstanceInfo& info : *found) {
      auto known = state_.attempt_by_token.find(info.client_token);
      store::AttemptRow* attempt =
          known == state_.attempt_by_token.end() ? nullptr : &state_.attempts[known->second];
      if (attempt && attempt->state == store::AttemptState::kIntent) {
        if (auto status = AdoptInstance(*attempt, info, change); !status) return status;
      } else if (IsStray(info, attempt)) {
        strays.push_back(info.id);
      }
    }
    if (!strays.empty()) {
      if (auto status = provider_.Terminate(region, strays); !status) return status;
      for (const auto& id : strays) {
        change.events.push_back({ToSeconds(clock_.Now()), "stray-terminated", "", id});
      }
    }
    if (auto status = Apply(change); !status) return status;
  }
  return {};
}

// The instance an intent launched without the journal hearing of it becomes the attempt's.
util::Status Executor::AdoptInstance(store::AttemptRow& attempt, const cloud::InstanceInfo& info,
                                     store::Change& change) {
  maybe_launched_.erase(attempt.id);
  attempt.state = store::AttemptState::kRunning;
  attempt.instance_id = info.id;
  attempt.launched_at = ToSeconds(info.launched_at);
  store::SessionRow& session = state_.session(attempt.session);
  session.state = store::SessionState::kRunning;
  for (store::JobRow* job : PendingJobs(session.id)) {
    job->state = store::JobState::kRunning;
    job->tries += 1;
    change.jobs.push_back(*job);
  }
  change.attempts.push_back(attempt);
  change.sessions.push_back(session);
  change.events.push_back({ToSeconds(clock_.Now()), "reconciled", session.id,
                           "adopted " + info.id + " whose launch was not recorded"});
  return {};
}

util::Expected<RunOutcome> Executor::Run() {
  if (auto status = Load(); !status) return status.error();
  auto wall_start = std::chrono::steady_clock::now();
  // Never act before an instant the journal has already seen: a virtual clock may have
  // lost its last ticks in a crash, and acting earlier would contradict the record.
  auto recorded = journal_.LatestRecordedTime();
  if (!recorded) return recorded.error();
  int64_t latest = *recorded;
  for (const auto& a : state_.attempts)
    latest = std::max({latest, a.intent_at, a.launched_at, a.ended_at});
  clock_.SleepUntil(FromSeconds(latest));
  util::TimePoint now = clock_.Now();
  state_.campaign.status = store::CampaignStatus::kRunning;
  state_.campaign.stop_reason.clear();
  if (auto status = Apply({state_.campaign, {}, {}, {}, {}, {{ToSeconds(now), "run", "", ""}}});
      !status) {
    return status.error();
  }
  if (auto status = Reconcile();
      !status && status.error().error_class != util::ErrorClass::kThrottling) {
    return status.error();
  }
  RunOutcome outcome = RunOutcome::kCompleted;
  while (true) {
    now = clock_.Now();
    if (options_.stop && options_.stop->load()) {
      if (auto status = Shutdown(now, store::CampaignStatus::kCancelled, "interrupted by a signal");
          !status) {
        return status.error();
      }
      outcome = RunOutcome::kCancelled;
      break;
    }
    if (now >= next_poll_) {
      if (auto status = Poll(now); !status) return status.error();
    }
    if (!fatal_) {
      if (auto status = LaunchReady(now); !status) return status.error();
    }
    if (fatal_) {
      if (auto status = Shutdown(now, store::CampaignStatus::kStopped, state_.campaign.stop_reason);
          !status) {
        return status.error();
      }
      outcome = RunOutcome::kStopped;
      break;
    }
    if (options_.on_progress) options_.on_progress(state_);
    if (Finished()) break;
    CrashPoint("loop");
    clock_.SleepUntil(NextWake(now));
  }
  if (outcome == RunOutcome::kCompleted) {
    // A last search by tag: an instance declared lost that shows up again is terminated.
    if (auto status = Reconcile();
        !status && status.error().error_class == util::ErrorClass::kFatal) {
      return status.error();
    }
  }
  auto wall = std::chrono::steady_clock::now() - wall_start;
  state_.campaign.wall_seconds += std::chrono::duration_cast<std::chrono::seconds>(wall).count();
  if (outcome == RunOutcome::kCompleted) state_.campaign.status = store::CampaignStatus::kCompleted;
  state_.campaign.ended_at = ToSeconds(clock_.Now());
  if (auto status = Apply({state_.campaign, {}, {}, {}, {}, {}}); !status) return status.error();
  if (options_.on_progress) options_.on_progress(state_);
  return outcome;
}

bool Executor::TakeApiToken(util::TimePoint now) {
  if (bucket_.TryTake(now)) return true;
  waiting_for_token_ = true;
  return false;
}

util::TimePoint Executor::NextWake(util::TimePoint now) {
  util::TimePoint next = util::TimePoint::max();
  auto consider = [&](util::TimePoint t) {
    if (t > now) next = std::min(next, t);
  };
  const std::vector<store::AttemptRow*> active = state_.ActiveAttempts();
  for (size_t index : state_.open_sessions) {
    const store::SessionRow& session = state_.sessions[index];
    if (session.planned_start > ToSeconds(now)) {
      consider(FromSeconds(session.planned_start));
      break;  // ordered by planned start: no later one wakes earlier
    }
    if (session.state != store::SessionState::kPending &&
        session.state != store::SessionState::kLaunching)
      continue;
    // planned_start is never before its window's start (planner and Replace keep it so).
    consider(FromSeconds(std::max(session.not_before, session.planned_start)));
  }
  if (waiting_for_token_) {
    consider(std::max(bucket_.NextAvailable(now), now + std::chrono::seconds(1)));
    waiting_for_token_ = false;
  }
  // The next poll: when the provider says something changes, or a poll interval on, or at
  // once when a region could not be polled. Wake-ups for other reasons (a token, a session
  // due) do not poll, so that polls cannot starve launches of API tokens. An attempt's
  // deadline is a poll too (the poll terminates what overran), so it wakes the loop.
  // A poll already due later stays due: a clock that wakes early (the real clock sleeps in
  // short slices) must not push the poll interval forward at every wake-up, or it never
  // comes.
  util::TimePoint pending_poll = next_poll_ > now ? next_poll_ : util::TimePoint::max();
  next_poll_ = util::TimePoint::max();
  if (!active.empty()) {
    auto hint = provider_.NextChange();
    next_poll_ = poll_incomplete_ ? now
                 : hint           ? *hint
                                  : now + std::chrono::seconds(options_.poll_interval_s);
    next_poll_ = std::min(next_poll_, pending_poll);
    for (const store::AttemptRow* attempt : active) {
      if (attempt->deadline > ToSeconds(now))
        next_poll_ = std::min(next_poll_, FromSeconds(attempt->deadline));
    }
    for (const auto& [id, since] : missing_since_) {
      next_poll_ = std::min(next_poll_, since + std::chrono::seconds(options_.missing_grace_s));
    }
    consider(std::max(next_poll_, now + std::chrono::seconds(1)));
  }
  if (next == util::TimePoint::max()) next = now + std::chrono::seconds(options_.poll_interval_s);
  return next;
}

// Stop launching, terminate every instance the campaign has running, and record it. Jobs
// that did not finish go back to pending, so `schedule resume` can carry on later.
util::Status Executor::Shutdown(util::TimePoint now, store::CampaignStatus status,
                                const std::string& why) {
  state_.campaign.status = status;
  state_.campaign.stop_reason = why;
  if (auto s = Apply(
          {state_.campaign, {}, {}, {}, {}, {{ToSeconds(now), store::ToString(status), "", why}}});
      !s)
    return s;
  if (!maybe_launched_.empty()) {
    // Intents in doubt: adopt what launched so the loop below terminates it. One that stays
    // hidden is a stray for the next resume or `cleanup`, and ends at its deadline anyway.
    if (auto s = Reconcile(); !s && s.error().error_class == util::ErrorClass::kFatal) return s;
  }
  for (int round = 0; round < 100; ++round) {
    auto active = state_.ActiveAttempts();
    if (active.empty()) break;
    std::map<std::string, std::vector<std::string>> by_region;
    for (const auto* attempt : active) by_region[attempt->region].push_back(attempt->instance_id);
    for (const auto& [region, ids] : by_region) {
      if (auto s = provider_.Terminate(region, ids);
          !s && s.error().error_class != util::ErrorClass::kThrottling) {
        return s;
      }
    }
    CrashPoint("after-terminate");
    clock_.SleepUntil(clock_.Now() + std::chrono::seconds(round == 0 ? 1 : 5));
    if (auto s = Poll(clock_.Now()); !s) return s;
  }
  store::Change change;
  for (auto& attempt : state_.attempts) {
    if (attempt.state != store::AttemptState::kIntent) continue;
    // An intent never sent: drop it so that a resume makes a fresh decision.
    attempt.state = store::AttemptState::kFailed;
    attempt.outcome = store::AttemptOutcome::kCancelled;
    change.attempts.push_back(attempt);
  }
  for (auto& session : state_.sessions) {
    if (session.state == store::SessionState::kLaunching) {
      session.state = store::SessionState::kPending;
      change.sessions.push_back(session);
    }
  }
  return Apply(change);
}

std::vector<store::JobRow*> Executor::PendingJobs(const std::string& session) {
  std::vector<store::JobRow*> out;
  auto found = state_.session_jobs.find(session);
  if (found == state_.session_jobs.end()) return out;
  for (size_t index : found->second) {
    if (state_.jobs[index].state == store::JobState::kPending) out.push_back(&state_.jobs[index]);
  }
  return out;
}

int64_t Executor::RemainingSeconds(const store::SessionRow& session) const {
  int64_t total = options_.boot_allowance_s;
  auto found = state_.session_jobs.find(session.id);
  if (found == state_.session_jobs.end()) return total;
  for (size_t index : found->second) {
    const store::JobRow& job = state_.jobs[index];
    if (job.state == store::JobState::kPending) {
      total += static_cast<int64_t>(static_cast<double>(job.estimated_duration_s) *
                                    options_.duration_margin);
    }
  }
  return total;
}

}  // namespace exec
