// The admin's set-up pages: units (the tree of the agency), rounds (open,
// close, publish), questionnaires (JSON uploads) and response imports (CSV).
// Admins only; a round changes state only as core/round_lifecycle.hpp allows. Dates are stored as
// ISO "YYYY-MM-DD", typed in พ.ศ. "dd/mm/yyyy" (or ISO from a date picker: core::parse_typed_date)
// and shown in Thai form on Thai pages. Rounds can be edited, duplicated a year on and deleted
// while they hold no responses; units can also come in bulk from a CSV (app/bulk_import.hpp).
#include <algorithm>
#include <variant>

#include "app/bulk_import.hpp"
#include "app/import_responses.hpp"
#include "app/round_changes.hpp"
#include "core/fiscal_year.hpp"
#include "core/round_lifecycle.hpp"
#include "core/thai_date.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "web/admin_text.hpp"
#include "web/http/content_disposition.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/page.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

constexpr std::size_t kImportBodyLimit = 20 * 1024 * 1024;
constexpr std::size_t kQuestionnaireBodyLimit = 5 * 1024 * 1024;

// ---- Units -----------------------------------------------------------------

Response units_page(SiteContext& context, const SignedIn& who, Language language,
                    std::string error = {}, http::status status = http::status::ok,
                    json extra = json::object()) {
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    json rows = json::array();
    for (const auto& unit : *units) {
        const auto below = unit_subtree(*units, unit.id);
        std::vector<store::Unit> parents;
        for (const auto& candidate : *units) {
            if (!below.count(candidate.id)) parents.push_back(candidate);
        }
        rows.push_back(
            json{{"id", unit.id},
                 {"label", unit_label(unit)},
                 {"name", unit.name},
                 {"short_name", unit.short_name},
                 {"name_en", unit.name_en},
                 {"staff_count", unit.staff_count ? std::to_string(*unit.staff_count) : ""},
                 {"client_count", unit.client_count ? std::to_string(*unit.client_count) : ""},
                 {"parents", unit_options(parents, unit.parent_id)}});
    }
    json data{{"title", admin_phrase(language, "units_title")},
              {"units", rows},
              {"all_units", unit_options(*units)}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    data["has_errors"] = false;
    data.update(extra);
    return admin_page(context, &who, "admin_units", std::move(data), language, status,
                      "/admin/units");
}

// Reads the unit form into `unit`; returns the message key of a problem.
std::optional<std::string> read_unit_form(const Request& request,
                                          const std::vector<store::Unit>& units,
                                          store::Unit& unit) {
    unit.name = form_text(request, "name");
    unit.short_name = form_text(request, "short_name");
    unit.name_en = form_text(request, "name_en");
    if (unit.name.empty() || unit.name.size() > 1000) return "unit_name_required";
    // Sample-size inputs: empty (not counted) or a whole number >= 0.
    for (auto [field, count] : {std::pair{"staff_count", &unit.staff_count},
                                std::pair{"client_count", &unit.client_count}}) {
        const std::string text = form_text(request, field);
        count->reset();
        if (text.empty()) continue;
        auto value = parse_number<std::int64_t>(text);
        if (!value || *value < 0 || *value > 10'000'000) return "unit_count_invalid";
        *count = *value;
    }
    const std::string parent = form_text(request, "parent");
    unit.parent_id.reset();
    if (!parent.empty()) {
        auto id = parse_id(parent);
        const bool exists = id && std::any_of(units.begin(), units.end(),
                                              [&](const auto& u) { return u.id == *id; });
        if (!exists) return "parent_invalid";
        if (unit.id != 0 && unit_subtree(units, unit.id).count(*id)) return "parent_invalid";
        unit.parent_id = id;
    }
    return std::nullopt;
}

Response create_unit(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    store::Unit unit;
    if (auto problem = read_unit_form(request, *units, unit)) {
        return units_page(context, who, language, *problem, http::status::unprocessable_entity);
    }
    auto entry = audit_entry(
        context, who.user.id, "unit.create",
        {{"name", unit.name}, {"parent_id", unit.parent_id ? json(*unit.parent_id) : json()}});
    entry.new_id_key = "unit_id";
    auto id = context.store.create_unit(unit, entry);
    if (!id.ok()) return store_failed(context, &who, language);
    return redirect("/admin/units");
}

Response update_unit(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    auto id = path_id(request, "unit");
    auto it = std::find_if(units->begin(), units->end(),
                           [&](const auto& u) { return id && u.id == *id; });
    if (it == units->end()) return not_found(context, who, language);
    store::Unit unit = *it;
    if (auto problem = read_unit_form(request, *units, unit)) {
        return units_page(context, who, language, *problem, http::status::unprocessable_entity);
    }
    const auto entry =
        audit_entry(context, who.user.id, "unit.update",
                    {{"unit_id", unit.id},
                     {"name", unit.name},
                     {"parent_id", unit.parent_id ? json(*unit.parent_id) : json()}});
    if (!context.store.update_unit(unit, entry).ok()) return store_failed(context, &who, language);
    return redirect("/admin/units");
}

// POST /admin/units/import: a units CSV, all or nothing; every problem by
// line and column (422), nothing stored then.
Response import_units(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    const MultipartPart* file = request.file("file");
    if (!file || file->data.empty()) {
        return units_page(context, who, language, "file_missing",
                          http::status::unprocessable_entity);
    }
    const std::string name = file->filename.value_or("units.csv");
    auto outcome =
        app::import_units_csv(context.store, file->data, name, language, [&](std::size_t rows) {
            return audit_entry(context, who.user.id, "unit.import",
                               {{"file", name}, {"units", rows}});
        });
    if (!outcome.ok()) return store_failed(context, &who, language);
    if (!*outcome) {
        return units_page(context, who, language, {}, http::status::unprocessable_entity,
                          {{"has_errors", true}, {"errors", diagnostics_json(outcome->errors())}});
    }
    return units_page(context, who, language, {}, http::status::ok,
                      {{"imported", (*outcome)->ids.size()}});
}

// ---- Rounds ----------------------------------------------------------------

// The buttons a round offers: the transitions its life cycle allows the user
// (core/round_lifecycle.hpp).
json round_actions(const store::Round& round, const store::User& user, Language language) {
    json out = json::array();
    const auto stage = app::stage_of(round);
    for (auto action : core::round_actions(stage, app::actor_of(user.role))) {
        const std::string name(core::to_string(action));
        out.push_back(json{{"action", name},
                           {"label", admin_phrase(language, "action_" + name)},
                           {"confirm", core::publish_needs_confirmation(stage, action)}});
    }
    return out;
}

// The form's problems as one message naming each field: "วันเปิดรับ: ...".
std::string form_problems_text(const std::vector<app::RoundFormProblem>& problems,
                               Language language) {
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += " ";
        out += admin_phrase(language, p.field == "name" ? "round_name" : p.field) + ": " +
               admin_phrase(language, p.key);
    }
    return out;
}

