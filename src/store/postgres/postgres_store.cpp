// The PostgreSQL store. Each call leases a connection from the pool, runs one
// statement or one transaction on it and gives it back. Nothing is cached
// across calls (sessions, users, rounds all live in the database), so any
// number of itagap servers can share the database.
//
// Isolation is READ COMMITTED. The decisions a submission makes hold under
// it because each is made by the statement that also takes the row lock:
// - the round is read FOR SHARE, so closing a round waits for submissions in
//   flight and no response is stored in a round after it closed;
// - "UPDATE access_codes SET used = true ... AND used = false" re-checks
//   used after waiting for a concurrent submitter of the same code, so a
//   code is used once;
// - a browser token is a primary key, so a second insert fails (or waits for
//   the first transaction and then fails).
#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <cstring>
#include <limits>
#include <set>
#include <utility>

#include "store/postgres/connection.hpp"
#include "store/postgres/migrations.hpp"
#include "store/sql_store.hpp"

namespace itagap::store::postgres {

namespace {

template <typename T>
StatusOr<T> ok(T value) {
    return std::move(value);
}

Status not_found(std::string_view op, Id id) {
    return {StatusCode::kNotFound, fmt::format("postgres: {}: no row with id {}", op, id)};
}

Unit read_unit(const Result& r, int row) {
    return Unit{r.int64(row, 0), r.optional_int64(row, 1), r.text(row, 2), r.text(row, 3),
                r.text(row, 4)};
}

StatusOr<Round> read_round(const Result& r, int row) {
    Round round;
    round.id = r.int64(row, 0);
    round.fiscal_year_be = static_cast<int>(r.int64(row, 1));
    round.name = r.text(row, 2);
    round.opens_on = r.text(row, 3);
    round.closes_on = r.text(row, 4);
    round.questionnaire_id = r.int64(row, 5);
    auto status = round_status_of_row(r.text(row, 6), round.id);
    if (!status.ok()) return status.status;
    round.status = *status;
    round.results_published = r.boolean(row, 7);
    round.revision = r.int64(row, 8);
    return round;
}

StatusOr<User> read_user(const Result& r, int row) {
    User u;
    u.id = r.int64(row, 0);
    u.username = r.text(row, 1);
    u.display_name = r.text(row, 2);
    u.password_hash = r.text(row, 3);
    auto role = role_of_row(r.text(row, 4), u.id);
    if (!role.ok()) return role.status;
    u.role = *role;
    u.unit_id = r.optional_int64(row, 5);
    u.active = r.boolean(row, 6);
    u.failed_sign_ins = static_cast<int>(r.int64(row, 7));
    u.locked_until = r.text(row, 8);
    u.must_change_password = r.boolean(row, 9);
    return u;
}

// Column lists shared by several queries; spliced in at compile time, so
// every query is still one constant string.
#define ITAGAP_USER_COLUMNS                                                               \
    "id, username, display_name, password_hash, role, unit_id, active, failed_sign_ins, " \
    "locked_until, must_change_password"
#define ITAGAP_ROUND_SELECT                                                            \
    "SELECT id, fiscal_year_be, name, opens_on, closes_on, questionnaire_id, status, " \
    "results_published, revision FROM rounds"
#define ITAGAP_PLAN_SELECT                                                          \
    "SELECT id, unit_id, fiscal_year_be, document, version, updated_at, source_round_id " \
    "FROM plans"
#define ITAGAP_EVIDENCE_SELECT                                                           \
    "SELECT id, plan_id, original_name, content_type, sha256, size_bytes, uploaded_at, " \
    "uploaded_by FROM evidence_files"

class PostgresStore final : public Store {
public:
    explicit PostgresStore(std::string url) : pool_(std::move(url)) {}

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
    // Runs `fn(Connection&) -> StatusOr<T>` (or Status) on a leased connection.
    template <typename T, typename Fn>
    StatusOr<T> with_connection(Fn&& fn) {
        auto lease = pool_.acquire();
        if (!lease.ok()) return lease.status;
        return fn(**lease);
    }
    template <typename Fn>
    Status with_connection_status(Fn&& fn) {
        auto lease = pool_.acquire();
        if (!lease.ok()) return lease.status;
        return fn(**lease);
    }

    // A change and its audit entry in one transaction: `change` returns the
    // new row's id (or nullopt) and the entry is written after it.
    template <typename Change>
    StatusOr<std::optional<Id>> audited(std::string_view op, const AuditEntry* audit,
                                        Change&& change) {
        return with_connection<std::optional<Id>>(
            [&](Connection& c) -> StatusOr<std::optional<Id>> {
                Transaction tx(c);
                if (Status s = tx.begin(op); !s.ok()) return s;
                StatusOr<std::optional<Id>> done = change(c);
                if (!done.ok()) return done;
                if (Status s = write_audit(c, audit, *done, op); !s.ok()) return s;
                if (Status s = tx.commit(op); !s.ok()) return s;
                return done;
            });
    }
    // REQUIRES: a transaction open on `c`.
    Status write_audit(Connection& c, const AuditEntry* audit, std::optional<Id> new_id,
                       std::string_view op);
    // A single statement returning one id (INSERT ... RETURNING id), audited.
    StatusOr<Id> insert_returning_id(const char* sql, const Params& params, std::string_view op,
                                     const AuditEntry* audit);
    // A single UPDATE of the row `id`, audited; kNotFound when none matched.
    Status update_one(const char* sql, const Params& params, std::string_view op, Id id,
                      const AuditEntry* audit);

