#pragma once
// The campaign journal: a SQLite file in WAL mode with PRAGMA user_version migrations.
// Every state change is one transaction (Apply); intent rows are written before the side
// effect they announce, and the result table's UNIQUE key keeps each result at most once.

#include <memory>
#include <string>
#include <string_view>

#include "store/records.h"
#include "store/sqlite.h"
#include "util/expected.h"

namespace store {

inline constexpr int64_t kJournalSchemaVersion = 1;
// The error code of Open for a file that holds no campaign (an interrupted creation by an
// older build, or an empty file).
inline constexpr std::string_view kNoCampaignCode = "NoCampaign";

// How much a commit survives. A journal starts at kPowerLoss; the campaign lowers it when
// its backend's cloud lives on this machine's disk too (docs/journal.md, "Durability").
enum class Durability {
  kProcessCrash,  // synchronous=NORMAL: a commit survives kill -9, not a power loss
  kPowerLoss,     // synchronous=FULL: a commit is on disk before Apply returns
};

class Journal {
 public:
  // Creates a new journal at `path` holding `initial` (campaign, windows, quotas,
  // sessions, jobs). Fails with kInvalidInput when `path` already exists.
  static util::Expected<Journal> Create(const std::string& path, const Snapshot& initial);
  // Opens an existing journal. Missing file, a file that is not a journal, or one written by
  // a newer version: kInvalidInput with one line naming the file; the file is left untouched.
  static util::Expected<Journal> Open(const std::string& path);

  util::Expected<Snapshot> Load();
  util::Status Apply(const Change& change);
  // The JSON body of one result, for reports.
  util::Expected<std::string> ResultJson(const std::string& job, int64_t attempt_id);
  util::Expected<std::vector<EventRow>> Events();
  // The latest instant any event or result was recorded at (0 when none).
  util::Expected<int64_t> LatestRecordedTime();

  const std::string& path() const { return db_.path(); }
  util::Status SetDurability(Durability durability);

 private:
  explicit Journal(Database db) : db_(std::move(db)) {}
  util::Status Migrate(int64_t from);
  util::Status PutCampaign(const CampaignRow& row);
  util::Status PutSession(const SessionRow& row);
  util::Status PutJob(const JobRow& row);
  util::Status PutAttempt(const AttemptRow& row);
  util::Status PutResult(const ResultRow& row);
  util::Status PutEvent(const EventRow& row);
  util::Status PutStatic(const Snapshot& initial);
  util::Expected<Statement*> Cached(int slot, const char* sql);

  Database db_;
  std::vector<std::unique_ptr<Statement>> cache_;
};

}  // namespace store
