#pragma once
// The journal's migrations: entry i brings user_version i to i + 1. Never edit a shipped
// entry; append a new one (docs/journal.md).

#include <array>

namespace store {

inline constexpr std::array<const char*, 2> kMigrations = {
    R"sql(
CREATE TABLE campaign (
  id TEXT PRIMARY KEY, backend TEXT NOT NULL, backend_config TEXT NOT NULL,
  spec_json TEXT NOT NULL, plan_json TEXT NOT NULL, plan_sha256 TEXT NOT NULL,
  status TEXT NOT NULL, stop_reason TEXT NOT NULL, created_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, max_daily_jobs INTEGER NOT NULL,
  max_concurrent INTEGER NOT NULL, max_cost_usd REAL, size_waves INTEGER NOT NULL,
  estimated_cost_usd REAL NOT NULL, wall_seconds INTEGER NOT NULL);
CREATE TABLE window (
  id TEXT PRIMARY KEY, region TEXT NOT NULL, name TEXT NOT NULL, timezone TEXT NOT NULL,
  day TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, max_jobs INTEGER NOT NULL);
CREATE TABLE quota (
  quota_class TEXT NOT NULL, market TEXT NOT NULL, vcpus INTEGER NOT NULL,
  PRIMARY KEY (quota_class, market));
CREATE TABLE session (
  id TEXT PRIMARY KEY, region TEXT NOT NULL, instance_type TEXT NOT NULL,
  vcpus INTEGER NOT NULL, quota_class TEXT NOT NULL, planned_market TEXT NOT NULL,
  market TEXT NOT NULL, window TEXT NOT NULL, planned_start INTEGER NOT NULL,
  planned_end INTEGER NOT NULL, not_before INTEGER NOT NULL, estimated_cost_usd REAL NOT NULL,
  on_demand_usd_per_hour REAL NOT NULL, extras_usd_per_hour REAL NOT NULL,
  state TEXT NOT NULL, attempts INTEGER NOT NULL, spot_failures INTEGER NOT NULL,
  zone_index INTEGER NOT NULL, throttle_retries INTEGER NOT NULL,
  fell_back INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE TABLE job (
  id TEXT PRIMARY KEY, session TEXT NOT NULL, seq INTEGER NOT NULL,
  instance_type TEXT NOT NULL, benchmark TEXT NOT NULL, region TEXT NOT NULL,
  estimated_duration_s INTEGER NOT NULL, estimated_cost_usd REAL NOT NULL,
  state TEXT NOT NULL, tries INTEGER NOT NULL, interruptions INTEGER NOT NULL,
  window TEXT NOT NULL, reason TEXT NOT NULL, started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL);
CREATE TABLE attempt (
  id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL REFERENCES session(id),
  number INTEGER NOT NULL, client_token TEXT NOT NULL UNIQUE, region TEXT NOT NULL,
  zone TEXT NOT NULL, market TEXT NOT NULL, instance_id TEXT NOT NULL, state TEXT NOT NULL,
  intent_at INTEGER NOT NULL, launched_at INTEGER NOT NULL, ended_at INTEGER NOT NULL,
  deadline INTEGER NOT NULL, outcome TEXT NOT NULL, error_code TEXT NOT NULL,
  error_class TEXT NOT NULL, cost_usd REAL NOT NULL, max_cost_usd REAL NOT NULL,
  usd_per_hour REAL NOT NULL,
  jobs TEXT NOT NULL, UNIQUE (session, number));
CREATE TABLE result (
  id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL REFERENCES job(id),
  attempt_id INTEGER NOT NULL REFERENCES attempt(id), status TEXT NOT NULL,
  sha256 TEXT NOT NULL, json TEXT NOT NULL, received_at INTEGER NOT NULL,
  UNIQUE (job, attempt_id));
CREATE TABLE event (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL,
  session TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX job_by_session ON job(session);
)sql",
    // 2: the billing rule and each session's planned spot rate and size wave come from the
    // plan (the executor no longer hard-codes 60 s nor derives waves from type names).
    // Schema-1 journals were billed with a 60 s minimum, so the default is exact for them;
    // their waves were not stored, so a resumed one gates as a single wave.
    R"sql(
ALTER TABLE campaign ADD COLUMN minimum_billing_s INTEGER NOT NULL DEFAULT 60;
ALTER TABLE session ADD COLUMN spot_usd_per_hour REAL NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN size_wave INTEGER NOT NULL DEFAULT 1;
)sql",
};

}  // namespace store
