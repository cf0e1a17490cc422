// Thin RAII over libpq: query parameters, results, connections, a pool of
// idle connections and a transaction that rolls back unless committed.
// Every query is PQexecParams with the values as parameters; only constant
// SQL (BEGIN, SAVEPOINT, migration scripts) goes through PQexec.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace itagap::store::postgres {

// Parameters $1, $2, ... in the order added. Text values are sent in text
// format; bytes (bytea) in binary format so no escaping is involved.
class Params {
public:
    Params& add(std::int64_t value);
    Params& add(int value) { return add(static_cast<std::int64_t>(value)); }
    Params& add(bool value);
    Params& add(std::string_view text);
    Params& add(const std::string& text) { return add(std::string_view(text)); }
    Params& add(const char* text) { return add(std::string_view(text)); }
    Params& add(const std::optional<std::int64_t>& value);
    Params& add_bytes(const std::vector<std::uint8_t>& bytes);
    Params& add_bytes(std::string_view bytes);

    int size() const { return static_cast<int>(values_.size()); }
    // Pointers into this object: valid while it lives and is not added to.
    std::vector<const char*> pointers() const;
    const int* lengths() const { return lengths_.data(); }
    const int* formats() const { return formats_.data(); }

private:
    std::vector<std::string> values_;
    std::vector<bool> null_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
};

// One PGresult, freed on destruction. Values are read in text format.
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

    bool is_null(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }
    std::string text(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    std::optional<std::int64_t> optional_int64(int row, int column) const;
    bool boolean(int row, int column) const;
    std::vector<std::uint8_t> bytes(int row, int column) const;  // bytea, hex output
    std::string bytes_string(int row, int column) const;          // the same, as a string

private:
    PGresult* r_;
};

class Connection {
public:
    // Connects to `url`; kUnavailable when the server cannot be reached.
    static StatusOr<std::unique_ptr<Connection>> open(const std::string& url);
    ~Connection() { PQfinish(conn_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // `sql` is constant text with $n placeholders; values go in `params`.
    Result query(const char* sql, const Params& params = {});
    // Constant SQL only (may hold several statements): BEGIN, migrations.
    Result script(const char* sql);
    // A convenience for constant commands: OK or the error of `op`.
    Status run(const char* sql, std::string_view op);

    // Usable again: connected and outside any transaction.
    bool reusable() const;

    // unique violation -> kConflict; foreign key, check, not-null and data
    // errors -> kInvalid; connection, shutdown, resource, serialization and
    // lock errors -> kUnavailable.
    Status error(const Result& result, std::string_view op) const;

private:
    explicit Connection(PGconn* conn) : conn_(conn) {}
    PGconn* conn_;
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
    std::mutex mu_;
    std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mu_)
};

// BEGIN ... COMMIT on one connection; rolls back on destruction unless
// committed. Read committed: the statements that decide (UPDATE ... WHERE
// used = false, the unique keys) are safe under it; see postgres_store.cpp.
class Transaction {
public:
    explicit Transaction(Connection& connection) : c_(connection) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status begin(std::string_view op);
    // Durable on return when OK (synchronous_commit is on by default).
    Status commit(std::string_view op);

private:
    Connection& c_;
    bool open_ = false;
};

}  // namespace itagap::store::postgres
