#include "store/journal.h"

#include <sys/stat.h>

#include <array>
#include <utility>

#include "store/record_names.h"
#include "store/schema.h"

namespace store {

namespace {

using names::Accepted;
using names::Name;
using names::ValueOf;

// Remembers the first text a row holds that this build does not know (a journal edited by
// hand, or a newer build's state); Load reports it naming the file and table, never guesses.
struct UnknownText {
  std::string message;

  template <typename Enum, size_t N>
  Enum Read(const std::array<Name<Enum>, N>& names, const std::string& text, const char* where) {
    if (auto value = ValueOf(names, text)) return *value;
    if (message.empty()) {
      message = std::string(where) + " holds the unknown value '" + text +
                "' (accepted: " + Accepted(names) + ")";
    }
    return names.front().first;
  }

  std::optional<util::ErrorClass> ReadErrorClass(const std::string& text) {
    if (text.empty()) return std::nullopt;
    if (auto error_class = ErrorClassFromText(text)) return error_class;
    if (message.empty()) {
      message = "table attempt column error_class holds the unknown value '" + text + "'";
    }
    return std::nullopt;
  }
};

const char* ErrorClassText(const std::optional<util::ErrorClass>& error_class) {
  return error_class ? util::ToString(*error_class) : "";
}

// A file without a campaign in it: nothing ran from it. The caller, which knows the
// backends' files beside the journal, adds the exact remedy (exec/campaign.cc).
util::Error NoCampaign(const std::string& path, const std::string& why) {
  return util::MakeError(util::ErrorClass::kInvalidInput,
                         "state file '" + path + "' is not a usable campaign journal: " + why +
                             " (nothing ran from it)",
                         std::string(kNoCampaignCode));
}

// FULL: each commit is on disk before Apply returns, so a power loss cannot lose a
// recorded launch intent (NORMAL in WAL mode survives a process crash only). Every journal
// opens with it; see SetDurability and docs/journal.md.
constexpr const char* kJournalDurability = "PRAGMA synchronous=FULL;";

util::Error NotAJournal(const std::string& path, const std::string& why) {
  return util::InvalidInput("state file '" + path + "' is not a usable campaign journal: " + why);
}

// Rows are read with SELECT * in table order; these helpers keep the column order in one place.
CampaignRow ReadCampaign(const Statement& s, UnknownText& unknown) {
  CampaignRow r;
  r.id = s.Text(0);
  r.backend = s.Text(1);
  r.backend_config = s.Text(2);
  r.spec_json = s.Text(3);
  r.plan_json = s.Text(4);
  r.plan_sha256 = s.Text(5);
  r.status = unknown.Read(names::kCampaignStatuses, s.Text(6), "table campaign column status");
  r.stop_reason = s.Text(7);
  r.created_at = s.Int(8);
  r.started_at = s.Int(9);
  r.ended_at = s.Int(10);
  r.max_daily_jobs = static_cast<int>(s.Int(11));
  r.max_concurrent = static_cast<int>(s.Int(12));
  if (!s.IsNull(13)) r.max_cost_usd = s.Double(13);
  r.size_waves = s.Int(14) != 0;
  r.estimated_cost_usd = s.Double(15);
  r.wall_seconds = s.Int(16);
  r.minimum_billing_s = s.Int(17);
  return r;
}

WindowRow ReadWindow(const Statement& s) {
  return WindowRow{s.Text(0), s.Text(1), s.Text(2), s.Text(3),
                   s.Text(4), s.Int(5),  s.Int(6),  static_cast<int>(s.Int(7))};
}

SessionRow ReadSession(const Statement& s, UnknownText& unknown) {
  SessionRow r;
  r.id = s.Text(0);
  r.region = s.Text(1);
  r.instance_type = s.Text(2);
  r.vcpus = static_cast<int>(s.Int(3));
  r.quota_class = s.Text(4);
  r.planned_market = s.Text(5);
  r.market = s.Text(6);
  r.window = s.Text(7);
  r.planned_start = s.Int(8);
  r.planned_end = s.Int(9);
  r.not_before = s.Int(10);
  r.estimated_cost_usd = s.Double(11);
  r.on_demand_usd_per_hour = s.Double(12);
  r.extras_usd_per_hour = s.Double(13);
  r.state = unknown.Read(names::kSessionStates, s.Text(14), "table session column state");
  r.attempts = static_cast<int>(s.Int(15));
  r.spot_failures = static_cast<int>(s.Int(16));
  r.zone_index = static_cast<int>(s.Int(17));
  r.throttle_retries = static_cast<int>(s.Int(18));
  r.fell_back_to_on_demand = s.Int(19) != 0;
  r.reason = s.Text(20);
  r.spot_usd_per_hour = s.Double(21);
  r.size_wave = static_cast<int>(s.Int(22));
  return r;
}

JobRow ReadJob(const Statement& s, UnknownText& unknown) {
  JobRow r;
  r.id = s.Text(0);
  r.session = s.Text(1);
  r.seq = static_cast<int>(s.Int(2));
  r.instance_type = s.Text(3);
  r.benchmark = s.Text(4);
  r.region = s.Text(5);
  r.estimated_duration_s = s.Int(6);
  r.estimated_cost_usd = s.Double(7);
  r.state = unknown.Read(names::kJobStates, s.Text(8), "table job column state");
  r.tries = static_cast<int>(s.Int(9));
  r.interruptions = static_cast<int>(s.Int(10));
  r.window = s.Text(11);
  r.reason = s.Text(12);
  r.started_at = s.Int(13);
  r.ended_at = s.Int(14);
  return r;
}

AttemptRow ReadAttempt(const Statement& s, UnknownText& unknown) {
  AttemptRow r;
  r.id = s.Int(0);
  r.session = s.Text(1);
  r.number = static_cast<int>(s.Int(2));
  r.client_token = s.Text(3);
  r.region = s.Text(4);
  r.zone = s.Text(5);
  r.market = s.Text(6);
  r.instance_id = s.Text(7);
  r.state = unknown.Read(names::kAttemptStates, s.Text(8), "table attempt column state");
  r.intent_at = s.Int(9);
  r.launched_at = s.Int(10);
  r.ended_at = s.Int(11);
  r.deadline = s.Int(12);
  r.outcome = unknown.Read(names::kOutcomes, s.Text(13), "table attempt column outcome");
  r.error_code = s.Text(14);
  r.error_class = unknown.ReadErrorClass(s.Text(15));
  r.cost_usd = s.Double(16);
  r.max_cost_usd = s.Double(17);
  r.usd_per_hour = s.Double(18);
  r.jobs = s.Text(19);
  return r;
}

// "INSERT INTO t VALUES (?, ...) ON CONFLICT (id) DO UPDATE SET c=excluded.c, ...": an
// update in place, unlike INSERT OR REPLACE, which deletes the row that others reference.
std::string UpsertById(const char* table, std::initializer_list<const char*> columns) {
  std::string names, marks, sets;
  for (const char* column : columns) {
    names += std::string(names.empty() ? "" : ",") + column;
    marks += marks.empty() ? "?" : ",?";
    if (std::string(column) != "id") {
      sets += std::string(sets.empty() ? "" : ",") + column + "=excluded." + column;
    }
  }
  return std::string("INSERT INTO ") + table + " (" + names + ") VALUES (" + marks +
         ") ON CONFLICT (id) DO UPDATE SET " + sets;
}

const std::string kPutSession = UpsertById("session", {"id",
                                                       "region",
                                                       "instance_type",
                                                       "vcpus",
                                                       "quota_class",
                                                       "planned_market",
                                                       "market",
                                                       "window",
                                                       "planned_start",
                                                       "planned_end",
                                                       "not_before",
                                                       "estimated_cost_usd",
                                                       "on_demand_usd_per_hour",
                                                       "extras_usd_per_hour",
                                                       "state",
                                                       "attempts",
                                                       "spot_failures",
                                                       "zone_index",
                                                       "throttle_retries",
                                                       "fell_back",
                                                       "reason",
                                                       "spot_usd_per_hour",
                                                       "size_wave"});
const std::string kPutJob =
    UpsertById("job", {"id", "session", "seq", "instance_type", "benchmark", "region",
                       "estimated_duration_s", "estimated_cost_usd", "state", "tries",
                       "interruptions", "window", "reason", "started_at", "ended_at"});

}  // namespace

util::Expected<Journal> Journal::Create(const std::string& path, const Snapshot& initial) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    return util::InvalidInput("state file '" + path +
                              "' already exists (use 'schedule resume --state " + path +
                              "' or choose a new file)");
  }
  auto db = Database::Open(path, Database::Mode::kCreate);
  if (!db) return db.error();
  if (auto status = db->Exec(kJournalDurability); !status) return status.error();
  Journal journal(std::move(*db));
  auto tx = Transaction::Begin(journal.db_);
  if (!tx) return tx.error();
  if (auto status = journal.Migrate(0); !status) return status.error();
  if (auto status = journal.PutStatic(initial); !status) return status.error();
  if (auto status = tx->Commit(); !status) return status.error();
  return journal;
}

