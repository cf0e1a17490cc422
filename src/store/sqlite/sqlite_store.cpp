// The SQLite store. Writes go through one connection under `write_mu_`
// (SQLite allows one writer per file anyway); reads use a small pool of
// their own connections, which in WAL mode never wait for the writer.
#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <cstring>
#include <limits>
#include <mutex>
#include <set>
#include <utility>

#include "store/sqlite/connection.hpp"
#include "store/sql_store.hpp"
#include "store/sqlite/migrations.hpp"

namespace itagap::store::sqlite {

namespace {

// Readers kept open between calls; more are opened under load and closed
// when returned to a full pool.
constexpr std::size_t kIdleReaders = 4;

template <typename T>
StatusOr<T> ok(T value) {
    return std::move(value);
}

Status not_found(std::string_view op, Id id) {
    return {StatusCode::kNotFound, fmt::format("sqlite: {}: no row with id {}", op, id)};
}

Unit read_unit(const Statement& s) {
    return Unit{s.int64(0), s.optional_int64(1), s.text(2), s.text(3), s.text(4)};
}

StatusOr<Round> read_round(const Statement& s) {
    Round r;
    r.id = s.int64(0);
    r.fiscal_year_be = static_cast<int>(s.int64(1));
    r.name = s.text(2);
    r.opens_on = s.text(3);
    r.closes_on = s.text(4);
    r.questionnaire_id = s.int64(5);
    auto status = round_status_of_row(s.text_view(6), r.id);
    if (!status.ok()) return status.status;
    r.status = *status;
    r.results_published = s.int64(7) != 0;
    r.revision = s.int64(8);
    return r;
}

StatusOr<User> read_user(const Statement& s) {
    User u;
    u.id = s.int64(0);
    u.username = s.text(1);
    u.display_name = s.text(2);
    u.password_hash = s.text(3);
    auto role = role_of_row(s.text_view(4), u.id);
    if (!role.ok()) return role.status;
    u.role = *role;
    u.unit_id = s.optional_int64(5);
    u.active = s.int64(6) != 0;
    u.failed_sign_ins = static_cast<int>(s.int64(7));
    u.locked_until = s.text(8);
    u.must_change_password = s.int64(9) != 0;
    return u;
}

constexpr std::string_view kUserColumns =
    "id, username, display_name, password_hash, role, unit_id, active, failed_sign_ins, "
    "locked_until, must_change_password";

class SqliteStore final : public Store {
public:
    SqliteStore(std::string path, std::unique_ptr<Connection> writer)
        : path_(std::move(path)), in_memory_(path_ == ":memory:"), writer_(std::move(writer)) {}

    Status migrate() override;
    StatusOr<int> schema_version() override;

    StatusOr<Id> do_create_unit(const Unit& unit, const AuditEntry* audit) override;
    Status do_update_unit(const Unit& unit, const AuditEntry* audit) override;
    StatusOr<Unit> get_unit(Id id) override;
    StatusOr<std::vector<Unit>> list_units() override;

    StatusOr<Id> do_add_questionnaire(const QuestionnaireRecord& q,
                                      const AuditEntry* audit) override;
    StatusOr<QuestionnaireRecord> get_questionnaire(Id id) override;
    StatusOr<std::vector<QuestionnaireRecord>> list_questionnaires() override;

    StatusOr<Id> do_create_round(const Round& round, const AuditEntry* audit) override;
    Status do_update_round(const Round& round, const AuditEntry* audit) override;
    StatusOr<Round> get_round(Id id) override;
    StatusOr<std::vector<Round>> list_rounds() override;

    Status do_add_access_codes(const AccessCodeBatch& batch, const AuditEntry* audit) override;
    StatusOr<AccessCodeCounts> count_access_codes(Id round_id, Id unit_id) override;
    StatusOr<std::map<Id, AccessCodeCounts>> count_access_codes_by_unit(Id round_id) override;
    StatusOr<AccessCodeInfo> find_access_code(std::string_view code_hash) override;

    SubmitResult submit(const Submission& submission) override;
    std::vector<SubmitResult> submit_batch(const std::vector<Submission>& batch) override;
    Status do_import_responses(const std::vector<StoredResponse>& responses,
                               const AuditEntry* audit) override;
    StatusOr<std::vector<StoredResponse>> list_responses(Id round_id, Id unit_id,
                                                         std::string_view instrument) override;
    StatusOr<std::int64_t> count_responses(Id round_id, Id unit_id,
                                           std::string_view instrument) override;
    Status scan_round_answers(Id round_id,
                              const std::function<void(const RoundAnswerRow&)>& visit) override;

    StatusOr<Id> do_create_user(const User& user, const AuditEntry* audit) override;
    Status do_update_user(const User& user, const AuditEntry* audit) override;
    StatusOr<User> get_user(Id id) override;
    StatusOr<User> find_user(std::string_view username) override;
    StatusOr<std::vector<User>> list_users() override;
    Status create_session(const Session& session) override;
    StatusOr<Session> find_session(std::string_view token_hash, std::string_view now) override;
    Status delete_session(std::string_view token_hash) override;

    StatusOr<Id> do_create_plan(const PlanRecord& plan, const AuditEntry* audit) override;
    StatusOr<std::int64_t> do_save_plan(Id plan_id, const std::string& document,
                                        std::int64_t expected_version, std::string_view now,
                                        const AuditEntry* audit) override;
    StatusOr<PlanRecord> get_plan(Id plan_id) override;
    StatusOr<std::vector<PlanRecord>> list_plans(std::optional<int> fiscal_year_be) override;
    StatusOr<std::optional<PlanRecord>> find_plan_by_source_round(Id unit_id,
                                                                  Id round_id) override;
    StatusOr<Id> do_add_evidence(const EvidenceFile& file, const std::string& bytes,
                                 const AuditEntry* audit) override;
    StatusOr<EvidenceFile> get_evidence(Id evidence_id) override;
    StatusOr<std::string> read_evidence_bytes(Id evidence_id) override;
    StatusOr<std::vector<EvidenceFile>> list_evidence(Id plan_id) override;

