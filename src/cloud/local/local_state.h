#pragma once
// The local backend's own records, kept in FILE.local/state.db beside the journal (as the
// sim keeps FILE.sim): the campaign clock's offset and every launched "instance" with its
// supervisor's pid and start time, so that a controller killed with -9 finds its children
// again. The settings (LocalSetup) are not here: they live in the campaign's backend_config
// (cloud/local/local_backend.cc) and are passed in on every open.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cloud/local/process.h"
#include "cloud/provider.h"
#include "store/sqlite.h"

namespace cloud::local {

struct LocalSetup {
  std::string agent;       // absolute path of aws-benchmark-agent
  bool quick = false;      // pass --quick to the agent
  bool real_time = false;  // never skip idle time: wait for the windows for real
  std::string lock_path;   // the user's lock: one agent at a time (DefaultLockPath)
  int64_t start = 0;       // campaign time at creation (epoch seconds); used by Create only
};

struct LocalInstance {
  std::string id;
  std::string client_token;
  std::string campaign;
  std::string session;
  int attempt = 0;
  std::string region;
  std::string zone;
  std::string market;
  std::string planned_type;  // the type the plan asked for; the agent records "local"
  int64_t launched_at = 0;   // campaign time
  int64_t offset = 0;        // campaign time minus real time while it ran
  int64_t deadline = 0;      // campaign time
  ProcessId process;
  std::vector<JobSpec> jobs;
  std::optional<int64_t> terminate_at;  // campaign time of the terminate request
  std::optional<int64_t> ended_at;      // campaign time it was seen gone
};

inline constexpr const char* kLocalSchema = R"sql(
CREATE TABLE IF NOT EXISTS clock (
  id INTEGER PRIMARY KEY CHECK (id = 1), clock_offset INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS instance (
  id TEXT PRIMARY KEY, client_token TEXT NOT NULL UNIQUE, campaign TEXT NOT NULL,
  session TEXT NOT NULL, attempt INTEGER NOT NULL, region TEXT NOT NULL, zone TEXT NOT NULL,
  market TEXT NOT NULL, planned_type TEXT NOT NULL, launched_at INTEGER NOT NULL,
  clock_offset INTEGER NOT NULL, deadline INTEGER NOT NULL, pid INTEGER NOT NULL,
  start_ticks TEXT NOT NULL, boot_id TEXT NOT NULL, jobs TEXT NOT NULL,
  terminate_at INTEGER, ended_at INTEGER);
)sql";

// The campaign clock's offset (campaign minus real seconds): the one clock row.
util::Status WriteOffset(store::Database& db, int64_t offset);
util::Expected<int64_t> ReadOffset(store::Database& db);

util::Status InsertInstance(store::Database& db, const LocalInstance& instance);
util::Expected<std::vector<LocalInstance>> ReadInstances(store::Database& db);
util::Status UpdateTimes(store::Database& db, const LocalInstance& instance);

}  // namespace cloud::local