util::Expected<Journal> Journal::Open(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return util::InvalidInput("state file '" + path + "' does not exist");
  }
  auto db = Database::Open(path, Database::Mode::kOpenExisting);
  if (!db) return NotAJournal(path, db.error().message);
  auto version = db->UserVersion();
  if (!version) return NotAJournal(path, version.error().message);
  if (auto status = db->Exec(kJournalDurability); !status) return status.error();
  if (*version == 0) return NoCampaign(path, "it has no journal schema");
  if (*version > kJournalSchemaVersion) {
    return NotAJournal(path, "it was written by a newer version (schema " +
                                 std::to_string(*version) + ", this build reads up to " +
                                 std::to_string(kJournalSchemaVersion) + ")");
  }
  Journal journal(std::move(*db));
  if (*version < kJournalSchemaVersion) {
    auto tx = Transaction::Begin(journal.db_);
    if (!tx) return tx.error();
    if (auto status = journal.Migrate(*version); !status) return status.error();
    if (auto status = tx->Commit(); !status) return status.error();
  }
  auto check = journal.db_.Prepare("SELECT count(*) FROM campaign");
  if (!check) return NotAJournal(path, check.error().message);
  auto row = check->Step();
  if (!row || !*row || check->Int(0) != 1) return NoCampaign(path, "it holds no campaign");
  return journal;
}

