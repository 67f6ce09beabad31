// WriteImportJournal (report/import.h): the rows a journal of backend "import" holds.

#include <cstdio>
#include <filesystem>
#include <map>

#include "report/import.h"
#include "report/import_go.h"
#include "store/journal.h"
#include "store/sha256.h"
#include "util/strings.h"

namespace report {
namespace {

using nlohmann::json;

std::string RowId(size_t index) {
  char id[32];
  std::snprintf(id, sizeof id, "import-%04zu", index + 1);
  return id;
}

std::string CampaignId(const ImportOutcome& outcome) {
  std::string digests;
  for (const ImportedFile& file : outcome.files) digests += store::Sha256Hex(file.text);
  return "import-" + store::Sha256Hex(digests).substr(0, 12);
}

std::string Variants(const json& document) {
  std::vector<std::string> names;
  for (const json& benchmark : document.value("benchmarks", json::array())) {
    names.push_back(benchmark.value("name", ""));
  }
  return util::Join(names, ",");
}

// The states an imported file's rows take: a finished session, a succeeded job, an ended
// attempt that completed.
struct ImportedStates {
  static constexpr store::CampaignStatus kCampaign = store::CampaignStatus::kCompleted;
  static constexpr store::SessionState kSession = store::SessionState::kDone;
  static constexpr store::JobState kJob = store::JobState::kSucceeded;
  static constexpr store::AttemptState kAttempt = store::AttemptState::kEnded;
  static constexpr store::AttemptOutcome kOutcome = store::AttemptOutcome::kCompleted;
  static constexpr store::ResultStatus kResult = store::ResultStatus::kOk;
};

store::Snapshot InitialRows(const std::string& directory, const ImportOutcome& outcome,
                            int64_t now) {
  store::Snapshot initial;
  store::CampaignRow& campaign = initial.campaign;
  campaign.id = CampaignId(outcome);
  campaign.backend = "import";
  campaign.backend_config = json{
      {"directory", std::filesystem::absolute(directory).lexically_normal().string()},
      {"files", outcome.files.size()},
      {"rejected",
       outcome.rejected}}.dump();
  campaign.spec_json = "{}";
  campaign.plan_json = "{}";
  campaign.plan_sha256 = store::Sha256Hex(campaign.plan_json);
  campaign.status = ImportedStates::kCampaign;
  campaign.created_at = campaign.started_at = campaign.ended_at = now;
  for (size_t i = 0; i < outcome.files.size(); ++i) {
    const ImportedFile& file = outcome.files[i];
    store::SessionRow session;
    session.id = RowId(i);
    session.region = file.region;
    session.instance_type = file.instance_type;
    session.planned_market = session.market = file.market;
    session.state = ImportedStates::kSession;
    session.attempts = 1;
    session.reason = "imported from " + file.file;
    initial.sessions.push_back(session);
    store::JobRow job;
    job.id = RowId(i);
    job.session = session.id;
    job.seq = 1;
    job.instance_type = file.instance_type;
    job.benchmark = Variants(file.document);
    job.region = file.region;
    job.state = ImportedStates::kJob;
    job.tries = 1;
    job.reason = "imported from " + file.file + " (" + file.format + ")";
    job.started_at = job.ended_at = now;
    initial.jobs.push_back(job);
  }
  return initial;
}

store::Change ResultRows(const ImportOutcome& outcome, int64_t now) {
  store::Change change;
  std::map<std::string, std::string> session_of_file;
  for (size_t i = 0; i < outcome.files.size(); ++i) {
    const ImportedFile& file = outcome.files[i];
    session_of_file[file.file] = RowId(i);
    store::AttemptRow attempt;
    attempt.id = static_cast<int64_t>(i + 1);
    attempt.session = RowId(i);
    attempt.number = 1;
    attempt.client_token = RowId(i);
    attempt.region = file.region;
    attempt.market = file.market;
    attempt.state = ImportedStates::kAttempt;
    attempt.intent_at = attempt.launched_at = attempt.ended_at = now;
    attempt.outcome = ImportedStates::kOutcome;
    attempt.jobs = RowId(i);
    change.attempts.push_back(attempt);
    change.results.push_back({RowId(i), attempt.id, ImportedStates::kResult,
                              store::Sha256Hex(file.text), file.text, now});
  }
  for (const ImportFlag& flag : outcome.flags) {
    auto session = session_of_file.find(flag.file);
    change.events.push_back({now, "import-flag",
                             session == session_of_file.end() ? "" : session->second,
                             ToString(flag)});
  }
  for (const std::string& file : outcome.rejected) {
    change.events.push_back({now, "import-rejected", "", file + ": left out (schema violations)"});
  }
  return change;
}

void RemoveJournalFiles(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace

util::Status WriteImportJournal(const std::string& path, const std::string& directory,
                                const ImportOutcome& outcome, int64_t now) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return util::InvalidInput(path + ": already exists (results import writes a new journal)");
  }
  auto journal = store::Journal::Create(path, InitialRows(directory, outcome, now));
  if (!journal) return journal.error();
  if (auto applied = journal->Apply(ResultRows(outcome, now)); !applied) {
    RemoveJournalFiles(path);
    return applied;
  }
  return {};
}

}  // namespace report
