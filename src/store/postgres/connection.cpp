#include "store/postgres/connection.hpp"

#include <fmt/format.h>

#include <charconv>

namespace itagap::store::postgres {

// ---- Params -----------------------------------------------------------------

Params& Params::add(std::int64_t value) { return add(std::string_view(std::to_string(value))); }

Params& Params::add(bool value) { return add(std::string_view(value ? "true" : "false")); }

Params& Params::add(std::string_view text) {
    values_.emplace_back(text);
    null_.push_back(false);
    lengths_.push_back(static_cast<int>(text.size()));
    formats_.push_back(0);
    return *this;
}

Params& Params::add(const std::optional<std::int64_t>& value) {
    if (value) return add(*value);
    values_.emplace_back();
    null_.push_back(true);
    lengths_.push_back(0);
    formats_.push_back(0);
    return *this;
}

Params& Params::add_bytes(const std::vector<std::uint8_t>& bytes) {
    values_.emplace_back(bytes.begin(), bytes.end());
    null_.push_back(false);
    lengths_.push_back(static_cast<int>(bytes.size()));
    formats_.push_back(1);
    return *this;
}

Params& Params::add_bytes(std::string_view bytes) {
    values_.emplace_back(bytes);
    null_.push_back(false);
    lengths_.push_back(static_cast<int>(bytes.size()));
    formats_.push_back(1);
    return *this;
}

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> p;
    p.reserve(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
        p.push_back(null_[i] ? nullptr : values_[i].c_str());
    }
    return p;
}

// ---- Result -----------------------------------------------------------------

bool Result::ok() const {
    ExecStatusType s = PQresultStatus(r_);
    return r_ != nullptr && (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK);
}

std::string Result::sqlstate() const {
    const char* state = r_ == nullptr ? nullptr : PQresultErrorField(r_, PG_DIAG_SQLSTATE);
    return state == nullptr ? std::string() : std::string(state);
}

std::string Result::command() const { return r_ == nullptr ? "" : PQcmdStatus(r_); }

std::string Result::message() const {
    if (r_ == nullptr) return "no result";
    std::string m = PQresultErrorMessage(r_);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
}

std::int64_t Result::affected() const {
    std::string_view n = PQcmdTuples(r_);
    std::int64_t value = 0;
    std::from_chars(n.data(), n.data() + n.size(), value);
    return value;
}

std::string Result::text(int row, int column) const {
    return std::string(PQgetvalue(r_, row, column),
                       static_cast<std::size_t>(PQgetlength(r_, row, column)));
}

std::int64_t Result::int64(int row, int column) const {
    const char* p = PQgetvalue(r_, row, column);
    std::int64_t value = 0;
    std::from_chars(p, p + PQgetlength(r_, row, column), value);
    return value;
}

std::optional<std::int64_t> Result::optional_int64(int row, int column) const {
    if (is_null(row, column)) return std::nullopt;
    return int64(row, column);
}

bool Result::boolean(int row, int column) const { return PQgetvalue(r_, row, column)[0] == 't'; }

std::string Result::bytes_string(int row, int column) const {
    // bytea_output = hex (the default since 9.0): "\x" then two hex digits
    // per byte.
    std::string_view hex(PQgetvalue(r_, row, column),
                         static_cast<std::size_t>(PQgetlength(r_, row, column)));
    if (hex.starts_with("\\x")) hex.remove_prefix(2);
    auto digit = [](char c) -> unsigned {
        if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
        return static_cast<unsigned>(c - 'A' + 10);
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<char>(digit(hex[i]) << 4 | digit(hex[i + 1])));
    }
    return out;
}

std::vector<std::uint8_t> Result::bytes(int row, int column) const {
    std::string raw = bytes_string(row, column);
    return {raw.begin(), raw.end()};
}

// ---- Connection -------------------------------------------------------------

