#pragma once
// (De)serialisation of the sim's settings (the campaign's backend_config) and of its
// instances' jobs for its SQLite state file.

#include <string>

#include "cloud/sim/sim_cloud.h"

namespace cloud::sim {

std::string ConfigToJson(const SimConfig& config);
util::Expected<SimConfig> ConfigFromJson(const std::string& text);
std::string JobsToJson(const std::vector<JobSpec>& jobs);
std::vector<JobSpec> JobsFromJson(const std::string& text);

inline constexpr const char* kSimSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS instance (
  id TEXT PRIMARY KEY, client_token TEXT NOT NULL UNIQUE, campaign TEXT NOT NULL,
  session TEXT NOT NULL, attempt INTEGER NOT NULL, region TEXT NOT NULL, zone TEXT NOT NULL,
  market TEXT NOT NULL, instance_type TEXT NOT NULL, vcpus INTEGER NOT NULL,
  quota_class TEXT NOT NULL, launched_at INTEGER NOT NULL, deadline INTEGER NOT NULL,
  terminate_at INTEGER, jobs TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL,
  instance TEXT NOT NULL, detail TEXT NOT NULL);
)sql";

}  // namespace cloud::sim
