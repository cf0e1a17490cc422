// One storage interface for everything itagap keeps; two implementations,
// chosen by URL: SQLite (embedded default, one file, WAL) and PostgreSQL
// (several stateless itagap servers over one database).
//
//   open_store("sqlite:itagap.db")             // a file, created if missing
//   open_store("sqlite::memory:")              // tests only
//   open_store("postgresql://user@host/db")    // libpq connection URI
//
// Every method is a complete transaction: it commits before it returns OK.
// Errors come back as a Status (no exceptions cross this border); a failed
// method changes nothing. Implementations are safe to call from several
// threads at once.
//
// Anonymity (issue: "no response linkable to a respondent"): a stored response
// holds no access code, user, IP address, browser token or time finer than the
// day, and its id is random, so neither its id nor its place in the table
// tells when it arrived. An access code is marked used, and an EIT browser
// token recorded, in the same transaction that stores the response, in tables
// that do not refer to it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/oit_answers.hpp"
#include "core/status.hpp"

namespace itagap::store {

// ---- Status ----------------------------------------------------------------

// The project's one error vocabulary (core/status.hpp), named here as well so
// that store code and its callers can say store::Status.
using ::itagap::Status;
using ::itagap::StatusCode;
using ::itagap::StatusOr;

using Id = std::int64_t;

// Dates are ISO "YYYY-MM-DD" (Gregorian) and timestamps ISO "YYYY-MM-DDTHH:MM:SSZ"
// (UTC) in this interface; Thai (พ.ศ.) formatting happens in views.

// ---- Organisation ----------------------------------------------------------

// A department > centres > groups tree.
struct Unit {
    Id id = 0;
    std::optional<Id> parent_id;
    std::string name;  // Thai, "ศูนย์ความร่วมมือระหว่างประเทศ"
    std::string short_name;  // "ศรป."
    std::string name_en;
    // Sample-size inputs (schema 6): the unit's number of staff, and of
    // outside clients where the agency counts them; unset when not given.
    // Never negative (the schema checks it).
    std::optional<std::int64_t> staff_count;
    std::optional<std::int64_t> client_count;
    // The unit's own website ("https://www.example.go.th", schema 7): OIT
    // links elsewhere are flagged. Empty when not known.
    std::string website;
};

// One unit of a bulk import (create_units): its parent is either a stored
// unit (unit.parent_id) or an earlier unit of the same batch (parent_in_batch,
// an index into the batch, which then wins over unit.parent_id).
struct NewUnit {
    Unit unit;
    std::optional<std::size_t> parent_in_batch;
};

// ---- Questionnaires and rounds ---------------------------------------------

// A questionnaire file as uploaded: its JSON text is kept verbatim and parsed
// by the core when used. Versions are immutable once a round uses them.
struct QuestionnaireRecord {
    Id id = 0;
    std::string key;          // the file's "id", e.g. "ita-internal-2568"
    std::string title;        // Thai title, for lists
    std::string json;         // the whole file
    std::string uploaded_at;  // timestamp
};

enum class RoundStatus { kDraft, kOpen, kClosed };
std::string_view to_string(RoundStatus status);
std::optional<RoundStatus> round_status_from_string(std::string_view text);

struct Round {
    Id id = 0;
    int fiscal_year_be = 0;  // ปีงบประมาณ in พ.ศ., e.g. 2569
    std::string name;        // "รอบ 5 เดือนแรก"
    std::string opens_on;    // date
    std::string closes_on;   // date
    Id questionnaire_id = 0;
    RoundStatus status = RoundStatus::kDraft;
    bool results_published = false;  // the public page shows it only when true
    // Grows by one whenever the round is updated or responses are imported
    // into it. A submission does not change it (only an open round takes
    // submissions), so a closed round's responses are the same as long as its
    // revision is: summaries of closed rounds can be cached against it, also
    // by several servers over one database.
    std::int64_t revision = 0;
    // The OIT calendar (schema 7): ISO dates, both ends inclusive, "" where
    // a window is not set (it is then closed). core::OitWindows in the app.
    struct OitDates {
        std::string answering_first, answering_last;
        std::string review_first, review_last;
        std::string appeal_first, appeal_last;
        std::string confirmation_first, confirmation_last;
    } oit;
};

// ---- Collection ------------------------------------------------------------

// One access code: one IIT response for one unit in one round. Only a hash of
// the code is stored (SHA-256 hex of the normalised code).
struct AccessCodeBatch {
    Id round_id = 0;
    Id unit_id = 0;
    std::vector<std::string> code_hashes;
};

// What a typed code unlocks; the code itself is never returned.
struct AccessCodeInfo {
    Id round_id = 0;
    Id unit_id = 0;
    bool used = false;
};

struct AccessCodeCounts {
    std::int64_t issued = 0;
    std::int64_t used = 0;
};

// A response as it is stored: answers are one byte per item of the
// instrument, in questionnaire order (0 = not answered, k = option k as
// written), exactly core::ResponseTable's row.
struct StoredResponse {
    Id round_id = 0;
    Id unit_id = 0;
    std::string instrument;    // "IIT" or "EIT"
    std::string submitted_on;  // date only, never a time
    std::vector<std::uint8_t> answers;
    std::string comment;  // optional free text, verbatim
};

// One stored response as a whole-round scan hands it over. The views are
// valid only during the call that receives them.
struct RoundAnswerRow {
    Id unit_id = 0;
    std::string_view instrument;
    std::span<const std::uint8_t> answers;
};

// What makes a submission acceptable, checked inside the same transaction
// that stores it.
struct Submission {
    StoredResponse response;
    // IIT: the hash of the access code; it must exist for (round, unit), be
    // unused, and is marked used. Empty for EIT.
    std::string access_code_hash;
    // EIT: a hash of the per-browser token; a second response with the same
    // token for (round, unit) is refused. Empty for IIT.
    std::string browser_token_hash;
};

enum class SubmitOutcome {
    kStored,
    kRoundNotOpen,
    kUnknownCode,
    kCodeAlreadyUsed,
    kDuplicateBrowser,
    kFailed,  // a database error; nothing stored
};

// What became of one submission. `error` is set only for kFailed: it is for
// the server's log, never for the respondent.
struct SubmitResult {
    SubmitOutcome outcome = SubmitOutcome::kFailed;
    Status error;

