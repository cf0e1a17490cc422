// PostgreSQL behind the SqlConnection seam: thin RAII over libpq, the `?` to
// `$n` placeholder rewrite, cursors for long reads, the advisory lock for
// migrations, SQLSTATE classification and a pool of idle connections.
// Every statement is PQexecParams with the values as parameters; only
// constant SQL (BEGIN, migration scripts) goes through PQexec.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/thread_annotations.hpp"
#include "store/sql_connection.hpp"

namespace itagap::store::postgres {

// One PGresult, freed on destruction.
class Result {
public:
    explicit Result(PGresult* result) : r_(result) {}
    Result(Result&& other) noexcept : r_(other.r_) { other.r_ = nullptr; }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    Result& operator=(Result&&) = delete;
    ~Result() { PQclear(r_); }

    bool ok() const;
    // The SQLSTATE of a failed command ("23505"), or "" (no result at all
    // means the connection failed).
    std::string sqlstate() const;
    std::string message() const;
    // The command tag: "COMMIT", "ROLLBACK", "UPDATE 1", ...
    std::string command() const;
    int rows() const { return PQntuples(r_); }
    std::int64_t affected() const;  // rows changed by INSERT/UPDATE/DELETE
    PGresult* get() const { return r_; }

private:
    PGresult* r_;
};

class Connection final : public SqlConnection {
public:
    // Connects to `url`; kUnavailable when the server cannot be reached.
    static StatusOr<std::unique_ptr<Connection>> open(const std::string& url);
    ~Connection() override { PQfinish(conn_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    StatusOr<std::int64_t> run(std::string_view op, std::string_view sql, const SqlParams& params,
                               const RowVisitor& row) override;
    using SqlConnection::run;
    // A cursor fetched in batches, so that a national round (1.35 million
    // rows) never sits in one result in memory. Inside a transaction of its
    // own unless one is open.
    Status stream(std::string_view op, std::string_view sql, const SqlParams& params,
                  const RowVisitor& row) override;
    Status script(std::string_view op, std::string_view sql) override;

    // Read committed: the statements that decide (UPDATE ... AND used = false,
    // the primary keys, rounds read FOR SHARE) are safe under it.
    Status begin(std::string_view op) override;
    // Durable on return (synchronous_commit is on by default).
    Status commit(std::string_view op) override;
    void rollback() override;

    // Servers starting together queue on it; released at COMMIT or ROLLBACK.
    Status lock_for_migration() override;
    StatusOr<bool> table_exists(std::string_view table) override;
    Status lock_unit_tree() override;

    // Usable again: connected and outside any transaction.
    bool reusable() const;

private:
    explicit Connection(PGconn* conn) : conn_(conn) {}
    // `sql` with `?` placeholders numbered $1, $2, ...; cached per text.
    const std::string& numbered(std::string_view sql);
    Result execute(const std::string& sql, const SqlParams& params);
    // unique violation -> kConflict; foreign key, check, not-null and data
    // errors -> kInvalid; connection, shutdown, resource, serialization and
    // lock errors -> kUnavailable.
    Status error(const Result& result, std::string_view op) const;

    PGconn* conn_;
    std::unordered_map<std::string, std::string> numbered_;
};

// Idle connections to one server. Connections are opened on demand and at
// most kMaxIdle are kept; nothing else is cached, so the pool holds no state
// another server could change.
class Pool {
public:
    explicit Pool(std::string url) : url_(std::move(url)) {}

    // Returns the connection to the pool when it is still reusable.
    class Lease {
    public:
        Lease(Pool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
        Lease(Lease&&) = default;
        ~Lease();
        Connection& operator*() const { return *c_; }
        Connection* operator->() const { return c_.get(); }

    private:
        Pool* pool_;
        std::unique_ptr<Connection> c_;
    };

    StatusOr<Lease> acquire();

private:
    static constexpr std::size_t kMaxIdle = 8;
    void release(std::unique_ptr<Connection> c);

    const std::string url_;
    core::Mutex mu_;
    std::vector<std::unique_ptr<Connection>> idle_ GUARDED_BY(mu_);
};

}  // namespace itagap::store::postgres