    Status append_audit(const AuditEntry& entry) override;
    StatusOr<std::vector<AuditEntry>> list_audit(int limit) override;

private:
    // Runs `fn(Connection&)` on the writer. REQUIRES: write_mu_ not held.
    template <typename Fn>
    auto write(Fn&& fn) {
        std::lock_guard lock(write_mu_);
        return fn(*writer_);
    }

    // Runs `fn(Connection&) -> StatusOr<T>` on a reader. An in-memory
    // database exists only inside the writer's connection, so it is read
    // there.
    template <typename T, typename Fn>
    StatusOr<T> read(Fn&& fn) {
        if (in_memory_) return write(fn);
        auto reader = acquire_reader();
        if (!reader.ok()) return reader.status;
        StatusOr<T> result = fn(**reader);
        release_reader(std::move(*reader));
        return result;
    }

    StatusOr<std::unique_ptr<Connection>> acquire_reader();
    void release_reader(std::unique_ptr<Connection> reader);

    // Writes `audit` (when given) with `new_id` added to its details, inside
    // the open transaction. REQUIRES: write_mu_ held, a transaction open.
    Status write_audit(Connection& c, const AuditEntry* audit, std::optional<Id> new_id,
                       std::string_view op);
    // A change and its audit entry in one IMMEDIATE transaction: `change`
    // returns the new row's id (or nullopt) and the entry is written after
    // it. REQUIRES: write_mu_ not held.
    template <typename Change>
    StatusOr<std::optional<Id>> audited(std::string_view op, const AuditEntry* audit,
                                        Change&& change) {
        return write([&](Connection& c) -> StatusOr<std::optional<Id>> {
            Transaction tx(c);
            if (Status s = tx.begin(op); !s.ok()) return s;
            StatusOr<std::optional<Id>> done = change(c);
            if (!done.ok()) return done;
            if (Status s = write_audit(c, audit, *done, op); !s.ok()) return s;
            if (Status s = tx.commit(op); !s.ok()) return s;
            return done;
        });
    }

    // One submission inside the open transaction of submit_batch.
    // REQUIRES: write_mu_ held, a transaction open on `c`.
    SubmitResult submit_one(Connection& c, const Submission& submission);
    // Inserts one response with a fresh random id. REQUIRES: as submit_one.
    int insert_response(Connection& c, const StoredResponse& r);

    const std::string path_;
    const bool in_memory_;

    std::mutex write_mu_;
    std::unique_ptr<Connection> writer_;  // GUARDED_BY(write_mu_)

    std::mutex readers_mu_;
    std::vector<std::unique_ptr<Connection>> idle_readers_;  // GUARDED_BY(readers_mu_)
};

StatusOr<std::unique_ptr<Connection>> SqliteStore::acquire_reader() {
    {
        std::lock_guard lock(readers_mu_);
        if (!idle_readers_.empty()) {
            auto reader = std::move(idle_readers_.back());
            idle_readers_.pop_back();
            return ok(std::move(reader));
        }
    }
    auto reader = Connection::open(path_, /*create=*/false);
    if (!reader.ok()) return reader;
    // A reader must never write: every change goes through the writer's
    // transactions and their checks.
    if (int rc = (*reader)->exec("PRAGMA query_only=ON"); rc != SQLITE_OK) {
        return (*reader)->error(rc, "open reader");
    }
    return reader;
}

void SqliteStore::release_reader(std::unique_ptr<Connection> reader) {
    std::lock_guard lock(readers_mu_);
    if (idle_readers_.size() < kIdleReaders) idle_readers_.push_back(std::move(reader));
}

// ---- Migrations -------------------------------------------------------------

Status SqliteStore::migrate() {
    return write([&](Connection& c) -> Status {
        auto all = migrations();
        for (std::size_t i = 0; i < all.size(); ++i) {
            const int version = static_cast<int>(i) + 1;
            // Each version in its own IMMEDIATE transaction: a second process
            // migrating the same file waits for the lock, then sees the
            // version recorded and skips it.
            Transaction tx(c);
            if (Status s = tx.begin("migrate"); !s.ok()) return s;
            int rc = c.exec(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)");
            if (rc != SQLITE_OK) return c.error(rc, "migrate");
            auto applied = c.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
            rc = applied.bind(version).step();
            if (rc == SQLITE_ROW) continue;  // the Transaction rolls back nothing
            if (rc != SQLITE_DONE) return c.error(rc, "migrate");
            // Migration text is a constant from migrations.cpp, never data.
            const std::string sql(all[i]);
            if (rc = c.exec(sql.c_str()); rc != SQLITE_OK) {
                Status s = c.error(rc, "migrate");
                s.message += fmt::format(" (migration {})", version);
                return s;
            }
            rc =
                c.prepare("INSERT INTO schema_migrations (version) VALUES (?)").bind(version).run();
            if (rc != SQLITE_DONE) return c.error(rc, "migrate");
            if (Status s = tx.commit("migrate"); !s.ok()) return s;
        }
        return Status::Ok();
    });
}

StatusOr<int> SqliteStore::schema_version() {
    return read<int>([](Connection& c) -> StatusOr<int> {
        auto exists = c.prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
            "'schema_migrations'");
        int rc = exists.step();
        if (rc != SQLITE_ROW) return c.error(rc, "schema_version");
        if (exists.int64(0) == 0) return ok(0);
        auto max = c.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        rc = max.step();
        if (rc != SQLITE_ROW) return c.error(rc, "schema_version");
        return ok(static_cast<int>(max.int64(0)));
    });
}

Status SqliteStore::write_audit(Connection& c, const AuditEntry* audit, std::optional<Id> new_id,
                                std::string_view op) {
    if (audit == nullptr) return Status::Ok();
    auto s = c.prepare("INSERT INTO audit_log (at, user_id, action, details) VALUES (?, ?, ?, ?)");
    int rc = s.bind(audit->at)
                 .bind(audit->user_id)
                 .bind(audit->action)
                 .bind(audit_details(*audit, new_id))
                 .run();
    if (rc != SQLITE_DONE) {
        Status failed = c.error(rc, op);
        failed.message += " (writing its audit entry)";
        return failed;
    }
    return Status::Ok();
}

// ---- Units ------------------------------------------------------------------

StatusOr<Id> SqliteStore::do_create_unit(const Unit& unit, const AuditEntry* audit) {
    auto id = audited("create_unit", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        auto s = c.prepare(
            "INSERT INTO units (parent_id, name, short_name, name_en) VALUES (?, ?, ?, ?)");
        int rc =
            s.bind(unit.parent_id).bind(unit.name).bind(unit.short_name).bind(unit.name_en).run();
        if (rc != SQLITE_DONE) return c.error(rc, "create_unit");
        return std::optional<Id>(sqlite3_last_insert_rowid(c.db()));
    });
    if (!id.ok()) return id.status;
    return **id;
}