    static SubmitResult failed(Status error) { return {SubmitOutcome::kFailed, std::move(error)}; }
};

// ---- People ----------------------------------------------------------------

// kReviewer (schema 7): an internal-audit or ITA working-group member who
// judges OIT evidence (core/oit_review.hpp).
enum class Role { kAdmin, kUnitCoordinator, kExecutive, kReviewer };
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

struct User {
    Id id = 0;
    std::string username;  // unique, case-insensitive
    std::string display_name;
    std::string password_hash;  // argon2id string from libsodium (crypto_pwhash_str)
    Role role = Role::kExecutive;
    std::optional<Id> unit_id;  // a coordinator's subtree root
    bool active = true;
    int failed_sign_ins = 0;
    std::string locked_until;  // timestamp, empty when not locked
    bool must_change_password = false;
};

struct Session {
    std::string token_hash;  // SHA-256 hex of the cookie value
    Id user_id = 0;
    std::string csrf_token;  // random, per session
    std::string expires_at;  // timestamp
};

struct AuditEntry {
    Id id = 0;
    std::string at;  // timestamp
    std::optional<Id> user_id;
    std::string action;   // "round.open", "unit.create", ...
    std::string details;  // JSON text, an object
    // For a change that creates a row (create_unit, create_user, ...): the
    // store adds the new row's id to `details` under this key, since the
    // caller cannot know it before the transaction. Empty: nothing added.
    std::string new_id_key;
};

// ---- Improvement plans -----------------------------------------------------

// A plan is stored as its JSON document (input/plan_json.hpp, format
// "itagap-plan/1") with a version for optimistic concurrency: a save names the
// version it started from and fails with kConflict when someone saved since.
struct PlanRecord {
    Id id = 0;
    Id unit_id = 0;
    int fiscal_year_be = 0;
    std::string document;      // the plan's JSON
    std::int64_t version = 0;  // 1 on creation, +1 per save
    std::string updated_at;    // timestamp
    // The round whose gap analysis started the plan (written by create_plan,
    // never changed by save_plan); empty for a plan made from nothing.
    std::optional<Id> source_round_id;
};

// An evidence file of a plan (a progress update's or an activity's). The bytes
// are kept by the store (a BLOB / bytea), under a random id, never under the
// uploaded name, and are served only through the application's access checks.
struct EvidenceFile {
    Id id = 0;
    Id plan_id = 0;
    std::string original_name;  // as uploaded, for display and download only
    std::string content_type;   // detected from the content, not the name
    std::string sha256;
    std::int64_t size_bytes = 0;
    std::string uploaded_at;
    std::optional<Id> uploaded_by;
};

// ---- OIT, the evidence checklist (schema 7) --------------------------------

// One unit's answer to one OIT item in a round, with who changed it last.
struct OitAnswerRecord {
    Id round_id = 0;
    Id unit_id = 0;
    core::OitAnswer answer;  // answer.revision: 1 on creation, +1 per save
    std::string updated_at;  // timestamp
    std::optional<Id> updated_by;
};

// One write of save_oit_answers: a compare-and-set on the stored revision
// (0: the answer must not exist yet).
struct OitAnswerWrite {
    core::OitAnswer answer;
    std::int64_t expected_revision = 0;
};

// The last check of one evidence link of a unit in a round.
struct OitLinkCheck {
    std::string url;
    std::string checked_at;        // timestamp
    std::int64_t http_status = 0;  // 0 when no HTTP answer came
    std::string final_url;
    std::string content_type;
    std::string failure;  // "" or "dns", "refused", "timeout", ... (core::LinkFailure)
    std::string detail;   // the client's message, for the officer
    bool fine = false;
    bool broken = false;
    bool outside_site = false;
    bool year_missing = false;
};

// ---- Installation settings ----------------------------------------------

// Setting keys (the settings table, schema 6): text values, one per key.
inline constexpr std::string_view kSettingAgencyName = "agency_name";  // "กรมควบคุมโรค"

// ---- The interface ---------------------------------------------------------

// Audit entries (issue 10): every change is written together with the audit
// entry that records it, in the same transaction, so the log can neither miss
// a change nor record one that did not happen; if the entry cannot be
// written the change is rolled back. Each mutating method comes in two
// forms: with the entry (what the application uses) and without (seed data,
// tests, benchmarks). append_audit() is for events that change nothing else
// (sign-in, sign-out, downloads).
//
// The public methods are thin non-virtual forwards; implementations override
// the protected pure virtuals, which take the entry as a pointer (nullptr:
// none).
class Store {
public:
    virtual ~Store() = default;

