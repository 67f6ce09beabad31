#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "store/journal.h"
#include "store/schema.h"
#include "store/sha256.h"
#include "store/sqlite.h"
#include "util/files.h"

namespace store {
namespace {

std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("abc-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

Snapshot Small() {
  Snapshot s;
  s.campaign.id = "c1";
  s.campaign.backend = "sim";
  s.campaign.backend_config = "{}";
  s.campaign.plan_json = "{\"plan\":1}";
  s.campaign.max_cost_usd = 12.5;
  s.windows.push_back(
      {"w1", "us-east-1", "morning", "America/New_York", "2026-12-07", 100, 200, 9});
  s.campaign.minimum_billing_s = 420;
  SessionRow session;
  session.id = "s1";
  session.window = "w1";
  session.market = "spot";
  session.spot_usd_per_hour = 0.2;
  session.size_wave = 3;
  s.sessions.push_back(session);
  JobRow job;
  job.id = "j1";
  job.session = "s1";
  job.window = "w1";
  s.jobs.push_back(job);
  return s;
}

TEST(Sha256, KnownAnswers) {
  // FIPS 180-2 examples.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Journal, RoundTripsRowsAndIsWal) {
  std::string path = TempPath("round.db");
  auto journal = Journal::Create(path, Small());
  ASSERT_TRUE(journal) << journal.error().message;
  AttemptRow attempt;
  attempt.session = "s1";
  attempt.number = 1;
  attempt.client_token = "tok-1";
  attempt.jobs = "j1";
  ASSERT_TRUE(journal->Apply({{}, {}, {}, {attempt}, {}, {{5, "launched", "s1", "x"}}}));
  auto reopened = Journal::Open(path);
  ASSERT_TRUE(reopened) << reopened.error().message;
  auto snap = reopened->Load();
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->campaign.id, "c1");
  ASSERT_TRUE(snap->campaign.max_cost_usd.has_value());
  EXPECT_DOUBLE_EQ(*snap->campaign.max_cost_usd, 12.5);
  ASSERT_EQ(snap->attempts.size(), 1u);
  EXPECT_EQ(snap->attempts[0].client_token, "tok-1");
  EXPECT_EQ(snap->windows[0].max_jobs, 9);
  EXPECT_EQ(snap->campaign.minimum_billing_s, 420);
  EXPECT_EQ(snap->sessions[0].spot_usd_per_hour, 0.2);
  EXPECT_EQ(snap->sessions[0].size_wave, 3);
  auto events = reopened->Events();
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 1u);
  auto db = Database::Open(path, Database::Mode::kOpenExisting);
  ASSERT_TRUE(db);
  auto mode = db->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode && *mode->Step());
  EXPECT_EQ(mode->Text(0), "wal");
}

// A schema-1 journal (written before the billing rule and waves were stored) opens, is
// migrated in place, and reads the defaults that were true for it: 60 s minimum, one wave.
TEST(Journal, MigratesASchemaOneJournal) {
  std::string path = TempPath("v1.db");
  {
    auto db = Database::Open(path, Database::Mode::kCreate);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Exec(kMigrations[0]));
    ASSERT_TRUE(db->Exec(
        "INSERT INTO campaign VALUES ('c1','sim','{}','','{}','x','pending','',0,0,0,30,5,NULL,"
        "1,0,0);"
        "INSERT INTO session VALUES ('s1','r1','m7i.large',2,'standard','spot','spot','w1',0,0,"
        "0,0,0.1,0.005,'pending',0,0,0,0,0,'');"
        "PRAGMA user_version=1;"));
  }
  auto journal = Journal::Open(path);
  ASSERT_TRUE(journal) << journal.error().message;
  auto snap = journal->Load();
  ASSERT_TRUE(snap) << snap.error().message;
  EXPECT_EQ(snap->campaign.minimum_billing_s, 60);
  EXPECT_EQ(snap->campaign.max_concurrent, 5);
  ASSERT_EQ(snap->sessions.size(), 1u);
  EXPECT_EQ(snap->sessions[0].size_wave, 1);
  EXPECT_EQ(snap->sessions[0].on_demand_usd_per_hour, 0.1);
  auto db = Database::Open(path, Database::Mode::kOpenExisting);
  ASSERT_TRUE(db);
  EXPECT_EQ(*db->UserVersion(), kJournalSchemaVersion);
}

