// Reading the plan forms (plan_page.mustache) into core types: a measure, a
// progress update, an activity, with each problem kept next to its field for
// the page shown again. Nothing here saves or decides a plan rule; see
// plan_changes.cpp for what happens with what is read. Internal to web/site.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/plans.hpp"
#include "core/questionnaire.hpp"
#include "web/http/request.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

// A form shown again after a refused POST: the values as posted and the
// problems next to their fields. `form` names the form on the page:
// "gap-2", "measure-new", "measure-3", "update-3", "activity-new",
// "activity-evidence-2" (the second activity as listed).
struct FormState {
    std::string form;
    std::map<std::string, std::string> values;
    std::map<std::string, std::set<std::string>> choices;  // checkboxes
    std::map<std::string, std::string> errors;             // field -> message
    bool conflict = false;                                 // someone saved the plan meanwhile
};

// The posted form named `form`, its values and checkboxes as they came.
FormState posted_state(const Request& request, std::string form);
// Adds `message` to `field`'s problems.
void add_error(FormState& state, const std::string& field, const std::string& message);
// The problems core::validate_plan() found under the JSON path `prefix`
// ("$.measures[2]"), each next to the form field it belongs to.
void add_diagnostics(FormState& state, const std::vector<core::Diagnostic>& problems,
                     std::string_view prefix);

// The version the form was loaded at (its "version" field), if it is a number.
std::optional<std::int64_t> posted_version(const Request& request);

// Reads the measure form into `m` (keeping its number and updates); a new
// knowledge topic is added to `plan` (core::add_topic()). Problems are said in
// `language` with the values as typed ("“150”: ต้องไม่เกิน 100"); a due date
// before the start is one; with `q` (the plan's questionnaire), so is a target
// that names an item, indicator or instrument it does not have ("i99").
void read_measure(const Request& request, core::Plan& plan, core::Measure& m, FormState& state,
                  Language language, const core::Questionnaire* q = nullptr);
// Reads the progress update form ("on", "percent", "note").
core::ProgressUpdate read_update(const Request& request, FormState& state, Language language);
// Reads the activity form; "participants" is "group | 12" per line, the
// count optional.
core::Activity read_activity(const Request& request, FormState& state, Language language);

}  // namespace itagap::web
