#include "cli/plan_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

#include "app/plans.hpp"
#include "cli/cli_text.hpp"
#include "cli/score_command.hpp"  // exit codes
#include "cli/store_arguments.hpp"
#include "input/plan_json.hpp"
#include "store/store.hpp"

namespace itagap::cli {

namespace {

std::string now_iso() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::optional<std::string> read_file(const std::string& path, std::ostream& err) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << path << ": cannot open the file for reading\n";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        err << path << ": read error\n";
        return std::nullopt;
    }
    return std::move(text).str();
}

// The unit of the database that a plan file's unit is: by name, then by
// short name; the file's id (from the exporting database) only picks among
// units with the same name.
std::optional<store::Unit> unit_of_file(const std::vector<store::Unit>& units,
                                        const core::UnitRef& ref, const std::string& file,
                                        std::ostream& err) {
    std::vector<store::Unit> matches;
    for (const auto& u : units) {
        if (u.name == ref.name) matches.push_back(u);
    }
    if (matches.empty() && !ref.short_name.empty()) {
        for (const auto& u : units) {
            if (u.short_name == ref.short_name) matches.push_back(u);
        }
    }
    if (matches.size() > 1 && ref.id != 0) {
        for (const auto& u : matches) {
            if (u.id == ref.id) return u;
        }
    }
    if (matches.size() == 1) return matches.front();
    const std::string named =
        ref.short_name.empty() ? ref.name : fmt::format("{} ({})", ref.name, ref.short_name);
    if (matches.empty()) {
        err << file << ": $.unit: value \"" << named
            << "\": expected the name or short name of a unit in the database, one of:\n"
            << list_of(units);
    } else {
        err << file << ": $.unit: value \"" << named
            << "\": several units in the database have this name; expected one; candidates:\n"
            << list_of(matches);
    }
    return std::nullopt;
}

// The unit's stored plan for the year, if any.
store::StatusOr<std::optional<store::PlanRecord>> plan_of(store::Store& store, store::Id unit_id,
                                                          int year) {
    using Found = std::optional<store::PlanRecord>;
    auto plans = store.list_plans(year);
    if (!plans.ok()) return plans.status;
    for (const auto& p : *plans) {
        if (p.unit_id == unit_id) return Found(p);
    }
    return Found();
}

}  // namespace

int run_plan_export(const PlanExportOptions& options, std::ostream& out, std::ostream& err) {
    int exit_code = kExitOk;
    auto store = open_store(options.db_url, err, exit_code);
    if (!store) return exit_code;
    auto units = store->list_units();
    if (!units.ok()) {
        err << "itagap: cannot read the units: " << units.status.message << "\n";
        return kExitInternalError;
    }
    auto unit = unit_named(*units, options.unit, err);
    if (!unit) return kExitBadInput;
    auto record = plan_of(*store, unit->id, options.fiscal_year_be);
    if (!record.ok()) {
        err << "itagap: cannot read the plans: " << record.status.message << "\n";
        return kExitInternalError;
    }
    if (!*record) {
        err << "itagap: " << unit_label(*unit) << " has no plan for fiscal year "
            << options.fiscal_year_be << "\n";
        return kExitBadInput;
    }
    const store::PlanRecord& stored = **record;

    // Re-written from the model, so the file carries this database's ids and
    // the unit's current names.
    auto plan = input::parse_plan_json(stored.document, fmt::format("plan {}", stored.id));
    if (!plan) {
        err << "itagap: the stored plan " << stored.id << " no longer reads as a plan:\n"
            << core::to_string(plan.errors());
        return kExitInternalError;
    }
    plan->id = stored.id;
    plan->unit = core::UnitRef{unit->id, unit->name, unit->short_name};
    const std::string json = input::export_plan_json(plan.value());

    if (options.output_path.empty()) {
        out << json;
        out.flush();
        if (!out) {
            err << "itagap: could not write the output\n";
            return kExitInternalError;
        }
        return kExitOk;
    }
    std::ofstream file(options.output_path, std::ios::binary | std::ios::trunc);
    if (!file) {
        err << options.output_path << ": cannot open the file for writing\n";
        return kExitBadInput;
    }
    file << json;
    file.close();
    if (!file) {
        err << options.output_path << ": write error\n";
        return kExitInternalError;
    }
    return kExitOk;
}

