#pragma once
// The executor's mirror of the journal: rows by key plus the indexes the gates need. It is
// rebuilt from the journal on every start, so it never holds anything the journal lacks.

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "catalog/quota_key.h"
#include "store/records.h"

namespace exec {

struct State {
  store::CampaignRow campaign;
  std::vector<store::WindowRow> windows;  // by start
  std::map<std::string, size_t> window_index;
  std::map<catalog::QuotaKey, int> quotas;  // vCPUs
  std::vector<store::SessionRow> sessions;
  std::map<std::string, size_t> session_index;
  std::vector<store::JobRow> jobs;
  std::map<std::string, size_t> job_index;
  std::map<std::string, std::vector<size_t>> session_jobs;  // in run order
  std::deque<store::AttemptRow> attempts;  // deque: AddAttempt keeps references valid
  std::map<std::string, size_t> attempt_by_token;
  std::map<std::string, std::vector<size_t>> session_attempts;
  // Attempts that may still be intent or running; pruned lazily, so the gates and the poll
  // look at a handful of rows instead of the whole history.
  std::vector<size_t> live_attempts;
  // Sessions not yet done, unscheduled or cancelled, ordered by planned start, so that the
  // loop looks only at the due prefix. Settled sessions are pruned lazily (PruneOpen).
  std::vector<size_t> open_sessions;
  void SortOpenSessions();
  // Drops settled sessions from the prefix due at `now` (planned_start <= now).
  void PruneOpen(int64_t now);
  std::map<std::pair<std::string, int64_t>, store::ResultStatus> results;  // (job, attempt id)

  static State FromSnapshot(store::Snapshot snapshot);

  store::SessionRow& session(const std::string& id) { return sessions[session_index.at(id)]; }
  store::JobRow& job(const std::string& id) { return jobs[job_index.at(id)]; }
  const store::WindowRow& window(const std::string& id) const {
    return windows[window_index.at(id)];
  }
  store::AttemptRow& AddAttempt(store::AttemptRow row);
  // The session's latest attempt, or nullptr.
  store::AttemptRow* LastAttempt(const std::string& session);
  std::vector<store::AttemptRow*> ActiveAttempts();  // launched, not yet ended
  std::vector<store::AttemptRow*> HeldAttempts();    // launched or intent
  double SpentUsd() const;                           // ended attempts
  double ReservedUsd() const;                        // worst case of running attempts
};

// The quota a session's instance counts against when it runs in `market` (the journal's
// text, checked when the journal was loaded).
catalog::QuotaKey QuotaKeyOf(const store::SessionRow& session, const std::string& market);

// Spot failures (capacity errors and interruptions) a session takes before it moves to
// on-demand.
inline constexpr int kSpotFailuresBeforeOnDemand = 2;

// After a capacity error or a spot interruption: the next attempt uses the next zone, and a
// spot session that has failed kSpotFailuresBeforeOnDemand times falls back to on-demand
// (docs/execution.md, "Retry by error class").
void MoveOnAfterFailure(store::SessionRow& session);

// What `seconds` of a launch cost at `usd_per_hour` under the campaign's billing rule
// (per-second, at least minimum_billing_s: the plan's, stored in the journal).
double BilledUsd(const store::CampaignRow& campaign, double usd_per_hour, int64_t seconds);

}  // namespace exec