    // REQUIRES: a transaction open on `c`.
    SubmitResult submit_one(Connection& c, const Submission& submission);
    Status insert_response(Connection& c, const StoredResponse& r);

    Pool pool_;
};

Status PostgresStore::write_audit(Connection& c, const AuditEntry* audit,
                                  std::optional<Id> new_id, std::string_view op) {
    if (audit == nullptr) return Status::Ok();
    Result r = c.query(
        "INSERT INTO audit_log (at, user_id, action, details) VALUES ($1, $2, $3, $4)",
        Params().add(audit->at).add(audit->user_id).add(audit->action).add(
            audit_details(*audit, new_id)));
    if (r.ok()) return Status::Ok();
    Status failed = c.error(r, op);
    failed.message += " (writing its audit entry)";
    return failed;
}

StatusOr<Id> PostgresStore::insert_returning_id(const char* sql, const Params& params,
                                                std::string_view op, const AuditEntry* audit) {
    auto id = audited(op, audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        Result r = c.query(sql, params);
        if (!r.ok()) return c.error(r, op);
        return std::optional<Id>(r.int64(0, 0));
    });
    if (!id.ok()) return id.status;
    return **id;
}

Status PostgresStore::update_one(const char* sql, const Params& params, std::string_view op,
                                 Id id, const AuditEntry* audit) {
    return audited(op, audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        Result r = c.query(sql, params);
        if (!r.ok()) return c.error(r, op);
        if (r.affected() == 0) return not_found(op, id);
        return std::optional<Id>();
    }).status;
}

// ---- Migrations -------------------------------------------------------------

Status PostgresStore::migrate() {
    return with_connection_status([&](Connection& c) -> Status {
        auto all = migrations();
        for (std::size_t i = 0; i < all.size(); ++i) {
            const int version = static_cast<int>(i) + 1;
            Transaction tx(c);
            if (Status s = tx.begin("migrate"); !s.ok()) return s;
            // Servers starting together queue here; the lock is released at
            // COMMIT or ROLLBACK. It is taken before schema_migrations is
            // created, so even that CREATE does not race.
            Result lock = c.query("SELECT pg_advisory_xact_lock($1::bigint)",
                                  Params().add(kMigrationLockKey));
            if (!lock.ok()) return c.error(lock, "migrate");
            if (Status s = c.run("CREATE TABLE IF NOT EXISTS schema_migrations "
                                 "(version integer PRIMARY KEY)",
                                 "migrate");
                !s.ok()) {
                return s;
            }
            Result applied = c.query("SELECT 1 FROM schema_migrations WHERE version = $1",
                                     Params().add(version));
            if (!applied.ok()) return c.error(applied, "migrate");
            if (applied.rows() > 0) continue;  // the Transaction rolls back nothing
            // Migration text is a constant from migrations.cpp, never data.
            const std::string sql(all[i]);
            if (Result r = c.script(sql.c_str()); !r.ok()) {
                Status s = c.error(r, "migrate");
                s.message += fmt::format(" (migration {})", version);
                return s;
            }
            Result record = c.query("INSERT INTO schema_migrations (version) VALUES ($1)",
                                    Params().add(version));
            if (!record.ok()) return c.error(record, "migrate");
            if (Status s = tx.commit("migrate"); !s.ok()) return s;
        }
        return Status::Ok();
    });
}

StatusOr<int> PostgresStore::schema_version() {
    return with_connection<int>([](Connection& c) -> StatusOr<int> {
        Result exists = c.query("SELECT to_regclass('schema_migrations') IS NOT NULL");
        if (!exists.ok()) return c.error(exists, "schema_version");
        if (!exists.boolean(0, 0)) return ok(0);  // never migrated
        Result r = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        if (!r.ok()) return c.error(r, "schema_version");
        return ok(static_cast<int>(r.int64(0, 0)));
    });
}

// ---- Units ------------------------------------------------------------------

StatusOr<Id> PostgresStore::do_create_unit(const Unit& unit, const AuditEntry* audit) {
    return insert_returning_id(
        "INSERT INTO units (parent_id, name, short_name, name_en) VALUES ($1, $2, $3, $4) "
        "RETURNING id",
        Params().add(unit.parent_id).add(unit.name).add(unit.short_name).add(unit.name_en),
        "create_unit", audit);
}

Status PostgresStore::do_update_unit(const Unit& unit, const AuditEntry* audit) {
    return audited("update_unit", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        // Serialise tree changes so two concurrent moves cannot together make
        // a cycle that neither would alone.
        if (Result lock = c.script("LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE"); !lock.ok()) {
            return c.error(lock, "update_unit");
        }
        if (unit.parent_id) {
            // The new parent must not be the unit or one of its descendants.
            Result cycle = c.query(
                "WITH RECURSIVE up(id) AS ("
                "  SELECT $1::bigint UNION"
                "  SELECT u.parent_id FROM units u JOIN up ON u.id = up.id"
                "  WHERE u.parent_id IS NOT NULL)"
                "SELECT 1 FROM up WHERE id = $2::bigint",
                Params().add(*unit.parent_id).add(unit.id));
            if (!cycle.ok()) return c.error(cycle, "update_unit");
            if (cycle.rows() > 0) {
                return Status::Invalid(
                    fmt::format("postgres: update_unit: unit {} cannot be placed under {}: "
                                "units form a tree",
                                unit.id, *unit.parent_id));
            }
        }
        Result r = c.query(
            "UPDATE units SET parent_id = $1, name = $2, short_name = $3, name_en = $4 "
            "WHERE id = $5",
            Params()
                .add(unit.parent_id)
                .add(unit.name)
                .add(unit.short_name)
                .add(unit.name_en)
                .add(unit.id));
        if (!r.ok()) return c.error(r, "update_unit");
        if (r.affected() == 0) return not_found("update_unit", unit.id);
        return std::optional<Id>();
    }).status;
}

