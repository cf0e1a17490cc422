#include "app/import_responses.hpp"

#include <unordered_map>

#include "input/csv_text.hpp"
#include "input/responses_csv.hpp"

namespace itagap::app {

store::StatusOr<core::Result<ImportSummary>> import_responses_csv(
    store::Store& store, const core::Questionnaire& q, const store::Round& round,
    std::string_view csv, std::string_view file_name, std::string_view today,
    const ImportAuditEntry& audit_for) {
    using Outcome = core::Result<ImportSummary>;
    auto decoded = input::decode_csv_text(csv, file_name);
    if (!decoded) return Outcome(decoded.errors());

    auto units = store.list_units();
    if (!units.ok()) return units.status;
    // Every name a unit answers to, first unit first: its name, its short name
    // ("ศรป.") and both as pages show them ("ศูนย์ความร่วมมือระหว่างประเทศ
    // (ศรป.)"). One map, so a national file (8,000 units, 16,000 tables) does
    // not compare every table with every unit.
    std::unordered_map<std::string, const store::Unit*> by_name;
    for (const auto& u : *units) {
        by_name.emplace(u.name, &u);
        if (!u.short_name.empty()) {
            by_name.emplace(u.short_name, &u);
            by_name.emplace(u.name + " (" + u.short_name + ")", &u);
        }
    }
    auto find_unit = [&](const std::string& name) -> const store::Unit* {
        auto it = by_name.find(name);
        return it == by_name.end() ? nullptr : it->second;
    };

    input::ResponsesCsvOptions options;
    options.delimiter = decoded->delimiter;
    options.round = round.name;
    options.unit_known = [&](std::string_view name) {
        return by_name.find(std::string(name)) != by_name.end();
    };
    auto parsed = input::parse_responses_csv(q, decoded->text, file_name, options);
    if (!parsed) return Outcome(parsed.errors());

    std::vector<core::Diagnostic> errors;
    std::vector<store::StoredResponse> rows;
    ImportSummary summary;
    for (const auto& table : parsed.value().tables) {
        if (table.round() != round.name) {
            core::Diagnostic d{std::string(file_name), 0, "round", table.round(),
                               "the name of the round being imported into: \"" + round.name + "\""};
            d.key = "csv_wrong_round";
            d.args = {{"round", round.name}};
            errors.push_back(std::move(d));
            continue;
        }
        const store::Unit* unit = find_unit(table.unit());
        if (unit == nullptr) {
            core::Diagnostic d{std::string(file_name), 0, "unit", table.unit(),
                               "the name or short name of a unit in itagap"};
            d.key = "csv_unknown_unit";
            d.args = {{"unit", table.unit()}};
            errors.push_back(std::move(d));
            continue;
        }
        const std::string& instrument = q.instruments[table.instrument()].code;
        const std::size_t columns = table.item_of_column().size();
        for (std::size_t r = 0; r < table.respondents(); ++r) {
            store::StoredResponse row;
            row.round_id = round.id;
            row.unit_id = unit->id;
            row.instrument = instrument;
            row.submitted_on = std::string(today);
            row.answers.resize(columns);
            for (std::size_t c = 0; c < columns; ++c)
                row.answers[c] = table.answers(static_cast<int>(c))[r];
            rows.push_back(std::move(row));
        }
        summary.per_unit.emplace_back(unit->name, table.respondents());
    }
    if (!errors.empty()) return Outcome(std::move(errors));

    summary.responses = rows.size();
    summary.encoding = decoded->encoding;
    store::Status status =
        audit_for ? store.import_responses(rows, audit_for(summary)) : store.import_responses(rows);
    if (status.code == store::StatusCode::kInvalid || status.code == store::StatusCode::kConflict) {
        core::Diagnostic d{std::string(file_name), 0, "", "",
                           "rows the round accepts (" + status.message + ")"};
        d.key = "csv_store_refused";
        return Outcome(std::move(d));
    }
    if (!status.ok()) return status;
    return Outcome(std::move(summary));
}

}  // namespace itagap::app