util::Status Journal::SetDurability(Durability durability) {
  return db_.Exec(durability == Durability::kPowerLoss ? "PRAGMA synchronous=FULL;"
                                                       : "PRAGMA synchronous=NORMAL;");
}

util::Status Journal::Migrate(int64_t from) {
  for (auto version = static_cast<size_t>(from); version < kMigrations.size(); ++version) {
    if (auto status = db_.Exec(kMigrations[version]); !status) return status;
  }
  return db_.Exec("PRAGMA user_version=" + std::to_string(kMigrations.size()));
}

util::Status Journal::PutStatic(const Snapshot& initial) {
  if (auto status = PutCampaign(initial.campaign); !status) return status;
  for (const WindowRow& w : initial.windows) {
    auto s = db_.Prepare("INSERT INTO window VALUES (?,?,?,?,?,?,?,?)");
    if (!s) return s.error();
    s->Bind(1, w.id).Bind(2, w.region).Bind(3, w.name).Bind(4, w.timezone).Bind(5, w.day);
    s->Bind(6, w.start).Bind(7, w.end).Bind(8, w.max_jobs);
    if (auto status = s->Run(); !status) return status;
  }
  for (const QuotaRow& q : initial.quotas) {
    auto s = db_.Prepare("INSERT INTO quota VALUES (?,?,?)");
    if (!s) return s.error();
    s->Bind(1, q.quota_class).Bind(2, q.market).Bind(3, q.vcpus);
    if (auto status = s->Run(); !status) return status;
  }
  for (const SessionRow& row : initial.sessions) {
    if (auto status = PutSession(row); !status) return status;
  }
  for (const JobRow& row : initial.jobs) {
    if (auto status = PutJob(row); !status) return status;
  }
  return {};
}

util::Expected<Statement*> Journal::Cached(int slot, const char* sql) {
  auto index = static_cast<size_t>(slot);
  if (cache_.size() <= index) cache_.resize(index + 1);
  if (!cache_[index]) {
    auto statement = db_.Prepare(sql);
    if (!statement) return statement.error();
    cache_[index] = std::make_unique<Statement>(std::move(*statement));
  }
  return cache_[index].get();
}

