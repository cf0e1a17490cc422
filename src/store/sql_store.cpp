// The shared store over the SqlConnection seam. Every rule of the store is
// here once; see sql_store.hpp. Isolation notes for PostgreSQL (READ
// COMMITTED) are kept next to the statements whose locks make them hold.
#include "store/sql_store.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <cstring>
#include <limits>
#include <set>
#include <type_traits>
#include <utility>

namespace itagap::store {

// ---- Shared helpers ---------------------------------------------------------

std::string username_key(std::string_view username) {
    std::string key(username);
    for (char& ch : key) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return key;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

Id random_id() {
    std::uint64_t bits = 0;
    randombytes_buf(&bits, sizeof bits);
    Id id = 0;
    std::memcpy(&id, &bits, sizeof id);
    return id;
}

StatusOr<EvidenceFile> checked_evidence(const EvidenceFile& file, std::string_view bytes) {
    EvidenceFile out = file;
    const std::string digest = sha256_hex(bytes);
    const auto size = static_cast<std::int64_t>(bytes.size());
    if ((!file.sha256.empty() && file.sha256 != digest) ||
        (file.size_bytes != 0 && file.size_bytes != size)) {
        return Status::Invalid("add_evidence: the size or SHA-256 given does not match the bytes");
    }
    out.sha256 = digest;
    out.size_bytes = size;
    return out;
}

std::string audit_details(const AuditEntry& entry, std::optional<Id> new_id) {
    std::string_view details = entry.details;
    if (entry.new_id_key.empty() || !new_id) return details.empty() ? "{}" : std::string(details);
    // The key is a constant of the caller's ("unit_id"); the id a number.
    std::string field = fmt::format("\"{}\":{}", entry.new_id_key, *new_id);
    std::size_t open = details.find('{');
    if (open == std::string_view::npos) return "{" + field + "}";
    std::size_t next = details.find_first_not_of(" \t\r\n", open + 1);
    const bool empty_object = next != std::string_view::npos && details[next] == '}';
    return std::string(details.substr(0, open + 1)) + field + (empty_object ? "" : ",") +
           std::string(details.substr(open + 1));
}

StatusOr<RoundStatus> round_status_of_row(std::string_view text, Id row_id) {
    if (auto status = round_status_from_string(text)) return *status;
    return Status::Internal(
        fmt::format("rounds row {}: status '{}' is not draft, open or closed", row_id, text));
}

StatusOr<Role> role_of_row(std::string_view text, Id row_id) {
    if (auto role = role_from_string(text)) return *role;
    return Status::Internal(
        fmt::format("users row {}: role '{}' is not admin, unit_coordinator, executive or reviewer",
                    row_id, text));
}

namespace {

// A random id collides with probability ~n/2^64; so many tries failing means
// the id source is broken, not bad luck.
constexpr int kIdTries = 4;

// ---- Row mappers ------------------------------------------------------------

constexpr std::string_view kUnitSelect =
    "SELECT id, parent_id, name, short_name, name_en, staff_count, client_count, website FROM "
    "units";
constexpr std::string_view kRoundSelect =
    "SELECT id, fiscal_year_be, name, opens_on, closes_on, questionnaire_id, status, "
    "results_published, revision, oit_answering_first, oit_answering_last, oit_review_first, "
    "oit_review_last, oit_appeal_first, oit_appeal_last, oit_confirmation_first, "
    "oit_confirmation_last FROM rounds";
constexpr std::string_view kUserSelect =
    "SELECT id, username, display_name, password_hash, role, unit_id, active, failed_sign_ins, "
    "locked_until, must_change_password FROM users";
constexpr std::string_view kPlanSelect =
    "SELECT id, unit_id, fiscal_year_be, document, version, updated_at, source_round_id "
    "FROM plans";
constexpr std::string_view kEvidenceSelect =
    "SELECT id, plan_id, original_name, content_type, sha256, size_bytes, uploaded_at, "
    "uploaded_by FROM evidence_files";

constexpr std::string_view kUnitInsert =
    "INSERT INTO units (parent_id, name, short_name, name_en, staff_count, client_count, "
    "website) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

// The columns of kUnitInsert (and of update_unit's SET), in order.
SqlParams unit_params(const Unit& unit, std::optional<Id> parent_id) {
    return std::move(SqlParams()
                         .add(parent_id)
                         .add(unit.name)
                         .add(unit.short_name)
                         .add(unit.name_en)
                         .add(unit.staff_count)
                         .add(unit.client_count)
                         .add(unit.website));
}

StatusOr<Unit> unit_of(const SqlRow& r) {
    return Unit{r.int64(0),  r.optional_int64(1), r.string(2),         r.string(3),
                r.string(4), r.optional_int64(5), r.optional_int64(6), r.string(7)};
}

StatusOr<Round> round_of(const SqlRow& r) {
    Round round;
    round.id = r.int64(0);
    round.fiscal_year_be = static_cast<int>(r.int64(1));
    round.name = r.string(2);
    round.opens_on = r.string(3);
    round.closes_on = r.string(4);
    round.questionnaire_id = r.int64(5);
    auto status = round_status_of_row(r.text(6), round.id);
    if (!status.ok()) return status.status;
    round.status = *status;
    round.results_published = r.boolean(7);
    round.revision = r.int64(8);
    round.oit = {r.string(9),  r.string(10), r.string(11), r.string(12),
                 r.string(13), r.string(14), r.string(15), r.string(16)};
    return round;
}

// The columns of create_round's INSERT (and of update_round's SET), in order.
SqlParams round_params(const Round& round) {
    return std::move(SqlParams()
                         .add(round.fiscal_year_be)
                         .add(round.name)
                         .add(round.opens_on)
                         .add(round.closes_on)
                         .add(round.questionnaire_id)
                         .add(to_string(round.status))
                         .add(round.results_published)
                         .add(round.oit.answering_first)
                         .add(round.oit.answering_last)
                         .add(round.oit.review_first)
                         .add(round.oit.review_last)
                         .add(round.oit.appeal_first)
                         .add(round.oit.appeal_last)
                         .add(round.oit.confirmation_first)
                         .add(round.oit.confirmation_last));
}

constexpr std::string_view kUserInsert =
    "INSERT INTO users (username, username_key, display_name, password_hash, role, "
    "unit_id, active, failed_sign_ins, locked_until, must_change_password) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

SqlParams user_params(const User& user) {
    return std::move(SqlParams()
                         .add(user.username)
                         .add(username_key(user.username))
                         .add(user.display_name)
                         .add(user.password_hash)
                         .add(to_string(user.role))
                         .add(user.unit_id)
                         .add(user.active)
                         .add(user.failed_sign_ins)
                         .add(user.locked_until)
                         .add(user.must_change_password));
}

StatusOr<User> user_of(const SqlRow& r) {
    User u;
    u.id = r.int64(0);
    u.username = r.string(1);
    u.display_name = r.string(2);
    u.password_hash = r.string(3);
    auto role = role_of_row(r.text(4), u.id);
    if (!role.ok()) return role.status;
    u.role = *role;
    u.unit_id = r.optional_int64(5);
    u.active = r.boolean(6);
    u.failed_sign_ins = static_cast<int>(r.int64(7));
    u.locked_until = r.string(8);
    u.must_change_password = r.boolean(9);
    return u;
}

StatusOr<PlanRecord> plan_of(const SqlRow& r) {
    return PlanRecord{r.int64(0), r.int64(1),  static_cast<int>(r.int64(2)), r.string(3),
                      r.int64(4), r.string(5), r.optional_int64(6)};
}

StatusOr<EvidenceFile> evidence_of(const SqlRow& r) {
    return EvidenceFile{r.int64(0),  r.int64(1), r.string(2), r.string(3),
                        r.string(4), r.int64(5), r.string(6), r.optional_int64(7)};
}

StatusOr<AuditEntry> audit_of(const SqlRow& r) {
    return AuditEntry{r.int64(0), r.string(1), r.optional_int64(2), r.string(3), r.string(4), {}};
}

StatusOr<QuestionnaireRecord> questionnaire_of(const SqlRow& r) {
    return QuestionnaireRecord{r.int64(0), r.string(1), r.string(2), r.string(3), r.string(4)};
}

StatusOr<StoredResponse> response_of(const SqlRow& r) {
    auto answers = r.bytes(4);
    return StoredResponse{r.int64(0),
                          r.int64(1),
                          r.string(2),
                          r.string(3),
                          std::vector<std::uint8_t>(answers.begin(), answers.end()),
                          r.string(5)};
}

StatusOr<Id> id_of(const SqlRow& r) { return r.int64(0); }

// ---- OIT rows ---------------------------------------------------------------

// Links are stored one per line (a URL holds no line break: core::is_web_url).
std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) {
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty()) out.emplace_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return out;
}

std::string elements_text(const std::vector<bool>& elements) {
    std::string out;
    for (bool passed : elements) out += passed ? '1' : '0';
    return out;
}

constexpr std::string_view kOitAnswerSelect =
    "SELECT round_id, unit_id, item_code, state, available, urls, explanation, responsible, "
    "due_on, review_comment, elements_passed, clarification, clarification_urls, revision, "
    "updated_at, updated_by FROM oit_answers";

StatusOr<OitAnswerRecord> oit_answer_of(const SqlRow& r) {
    OitAnswerRecord out;
    out.round_id = r.int64(0);
    out.unit_id = r.int64(1);
    core::OitAnswer& a = out.answer;
    a.item_code = r.string(2);
    auto state = core::oit_item_state_from_string(r.text(3));
    if (!state) {
        return Status::Internal(fmt::format("oit_answers row ({}, {}, {}): state '{}' is unknown",
                                            out.round_id, out.unit_id, a.item_code, r.text(3)));
    }
    a.state = *state;
    a.available = r.boolean(4);
    a.urls = split_lines(r.text(5));
    a.explanation = r.string(6);
    a.responsible = r.string(7);
    if (!r.text(8).empty()) {
        a.due = core::parse_iso_date(r.text(8));
        if (!a.due) {
            return Status::Internal(
                fmt::format("oit_answers row ({}, {}, {}): due_on '{}' is not a date", out.round_id,
                            out.unit_id, a.item_code, r.text(8)));
        }
    }
    a.review_comment = r.string(9);
    for (char c : r.text(10)) a.elements_passed.push_back(c == '1');
    a.clarification = r.string(11);
    a.clarification_urls = split_lines(r.text(12));
    a.revision = r.int64(13);
    out.updated_at = r.string(14);
    out.updated_by = r.optional_int64(15);
    return out;
}

// The answer's columns from state to clarification_urls, in kOitAnswerSelect
// order.
SqlParams& add_oit_answer(SqlParams& params, const core::OitAnswer& a) {
    return params.add(core::to_string(a.state))
        .add(a.available)
        .add(join_lines(a.urls))
        .add(a.explanation)
        .add(a.responsible)
        .add(a.due ? core::to_iso_string(*a.due) : std::string())
        .add(a.review_comment)
        .add(elements_text(a.elements_passed))
        .add(a.clarification)
        .add(join_lines(a.clarification_urls));
}

constexpr std::string_view kLinkCheckSelect =
    "SELECT url, checked_at, http_status, final_url, content_type, failure, detail, fine, "
    "broken, outside_site, year_missing FROM oit_link_checks";

StatusOr<OitLinkCheck> link_check_of(const SqlRow& r) {
    return OitLinkCheck{r.string(0),  r.string(1),  r.int64(2),   r.string(3),
                        r.string(4),  r.string(5),  r.string(6),  r.boolean(7),
                        r.boolean(8), r.boolean(9), r.boolean(10)};
}

// The T of a row mapper returning StatusOr<T>.
template <typename>
struct StatusOrValue;
template <typename T>
struct StatusOrValue<StatusOr<T>> {
    using type = T;
};
template <typename Map>
using Mapped = typename StatusOrValue<std::invoke_result_t<Map&, const SqlRow&>>::type;

// Every row of `sql` through `map`.
template <typename Map>
StatusOr<std::vector<Mapped<Map>>> all_rows(SqlConnection& c, std::string_view op,
                                            std::string_view sql, const SqlParams& params,
                                            Map map) {
    using T = Mapped<Map>;
    std::vector<T> out;
    auto ran = c.run(op, sql, params, [&](const SqlRow& row) -> Status {
        auto value = map(row);
        if (!value.ok()) return value.status;
        out.push_back(std::move(*value));
        return Status::Ok();
    });
    if (!ran.ok()) return ran.status;
    return out;
}

// The first row of `sql` through `map`, or nullopt.
template <typename Map>
StatusOr<std::optional<Mapped<Map>>> first_row(SqlConnection& c, std::string_view op,
                                               std::string_view sql, const SqlParams& params,
                                               Map map) {
    using T = Mapped<Map>;
    std::optional<T> out;
    auto ran = c.run(op, sql, params, [&](const SqlRow& row) -> Status {
        if (out) return Status::Ok();
        auto value = map(row);
        if (!value.ok()) return value.status;
        out.emplace(std::move(*value));
        return Status::Ok();
    });
    if (!ran.ok()) return ran.status;
    return out;
}

class SqlStore final : public Store {
public:
    SqlStore(std::unique_ptr<SqlConnectionSource> source, SqlStoreHooks hooks)
        : source_(std::move(source)),
          name_(source_->name()),
          random_id_(hooks.random_id ? std::move(hooks.random_id) : std::function<Id()>(random_id)),
          round_status_sql_(
              fmt::format("SELECT status FROM rounds WHERE id = ?{}", source_->for_share())) {}

