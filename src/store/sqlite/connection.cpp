#include "store/sqlite/connection.hpp"

#include <fmt/format.h>

namespace itagap::store::sqlite {

namespace {

// How long a connection waits for another process's write lock before
// reporting kUnavailable.
constexpr int kBusyTimeoutMs = 5000;

}  // namespace

// ---- Statement --------------------------------------------------------------

Statement::~Statement() {
    if (stmt_ != nullptr) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
}

Statement& Statement::bind(std::int64_t value) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(stmt_, next_, value);
    ++next_;
    return *this;
}

Statement& Statement::bind(std::string_view text) {
    if (rc_ == SQLITE_OK) {
        rc_ = sqlite3_bind_text64(stmt_, next_, text.data(), text.size(), SQLITE_TRANSIENT,
                                  SQLITE_UTF8);
    }
    ++next_;
    return *this;
}

Statement& Statement::bind(const std::optional<std::int64_t>& value) {
    if (value) return bind(*value);
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_null(stmt_, next_);
    ++next_;
    return *this;
}

Statement& Statement::bind_blob(const std::vector<std::uint8_t>& bytes) {
    if (rc_ == SQLITE_OK) {
        // A zero-length blob, not NULL, for an empty answer row.
        rc_ = bytes.empty()
                  ? sqlite3_bind_zeroblob(stmt_, next_, 0)
                  : sqlite3_bind_blob64(stmt_, next_, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    }
    ++next_;
    return *this;
}

Statement& Statement::bind_blob(std::string_view bytes) {
    if (rc_ == SQLITE_OK) {
        rc_ = bytes.empty()
                  ? sqlite3_bind_zeroblob(stmt_, next_, 0)
                  : sqlite3_bind_blob64(stmt_, next_, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    }
    ++next_;
    return *this;
}

int Statement::step() {
    if (rc_ != SQLITE_OK) return rc_;
    return sqlite3_step(stmt_);
}

int Statement::run() {
    int rc = step();
    while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
    return rc;
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(n));
}

std::vector<std::uint8_t> Statement::blob(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    if (p == nullptr || n <= 0) return {};
    return {p, p + n};
}

std::span<const std::uint8_t> Statement::blob_view(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    if (p == nullptr || n <= 0) return {};
    return {p, static_cast<std::size_t>(n)};
}

std::string_view Statement::text_view(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    if (p == nullptr || n <= 0) return {};
    return {p, static_cast<std::size_t>(n)};
}

std::string Statement::blob_string(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    if (p == nullptr || n <= 0) return {};
    return std::string(p, static_cast<std::size_t>(n));
}

// ---- Connection -------------------------------------------------------------

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
    return std::move(c);
}

Connection::~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

Statement Connection::prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return Statement(it->second, SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return Statement(nullptr, rc);
    }
    cache_.emplace(std::move(key), stmt);
    return Statement(stmt, SQLITE_OK);
}

int Connection::exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

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

// ---- Transaction ------------------------------------------------------------

Transaction::~Transaction() {
    // An I/O error may already have rolled the transaction back; a second
    // ROLLBACK would only fail.
    if (open_ && sqlite3_get_autocommit(c_.db()) == 0) c_.exec("ROLLBACK");
}

Status Transaction::begin(std::string_view op) {
    int rc = c_.exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK) return c_.error(rc, op);
    open_ = true;
    return Status::Ok();
}

Status Transaction::commit(std::string_view op) {
    if (sqlite3_get_autocommit(c_.db()) != 0) {
        open_ = false;
        return {StatusCode::kUnavailable,
                fmt::format("sqlite: {}: the transaction was rolled back by an earlier error", op)};
    }
    int rc = c_.exec("COMMIT");
    if (rc != SQLITE_OK) return c_.error(rc, op);  // the destructor rolls back
    open_ = false;
    return Status::Ok();
}

}  // namespace itagap::store::sqlite
