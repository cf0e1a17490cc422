#include "store/sqlite/migrations.hpp"

#include <array>

namespace itagap::store::sqlite {

namespace {

// Version 1: the whole schema. The PostgreSQL twin is postgres/migrations.cpp;
// the two must keep the same tables, columns and constraints.
//
// Anonymity is a property of this schema, not of the code that uses it:
// - responses has no column for a code, token, user, IP address or time; the
//   date is checked to be YYYY-MM-DD so a time cannot be smuggled in;
// - responses is WITHOUT ROWID, keyed by a random 64-bit id, so neither the
//   key nor the b-tree order follows arrival;
// - access_codes has no time column and eit_browser_tokens is keyed by the
//   token hash (WITHOUT ROWID too), so their order tells nothing either.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES units(id),
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    name_en     TEXT NOT NULL DEFAULT '',
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE questionnaires (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL,
    title        TEXT NOT NULL,
    json         TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);

CREATE TABLE rounds (
    id                 INTEGER PRIMARY KEY,
    fiscal_year_be     INTEGER NOT NULL,
    name               TEXT NOT NULL,
    opens_on           TEXT NOT NULL,
    closes_on          TEXT NOT NULL,
    questionnaire_id   INTEGER NOT NULL REFERENCES questionnaires(id),
    status             TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    results_published  INTEGER NOT NULL DEFAULT 0 CHECK (results_published IN (0, 1))
);

CREATE TABLE access_codes (
    round_id   INTEGER NOT NULL REFERENCES rounds(id),
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    code_hash  TEXT NOT NULL CHECK (length(code_hash) > 0),
    used       INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    PRIMARY KEY (round_id, code_hash)
) WITHOUT ROWID;
CREATE INDEX access_codes_unit ON access_codes(round_id, unit_id);

CREATE TABLE responses (
    id            INTEGER NOT NULL PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES rounds(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    instrument    TEXT NOT NULL CHECK (instrument IN ('IIT', 'EIT')),
    submitted_on  TEXT NOT NULL
        CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    answers       BLOB NOT NULL,
    comment       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX responses_round_unit ON responses(round_id, unit_id, instrument);

CREATE TABLE eit_browser_tokens (
    round_id    INTEGER NOT NULL REFERENCES rounds(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    token_hash  TEXT NOT NULL CHECK (length(token_hash) > 0),
    PRIMARY KEY (round_id, unit_id, token_hash)
) WITHOUT ROWID;

CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,
    username              TEXT NOT NULL,
    username_key          TEXT NOT NULL UNIQUE,
    display_name          TEXT NOT NULL DEFAULT '',
    password_hash         TEXT NOT NULL,
    role                  TEXT NOT NULL
        CHECK (role IN ('admin', 'unit_coordinator', 'executive')),
    unit_id               INTEGER REFERENCES units(id),
    active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_sign_ins       INTEGER NOT NULL DEFAULT 0,
    locked_until          TEXT NOT NULL DEFAULT '',
    must_change_password  INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    user_id  INTEGER REFERENCES users(id),
    action   TEXT NOT NULL,
    details  TEXT NOT NULL DEFAULT ''
);
)sql";

// Version 2: find_access_code() looks a code up by its hash alone (the
// respondent types only the code), which the (round_id, code_hash) key cannot
// serve.
constexpr std::string_view kV2 = R"sql(
CREATE INDEX access_codes_hash ON access_codes(code_hash);
)sql";

// Version 3: improvement plans and their evidence files.
// - plans keeps the plan as its JSON document (input/plan_json.hpp) with a
//   version for optimistic concurrency: save_plan() is a compare-and-set on
//   it. One plan per unit and fiscal year.
// - evidence_files keeps the uploaded bytes in the database under a random id
//   (never under the uploaded name, which is kept for display only); the size
//   is checked against the bytes so the two cannot disagree.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE plans (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    fiscal_year_be  INTEGER NOT NULL CHECK (fiscal_year_be BETWEEN 2400 AND 2800),
    document        TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at      TEXT NOT NULL,
    UNIQUE (unit_id, fiscal_year_be)
);
CREATE INDEX plans_year ON plans(fiscal_year_be, unit_id);

CREATE TABLE evidence_files (
    id             INTEGER NOT NULL PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans(id),
    original_name  TEXT NOT NULL,
    content_type   TEXT NOT NULL CHECK (length(content_type) > 0),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes     INTEGER NOT NULL CHECK (size_bytes = length(bytes)),
    uploaded_at    TEXT NOT NULL,
    uploaded_by    INTEGER REFERENCES users(id),
    bytes          BLOB NOT NULL
);
CREATE INDEX evidence_files_plan ON evidence_files(plan_id);
)sql";