Status SqliteStore::do_update_unit(const Unit& unit, const AuditEntry* audit) {
    return audited("update_unit", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        if (unit.parent_id) {
            // The units form a tree: the new parent must not be the unit
            // itself or one of its descendants. UNION (not UNION ALL) ends
            // the walk even on a damaged table.
            auto cycle = c.prepare(
                "WITH RECURSIVE up(id) AS ("
                "  SELECT ? UNION"
                "  SELECT u.parent_id FROM units u JOIN up ON u.id = up.id"
                "  WHERE u.parent_id IS NOT NULL)"
                "SELECT 1 FROM up WHERE id = ?");
            int rc = cycle.bind(*unit.parent_id).bind(unit.id).step();
            if (rc == SQLITE_ROW) {
                return Status::Invalid(
                    fmt::format("sqlite: update_unit: unit {} cannot be placed under {}: "
                                "units form a tree",
                                unit.id, *unit.parent_id));
            }
            if (rc != SQLITE_DONE) return c.error(rc, "update_unit");
        }
        auto s = c.prepare(
            "UPDATE units SET parent_id = ?, name = ?, short_name = ?, name_en = ? WHERE id = ?");
        int rc = s.bind(unit.parent_id)
                     .bind(unit.name)
                     .bind(unit.short_name)
                     .bind(unit.name_en)
                     .bind(unit.id)
                     .run();
        if (rc != SQLITE_DONE) return c.error(rc, "update_unit");
        if (sqlite3_changes(c.db()) == 0) return not_found("update_unit", unit.id);
        return std::optional<Id>();
    }).status;
}

StatusOr<Unit> SqliteStore::get_unit(Id id) {
    return read<Unit>([&](Connection& c) -> StatusOr<Unit> {
        auto s =
            c.prepare("SELECT id, parent_id, name, short_name, name_en FROM units WHERE id = ?");
        int rc = s.bind(id).step();
        if (rc == SQLITE_DONE) return not_found("get_unit", id);
        if (rc != SQLITE_ROW) return c.error(rc, "get_unit");
        return ok(read_unit(s));
    });
}

StatusOr<std::vector<Unit>> SqliteStore::list_units() {
    return read<std::vector<Unit>>([](Connection& c) -> StatusOr<std::vector<Unit>> {
        // Depth from the roots, so every parent comes before its children.
        auto s = c.prepare(
            "WITH RECURSIVE tree(id, depth) AS ("
            "  SELECT id, 0 FROM units WHERE parent_id IS NULL"
            "  UNION ALL"
            "  SELECT u.id, t.depth + 1 FROM units u JOIN tree t ON u.parent_id = t.id)"
            "SELECT u.id, u.parent_id, u.name, u.short_name, u.name_en"
            "  FROM units u JOIN tree t ON t.id = u.id ORDER BY t.depth, u.id");
        std::vector<Unit> units;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) units.push_back(read_unit(s));
        if (rc != SQLITE_DONE) return c.error(rc, "list_units");
        return ok(std::move(units));
    });
}

// ---- Questionnaires ---------------------------------------------------------

StatusOr<Id> SqliteStore::do_add_questionnaire(const QuestionnaireRecord& q,
                                               const AuditEntry* audit) {
    auto id = audited("add_questionnaire", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        auto s = c.prepare(
            "INSERT INTO questionnaires (key, title, json, uploaded_at) VALUES (?, ?, ?, ?)");
        int rc = s.bind(q.key).bind(q.title).bind(q.json).bind(q.uploaded_at).run();
        if (rc != SQLITE_DONE) return c.error(rc, "add_questionnaire");
        return std::optional<Id>(sqlite3_last_insert_rowid(c.db()));
    });
    if (!id.ok()) return id.status;
    return **id;
}