util::Status Journal::PutCampaign(const CampaignRow& r) {
  auto s =
      Cached(0, "INSERT OR REPLACE INTO campaign VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s) return s.error();
  Statement& q = **s;
  q.Bind(1, r.id).Bind(2, r.backend).Bind(3, r.backend_config).Bind(4, r.spec_json);
  q.Bind(5, r.plan_json).Bind(6, r.plan_sha256).Bind(7, ToString(r.status)).Bind(8, r.stop_reason);
  q.Bind(9, r.created_at).Bind(10, r.started_at).Bind(11, r.ended_at);
  q.Bind(12, r.max_daily_jobs).Bind(13, r.max_concurrent);
  if (r.max_cost_usd)
    q.Bind(14, *r.max_cost_usd);
  else
    q.BindNull(14);
  q.Bind(15, r.size_waves ? 1 : 0).Bind(16, r.estimated_cost_usd).Bind(17, r.wall_seconds);
  q.Bind(18, r.minimum_billing_s);
  return q.Run();
}

util::Status Journal::PutSession(const SessionRow& r) {
  auto s = Cached(1, kPutSession.c_str());
  if (!s) return s.error();
  Statement& q = **s;
  q.Bind(1, r.id).Bind(2, r.region).Bind(3, r.instance_type).Bind(4, r.vcpus);
  q.Bind(5, r.quota_class).Bind(6, r.planned_market).Bind(7, r.market).Bind(8, r.window);
  q.Bind(9, r.planned_start).Bind(10, r.planned_end).Bind(11, r.not_before);
  q.Bind(12, r.estimated_cost_usd).Bind(13, r.on_demand_usd_per_hour);
  q.Bind(14, r.extras_usd_per_hour).Bind(15, ToString(r.state)).Bind(16, r.attempts);
  q.Bind(17, r.spot_failures).Bind(18, r.zone_index).Bind(19, r.throttle_retries);
  q.Bind(20, r.fell_back_to_on_demand ? 1 : 0).Bind(21, r.reason);
  q.Bind(22, r.spot_usd_per_hour).Bind(23, r.size_wave);
  return q.Run();
}

util::Status Journal::PutJob(const JobRow& r) {
  auto s = Cached(2, kPutJob.c_str());
  if (!s) return s.error();
  Statement& q = **s;
  q.Bind(1, r.id).Bind(2, r.session).Bind(3, r.seq).Bind(4, r.instance_type);
  q.Bind(5, r.benchmark).Bind(6, r.region).Bind(7, r.estimated_duration_s);
  q.Bind(8, r.estimated_cost_usd)
      .Bind(9, ToString(r.state))
      .Bind(10, r.tries)
      .Bind(11, r.interruptions);
  q.Bind(12, r.window).Bind(13, r.reason).Bind(14, r.started_at).Bind(15, r.ended_at);
  return q.Run();
}

util::Status Journal::PutAttempt(const AttemptRow& r) {
  auto s = Cached(
      3,
      "INSERT INTO attempt (id, session, number, client_token, region, zone, market, instance_id,"
      " state, intent_at, launched_at, ended_at, deadline, outcome, error_code, error_class,"
      " cost_usd, max_cost_usd, usd_per_hour, jobs) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
      " ON CONFLICT (session, number) DO UPDATE SET zone=excluded.zone,"
      " market=excluded.market, instance_id=excluded.instance_id, state=excluded.state,"
      " launched_at=excluded.launched_at, ended_at=excluded.ended_at,"
      " deadline=excluded.deadline, outcome=excluded.outcome, error_code=excluded.error_code,"
      " error_class=excluded.error_class, cost_usd=excluded.cost_usd,"
      " max_cost_usd=excluded.max_cost_usd, usd_per_hour=excluded.usd_per_hour,"
      " jobs=excluded.jobs");
  if (!s) return s.error();
  Statement& q = **s;
  if (r.id > 0)
    q.Bind(1, r.id);
  else
    q.BindNull(1);
  q.Bind(2, r.session).Bind(3, r.number).Bind(4, r.client_token).Bind(5, r.region);
  q.Bind(6, r.zone).Bind(7, r.market).Bind(8, r.instance_id).Bind(9, ToString(r.state));
  q.Bind(10, r.intent_at).Bind(11, r.launched_at).Bind(12, r.ended_at).Bind(13, r.deadline);
  q.Bind(14, ToString(r.outcome))
      .Bind(15, r.error_code)
      .Bind(16, ErrorClassText(r.error_class))
      .Bind(17, r.cost_usd);
  q.Bind(18, r.max_cost_usd).Bind(19, r.usd_per_hour).Bind(20, r.jobs);
  return q.Run();
}

util::Status Journal::PutResult(const ResultRow& r) {
  auto s = Cached(4,
                  "INSERT INTO result (job, attempt_id, status, sha256, json, received_at)"
                  " VALUES (?,?,?,?,?,?) ON CONFLICT (job, attempt_id) DO NOTHING");
  if (!s) return s.error();
  Statement& q = **s;
  q.Bind(1, r.job)
      .Bind(2, r.attempt_id)
      .Bind(3, ToString(r.status))
      .Bind(4, r.sha256)
      .Bind(5, r.json);
  q.Bind(6, r.received_at);
  return q.Run();
}

util::Status Journal::PutEvent(const EventRow& r) {
  auto s = Cached(5, "INSERT INTO event (at, kind, session, detail) VALUES (?,?,?,?)");
  if (!s) return s.error();
  Statement& q = **s;
  q.Bind(1, r.at).Bind(2, r.kind).Bind(3, r.session).Bind(4, r.detail);
  return q.Run();
}

util::Status Journal::Apply(const Change& change) {
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  if (change.campaign) {
    if (auto status = PutCampaign(*change.campaign); !status) return status;
  }
  for (const auto& row : change.sessions) {
    if (auto status = PutSession(row); !status) return status;
  }
  for (const auto& row : change.jobs) {
    if (auto status = PutJob(row); !status) return status;
  }
  for (const auto& row : change.attempts) {
    if (auto status = PutAttempt(row); !status) return status;
  }
  for (const auto& row : change.results) {
    if (auto status = PutResult(row); !status) return status;
  }
  for (const auto& row : change.events) {
    if (auto status = PutEvent(row); !status) return status;
  }
  return tx->Commit();
}

util::Expected<Snapshot> Journal::Load() {
  Snapshot snapshot;
  UnknownText unknown;
  auto campaigns = QueryAll<CampaignRow>(
      db_, "SELECT * FROM campaign", [&](const Statement& s) { return ReadCampaign(s, unknown); });
  if (!campaigns) return campaigns.error();
  if (campaigns->size() != 1) return NotAJournal(path(), "it holds no campaign");
  snapshot.campaign = campaigns->front();
  auto windows = QueryAll<WindowRow>(db_, "SELECT * FROM window ORDER BY start, id", ReadWindow);
  if (!windows) return windows.error();
  snapshot.windows = std::move(*windows);
  auto quotas = QueryAll<QuotaRow>(db_, "SELECT * FROM quota", [](const Statement& s) {
    return QuotaRow{s.Text(0), s.Text(1), static_cast<int>(s.Int(2))};
  });
  if (!quotas) return quotas.error();
  snapshot.quotas = std::move(*quotas);
  auto sessions = QueryAll<SessionRow>(db_, "SELECT * FROM session ORDER BY planned_start, id",
                                       [&](const Statement& s) { return ReadSession(s, unknown); });
  if (!sessions) return sessions.error();
  snapshot.sessions = std::move(*sessions);
  auto jobs = QueryAll<JobRow>(db_, "SELECT * FROM job ORDER BY session, seq",
                               [&](const Statement& s) { return ReadJob(s, unknown); });
  if (!jobs) return jobs.error();
  snapshot.jobs = std::move(*jobs);
  auto attempts = QueryAll<AttemptRow>(db_, "SELECT * FROM attempt ORDER BY id",
                                       [&](const Statement& s) { return ReadAttempt(s, unknown); });
  if (!attempts) return attempts.error();
  snapshot.attempts = std::move(*attempts);
  auto results = QueryAll<ResultRow>(
      db_, "SELECT job, attempt_id, status, sha256, received_at FROM result ORDER BY id",
      [&](const Statement& s) {
        return ResultRow{
            s.Text(0),
            s.Int(1),
            unknown.Read(names::kResultStatuses, s.Text(2), "table result column status"),
            s.Text(3),
            "",
            s.Int(4)};
      });
  if (!results) return results.error();
  if (!unknown.message.empty()) return NotAJournal(path(), unknown.message);
  snapshot.results = std::move(*results);
  return snapshot;
}

util::Expected<std::string> Journal::ResultJson(const std::string& job, int64_t attempt_id) {
  auto s = db_.Prepare("SELECT json FROM result WHERE job=? AND attempt_id=?");
  if (!s) return s.error();
  s->Bind(1, job).Bind(2, attempt_id);
  auto row = s->Step();
  if (!row) return row.error();
  if (!*row) return util::MakeError(util::ErrorClass::kNotFound, "no result for job " + job);
  return s->Text(0);
}

util::Expected<int64_t> Journal::LatestRecordedTime() {
  auto s = db_.Prepare(
      "SELECT max(coalesce((SELECT max(at) FROM event), 0),"
      " coalesce((SELECT max(received_at) FROM result), 0))");
  if (!s) return s.error();
  auto row = s->Step();
  if (!row) return row.error();
  return *row ? s->Int(0) : 0;
}

util::Expected<std::vector<EventRow>> Journal::Events() {
  return QueryAll<EventRow>(db_, "SELECT at, kind, session, detail FROM event ORDER BY id",
                            [](const Statement& s) {
                              return EventRow{s.Int(0), s.Text(1), s.Text(2), s.Text(3)};
                            });
}

}  // namespace store
