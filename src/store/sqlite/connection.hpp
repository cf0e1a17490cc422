// Thin RAII over the sqlite3 C API: a connection with a cache of prepared
// statements, a statement that binds its parameters in order, and an
// IMMEDIATE transaction that rolls back unless committed.
//
// None of these are thread-safe: a Connection is used by one thread at a time
// (SqliteStore guards the writer with a mutex and leases readers).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.hpp"

namespace itagap::store::sqlite {

class Connection;

// A prepared statement borrowed from a Connection's cache. Parameters are
// bound in order with bind(); a failed prepare or bind is remembered and
// returned by the next step(), so call sites check one result code.
// On destruction the statement is reset and its bindings cleared, so no value
// outlives its use (and the cache can hand it out again).
class Statement {
public:
    Statement(sqlite3_stmt* stmt, int prepare_rc) : stmt_(stmt), rc_(prepare_rc) {}
    Statement(Statement&& other) noexcept : stmt_(other.stmt_), rc_(other.rc_), next_(other.next_) {
        other.stmt_ = nullptr;
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    Statement& bind(std::int64_t value);
    Statement& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
    Statement& bind(bool value) { return bind(static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(std::string_view text);
    Statement& bind(const std::string& text) { return bind(std::string_view(text)); }
    Statement& bind(const char* text) { return bind(std::string_view(text)); }
    Statement& bind(const std::optional<std::int64_t>& value);
    Statement& bind_blob(const std::vector<std::uint8_t>& bytes);
    // Any bytes (NUL, 0xFF, ...) as a BLOB; a zero-length blob when empty.
    Statement& bind_blob(std::string_view bytes);

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    // Steps to the end; SQLITE_DONE on success.
    int run();

    std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
    bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::optional<std::int64_t> optional_int64(int column) const;
    std::string text(int column) const;
    std::vector<std::uint8_t> blob(int column) const;
    // The same bytes without a copy; valid until the next step() or reset.
    std::span<const std::uint8_t> blob_view(int column) const;
    // A TEXT column without a copy; valid until the next step() or reset.
    std::string_view text_view(int column) const;
    std::string blob_string(int column) const;

private:
    sqlite3_stmt* stmt_;
    int rc_;  // first prepare/bind error, or SQLITE_OK
    int next_ = 1;
};

class Connection {
public:
    // Opens `path` read-write (creating it when `create`), with extended
    // result codes and the pragmas every itagap connection needs.
    static StatusOr<std::unique_ptr<Connection>> open(const std::string& path, bool create);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* db() const { return db_; }

    // `sql` must be a constant: the cache is keyed by its text, and values
    // are always bound, never spliced in.
    Statement prepare(std::string_view sql);
    // Runs constant SQL (pragmas, BEGIN, migrations); SQLITE_OK on success.
    int exec(const char* sql);

    // A Status for result code `rc` of operation `op`: unique violations are
    // kConflict, other constraint violations kInvalid, busy/locked/I/O errors
    // kUnavailable.
    Status error(int rc, std::string_view op) const;

private:
    explicit Connection(sqlite3* db) : db_(db) {}

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE ... COMMIT. IMMEDIATE takes the write lock at the start, so
// the checks a transaction makes (round open, code unused) cannot be
// invalidated by another writer (another process on the same file) before it
// commits, and COMMIT cannot fail with SQLITE_BUSY for a lock upgrade.
class Transaction {
public:
    explicit Transaction(Connection& connection) : c_(connection) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status begin(std::string_view op);
    // Durable on return when OK (synchronous=FULL).
    Status commit(std::string_view op);

private:
    Connection& c_;
    bool open_ = false;
};

}  // namespace itagap::store::sqlite