StatusOr<Unit> PostgresStore::get_unit(Id id) {
    return with_connection<Unit>([&](Connection& c) -> StatusOr<Unit> {
        Result r =
            c.query("SELECT id, parent_id, name, short_name, name_en FROM units WHERE id = $1",
                    Params().add(id));
        if (!r.ok()) return c.error(r, "get_unit");
        if (r.rows() == 0) return not_found("get_unit", id);
        return ok(read_unit(r, 0));
    });
}

StatusOr<std::vector<Unit>> PostgresStore::list_units() {
    return with_connection<std::vector<Unit>>([](Connection& c) -> StatusOr<std::vector<Unit>> {
        // Depth from the roots, so every parent comes before its children.
        Result r = c.query(
            "WITH RECURSIVE tree(id, depth) AS ("
            "  SELECT id, 0 FROM units WHERE parent_id IS NULL"
            "  UNION ALL"
            "  SELECT u.id, t.depth + 1 FROM units u JOIN tree t ON u.parent_id = t.id)"
            "SELECT u.id, u.parent_id, u.name, u.short_name, u.name_en"
            "  FROM units u JOIN tree t ON t.id = u.id ORDER BY t.depth, u.id");
        if (!r.ok()) return c.error(r, "list_units");
        std::vector<Unit> units;
        for (int i = 0; i < r.rows(); ++i) units.push_back(read_unit(r, i));
        return ok(std::move(units));
    });
}

// ---- Questionnaires ---------------------------------------------------------

StatusOr<Id> PostgresStore::do_add_questionnaire(const QuestionnaireRecord& q,
                                                 const AuditEntry* audit) {
    return insert_returning_id(
        "INSERT INTO questionnaires (key, title, json, uploaded_at) VALUES ($1, $2, $3, $4) "
        "RETURNING id",
        Params().add(q.key).add(q.title).add(q.json).add(q.uploaded_at), "add_questionnaire",
        audit);
}

StatusOr<QuestionnaireRecord> PostgresStore::get_questionnaire(Id id) {
    using Q = QuestionnaireRecord;
    return with_connection<Q>([&](Connection& c) -> StatusOr<Q> {
        Result r =
            c.query("SELECT id, key, title, json, uploaded_at FROM questionnaires WHERE id = $1",
                    Params().add(id));
        if (!r.ok()) return c.error(r, "get_questionnaire");
        if (r.rows() == 0) return not_found("get_questionnaire", id);
        return ok(Q{r.int64(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4)});
    });
}

StatusOr<std::vector<QuestionnaireRecord>> PostgresStore::list_questionnaires() {
    using List = std::vector<QuestionnaireRecord>;
    return with_connection<List>([](Connection& c) -> StatusOr<List> {
        Result r = c.query("SELECT id, key, title, uploaded_at FROM questionnaires ORDER BY id");
        if (!r.ok()) return c.error(r, "list_questionnaires");
        List list;
        for (int i = 0; i < r.rows(); ++i) {
            list.push_back(
                QuestionnaireRecord{r.int64(i, 0), r.text(i, 1), r.text(i, 2), {}, r.text(i, 3)});
        }
        return ok(std::move(list));
    });
}

// ---- Rounds -----------------------------------------------------------------

StatusOr<Id> PostgresStore::do_create_round(const Round& round, const AuditEntry* audit) {
    return insert_returning_id(
        "INSERT INTO rounds (fiscal_year_be, name, opens_on, closes_on, questionnaire_id, "
        "status, results_published) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        Params()
            .add(round.fiscal_year_be)
            .add(round.name)
            .add(round.opens_on)
            .add(round.closes_on)
            .add(round.questionnaire_id)
            .add(to_string(round.status))
            .add(round.results_published),
        "create_round", audit);
}

Status PostgresStore::do_update_round(const Round& round, const AuditEntry* audit) {
    return update_one(
        "UPDATE rounds SET fiscal_year_be = $1, name = $2, opens_on = $3, closes_on = $4, "
        "questionnaire_id = $5, status = $6, results_published = $7, revision = revision + 1 "
        "WHERE id = $8",
        Params()
            .add(round.fiscal_year_be)
            .add(round.name)
            .add(round.opens_on)
            .add(round.closes_on)
            .add(round.questionnaire_id)
            .add(to_string(round.status))
            .add(round.results_published)
            .add(round.id),
        "update_round", round.id, audit);
}

StatusOr<Round> PostgresStore::get_round(Id id) {
    return with_connection<Round>([&](Connection& c) -> StatusOr<Round> {
        Result r = c.query(ITAGAP_ROUND_SELECT " WHERE id = $1", Params().add(id));
        if (!r.ok()) return c.error(r, "get_round");
        if (r.rows() == 0) return not_found("get_round", id);
        return read_round(r, 0);
    });
}

