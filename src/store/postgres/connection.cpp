#include "store/postgres/connection.hpp"

#include <fmt/format.h>

#include <charconv>
#include <variant>

#include "store/postgres/migrations.hpp"

namespace itagap::store::postgres {

namespace {

// Rows a cursor hands over per round trip.
constexpr int kFetchRows = 20000;

// Parameter arrays for PQexecParams. Text values in text format, bytes
// (bytea) in binary format so no escaping is involved.
class Arguments {
public:
    explicit Arguments(const SqlParams& params) {
        const auto& values = params.values();
        numbers_.reserve(values.size());
        for (const auto& value : values) {
            std::visit([&](const auto& v) { add(v); }, value);
        }
    }
    int size() const { return static_cast<int>(pointers_.size()); }
    const char* const* pointers() const { return pointers_.data(); }
    const int* lengths() const { return lengths_.data(); }
    const int* formats() const { return formats_.data(); }

private:
    void add(std::monostate) { push(nullptr, 0, 0); }
    void add(std::int64_t v) {
        numbers_.push_back(std::to_string(v));
        push(numbers_.back().c_str(), static_cast<int>(numbers_.back().size()), 0);
    }
    void add(bool v) { push(v ? "true" : "false", v ? 4 : 5, 0); }
    void add(const std::string& v) { push(v.c_str(), static_cast<int>(v.size()), 0); }
    void add(const SqlParams::Bytes& v) {
        push(v.bytes.data(), static_cast<int>(v.bytes.size()), 1);
    }
    void push(const char* p, int length, int format) {
        pointers_.push_back(p);
        lengths_.push_back(length);
        formats_.push_back(format);
    }

    std::vector<std::string> numbers_;  // reserved up front: pointers into it stay valid
    std::vector<const char*> pointers_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
};

// Row `row` of a result in text format.
class Row final : public SqlRow {
public:
    Row(PGresult* r, int row) : r_(r), row_(row) {}
    void at(int row) { row_ = row; }

    bool is_null(int column) const override { return PQgetisnull(r_, row_, column) != 0; }
    std::int64_t int64(int column) const override {
        const char* p = PQgetvalue(r_, row_, column);
        std::int64_t value = 0;
        std::from_chars(p, p + PQgetlength(r_, row_, column), value);
        return value;
    }
    bool boolean(int column) const override { return PQgetvalue(r_, row_, column)[0] == 't'; }
    std::string_view text(int column) const override {
        return {PQgetvalue(r_, row_, column),
                static_cast<std::size_t>(PQgetlength(r_, row_, column))};
    }
    // bytea_output = hex (set on connect): "\x" then two hex digits per byte.
    std::span<const std::uint8_t> bytes(int column) const override {
        std::string_view hex = text(column);
        if (hex.starts_with("\\x")) hex.remove_prefix(2);
        auto digit = [](char c) -> unsigned {
            if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
            if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
            return static_cast<unsigned>(c - 'A' + 10);
        };
        bytes_.clear();
        bytes_.reserve(hex.size() / 2);
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
            bytes_.push_back(static_cast<std::uint8_t>(digit(hex[i]) << 4 | digit(hex[i + 1])));
        }
        return bytes_;
    }

private:
    PGresult* r_;
    int row_;
    mutable std::vector<std::uint8_t> bytes_;  // the last bytes() decoded; valid until the next
};

Status visit_rows(const Result& r, const RowVisitor& visit) {
    if (!visit) return Status::Ok();
    Row row(r.get(), 0);
    for (int i = 0; i < r.rows(); ++i) {
        row.at(i);
        if (Status s = visit(row); !s.ok()) return s;
    }
    return Status::Ok();
}

}  // namespace

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
    // The primary message only: the DETAIL line repeats key values (a token
    // hash, say), which have no place in a log.
    const char* primary = PQresultErrorField(r_, PG_DIAG_MESSAGE_PRIMARY);
    if (primary != nullptr) return primary;
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
    if (Status s = c->script("connect", "SET client_encoding = 'UTF8'; SET bytea_output = 'hex'");
        !s.ok()) {
        return s;
    }
    return c;
}

