#include "store/sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>

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

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

util::Error Database::LastError(std::string_view context) const {
  std::string detail = db_ ? sqlite3_errmsg(db_) : "out of memory";
  int code = db_ ? sqlite3_errcode(db_) : SQLITE_NOMEM;
  util::ErrorClass error_class = util::ErrorClass::kIo;
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) error_class = util::ErrorClass::kInvalidInput;
  if (code == SQLITE_CONSTRAINT) error_class = util::ErrorClass::kInternal;
  return util::MakeError(error_class,
                         std::string(context) + " '" + path_ + "': " + detail,
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
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    return LastError("database error in");
  }
  return Statement(raw, this);
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
    : statement_(std::exchange(other.statement_, nullptr)), db_(other.db_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (statement_) sqlite3_finalize(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
    db_ = other.db_;
  }
  return *this;
}

Statement::~Statement() {
  if (statement_) sqlite3_finalize(statement_);
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

util::Expected<Transaction> Transaction::Begin(Database& db) {
  if (auto status = db.Exec("BEGIN IMMEDIATE"); !status) return status.error();
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_) (void)db_->Exec("ROLLBACK");
}

util::Status Transaction::Commit() {
  auto status = db_->Exec("COMMIT");
  if (status) db_ = nullptr;
  return status;
}

}  // namespace store