StatusOr<std::vector<Round>> PostgresStore::list_rounds() {
    return with_connection<std::vector<Round>>([](Connection& c) -> StatusOr<std::vector<Round>> {
        Result r =
            c.query(ITAGAP_ROUND_SELECT " ORDER BY fiscal_year_be DESC, opens_on DESC, id DESC");
        if (!r.ok()) return c.error(r, "list_rounds");
        std::vector<Round> rounds;
        for (int i = 0; i < r.rows(); ++i) {
            auto round = read_round(r, i);
            if (!round.ok()) return round.status;
            rounds.push_back(std::move(*round));
        }
        return ok(std::move(rounds));
    });
}

// ---- Access codes -----------------------------------------------------------

Status PostgresStore::do_add_access_codes(const AccessCodeBatch& batch,
                                          const AuditEntry* audit) {
    return audited("add_access_codes", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        for (const std::string& hash : batch.code_hashes) {
            Result r = c.query(
                "INSERT INTO access_codes (round_id, unit_id, code_hash) VALUES ($1, $2, $3)",
                Params().add(batch.round_id).add(batch.unit_id).add(hash));
            if (!r.ok()) return c.error(r, "add_access_codes");
        }
        return std::optional<Id>();
    }).status;
}

StatusOr<AccessCodeCounts> PostgresStore::count_access_codes(Id round_id, Id unit_id) {
    return with_connection<AccessCodeCounts>([&](Connection& c) -> StatusOr<AccessCodeCounts> {
        Result r = c.query(
            "SELECT count(*), count(*) FILTER (WHERE used) FROM access_codes "
            "WHERE round_id = $1 AND unit_id = $2",
            Params().add(round_id).add(unit_id));
        if (!r.ok()) return c.error(r, "count_access_codes");
        return ok(AccessCodeCounts{r.int64(0, 0), r.int64(0, 1)});
    });
}

StatusOr<std::map<Id, AccessCodeCounts>> PostgresStore::count_access_codes_by_unit(Id round_id) {
    using Counts = std::map<Id, AccessCodeCounts>;
    return with_connection<Counts>([&](Connection& c) -> StatusOr<Counts> {
        Result r = c.query(
            "SELECT unit_id, count(*), count(*) FILTER (WHERE used) FROM access_codes "
            "WHERE round_id = $1 GROUP BY unit_id",
            Params().add(round_id));
        if (!r.ok()) return c.error(r, "count_access_codes_by_unit");
        Counts counts;
        for (int i = 0; i < r.rows(); ++i) {
            counts[r.int64(i, 0)] = AccessCodeCounts{r.int64(i, 1), r.int64(i, 2)};
        }
        return ok(std::move(counts));
    });
}

StatusOr<AccessCodeInfo> PostgresStore::find_access_code(std::string_view code_hash) {
    return with_connection<AccessCodeInfo>([&](Connection& c) -> StatusOr<AccessCodeInfo> {
        // A hash is unique per round only; should it be in several rounds,
        // the open one wins, then the latest.
        Result r = c.query(
            "SELECT a.round_id, a.unit_id, a.used FROM access_codes a "
            "JOIN rounds r ON r.id = a.round_id WHERE a.code_hash = $1 "
            "ORDER BY r.status = 'open' DESC, a.round_id DESC LIMIT 1",
            Params().add(code_hash));
        if (!r.ok()) return c.error(r, "find_access_code");
        if (r.rows() == 0) {
            return Status::NotFound("postgres: find_access_code: no such code");
        }
        return ok(AccessCodeInfo{r.int64(0, 0), r.int64(0, 1), r.boolean(0, 2)});
    });
}

// ---- Responses --------------------------------------------------------------

Status PostgresStore::insert_response(Connection& c, const StoredResponse& r) {
    // A random id collides with probability ~n/2^64; retry rather than fail.
    // ON CONFLICT DO NOTHING turns a collision into "0 rows" instead of an
    // error that would abort the transaction.
    for (int attempt = 0; attempt < 4; ++attempt) {
        Result inserted = c.query(
            "INSERT INTO responses (id, round_id, unit_id, instrument, submitted_on, answers, "
            "comment) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            Params()
                .add(random_response_id())
                .add(r.round_id)
                .add(r.unit_id)
                .add(r.instrument)
                .add(r.submitted_on)
                .add_bytes(r.answers)
                .add(r.comment));
        if (!inserted.ok()) return c.error(inserted, "insert response");
        if (inserted.affected() == 1) return Status::Ok();
    }
    return Status::Unavailable("postgres: insert response: no free random id after 4 tries");
}