const std::string& Connection::numbered(std::string_view sql) {
    std::string key(sql);
    if (auto it = numbered_.find(key); it != numbered_.end()) return it->second;
    // `?` outside quoted text becomes $1, $2, ... in order. The store's SQL
    // has no `?` in a literal, but a quote is honoured anyway.
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    char quote = 0;
    for (char ch : sql) {
        if (quote != 0) {
            if (ch == quote) quote = 0;
            out.push_back(ch);
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
            out.push_back(ch);
        } else if (ch == '?') {
            out += fmt::format("${}", ++n);
        } else {
            out.push_back(ch);
        }
    }
    return numbered_.emplace(std::move(key), std::move(out)).first->second;
}

Result Connection::execute(const std::string& sql, const SqlParams& params) {
    const Arguments args(params);
    return Result(PQexecParams(conn_, sql.c_str(), args.size(), nullptr, args.pointers(),
                               args.lengths(), args.formats(), /*resultFormat=*/0));
}

StatusOr<std::int64_t> Connection::run(std::string_view op, std::string_view sql,
                                       const SqlParams& params, const RowVisitor& row) {
    Result r = execute(numbered(sql), params);
    if (!r.ok()) return error(r, op);
    if (Status s = visit_rows(r, row); !s.ok()) return s;
    return r.affected();
}

Status Connection::stream(std::string_view op, std::string_view sql, const SqlParams& params,
                          const RowVisitor& row) {
    const bool own = PQtransactionStatus(conn_) == PQTRANS_IDLE;
    SqlTransaction tx(*this);
    if (own) {
        if (Status s = tx.begin(op); !s.ok()) return s;
    }
    Result declared =
        execute("DECLARE itagap_stream NO SCROLL CURSOR FOR " + numbered(sql), params);
    if (!declared.ok()) return error(declared, op);
    const std::string fetch = fmt::format("FETCH FORWARD {} FROM itagap_stream", kFetchRows);
    for (;;) {
        Result batch(PQexec(conn_, fetch.c_str()));
        if (!batch.ok()) return error(batch, op);
        if (batch.rows() == 0) break;
        if (Status s = visit_rows(batch, row); !s.ok()) return s;
    }
    if (own) return tx.commit(op);
    return script(op, "CLOSE itagap_stream");
}

Status Connection::script(std::string_view op, std::string_view sql) {
    const std::string text(sql);
    Result r(PQexec(conn_, text.c_str()));
    return r.ok() ? Status::Ok() : error(r, op);
}

Status Connection::begin(std::string_view op) { return script(op, "BEGIN"); }

Status Connection::commit(std::string_view op) {
    Result r(PQexec(conn_, "COMMIT"));
    if (!r.ok()) return error(r, op);  // still inside it: the caller rolls back
    // COMMIT of a transaction that had an error answers "ROLLBACK": nothing
    // was committed.
    if (r.command() != "COMMIT") {
        return Status::Internal(fmt::format("postgres: {}: the transaction was rolled back", op));
    }
    return Status::Ok();
}

void Connection::rollback() {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) Result discarded(PQexec(conn_, "ROLLBACK"));
}

Status Connection::lock_for_migration() {
    return run("migrate", "SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))",
               SqlParams().add(kMigrationLockKey))
        .status;
}

StatusOr<bool> Connection::table_exists(std::string_view table) {
    bool exists = false;
    auto ran = run("table_exists", "SELECT to_regclass(?) IS NOT NULL", SqlParams().add(table),
                   [&](const SqlRow& r) {
                       exists = r.boolean(0);
                       return Status::Ok();
                   });
    if (!ran.ok()) return ran.status;
    return exists;
}

Status Connection::lock_unit_tree() {
    return script("update_unit", "LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE");
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
        core::MutexLock lock(mu_);
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
    core::MutexLock lock(mu_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(c));
}

}  // namespace itagap::store::postgres