    // Applies pending schema migrations (versioned, each in its own
    // transaction); safe to call on every start and from several servers.
    virtual Status migrate() = 0;
    virtual StatusOr<int> schema_version() = 0;

    // Units.
    StatusOr<Id> create_unit(const Unit& unit, const AuditEntry& audit) {
        return do_create_unit(unit, &audit);
    }
    StatusOr<Id> create_unit(const Unit& unit) { return do_create_unit(unit, nullptr); }
    Status update_unit(const Unit& unit, const AuditEntry& audit) {
        return do_update_unit(unit, &audit);
    }
    Status update_unit(const Unit& unit) { return do_update_unit(unit, nullptr); }
    // Many units in one transaction, all or nothing (a bulk import); the ids
    // in batch order. kInvalid when a parent_in_batch does not name an
    // earlier unit of the batch.
    StatusOr<std::vector<Id>> create_units(const std::vector<NewUnit>& units,
                                           const AuditEntry& audit) {
        return do_create_units(units, &audit);
    }
    StatusOr<std::vector<Id>> create_units(const std::vector<NewUnit>& units) {
        return do_create_units(units, nullptr);
    }
    virtual StatusOr<Unit> get_unit(Id id) = 0;
    virtual StatusOr<std::vector<Unit>> list_units() = 0;  // parents before children

    // Questionnaires.
    StatusOr<Id> add_questionnaire(const QuestionnaireRecord& q, const AuditEntry& audit) {
        return do_add_questionnaire(q, &audit);
    }
    StatusOr<Id> add_questionnaire(const QuestionnaireRecord& q) {
        return do_add_questionnaire(q, nullptr);
    }
    virtual StatusOr<QuestionnaireRecord> get_questionnaire(Id id) = 0;
    virtual StatusOr<std::vector<QuestionnaireRecord>> list_questionnaires() = 0;  // without json

