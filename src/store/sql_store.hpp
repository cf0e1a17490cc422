// The store's rules, written once for both SQL backends: what a submission
// checks and in which transaction, the savepoint per submission of a group
// commit, the revision bump of an import, save_plan's compare-and-set and its
// stale-versus-missing answer, the migration loop, the retry of a random id
// that collides, the audit entry written with its change, and the mapping of
// rows to store types. The backends (sqlite/, postgres/) provide connections
// through the seam in sql_connection.hpp and keep only what really differs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "store/sql_connection.hpp"
#include "store/store.hpp"

namespace itagap::store {

// Usernames are unique ignoring ASCII case; the folded form is kept in
// users.username_key so both backends fold the same way (PostgreSQL's lower()
// depends on the server locale, SQLite's NOCASE on nothing beyond ASCII).
std::string username_key(std::string_view username);

// SHA-256 of `bytes`, lower-case hex. REQUIRES: sodium_init() succeeded.
std::string sha256_hex(std::string_view bytes);

// 64 random bits from the OS CSPRNG, so a response id says nothing about
// arrival order. REQUIRES: sodium_init() succeeded.
Id random_id();

// The metadata of an evidence file made consistent with its bytes: the size
// and hash are computed here; a caller's non-empty hash or non-zero size
// that disagrees is refused (the upload was damaged on the way).
StatusOr<EvidenceFile> checked_evidence(const EvidenceFile& file, std::string_view bytes);

// The details of `entry` with `new_id` added under entry.new_id_key (when
// set): `{"a":1}` -> `{"unit_id":7,"a":1}`. REQUIRES: details is a JSON
// object or empty.
std::string audit_details(const AuditEntry& entry, std::optional<Id> new_id);

// A status or role read from a row; a value the schema does not know is an
// error naming the table, the row and the value, never a silent default.
StatusOr<RoundStatus> round_status_of_row(std::string_view text, Id row_id);
StatusOr<Role> role_of_row(std::string_view text, Id row_id);

// What tests may replace.
struct SqlStoreHooks {
    // The source of random ids (responses, evidence files); random_id() when
    // empty. A test gives colliding ids to see them retried.
    std::function<Id()> random_id;
};

// The Store over a backend's connections. REQUIRES: sodium_init() succeeded.
std::unique_ptr<Store> make_sql_store(std::unique_ptr<SqlConnectionSource> source,
                                      SqlStoreHooks hooks = {});

}  // namespace itagap::store