    Status migrate() override;
    StatusOr<int> schema_version() override;

    StatusOr<Unit> get_unit(Id id) override;
    StatusOr<std::vector<Unit>> list_units() override;
    StatusOr<QuestionnaireRecord> get_questionnaire(Id id) override;
    StatusOr<std::vector<QuestionnaireRecord>> list_questionnaires() override;
    StatusOr<Round> get_round(Id id) override;
    StatusOr<std::vector<Round>> list_rounds() override;

    StatusOr<AccessCodeCounts> count_access_codes(Id round_id, Id unit_id) override;
    StatusOr<std::map<Id, AccessCodeCounts>> count_access_codes_by_unit(Id round_id) override;
    StatusOr<AccessCodeInfo> find_access_code(std::string_view code_hash) override;
    StatusOr<bool> eit_browser_answered(Id round_id, Id unit_id,
                                        std::string_view token_hash) override;

    SubmitResult submit(const Submission& submission) override;
    std::vector<SubmitResult> submit_batch(const std::vector<Submission>& batch) override;
    StatusOr<std::vector<StoredResponse>> list_responses(Id round_id, Id unit_id,
                                                         std::string_view instrument) override;
    StatusOr<std::int64_t> count_responses(Id round_id, Id unit_id,
                                           std::string_view instrument) override;
    Status scan_round_answers(Id round_id,
                              const std::function<void(const RoundAnswerRow&)>& visit) override;

    StatusOr<User> get_user(Id id) override;
    StatusOr<User> find_user(std::string_view username) override;
    StatusOr<std::vector<User>> list_users() override;
    Status create_session(const Session& session) override;
    StatusOr<Session> find_session(std::string_view token_hash, std::string_view now) override;
    Status delete_session(std::string_view token_hash) override;
    Status delete_user_sessions(Id user_id) override;

    StatusOr<PlanRecord> get_plan(Id plan_id) override;
    StatusOr<std::vector<PlanRecord>> list_plans(std::optional<int> fiscal_year_be) override;
    StatusOr<std::optional<PlanRecord>> find_plan_by_source_round(Id unit_id, Id round_id) override;
    StatusOr<EvidenceFile> get_evidence(Id evidence_id) override;
    StatusOr<std::string> read_evidence_bytes(Id evidence_id) override;
    StatusOr<std::vector<EvidenceFile>> list_evidence(Id plan_id) override;

    StatusOr<std::optional<std::string>> get_setting(std::string_view key) override;