StatusOr<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
    std::unique_ptr<Connection> c(new Connection(PQconnectdb(url.c_str())));
    if (c->conn_ == nullptr || PQstatus(c->conn_) != CONNECTION_OK) {
        std::string why = c->conn_ == nullptr ? "out of memory" : PQerrorMessage(c->conn_);
        while (!why.empty() && why.back() == '\n') why.pop_back();
        // The URL may hold a password: it is not repeated in the message.
        return Status::Unavailable(fmt::format("postgres: connect: {}", why));
    }
    // Notices ("relation already exists, skipping") are not errors; libpq
    // would print them on stderr.
    PQsetNoticeProcessor(
        c->conn_, [](void*, const char*) {}, nullptr);
    // Every value the store compares or returns is text it wrote itself;
    // these make the session independent of server defaults.
    Status s = c->run("SET client_encoding = 'UTF8'; SET bytea_output = 'hex'", "connect");
    if (!s.ok()) return s;
    return std::move(c);
}

Result Connection::query(const char* sql, const Params& params) {
    std::vector<const char*> values = params.pointers();
    return Result(PQexecParams(conn_, sql, params.size(), nullptr, values.data(), params.lengths(),
                               params.formats(), /*resultFormat=*/0));
}

Result Connection::script(const char* sql) { return Result(PQexec(conn_, sql)); }

Status Connection::run(const char* sql, std::string_view op) {
    Result r = script(sql);
    return r.ok() ? Status::Ok() : error(r, op);
}

bool Connection::reusable() const {
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

Status Connection::error(const Result& result, std::string_view op) const {
    const std::string state = result.sqlstate();
    StatusCode code = StatusCode::kInternal;
    if (state.empty() || PQstatus(conn_) != CONNECTION_OK) {
        code = StatusCode::kUnavailable;  // no server answer: the connection broke
    } else if (state == "23505") {
        code = StatusCode::kConflict;
    } else if (state.starts_with("23") || state.starts_with("22")) {
        code = StatusCode::kInvalid;
    } else if (state.starts_with("08") || state.starts_with("53") || state.starts_with("57P") ||
               state == "40001" || state == "40P01" || state == "55P03") {
        code = StatusCode::kUnavailable;
    }
    std::string message = result.message();
    if (message.empty() || message == "no result") {
        message = PQerrorMessage(conn_);
        while (!message.empty() && message.back() == '\n') message.pop_back();
    }
    return {code, fmt::format("postgres: {}: {}", op, message)};
}

// ---- Pool -------------------------------------------------------------------

Pool::Lease::~Lease() {
    if (c_ != nullptr) pool_->release(std::move(c_));
}

StatusOr<Pool::Lease> Pool::acquire() {
    {
        std::lock_guard lock(mu_);
        while (!idle_.empty()) {
            std::unique_ptr<Connection> c = std::move(idle_.back());
            idle_.pop_back();
            if (c->reusable()) return Lease(this, std::move(c));
        }
    }
    auto c = Connection::open(url_);
    if (!c.ok()) return c.status;
    return Lease(this, std::move(*c));
}

void Pool::release(std::unique_ptr<Connection> c) {
    // A connection left inside a transaction or broken is closed, never
    // handed to the next caller.
    if (!c->reusable()) return;
    std::lock_guard lock(mu_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(c));
}

// ---- Transaction ------------------------------------------------------------

Transaction::~Transaction() {
    if (open_) c_.script("ROLLBACK");
}

Status Transaction::begin(std::string_view op) {
    Status s = c_.run("BEGIN", op);
    open_ = s.ok();
    return s;
}

Status Transaction::commit(std::string_view op) {
    Result r = c_.script("COMMIT");
    if (!r.ok()) {
        open_ = !c_.reusable();  // still inside it: the destructor rolls back
        return c_.error(r, op);
    }
    open_ = false;
    // COMMIT of a transaction that had an error answers "ROLLBACK": nothing
    // was committed.
    if (r.command() != "COMMIT") {
        return {StatusCode::kInternal,
                fmt::format("postgres: {}: the transaction was rolled back", op)};
    }
    return Status::Ok();
}

}  // namespace itagap::store::postgres
