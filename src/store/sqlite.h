#pragma once
// A thin RAII layer over the SQLite C API, shared by the journal and the sim cloud's state.
// Every failure becomes a util::Error naming the database file, never an exception.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

struct sqlite3;
struct sqlite3_stmt;

namespace store {

class Statement;
struct StatementCache;  // prepared statements not in use, by SQL text (sqlite.cc)

class Database {
 public:
  enum class Mode { kOpenExisting, kCreate };
  // Opens `path` in WAL mode with foreign keys on. kOpenExisting fails with kNotFound when
  // the file does not exist, so a typo in --state never creates an empty journal.
  static util::Expected<Database> Open(const std::string& path, Mode mode);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  util::Status Exec(std::string_view sql);
  // A prepared statement; a statement whose Statement object has gone is kept and reused
  // for the same SQL text, since parsing costs more than running the journal's small writes.
  util::Expected<Statement> Prepare(std::string_view sql);
  util::Expected<int64_t> UserVersion();
  int64_t LastInsertRowId() const;
  int Changes() const;
  const std::string& path() const { return path_; }
  util::Error LastError(std::string_view context) const;

 private:
  Database(sqlite3* db, std::string path);
  void Close();
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<StatementCache> cache_;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<int64_t>& value);

  // true while a row is available; an error on failure (constraint, I/O).
  util::Expected<bool> Step();
  // Runs a statement that returns no rows.
  util::Status Run();
  void Reset();

  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  std::optional<int64_t> OptionalInt(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* statement, const Database* db, StatementCache* cache, std::string sql)
      : statement_(statement), db_(db), cache_(cache), sql_(std::move(sql)) {}
  void Release();  // back to the cache, or finalized
  sqlite3_stmt* statement_ = nullptr;
  const Database* db_ = nullptr;
  StatementCache* cache_ = nullptr;  // owned by the Database, which outlives its statements
  std::string sql_;
};

// Every row of `sql`, each turned into a Row by `reader(statement)`.
template <typename Row, typename Reader>
util::Expected<std::vector<Row>> QueryAll(Database& db, std::string_view sql, Reader reader) {
  auto statement = db.Prepare(sql);
  if (!statement) return statement.error();
  std::vector<Row> rows;
  while (true) {
    auto row = statement->Step();
    if (!row) return row.error();
    if (!*row) break;
    rows.push_back(reader(*statement));
  }
  return rows;
}

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() succeeded.
// One of these wraps every journal state change (docs/journal.md).
class Transaction {
 public:
  static util::Expected<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  util::Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace store