// A state this build does not know is one clear error naming the file and table.
TEST(Journal, UnknownAttemptStateIsAnErrorNotAGuess) {
  std::string path = TempPath("state.db");
  auto journal = Journal::Create(path, Small());
  ASSERT_TRUE(journal);
  AttemptRow attempt;
  attempt.session = "s1";
  attempt.number = 1;
  attempt.client_token = "tok-1";
  ASSERT_TRUE(journal->Apply({{}, {}, {}, {attempt}, {}, {}}));
  {
    auto db = Database::Open(path, Database::Mode::kOpenExisting);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Exec("UPDATE attempt SET state='paused'"));
  }
  auto snap = Journal::Open(path)->Load();
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(snap.error().message.find(path), std::string::npos) << snap.error().message;
  EXPECT_NE(snap.error().message.find("table attempt"), std::string::npos);
  EXPECT_NE(snap.error().message.find("'paused'"), std::string::npos);
}

// Every state and reason this build writes reads back as itself: the journal's text for a
// value is never missing or shared with another value of the same column.
TEST(Journal, EveryStateRoundTrips) {
  const std::vector<CampaignStatus> statuses = {
      CampaignStatus::kPending, CampaignStatus::kRunning, CampaignStatus::kCompleted,
      CampaignStatus::kCancelled, CampaignStatus::kStopped};
  const std::vector<SessionState> session_states = {
      SessionState::kPending, SessionState::kLaunching,   SessionState::kRunning,
      SessionState::kDone,    SessionState::kUnscheduled, SessionState::kCancelled,
      SessionState::kStopped};
  const std::vector<JobState> job_states = {
      JobState::kPending, JobState::kRunning,     JobState::kSucceeded, JobState::kFailed,
      JobState::kSkipped, JobState::kUnscheduled, JobState::kCancelled};
  const std::vector<AttemptState> attempt_states = {AttemptState::kIntent, AttemptState::kRunning,
                                                    AttemptState::kEnded, AttemptState::kFailed};
  const std::vector<AttemptOutcome> outcomes = {
      AttemptOutcome::kNone,     AttemptOutcome::kCompleted, AttemptOutcome::kInterrupted,
      AttemptOutcome::kDeadline, AttemptOutcome::kCancelled, AttemptOutcome::kLaunchError,
      AttemptOutcome::kExpired,  AttemptOutcome::kLost};
  const std::vector<ResultStatus> result_statuses = {
      ResultStatus::kOk, ResultStatus::kFailed, ResultStatus::kSkipped, ResultStatus::kInterrupted};
  const std::vector<std::optional<util::ErrorClass>> error_classes = {
      std::nullopt,
      util::ErrorClass::kInvalidInput,
      util::ErrorClass::kNotFound,
      util::ErrorClass::kIo,
      util::ErrorClass::kCapacity,
      util::ErrorClass::kQuota,
      util::ErrorClass::kThrottling,
      util::ErrorClass::kFatal,
      util::ErrorClass::kInterrupted,
      util::ErrorClass::kTimeout,
      util::ErrorClass::kInternal,
      util::ErrorClass::kEventualConsistency,
      util::ErrorClass::kTransient};

  std::string path = TempPath("every-state.db");
  auto journal = Journal::Create(path, Small());
  ASSERT_TRUE(journal) << journal.error().message;
  Change change;
  for (size_t i = 0; i < session_states.size(); ++i) {
    SessionRow session = Small().sessions[0];
    session.id = "s" + std::to_string(100 + i);
    session.planned_start = static_cast<int64_t>(i + 1);
    session.state = session_states[i];
    change.sessions.push_back(session);
  }
  for (size_t i = 0; i < job_states.size(); ++i) {
    JobRow job = Small().jobs[0];
    job.id = "j" + std::to_string(100 + i);
    job.seq = static_cast<int>(100 + i);
    job.state = job_states[i];
    change.jobs.push_back(job);
  }
  size_t attempts = std::max({attempt_states.size(), outcomes.size(), error_classes.size()});
  for (size_t i = 0; i < attempts; ++i) {
    AttemptRow attempt;
    attempt.id = static_cast<int64_t>(i + 1);
    attempt.session = "s1";
    attempt.number = static_cast<int>(i + 1);
    attempt.client_token = "tok-" + std::to_string(i);
    attempt.state = attempt_states[i % attempt_states.size()];
    attempt.outcome = outcomes[i % outcomes.size()];
    attempt.error_class = error_classes[i % error_classes.size()];
    change.attempts.push_back(attempt);
  }
  for (size_t i = 0; i < result_statuses.size(); ++i) {
    change.results.push_back({"j1", 1 + static_cast<int64_t>(i), result_statuses[i], "", "{}", 0});
  }
  ASSERT_TRUE(journal->Apply(change));
  auto snap = journal->Load();
  ASSERT_TRUE(snap) << snap.error().message;
  ASSERT_EQ(snap->sessions.size(), session_states.size() + 1);
  for (size_t i = 0; i < session_states.size(); ++i)  // after "s1" (planned_start 0)
    EXPECT_EQ(snap->sessions[i + 1].state, session_states[i]) << ToString(session_states[i]);
  ASSERT_EQ(snap->jobs.size(), job_states.size() + 1);
  for (size_t i = 0; i < job_states.size(); ++i)
    EXPECT_EQ(snap->jobs[i + 1].state, job_states[i]) << ToString(job_states[i]);
  ASSERT_EQ(snap->attempts.size(), attempts);
  for (size_t i = 0; i < attempts; ++i) {
    EXPECT_EQ(snap->attempts[i].state, attempt_states[i % attempt_states.size()]);
    EXPECT_EQ(snap->attempts[i].outcome, outcomes[i % outcomes.size()]);
    EXPECT_EQ(snap->attempts[i].error_class, error_classes[i % error_classes.size()]);
  }
  ASSERT_EQ(snap->results.size(), result_statuses.size());
  for (size_t i = 0; i < result_statuses.size(); ++i)
    EXPECT_EQ(snap->results[i].status, result_statuses[i]) << ToString(result_statuses[i]);
  for (CampaignStatus status : statuses) {
    CampaignRow campaign = snap->campaign;
    campaign.status = status;
    ASSERT_TRUE(journal->Apply({campaign, {}, {}, {}, {}, {}}));
    auto again = journal->Load();
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->campaign.status, status) << ToString(status);
  }
}