// Version 4: whole-round reads.
// - rounds.revision (see store::Round) lets a server cache a closed round's
//   summary and know when it is stale.
// - responses is rebuilt clustered by (round, unit, instrument, random id):
//   a unit's responses, and a whole round, are then one range of the b-tree
//   instead of one random lookup per row through an index (81% of the time of
//   the national overview before). Inside a unit the order is still the
//   random id's, so it says nothing about arrival.
constexpr std::string_view kV4 = R"sql(
ALTER TABLE rounds ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE responses_by_unit (
    id            INTEGER NOT NULL,
    round_id      INTEGER NOT NULL REFERENCES rounds(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    instrument    TEXT NOT NULL CHECK (instrument IN ('IIT', 'EIT')),
    submitted_on  TEXT NOT NULL
        CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    answers       BLOB NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, unit_id, instrument, id)
) WITHOUT ROWID;
INSERT INTO responses_by_unit (id, round_id, unit_id, instrument, submitted_on, answers, comment)
    SELECT id, round_id, unit_id, instrument, submitted_on, answers, comment FROM responses;
DROP TABLE responses;
ALTER TABLE responses_by_unit RENAME TO responses;
)sql";

// Version 5: plans.source_round_id, the round whose gap analysis started the
// plan (store::PlanRecord). Existing plans are linked by the round NAME their
// document holds ("source_round"); names recur every year, so of the rounds
// with that name the one of the latest fiscal year not after the plan's wins,
// then the latest opening date; none: NULL.
constexpr std::string_view kV5 = R"sql(
ALTER TABLE plans ADD COLUMN source_round_id INTEGER REFERENCES rounds(id);
UPDATE plans SET source_round_id = (
    SELECT r.id FROM rounds r
    WHERE json_valid(plans.document)
      AND r.name = json_extract(plans.document, '$.source_round')
      AND r.fiscal_year_be <= plans.fiscal_year_be
    ORDER BY r.fiscal_year_be DESC, r.opens_on DESC, r.id DESC
    LIMIT 1);
CREATE INDEX plans_source_round ON plans(unit_id, source_round_id);
)sql";

// Version 6: a real installation (issue 12).
// - units.staff_count and units.client_count: the sample-size inputs (the
//   number of staff, and of outside clients where the agency counts them);
//   NULL when not given, never negative.
// - settings: installation-wide values by key (store::kSetting*), such as the
//   agency's name that `itagap init` records.
constexpr std::string_view kV6 = R"sql(
ALTER TABLE units ADD COLUMN staff_count INTEGER CHECK (staff_count >= 0);
ALTER TABLE units ADD COLUMN client_count INTEGER CHECK (client_count >= 0);
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
)sql";

// Version 7: the OIT (issue 11), the evidence checklist of a unit in a round.
// - users.role takes 'reviewer' (an internal-audit or ITA working-group
//   member who judges OIT evidence). SQLite cannot alter a CHECK, and
//   rebuilding users would cascade into sessions and break the references of
//   audit_log and evidence_files; widening a CHECK changes nothing stored, so
//   the table's SQL is rewritten in place as SQLite's ALTER TABLE page allows
//   for loosening a constraint, and RESET makes this connection re-read the
//   schema.
// - units.website: the unit's own website; links elsewhere are flagged.
// - rounds.oit_*: the round's OIT windows (answering, review, appeal,
//   confirmation), ISO dates both ends inclusive; '' = not set (closed).
// - oit_answers: one row per unit, round and item: the answer, the verdict
//   and the clarification, with a revision for compare-and-set. urls and
//   clarification_urls hold one link per line; elements_passed one '1' or
//   '0' per element. OIT evidence is published by the unit and names no
//   respondent, so these rows carry who changed them last.
// - oit_files: files attached to an answer, as evidence_files are to plans.
// - oit_link_checks: the last check of each link of a unit in a round.
constexpr std::string_view kV7 = R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (role IN (''admin'', ''unit_coordinator'', ''executive''))',
                          'CHECK (role IN (''admin'', ''unit_coordinator'', ''executive'', ''reviewer''))')
 WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;

