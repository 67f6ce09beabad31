// Poll side of the executor: describe running instances, record results at most once,
// enforce deadlines, and settle attempts that ended (completed, interrupted, cut short).

#include <algorithm>
#include <set>

#include "exec/crash_hook.h"
#include "exec/executor.h"
#include "store/sha256.h"
#include "util/strings.h"

namespace exec {

using util::ToSeconds;

namespace {

// The job state a result's status settles; nullopt for an interruption (the job runs again).
std::optional<store::JobState> JobStateOf(store::ResultStatus status) {
  switch (status) {
    case store::ResultStatus::kOk:
      return store::JobState::kSucceeded;
    case store::ResultStatus::kFailed:
      return store::JobState::kFailed;
    case store::ResultStatus::kSkipped:
      return store::JobState::kSkipped;
    case store::ResultStatus::kInterrupted:
      break;
  }
  return std::nullopt;
}

}  // namespace

util::Status Executor::Poll(util::TimePoint now) {
  std::set<std::string> regions;
  for (const store::AttemptRow* attempt : state_.ActiveAttempts()) regions.insert(attempt->region);
  poll_incomplete_ = false;
  for (const std::string& region : regions) {
    if (auto status = PollRegion(region, now); !status) return status;
  }
  return {};
}

util::Status Executor::PollRegion(const std::string& region, util::TimePoint now) {
  std::vector<store::AttemptRow*> active;
  std::vector<std::string> ids;
  for (store::AttemptRow* attempt : state_.ActiveAttempts()) {
    if (attempt->region != region) continue;
    active.push_back(attempt);
    ids.push_back(attempt->instance_id);
  }
  if (!TakeApiToken(now)) {
    poll_incomplete_ = true;
    return {};
  }
  auto described = provider_.Describe(region, ids);
  if (!described) {
    // Throttled or transient: the next wake-up polls again.
    if (described.error().error_class == util::ErrorClass::kFatal) return described.error();
    poll_incomplete_ = true;
    return {};
  }
  std::vector<std::string> to_terminate;
  for (store::AttemptRow* attempt : active) {
    const cloud::InstanceInfo* info = nullptr;
    for (const auto& candidate : *described) {
      if (candidate.id == attempt->instance_id) info = &candidate;
    }
    if (auto status = RecordResults(*attempt, now); !status) return status;
    if (info == nullptr && !MissingLongEnough(*attempt, now)) continue;
    if (info != nullptr) missing_since_.erase(attempt->id);
    bool gone = info == nullptr || info->state == cloud::InstanceState::kTerminated;
    if (gone) {
      if (auto status = FinishAttempt(*attempt, info, now); !status) return status;
    } else if (ToSeconds(now) >= attempt->deadline &&
               info->state != cloud::InstanceState::kShuttingDown) {
      to_terminate.push_back(attempt->instance_id);
    }
  }
  if (!to_terminate.empty() && TakeApiToken(now)) {
    (void)provider_.Terminate(region, to_terminate);  // retried on the next poll if it failed
    (void)Apply({{},
                 {},
                 {},
                 {},
                 {},
                 {{ToSeconds(now), "deadline-terminate", "", util::Join(to_terminate, ",")}}});
  }
  return {};
}

// Describe may miss an instance for a while after its launch (eventual consistency): one miss
// is not "gone". Only an instance missing for missing_grace_s is declared lost; should it
// show up later, the end-of-run search by tag terminates it as a stray.
bool Executor::MissingLongEnough(const store::AttemptRow& attempt, util::TimePoint now) {
  auto [since, first] = missing_since_.try_emplace(attempt.id, now);
  if (now - since->second < std::chrono::seconds(options_.missing_grace_s)) return false;
  missing_since_.erase(since);
  return true;
}

util::Status Executor::RecordResults(store::AttemptRow& attempt, util::TimePoint now) {
  std::set<std::string> known;
  for (const std::string& id : util::Split(attempt.jobs, ',')) {
    if (state_.results.count({id, attempt.id})) known.insert(id);
  }
  if (known.size() == util::Split(attempt.jobs, ',').size()) return {};
  auto docs = provider_.FetchResults(state_.campaign.id, attempt.session, attempt.number, known);
  if (!docs) return {};  // results arrive later, or never; an error here is not fatal
  // Every new result of the attempt in one transaction: each is still recorded at most once.
  store::Change change;
  for (const cloud::ResultDoc& doc : *docs) {
    if (state_.results.count({doc.job, attempt.id}) || !state_.job_index.count(doc.job)) continue;
    store::JobRow& job = state_.job(doc.job);
    // The status comes from the agent's document; one this build does not know fails the job
    // with the text as its reason rather than being guessed at.
    auto status = store::ResultStatusFromText(doc.status);
    store::ResultStatus recorded = status.value_or(store::ResultStatus::kFailed);
    change.results.push_back(
        {doc.job, attempt.id, recorded, store::Sha256Hex(doc.json), doc.json, ToSeconds(now)});
    state_.results[{doc.job, attempt.id}] = recorded;
    if (recorded == store::ResultStatus::kInterrupted) {
      // Discarded: the job runs again on a new attempt. The document stays as a record.
      job.interruptions += 1;
      change.events.push_back({ToSeconds(now), "interrupted", attempt.session, doc.job});
    } else if (!store::IsFinal(job.state)) {
      job.state = *JobStateOf(recorded);
      job.reason = status ? doc.reason : "result has the unknown status '" + doc.status + "'";
      job.started_at = ToSeconds(doc.started_at);
      job.ended_at = ToSeconds(doc.ended_at);
    }
    change.jobs.push_back(job);
  }
  if (change.results.empty()) return {};
  if (auto status = Apply(change); !status) return status;
  CrashPoint("after-result");
  return {};
}

util::Status Executor::FinishAttempt(store::AttemptRow& attempt, const cloud::InstanceInfo* info,
                                     util::TimePoint now) {
  store::SessionRow& session = state_.session(attempt.session);
  int64_t ended = info && info->ended_at ? ToSeconds(*info->ended_at) : ToSeconds(now);
  // The cloud's launch time bills: after a lost reply the instance started before the
  // retried call that recorded it.
  if (info) attempt.launched_at = ToSeconds(info->launched_at);
  attempt.state = store::AttemptState::kEnded;
  attempt.ended_at = ended;
  std::optional<double> billed =
      info ? provider_.ActualCostUsd({attempt.region, attempt.instance_id, util::FromSeconds(ended),
                                      session.on_demand_usd_per_hour})
           : std::nullopt;
  attempt.cost_usd =
      billed ? *billed
             : BilledUsd(state_.campaign, attempt.usd_per_hour + session.extras_usd_per_hour,
                         ended - attempt.launched_at);
  bool interrupted = info && info->interruption_notice.has_value();
  bool cancelled = state_.campaign.status == store::CampaignStatus::kCancelled ||
                   state_.campaign.status == store::CampaignStatus::kStopped;
  attempt.outcome = interrupted                 ? store::AttemptOutcome::kInterrupted
                    : ended >= attempt.deadline ? store::AttemptOutcome::kDeadline
                    : cancelled                 ? store::AttemptOutcome::kCancelled
                    : info                      ? store::AttemptOutcome::kCompleted
                                                : store::AttemptOutcome::kLost;
  store::Change change;
  bool retry = false;
  for (const std::string& id : util::Split(attempt.jobs, ',')) {
    store::JobRow& job = state_.job(id);
    if (store::IsFinal(job.state)) continue;
    if (!cancelled && job.tries >= options_.max_job_tries) {
      job.state = store::JobState::kFailed;
      job.reason = "no result after " + std::to_string(job.tries) +
                   " tries (last: " + store::ToString(attempt.outcome) + ")";
    } else {
      job.state = store::JobState::kPending;
      retry = true;
    }
    change.jobs.push_back(job);
  }
  if (interrupted) MoveOnAfterFailure(session);
  session.state = retry ? store::SessionState::kPending : store::SessionState::kDone;
  session.not_before = std::max(session.not_before, ToSeconds(now));
  change.sessions.push_back(session);
  change.attempts.push_back(attempt);
  change.events.push_back({ToSeconds(now), "ended", session.id,
                           attempt.instance_id + " " + store::ToString(attempt.outcome)});
  if (auto status = Apply(change); !status) return status;
  CrashPoint("after-finish");
  return {};
}

}  // namespace exec