int run_plan_import(const PlanImportOptions& options, std::ostream& out, std::ostream& err) {
    // The file first: a bad file is reported without touching the database.
    auto text = read_file(options.file_path, err);
    if (!text) return kExitBadInput;
    auto parsed = input::parse_plan_json(*text, options.file_path);
    if (!parsed) {
        err << core::to_string(parsed.errors());
        err << options.file_path << ": the file was rejected as a whole; nothing was imported\n";
        return kExitBadInput;
    }
    core::Plan plan = std::move(parsed).value();

    int exit_code = kExitOk;
    auto store = open_store(options.db_url, err, exit_code);
    if (!store) return exit_code;
    auto units = store->list_units();
    if (!units.ok()) {
        err << "itagap: cannot read the units: " << units.status.message << "\n";
        return kExitInternalError;
    }
    auto unit = unit_of_file(*units, plan.unit, options.file_path, err);
    if (!unit) return kExitBadInput;

    plan.id = 0;  // the exporting database's id means nothing here
    plan.unit = core::UnitRef{unit->id, unit->name, unit->short_name};
    const std::string document = input::export_plan_json(plan);
    const std::string now = now_iso();

    auto existing = plan_of(*store, unit->id, plan.fiscal_year_be);
    if (!existing.ok()) {
        err << "itagap: cannot read the plans: " << existing.status.message << "\n";
        return kExitInternalError;
    }
    auto already_there = [&](const store::PlanRecord& p) {
        err << options.file_path << ": " << unit_label(*unit)
            << " already has a plan for fiscal year " << plan.fiscal_year_be << " (id " << p.id
            << ", version " << p.version
            << "); nothing was imported. Use --replace to overwrite it.\n";
        return kExitBadInput;
    };

    // Recorded with the change, by nobody signed in: the command line.
    const auto entry = [&](std::string action, std::string new_id_key) {
        store::AuditEntry e{0, now, std::nullopt, std::move(action), R"({"by":"cli"})", {}};
        e.new_id_key = std::move(new_id_key);
        return e;
    };
    if (*existing) {
        const store::PlanRecord& p = **existing;
        if (!options.replace) return already_there(p);
        store::AuditEntry replaced = entry("plan.replace", "");
        replaced.details = R"({"by":"cli","plan_id":)" + std::to_string(p.id) + "}";
        auto saved = store->save_plan(p.id, document, p.version, now, replaced);
        if (!saved.ok()) {
            err << "itagap: cannot replace plan " << p.id << ": " << saved.status.message
                << (saved.status.code == store::StatusCode::kConflict
                        ? " (it was saved by someone else meanwhile; run the import again)"
                        : "")
                << "\n";
            return kExitInternalError;
        }
        out << fmt::format(fmt::runtime(both_languages("plan_replaced")),
                           fmt::arg("unit", unit_label(*unit)),
                           fmt::arg("year", plan.fiscal_year_be), fmt::arg("id", p.id),
                           fmt::arg("version", *saved), fmt::arg("measures", plan.measures.size()))
            << "\n";
        return kExitOk;
    }

    // The exporting database's round id means nothing here either: the round
    // is found again by the name the document keeps.
    auto rounds = store->list_rounds();
    if (!rounds.ok()) {
        err << "itagap: cannot read the rounds: " << rounds.status.message << "\n";
        return kExitInternalError;
    }
    auto created = store->create_plan(
        {0, unit->id, plan.fiscal_year_be, document, 1, now, app::link_source_round(plan, *rounds)},
        entry("plan.import", "plan_id"));
    if (!created.ok()) {
        if (created.status.code == store::StatusCode::kConflict) {
            // Created by someone else since we looked.
            auto now_there = plan_of(*store, unit->id, plan.fiscal_year_be);
            if (now_there.ok() && *now_there) return already_there(**now_there);
        }
        err << "itagap: cannot store the plan: " << created.status.message << "\n";
        return kExitInternalError;
    }
    out << fmt::format(fmt::runtime(both_languages("plan_imported")),
                       fmt::arg("unit", unit_label(*unit)), fmt::arg("year", plan.fiscal_year_be),
                       fmt::arg("id", *created), fmt::arg("measures", plan.measures.size()))
        << "\n";
    return kExitOk;
}

}  // namespace itagap::cli