json round_form_json(const app::RoundForm& form,
                     const std::vector<app::RoundFormProblem>& problems = {}) {
    json out{{"name", form.name},
             {"opens_on", form.opens_on},
             {"closes_on", form.closes_on},
             {"fiscal_year", form.fiscal_year}};
    for (const auto& p : problems) out[p.field + "_invalid"] = true;
    return out;
}

app::RoundForm read_round_form(const Request& request) {
    return app::RoundForm{form_text(request, "name"), form_text(request, "fiscal_year"),
                          form_text(request, "opens_on"), form_text(request, "closes_on")};
}

Response rounds_page(SiteContext& context, const SignedIn& who, Language language,
                     std::string error = {}, json form = json::object(),
                     http::status status = http::status::ok, std::string error_text = {}) {
    auto rounds = context.store.list_rounds();
    auto questionnaires = context.store.list_questionnaires();
    if (!rounds.ok() || !questionnaires.ok()) return store_failed(context, &who, language);
    json rows = json::array();
    for (const auto& round : *rounds) {
        rows.push_back(json{{"id", round.id},
                            {"name", round.name},
                            {"form", round_form_json(app::round_form_of(round))},
                            {"fiscal_year", round.fiscal_year_be},
                            {"opens_on", display_date(round.opens_on, language)},
                            {"closes_on", display_date(round.closes_on, language)},
                            {"status", admin_phrase(language, round_status_key(round.status))},
                            {"published", round.results_published},
                            {"actions", round_actions(round, who.user, language)}});
    }
    json options = json::array();
    for (const auto& q : *questionnaires) {
        options.push_back(json{{"value", q.id}, {"label", q.title + " (" + q.key + ")"}});
    }
    json data{{"title", admin_phrase(language, "rounds_title")},
              {"rounds", rows},
              {"questionnaires", options},
              {"form", form}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    if (!error_text.empty()) data["error"] = error_text;
    return admin_page(context, &who, "admin_rounds", std::move(data), language, status,
                      "/admin/rounds");
}

Response create_round(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    const app::RoundForm typed = read_round_form(request);
    store::Round round;
    auto problems = app::apply_round_form(typed, round);
    if (!problems.empty()) {
        return rounds_page(context, who, language, {}, round_form_json(typed, problems),
                           http::status::unprocessable_entity,
                           form_problems_text(problems, language));
    }
    auto questionnaire = form_id(request, "questionnaire");
    if (!questionnaire || !context.store.get_questionnaire(*questionnaire).ok()) {
        return rounds_page(context, who, language, "questionnaire_invalid", round_form_json(typed),
                           http::status::unprocessable_entity);
    }
    round.questionnaire_id = *questionnaire;
    round.status = store::RoundStatus::kDraft;
    auto entry = audit_entry(context, who.user.id, "round.create",
                             {{"name", round.name},
                              {"fiscal_year_be", round.fiscal_year_be},
                              {"questionnaire_id", round.questionnaire_id}});
    entry.new_id_key = "round_id";
    auto id = context.store.create_round(round, entry);
    if (!id.ok()) return store_failed(context, &who, language);
    return redirect("/admin/rounds");
}

// GET /admin/rounds/{round}/edit: the round's form, and its duplicate and
// delete buttons.
Response round_edit_page(SiteContext& context, const SignedIn& who, Language language,
                         const store::Round& round, json form, std::string error = {},
                         http::status status = http::status::ok) {
    json data{{"title", admin_phrase(language, "round_edit_title")},
              {"round", json{{"id", round.id}, {"name", round.name}}},
              {"form", std::move(form)}};
    if (!error.empty()) data["error"] = std::move(error);
    return admin_page(context, &who, "admin_round_edit", std::move(data), language, status,
                      "/admin/rounds");
}

// The stored round of the path, or the page to show instead.
std::variant<store::Round, Response> path_round(SiteContext& context, const Request& request,
                                                const SignedIn& who, Language language) {
    auto id = path_id(request, "round");
    if (!id) return not_found(context, who, language);
    auto round = context.store.get_round(*id);
    if (!round.ok()) {
        if (round.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    return *round;
}

Response edit_round(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    auto found = path_round(context, request, who, language);
    if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
    const auto& round = std::get<store::Round>(found);
    return round_edit_page(context, who, language, round,
                           round_form_json(app::round_form_of(round)));
}

// POST /admin/rounds/{round}: name, fiscal year and dates.
Response update_round(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    auto found = path_round(context, request, who, language);
    if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
    store::Round round = std::get<store::Round>(found);
    const app::RoundForm typed = read_round_form(request);
    auto problems = app::apply_round_form(typed, round);
    if (!problems.empty()) {
        return round_edit_page(context, who, language, round, round_form_json(typed, problems),
                               form_problems_text(problems, language),
                               http::status::unprocessable_entity);
    }
    const auto entry = audit_entry(context, who.user.id, "round.update",
                                   {{"round_id", round.id},
                                    {"name", round.name},
                                    {"fiscal_year_be", round.fiscal_year_be},
                                    {"opens_on", round.opens_on},
                                    {"closes_on", round.closes_on}});
    if (!context.store.update_round(round, entry).ok())
        return store_failed(context, &who, language);
    return redirect("/admin/rounds");
}

// POST /admin/rounds/{round}/duplicate: next year's draft, then its form.
Response duplicate_round(SiteContext& context, const Request& request, const SignedIn& who,
                         Language language) {
    auto found = path_round(context, request, who, language);
    if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
    const auto& source = std::get<store::Round>(found);
    auto entry =
        audit_entry(context, who.user.id, "round.duplicate", {{"from_round_id", source.id}});
    entry.new_id_key = "round_id";
    auto id = app::duplicate_round(context.store, source.id, &entry);
    if (!id.ok()) return store_failed(context, &who, language);
    return redirect("/admin/rounds/" + std::to_string(*id) + "/edit");
}

// POST /admin/rounds/{round}/delete: only while it holds no responses (the
// store's rule, checked in its transaction): 409 otherwise.
Response delete_round(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    auto found = path_round(context, request, who, language);
    if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
    const auto& round = std::get<store::Round>(found);
    auto deleted = context.store.delete_round(
        round.id, audit_entry(context, who.user.id, "round.delete",
                              {{"round_id", round.id}, {"name", round.name}}));
    if (deleted.code == store::StatusCode::kConflict) {
        return round_edit_page(
            context, who, language, round, round_form_json(app::round_form_of(round)),
            admin_phrase(language, "round_delete_refused"), http::status::conflict);
    }
    if (deleted.code == store::StatusCode::kNotFound) return not_found(context, who, language);
    if (!deleted.ok()) return store_failed(context, &who, language);
    return redirect("/admin/rounds");
}

// The refusal a page shows for a transition the life cycle does not allow.
std::string_view refusal_key(core::RoundRefusal refusal) {
    switch (refusal) {
        case core::RoundRefusal::kUnpublishFirst:
            return "round_unpublish_first";
        case core::RoundRefusal::kNotPermitted:
            return "round_not_permitted";
        default:
            return "round_transition_refused";
    }
}

// POST /admin/rounds/{round}/status with action=open|close|publish|unpublish.
// An unknown action is 400; one the user may not take is 403 and one the
// round's state does not allow (closing a draft, reopening a published
// round) 409, each with the rounds page and its message; nothing changes.
Response change_round(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    auto id = path_id(request, "round");
    if (!id) return not_found(context, who, language);
    const auto action = core::round_action_from_string(form_text(request, "action"));
    if (!action)
        return rounds_page(context, who, language, {}, json::object(), http::status::bad_request);
    // Publishing a round that still takes answers needs its box ticked.
    if (form_text(request, "confirm") != "yes") {
        auto round = context.store.get_round(*id);
        if (!round.ok()) {
            if (round.status.code == store::StatusCode::kNotFound)
                return not_found(context, who, language);
            return store_failed(context, &who, language);
        }
        if (core::publish_needs_confirmation(app::stage_of(*round), *action)) {
            return rounds_page(context, who, language, "round_publish_confirm_required",
                               json::object(), http::status::unprocessable_entity);
        }
    }
    // Reopening is audited as such: it changes figures units may have planned from.
    const auto audit_for = [&](const app::RoundChange& change) {
        const auto& t = change.transition;
        const bool reopen = *action == core::RoundAction::kOpen && t.goes_back;
        return audit_entry(
            context, who.user.id,
            reopen ? "round.reopen" : "round." + std::string(core::to_string(*action)),
            {{"round_id", change.after.id},
             {"from", core::to_string(app::stage_of(change.before).state)},
             {"to", core::to_string(t.to.state)},
             {"results_published", change.after.results_published}});
    };
    auto change = app::change_round(context.store, *id, *action, who.user.role, audit_for);
    if (!change.ok()) {
        if (change.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    const auto& t = change->transition;
    if (!t.allowed()) {
        return rounds_page(context, who, language, std::string(refusal_key(t.refusal)),
                           json::object(),
                           t.refusal == core::RoundRefusal::kNotPermitted ? http::status::forbidden
                                                                          : http::status::conflict);
    }
    return redirect("/admin/rounds");
}

// ---- Questionnaires --------------------------------------------------------

Response questionnaires_page(SiteContext& context, const SignedIn& who, Language language,
                             const std::vector<core::Diagnostic>& errors = {},
                             std::string error = {}, http::status status = http::status::ok) {
    auto list = context.store.list_questionnaires();
    if (!list.ok()) return store_failed(context, &who, language);
    json rows = json::array();
    for (const auto& q : *list) {
        rows.push_back(json{{"key", q.key},
                            {"title", q.title},
                            {"uploaded_at", display_timestamp(q.uploaded_at, language)}});
    }
    json data{{"title", admin_phrase(language, "questionnaires_title")},
              {"questionnaires", rows},
              {"has_errors", !errors.empty()},
              {"errors", diagnostics_json(errors)}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    return admin_page(context, &who, "admin_questionnaires", std::move(data), language, status,
                      "/admin/questionnaires");
}

Response upload_questionnaire(SiteContext& context, const Request& request, const SignedIn& who,
                              Language language) {
    const MultipartPart* file = request.file("file");
    if (!file || file->data.empty()) {
        return questionnaires_page(context, who, language, {}, "file_missing",
                                   http::status::unprocessable_entity);
    }
    const std::string name = file->filename.value_or("questionnaire.json");
    auto parsed = input::parse_questionnaire_json(file->data, name);
    if (!parsed) {
        return questionnaires_page(context, who, language, parsed.errors(), {},
                                   http::status::unprocessable_entity);
    }
    auto entry = audit_entry(context, who.user.id, "questionnaire.add",
                             {{"key", parsed->id}, {"file", name}, {"bytes", file->data.size()}});
    entry.new_id_key = "questionnaire_id";
    auto id = context.store.add_questionnaire(
        {0, parsed->id, parsed->title.th, file->data, now_timestamp(context)}, entry);
    if (!id.ok()) return store_failed(context, &who, language);
    return redirect("/admin/questionnaires");
}

// ---- Imports ---------------------------------------------------------------

Response imports_page(SiteContext& context, const SignedIn& who, Language language,
                      json extra = json::object(), http::status status = http::status::ok) {
    auto rounds = context.store.list_rounds();
    if (!rounds.ok()) return store_failed(context, &who, language);
    json options = json::array();
    for (const auto& round : *rounds) {
        options.push_back(
            json{{"value", round.id},
                 {"label", round.name},
                 {"template", "/admin/imports/template/" + std::to_string(round.id)}});
    }
    json data{{"title", admin_phrase(language, "imports_title")},
              {"rounds", options},
              {"has_errors", false}};
    data.update(extra);
    return admin_page(context, &who, "admin_imports", std::move(data), language, status,
                      "/admin/imports");
}

Response import_csv(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    const auto refuse = [&](const char* key) {
        return imports_page(context, who, language, {{"error", admin_phrase(language, key)}},
                            http::status::unprocessable_entity);
    };
    const MultipartPart* file = request.file("file");
    if (!file || file->data.empty()) return refuse("file_missing");
    auto round_id = form_id(request, "round");
    if (!round_id) return refuse("choice_invalid");
    auto round = context.store.get_round(*round_id);
    if (!round.ok()) {
        if (round.status.code != store::StatusCode::kNotFound)
            return store_failed(context, &who, language);
        return refuse("choice_invalid");
    }
    auto q = context.questionnaires.get(round->questionnaire_id);
    if (!q.ok()) return store_failed(context, &who, language);
    const std::string name = file->filename.value_or("responses.csv");
    const auto audit_for = [&](const app::ImportSummary& summary) {
        json audit_units = json::object();
        for (const auto& [unit, rows] : summary.per_unit) audit_units[unit] = rows;
        return audit_entry(context, who.user.id, "responses.import",
                           {{"round_id", round->id},
                            {"file", name},
                            {"responses", summary.responses},
                            {"per_unit", audit_units}});
    };
    auto outcome = app::import_responses_csv(context.store, **q, *round, file->data, name,
                                             thai_today(context), audit_for);
    // A database that is down is the server's problem (503), never the file's.
    if (!outcome.ok()) return store_failed(context, &who, language);
    const auto& imported = *outcome;
    if (!imported) {
        audit(context, who.user.id, "responses.import_refused",
              {{"round_id", round->id}, {"file", name}, {"errors", imported.errors().size()}});
        return imports_page(
            context, who, language,
            {{"has_errors", true}, {"errors", diagnostics_json(imported.errors(), language)}},
            http::status::unprocessable_entity);
    }
    json per_unit = json::array();
    for (const auto& [unit, rows] : imported->per_unit)
        per_unit.push_back(json{{"unit", unit}, {"rows", rows}});
    json done{{"imported", true}, {"total", imported->responses}, {"per_unit", per_unit}};
    if (imported->encoding == input::CsvEncoding::kWindows874)
        done["read_as"] = admin_phrase(language, "import_read_as_windows874");
    return imports_page(context, who, language, std::move(done));
}

// GET /admin/imports/template/{round}: the header row of the round's
// questionnaire, UTF-8 with a byte order mark so that Excel opens the Thai.
Response import_template(SiteContext& context, const Request& request, const SignedIn& who,
                         Language language) {
    auto round_id = path_id(request, "round");
    if (!round_id) return not_found(context, who, language);
    auto round = context.store.get_round(*round_id);
    if (!round.ok()) {
        if (round.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    auto q = context.questionnaires.get(round->questionnaire_id);
    if (!q.ok()) return store_failed(context, &who, language);
    Response response;
    response.body = "\xEF\xBB\xBF" + input::responses_csv_header(**q);
    response.headers.set(http::field::content_type, "text/csv; charset=utf-8");
    std::string name = admin_phrase(language, "import_template_file") + "-" + round->name;
    name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
    response.headers.set(http::field::content_disposition, content_disposition(name + ".csv"));
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

}  // namespace

void add_admin_manage_routes(Router& router, SiteContext* ctx) {
    page_route(router, ctx, "/admin/units", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return units_page(c, who, l);
               });
    form_route(router, ctx, "/admin/units", Need::kAdmin, create_unit);
    form_route(router, ctx, "/admin/units/import", Need::kAdmin, import_units,
               RouteOptions{kImportBodyLimit});
    form_route(router, ctx, "/admin/units/{unit}", Need::kAdmin, update_unit);

    page_route(router, ctx, "/admin/rounds", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return rounds_page(c, who, l);
               });
    form_route(router, ctx, "/admin/rounds", Need::kAdmin, create_round);
    form_route(router, ctx, "/admin/rounds/{round}/status", Need::kAdmin, change_round);
    page_route(router, ctx, "/admin/rounds/{round}/edit", Need::kAdmin, edit_round);
    form_route(router, ctx, "/admin/rounds/{round}", Need::kAdmin, update_round);
    form_route(router, ctx, "/admin/rounds/{round}/duplicate", Need::kAdmin, duplicate_round);
    form_route(router, ctx, "/admin/rounds/{round}/delete", Need::kAdmin, delete_round);

    page_route(router, ctx, "/admin/questionnaires", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return questionnaires_page(c, who, l);
               });
    form_route(router, ctx, "/admin/questionnaires", Need::kAdmin, upload_questionnaire,
               RouteOptions{kQuestionnaireBodyLimit});

    page_route(router, ctx, "/admin/imports", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return imports_page(c, who, l);
               });
    form_route(router, ctx, "/admin/imports", Need::kAdmin, import_csv,
               RouteOptions{kImportBodyLimit});
    page_route(router, ctx, "/admin/imports/template/{round}", Need::kAdmin, import_template);
}

}  // namespace itagap::web