    // Rounds.
    StatusOr<Id> create_round(const Round& round, const AuditEntry& audit) {
        return do_create_round(round, &audit);
    }
    StatusOr<Id> create_round(const Round& round) { return do_create_round(round, nullptr); }
    Status update_round(const Round& round, const AuditEntry& audit) {
        return do_update_round(round, &audit);
    }
    Status update_round(const Round& round) { return do_update_round(round, nullptr); }
    // Deletes a round with its access codes. kConflict (and nothing
    // deleted) while it holds a response or a plan started from it;
    // kNotFound when there is no such round.
    Status delete_round(Id round_id, const AuditEntry& audit) {
        return do_delete_round(round_id, &audit);
    }
    Status delete_round(Id round_id) { return do_delete_round(round_id, nullptr); }
    virtual StatusOr<Round> get_round(Id id) = 0;
    virtual StatusOr<std::vector<Round>> list_rounds() = 0;  // newest first

    // Access codes. kConflict on a duplicate.
    Status add_access_codes(const AccessCodeBatch& batch, const AuditEntry& audit) {
        return do_add_access_codes(batch, &audit);
    }
    Status add_access_codes(const AccessCodeBatch& batch) {
        return do_add_access_codes(batch, nullptr);
    }
    virtual StatusOr<AccessCodeCounts> count_access_codes(Id round_id, Id unit_id) = 0;
    // Issued and used codes of every unit of a round that has codes.
    virtual StatusOr<std::map<Id, AccessCodeCounts>> count_access_codes_by_unit(Id round_id) = 0;
    // The round and unit of a code (by its hash); kNotFound when unknown.
    virtual StatusOr<AccessCodeInfo> find_access_code(std::string_view code_hash) = 0;
    // Whether a browser (its token's hash) has answered the EIT of a unit in
    // a round, so the survey can say so when it is opened.
    virtual StatusOr<bool> eit_browser_answered(Id round_id, Id unit_id,
                                                std::string_view token_hash) = 0;
    // Deletes the UNUSED codes of a unit in a round (only the one with
    // `code_hash` when given): a lost or seen sheet cannot be used any more.
    // A used code stays, so it is never accepted twice. Returns how many went.
    StatusOr<std::int64_t> revoke_access_codes(Id round_id, Id unit_id,
                                               const std::optional<std::string>& code_hash,
                                               const AuditEntry& audit) {
        return do_revoke_access_codes(round_id, unit_id, code_hash, &audit);
    }

    // Responses. submit() is durable when it returns kStored. Submissions
    // are never audited: an entry would link a response to a time.
    virtual SubmitResult submit(const Submission& submission) = 0;
    // Group commit: one transaction for many submissions; each gets its own
    // result (a refused one does not undo the others).
    virtual std::vector<SubmitResult> submit_batch(const std::vector<Submission>& batch) = 0;
    // Imported responses (CSV) of one round and unit, all or nothing.
    Status import_responses(const std::vector<StoredResponse>& responses, const AuditEntry& audit) {
        return do_import_responses(responses, &audit);
    }
    Status import_responses(const std::vector<StoredResponse>& responses) {
        return do_import_responses(responses, nullptr);
    }
    virtual StatusOr<std::vector<StoredResponse>> list_responses(Id round_id, Id unit_id,
                                                                 std::string_view instrument) = 0;
    virtual StatusOr<std::int64_t> count_responses(Id round_id, Id unit_id,
                                                   std::string_view instrument) = 0;
    // Every response of a round, one call of `visit` each, without comments,
    // ordered by unit id and instrument (within a unit's instrument, by the
    // random id): one pass over the round for whole-round figures, so a
    // caller can finish a unit when the next one starts and hold one unit at
    // a time.
    virtual Status scan_round_answers(Id round_id,
                                      const std::function<void(const RoundAnswerRow&)>& visit) = 0;