StatusOr<QuestionnaireRecord> SqliteStore::get_questionnaire(Id id) {
    return read<QuestionnaireRecord>([&](Connection& c) -> StatusOr<QuestionnaireRecord> {
        auto s =
            c.prepare("SELECT id, key, title, json, uploaded_at FROM questionnaires WHERE id = ?");
        int rc = s.bind(id).step();
        if (rc == SQLITE_DONE) return not_found("get_questionnaire", id);
        if (rc != SQLITE_ROW) return c.error(rc, "get_questionnaire");
        return ok(QuestionnaireRecord{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    });
}

StatusOr<std::vector<QuestionnaireRecord>> SqliteStore::list_questionnaires() {
    using List = std::vector<QuestionnaireRecord>;
    return read<List>([](Connection& c) -> StatusOr<List> {
        auto s = c.prepare("SELECT id, key, title, uploaded_at FROM questionnaires ORDER BY id");
        List list;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            list.push_back(QuestionnaireRecord{s.int64(0), s.text(1), s.text(2), {}, s.text(3)});
        }
        if (rc != SQLITE_DONE) return c.error(rc, "list_questionnaires");
        return ok(std::move(list));
    });
}

// ---- Rounds -----------------------------------------------------------------

StatusOr<Id> SqliteStore::do_create_round(const Round& round, const AuditEntry* audit) {
    auto id = audited("create_round", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        auto s = c.prepare(
            "INSERT INTO rounds (fiscal_year_be, name, opens_on, closes_on, questionnaire_id, "
            "status, results_published) VALUES (?, ?, ?, ?, ?, ?, ?)");
        int rc = s.bind(round.fiscal_year_be)
                     .bind(round.name)
                     .bind(round.opens_on)
                     .bind(round.closes_on)
                     .bind(round.questionnaire_id)
                     .bind(to_string(round.status))
                     .bind(round.results_published)
                     .run();
        if (rc != SQLITE_DONE) return c.error(rc, "create_round");
        return std::optional<Id>(sqlite3_last_insert_rowid(c.db()));
    });
    if (!id.ok()) return id.status;
    return **id;
}

Status SqliteStore::do_update_round(const Round& round, const AuditEntry* audit) {
    return audited("update_round", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        auto s = c.prepare(
            "UPDATE rounds SET fiscal_year_be = ?, name = ?, opens_on = ?, closes_on = ?, "
            "questionnaire_id = ?, status = ?, results_published = ?, revision = revision + 1 "
            "WHERE id = ?");
        int rc = s.bind(round.fiscal_year_be)
                     .bind(round.name)
                     .bind(round.opens_on)
                     .bind(round.closes_on)
                     .bind(round.questionnaire_id)
                     .bind(to_string(round.status))
                     .bind(round.results_published)
                     .bind(round.id)
                     .run();
        if (rc != SQLITE_DONE) return c.error(rc, "update_round");
        if (sqlite3_changes(c.db()) == 0) return not_found("update_round", round.id);
        return std::optional<Id>();
    }).status;
}

constexpr std::string_view kRoundSelect =
    "SELECT id, fiscal_year_be, name, opens_on, closes_on, questionnaire_id, status, "
    "results_published, revision FROM rounds";

StatusOr<Round> SqliteStore::get_round(Id id) {
    return read<Round>([&](Connection& c) -> StatusOr<Round> {
        auto s = c.prepare(fmt::format("{} WHERE id = ?", kRoundSelect));
        int rc = s.bind(id).step();
        if (rc == SQLITE_DONE) return not_found("get_round", id);
        if (rc != SQLITE_ROW) return c.error(rc, "get_round");
        return read_round(s);
    });
}

StatusOr<std::vector<Round>> SqliteStore::list_rounds() {
    return read<std::vector<Round>>([](Connection& c) -> StatusOr<std::vector<Round>> {
        auto s = c.prepare(
            fmt::format("{} ORDER BY fiscal_year_be DESC, opens_on DESC, id DESC", kRoundSelect));
        std::vector<Round> rounds;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            auto round = read_round(s);
            if (!round.ok()) return round.status;
            rounds.push_back(std::move(*round));
        }
        if (rc != SQLITE_DONE) return c.error(rc, "list_rounds");
        return ok(std::move(rounds));
    });
}

// ---- Access codes -----------------------------------------------------------

Status SqliteStore::do_add_access_codes(const AccessCodeBatch& batch, const AuditEntry* audit) {
    return audited("add_access_codes", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        for (const std::string& hash : batch.code_hashes) {
            auto s = c.prepare(
                "INSERT INTO access_codes (round_id, unit_id, code_hash) VALUES (?, ?, ?)");
            int rc = s.bind(batch.round_id).bind(batch.unit_id).bind(hash).run();
            if (rc != SQLITE_DONE) return c.error(rc, "add_access_codes");
        }
        return std::optional<Id>();
    }).status;
}

StatusOr<AccessCodeCounts> SqliteStore::count_access_codes(Id round_id, Id unit_id) {
    return read<AccessCodeCounts>([&](Connection& c) -> StatusOr<AccessCodeCounts> {
        auto s = c.prepare(
            "SELECT count(*), COALESCE(SUM(used), 0) FROM access_codes "
            "WHERE round_id = ? AND unit_id = ?");
        int rc = s.bind(round_id).bind(unit_id).step();
        if (rc != SQLITE_ROW) return c.error(rc, "count_access_codes");
        return ok(AccessCodeCounts{s.int64(0), s.int64(1)});
    });
}

StatusOr<std::map<Id, AccessCodeCounts>> SqliteStore::count_access_codes_by_unit(Id round_id) {
    using Counts = std::map<Id, AccessCodeCounts>;
    return read<Counts>([&](Connection& c) -> StatusOr<Counts> {
        // The table is clustered by (round_id, code_hash): one range.
        auto s = c.prepare(
            "SELECT unit_id, count(*), COALESCE(SUM(used), 0) FROM access_codes "
            "WHERE round_id = ? GROUP BY unit_id");
        s.bind(round_id);
        Counts counts;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            counts[s.int64(0)] = AccessCodeCounts{s.int64(1), s.int64(2)};
        }
        if (rc != SQLITE_DONE) return c.error(rc, "count_access_codes_by_unit");
        return ok(std::move(counts));
    });
}

StatusOr<AccessCodeInfo> SqliteStore::find_access_code(std::string_view code_hash) {
    return read<AccessCodeInfo>([&](Connection& c) -> StatusOr<AccessCodeInfo> {
        // A hash is unique per round only; should it be in several rounds,
        // the open one wins, then the latest.
        auto s = c.prepare(
            "SELECT a.round_id, a.unit_id, a.used FROM access_codes a "
            "JOIN rounds r ON r.id = a.round_id WHERE a.code_hash = ? "
            "ORDER BY r.status = 'open' DESC, a.round_id DESC LIMIT 1");
        int rc = s.bind(code_hash).step();
        if (rc == SQLITE_DONE) {
            return Status::NotFound("sqlite: find_access_code: no such code");
        }
        if (rc != SQLITE_ROW) return c.error(rc, "find_access_code");
        return ok(AccessCodeInfo{s.int64(0), s.int64(1), s.int64(2) != 0});
    });
}

