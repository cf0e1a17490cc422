// `itagap plan export` and `itagap plan import`: improvement plans as
// "itagap-plan/1" JSON files (docs/plan-format.md), to move a plan between
// databases or edit it outside the web site.
//
// Exit codes as `itagap score` (score_command.hpp): 0 success, 2 bad input
// (a file that does not parse, an unknown or ambiguous unit, no such plan, a
// plan already there without --replace, a bad --db), 1 internal error (the
// database failed, a stored plan that no longer parses).
#pragma once

#include <iosfwd>
#include <string>

namespace itagap::cli {

struct PlanExportOptions {
    std::string db_url;
    // The unit as people write it: its name ("ศูนย์ความร่วมมือระหว่างประเทศ"),
    // its short name ("ศรป.") or both ("ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)").
    std::string unit;
    int fiscal_year_be = 0;   // 2569
    std::string output_path;  // empty: standard output
};

// Writes the unit's plan for the year as JSON, with the plan's and the
// unit's ids in this database.
int run_plan_export(const PlanExportOptions& options, std::ostream& out, std::ostream& err);

struct PlanImportOptions {
    std::string db_url;
    std::string file_path;
    // Overwrite the unit's existing plan for the year (as a save from its
    // current version) instead of refusing.
    bool replace = false;
};

// Reads a plan file, finds its unit in the database (by name, then short
// name; the file's unit id only tells apart units with the same name), and
// creates the plan, or replaces the existing one with --replace.
int run_plan_import(const PlanImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace itagap::cli
