#pragma once
// The rows of the campaign journal (docs/journal.md). Times are UTC seconds since the epoch;
// 0 means "not yet". The executor keeps a mirror of these rows and writes every change
// back through Journal::Apply, one transaction per state change.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace store {

// The journal's states and reasons. Text only in the journal's columns (store/record_names.h,
// the table of names there) and in output; ToString gives that text. FromText returns
// nullopt for text this build does not know: Load reports it naming the file and table.

// An attempt's state.
enum class AttemptState {
  kIntent,   // written before Launch is called
  kRunning,  // launched (or adopted)
  kEnded,    // the instance is gone; cost and outcome settled
  kFailed,   // never launched: refused, expired, or cancelled before the call
};
enum class CampaignStatus { kPending, kRunning, kCompleted, kCancelled, kStopped };
enum class SessionState {
  kPending,
  kLaunching,
  kRunning,
  kDone,
  kUnscheduled,
  kCancelled,
  kStopped,
};
enum class JobState {
  kPending,
  kRunning,
  kSucceeded,
  kFailed,
  kSkipped,
  kUnscheduled,
  kCancelled,
};
// How an attempt ended; kNone while it is an intent or running.
enum class AttemptOutcome {
  kNone,
  kCompleted,
  kInterrupted,
  kDeadline,
  kCancelled,
  kLaunchError,
  kExpired,
  kLost,
};
// A benchmark's status in a result document (docs/result-schema.md, the agent's schema).
enum class ResultStatus { kOk, kFailed, kSkipped, kInterrupted };

const char* ToString(AttemptState state);
const char* ToString(CampaignStatus status);
const char* ToString(SessionState state);
const char* ToString(JobState state);
const char* ToString(AttemptOutcome outcome);  // "" for kNone (the journal's empty column)
const char* ToString(ResultStatus status);
std::optional<AttemptState> AttemptStateFromText(std::string_view text);
std::optional<CampaignStatus> CampaignStatusFromText(std::string_view text);
std::optional<SessionState> SessionStateFromText(std::string_view text);
std::optional<JobState> JobStateFromText(std::string_view text);
std::optional<AttemptOutcome> AttemptOutcomeFromText(std::string_view text);
std::optional<ResultStatus> ResultStatusFromText(std::string_view text);
// The journal spells an error class as util::ToString does.
std::optional<util::ErrorClass> ErrorClassFromText(std::string_view text);

// A session that will launch nothing more: done, unscheduled, cancelled or stopped.
bool IsSettled(SessionState state);
// A job whose result is recorded for good: succeeded, failed or skipped.
bool IsFinal(JobState state);

struct CampaignRow {
  std::string id;
  std::string backend;         // "sim", "local", "aws"
  std::string backend_config;  // JSON: provider settings (sim rates and seed, ...)
  std::string spec_json;
  std::string plan_json;
  std::string plan_sha256;
  CampaignStatus status = CampaignStatus::kPending;
  std::string stop_reason;
  int64_t created_at = 0;
  int64_t started_at = 0;  // first `run` (wall clock)
  int64_t ended_at = 0;
  int max_daily_jobs = 0;
  int max_concurrent = 0;
  std::optional<double> max_cost_usd;
  bool size_waves = false;
  double estimated_cost_usd = 0;
  int64_t wall_seconds = 0;  // controller wall time spent running, summed over resumes
  // The plan's billing rule: each launch is billed at least this long (per-second after).
  int64_t minimum_billing_s = 60;
};

struct WindowRow {
  std::string id;
  std::string region;
  std::string name;
  std::string timezone;
  std::string day;  // local calendar day, YYYY-MM-DD
  int64_t start = 0;
  int64_t end = 0;
  int max_jobs = 0;
};

struct QuotaRow {
  std::string quota_class;
  std::string market;  // "on-demand", "spot"
  int vcpus = 0;
};

struct SessionRow {
  std::string id;
  std::string region;
  std::string instance_type;
  int vcpus = 0;
  std::string quota_class;
  std::string planned_market;
  std::string market;  // the market of the next or current attempt
  std::string window;  // current window (changes when re-placed)
  int64_t planned_start = 0;
  int64_t planned_end = 0;
  int64_t not_before = 0;  // earliest next launch (backoff, quota wait)
  double estimated_cost_usd = 0;
  double on_demand_usd_per_hour = 0;
  double extras_usd_per_hour = 0;  // gp3 root volume and public IPv4
  double spot_usd_per_hour = 0;    // the plan's spot estimate
  int size_wave = 1;               // the plan's size wave of the type (gates with size waves)
  SessionState state = SessionState::kPending;
  int attempts = 0;       // launch attempts made (intent rows)
  int spot_failures = 0;  // spot capacity errors and interruptions so far
  int zone_index = 0;     // which AZ the next attempt uses
  int throttle_retries = 0;
  bool fell_back_to_on_demand = false;
  std::string reason;
};

struct JobRow {
  std::string id;
  std::string session;
  int seq = 0;
  std::string instance_type;
  std::string benchmark;
  std::string region;
  int64_t estimated_duration_s = 0;
  double estimated_cost_usd = 0;
  JobState state = JobState::kPending;
  int tries = 0;  // attempts that ran or were to run this job
  int interruptions = 0;
  std::string window;  // window the job counts against
  std::string reason;
  int64_t started_at = 0;
  int64_t ended_at = 0;
};

struct AttemptRow {
  int64_t id = 0;  // 0: the journal assigns one
  std::string session;
  int number = 0;
  std::string client_token;
  std::string region;
  std::string zone;
  std::string market;
  std::string instance_id;
  AttemptState state = AttemptState::kIntent;
  int64_t intent_at = 0;
  int64_t launched_at = 0;
  int64_t ended_at = 0;
  int64_t deadline = 0;
  AttemptOutcome outcome = AttemptOutcome::kNone;
  std::string error_code;                       // provider's code
  std::optional<util::ErrorClass> error_class;  // of a launch error
  double cost_usd = 0;
  double max_cost_usd = 0;  // worst case, reserved against --max-cost while running
  double usd_per_hour = 0;  // instance price of this attempt's market (spot price at launch)
  std::string jobs;         // comma-separated job ids this attempt runs
};

struct ResultRow {
  std::string job;
  int64_t attempt_id = 0;
  ResultStatus status = ResultStatus::kOk;
  std::string sha256;
  std::string json;
  int64_t received_at = 0;
};

struct EventRow {
  int64_t at = 0;
  std::string kind;
  std::string session;
  std::string detail;
};

// Everything one state change writes, applied in a single transaction.
struct Change {
  std::optional<CampaignRow> campaign;
  std::vector<SessionRow> sessions;
  std::vector<JobRow> jobs;
  std::vector<AttemptRow> attempts;  // upsert by (session, number)
  std::vector<ResultRow> results;    // insert; a second copy is ignored (at most once)
  std::vector<EventRow> events;
};

struct Snapshot {
  CampaignRow campaign;
  std::vector<WindowRow> windows;
  std::vector<QuotaRow> quotas;
  std::vector<SessionRow> sessions;
  std::vector<JobRow> jobs;
  std::vector<AttemptRow> attempts;
  std::vector<ResultRow> results;  // without the JSON body
};

}  // namespace store