SubmitResult PostgresStore::submit_one(Connection& c, const Submission& sub) {
    const StoredResponse& r = sub.response;
    auto failed = [&](const Result& result) {
        return SubmitResult::failed(c.error(result, "submit"));
    };
    Result round =
        c.query("SELECT status FROM rounds WHERE id = $1 FOR SHARE", Params().add(r.round_id));
    if (!round.ok()) return failed(round);
    if (round.rows() == 0 || round.text(0, 0) != to_string(RoundStatus::kOpen)) {
        return {SubmitOutcome::kRoundNotOpen, {}};
    }
    // An IIT response always needs a code (see sqlite_store.cpp).
    if (r.instrument == "IIT" || !sub.access_code_hash.empty()) {
        if (sub.access_code_hash.empty()) return {SubmitOutcome::kUnknownCode, {}};
        Result mark = c.query(
            "UPDATE access_codes SET used = true "
            "WHERE round_id = $1 AND unit_id = $2 AND code_hash = $3 AND NOT used",
            Params().add(r.round_id).add(r.unit_id).add(sub.access_code_hash));
        if (!mark.ok()) return failed(mark);
        if (mark.affected() == 0) {
            Result code = c.query(
                "SELECT used FROM access_codes WHERE round_id = $1 AND unit_id = $2 AND "
                "code_hash = $3",
                Params().add(r.round_id).add(r.unit_id).add(sub.access_code_hash));
            if (!code.ok()) return failed(code);
            if (code.rows() == 0) return {SubmitOutcome::kUnknownCode, {}};
            return {SubmitOutcome::kCodeAlreadyUsed, {}};
        }
    }
    if (!sub.browser_token_hash.empty()) {
        Result token = c.query(
            "INSERT INTO eit_browser_tokens (round_id, unit_id, token_hash) VALUES ($1, $2, $3)",
            Params().add(r.round_id).add(r.unit_id).add(sub.browser_token_hash));
        if (!token.ok()) {
            if (token.sqlstate() == "23505") return {SubmitOutcome::kDuplicateBrowser, {}};
            return failed(token);
        }
    }
    if (Status s = insert_response(c, r); !s.ok()) return SubmitResult::failed(std::move(s));
    return {SubmitOutcome::kStored, {}};
}

SubmitResult PostgresStore::submit(const Submission& submission) {
    return submit_batch({submission}).front();
}

std::vector<SubmitResult> PostgresStore::submit_batch(const std::vector<Submission>& batch) {
    std::vector<SubmitResult> results(batch.size());
    if (batch.empty()) return results;
    auto all_failed = [&](Status why) {
        return std::vector<SubmitResult>(batch.size(), SubmitResult::failed(std::move(why)));
    };
    auto lease = pool_.acquire();
    if (!lease.ok()) return all_failed(lease.status);
    Connection& c = **lease;
    Transaction tx(c);
    if (Status s = tx.begin("submit"); !s.ok()) return all_failed(s);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        // A savepoint per submission: a refused one, or one whose statement
        // failed (which aborts everything after it in PostgreSQL), is undone
        // alone and the others still commit together.
        if (Status s = c.run("SAVEPOINT submission", "submit"); !s.ok()) return all_failed(s);
        results[i] = submit_one(c, batch[i]);
        if (results[i].outcome != SubmitOutcome::kStored) {
            if (Status s = c.run("ROLLBACK TO SAVEPOINT submission", "submit"); !s.ok()) {
                return all_failed(s);
            }
        }
        if (Status s = c.run("RELEASE SAVEPOINT submission", "submit"); !s.ok()) {
            return all_failed(s);
        }
    }
    // Group commit: one WAL flush for the batch; nothing is reported stored
    // before it returns.
    if (Status s = tx.commit("submit"); !s.ok()) return all_failed(s);
    return results;
}

Status PostgresStore::do_import_responses(const std::vector<StoredResponse>& responses,
                                          const AuditEntry* audit) {
    return audited("import_responses", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        std::set<Id> rounds;
        for (const StoredResponse& response : responses) {
            if (Status s = insert_response(c, response); !s.ok()) return s;
            rounds.insert(response.round_id);
        }
        for (Id round_id : rounds) {
            Result r = c.query("UPDATE rounds SET revision = revision + 1 WHERE id = $1",
                               Params().add(round_id));
            if (!r.ok()) return c.error(r, "import_responses");
        }
        return std::optional<Id>();
    }).status;
}

StatusOr<std::vector<StoredResponse>> PostgresStore::list_responses(Id round_id, Id unit_id,
                                                                    std::string_view instrument) {
    using List = std::vector<StoredResponse>;
    return with_connection<List>([&](Connection& c) -> StatusOr<List> {
        // Ordered by the random id: stable, and says nothing about arrival.
        Result r = c.query(
            "SELECT round_id, unit_id, instrument, submitted_on, answers, comment "
            "FROM responses WHERE round_id = $1 AND unit_id = $2 AND instrument = $3 "
            "ORDER BY id",
            Params().add(round_id).add(unit_id).add(instrument));
        if (!r.ok()) return c.error(r, "list_responses");
        List list;
        list.reserve(static_cast<std::size_t>(r.rows()));
        for (int i = 0; i < r.rows(); ++i) {
            list.push_back(StoredResponse{r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.text(i, 3),
                                          r.bytes(i, 4), r.text(i, 5)});
        }
        return ok(std::move(list));
    });
}

Status PostgresStore::scan_round_answers(
    Id round_id, const std::function<void(const RoundAnswerRow&)>& visit) {
    return with_connection_status([&](Connection& c) -> Status {
        // A cursor, fetched in batches, so that a national round (1.35
        // million rows) never sits in one result in memory.
        Transaction tx(c);
        if (Status s = tx.begin("scan_round_answers"); !s.ok()) return s;
        Result declared = c.query(
            "DECLARE round_answers NO SCROLL CURSOR FOR "
            "SELECT unit_id, instrument, answers FROM responses WHERE round_id = $1 "
            "ORDER BY unit_id, instrument, id",
            Params().add(round_id));
        if (!declared.ok()) return c.error(declared, "scan_round_answers");
        for (;;) {
            Result batch = c.query("FETCH FORWARD 20000 FROM round_answers");
            if (!batch.ok()) return c.error(batch, "scan_round_answers");
            if (batch.rows() == 0) break;
            for (int i = 0; i < batch.rows(); ++i) {
                const std::string instrument = batch.text(i, 1);
                const std::vector<std::uint8_t> answers = batch.bytes(i, 2);
                visit(RoundAnswerRow{batch.int64(i, 0), instrument, answers});
            }
        }
        return tx.commit("scan_round_answers");
    });
}