// ---- Responses --------------------------------------------------------------

int SqliteStore::insert_response(Connection& c, const StoredResponse& r) {
    // A random id collides with probability ~n/2^64; retry rather than fail.
    for (int attempt = 0;; ++attempt) {
        auto s = c.prepare(
            "INSERT INTO responses (id, round_id, unit_id, instrument, submitted_on, answers, "
            "comment) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        int rc = s.bind(random_response_id())
                     .bind(r.round_id)
                     .bind(r.unit_id)
                     .bind(r.instrument)
                     .bind(r.submitted_on)
                     .bind_blob(r.answers)
                     .bind(r.comment)
                     .run();
        if (rc != SQLITE_DONE || sqlite3_changes(c.db()) == 1) return rc;
        if (attempt == 3) return SQLITE_CONSTRAINT_PRIMARYKEY;  // no free id: reported as such
    }
}

SubmitResult SqliteStore::submit_one(Connection& c, const Submission& sub) {
    const StoredResponse& r = sub.response;
    auto failed = [&](int rc) { return SubmitResult::failed(c.error(rc, "submit")); };
    {
        auto round = c.prepare("SELECT status FROM rounds WHERE id = ?");
        int rc = round.bind(r.round_id).step();
        if (rc == SQLITE_DONE) return {SubmitOutcome::kRoundNotOpen, {}};
        if (rc != SQLITE_ROW) return failed(rc);
        if (round.text_view(0) != to_string(RoundStatus::kOpen)) {
            return {SubmitOutcome::kRoundNotOpen, {}};
        }
    }
    // An IIT response always needs a code: without this an IIT answer could
    // be stored with no code at all.
    if (r.instrument == "IIT" || !sub.access_code_hash.empty()) {
        if (sub.access_code_hash.empty()) return {SubmitOutcome::kUnknownCode, {}};
        auto mark = c.prepare(
            "UPDATE access_codes SET used = 1 "
            "WHERE round_id = ? AND unit_id = ? AND code_hash = ? AND used = 0");
        int rc = mark.bind(r.round_id).bind(r.unit_id).bind(sub.access_code_hash).run();
        if (rc != SQLITE_DONE) return failed(rc);
        if (sqlite3_changes(c.db()) == 0) {
            auto code = c.prepare(
                "SELECT used FROM access_codes WHERE round_id = ? AND unit_id = ? AND "
                "code_hash = ?");
            rc = code.bind(r.round_id).bind(r.unit_id).bind(sub.access_code_hash).step();
            if (rc == SQLITE_DONE) return {SubmitOutcome::kUnknownCode, {}};
            if (rc != SQLITE_ROW) return failed(rc);
            return {SubmitOutcome::kCodeAlreadyUsed, {}};
        }
    }
    if (!sub.browser_token_hash.empty()) {
        auto token = c.prepare(
            "INSERT INTO eit_browser_tokens (round_id, unit_id, token_hash) VALUES (?, ?, ?)");
        int rc = token.bind(r.round_id).bind(r.unit_id).bind(sub.browser_token_hash).run();
        if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) {
            return {SubmitOutcome::kDuplicateBrowser, {}};
        }
        if (rc != SQLITE_DONE) return failed(rc);
    }
    if (int rc = insert_response(c, r); rc != SQLITE_DONE) return failed(rc);
    return {SubmitOutcome::kStored, {}};
}

SubmitResult SqliteStore::submit(const Submission& submission) {
    return submit_batch({submission}).front();
}

std::vector<SubmitResult> SqliteStore::submit_batch(const std::vector<Submission>& batch) {
    std::vector<SubmitResult> results(batch.size());
    if (batch.empty()) return results;
    // Every submission fails with `why` when the batch as a whole does.
    auto all_failed = [&](Status why) {
        return std::vector<SubmitResult>(batch.size(), SubmitResult::failed(std::move(why)));
    };
    return write([&](Connection& c) -> std::vector<SubmitResult> {
        Transaction tx(c);
        if (Status s = tx.begin("submit"); !s.ok()) return all_failed(s);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            // A savepoint per submission: a refused or failed one is undone
            // alone and the others still commit together.
            if (int rc = c.exec("SAVEPOINT submission"); rc != SQLITE_OK) {
                return all_failed(c.error(rc, "submit"));
            }
            results[i] = submit_one(c, batch[i]);
            if (results[i].outcome != SubmitOutcome::kStored) {
                if (int rc = c.exec("ROLLBACK TO submission"); rc != SQLITE_OK) {
                    // The transaction is gone (I/O error); nothing commits.
                    return all_failed(c.error(rc, "submit"));
                }
            }
            if (int rc = c.exec("RELEASE submission"); rc != SQLITE_OK) {
                return all_failed(c.error(rc, "submit"));
            }
        }
        // Group commit: one fsync of the WAL for the whole batch. Nothing is
        // reported stored before it returns.
        if (Status s = tx.commit("submit"); !s.ok()) return all_failed(s);
        return results;
    });
}

Status SqliteStore::do_import_responses(const std::vector<StoredResponse>& responses,
                                        const AuditEntry* audit) {
    return audited("import_responses", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        std::set<Id> rounds;
        for (const StoredResponse& r : responses) {
            if (int rc = insert_response(c, r); rc != SQLITE_DONE) {
                return c.error(rc, "import_responses");
            }
            rounds.insert(r.round_id);
        }
        for (Id round_id : rounds) {
            auto bump = c.prepare("UPDATE rounds SET revision = revision + 1 WHERE id = ?");
            if (int rc = bump.bind(round_id).run(); rc != SQLITE_DONE) {
                return c.error(rc, "import_responses");
            }
        }
        return std::optional<Id>();
    }).status;
}

