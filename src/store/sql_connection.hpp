// The seam under the shared store (sql_store.hpp): what the store's rules need
// from a SQL database, and nothing more. Two implementations:
// sqlite/connection.cpp and postgres/connection.cpp. Like LevelDB's Env, it
// holds only what differs between the two; every rule lives above it.
//
// SQL text given to a SqlConnection is a constant with `?` placeholders, the
// same text for both backends (PostgreSQL's rewrites them to $1, $2, ...);
// values are always bound, never spliced in.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "store/store.hpp"

namespace itagap::store {

// Parameters in placeholder order.
class SqlParams {
public:
    struct Bytes {
        std::string bytes;
    };
    using Value = std::variant<std::monostate, std::int64_t, bool, std::string, Bytes>;

    SqlParams& add(std::int64_t value) { return push(value); }
    SqlParams& add(int value) { return push(static_cast<std::int64_t>(value)); }
    SqlParams& add(bool value) { return push(value); }
    SqlParams& add(std::string_view text) { return push(std::string(text)); }
    SqlParams& add(const std::string& text) { return push(text); }
    SqlParams& add(const char* text) { return push(std::string(text)); }
    SqlParams& add(const std::optional<std::int64_t>& value) {
        return value ? push(*value) : push(std::monostate{});
    }
    // Any bytes (NUL, 0xFF, ...) as a BLOB / bytea; zero-length, never NULL, when empty.
    SqlParams& add_bytes(std::span<const std::uint8_t> bytes) {
        return push(Bytes{std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size())});
    }
    SqlParams& add_bytes(std::string_view bytes) { return push(Bytes{std::string(bytes)}); }

    const std::vector<Value>& values() const { return values_; }

private:
    template <typename T>
    SqlParams& push(T&& value) {
        values_.emplace_back(std::in_place_type<std::remove_cvref_t<T>>, std::forward<T>(value));
        return *this;
    }
    std::vector<Value> values_;
};

// The current row of a result. Views are valid only until the next row.
class SqlRow {
public:
    virtual ~SqlRow() = default;
    virtual bool is_null(int column) const = 0;
    virtual std::int64_t int64(int column) const = 0;
    virtual bool boolean(int column) const = 0;
    virtual std::string_view text(int column) const = 0;
    virtual std::span<const std::uint8_t> bytes(int column) const = 0;

    std::optional<std::int64_t> optional_int64(int column) const {
        if (is_null(column)) return std::nullopt;
        return int64(column);
    }
    std::string string(int column) const { return std::string(text(column)); }
};

using RowVisitor = std::function<Status(const SqlRow&)>;

// One connection, used by one thread at a time.
class SqlConnection {
public:
    virtual ~SqlConnection() = default;

    // Runs one statement; calls `row` for each row it returns (a failed
    // Status from `row` stops and is returned). Returns the number of rows
    // changed by an INSERT/UPDATE/DELETE. Errors are classified: a unique
    // violation is kConflict, another constraint or bad data kInvalid, a lost
    // connection, busy database or serialization failure kUnavailable.
    virtual StatusOr<std::int64_t> run(std::string_view op, std::string_view sql,
                                       const SqlParams& params, const RowVisitor& row) = 0;
    StatusOr<std::int64_t> run(std::string_view op, std::string_view sql, const SqlParams& params) {
        return run(op, sql, params, nullptr);
    }
    // Like run() for a read that may return very many rows (a whole round):
    // rows are handed over without holding the whole result in memory.
    virtual Status stream(std::string_view op, std::string_view sql, const SqlParams& params,
                          const RowVisitor& row) = 0;
    // Constant SQL, several statements allowed, no parameters: migrations.
    virtual Status script(std::string_view op, std::string_view sql) = 0;

    // A write transaction. begin() takes whatever the backend needs for the
    // checks made inside to hold until commit (SQLite: the write lock);
    // commit() is durable on return. rollback() is safe to call when no
    // transaction is open.
    virtual Status begin(std::string_view op) = 0;
    virtual Status commit(std::string_view op) = 0;
    virtual void rollback() = 0;

    // ---- Where the backends' SQL really differs ----

    // Locks the schema for a migration, released at the end of the
    // transaction (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE
    // already holds the only write lock).
    virtual Status lock_for_migration() = 0;
    // Whether the table exists (schema_version of a fresh database).
    virtual StatusOr<bool> table_exists(std::string_view table) = 0;
    // Serialises changes to the unit tree until the end of the transaction,
    // so two moves cannot together make a cycle neither makes alone.
    virtual Status lock_unit_tree() = 0;
};

// Rolls back unless committed.
class SqlTransaction {
public:
    explicit SqlTransaction(SqlConnection& c) : c_(c) {}
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;
    ~SqlTransaction() {
        if (open_) c_.rollback();
    }
    Status begin(std::string_view op) {
        Status s = c_.begin(op);
        open_ = s.ok();
        return s;
    }
    Status commit(std::string_view op) {
        Status s = c_.commit(op);
        if (s.ok()) open_ = false;
        return s;
    }

private:
    SqlConnection& c_;
    bool open_ = false;
};

// Where connections come from.
class SqlConnectionSource {
public:
    virtual ~SqlConnectionSource() = default;
    // Runs `fn` on the connection that writes (SQLite: the one writer, under
    // its mutex; PostgreSQL: any pooled connection).
    virtual Status with_writer(const std::function<Status(SqlConnection&)>& fn) = 0;
    // Runs `fn` on a connection for reading only.
    virtual Status with_reader(const std::function<Status(SqlConnection&)>& fn) = 0;
    // The schema as an ordered list of migration scripts (migration i brings
    // the schema to version i + 1).
    virtual std::span<const std::string_view> migrations() const = 0;
    // "sqlite" or "postgres", for messages.
    virtual std::string_view name() const = 0;
    // Appended to the SELECT of a round a submission checks, so that closing
    // the round waits for submissions in flight (PostgreSQL: " FOR SHARE";
    // SQLite: "", its one writer serialises them).
    virtual std::string_view for_share() const = 0;
    // Appended to the SELECT of a round about to be deleted, so that
    // submissions to it wait (PostgreSQL: " FOR UPDATE"; SQLite: "").
    virtual std::string_view for_update() const = 0;
};

}  // namespace itagap::store
