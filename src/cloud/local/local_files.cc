// The local backend's files: finding the agent, the supervisor's command line, and reading
// a finished job's result document (validated against the result schema).

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <tuple>

#include "agent/result_schema.h"
#include "bench/suite.h"
#include "cloud/local/local_cloud.h"
#include "util/files.h"
#include "util/strings.h"

namespace cloud::local {

using util::FromSeconds;

namespace {

constexpr char kAgentName[] = "aws-benchmark-agent";

bool Executable(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

util::Expected<std::string> Checked(const std::string& path, const std::string& source) {
  if (!Executable(path)) {
    return util::InvalidInput(source + ": '" + path + "' is not an executable file (the local " +
                              "backend needs the path of " + kAgentName + ")");
  }
  return std::filesystem::absolute(path).lexically_normal().string();
}

// A job id as a file name: every byte outside [A-Za-z0-9._-] becomes '_'. The index
// prefix keeps two ids that map to the same name apart.
std::string SafeName(const std::string& id) {
  std::string out = id;
  for (char& c : out) {
    bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    if (!plain) c = '_';
  }
  return out;
}

// The job's status and reason: the first benchmark that is not ok decides.
std::pair<std::string, std::string> StatusOf(const nlohmann::json& document) {
  for (const auto& benchmark : document.at("benchmarks")) {
    std::string status = benchmark.value("status", "failed");
    if (status != "ok") return {status, benchmark.value("reason", "")};
  }
  return {"ok", ""};
}

}  // namespace

util::Expected<std::string> FindAgent(const std::string& flag) {
  if (!flag.empty()) return Checked(flag, "--agent");
  if (const char* env = std::getenv("ABC_AGENT"); env != nullptr && *env != '\0') {
    return Checked(env, "ABC_AGENT");
  }
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  std::filesystem::path dir = self.parent_path();
  std::vector<std::filesystem::path> candidates = {dir / kAgentName,
                                                   dir / ".." / "agent" / kAgentName};
  for (const auto& candidate : candidates) {
    if (Executable(candidate)) return candidate.lexically_normal().string();
  }
  return util::InvalidInput(std::string("the local backend needs ") + kAgentName +
                            " and found none (looked in '" + candidates[0].string() + "' and '" +
                            candidates[1].lexically_normal().string() +
                            "'); build it, or give --agent PATH or ABC_AGENT=PATH");
}

std::string DefaultLockPath() {
  auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
  };
  if (std::string lock = env("ABC_LOCAL_LOCK"); !lock.empty()) return lock;
  std::string folder = env("XDG_RUNTIME_DIR");
  if (folder.empty()) folder = env("XDG_STATE_HOME");
  if (folder.empty()) folder = env("HOME") + "/.local/state";
  return folder + "/aws-benchmark-collector/agent.lock";
}

std::string LocalCloud::JobPath(const LocalInstance& in, size_t index,
                                const char* extension) const {
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%03zu-", index);
  return InstanceDir(in.id) + "/" + prefix + SafeName(in.jobs[index].id) + extension;
}

util::Expected<std::vector<std::string>> LocalCloud::StageSuites(
    const LocalInstance& in, const std::vector<std::string>& suites) const {
  std::vector<std::string> paths;
  for (const std::string& text : suites) {
    auto suite = bench::ParseSuite(text, "launch suite");
    if (!suite) return suite.error();
    std::filesystem::path folder =
        std::filesystem::path(InstanceDir(in.id)) / "suites" / suite->name;
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    for (const bench::CustomBenchmark& benchmark : suite->benchmarks) {
      for (const std::string& file : benchmark.files) {
        std::filesystem::path target = folder / file;
        std::filesystem::create_directories(target.parent_path(), error);
        if (!error) {
          std::filesystem::copy_file(std::filesystem::path(suite->folder) / file, target,
                                     std::filesystem::copy_options::overwrite_existing, error);
        }
        if (error) {
          return util::MakeError(util::ErrorClass::kIo,
                                 "local: suite " + suite->name + ": cannot stage '" + file +
                                     "' from '" + suite->folder + "': " + error.message() +
                                     " (LocalSuiteFile)",
                                 "LocalSuiteFile");
        }
      }
    }
    // The copy the agent reads names no folder: its own folder is where the files are.
    suite->folder.clear();
    std::string path = (folder / "suite.json").string();
    if (auto written = util::WriteFileAtomic(path, bench::SuiteToJson(*suite).dump(2) + "\n");
        !written)
      return written.error();
    paths.push_back(path);
  }
  return paths;
}

SessionCommand LocalCloud::CommandFor(const LocalInstance& in,
                                      const std::vector<std::string>& suites) const {
  SessionCommand command;
  for (size_t i = 0; i < in.jobs.size(); ++i) {
    // The agent records instance type "local" (it measures this machine); the planned type
    // is added to the document's metadata when it is read back. Region, zone and market
    // are not passed: they would describe a machine that did not run the job.
    // A job is one variant: --exact, or "stream" would run the whole stream family.
    std::vector<std::string> argv = {
        setup_.agent,      "run",         "--exact",      in.jobs[i].benchmark,
        "--job-id",        in.jobs[i].id, "--session-id", in.session,
        "--instance-type", "local",       "--output",     JobPath(in, i, ".json")};
    if (setup_.quick) argv.push_back("--quick");
    for (const std::string& suite : suites) {
      argv.push_back("--suite");
      argv.push_back(suite);
    }
    command.jobs.push_back(std::move(argv));
    command.status_files.push_back(StatusPath(in, i));
  }
  command.log_path = InstanceDir(in.id) + "/agent.log";
  command.lock_path = setup_.lock_path;
  command.real_deadline = in.deadline - in.offset;
  return command;
}

ResultDoc LocalCloud::ReadResult(const LocalInstance& in, size_t index,
                                 const std::string& status_text) const {
  const JobSpec& job = in.jobs[index];
  long long start = 0, end = 0;
  int exit_status = -1;
  std::sscanf(status_text.c_str(), "%lld %lld %d", &start, &end, &exit_status);
  ResultDoc doc{
      job.id, in.id, "failed", "", FromSeconds(start + in.offset), FromSeconds(end + in.offset),
      ""};
  std::string path = JobPath(in, index, ".json");
  auto text = util::ReadFile(path);
  util::Expected<nlohmann::json> parsed =
      text ? agent::ParseResultDocument(*text) : util::Expected<nlohmann::json>(text.error());
  if (parsed) {
    std::tie(doc.status, doc.reason) = StatusOf(*parsed);
    nlohmann::json& metadata = (*parsed)["metadata"];
    metadata["backend"] = "local";
    metadata["planned_instance_type"] = in.planned_type;
    metadata["planned_region"] = in.region;
    metadata["planned_market"] = in.market;
    metadata["campaign_started_at"] = util::FormatIso8601Utc(doc.started_at);
    metadata["campaign_ended_at"] = util::FormatIso8601Utc(doc.ended_at);
    doc.json = parsed->dump();
    return doc;
  }
  doc.reason = text ? "the agent's result '" + path + "' is not valid: " + parsed.error().message
                    : "the agent exited with status " + std::to_string(exit_status) +
                          " and wrote no result (see " + InstanceDir(in.id) + "/agent.log)";
  nlohmann::json failure = {{"schema", "aws-benchmark-collector/local-failure"},
                            {"schema_version", 1},
                            {"job", job.id},
                            {"benchmark", job.benchmark},
                            {"session", in.session},
                            {"instance_id", in.id},
                            {"exit_status", exit_status},
                            {"reason", doc.reason}};
  doc.json = failure.dump();
  return doc;
}

}  // namespace cloud::local