StatusOr<std::vector<StoredResponse>> SqliteStore::list_responses(Id round_id, Id unit_id,
                                                                  std::string_view instrument) {
    using List = std::vector<StoredResponse>;
    return read<List>([&](Connection& c) -> StatusOr<List> {
        // Ordered by the random id: a stable order that says nothing about
        // arrival.
        auto s = c.prepare(
            "SELECT round_id, unit_id, instrument, submitted_on, answers, comment FROM responses "
            "WHERE round_id = ? AND unit_id = ? AND instrument = ? ORDER BY id");
        s.bind(round_id).bind(unit_id).bind(instrument);
        List list;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            list.push_back(
                StoredResponse{s.int64(0), s.int64(1), s.text(2), s.text(3), s.blob(4), s.text(5)});
        }
        if (rc != SQLITE_DONE) return c.error(rc, "list_responses");
        return ok(std::move(list));
    });
}

StatusOr<std::int64_t> SqliteStore::count_responses(Id round_id, Id unit_id,
                                                    std::string_view instrument) {
    return read<std::int64_t>([&](Connection& c) -> StatusOr<std::int64_t> {
        auto s = c.prepare(
            "SELECT count(*) FROM responses WHERE round_id = ? AND unit_id = ? AND instrument = ?");
        int rc = s.bind(round_id).bind(unit_id).bind(instrument).step();
        if (rc != SQLITE_ROW) return c.error(rc, "count_responses");
        return ok<std::int64_t>(s.int64(0));
    });
}

Status SqliteStore::scan_round_answers(Id round_id,
                                       const std::function<void(const RoundAnswerRow&)>& visit) {
    auto done = read<bool>([&](Connection& c) -> StatusOr<bool> {
        // One range of the (round, unit, instrument, id) key, in its order:
        // the ORDER BY costs no sort.
        auto s = c.prepare(
            "SELECT unit_id, instrument, answers FROM responses WHERE round_id = ? "
            "ORDER BY unit_id, instrument, id");
        s.bind(round_id);
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            visit(RoundAnswerRow{s.int64(0), s.text_view(1), s.blob_view(2)});
        }
        if (rc != SQLITE_DONE) return c.error(rc, "scan_round_answers");
        return ok(true);
    });
    return done.status;
}

// ---- Users and sessions -----------------------------------------------------

StatusOr<Id> SqliteStore::do_create_user(const User& user, const AuditEntry* audit) {
    auto id = audited("create_user", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        auto s = c.prepare(
            "INSERT INTO users (username, username_key, display_name, password_hash, role, "
            "unit_id, active, failed_sign_ins, locked_until, must_change_password) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        int rc = s.bind(user.username)
                     .bind(username_key(user.username))
                     .bind(user.display_name)
                     .bind(user.password_hash)
                     .bind(to_string(user.role))
                     .bind(user.unit_id)
                     .bind(user.active)
                     .bind(user.failed_sign_ins)
                     .bind(user.locked_until)
                     .bind(user.must_change_password)
                     .run();
        if (rc != SQLITE_DONE) return c.error(rc, "create_user");
        return std::optional<Id>(sqlite3_last_insert_rowid(c.db()));
    });
    if (!id.ok()) return id.status;
    return **id;
}

Status SqliteStore::do_update_user(const User& user, const AuditEntry* audit) {
    return audited("update_user", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        auto s = c.prepare(
            "UPDATE users SET username = ?, username_key = ?, display_name = ?, "
            "password_hash = ?, role = ?, unit_id = ?, active = ?, failed_sign_ins = ?, "
            "locked_until = ?, must_change_password = ? WHERE id = ?");
        int rc = s.bind(user.username)
                     .bind(username_key(user.username))
                     .bind(user.display_name)
                     .bind(user.password_hash)
                     .bind(to_string(user.role))
                     .bind(user.unit_id)
                     .bind(user.active)
                     .bind(user.failed_sign_ins)
                     .bind(user.locked_until)
                     .bind(user.must_change_password)
                     .bind(user.id)
                     .run();
        if (rc != SQLITE_DONE) return c.error(rc, "update_user");
        if (sqlite3_changes(c.db()) == 0) return not_found("update_user", user.id);
        return std::optional<Id>();
    }).status;
}

StatusOr<User> SqliteStore::get_user(Id id) {
    return read<User>([&](Connection& c) -> StatusOr<User> {
        auto s = c.prepare(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns));
        int rc = s.bind(id).step();
        if (rc == SQLITE_DONE) return not_found("get_user", id);
        if (rc != SQLITE_ROW) return c.error(rc, "get_user");
        return read_user(s);
    });
}

StatusOr<User> SqliteStore::find_user(std::string_view username) {
    return read<User>([&](Connection& c) -> StatusOr<User> {
        auto s =
            c.prepare(fmt::format("SELECT {} FROM users WHERE username_key = ?", kUserColumns));
        int rc = s.bind(username_key(username)).step();
        if (rc == SQLITE_DONE) {
            return Status::NotFound("sqlite: find_user: no such user");
        }
        if (rc != SQLITE_ROW) return c.error(rc, "find_user");
        return read_user(s);
    });
}

StatusOr<std::vector<User>> SqliteStore::list_users() {
    return read<std::vector<User>>([](Connection& c) -> StatusOr<std::vector<User>> {
        auto s = c.prepare(fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns));
        std::vector<User> users;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            auto user = read_user(s);
            if (!user.ok()) return user.status;
            users.push_back(std::move(*user));
        }
        if (rc != SQLITE_DONE) return c.error(rc, "list_users");
        return ok(std::move(users));
    });
}