    // Users and sessions. create_user: kConflict on a taken username.
    StatusOr<Id> create_user(const User& user, const AuditEntry& audit) {
        return do_create_user(user, &audit);
    }
    StatusOr<Id> create_user(const User& user) { return do_create_user(user, nullptr); }
    // Many users in one transaction, all or nothing; kConflict when a
    // username is taken (by a stored user or an earlier one of the batch).
    StatusOr<std::vector<Id>> create_users(const std::vector<User>& users,
                                           const AuditEntry& audit) {
        return do_create_users(users, &audit);
    }
    StatusOr<std::vector<Id>> create_users(const std::vector<User>& users) {
        return do_create_users(users, nullptr);
    }
    Status update_user(const User& user, const AuditEntry& audit) {
        return do_update_user(user, &audit);
    }
    Status update_user(const User& user) { return do_update_user(user, nullptr); }
    virtual StatusOr<User> get_user(Id id) = 0;
    virtual StatusOr<User> find_user(std::string_view username) = 0;
    virtual StatusOr<std::vector<User>> list_users() = 0;
    // Sessions are audited with append_audit (sign-in, sign-out).
    virtual Status create_session(const Session& session) = 0;
    // Unexpired at `now` (a timestamp) only. The store never reads the clock:
    // callers pass the time, so tests run on fixed clocks.
    virtual StatusOr<Session> find_session(std::string_view token_hash, std::string_view now) = 0;
    virtual Status delete_session(std::string_view token_hash) = 0;
    // Ends every session of a user (after a password change or reset); Ok
    // when there was none.
    virtual Status delete_user_sessions(Id user_id) = 0;

    // Improvement plans. One plan per unit and fiscal year (kConflict on a
    // second). save_plan: kConflict when `expected_version` is not the stored
    // version, kNotFound when there is no such plan; on success returns the
    // new version.
    StatusOr<Id> create_plan(const PlanRecord& plan, const AuditEntry& audit) {
        return do_create_plan(plan, &audit);
    }
    StatusOr<Id> create_plan(const PlanRecord& plan) { return do_create_plan(plan, nullptr); }
    StatusOr<std::int64_t> save_plan(Id plan_id, const std::string& document,
                                     std::int64_t expected_version, std::string_view now,
                                     const AuditEntry& audit) {
        return do_save_plan(plan_id, document, expected_version, now, &audit);
    }
    StatusOr<std::int64_t> save_plan(Id plan_id, const std::string& document,
                                     std::int64_t expected_version, std::string_view now) {
        return do_save_plan(plan_id, document, expected_version, now, nullptr);
    }
    virtual StatusOr<PlanRecord> get_plan(Id plan_id) = 0;
    virtual StatusOr<std::vector<PlanRecord>> list_plans(std::optional<int> fiscal_year_be) = 0;
    // The plan of `unit_id` started from round `round_id`, if any (the one
    // with the lowest id should there be several).
    virtual StatusOr<std::optional<PlanRecord>> find_plan_by_source_round(Id unit_id,
                                                                          Id round_id) = 0;
    // Evidence: metadata, bytes and audit entry stored in one transaction.
    StatusOr<Id> add_evidence(const EvidenceFile& file, const std::string& bytes,
                              const AuditEntry& audit) {
        return do_add_evidence(file, bytes, &audit);
    }
    StatusOr<Id> add_evidence(const EvidenceFile& file, const std::string& bytes) {
        return do_add_evidence(file, bytes, nullptr);
    }
    virtual StatusOr<EvidenceFile> get_evidence(Id evidence_id) = 0;
    virtual StatusOr<std::string> read_evidence_bytes(Id evidence_id) = 0;
    virtual StatusOr<std::vector<EvidenceFile>> list_evidence(Id plan_id) = 0;