// Text this build does not know, in any state or reason column, is one error naming the file,
// the table and the text; nothing is guessed.
TEST(Journal, UnknownTextInEveryStateColumnIsAnError) {
  struct Case {
    const char* table;
    const char* column;
  };
  for (Case c : {Case{"campaign", "status"}, Case{"session", "state"}, Case{"job", "state"},
                 Case{"attempt", "state"}, Case{"attempt", "outcome"},
                 Case{"attempt", "error_class"}, Case{"result", "status"}}) {
    std::string path = TempPath(std::string("unknown-") + c.table + "-" + c.column + ".db");
    auto journal = Journal::Create(path, Small());
    ASSERT_TRUE(journal);
    AttemptRow attempt;
    attempt.id = 1;
    attempt.session = "s1";
    attempt.number = 1;
    attempt.client_token = "tok-1";
    ResultRow result{"j1", 1, ResultStatus::kOk, "", "{}", 0};
    ASSERT_TRUE(journal->Apply({{}, {}, {}, {attempt}, {result}, {}}));
    ASSERT_TRUE(journal->Load()) << c.table;
    {
      auto db = Database::Open(path, Database::Mode::kOpenExisting);
      ASSERT_TRUE(db);
      ASSERT_TRUE(db->Exec(std::string("UPDATE ") + c.table + " SET " + c.column + "='bogus'"));
    }
    auto snap = Journal::Open(path)->Load();
    ASSERT_FALSE(snap) << c.table << "." << c.column;
    const std::string& message = snap.error().message;
    EXPECT_EQ(snap.error().error_class, util::ErrorClass::kInvalidInput);
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(std::string("table ") + c.table + " column " + c.column),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("'bogus'"), std::string::npos) << message;
  }
}