Status SqliteStore::create_session(const Session& session) {
    return write([&](Connection& c) -> Status {
        auto s = c.prepare(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) "
            "VALUES (?, ?, ?, ?)");
        int rc = s.bind(session.token_hash)
                     .bind(session.user_id)
                     .bind(session.csrf_token)
                     .bind(session.expires_at)
                     .run();
        if (rc != SQLITE_DONE) return c.error(rc, "create_session");
        return Status::Ok();
    });
}

StatusOr<Session> SqliteStore::find_session(std::string_view token_hash, std::string_view now) {
    return read<Session>([&](Connection& c) -> StatusOr<Session> {
        // Timestamps are fixed-width ISO UTC text, so text order is time order.
        auto s = c.prepare(
            "SELECT token_hash, user_id, csrf_token, expires_at FROM sessions "
            "WHERE token_hash = ? AND expires_at > ?");
        int rc = s.bind(token_hash).bind(now).step();
        if (rc == SQLITE_DONE) {
            return Status::NotFound("sqlite: find_session: no such session or it expired");
        }
        if (rc != SQLITE_ROW) return c.error(rc, "find_session");
        return ok(Session{s.text(0), s.int64(1), s.text(2), s.text(3)});
    });
}

Status SqliteStore::delete_session(std::string_view token_hash) {
    return write([&](Connection& c) -> Status {
        int rc = c.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
        if (rc != SQLITE_DONE) return c.error(rc, "delete_session");
        if (sqlite3_changes(c.db()) == 0) {
            return {StatusCode::kNotFound, "sqlite: delete_session: no such session"};
        }
        return Status::Ok();
    });
}

// ---- Improvement plans ------------------------------------------------------

constexpr std::string_view kPlanSelect =
    "SELECT id, unit_id, fiscal_year_be, document, version, updated_at, source_round_id "
    "FROM plans";

PlanRecord read_plan(const Statement& s) {
    return PlanRecord{s.int64(0), s.int64(1), static_cast<int>(s.int64(2)), s.text(3),
                      s.int64(4), s.text(5),  s.optional_int64(6)};
}

StatusOr<Id> SqliteStore::do_create_plan(const PlanRecord& plan, const AuditEntry* audit) {
    auto id = audited("create_plan", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        // Version 1 whatever the record says: versions count saves in this
        // database only.
        auto s = c.prepare(
            "INSERT INTO plans (unit_id, fiscal_year_be, document, version, updated_at, "
            "source_round_id) VALUES (?, ?, ?, 1, ?, ?)");
        int rc = s.bind(plan.unit_id)
                     .bind(plan.fiscal_year_be)
                     .bind(plan.document)
                     .bind(plan.updated_at)
                     .bind(plan.source_round_id)
                     .run();
        if (rc != SQLITE_DONE) return c.error(rc, "create_plan");
        return std::optional<Id>(sqlite3_last_insert_rowid(c.db()));
    });
    if (!id.ok()) return id.status;
    return **id;
}

StatusOr<std::int64_t> SqliteStore::do_save_plan(Id plan_id, const std::string& document,
                                                 std::int64_t expected_version,
                                                 std::string_view now, const AuditEntry* audit) {
    std::int64_t version = 0;
    auto saved = audited("save_plan", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        // Compare-and-set in one statement: the version check and the write
        // cannot be separated by another save.
        auto s = c.prepare(
            "UPDATE plans SET document = ?, version = version + 1, updated_at = ? "
            "WHERE id = ? AND version = ? RETURNING version");
        int rc = s.bind(document).bind(now).bind(plan_id).bind(expected_version).step();
        if (rc == SQLITE_ROW) {
            version = s.int64(0);
            rc = s.run();
            if (rc != SQLITE_DONE) return c.error(rc, "save_plan");
            return std::optional<Id>();
        }
        if (rc != SQLITE_DONE) return c.error(rc, "save_plan");
        // Nothing changed: tell a stale version from a missing plan. Under the
        // writer's mutex nothing can change between the two statements.
        auto exists = c.prepare("SELECT version FROM plans WHERE id = ?");
        rc = exists.bind(plan_id).step();
        if (rc == SQLITE_DONE) return not_found("save_plan", plan_id);
        if (rc != SQLITE_ROW) return c.error(rc, "save_plan");
        return Status::Conflict(
            fmt::format("sqlite: save_plan: plan {} is at version {}, not {}: saved by someone "
                        "else in the meantime",
                        plan_id, exists.int64(0), expected_version));
    });
    if (!saved.ok()) return saved.status;
    return version;
}

StatusOr<PlanRecord> SqliteStore::get_plan(Id plan_id) {
    return read<PlanRecord>([&](Connection& c) -> StatusOr<PlanRecord> {
        auto s = c.prepare(fmt::format("{} WHERE id = ?", kPlanSelect));
        int rc = s.bind(plan_id).step();
        if (rc == SQLITE_DONE) return not_found("get_plan", plan_id);
        if (rc != SQLITE_ROW) return c.error(rc, "get_plan");
        return ok(read_plan(s));
    });
}

StatusOr<std::vector<PlanRecord>> SqliteStore::list_plans(std::optional<int> fiscal_year_be) {
    using List = std::vector<PlanRecord>;
    return read<List>([&](Connection& c) -> StatusOr<List> {
        // One statement for both: a NULL year matches every plan.
        auto s = c.prepare(fmt::format(
            "{} WHERE ?1 IS NULL OR fiscal_year_be = ?1 ORDER BY unit_id, fiscal_year_be, id",
            kPlanSelect));
        std::optional<std::int64_t> year;
        if (fiscal_year_be) year = *fiscal_year_be;
        s.bind(year);
        List list;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) list.push_back(read_plan(s));
        if (rc != SQLITE_DONE) return c.error(rc, "list_plans");
        return ok(std::move(list));
    });
}

