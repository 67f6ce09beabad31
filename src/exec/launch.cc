// Launch side of the executor: gates, the intent-then-launch sequence, error classes,
// and re-placement of sessions that missed their window.

#include <algorithm>
#include <chrono>
#include <map>

#include "cloud/tags.h"

#include "exec/crash_hook.h"
#include "exec/executor.h"
#include "plan/spec_json.h"
#include "util/strings.h"

namespace exec {

using util::FromSeconds;
using util::ToSeconds;

namespace {

// The suites (from the campaign's spec, which the plan carried) that jobs of `payload` are
// in. A spec that no longer parses cannot happen (it was checked at import); it gives none,
// and the agent then refuses the unknown benchmark, which fails that job visibly.
std::vector<std::string> SuitesFor(const std::string& spec_json,
                                   const std::vector<cloud::JobSpec>& payload) {
  std::vector<std::string> suites;
  if (spec_json.find("\"suites\"") == std::string::npos) return suites;  // the usual case
  auto spec = plan::LoadSpecJson(spec_json, "campaign spec");
  if (!spec) return suites;
  for (const bench::Suite& suite : spec->suites) {
    bool used = std::any_of(payload.begin(), payload.end(), [&suite](const cloud::JobSpec& job) {
      return std::any_of(suite.benchmarks.begin(), suite.benchmarks.end(),
                         [&job](const bench::CustomBenchmark& benchmark) {
                           return benchmark.name == job.benchmark;
                         });
    });
    if (used) suites.push_back(bench::SuiteToJson(suite).dump());
  }
  return suites;
}

}  // namespace

bool Executor::FitsWindow(const store::SessionRow& session, const store::WindowRow& window,
                          util::TimePoint now) const {
  int64_t from = std::max(ToSeconds(now), window.start);
  return from + RemainingSeconds(session) <= window.end;
}

Gate Executor::CheckGates(const store::SessionRow& session, const store::WindowRow& window,
                          util::TimePoint now) {
  int running = 0;
  int vcpus = 0;
  catalog::QuotaKey key = QuotaKeyOf(session, session.market);
  double own_reservation = 0;
  // An intent whose launch has not gone through yet holds its slot like a running one.
  int wave = session.size_wave;
  for (const store::AttemptRow* attempt : state_.HeldAttempts()) {
    if (attempt->session == session.id) {
      own_reservation += attempt->max_cost_usd;
      continue;
    }
    if (attempt->region != session.region) continue;
    ++running;
    size_t other_index = state_.session_index.at(attempt->session);
    const store::SessionRow& other = state_.sessions[other_index];
    if (QuotaKeyOf(other, attempt->market) == key) vcpus += other.vcpus;
    if (state_.campaign.size_waves && other.instance_type == session.instance_type) {
      return Gate::kSameTypeRunning;
    }
    if (state_.campaign.size_waves && other.size_wave != wave) {
      return Gate::kOtherWaveRunning;
    }
  }
  if (state_.campaign.size_waves && LowerWaveDue(session, wave, now)) return Gate::kLowerWaveDue;
  if (running >= state_.campaign.max_concurrent) return Gate::kConcurrency;
  if (auto quota = state_.quotas.find(key);
      quota != state_.quotas.end() && vcpus + session.vcpus > quota->second) {
    return Gate::kQuota;
  }
  if (state_.campaign.max_cost_usd) {
    double worst =
        BilledUsd(state_.campaign, session.on_demand_usd_per_hour + session.extras_usd_per_hour,
                  window.end - ToSeconds(now));
    if (state_.SpentUsd() + state_.ReservedUsd() - own_reservation + worst >
        *state_.campaign.max_cost_usd) {
      return Gate::kBudget;
    }
  }
  return Gate::kOpen;
}

// With size waves on, a due session of a smaller wave in the same region launches first
// (docs/execution.md): sessions that slipped (retries, re-placement) keep the order at run time.
bool Executor::LowerWaveDue(const store::SessionRow& session, int wave, util::TimePoint now) const {
  for (size_t index : state_.open_sessions) {
    const store::SessionRow& other = state_.sessions[index];
    if (other.planned_start > ToSeconds(now)) break;  // ordered by planned start
    if (other.region != session.region || other.size_wave >= wave) continue;
    if (other.state == store::SessionState::kPending ||
        other.state == store::SessionState::kLaunching ||
        other.state == store::SessionState::kRunning) {
      return true;
    }
  }
  return false;
}

util::Status Executor::LaunchReady(util::TimePoint now) {
  state_.PruneOpen(ToSeconds(now));
  bool moved = false;
  // Index loop: Replace may change planned_start (re-sorted after the loop).
  for (size_t k = 0; k < state_.open_sessions.size(); ++k) {
    store::SessionRow& session = state_.sessions[state_.open_sessions[k]];
    if (session.planned_start > ToSeconds(now)) break;
    if (session.not_before > ToSeconds(now)) continue;
    if (session.state != store::SessionState::kPending &&
        session.state != store::SessionState::kLaunching)
      continue;
    int64_t before = session.planned_start;
    bool stop_all = false;
    auto status = TryLaunch(session, now, stop_all);
    moved = moved || session.planned_start != before;
    if (!status) return status;
    if (stop_all) break;
  }
  if (moved) state_.SortOpenSessions();
  state_.PruneOpen(ToSeconds(now));
  return {};
}

// One step for a due session: settle a stale intent, re-place or finish the session when
// needed, check the gates, write the intent, call Launch and record its answer.
util::Status Executor::TryLaunch(store::SessionRow& session, util::TimePoint now, bool& stop_all) {
  store::AttemptRow* intent = state_.LastAttempt(session.id);
  if (intent && intent->state != store::AttemptState::kIntent) intent = nullptr;
  if (intent && ToSeconds(now) + RemainingSeconds(session) > intent->deadline) {
    bool closed = false;
    if (auto status = CloseStaleIntent(session, *intent, now, closed); !status) return status;
    if (!closed) return {};
    intent = nullptr;
  }
  if (!intent && PendingJobs(session.id).empty()) {
    session.state = store::SessionState::kDone;
    return Apply({{}, {session}, {}, {}, {}, {}});
  }
  const store::WindowRow* window = &state_.window(session.window);
  if (!intent) {
    auto placed = WindowToLaunchIn(session, now);
    if (!placed) return placed.error();
    if (*placed == nullptr) return {};
    window = *placed;
  }
  if (ToSeconds(now) < std::max(window->start, session.planned_start)) return {};
  Gate gate = CheckGates(session, *window, now);
  if (gate == Gate::kBudget && state_.ActiveAttempts().empty() && !intent) {
    return UnscheduleOverBudget(session, now);
  }
  if (gate != Gate::kOpen) return {};
  if (!intent) {
    auto headroom = provider_.QuotaHeadroom(session.region, session.quota_class, session.market);
    if (headroom && *headroom < session.vcpus) return {};  // wait for headroom, never blind
  }
  if (!TakeApiToken(now)) return {};
  if (!intent) {
    auto written = WriteIntent(session, *window, now);
    if (!written) return written.error();
    intent = *written;
  }
  auto launched = provider_.Launch(RequestFor(session, *intent));
  CrashPoint("after-launch-call");
  if (!launched) return OnLaunchError(session, *intent, launched.error(), now, stop_all);
  return RecordLaunched(session, *intent, *launched, now);
}

// Held back (throttled, gates closed) until it no longer fits. An intent whose launch call
// never got a clear answer may have started an instance that Describe does not show yet:
// it is closed only when a search by tag made missing_grace_s after the call misses it
// (an instance found is adopted; it runs until done or its deadline).
util::Status Executor::CloseStaleIntent(store::SessionRow& session, store::AttemptRow& intent,
                                        util::TimePoint now, bool& closed) {
  closed = false;
  if (auto maybe = maybe_launched_.find(intent.id); maybe != maybe_launched_.end()) {
    util::TimePoint settled = maybe->second + std::chrono::seconds(options_.missing_grace_s);
    if (now < settled) {
      session.not_before = ToSeconds(settled);
      return Apply({{}, {session}, {}, {}, {}, {}});
    }
    if (!TakeApiToken(now)) return {};
    auto found = provider_.DescribeByTag(session.region, cloud::tag::kCampaign, state_.campaign.id);
    if (!found) {
      if (found.error().error_class == util::ErrorClass::kFatal) return found.error();
      return {};  // asked again on the next wake-up
    }
    for (const cloud::InstanceInfo& info : *found) {
      if (info.client_token != intent.client_token) continue;
      store::Change change;
      if (auto status = AdoptInstance(intent, info, change); !status) return status;
      return Apply(change);
    }
    maybe_launched_.erase(intent.id);
  }
  intent.state = store::AttemptState::kFailed;
  intent.outcome = store::AttemptOutcome::kExpired;
  session.state = store::SessionState::kPending;
  closed = true;
  return Apply({{}, {session}, {}, {intent}, {}, {}});
}

util::Expected<const store::WindowRow*> Executor::WindowToLaunchIn(store::SessionRow& session,
                                                                   util::TimePoint now) {
  if (FitsWindow(session, state_.window(session.window), now)) {
    return &state_.window(session.window);
  }
  if (auto status = Replace(session, now); !status) return status.error();
  if (session.state != store::SessionState::kPending) return nullptr;
  return &state_.window(session.window);
}

// Nothing else runs, so nothing will free budget: waiting would only hold the campaign.
util::Status Executor::UnscheduleOverBudget(store::SessionRow& session, util::TimePoint now) {
  session.state = store::SessionState::kUnscheduled;
  session.reason = "launching it could exceed --max-cost";
  store::Change change{
      {}, {session}, {}, {}, {}, {{ToSeconds(now), "unscheduled", session.id, session.reason}}};
  for (store::JobRow* job : PendingJobs(session.id)) {
    job->state = store::JobState::kUnscheduled;
    job->reason = session.reason + " (raise --max-cost to run it)";
    change.jobs.push_back(*job);
  }
  return Apply(change);
}

// The intent is committed before Launch is called: a crash between the two leaves a row
// whose client token lets the next controller find or repeat the launch, never double it.
util::Expected<store::AttemptRow*> Executor::WriteIntent(store::SessionRow& session,
                                                         const store::WindowRow& window,
                                                         util::TimePoint now) {
  std::vector<std::string> zones = provider_.Zones(session.region);
  store::AttemptRow row;
  row.session = session.id;
  row.number = session.attempts + 1;
  row.client_token = ClientToken(state_.campaign.id, session.id, row.number);
  row.region = session.region;
  row.zone = zones.empty() ? "" : zones[static_cast<size_t>(session.zone_index) % zones.size()];
  row.market = session.market;
  row.intent_at = ToSeconds(now);
  row.deadline = window.end;
  row.usd_per_hour = session.on_demand_usd_per_hour;
  if (session.market == "spot") {
    if (auto price = provider_.SpotPrice(session.instance_type, row.zone)) {
      row.usd_per_hour = std::min(*price, session.on_demand_usd_per_hour);
    }
  }
  row.max_cost_usd =
      BilledUsd(state_.campaign, session.on_demand_usd_per_hour + session.extras_usd_per_hour,
                row.deadline - ToSeconds(now));
  std::vector<std::string> ids;
  for (store::JobRow* job : PendingJobs(session.id)) ids.push_back(job->id);
  row.jobs = util::Join(ids, ",");
  session.attempts = row.number;
  session.state = store::SessionState::kLaunching;
  store::AttemptRow* intent = &state_.AddAttempt(row);
  if (auto status = Apply({{}, {session}, {}, {row}, {}, {}}); !status) return status.error();
  CrashPoint("after-intent");
  return intent;
}

cloud::LaunchRequest Executor::RequestFor(const store::SessionRow& session,
                                          const store::AttemptRow& intent) const {
  cloud::LaunchRequest request;
  request.campaign = state_.campaign.id;
  request.session = session.id;
  request.attempt = intent.number;
  request.region = session.region;
  request.instance_type = session.instance_type;
  request.vcpus = session.vcpus;
  request.quota_class = session.quota_class;
  request.market = intent.market;
  request.zone = intent.zone;
  request.client_token = intent.client_token;
  request.deadline = FromSeconds(intent.deadline);
  request.tags = {{cloud::tag::kCampaign, state_.campaign.id},
                  {cloud::tag::kSession, session.id},
                  {cloud::tag::kAttempt, std::to_string(intent.number)},
                  {cloud::tag::kExpiresAt, util::FormatIso8601Utc(FromSeconds(intent.deadline))},
                  {cloud::tag::kName, "abc " + session.id}};
  for (const std::string& id : util::Split(intent.jobs, ',')) {
    const store::JobRow& job = state_.jobs[state_.job_index.at(id)];
    request.payload.push_back({job.id, job.benchmark, job.estimated_duration_s});
  }
  request.suites = SuitesFor(state_.campaign.spec_json, request.payload);
  return request;
}

util::Status Executor::RecordLaunched(store::SessionRow& session, store::AttemptRow& intent,
                                      const std::string& instance_id, util::TimePoint now) {
  maybe_launched_.erase(intent.id);
  intent.state = store::AttemptState::kRunning;
  intent.instance_id = instance_id;
  intent.launched_at = ToSeconds(now);
  intent.error_code.clear();
  intent.error_class.reset();
  session.state = store::SessionState::kRunning;
  session.throttle_retries = 0;
  store::Change change{{}, {session}, {}, {intent}, {}, {}};
  for (const std::string& id : util::Split(intent.jobs, ',')) {
    store::JobRow& job = state_.job(id);
    job.state = store::JobState::kRunning;
    job.tries += 1;
    change.jobs.push_back(job);
  }
  change.events.push_back({ToSeconds(now), "launched", session.id,
                           instance_id + " " + intent.market + " " + intent.zone});
  if (auto status = Apply(change); !status) return status;
  CrashPoint("after-launch");
  return {};
}

util::Status Executor::OnLaunchError(store::SessionRow& session, store::AttemptRow& attempt,
                                     const util::Error& error, util::TimePoint now,
                                     bool& stop_all) {
  util::ErrorClass error_class = error.error_class;
  store::Change change;
  change.events.push_back(
      {ToSeconds(now), "launch-error", session.id,
       std::string(util::ToString(error_class)) + " " + error.code + ": " + error.message});
  std::string key = session.id + "/" + std::to_string(attempt.number);
  if (error_class == util::ErrorClass::kFatal || error_class == util::ErrorClass::kInvalidInput) {
    fatal_ = true;
    stop_all = true;
    state_.campaign.stop_reason = "launch of session " + session.id + " failed: " + error.message;
  }
  bool keep_token = error_class != util::ErrorClass::kCapacity &&
                    error_class != util::ErrorClass::kQuota && !fatal_;
  if (keep_token) {
    // Throttling and transient errors: back off and retry with the same client token. A
    // throttled call was refused before it acted; any other error leaves it unknown whether
    // an instance started (a lost reply), which CloseStaleIntent must settle.
    if (error_class != util::ErrorClass::kThrottling) {
      maybe_launched_[attempt.id] = now;
      attempt.error_code = error.code;
      attempt.error_class = error_class;
      change.attempts.push_back(attempt);
    }
    session.not_before =
        ToSeconds(now) + BackoffSeconds(PolicyFor(error_class), session.throttle_retries, key);
    session.throttle_retries += 1;
  } else {
    attempt.state = store::AttemptState::kFailed;
    attempt.outcome = store::AttemptOutcome::kLaunchError;
    attempt.error_code = error.code;
    attempt.error_class = error_class;
    change.attempts.push_back(attempt);
    session.state = store::SessionState::kPending;
    if (error_class == util::ErrorClass::kCapacity) {
      MoveOnAfterFailure(session);
      auto zones = static_cast<int>(provider_.Zones(session.region).size());
      if (session.market == "on-demand" && session.zone_index % std::max(zones, 1) == 0) {
        session.not_before =
            ToSeconds(now) + BackoffSeconds(PolicyFor(error_class), session.attempts, key);
      } else {
        // The next zone or market at once; not_before in the future is what wakes the
        // loop for it (a session already due wakes nothing).
        session.not_before = ToSeconds(now) + 1;
      }
    } else if (error_class == util::ErrorClass::kQuota) {
      session.not_before =
          ToSeconds(now) + BackoffSeconds(PolicyFor(error_class), session.attempts, key);
    }
  }
  if (fatal_) change.campaign = state_.campaign;
  change.sessions.push_back(session);
  return Apply(change);
}

// A session that can no longer finish inside its window moves to the first later window of
// its region with room under the window's job cap and the day's cap; otherwise it is
// reported unscheduled with the reason and what would let it fit.
util::Status Executor::Replace(store::SessionRow& session, util::TimePoint now) {
  auto jobs = PendingJobs(session.id);
  int count = static_cast<int>(jobs.size());
  std::string old_window = session.window;
  std::map<std::string, int> in_window;  // jobs counted per window, and per region-day
  std::map<std::string, int> on_day;
  for (const store::JobRow& job : state_.jobs) {
    if (job.state == store::JobState::kUnscheduled || job.state == store::JobState::kCancelled ||
        job.window.empty())
      continue;
    ++in_window[job.window];
    const store::WindowRow& w = state_.window(job.window);
    ++on_day[w.region + "/" + w.day];
  }
  for (const store::WindowRow& window : state_.windows) {
    if (window.region != session.region || window.end <= ToSeconds(now) ||
        window.id == old_window) {
      continue;
    }
    if (!FitsWindow(session, window, now)) continue;
    if (in_window[window.id] + count > window.max_jobs) continue;
    if (on_day[window.region + "/" + window.day] + count > state_.campaign.max_daily_jobs) {
      continue;
    }
    session.window = window.id;
    session.planned_start = window.start;
    store::Change change{{}, {session}, {}, {}, {}, {}};
    for (store::JobRow* job : jobs) {
      job->window = window.id;
      change.jobs.push_back(*job);
    }
    change.events.push_back(
        {ToSeconds(now), "replaced", session.id, old_window + " -> " + window.id});
    return Apply(change);
  }
  session.state = store::SessionState::kUnscheduled;
  session.reason = "missed window " + old_window + " and no later window of the campaign has room";
  store::Change change{
      {}, {session}, {}, {}, {}, {{ToSeconds(now), "unscheduled", session.id, session.reason}}};
  for (store::JobRow* job : jobs) {
    job->state = store::JobState::kUnscheduled;
    job->reason = session.reason +
                  " (more --days, a higher --max-daily-jobs or --max-concurrent would let it fit)";
    change.jobs.push_back(*job);
  }
  return Apply(change);
}

}  // namespace exec