    StatusOr<std::vector<OitAnswerRecord>> list_oit_answers(Id round_id, Id unit_id) override;
    StatusOr<std::vector<OitAnswerRecord>> list_round_oit_answers(Id round_id) override;
    Status save_oit_link_checks(Id round_id, Id unit_id,
                                const std::vector<OitLinkCheck>& checks) override;
    StatusOr<std::vector<OitLinkCheck>> list_oit_link_checks(Id round_id, Id unit_id) override;

    Status append_audit(const AuditEntry& entry) override;
    StatusOr<std::vector<AuditEntry>> list_audit(int limit) override;

protected:
    StatusOr<Id> do_create_unit(const Unit& unit, const AuditEntry* audit) override;
    Status do_update_unit(const Unit& unit, const AuditEntry* audit) override;
    StatusOr<std::vector<Id>> do_create_units(const std::vector<NewUnit>& units,
                                              const AuditEntry* audit) override;
    StatusOr<Id> do_add_questionnaire(const QuestionnaireRecord& q,
                                      const AuditEntry* audit) override;
    StatusOr<Id> do_create_round(const Round& round, const AuditEntry* audit) override;
    Status do_update_round(const Round& round, const AuditEntry* audit) override;
    Status do_delete_round(Id round_id, const AuditEntry* audit) override;
    Status do_add_access_codes(const AccessCodeBatch& batch, const AuditEntry* audit) override;
    StatusOr<std::int64_t> do_revoke_access_codes(Id round_id, Id unit_id,
                                                  const std::optional<std::string>& code_hash,
                                                  const AuditEntry* audit) override;
    Status do_import_responses(const std::vector<StoredResponse>& responses,
                               const AuditEntry* audit) override;
    StatusOr<Id> do_create_user(const User& user, const AuditEntry* audit) override;
    Status do_update_user(const User& user, const AuditEntry* audit) override;
    StatusOr<std::vector<Id>> do_create_users(const std::vector<User>& users,
                                              const AuditEntry* audit) override;
    Status do_set_setting(std::string_view key, std::string_view value,
                          const AuditEntry* audit) override;
    StatusOr<Id> do_create_plan(const PlanRecord& plan, const AuditEntry* audit) override;
    StatusOr<std::int64_t> do_save_plan(Id plan_id, const std::string& document,
                                        std::int64_t expected_version, std::string_view now,
                                        const AuditEntry* audit) override;
    StatusOr<Id> do_add_evidence(const EvidenceFile& file, const std::string& bytes,
                                 const AuditEntry* audit) override;
    StatusOr<std::vector<std::int64_t>> do_save_oit_answers(
        Id round_id, Id unit_id, const std::vector<OitAnswerWrite>& writes, std::string_view now,
        std::optional<Id> by, const AuditEntry* audit) override;

private:
    Status not_found(std::string_view op, Id id) const {
        return Status::NotFound(fmt::format("{}: {}: no row with id {}", name_, op, id));
    }

    // `fn(SqlConnection&) -> StatusOr<T>` on a reader.
    template <typename T, typename Fn>
    StatusOr<T> read(Fn&& fn) {
        std::optional<T> out;
        Status s = source_->with_reader([&](SqlConnection& c) -> Status {
            StatusOr<T> r = fn(c);
            if (!r.ok()) return r.status;
            out.emplace(std::move(*r));
            return Status::Ok();
        });
        if (!s.ok()) return s;
        return std::move(*out);
    }

    // A row by id, kNotFound when there is none.
    template <typename Map>
    StatusOr<Mapped<Map>> read_by_id(std::string_view op, std::string_view select, Id id, Map map) {
        using T = Mapped<Map>;
        const std::string sql = fmt::format("{} WHERE id = ?", select);
        return read<T>([&](SqlConnection& c) -> StatusOr<T> {
            auto row = first_row(c, op, sql, SqlParams().add(id), map);
            if (!row.ok()) return row.status;
            if (!*row) return not_found(op, id);
            return std::move(**row);
        });
    }

    template <typename Map>
    StatusOr<std::vector<Mapped<Map>>> read_all(std::string_view op, std::string sql,
                                                SqlParams params, Map map) {
        using List = std::vector<Mapped<Map>>;
        return read<List>(
            [&](SqlConnection& c) -> StatusOr<List> { return all_rows(c, op, sql, params, map); });
    }

    // A change and its audit entry in one transaction: `change` returns the
    // new row's id (or nullopt) and the entry, with that id added, is
    // written after it; if the entry cannot be written nothing commits.
    template <typename Change>
    StatusOr<std::optional<Id>> audited(std::string_view op, const AuditEntry* audit,
                                        Change&& change) {
        std::optional<Id> created;
        Status s = source_->with_writer([&](SqlConnection& c) -> Status {
            SqlTransaction tx(c);
            if (Status b = tx.begin(op); !b.ok()) return b;
            StatusOr<std::optional<Id>> done = change(c);
            if (!done.ok()) return done.status;
            if (Status a = write_audit(c, audit, *done, op); !a.ok()) return a;
            if (Status m = tx.commit(op); !m.ok()) return m;
            created = *done;
            return Status::Ok();
        });
        if (!s.ok()) return s;
        return created;
    }
    // An INSERT ... RETURNING id with its audit entry.
    StatusOr<Id> insert_returning_id(std::string_view op, std::string_view sql,
                                     const SqlParams& params, const AuditEntry* audit);
    // An UPDATE of row `id` with its audit entry; kNotFound when none matched.
    Status update_one(std::string_view op, std::string_view sql, const SqlParams& params, Id id,
                      const AuditEntry* audit);

    // REQUIRES: a transaction open on `c`.
    Status write_audit(SqlConnection& c, const AuditEntry* audit, std::optional<Id> new_id,
                       std::string_view op);
    // REQUIRES: a transaction open on `c`.
    SubmitResult submit_one(SqlConnection& c, const Submission& submission);
    // Inserts a response under a fresh random id, retrying a taken one.
    // REQUIRES: a transaction open on `c`.
    Status insert_response(SqlConnection& c, const StoredResponse& r);