StatusOr<std::optional<PlanRecord>> SqliteStore::find_plan_by_source_round(Id unit_id,
                                                                          Id round_id) {
    using Found = std::optional<PlanRecord>;
    return read<Found>([&](Connection& c) -> StatusOr<Found> {
        auto s = c.prepare(fmt::format(
            "{} WHERE unit_id = ? AND source_round_id = ? ORDER BY id LIMIT 1", kPlanSelect));
        int rc = s.bind(unit_id).bind(round_id).step();
        if (rc == SQLITE_DONE) return Found();
        if (rc != SQLITE_ROW) return c.error(rc, "find_plan_by_source_round");
        return Found(read_plan(s));
    });
}

// ---- Evidence files ---------------------------------------------------------

constexpr std::string_view kEvidenceSelect =
    "SELECT id, plan_id, original_name, content_type, sha256, size_bytes, uploaded_at, "
    "uploaded_by FROM evidence_files";

EvidenceFile read_evidence(const Statement& s) {
    return EvidenceFile{s.int64(0), s.int64(1), s.text(2), s.text(3),
                        s.text(4),  s.int64(5), s.text(6), s.optional_int64(7)};
}

StatusOr<Id> SqliteStore::do_add_evidence(const EvidenceFile& file, const std::string& bytes,
                                          const AuditEntry* audit) {
    auto checked = checked_evidence(file, bytes);
    if (!checked.ok()) return checked.status;
    const EvidenceFile& f = *checked;
    auto id = audited("add_evidence", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        // A random id collides with probability ~n/2^63; retry rather than fail.
        for (int attempt = 0;; ++attempt) {
            const Id id = random_evidence_id();
            auto s = c.prepare(
                "INSERT INTO evidence_files (id, plan_id, original_name, content_type, sha256, "
                "size_bytes, uploaded_at, uploaded_by, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            int rc = s.bind(id)
                         .bind(f.plan_id)
                         .bind(f.original_name)
                         .bind(f.content_type)
                         .bind(f.sha256)
                         .bind(f.size_bytes)
                         .bind(f.uploaded_at)
                         .bind(f.uploaded_by)
                         .bind_blob(std::string_view(bytes))
                         .run();
            if (rc == SQLITE_DONE) return std::optional<Id>(id);
            if (rc != SQLITE_CONSTRAINT_PRIMARYKEY || attempt == 3) {
                return c.error(rc, "add_evidence");
            }
        }
    });
    if (!id.ok()) return id.status;
    return **id;
}

StatusOr<EvidenceFile> SqliteStore::get_evidence(Id evidence_id) {
    return read<EvidenceFile>([&](Connection& c) -> StatusOr<EvidenceFile> {
        auto s = c.prepare(fmt::format("{} WHERE id = ?", kEvidenceSelect));
        int rc = s.bind(evidence_id).step();
        if (rc == SQLITE_DONE) return not_found("get_evidence", evidence_id);
        if (rc != SQLITE_ROW) return c.error(rc, "get_evidence");
        return ok(read_evidence(s));
    });
}

StatusOr<std::string> SqliteStore::read_evidence_bytes(Id evidence_id) {
    return read<std::string>([&](Connection& c) -> StatusOr<std::string> {
        auto s = c.prepare("SELECT bytes FROM evidence_files WHERE id = ?");
        int rc = s.bind(evidence_id).step();
        if (rc == SQLITE_DONE) {
            return not_found("read_evidence_bytes", evidence_id);
        }
        if (rc != SQLITE_ROW) return c.error(rc, "read_evidence_bytes");
        return ok(s.blob_string(0));
    });
}

StatusOr<std::vector<EvidenceFile>> SqliteStore::list_evidence(Id plan_id) {
    using List = std::vector<EvidenceFile>;
    return read<List>([&](Connection& c) -> StatusOr<List> {
        // Upload order for display; ids are random, so by time, then id.
        auto s = c.prepare(
            fmt::format("{} WHERE plan_id = ? ORDER BY uploaded_at, id", kEvidenceSelect));
        s.bind(plan_id);
        List list;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) list.push_back(read_evidence(s));
        if (rc != SQLITE_DONE) return c.error(rc, "list_evidence");
        return ok(std::move(list));
    });
}

// ---- Audit log --------------------------------------------------------------

Status SqliteStore::append_audit(const AuditEntry& entry) {
    return write([&](Connection& c) -> Status {
        auto s =
            c.prepare("INSERT INTO audit_log (at, user_id, action, details) VALUES (?, ?, ?, ?)");
        int rc = s.bind(entry.at).bind(entry.user_id).bind(entry.action).bind(entry.details).run();
        if (rc != SQLITE_DONE) return c.error(rc, "append_audit");
        return Status::Ok();
    });
}

StatusOr<std::vector<AuditEntry>> SqliteStore::list_audit(int limit) {
    using List = std::vector<AuditEntry>;
    if (limit < 0) return Status::Invalid("sqlite: list_audit: negative limit");
    return read<List>([&](Connection& c) -> StatusOr<List> {
        // Newest first by id: AUTOINCREMENT ids only grow, even after deletes.
        auto s = c.prepare(
            "SELECT id, at, user_id, action, details FROM audit_log ORDER BY id DESC LIMIT ?");
        s.bind(limit);
        List list;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            list.push_back(
                AuditEntry{s.int64(0), s.text(1), s.optional_int64(2), s.text(3), s.text(4)});
        }
        if (rc != SQLITE_DONE) return c.error(rc, "list_audit");
        return ok(std::move(list));
    });
}

}  // namespace

StatusOr<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
    if (sodium_init() < 0) {
        return Status::Internal("sqlite: open: libsodium could not be initialised");
    }
    auto writer = Connection::open(path, /*create=*/true);
    if (!writer.ok()) return writer.status;
    return std::make_unique<SqliteStore>(path, std::move(*writer));
}

}  // namespace itagap::store::sqlite
