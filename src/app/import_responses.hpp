// Imports a responses CSV (the core's format, docs/cli.md) into one round:
// every row's round must be that round's name and every unit must be a unit
// of itagap (by name or short name). The file's bytes may be UTF-8 (with or
// without BOM) or Windows-874, split by commas or semicolons
// (input/csv_text.hpp). All or nothing: any error rejects the whole file and
// nothing is stored; every error is reported, an unknown unit or another
// round on its line with the others.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/questionnaire.hpp"
#include "input/csv_text.hpp"
#include "store/store.hpp"

namespace itagap::app {

struct ImportSummary {
    std::size_t responses = 0;
    std::vector<std::pair<std::string, std::size_t>> per_unit;  // unit name, rows
    input::CsvEncoding encoding = input::CsvEncoding::kUtf8;    // as the file was read
};

// `today` is the date stamped on the imported rows (responses keep the day only).
// Two kinds of failure, kept apart so that a caller never reports a database
// that is down as a bad file: the file's problems (its rows, rounds, units, or
// a rule the store refuses it by: kInvalid, kConflict) are diagnostics in the
// inner Result; a store that cannot be read or written (kUnavailable,
// kInternal, ...) is the outer Status.
// `audit_for` makes the audit entry of an accepted file, written in the
// import's transaction (none: seed data, tests, benchmarks).
using ImportAuditEntry = std::function<store::AuditEntry(const ImportSummary&)>;
store::StatusOr<core::Result<ImportSummary>> import_responses_csv(
    store::Store& store, const core::Questionnaire& q, const store::Round& round,
    std::string_view csv, std::string_view file_name, std::string_view today,
    const ImportAuditEntry& audit_for = {});

}  // namespace itagap::app