StatusOr<std::int64_t> PostgresStore::count_responses(Id round_id, Id unit_id,
                                                      std::string_view instrument) {
    return with_connection<std::int64_t>([&](Connection& c) -> StatusOr<std::int64_t> {
        Result r = c.query(
            "SELECT count(*) FROM responses WHERE round_id = $1 AND unit_id = $2 AND "
            "instrument = $3",
            Params().add(round_id).add(unit_id).add(instrument));
        if (!r.ok()) return c.error(r, "count_responses");
        return ok<std::int64_t>(r.int64(0, 0));
    });
}

// ---- Users and sessions -----------------------------------------------------

StatusOr<Id> PostgresStore::do_create_user(const User& user, const AuditEntry* audit) {
    return insert_returning_id(
        "INSERT INTO users (username, username_key, display_name, password_hash, role, "
        "unit_id, active, failed_sign_ins, locked_until, must_change_password) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        Params()
            .add(user.username)
            .add(username_key(user.username))
            .add(user.display_name)
            .add(user.password_hash)
            .add(to_string(user.role))
            .add(user.unit_id)
            .add(user.active)
            .add(user.failed_sign_ins)
            .add(user.locked_until)
            .add(user.must_change_password),
        "create_user", audit);
}

Status PostgresStore::do_update_user(const User& user, const AuditEntry* audit) {
    return update_one(
        "UPDATE users SET username = $1, username_key = $2, display_name = $3, "
        "password_hash = $4, role = $5, unit_id = $6, active = $7, failed_sign_ins = $8, "
        "locked_until = $9, must_change_password = $10 WHERE id = $11",
        Params()
            .add(user.username)
            .add(username_key(user.username))
            .add(user.display_name)
            .add(user.password_hash)
            .add(to_string(user.role))
            .add(user.unit_id)
            .add(user.active)
            .add(user.failed_sign_ins)
            .add(user.locked_until)
            .add(user.must_change_password)
            .add(user.id),
        "update_user", user.id, audit);
}

StatusOr<User> PostgresStore::get_user(Id id) {
    return with_connection<User>([&](Connection& c) -> StatusOr<User> {
        Result r =
            c.query("SELECT " ITAGAP_USER_COLUMNS " FROM users WHERE id = $1", Params().add(id));
        if (!r.ok()) return c.error(r, "get_user");
        if (r.rows() == 0) return not_found("get_user", id);
        return read_user(r, 0);
    });
}

StatusOr<User> PostgresStore::find_user(std::string_view username) {
    return with_connection<User>([&](Connection& c) -> StatusOr<User> {
        Result r = c.query("SELECT " ITAGAP_USER_COLUMNS " FROM users WHERE username_key = $1",
                           Params().add(username_key(username)));
        if (!r.ok()) return c.error(r, "find_user");
        if (r.rows() == 0) {
            return Status::NotFound("postgres: find_user: no such user");
        }
        return read_user(r, 0);
    });
}

StatusOr<std::vector<User>> PostgresStore::list_users() {
    return with_connection<std::vector<User>>([](Connection& c) -> StatusOr<std::vector<User>> {
        Result r = c.query("SELECT " ITAGAP_USER_COLUMNS " FROM users ORDER BY id");
        if (!r.ok()) return c.error(r, "list_users");
        std::vector<User> users;
        for (int i = 0; i < r.rows(); ++i) {
            auto user = read_user(r, i);
            if (!user.ok()) return user.status;
            users.push_back(std::move(*user));
        }
        return ok(std::move(users));
    });
}

Status PostgresStore::create_session(const Session& session) {
    return with_connection_status([&](Connection& c) -> Status {
        Result r = c.query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) "
            "VALUES ($1, $2, $3, $4)",
            Params()
                .add(session.token_hash)
                .add(session.user_id)
                .add(session.csrf_token)
                .add(session.expires_at));
        return r.ok() ? Status::Ok() : c.error(r, "create_session");
    });
}

StatusOr<Session> PostgresStore::find_session(std::string_view token_hash, std::string_view now) {
    return with_connection<Session>([&](Connection& c) -> StatusOr<Session> {
        // Fixed-width ISO UTC text in COLLATE "C": text order is time order.
        Result r = c.query(
            "SELECT token_hash, user_id, csrf_token, expires_at FROM sessions "
            "WHERE token_hash = $1 AND expires_at > $2",
            Params().add(token_hash).add(now));
        if (!r.ok()) return c.error(r, "find_session");
        if (r.rows() == 0) {
            return Status::NotFound("postgres: find_session: no such session or it expired");
        }
        return ok(Session{r.text(0, 0), r.int64(0, 1), r.text(0, 2), r.text(0, 3)});
    });
}

