#include "store/sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <unordered_map>
#include <utility>

namespace store {

util::Expected<Database> Database::Open(const std::string& path, Mode mode) {
  struct stat info {};
  bool exists = ::stat(path.c_str(), &info) == 0;
  if (mode == Mode::kOpenExisting && !exists) {
    return util::MakeError(util::ErrorClass::kNotFound, "state file '" + path + "' does not exist");
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw, path);
  if (rc != SQLITE_OK) return db.LastError("cannot open");
  sqlite3_busy_timeout(raw, 5000);
  // journal_mode returns a row, so it goes through Exec, which ignores rows. NORMAL sync in
  // WAL survives a process crash (kill -9); see docs/journal.md for the power-loss trade-off.
  if (auto status = db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                            "PRAGMA foreign_keys=ON;");
      !status) {
    return status.error();
  }
  return db;
}

struct StatementCache {
  std::unordered_map<std::string, sqlite3_stmt*> idle;
  ~StatementCache() {
    for (auto& entry : idle) sqlite3_finalize(entry.second);
  }
};

Database::Database(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), cache_(std::make_unique<StatementCache>()) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

// Idle statements are finalized first: a connection closed with live statements lingers.
void Database::Close() {
  cache_.reset();
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    Close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Database::~Database() { Close(); }

util::Error Database::LastError(std::string_view context) const {
  std::string detail = db_ ? sqlite3_errmsg(db_) : "out of memory";
  int code = db_ ? sqlite3_errcode(db_) : SQLITE_NOMEM;
  util::ErrorClass error_class = util::ErrorClass::kIo;
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    error_class = util::ErrorClass::kInvalidInput;
  if (code == SQLITE_CONSTRAINT) error_class = util::ErrorClass::kInternal;
  return util::MakeError(error_class, std::string(context) + " '" + path_ + "': " + detail,
                         "sqlite:" + std::to_string(code));
}

util::Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return LastError("database error in");
  }
  return {};
}

util::Expected<Statement> Database::Prepare(std::string_view sql) {
  std::string text(sql);
  if (cache_) {
    if (auto found = cache_->idle.find(text); found != cache_->idle.end()) {
      sqlite3_stmt* cached = found->second;
      cache_->idle.erase(found);
      return Statement(cached, this, cache_.get(), std::move(text));
    }
  }
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    return LastError("database error in");
  }
  return Statement(raw, this, cache_.get(), std::move(text));
}

util::Expected<int64_t> Database::UserVersion() {
  auto statement = Prepare("PRAGMA user_version");
  if (!statement) return statement.error();
  auto row = statement->Step();
  if (!row) return row.error();
  return *row ? statement->Int(0) : 0;
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)),
      db_(other.db_),
      cache_(other.cache_),
      sql_(std::move(other.sql_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Release();
    statement_ = std::exchange(other.statement_, nullptr);
    db_ = other.db_;
    cache_ = other.cache_;
    sql_ = std::move(other.sql_);
  }
  return *this;
}

Statement::~Statement() { Release(); }

void Statement::Release() {
  if (!statement_) return;
  sqlite3_stmt* statement = std::exchange(statement_, nullptr);
  if (cache_ && !sql_.empty()) {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (cache_->idle.emplace(sql_, statement).second) return;
  }
  sqlite3_finalize(statement);
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}
Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

util::Expected<bool> Statement::Step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  util::Error error = db_->LastError("database error in");
  sqlite3_reset(statement_);
  return error;
}

util::Status Statement::Run() {
  auto row = Step();
  if (!row) return row.error();
  Reset();
  return {};
}

void Statement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(statement_, column); }
double Statement::Double(int column) const { return sqlite3_column_double(statement_, column); }
bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}
std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)) : "";
}
std::optional<int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

namespace {

// Through Prepare, so that the three statements are parsed once per connection.
util::Status RunStatement(Database& db, std::string_view sql) {
  auto statement = db.Prepare(sql);
  if (!statement) return statement.error();
  return statement->Run();
}

}  // namespace

util::Expected<Transaction> Transaction::Begin(Database& db) {
  if (auto status = RunStatement(db, "BEGIN IMMEDIATE"); !status) return status.error();
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_) (void)RunStatement(*db_, "ROLLBACK");
}

util::Status Transaction::Commit() {
  auto status = RunStatement(*db_, "COMMIT");
  if (status) db_ = nullptr;
  return status;
}

}  // namespace store
