#include "store/sqlite/connection.hpp"

#include <fmt/format.h>

#include <variant>

namespace itagap::store::sqlite {

namespace {

// How long a connection waits for another process's write lock before
// reporting kUnavailable.
constexpr int kBusyTimeoutMs = 5000;

// The current row of a stepped statement.
class Row final : public SqlRow {
public:
    explicit Row(sqlite3_stmt* stmt) : stmt_(stmt) {}
    bool is_null(int column) const override {
        return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
    }
    std::int64_t int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
    bool boolean(int column) const override { return sqlite3_column_int64(stmt_, column) != 0; }
    std::string_view text(int column) const override {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        const int n = sqlite3_column_bytes(stmt_, column);
        if (p == nullptr || n <= 0) return {};
        return {p, static_cast<std::size_t>(n)};
    }
    std::span<const std::uint8_t> bytes(int column) const override {
        const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
        const int n = sqlite3_column_bytes(stmt_, column);
        if (p == nullptr || n <= 0) return {};
        return {p, static_cast<std::size_t>(n)};
    }

private:
    sqlite3_stmt* stmt_;
};

// Resets the statement and clears its bindings on every path, so no value
// outlives its use and the cache can hand it out again.
struct ResetOnExit {
    sqlite3_stmt* stmt;
    ~ResetOnExit() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
};

int bind(sqlite3_stmt* stmt, int index, const SqlParams::Value& value) {
    struct Binder {
        sqlite3_stmt* stmt;
        int i;
        int operator()(std::monostate) const { return sqlite3_bind_null(stmt, i); }
        int operator()(std::int64_t v) const { return sqlite3_bind_int64(stmt, i, v); }
        int operator()(bool v) const { return sqlite3_bind_int64(stmt, i, v ? 1 : 0); }
        int operator()(const std::string& v) const {
            return sqlite3_bind_text64(stmt, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
        }
        int operator()(const SqlParams::Bytes& v) const {
            // A zero-length blob, not NULL, for an empty answer row.
            if (v.bytes.empty()) return sqlite3_bind_zeroblob(stmt, i, 0);
            return sqlite3_bind_blob64(stmt, i, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
        }
    };
    return std::visit(Binder{stmt, index}, value);
}

}  // namespace

StatusOr<std::unique_ptr<Connection>> Connection::open(const std::string& path, bool create) {
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    std::unique_ptr<Connection> c(new Connection(db));  // closes db on every path
    if (rc != SQLITE_OK) {
        std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        return Status::Unavailable(fmt::format("sqlite: open {}: {}", path, why));
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // journal_mode=WAL is persistent in the file; synchronous and
    // foreign_keys are per connection and must be set on every one.
    // synchronous=FULL: in WAL mode the WAL is fsynced at every commit, so a
    // respondent told "saved" keeps the answer through a power cut.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        rc = sqlite3_exec(db, pragma, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
            Status s = c->error(rc, "open");
            s.message += fmt::format(" ({})", pragma);
            return s;
        }
    }
    return c;
}

Connection::~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

Status Connection::make_read_only() {
    int rc = sqlite3_exec(db_, "PRAGMA query_only=ON", nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : error(rc, "open reader");
}

int Connection::prepare(std::string_view sql, sqlite3_stmt** stmt) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) {
        *stmt = it->second;
        return SQLITE_OK;
    }
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(*stmt);
        *stmt = nullptr;
        return rc;
    }
    cache_.emplace(std::move(key), *stmt);
    return SQLITE_OK;
}

StatusOr<std::int64_t> Connection::run(std::string_view op, std::string_view sql,
                                       const SqlParams& params, const RowVisitor& row) {
    sqlite3_stmt* stmt = nullptr;
    if (int rc = prepare(sql, &stmt); rc != SQLITE_OK) return error(rc, op);
    ResetOnExit reset{stmt};
    const auto& values = params.values();
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (int rc = bind(stmt, static_cast<int>(i) + 1, values[i]); rc != SQLITE_OK) {
            return error(rc, op);
        }
    }
    const Row current(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!row) continue;
        if (Status s = row(current); !s.ok()) return s;
    }
    if (rc != SQLITE_DONE) return error(rc, op);
    // Rows changed by this statement only when it changes rows; a SELECT
    // reports 0 (sqlite3_changes would repeat the last write's count).
    return sqlite3_stmt_readonly(stmt) ? std::int64_t{0} : std::int64_t{sqlite3_changes(db_)};
}

Status Connection::script(std::string_view op, std::string_view sql) {
    const std::string text(sql);  // sqlite3_exec needs the terminating NUL
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : error(rc, op);
}

StatusOr<bool> Connection::table_exists(std::string_view table) {
    bool exists = false;
    auto ran = run("table_exists", "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                   SqlParams().add(table), [&](const SqlRow&) {
                       exists = true;
                       return Status::Ok();
                   });
    if (!ran.ok()) return ran.status;
    return exists;
}

Status Connection::begin(std::string_view op) {
    int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : error(rc, op);
}

Status Connection::commit(std::string_view op) {
    if (sqlite3_get_autocommit(db_) != 0) {
        return Status::Unavailable(
            fmt::format("sqlite: {}: the transaction was rolled back by an earlier error", op));
    }
    int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : error(rc, op);  // the caller rolls back
}

void Connection::rollback() {
    // An I/O error may already have rolled the transaction back; a second
    // ROLLBACK would only fail.
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Connection::error(int rc, std::string_view op) const {
    StatusCode code = StatusCode::kInternal;
    switch (rc & 0xff) {
        case SQLITE_CONSTRAINT:
            code = (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
                       ? StatusCode::kConflict
                       : StatusCode::kInvalid;
            break;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_FULL:
        case SQLITE_READONLY:
        case SQLITE_PROTOCOL:
            code = StatusCode::kUnavailable;
            break;
        case SQLITE_TOOBIG:
        case SQLITE_RANGE:
        case SQLITE_MISMATCH:
            code = StatusCode::kInvalid;
            break;
        default:
            break;
    }
    return {code, fmt::format("sqlite: {}: {} ({})", op, sqlite3_errmsg(db_), sqlite3_errstr(rc))};
}

}  // namespace itagap::store::sqlite