Status PostgresStore::delete_session(std::string_view token_hash) {
    return with_connection_status([&](Connection& c) -> Status {
        Result r = c.query("DELETE FROM sessions WHERE token_hash = $1", Params().add(token_hash));
        if (!r.ok()) return c.error(r, "delete_session");
        if (r.affected() == 0) {
            return {StatusCode::kNotFound, "postgres: delete_session: no such session"};
        }
        return Status::Ok();
    });
}

// ---- Improvement plans ------------------------------------------------------

PlanRecord read_plan(const Result& r, int row) {
    return PlanRecord{r.int64(row, 0), r.int64(row, 1), static_cast<int>(r.int64(row, 2)),
                      r.text(row, 3),  r.int64(row, 4), r.text(row, 5),
                      r.optional_int64(row, 6)};
}

StatusOr<Id> PostgresStore::do_create_plan(const PlanRecord& plan, const AuditEntry* audit) {
    // Version 1 whatever the record says: versions count saves in this
    // database only.
    return insert_returning_id(
        "INSERT INTO plans (unit_id, fiscal_year_be, document, version, updated_at, "
        "source_round_id) VALUES ($1, $2, $3, 1, $4, $5) RETURNING id",
        Params()
            .add(plan.unit_id)
            .add(plan.fiscal_year_be)
            .add(plan.document)
            .add(plan.updated_at)
            .add(plan.source_round_id),
        "create_plan", audit);
}

StatusOr<std::int64_t> PostgresStore::do_save_plan(Id plan_id, const std::string& document,
                                                   std::int64_t expected_version,
                                                   std::string_view now,
                                                   const AuditEntry* audit) {
    std::int64_t version = 0;
    auto saved = audited("save_plan", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        // Compare-and-set in one statement. Under READ COMMITTED a second
        // saver from the same version waits for the first one's row lock,
        // then re-evaluates "version = $4" on the new row and matches nothing.
        Result r = c.query(
            "UPDATE plans SET document = $1, version = version + 1, updated_at = $2 "
            "WHERE id = $3 AND version = $4 RETURNING version",
            Params().add(document).add(now).add(plan_id).add(expected_version));
        if (!r.ok()) return c.error(r, "save_plan");
        if (r.rows() == 1) {
            version = r.int64(0, 0);
            return std::optional<Id>();
        }
        // Nothing changed: a stale version or a missing plan. Plans are never
        // deleted, so a plan seen here existed when the UPDATE ran.
        Result exists = c.query("SELECT version FROM plans WHERE id = $1", Params().add(plan_id));
        if (!exists.ok()) return c.error(exists, "save_plan");
        if (exists.rows() == 0) return not_found("save_plan", plan_id);
        return Status::Conflict(
            fmt::format("postgres: save_plan: plan {} is at version {}, not {}: saved by "
                        "someone else in the meantime",
                        plan_id, exists.int64(0, 0), expected_version));
    });
    if (!saved.ok()) return saved.status;
    return version;
}

StatusOr<PlanRecord> PostgresStore::get_plan(Id plan_id) {
    return with_connection<PlanRecord>([&](Connection& c) -> StatusOr<PlanRecord> {
        Result r = c.query(ITAGAP_PLAN_SELECT " WHERE id = $1", Params().add(plan_id));
        if (!r.ok()) return c.error(r, "get_plan");
        if (r.rows() == 0) return not_found("get_plan", plan_id);
        return ok(read_plan(r, 0));
    });
}

StatusOr<std::vector<PlanRecord>> PostgresStore::list_plans(std::optional<int> fiscal_year_be) {
    using List = std::vector<PlanRecord>;
    return with_connection<List>([&](Connection& c) -> StatusOr<List> {
        // One statement for both: a NULL year matches every plan.
        std::optional<std::int64_t> year;
        if (fiscal_year_be) year = *fiscal_year_be;
        Result r = c.query(ITAGAP_PLAN_SELECT
                           " WHERE $1::integer IS NULL OR fiscal_year_be = $1::integer "
                           "ORDER BY unit_id, fiscal_year_be, id",
                           Params().add(year));
        if (!r.ok()) return c.error(r, "list_plans");
        List list;
        for (int i = 0; i < r.rows(); ++i) list.push_back(read_plan(r, i));
        return ok(std::move(list));
    });
}

StatusOr<std::optional<PlanRecord>> PostgresStore::find_plan_by_source_round(Id unit_id,
                                                                            Id round_id) {
    using Found = std::optional<PlanRecord>;
    return with_connection<Found>([&](Connection& c) -> StatusOr<Found> {
        Result r = c.query(ITAGAP_PLAN_SELECT
                           " WHERE unit_id = $1 AND source_round_id = $2 ORDER BY id LIMIT 1",
                           Params().add(unit_id).add(round_id));
        if (!r.ok()) return c.error(r, "find_plan_by_source_round");
        if (r.rows() == 0) return Found();
        return Found(read_plan(r, 0));
    });
}

// ---- Evidence files ---------------------------------------------------------

EvidenceFile read_evidence(const Result& r, int row) {
    return EvidenceFile{r.int64(row, 0), r.int64(row, 1), r.text(row, 2), r.text(row, 3),
                        r.text(row, 4),  r.int64(row, 5), r.text(row, 6), r.optional_int64(row, 7)};
}