    const std::unique_ptr<SqlConnectionSource> source_;
    const std::string name_;
    const std::function<Id()> random_id_;
    const std::string round_status_sql_;
};

// ---- Migrations -------------------------------------------------------------

Status SqlStore::migrate() {
    return source_->with_writer([&](SqlConnection& c) -> Status {
        auto all = source_->migrations();
        for (std::size_t i = 0; i < all.size(); ++i) {
            const int version = static_cast<int>(i) + 1;
            // Each version in its own transaction. Servers starting together
            // queue on the migration lock, taken before schema_migrations is
            // even created; the later ones then see the version recorded and
            // skip it.
            SqlTransaction tx(c);
            if (Status s = tx.begin("migrate"); !s.ok()) return s;
            if (Status s = c.lock_for_migration(); !s.ok()) return s;
            if (Status s = c.script("migrate",
                                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                                    "(version INTEGER PRIMARY KEY)");
                !s.ok()) {
                return s;
            }
            auto applied =
                first_row(c, "migrate", "SELECT 1 FROM schema_migrations WHERE version = ?",
                          SqlParams().add(version), id_of);
            if (!applied.ok()) return applied.status;
            if (*applied) continue;  // the transaction rolls back nothing
            // Migration text is a constant from migrations.cpp, never data.
            if (Status s = c.script("migrate", all[i]); !s.ok()) {
                s.message += fmt::format(" (migration {})", version);
                return s;
            }
            auto recorded = c.run("migrate", "INSERT INTO schema_migrations (version) VALUES (?)",
                                  SqlParams().add(version));
            if (!recorded.ok()) return recorded.status;
            if (Status s = tx.commit("migrate"); !s.ok()) return s;
        }
        return Status::Ok();
    });
}

StatusOr<int> SqlStore::schema_version() {
    return read<int>([](SqlConnection& c) -> StatusOr<int> {
        auto exists = c.table_exists("schema_migrations");
        if (!exists.ok()) return exists.status;
        if (!*exists) return 0;  // never migrated
        auto max = first_row(c, "schema_version",
                             "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", SqlParams(),
                             id_of);
        if (!max.ok()) return max.status;
        return static_cast<int>(max->value_or(0));
    });
}

// ---- Writes and their audit entries -----------------------------------------

Status SqlStore::write_audit(SqlConnection& c, const AuditEntry* audit, std::optional<Id> new_id,
                             std::string_view op) {
    if (audit == nullptr) return Status::Ok();
    auto written =
        c.run(op, "INSERT INTO audit_log (at, user_id, action, details) VALUES (?, ?, ?, ?)",
              SqlParams()
                  .add(audit->at)
                  .add(audit->user_id)
                  .add(audit->action)
                  .add(audit_details(*audit, new_id)));
    if (written.ok()) return Status::Ok();
    Status failed = written.status;
    failed.message += " (writing its audit entry)";
    return failed;
}

StatusOr<Id> SqlStore::insert_returning_id(std::string_view op, std::string_view sql,
                                           const SqlParams& params, const AuditEntry* audit) {
    auto id = audited(op, audit, [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
        auto row = first_row(c, op, sql, params, id_of);
        if (!row.ok()) return row.status;
        if (!*row) return Status::Internal(fmt::format("{}: {}: no id returned", name_, op));
        return *row;
    });
    if (!id.ok()) return id.status;
    return **id;
}

Status SqlStore::update_one(std::string_view op, std::string_view sql, const SqlParams& params,
                            Id id, const AuditEntry* audit) {
    return audited(op, audit,
                   [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
                       auto changed = c.run(op, sql, params);
                       if (!changed.ok()) return changed.status;
                       if (*changed == 0) return not_found(op, id);
                       return std::optional<Id>();
                   })
        .status;
}

// ---- Units ------------------------------------------------------------------

StatusOr<Id> SqlStore::do_create_unit(const Unit& unit, const AuditEntry* audit) {
    return insert_returning_id("create_unit", kUnitInsert, unit_params(unit, unit.parent_id),
                               audit);
}

StatusOr<std::vector<Id>> SqlStore::do_create_units(const std::vector<NewUnit>& units,
                                                    const AuditEntry* audit) {
    std::vector<Id> ids;
    auto done =
        audited("create_units", audit, [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
            ids.clear();
            for (const NewUnit& u : units) {
                std::optional<Id> parent = u.unit.parent_id;
                if (u.parent_in_batch) {
                    if (*u.parent_in_batch >= ids.size()) {
                        return Status::Invalid(fmt::format(
                            "{}: create_units: unit {} of the batch names unit {} as its parent, "
                            "which does not come before it",
                            name_, ids.size(), *u.parent_in_batch));
                    }
                    parent = ids[*u.parent_in_batch];
                }
                auto row =
                    first_row(c, "create_units", kUnitInsert, unit_params(u.unit, parent), id_of);
                if (!row.ok()) return row.status;
                if (!*row) return Status::Internal(fmt::format("{}: create_units: no id", name_));
                ids.push_back(**row);
            }
            return std::optional<Id>();
        });
    if (!done.ok()) return done.status;
    return ids;
}

Status SqlStore::do_update_unit(const Unit& unit, const AuditEntry* audit) {
    return audited("update_unit", audit,
                   [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
                       if (Status s = c.lock_unit_tree(); !s.ok()) return s;
                       if (unit.parent_id) {
                           // The units form a tree: the new parent must not be the
                           // unit itself or one of its descendants. UNION (not UNION
                           // ALL) ends the walk even on a damaged table.
                           auto cycle =
                               first_row(c, "update_unit",
                                         "WITH RECURSIVE up(id) AS ("
                                         "  SELECT CAST(? AS BIGINT) UNION"
                                         "  SELECT u.parent_id FROM units u JOIN up ON u.id = up.id"
                                         "  WHERE u.parent_id IS NOT NULL)"
                                         "SELECT 1 FROM up WHERE id = CAST(? AS BIGINT)",
                                         SqlParams().add(*unit.parent_id).add(unit.id), id_of);
                           if (!cycle.ok()) return cycle.status;
                           if (*cycle) {
                               return Status::Invalid(
                                   fmt::format("{}: update_unit: unit {} cannot be placed under "
                                               "{}: units form a tree",
                                               name_, unit.id, *unit.parent_id));
                           }
                       }
                       auto changed = c.run(
                           "update_unit",
                           "UPDATE units SET parent_id = ?, name = ?, short_name = ?, name_en = ?, "
                           "staff_count = ?, client_count = ?, website = ? WHERE id = ?",
                           unit_params(unit, unit.parent_id).add(unit.id));
                       if (!changed.ok()) return changed.status;
                       if (*changed == 0) return not_found("update_unit", unit.id);
                       return std::optional<Id>();
                   })
        .status;
}

StatusOr<Unit> SqlStore::get_unit(Id id) {
    return read_by_id("get_unit", kUnitSelect, id, unit_of);
}

StatusOr<std::vector<Unit>> SqlStore::list_units() {
    // Depth from the roots, so every parent comes before its children.
    return read_all("list_units",
                    "WITH RECURSIVE tree(id, depth) AS ("
                    "  SELECT id, 0 FROM units WHERE parent_id IS NULL"
                    "  UNION ALL"
                    "  SELECT u.id, t.depth + 1 FROM units u JOIN tree t ON u.parent_id = t.id)"
                    "SELECT u.id, u.parent_id, u.name, u.short_name, u.name_en, u.staff_count,"
                    "       u.client_count"
                    "  FROM units u JOIN tree t ON t.id = u.id ORDER BY t.depth, u.id",
                    SqlParams(), unit_of);
}

// ---- Questionnaires ---------------------------------------------------------

StatusOr<Id> SqlStore::do_add_questionnaire(const QuestionnaireRecord& q, const AuditEntry* audit) {
    return insert_returning_id(
        "add_questionnaire",
        "INSERT INTO questionnaires (key, title, json, uploaded_at) VALUES (?, ?, ?, ?) "
        "RETURNING id",
        SqlParams().add(q.key).add(q.title).add(q.json).add(q.uploaded_at), audit);
}

StatusOr<QuestionnaireRecord> SqlStore::get_questionnaire(Id id) {
    return read_by_id("get_questionnaire",
                      "SELECT id, key, title, json, uploaded_at FROM questionnaires", id,
                      questionnaire_of);
}

StatusOr<std::vector<QuestionnaireRecord>> SqlStore::list_questionnaires() {
    // Without the JSON: lists show titles only.
    return read_all("list_questionnaires",
                    "SELECT id, key, title, '', uploaded_at FROM questionnaires ORDER BY id",
                    SqlParams(), questionnaire_of);
}

// ---- Rounds -----------------------------------------------------------------

StatusOr<Id> SqlStore::do_create_round(const Round& round, const AuditEntry* audit) {
    return insert_returning_id(
        "create_round",
        "INSERT INTO rounds (fiscal_year_be, name, opens_on, closes_on, questionnaire_id, "
        "status, results_published, oit_answering_first, oit_answering_last, "
        "oit_review_first, oit_review_last, oit_appeal_first, oit_appeal_last, "
        "oit_confirmation_first, oit_confirmation_last) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        round_params(round), audit);
}

Status SqlStore::do_update_round(const Round& round, const AuditEntry* audit) {
    // The revision grows with every update (store::Round).
    return update_one(
        "update_round",
        "UPDATE rounds SET fiscal_year_be = ?, name = ?, opens_on = ?, closes_on = ?, "
        "questionnaire_id = ?, status = ?, results_published = ?, oit_answering_first = ?, "
        "oit_answering_last = ?, oit_review_first = ?, oit_review_last = ?, "
        "oit_appeal_first = ?, oit_appeal_last = ?, oit_confirmation_first = ?, "
        "oit_confirmation_last = ?, revision = revision + 1 WHERE id = ?",
        round_params(round).add(round.id), round.id, audit);
}

Status SqlStore::do_delete_round(Id round_id, const AuditEntry* audit) {
    return audited("delete_round", audit,
                   [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
                       // The round row first: under its lock (PostgreSQL) no
                       // submission can add a response between the check and the
                       // delete, since submit reads the round FOR SHARE.
                       auto locked = first_row(c, "delete_round",
                                               fmt::format("SELECT id FROM rounds WHERE id = ?{}",
                                                           source_->for_update()),
                                               SqlParams().add(round_id), id_of);
                       if (!locked.ok()) return locked.status;
                       if (!*locked) return not_found("delete_round", round_id);
                       auto held =
                           first_row(c, "delete_round",
                                     "SELECT (SELECT count(*) FROM responses WHERE round_id = ?) + "
                                     "(SELECT count(*) FROM plans WHERE source_round_id = ?) + "
                                     "(SELECT count(*) FROM oit_answers WHERE round_id = ?)",
                                     SqlParams().add(round_id).add(round_id).add(round_id), id_of);
                       if (!held.ok()) return held.status;
                       if (held->value_or(0) > 0) {
                           return Status::Conflict(fmt::format(
                               "{}: delete_round: round {} holds responses, OIT answers or a plan "
                               "started from it",
                               name_, round_id));
                       }
                       for (const char* sql : {"DELETE FROM access_codes WHERE round_id = ?",
                                               "DELETE FROM oit_link_checks WHERE round_id = ?",
                                               "DELETE FROM eit_browser_tokens WHERE round_id = ?",
                                               "DELETE FROM rounds WHERE id = ?"}) {
                           auto deleted = c.run("delete_round", sql, SqlParams().add(round_id));
                           if (!deleted.ok()) return deleted.status;
                       }
                       return std::optional<Id>();
                   })
        .status;
}

StatusOr<Round> SqlStore::get_round(Id id) {
    return read_by_id("get_round", kRoundSelect, id, round_of);
}

StatusOr<std::vector<Round>> SqlStore::list_rounds() {
    return read_all(
        "list_rounds",
        fmt::format("{} ORDER BY fiscal_year_be DESC, opens_on DESC, id DESC", kRoundSelect),
        SqlParams(), round_of);
}

// ---- Access codes -----------------------------------------------------------

Status SqlStore::do_add_access_codes(const AccessCodeBatch& batch, const AuditEntry* audit) {
    return audited("add_access_codes", audit,
                   [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
                       for (const std::string& hash : batch.code_hashes) {
                           auto added =
                               c.run("add_access_codes",
                                     "INSERT INTO access_codes (round_id, unit_id, code_hash) "
                                     "VALUES (?, ?, ?)",
                                     SqlParams().add(batch.round_id).add(batch.unit_id).add(hash));
                           if (!added.ok()) return added.status;
                       }
                       return std::optional<Id>();
                   })
        .status;
}

StatusOr<bool> SqlStore::eit_browser_answered(Id round_id, Id unit_id,
                                              std::string_view token_hash) {
    return read<bool>([&](SqlConnection& c) -> StatusOr<bool> {
        bool found = false;
        auto ran = c.run("eit_browser_answered",
                         "SELECT 1 FROM eit_browser_tokens "
                         "WHERE round_id = ? AND unit_id = ? AND token_hash = ?",
                         SqlParams().add(round_id).add(unit_id).add(std::string(token_hash)),
                         [&](const SqlRow&) {
                             found = true;
                             return Status::Ok();
                         });
        if (!ran.ok()) return ran.status;
        return found;
    });
}

StatusOr<std::int64_t> SqlStore::do_revoke_access_codes(Id round_id, Id unit_id,
                                                        const std::optional<std::string>& code_hash,
                                                        const AuditEntry* audit) {
    std::int64_t revoked = 0;
    auto done =
        audited("revoke_access_codes", audit, [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
            SqlParams params;
            params.add(round_id).add(unit_id).add(false);
            std::string sql =
                "DELETE FROM access_codes "
                "WHERE round_id = ? AND unit_id = ? AND used = ?";
            if (code_hash) {
                sql += " AND code_hash = ?";
                params.add(*code_hash);
            }
            auto deleted = c.run("revoke_access_codes", sql, params);
            if (!deleted.ok()) return deleted.status;
            revoked = *deleted;
            return std::optional<Id>();
        });
    if (!done.ok()) return done.status;
    return revoked;
}

StatusOr<AccessCodeCounts> SqlStore::count_access_codes(Id round_id, Id unit_id) {
    return read<AccessCodeCounts>([&](SqlConnection& c) -> StatusOr<AccessCodeCounts> {
        AccessCodeCounts counts;
        auto ran = c.run("count_access_codes",
                         "SELECT count(*), COALESCE(SUM(CASE WHEN used THEN 1 ELSE 0 END), 0) "
                         "FROM access_codes WHERE round_id = ? AND unit_id = ?",
                         SqlParams().add(round_id).add(unit_id), [&](const SqlRow& r) {
                             counts = {r.int64(0), r.int64(1)};
                             return Status::Ok();
                         });
        if (!ran.ok()) return ran.status;
        return counts;
    });
}

StatusOr<std::map<Id, AccessCodeCounts>> SqlStore::count_access_codes_by_unit(Id round_id) {
    using Counts = std::map<Id, AccessCodeCounts>;
    return read<Counts>([&](SqlConnection& c) -> StatusOr<Counts> {
        Counts counts;
        auto ran = c.run("count_access_codes_by_unit",
                         "SELECT unit_id, count(*), "
                         "COALESCE(SUM(CASE WHEN used THEN 1 ELSE 0 END), 0) "
                         "FROM access_codes WHERE round_id = ? GROUP BY unit_id",
                         SqlParams().add(round_id), [&](const SqlRow& r) {
                             counts[r.int64(0)] = AccessCodeCounts{r.int64(1), r.int64(2)};
                             return Status::Ok();
                         });
        if (!ran.ok()) return ran.status;
        return counts;
    });
}

StatusOr<AccessCodeInfo> SqlStore::find_access_code(std::string_view code_hash) {
    return read<AccessCodeInfo>([&](SqlConnection& c) -> StatusOr<AccessCodeInfo> {
        // A hash is unique per round only; should it be in several rounds,
        // the open one wins, then the latest.
        std::optional<AccessCodeInfo> info;
        auto ran = c.run("find_access_code",
                         "SELECT a.round_id, a.unit_id, a.used FROM access_codes a "
                         "JOIN rounds r ON r.id = a.round_id WHERE a.code_hash = ? "
                         "ORDER BY r.status = 'open' DESC, a.round_id DESC LIMIT 1",
                         SqlParams().add(code_hash), [&](const SqlRow& r) {
                             info = AccessCodeInfo{r.int64(0), r.int64(1), r.boolean(2)};
                             return Status::Ok();
                         });
        if (!ran.ok()) return ran.status;
        if (!info)
            return Status::NotFound(fmt::format("{}: find_access_code: no such code", name_));
        return *info;
    });
}

// ---- Responses --------------------------------------------------------------

Status SqlStore::insert_response(SqlConnection& c, const StoredResponse& r) {
    // ON CONFLICT DO NOTHING turns a taken id into "no row inserted" rather
    // than an error (which in PostgreSQL would abort the transaction), so the
    // insert is simply tried again with another id.
    for (int attempt = 0; attempt < kIdTries; ++attempt) {
        auto inserted = c.run(
            "insert response",
            "INSERT INTO responses (id, round_id, unit_id, instrument, submitted_on, answers, "
            "comment) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            SqlParams()
                .add(random_id_())
                .add(r.round_id)
                .add(r.unit_id)
                .add(r.instrument)
                .add(r.submitted_on)
                .add_bytes(r.answers)
                .add(r.comment));
        if (!inserted.ok()) return inserted.status;
        if (*inserted == 1) return Status::Ok();
    }
    return Status::Unavailable(
        fmt::format("{}: insert response: {} random ids in a row were taken", name_, kIdTries));
}

SubmitResult SqlStore::submit_one(SqlConnection& c, const Submission& sub) {
    const StoredResponse& r = sub.response;
    // The round, read under a share lock where the backend has one, so that
    // closing it waits for submissions in flight.
    auto status =
        first_row(c, "submit", round_status_sql_, SqlParams().add(r.round_id),
                  [](const SqlRow& row) -> StatusOr<std::string> { return row.string(0); });
    if (!status.ok()) return SubmitResult::failed(status.status);
    if (!*status || **status != to_string(RoundStatus::kOpen)) {
        return {SubmitOutcome::kRoundNotOpen, {}};
    }
    // An IIT response always needs a code: without this an IIT answer could
    // be stored with no code at all.
    if (r.instrument == "IIT" || !sub.access_code_hash.empty()) {
        if (sub.access_code_hash.empty()) return {SubmitOutcome::kUnknownCode, {}};
        // "AND used = false" is re-checked after waiting for a concurrent
        // submitter of the same code (PostgreSQL), so a code is used once.
        auto marked = c.run("submit",
                            "UPDATE access_codes SET used = ? "
                            "WHERE round_id = ? AND unit_id = ? AND code_hash = ? AND used = ?",
                            SqlParams()
                                .add(true)
                                .add(r.round_id)
                                .add(r.unit_id)
                                .add(sub.access_code_hash)
                                .add(false));
        if (!marked.ok()) return SubmitResult::failed(marked.status);
        if (*marked == 0) {
            auto code = first_row(
                c, "submit",
                "SELECT 1 FROM access_codes WHERE round_id = ? AND unit_id = ? "
                "AND code_hash = ?",
                SqlParams().add(r.round_id).add(r.unit_id).add(sub.access_code_hash), id_of);
            if (!code.ok()) return SubmitResult::failed(code.status);
            if (!*code) return {SubmitOutcome::kUnknownCode, {}};
            return {SubmitOutcome::kCodeAlreadyUsed, {}};
        }
    }
    if (!sub.browser_token_hash.empty()) {
        // The token is a primary key: a second insert does nothing (or waits
        // for the first transaction, then does nothing).
        auto token = c.run("submit",
                           "INSERT INTO eit_browser_tokens (round_id, unit_id, token_hash) "
                           "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                           SqlParams().add(r.round_id).add(r.unit_id).add(sub.browser_token_hash));
        if (!token.ok()) return SubmitResult::failed(token.status);
        if (*token == 0) return {SubmitOutcome::kDuplicateBrowser, {}};
    }
    if (Status s = insert_response(c, r); !s.ok()) return SubmitResult::failed(std::move(s));
    return {SubmitOutcome::kStored, {}};
}

SubmitResult SqlStore::submit(const Submission& submission) {
    return submit_batch({submission}).front();
}

std::vector<SubmitResult> SqlStore::submit_batch(const std::vector<Submission>& batch) {
    std::vector<SubmitResult> results(batch.size());
    if (batch.empty()) return results;
    // Every submission fails with `why` when the batch as a whole does.
    const auto all_failed = [&](const Status& why) {
        results.assign(batch.size(), SubmitResult::failed(why));
        return why;
    };
    const SqlParams none;
    Status done = source_->with_writer([&](SqlConnection& c) -> Status {
        SqlTransaction tx(c);
        if (Status s = tx.begin("submit"); !s.ok()) return all_failed(s);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            // A savepoint per submission: a refused one, or one whose
            // statement failed (which aborts everything after it in
            // PostgreSQL), is undone alone and the others still commit.
            if (auto s = c.run("submit", "SAVEPOINT submission", none); !s.ok()) {
                return all_failed(s.status);
            }
            results[i] = submit_one(c, batch[i]);
            if (results[i].outcome != SubmitOutcome::kStored) {
                // Failing here, the transaction is gone (an I/O error):
                // nothing commits.
                if (auto s = c.run("submit", "ROLLBACK TO SAVEPOINT submission", none); !s.ok()) {
                    return all_failed(s.status);
                }
            }
            if (auto s = c.run("submit", "RELEASE SAVEPOINT submission", none); !s.ok()) {
                return all_failed(s.status);
            }
        }
        // Group commit: one durable commit for the whole batch. Nothing is
        // reported stored before it returns.
        if (Status s = tx.commit("submit"); !s.ok()) return all_failed(s);
        return Status::Ok();
    });
    // No connection could even be had: nothing ran.
    if (!done.ok() && results.front().error.ok()) (void)all_failed(done);
    return results;
}

Status SqlStore::do_import_responses(const std::vector<StoredResponse>& responses,
                                     const AuditEntry* audit) {
    return audited("import_responses", audit,
                   [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
                       std::set<Id> rounds;
                       for (const StoredResponse& r : responses) {
                           if (Status s = insert_response(c, r); !s.ok()) return s;
                           rounds.insert(r.round_id);
                       }
                       // Imported responses change a round's figures: its
                       // revision grows so cached summaries are redone.
                       for (Id round_id : rounds) {
                           auto bumped =
                               c.run("import_responses",
                                     "UPDATE rounds SET revision = revision + 1 WHERE id = ?",
                                     SqlParams().add(round_id));
                           if (!bumped.ok()) return bumped.status;
                       }
                       return std::optional<Id>();
                   })
        .status;
}

StatusOr<std::vector<StoredResponse>> SqlStore::list_responses(Id round_id, Id unit_id,
                                                               std::string_view instrument) {
    // Ordered by the random id: a stable order that says nothing about
    // arrival.
    return read_all("list_responses",
                    "SELECT round_id, unit_id, instrument, submitted_on, answers, comment "
                    "FROM responses WHERE round_id = ? AND unit_id = ? AND instrument = ? "
                    "ORDER BY id",
                    SqlParams().add(round_id).add(unit_id).add(instrument), response_of);
}

StatusOr<std::int64_t> SqlStore::count_responses(Id round_id, Id unit_id,
                                                 std::string_view instrument) {
    return read<std::int64_t>([&](SqlConnection& c) -> StatusOr<std::int64_t> {
        auto n = first_row(c, "count_responses",
                           "SELECT count(*) FROM responses WHERE round_id = ? AND unit_id = ? AND "
                           "instrument = ?",
                           SqlParams().add(round_id).add(unit_id).add(instrument), id_of);
        if (!n.ok()) return n.status;
        return n->value_or(0);
    });
}

Status SqlStore::scan_round_answers(Id round_id,
                                    const std::function<void(const RoundAnswerRow&)>& visit) {
    return source_->with_reader([&](SqlConnection& c) -> Status {
        // In (round, unit, instrument, id) order: SQLite's clustered key, so
        // the ORDER BY costs no sort there.
        return c.stream("scan_round_answers",
                        "SELECT unit_id, instrument, answers FROM responses WHERE round_id = ? "
                        "ORDER BY unit_id, instrument, id",
                        SqlParams().add(round_id), [&](const SqlRow& r) {
                            visit(RoundAnswerRow{r.int64(0), r.text(1), r.bytes(2)});
                            return Status::Ok();
                        });
    });
}

// ---- Users and sessions -----------------------------------------------------

StatusOr<Id> SqlStore::do_create_user(const User& user, const AuditEntry* audit) {
    return insert_returning_id("create_user", kUserInsert, user_params(user), audit);
}

StatusOr<std::vector<Id>> SqlStore::do_create_users(const std::vector<User>& users,
                                                    const AuditEntry* audit) {
    std::vector<Id> ids;
    auto done =
        audited("create_users", audit, [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
            ids.clear();
            for (const User& user : users) {
                auto row = first_row(c, "create_users", kUserInsert, user_params(user), id_of);
                if (!row.ok()) return row.status;
                if (!*row) return Status::Internal(fmt::format("{}: create_users: no id", name_));
                ids.push_back(**row);
            }
            return std::optional<Id>();
        });
    if (!done.ok()) return done.status;
    return ids;
}

Status SqlStore::do_update_user(const User& user, const AuditEntry* audit) {
    return update_one("update_user",
                      "UPDATE users SET username = ?, username_key = ?, display_name = ?, "
                      "password_hash = ?, role = ?, unit_id = ?, active = ?, failed_sign_ins = ?, "
                      "locked_until = ?, must_change_password = ? WHERE id = ?",
                      SqlParams()
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
                      user.id, audit);
}

StatusOr<User> SqlStore::get_user(Id id) {
    return read_by_id("get_user", kUserSelect, id, user_of);
}

StatusOr<User> SqlStore::find_user(std::string_view username) {
    const std::string sql = fmt::format("{} WHERE username_key = ?", kUserSelect);
    return read<User>([&](SqlConnection& c) -> StatusOr<User> {
        auto user =
            first_row(c, "find_user", sql, SqlParams().add(username_key(username)), user_of);
        if (!user.ok()) return user.status;
        if (!*user) return Status::NotFound(fmt::format("{}: find_user: no such user", name_));
        return std::move(**user);
    });
}

StatusOr<std::vector<User>> SqlStore::list_users() {
    return read_all("list_users", fmt::format("{} ORDER BY id", kUserSelect), SqlParams(), user_of);
}

Status SqlStore::create_session(const Session& session) {
    return source_->with_writer([&](SqlConnection& c) -> Status {
        return c
            .run("create_session",
                 "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) "
                 "VALUES (?, ?, ?, ?)",
                 SqlParams()
                     .add(session.token_hash)
                     .add(session.user_id)
                     .add(session.csrf_token)
                     .add(session.expires_at))
            .status;
    });
}

StatusOr<Session> SqlStore::find_session(std::string_view token_hash, std::string_view now) {
    return read<Session>([&](SqlConnection& c) -> StatusOr<Session> {
        // Timestamps are fixed-width ISO UTC text (COLLATE "C" in
        // PostgreSQL), so text order is time order.
        auto session = first_row(
            c, "find_session",
            "SELECT token_hash, user_id, csrf_token, expires_at FROM sessions "
            "WHERE token_hash = ? AND expires_at > ?",
            SqlParams().add(token_hash).add(now), [](const SqlRow& r) -> StatusOr<Session> {
                return Session{r.string(0), r.int64(1), r.string(2), r.string(3)};
            });
        if (!session.ok()) return session.status;
        if (!*session) {
            return Status::NotFound(
                fmt::format("{}: find_session: no such session or it expired", name_));
        }
        return std::move(**session);
    });
}

Status SqlStore::delete_session(std::string_view token_hash) {
    return source_->with_writer([&](SqlConnection& c) -> Status {
        auto deleted = c.run("delete_session", "DELETE FROM sessions WHERE token_hash = ?",
                             SqlParams().add(token_hash));
        if (!deleted.ok()) return deleted.status;
        if (*deleted == 0) {
            return Status::NotFound(fmt::format("{}: delete_session: no such session", name_));
        }
        return Status::Ok();
    });
}

Status SqlStore::delete_user_sessions(Id user_id) {
    return source_->with_writer([&](SqlConnection& c) -> Status {
        auto deleted = c.run("delete_user_sessions", "DELETE FROM sessions WHERE user_id = ?",
                             SqlParams().add(user_id));
        return deleted.ok() ? Status::Ok() : deleted.status;
    });
}

// ---- Improvement plans ------------------------------------------------------

StatusOr<Id> SqlStore::do_create_plan(const PlanRecord& plan, const AuditEntry* audit) {
    // Version 1 whatever the record says: versions count saves in this
    // database only.
    return insert_returning_id(
        "create_plan",
        "INSERT INTO plans (unit_id, fiscal_year_be, document, version, updated_at, "
        "source_round_id) VALUES (?, ?, ?, 1, ?, ?) RETURNING id",
        SqlParams()
            .add(plan.unit_id)
            .add(plan.fiscal_year_be)
            .add(plan.document)
            .add(plan.updated_at)
            .add(plan.source_round_id),
        audit);
}

StatusOr<std::int64_t> SqlStore::do_save_plan(Id plan_id, const std::string& document,
                                              std::int64_t expected_version, std::string_view now,
                                              const AuditEntry* audit) {
    std::int64_t version = 0;
    auto saved = audited("save_plan", audit, [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
        // Compare-and-set in one statement: the version check and the write
        // cannot be separated by another save. (PostgreSQL, READ COMMITTED: a
        // second saver from the same version waits for the first one's row
        // lock, then re-evaluates "version = ?" on the new row and matches
        // nothing.)
        auto updated =
            first_row(c, "save_plan",
                      "UPDATE plans SET document = ?, version = version + 1, "
                      "updated_at = ? WHERE id = ? AND version = ? RETURNING version",
                      SqlParams().add(document).add(now).add(plan_id).add(expected_version), id_of);
        if (!updated.ok()) return updated.status;
        if (*updated) {
            version = **updated;
            return std::optional<Id>();
        }
        // Nothing changed: tell a stale version from a missing plan. Plans
        // are never deleted, so a plan seen here existed when the UPDATE ran.
        auto stored = first_row(c, "save_plan", "SELECT version FROM plans WHERE id = ?",
                                SqlParams().add(plan_id), id_of);
        if (!stored.ok()) return stored.status;
        if (!*stored) return not_found("save_plan", plan_id);
        return Status::Conflict(fmt::format(
            "{}: save_plan: plan {} is at version {}, not {}: saved by someone else in the "
            "meantime",
            name_, plan_id, **stored, expected_version));
    });
    if (!saved.ok()) return saved.status;
    return version;
}

StatusOr<PlanRecord> SqlStore::get_plan(Id plan_id) {
    return read_by_id("get_plan", kPlanSelect, plan_id, plan_of);
}

StatusOr<std::vector<PlanRecord>> SqlStore::list_plans(std::optional<int> fiscal_year_be) {
    // One statement for both: a NULL year matches every plan.
    std::optional<std::int64_t> year;
    if (fiscal_year_be) year = *fiscal_year_be;
    return read_all("list_plans",
                    fmt::format("{} WHERE CAST(? AS INTEGER) IS NULL OR fiscal_year_be = "
                                "CAST(? AS INTEGER) ORDER BY unit_id, fiscal_year_be, id",
                                kPlanSelect),
                    SqlParams().add(year).add(year), plan_of);
}

StatusOr<std::optional<PlanRecord>> SqlStore::find_plan_by_source_round(Id unit_id, Id round_id) {
    using Found = std::optional<PlanRecord>;
    const std::string sql = fmt::format(
        "{} WHERE unit_id = ? AND source_round_id = ? ORDER BY id LIMIT 1", kPlanSelect);
    return read<Found>([&](SqlConnection& c) -> StatusOr<Found> {
        return first_row(c, "find_plan_by_source_round", sql,
                         SqlParams().add(unit_id).add(round_id), plan_of);
    });
}

// ---- Evidence files ---------------------------------------------------------

StatusOr<Id> SqlStore::do_add_evidence(const EvidenceFile& file, const std::string& bytes,
                                       const AuditEntry* audit) {
    auto checked = checked_evidence(file, bytes);
    if (!checked.ok()) return checked.status;
    const EvidenceFile& f = *checked;
    auto id = audited("add_evidence", audit, [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
        // Metadata and bytes in one statement; a taken random id is tried
        // again, as for responses. Kept positive for URLs.
        for (int attempt = 0; attempt < kIdTries; ++attempt) {
            const Id id = random_id_() & std::numeric_limits<Id>::max();
            auto inserted = c.run(
                "add_evidence",
                "INSERT INTO evidence_files (id, plan_id, original_name, content_type, sha256, "
                "size_bytes, uploaded_at, uploaded_by, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                SqlParams()
                    .add(id)
                    .add(f.plan_id)
                    .add(f.original_name)
                    .add(f.content_type)
                    .add(f.sha256)
                    .add(f.size_bytes)
                    .add(f.uploaded_at)
                    .add(f.uploaded_by)
                    .add_bytes(std::string_view(bytes)));
            if (!inserted.ok()) return inserted.status;
            if (*inserted == 1) return std::optional<Id>(id);
        }
        return Status::Unavailable(
            fmt::format("{}: add_evidence: {} random ids in a row were taken", name_, kIdTries));
    });
    if (!id.ok()) return id.status;
    return **id;
}

StatusOr<EvidenceFile> SqlStore::get_evidence(Id evidence_id) {
    return read_by_id("get_evidence", kEvidenceSelect, evidence_id, evidence_of);
}

StatusOr<std::string> SqlStore::read_evidence_bytes(Id evidence_id) {
    return read_by_id("read_evidence_bytes", "SELECT bytes FROM evidence_files", evidence_id,
                      [](const SqlRow& r) -> StatusOr<std::string> {
                          auto bytes = r.bytes(0);
                          return std::string(reinterpret_cast<const char*>(bytes.data()),
                                             bytes.size());
                      });
}

StatusOr<std::vector<EvidenceFile>> SqlStore::list_evidence(Id plan_id) {
    // Upload order for display; ids are random, so by time, then id.
    return read_all("list_evidence",
                    fmt::format("{} WHERE plan_id = ? ORDER BY uploaded_at, id", kEvidenceSelect),
                    SqlParams().add(plan_id), evidence_of);
}

// ---- Settings ---------------------------------------------------------------

Status SqlStore::do_set_setting(std::string_view key, std::string_view value,
                                const AuditEntry* audit) {
    return audited("set_setting", audit,
                   [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
                       auto set = c.run("set_setting",
                                        "INSERT INTO settings (key, value) VALUES (?, ?) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                        SqlParams().add(key).add(value));
                       if (!set.ok()) return set.status;
                       return std::optional<Id>();
                   })
        .status;
}

StatusOr<std::optional<std::string>> SqlStore::get_setting(std::string_view key) {
    using Found = std::optional<std::string>;
    return read<Found>([&](SqlConnection& c) -> StatusOr<Found> {
        return first_row(c, "get_setting", "SELECT value FROM settings WHERE key = ?",
                         SqlParams().add(key),
                         [](const SqlRow& r) -> StatusOr<std::string> { return r.string(0); });
    });
}

// ---- Audit log --------------------------------------------------------------

Status SqlStore::append_audit(const AuditEntry& entry) {
    return source_->with_writer([&](SqlConnection& c) -> Status {
        return c
            .run("append_audit",
                 "INSERT INTO audit_log (at, user_id, action, details) VALUES (?, ?, ?, ?)",
                 SqlParams().add(entry.at).add(entry.user_id).add(entry.action).add(entry.details))
            .status;
    });
}

StatusOr<std::vector<AuditEntry>> SqlStore::list_audit(int limit) {
    if (limit < 0) return Status::Invalid(fmt::format("{}: list_audit: negative limit", name_));
    // Newest first by id: ids only grow, even after deletes.
    return read_all("list_audit",
                    "SELECT id, at, user_id, action, details FROM audit_log ORDER BY id DESC "
                    "LIMIT ?",
                    SqlParams().add(limit), audit_of);
}

}  // namespace

std::unique_ptr<Store> make_sql_store(std::unique_ptr<SqlConnectionSource> source,
                                      SqlStoreHooks hooks) {
    return std::make_unique<SqlStore>(std::move(source), std::move(hooks));
}

// ---- OIT ---------------------------------------------------------------------

StatusOr<std::vector<OitAnswerRecord>> SqlStore::list_oit_answers(Id round_id, Id unit_id) {
    return read_all(
        "list_oit_answers",
        fmt::format("{} WHERE round_id = ? AND unit_id = ? ORDER BY item_code", kOitAnswerSelect),
        SqlParams().add(round_id).add(unit_id), oit_answer_of);
}

StatusOr<std::vector<OitAnswerRecord>> SqlStore::list_round_oit_answers(Id round_id) {
    return read_all(
        "list_round_oit_answers",
        fmt::format("{} WHERE round_id = ? ORDER BY unit_id, item_code", kOitAnswerSelect),
        SqlParams().add(round_id), oit_answer_of);
}

StatusOr<std::vector<std::int64_t>> SqlStore::do_save_oit_answers(
    Id round_id, Id unit_id, const std::vector<OitAnswerWrite>& writes, std::string_view now,
    std::optional<Id> by, const AuditEntry* audit) {
    std::vector<std::int64_t> revisions;
    auto saved =
        audited("save_oit_answers", audit, [&](SqlConnection& c) -> StatusOr<std::optional<Id>> {
            revisions.clear();
            for (const OitAnswerWrite& w : writes) {
                const core::OitAnswer& a = w.answer;
                if (w.expected_revision == 0) {
                    // A new answer; the primary key refuses a second one
                    // (kConflict from the backend's unique violation).
                    SqlParams params;
                    params.add(round_id).add(unit_id).add(a.item_code);
                    add_oit_answer(params, a).add(now).add(by);
                    auto inserted = c.run(
                        "save_oit_answers",
                        "INSERT INTO oit_answers (round_id, unit_id, item_code, state, available, "
                        "urls, explanation, responsible, due_on, review_comment, elements_passed, "
                        "clarification, clarification_urls, revision, updated_at, updated_by) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                        params);
                    if (!inserted.ok()) {
                        if (inserted.status.code == StatusCode::kConflict) {
                            inserted.status.message = fmt::format(
                                "{}: save_oit_answers: item {} of unit {} in round {} was "
                                "answered by someone else in the meantime",
                                name_, a.item_code, unit_id, round_id);
                        }
                        return inserted.status;
                    }
                    revisions.push_back(1);
                    continue;
                }
                // Compare-and-set in one statement, as save_plan.
                SqlParams params;
                add_oit_answer(params, a)
                    .add(now)
                    .add(by)
                    .add(round_id)
                    .add(unit_id)
                    .add(a.item_code)
                    .add(w.expected_revision);
                auto updated = first_row(
                    c, "save_oit_answers",
                    "UPDATE oit_answers SET state = ?, available = ?, urls = ?, explanation = ?, "
                    "responsible = ?, due_on = ?, review_comment = ?, elements_passed = ?, "
                    "clarification = ?, clarification_urls = ?, revision = revision + 1, "
                    "updated_at = ?, updated_by = ? WHERE round_id = ? AND unit_id = ? AND "
                    "item_code = ? AND revision = ? RETURNING revision",
                    params, id_of);
                if (!updated.ok()) return updated.status;
                if (!*updated) {
                    return Status::Conflict(fmt::format(
                        "{}: save_oit_answers: item {} of unit {} in round {} is not at revision "
                        "{}: saved by someone else in the meantime",
                        name_, a.item_code, unit_id, round_id, w.expected_revision));
                }
                revisions.push_back(**updated);
            }
            return std::optional<Id>();
        });
    if (!saved.ok()) return saved.status;
    return revisions;
}

Status SqlStore::save_oit_link_checks(Id round_id, Id unit_id,
                                      const std::vector<OitLinkCheck>& checks) {
    return source_->with_writer([&](SqlConnection& c) -> Status {
        SqlTransaction tx(c);
        if (Status b = tx.begin("save_oit_link_checks"); !b.ok()) return b;
        for (const OitLinkCheck& k : checks) {
            auto inserted = c.run(
                "save_oit_link_checks",
                "INSERT INTO oit_link_checks (round_id, unit_id, url, checked_at, http_status, "
                "final_url, content_type, failure, detail, fine, broken, outside_site, "
                "year_missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (round_id, unit_id, url) DO UPDATE SET checked_at = "
                "excluded.checked_at, http_status = excluded.http_status, final_url = "
                "excluded.final_url, content_type = excluded.content_type, failure = "
                "excluded.failure, detail = excluded.detail, fine = excluded.fine, broken = "
                "excluded.broken, outside_site = excluded.outside_site, year_missing = "
                "excluded.year_missing",
                SqlParams()
                    .add(round_id)
                    .add(unit_id)
                    .add(k.url)
                    .add(k.checked_at)
                    .add(k.http_status)
                    .add(k.final_url)
                    .add(k.content_type)
                    .add(k.failure)
                    .add(k.detail)
                    .add(k.fine)
                    .add(k.broken)
                    .add(k.outside_site)
                    .add(k.year_missing));
            if (!inserted.ok()) return inserted.status;
        }
        return tx.commit("save_oit_link_checks");
    });
}

StatusOr<std::vector<OitLinkCheck>> SqlStore::list_oit_link_checks(Id round_id, Id unit_id) {
    return read_all(
        "list_oit_link_checks",
        fmt::format("{} WHERE round_id = ? AND unit_id = ? ORDER BY url", kLinkCheckSelect),
        SqlParams().add(round_id).add(unit_id), link_check_of);
}

}  // namespace itagap::store