TEST(Journal, ResultRecordedAtMostOnce) {
  std::string path = TempPath("once.db");
  auto journal = Journal::Create(path, Small());
  ASSERT_TRUE(journal);
  AttemptRow attempt;
  attempt.session = "s1";
  attempt.number = 1;
  attempt.client_token = "tok-1";
  ASSERT_TRUE(journal->Apply({{}, {}, {}, {attempt}, {}, {}}));
  auto id = journal->Load()->attempts[0].id;
  ResultRow result{"j1", id, ResultStatus::kOk, Sha256Hex("{}"), "{}", 7};
  ASSERT_TRUE(journal->Apply({{}, {}, {}, {}, {result}, {}}));
  result.json = "{\"second\":true}";
  ASSERT_TRUE(journal->Apply({{}, {}, {}, {}, {result}, {}}));
  auto snap = journal->Load();
  ASSERT_EQ(snap->results.size(), 1u);
  EXPECT_EQ(*journal->ResultJson("j1", id), "{}");
}

TEST(Journal, ClientTokenIsUnique) {
  std::string path = TempPath("token.db");
  auto journal = Journal::Create(path, Small());
  ASSERT_TRUE(journal);
  AttemptRow first;
  first.session = "s1";
  first.number = 1;
  first.client_token = "same";
  AttemptRow second = first;
  second.number = 2;
  ASSERT_TRUE(journal->Apply({{}, {}, {}, {first}, {}, {}}));
  EXPECT_FALSE(journal->Apply({{}, {}, {}, {second}, {}, {}}));
  EXPECT_EQ(journal->Load()->attempts.size(), 1u);  // the failed change left nothing behind
}

TEST(Journal, CreateRefusesAnExistingFile) {
  std::string path = TempPath("exists.db");
  ASSERT_TRUE(Journal::Create(path, Small()));
  auto again = Journal::Create(path, Small());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().error_class, util::ErrorClass::kInvalidInput);
}

std::string Bytes(const std::string& path) { return *util::ReadFile(path); }

TEST(Journal, BadFilesFailCleanlyAndStayUntouched) {
  auto missing = Journal::Open(TempPath("missing.db"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(missing.error().message.find("does not exist"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(TempPath("missing.db")));

  std::string corrupt = TempPath("corrupt.db");
  ASSERT_TRUE(util::WriteFileAtomic(corrupt, std::string(4096, 'x')));
  auto bad = Journal::Open(corrupt);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_EQ(Bytes(corrupt), std::string(4096, 'x'));

  std::string newer = TempPath("newer.db");
  ASSERT_TRUE(Journal::Create(newer, Small()));
  {
    auto db = Database::Open(newer, Database::Mode::kOpenExisting);
    ASSERT_TRUE(db->Exec("PRAGMA user_version=99; PRAGMA wal_checkpoint(TRUNCATE);"));
  }
  std::string before = Bytes(newer);
  auto future = Journal::Open(newer);
  ASSERT_FALSE(future);
  EXPECT_NE(future.error().message.find("newer version"), std::string::npos);
  EXPECT_EQ(Bytes(newer), before);

  std::string empty = TempPath("empty.db");
  { ASSERT_TRUE(Database::Open(empty, Database::Mode::kCreate)); }
  auto nothing = Journal::Open(empty);
  ASSERT_FALSE(nothing);
  EXPECT_NE(nothing.error().message.find("no journal schema"), std::string::npos);
}

}  // namespace
}  // namespace store