ALTER TABLE units ADD COLUMN website TEXT NOT NULL DEFAULT '';

ALTER TABLE rounds ADD COLUMN oit_answering_first TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN oit_answering_last TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN oit_review_first TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN oit_review_last TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN oit_appeal_first TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN oit_appeal_last TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN oit_confirmation_first TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN oit_confirmation_last TEXT NOT NULL DEFAULT '';

CREATE TABLE oit_answers (
    round_id            INTEGER NOT NULL REFERENCES rounds(id),
    unit_id             INTEGER NOT NULL REFERENCES units(id),
    item_code           TEXT NOT NULL CHECK (length(item_code) > 0),
    state               TEXT NOT NULL CHECK (state IN ('draft', 'answered', 'submitted',
                            'passed', 'failed', 'clarified', 'confirmed_passed',
                            'confirmed_failed')),
    available           INTEGER NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
    urls                TEXT NOT NULL DEFAULT '',
    explanation         TEXT NOT NULL DEFAULT '',
    responsible         TEXT NOT NULL DEFAULT '',
    due_on              TEXT NOT NULL DEFAULT '',
    review_comment      TEXT NOT NULL DEFAULT '',
    elements_passed     TEXT NOT NULL DEFAULT '' CHECK (elements_passed NOT GLOB '*[^01]*'),
    clarification       TEXT NOT NULL DEFAULT '',
    clarification_urls  TEXT NOT NULL DEFAULT '',
    revision            INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    updated_at          TEXT NOT NULL,
    updated_by          INTEGER REFERENCES users(id),
    PRIMARY KEY (round_id, unit_id, item_code)
);

CREATE TABLE oit_files (
    id             INTEGER NOT NULL PRIMARY KEY,
    round_id       INTEGER NOT NULL,
    unit_id        INTEGER NOT NULL,
    item_code      TEXT NOT NULL,
    original_name  TEXT NOT NULL,
    content_type   TEXT NOT NULL CHECK (length(content_type) > 0),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes     INTEGER NOT NULL CHECK (size_bytes = length(bytes)),
    uploaded_at    TEXT NOT NULL,
    uploaded_by    INTEGER REFERENCES users(id),
    bytes          BLOB NOT NULL,
    FOREIGN KEY (round_id, unit_id, item_code)
        REFERENCES oit_answers(round_id, unit_id, item_code)
);
CREATE INDEX oit_files_answer ON oit_files(round_id, unit_id, item_code);

CREATE TABLE oit_link_checks (
    round_id      INTEGER NOT NULL REFERENCES rounds(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    url           TEXT NOT NULL CHECK (length(url) > 0),
    checked_at    TEXT NOT NULL,
    http_status   INTEGER NOT NULL DEFAULT 0,
    final_url     TEXT NOT NULL DEFAULT '',
    content_type  TEXT NOT NULL DEFAULT '',
    failure       TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '',
    fine          INTEGER NOT NULL CHECK (fine IN (0, 1)),
    broken        INTEGER NOT NULL CHECK (broken IN (0, 1)),
    outside_site  INTEGER NOT NULL CHECK (outside_site IN (0, 1)),
    year_missing  INTEGER NOT NULL CHECK (year_missing IN (0, 1)),
    PRIMARY KEY (round_id, unit_id, url)
);
)sql";

constexpr std::array<std::string_view, 7> kMigrations{kV1, kV2, kV3, kV4, kV5, kV6, kV7};

}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

}  // namespace itagap::store::sqlite
