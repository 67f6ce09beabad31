#include "exec/state.h"

#include <algorithm>

namespace exec {

catalog::QuotaKey QuotaKeyOf(const store::SessionRow& session, const std::string& market) {
  return {session.quota_class,
          catalog::MarketFromText(market).value_or(catalog::Market::kOnDemand)};
}

void MoveOnAfterFailure(store::SessionRow& session) {
  session.zone_index += 1;
  if (session.market != "spot") return;
  if (++session.spot_failures >= kSpotFailuresBeforeOnDemand) {
    session.market = "on-demand";
    session.fell_back_to_on_demand = true;
  }
}

double BilledUsd(const store::CampaignRow& campaign, double usd_per_hour, int64_t seconds) {
  return usd_per_hour * static_cast<double>(std::max(seconds, campaign.minimum_billing_s)) / 3600.0;
}

State State::FromSnapshot(store::Snapshot snapshot) {
  State state;
  state.campaign = std::move(snapshot.campaign);
  state.windows = std::move(snapshot.windows);
  for (size_t i = 0; i < state.windows.size(); ++i) state.window_index[state.windows[i].id] = i;
  for (const auto& quota : snapshot.quotas) {
    auto market = catalog::MarketFromText(quota.market);
    if (market) state.quotas[{quota.quota_class, *market}] = quota.vcpus;
  }
  state.sessions = std::move(snapshot.sessions);
  for (size_t i = 0; i < state.sessions.size(); ++i) {
    state.session_index[state.sessions[i].id] = i;
    if (!store::IsSettled(state.sessions[i].state)) state.open_sessions.push_back(i);
  }
  state.SortOpenSessions();
  state.jobs = std::move(snapshot.jobs);
  for (size_t i = 0; i < state.jobs.size(); ++i) {
    state.job_index[state.jobs[i].id] = i;
    state.session_jobs[state.jobs[i].session].push_back(i);
  }
  state.attempts.assign(snapshot.attempts.begin(), snapshot.attempts.end());
  for (size_t i = 0; i < state.attempts.size(); ++i) {
    state.attempt_by_token[state.attempts[i].client_token] = i;
    state.session_attempts[state.attempts[i].session].push_back(i);
    if (state.attempts[i].state == store::AttemptState::kRunning ||
        state.attempts[i].state == store::AttemptState::kIntent) {
      state.live_attempts.push_back(i);
    }
  }
  for (const auto& result : snapshot.results) {
    state.results[{result.job, result.attempt_id}] = result.status;
  }
  return state;
}

store::AttemptRow& State::AddAttempt(store::AttemptRow row) {
  // Ids are chosen here, not by SQLite, so results can reference the row in the same
  // transaction-free mirror; the journal stores the id as given.
  row.id = attempts.empty() ? 1 : attempts.back().id + 1;
  attempt_by_token[row.client_token] = attempts.size();
  session_attempts[row.session].push_back(attempts.size());
  live_attempts.push_back(attempts.size());
  attempts.push_back(std::move(row));
  return attempts.back();
}

store::AttemptRow* State::LastAttempt(const std::string& session_id) {
  auto found = session_attempts.find(session_id);
  if (found == session_attempts.end() || found->second.empty()) return nullptr;
  return &attempts[found->second.back()];
}

std::vector<store::AttemptRow*> State::HeldAttempts() {
  std::vector<store::AttemptRow*> held;
  std::vector<size_t> still;
  for (size_t index : live_attempts) {
    store::AttemptRow& attempt = attempts[index];
    if (attempt.state == store::AttemptState::kRunning ||
        attempt.state == store::AttemptState::kIntent) {
      held.push_back(&attempt);
      still.push_back(index);
    }
  }
  live_attempts = std::move(still);
  return held;
}

void State::SortOpenSessions() {
  std::stable_sort(open_sessions.begin(), open_sessions.end(), [&](size_t a, size_t b) {
    return sessions[a].planned_start < sessions[b].planned_start;
  });
}

void State::PruneOpen(int64_t now) {
  size_t keep = 0;
  size_t k = 0;
  for (; k < open_sessions.size(); ++k) {
    const store::SessionRow& s = sessions[open_sessions[k]];
    if (s.planned_start > now) break;
    if (store::IsSettled(s.state)) continue;
    open_sessions[keep++] = open_sessions[k];
  }
  open_sessions.erase(open_sessions.begin() + static_cast<std::ptrdiff_t>(keep),
                      open_sessions.begin() + static_cast<std::ptrdiff_t>(k));
}

std::vector<store::AttemptRow*> State::ActiveAttempts() {
  std::vector<store::AttemptRow*> active;
  for (store::AttemptRow* attempt : HeldAttempts()) {
    if (attempt->state == store::AttemptState::kRunning) active.push_back(attempt);
  }
  return active;
}

double State::SpentUsd() const {
  double spent = 0;
  for (const auto& attempt : attempts) {
    if (attempt.state == store::AttemptState::kEnded) spent += attempt.cost_usd;
  }
  return spent;
}

double State::ReservedUsd() const {
  double reserved = 0;
  for (const auto& attempt : attempts) {
    if (attempt.state == store::AttemptState::kRunning ||
        attempt.state == store::AttemptState::kIntent)
      reserved += attempt.max_cost_usd;
  }
  return reserved;
}

}  // namespace exec
