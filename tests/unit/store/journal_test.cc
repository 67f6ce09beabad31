#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

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
  ResultRow result{"j1", id, "ok", Sha256Hex("{}"), "{}", 7};
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
