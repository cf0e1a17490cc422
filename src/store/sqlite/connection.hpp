// SQLite behind the SqlConnection seam: thin RAII over the sqlite3 C API, a
// cache of prepared statements keyed by their constant text, BEGIN IMMEDIATE
// transactions and the classification of result codes.
//
// Not thread-safe: a Connection is used by one thread at a time (the source
// in sqlite_store.cpp guards the writer with a mutex and leases readers).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql_connection.hpp"

namespace itagap::store::sqlite {

class Connection final : public SqlConnection {
public:
    // Opens `path` read-write (creating it when `create`), with extended
    // result codes and the pragmas every itagap connection needs.
    static StatusOr<std::unique_ptr<Connection>> open(const std::string& path, bool create);
    ~Connection() override;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    StatusOr<std::int64_t> run(std::string_view op, std::string_view sql, const SqlParams& params,
                               const RowVisitor& row) override;
    using SqlConnection::run;
    // SQLite steps through the rows of one statement anyway: nothing to add.
    Status stream(std::string_view op, std::string_view sql, const SqlParams& params,
                  const RowVisitor& row) override {
        return run(op, sql, params, row).status;
    }
    Status script(std::string_view op, std::string_view sql) override;

    // BEGIN IMMEDIATE takes the write lock at the start, so the checks a
    // transaction makes (round open, code unused) cannot be invalidated by
    // another writer (another process on the same file) before it commits,
    // and COMMIT cannot fail with SQLITE_BUSY for a lock upgrade.
    Status begin(std::string_view op) override;
    // Durable on return (synchronous=FULL).
    Status commit(std::string_view op) override;
    void rollback() override;

    // BEGIN IMMEDIATE already holds the only write lock.
    Status lock_for_migration() override { return Status::Ok(); }
    StatusOr<bool> table_exists(std::string_view table) override;
    // One writer at a time: nothing to add.
    Status lock_unit_tree() override { return Status::Ok(); }

    // A reader never writes: every change goes through the writer's
    // transactions and their checks.
    Status make_read_only();

private:
    explicit Connection(sqlite3* db) : db_(db) {}
    // A Status for result code `rc` of operation `op`: unique violations are
    // kConflict, other constraint violations kInvalid, busy/locked/I/O errors
    // kUnavailable.
    Status error(int rc, std::string_view op) const;
    // The cached statement for `sql`, or the prepare error.
    int prepare(std::string_view sql, sqlite3_stmt** stmt);

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace itagap::store::sqlite