StatusOr<Id> PostgresStore::do_add_evidence(const EvidenceFile& file, const std::string& bytes,
                                            const AuditEntry* audit) {
    auto checked = checked_evidence(file, bytes);
    if (!checked.ok()) return checked.status;
    const EvidenceFile& f = *checked;
    auto id = audited("add_evidence", audit, [&](Connection& c) -> StatusOr<std::optional<Id>> {
        // A random id collides with probability ~n/2^63; retry rather than
        // fail, under a savepoint since the failed insert aborts the
        // transaction.
        for (int attempt = 0;; ++attempt) {
            const Id id = random_evidence_id();
            if (Status s = c.run("SAVEPOINT evidence_id", "add_evidence"); !s.ok()) return s;
            Result r = c.query(
                "INSERT INTO evidence_files (id, plan_id, original_name, content_type, sha256, "
                "size_bytes, uploaded_at, uploaded_by, bytes) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                Params()
                    .add(id)
                    .add(f.plan_id)
                    .add(f.original_name)
                    .add(f.content_type)
                    .add(f.sha256)
                    .add(f.size_bytes)
                    .add(f.uploaded_at)
                    .add(f.uploaded_by)
                    .add_bytes(std::string_view(bytes)));
            if (r.ok()) return std::optional<Id>(id);
            const bool id_taken = r.sqlstate() == "23505" &&
                                  r.message().find("evidence_files_pkey") != std::string::npos;
            if (!id_taken || attempt == 3) return c.error(r, "add_evidence");
            if (Status s = c.run("ROLLBACK TO SAVEPOINT evidence_id", "add_evidence"); !s.ok()) {
                return s;
            }
        }
    });
    if (!id.ok()) return id.status;
    return **id;
}

StatusOr<EvidenceFile> PostgresStore::get_evidence(Id evidence_id) {
    return with_connection<EvidenceFile>([&](Connection& c) -> StatusOr<EvidenceFile> {
        Result r = c.query(ITAGAP_EVIDENCE_SELECT " WHERE id = $1", Params().add(evidence_id));
        if (!r.ok()) return c.error(r, "get_evidence");
        if (r.rows() == 0) return not_found("get_evidence", evidence_id);
        return ok(read_evidence(r, 0));
    });
}

StatusOr<std::string> PostgresStore::read_evidence_bytes(Id evidence_id) {
    return with_connection<std::string>([&](Connection& c) -> StatusOr<std::string> {
        Result r =
            c.query("SELECT bytes FROM evidence_files WHERE id = $1", Params().add(evidence_id));
        if (!r.ok()) return c.error(r, "read_evidence_bytes");
        if (r.rows() == 0) return not_found("read_evidence_bytes", evidence_id);
        return ok(r.bytes_string(0, 0));
    });
}

StatusOr<std::vector<EvidenceFile>> PostgresStore::list_evidence(Id plan_id) {
    using List = std::vector<EvidenceFile>;
    return with_connection<List>([&](Connection& c) -> StatusOr<List> {
        // Upload order for display; ids are random, so by time, then id.
        Result r = c.query(ITAGAP_EVIDENCE_SELECT " WHERE plan_id = $1 ORDER BY uploaded_at, id",
                           Params().add(plan_id));
        if (!r.ok()) return c.error(r, "list_evidence");
        List list;
        for (int i = 0; i < r.rows(); ++i) list.push_back(read_evidence(r, i));
        return ok(std::move(list));
    });
}

// ---- Audit log --------------------------------------------------------------

Status PostgresStore::append_audit(const AuditEntry& entry) {
    return with_connection_status([&](Connection& c) -> Status {
        Result r =
            c.query("INSERT INTO audit_log (at, user_id, action, details) VALUES ($1, $2, $3, $4)",
                    Params().add(entry.at).add(entry.user_id).add(entry.action).add(entry.details));
        return r.ok() ? Status::Ok() : c.error(r, "append_audit");
    });
}

StatusOr<std::vector<AuditEntry>> PostgresStore::list_audit(int limit) {
    using List = std::vector<AuditEntry>;
    if (limit < 0)
        return Status::Invalid("postgres: list_audit: negative limit");
    return with_connection<List>([&](Connection& c) -> StatusOr<List> {
        Result r = c.query(
            "SELECT id, at, user_id, action, details FROM audit_log ORDER BY id DESC LIMIT $1",
            Params().add(limit));
        if (!r.ok()) return c.error(r, "list_audit");
        List list;
        for (int i = 0; i < r.rows(); ++i) {
            list.push_back(AuditEntry{r.int64(i, 0), r.text(i, 1), r.optional_int64(i, 2),
                                      r.text(i, 3), r.text(i, 4)});
        }
        return ok(std::move(list));
    });
}

#undef ITAGAP_USER_COLUMNS
#undef ITAGAP_ROUND_SELECT
#undef ITAGAP_PLAN_SELECT
#undef ITAGAP_EVIDENCE_SELECT

}  // namespace

StatusOr<std::unique_ptr<Store>> open_postgres_store(const std::string& url) {
    if (sodium_init() < 0) {
        return Status::Internal("postgres: open: libsodium could not be initialised");
    }
    auto store = std::make_unique<PostgresStore>(url);
    // Connect once now so a wrong URL or a down server shows at start-up,
    // not at the first respondent.
    Status reachable = store->schema_version().status;
    if (reachable.code == StatusCode::kUnavailable) return reachable;
    return std::move(store);
}

}  // namespace itagap::store::postgres