    // OIT answers of a unit in a round, in item-code order.
    virtual StatusOr<std::vector<OitAnswerRecord>> list_oit_answers(Id round_id, Id unit_id) = 0;
    // Every OIT answer of a round, by unit id then item code.
    virtual StatusOr<std::vector<OitAnswerRecord>> list_round_oit_answers(Id round_id) = 0;
    // Saves answers of one unit in one round, all or nothing: each write is a
    // compare-and-set on its revision (kConflict naming the item when one
    // was saved by someone else in the meantime, or exists when expected
    // not to). Returns the new revisions in write order. The rules of what
    // may be written (core/oit_review.hpp, core/oit_answers.hpp) are the
    // caller's.
    StatusOr<std::vector<std::int64_t>> save_oit_answers(Id round_id, Id unit_id,
                                                         const std::vector<OitAnswerWrite>& writes,
                                                         std::string_view now, std::optional<Id> by,
                                                         const AuditEntry& audit) {
        return do_save_oit_answers(round_id, unit_id, writes, now, by, &audit);
    }
    StatusOr<std::vector<std::int64_t>> save_oit_answers(Id round_id, Id unit_id,
                                                         const std::vector<OitAnswerWrite>& writes,
                                                         std::string_view now) {
        return do_save_oit_answers(round_id, unit_id, writes, now, std::nullopt, nullptr);
    }
    // Replaces the stored checks of the given links (others stay).
    virtual Status save_oit_link_checks(Id round_id, Id unit_id,
                                        const std::vector<OitLinkCheck>& checks) = 0;
    // The last check of every link of a unit in a round, by URL.
    virtual StatusOr<std::vector<OitLinkCheck>> list_oit_link_checks(Id round_id, Id unit_id) = 0;

    // Installation settings (kSetting* keys): nullopt when never set.
    Status set_setting(std::string_view key, std::string_view value, const AuditEntry& audit) {
        return do_set_setting(key, value, &audit);
    }
    Status set_setting(std::string_view key, std::string_view value) {
        return do_set_setting(key, value, nullptr);
    }
    virtual StatusOr<std::optional<std::string>> get_setting(std::string_view key) = 0;

    // Audit log: an entry for an event that changes nothing else.
    virtual Status append_audit(const AuditEntry& entry) = 0;
    virtual StatusOr<std::vector<AuditEntry>> list_audit(int limit) = 0;  // newest first

protected:
    // The mutating methods; `audit` (nullptr: none) is written in the same
    // transaction as the change, and its failure rolls the change back.
    virtual StatusOr<Id> do_create_unit(const Unit& unit, const AuditEntry* audit) = 0;
    virtual Status do_update_unit(const Unit& unit, const AuditEntry* audit) = 0;
    virtual StatusOr<std::vector<Id>> do_create_units(const std::vector<NewUnit>& units,
                                                      const AuditEntry* audit) = 0;
    virtual StatusOr<Id> do_add_questionnaire(const QuestionnaireRecord& q,
                                              const AuditEntry* audit) = 0;
    virtual StatusOr<Id> do_create_round(const Round& round, const AuditEntry* audit) = 0;
    virtual Status do_update_round(const Round& round, const AuditEntry* audit) = 0;
    virtual Status do_delete_round(Id round_id, const AuditEntry* audit) = 0;
    virtual Status do_add_access_codes(const AccessCodeBatch& batch, const AuditEntry* audit) = 0;
    virtual StatusOr<std::int64_t> do_revoke_access_codes(
        Id round_id, Id unit_id, const std::optional<std::string>& code_hash,
        const AuditEntry* audit) = 0;
    virtual Status do_import_responses(const std::vector<StoredResponse>& responses,
                                       const AuditEntry* audit) = 0;
    virtual StatusOr<Id> do_create_user(const User& user, const AuditEntry* audit) = 0;
    virtual Status do_update_user(const User& user, const AuditEntry* audit) = 0;
    virtual StatusOr<std::vector<Id>> do_create_users(const std::vector<User>& users,
                                                      const AuditEntry* audit) = 0;
    virtual Status do_set_setting(std::string_view key, std::string_view value,
                                  const AuditEntry* audit) = 0;
    virtual StatusOr<Id> do_create_plan(const PlanRecord& plan, const AuditEntry* audit) = 0;
    virtual StatusOr<std::int64_t> do_save_plan(Id plan_id, const std::string& document,
                                                std::int64_t expected_version, std::string_view now,
                                                const AuditEntry* audit) = 0;
    virtual StatusOr<Id> do_add_evidence(const EvidenceFile& file, const std::string& bytes,
                                         const AuditEntry* audit) = 0;
    virtual StatusOr<std::vector<std::int64_t>> do_save_oit_answers(
        Id round_id, Id unit_id, const std::vector<OitAnswerWrite>& writes, std::string_view now,
        std::optional<Id> by, const AuditEntry* audit) = 0;
};

// Opens a store from a URL; see the top of this file.
StatusOr<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace itagap::store
