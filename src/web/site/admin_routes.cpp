// The admin pages under /admin: sign-in, the organisation overview, the unit
// dashboard, and the management of units, rounds, questionnaires, access
// codes, response imports and users. No JavaScript; every form carries a CSRF
// token (the session's, or for the sign-in form the anonymous-form token).
//
// Every route goes through page_route() or form_route(), which sign the user
// in from the session cookie, send a forced password change to
// /admin/password, check the role and, for POSTs, the CSRF token, in that
// order: not signed in -> 303 to /admin/sign-in; no right -> 403.
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <regex>
#include <variant>

#include "app/import_responses.hpp"
#include "input/questionnaire_json.hpp"
#include "security/access_codes.hpp"
#include "security/csrf.hpp"
#include "security/passwords.hpp"
#include "security/random_tokens.hpp"
#include "web/admin_text.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/auth.hpp"
#include "web/site/page.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

constexpr std::string_view kSignInPurpose = "admin-sign-in";
constexpr std::size_t kImportBodyLimit = 20 * 1024 * 1024;
constexpr std::size_t kQuestionnaireBodyLimit = 5 * 1024 * 1024;
constexpr int kMaxCodesPerBatch = 1000;

// Who may use a route.
enum class Need {
    kStaff,  // any signed-in user
    kCodes,  // admins, and coordinators for their units
    kAdmin,
};

using AdminHandler =
    std::function<Response(SiteContext&, const Request&, const SignedIn&, Language)>;

std::optional<store::Id> parse_id(std::string_view text) {
    store::Id id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

std::optional<store::Id> path_id(const Request& request, std::string_view name) {
    return parse_id(request.path_params.get_or(name, ""));
}

std::optional<store::Id> form_id(const Request& request, std::string_view name) {
    return parse_id(request.form.get_or(name, ""));
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string form_text(const Request& request, std::string_view name) {
    return trimmed(request.form.get_or(name, ""));
}

json nav(const store::User& user, std::string_view current, Language language) {
    struct Entry {
        const char* href;
        const char* key;
        Need need;
    };
    static constexpr Entry entries[] = {
        {"/admin", "nav_overview", Need::kStaff},
        {"/admin/units", "nav_units", Need::kAdmin},
        {"/admin/rounds", "nav_rounds", Need::kAdmin},
        {"/admin/questionnaires", "nav_questionnaires", Need::kAdmin},
        {"/admin/access-codes", "nav_codes", Need::kCodes},
        {"/admin/imports", "nav_imports", Need::kAdmin},
        {"/admin/users", "nav_users", Need::kAdmin},
        {"/admin/audit", "nav_audit", Need::kAdmin},
    };
    json items = json::array();
    for (const auto& e : entries) {
        const bool allowed = e.need == Need::kStaff || is_admin(user) ||
                             (e.need == Need::kCodes && user.role == store::Role::kUnitCoordinator);
        if (!allowed) continue;
        items.push_back(json{{"href", e.href},
                             {"label", admin_phrase(language, e.key)},
                             {"current", current == e.href}});
    }
    return json{{"items", items}};
}

// A page in the layout with the admin text (`a`), and for a signed-in user
// the navigation, the session's CSRF token and the sign-out form. Admin pages
// are never cached: some show secrets once.
Response admin_page(SiteContext& context, const SignedIn* who, std::string_view name, json data,
                    Language language, http::status status = http::status::ok,
                    std::string_view current = "") {
    if (!data.is_object()) data = json::object();
    data["a"] = admin_text(language);
    data["site_name"] = admin_phrase(language, "admin_title");
    if (who) {
        data["csrf"] = who->session.csrf_token;
        data["me"] = who->user.display_name.empty() ? who->user.username : who->user.display_name;
        data["signed_in"] = true;
        if (!who->user.must_change_password) data["nav"] = nav(who->user, current, language);
    }
    Response response = render_page(context, name, std::move(data), language, status);
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

Response admin_message(SiteContext& context, const SignedIn* who, Language language,
                       std::string_view title_key, std::string_view message_key,
                       http::status status) {
    json data{{"title", admin_phrase(language, title_key)},
              {"message", admin_phrase(language, message_key)}};
    return admin_page(context, who, "admin_message", std::move(data), language, status);
}

Response forbidden(SiteContext& context, const SignedIn& who, Language language) {
    return admin_message(context, &who, language, "forbidden_title", "forbidden",
                         http::status::forbidden);
}

Response not_found(SiteContext& context, const SignedIn& who, Language language) {
    return admin_message(context, &who, language, "not_found_title", "not_found",
                         http::status::not_found);
}

Response store_failed(SiteContext& context, const SignedIn* who, Language language) {
    return admin_message(context, who, language, "error_title", "store_error",
                         http::status::service_unavailable);
}

bool has_need(const store::User& user, Need need) {
    switch (need) {
        case Need::kStaff:
            return true;
        case Need::kCodes:
            return user.role != store::Role::kExecutive;
        case Need::kAdmin:
            return is_admin(user);
    }
    return false;
}

// Signs the request in and checks its rights (and, for a form, its token).
std::variant<SignedIn, Response> admit(SiteContext& context, const Request& request, Need need,
                                       bool is_form, bool password_page) {
    auto who = signed_in_user(context, request);
    if (!who) return redirect("/admin/sign-in");
    if (who->user.must_change_password && !password_page) return redirect("/admin/password");
    const Language language = request_language(request);
    if (!has_need(who->user, need)) return forbidden(context, *who, language);
    if (is_form && !session_csrf_valid(*who, request.form.get_or("csrf", ""))) {
        return admin_message(context, &*who, language, "form_expired_title", "form_expired",
                             http::status::forbidden);
    }
    return std::move(*who);
}

Handler guarded(SiteContext* context, Need need, bool is_form, AdminHandler handler,
                bool password_page = false) {
    return [context, need, is_form, handler = std::move(handler),
            password_page](const Request& request) {
        auto admitted = admit(*context, request, need, is_form, password_page);
        if (auto* response = std::get_if<Response>(&admitted)) return std::move(*response);
        return handler(*context, request, std::get<SignedIn>(admitted), request_language(request));
    };
}

void page_route(Router& router, SiteContext* context, std::string_view pattern, Need need,
                AdminHandler handler) {
    (void)router.get(pattern, guarded(context, need, false, std::move(handler)));
}

void form_route(Router& router, SiteContext* context, std::string_view pattern, Need need,
                AdminHandler handler, RouteOptions options = {}) {
    (void)router.post(pattern, guarded(context, need, true, std::move(handler)), options);
}

std::optional<std::vector<store::Unit>> all_units(SiteContext& context) {
    auto units = context.store.list_units();
    if (!units.ok()) return std::nullopt;
    return std::move(*units);
}

std::vector<store::Unit> only(const std::vector<store::Unit>& units,
                              const std::set<store::Id>& ids) {
    std::vector<store::Unit> out;
    for (const auto& unit : units) {
        if (ids.count(unit.id)) out.push_back(unit);
    }
    return out;
}

json unit_options(const std::vector<store::Unit>& units, std::optional<store::Id> selected = {}) {
    json out = json::array();
    for (const auto& unit : units) {
        out.push_back(json{
            {"value", unit.id}, {"label", unit_label(unit)}, {"selected", selected == unit.id}});
    }
    return out;
}

json diagnostics_json(const std::vector<core::Diagnostic>& errors) {
    json out = json::array();
    for (const auto& d : errors) {
        out.push_back(json{{"file", d.file},
                           {"line", d.line > 0 ? json(d.line) : json("")},
                           {"where", d.where},
                           {"value", d.value},
                           {"expected", d.expected.empty() ? d.note : d.expected}});
    }
    return out;
}

// ---- Sign-in, sign-out, password -------------------------------------------

Response sign_in_page(SiteContext& context, const Request& request, Language language,
                      std::string_view error_key = {}, http::status status = http::status::ok) {
    Response cookies;
    const std::string secret = form_secret(context, request, cookies);
    json data{{"title", admin_phrase(language, "sign_in_title")},
              {"form_csrf", security::csrf_token_for(secret, kSignInPurpose)},
              {"username", std::string(request.form.get_or("username", ""))}};
    if (!error_key.empty()) data["error"] = admin_phrase(language, error_key);
    Response page =
        admin_page(context, nullptr, "admin_sign_in", std::move(data), language, status);
    carry_cookies(cookies, page);
    return page;
}

Response sign_in_form(SiteContext& context, const Request& request) {
    if (signed_in_user(context, request)) return redirect("/admin");
    return sign_in_page(context, request, request_language(request));
}

Response sign_in(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    if (!form_csrf_valid(request, kSignInPurpose)) {
        return admin_message(context, nullptr, language, "form_expired_title", "form_expired",
                             http::status::forbidden);
    }
    const std::string username = form_text(request, "username");
    const std::string password(request.form.get_or("password", ""));
    SignInResult result = check_sign_in(context, username, password, request.remote_address);
    if (result.outcome == SignInOutcome::kUnavailable)
        return store_failed(context, nullptr, language);
    if (result.outcome == SignInOutcome::kRefused) {
        return sign_in_page(context, request, language, "sign_in_failed",
                            http::status::unauthorized);
    }
    Response response = redirect(result.user->must_change_password ? "/admin/password" : "/admin");
    if (!start_session(context, request, *result.user, response).ok()) {
        return store_failed(context, nullptr, language);
    }
    return response;
}

Response sign_out(SiteContext& context, const Request& request) {
    auto who = signed_in_user(context, request);
    if (!who) return redirect("/admin/sign-in");
    if (!session_csrf_valid(*who, request.form.get_or("csrf", ""))) {
        return admin_message(context, &*who, request_language(request), "form_expired_title",
                             "form_expired", http::status::forbidden);
    }
    Response response = redirect("/admin/sign-in");
    end_session(context, request, response);
    audit(context, who->user.id, "user.sign_out", json::object());
    return response;
}

Response password_page(SiteContext& context, const SignedIn& who, Language language,
                       std::string error = {}, http::status status = http::status::ok) {
    json data{{"title", admin_phrase(language, "password_title")},
              {"must_change", who.user.must_change_password}};
    if (!error.empty()) data["error"] = std::move(error);
    return admin_page(context, &who, "admin_password", std::move(data), language, status);
}

Response change_password(SiteContext& context, const Request& request, const SignedIn& who,
                         Language language) {
    const std::string current(request.form.get_or("current", ""));
    const std::string fresh(request.form.get_or("new", ""));
    const std::string confirm(request.form.get_or("confirm", ""));
    const auto refuse = [&](std::string message) {
        return password_page(context, who, language, std::move(message),
                             http::status::unprocessable_entity);
    };
    if (!security::verify_password(who.user.password_hash, current)) {
        audit(context, who.user.id, "user.password_change_refused", json::object());
        return refuse(admin_phrase(language, "password_wrong_current"));
    }
    if (fresh != confirm) return refuse(admin_phrase(language, "password_mismatch"));
    if (fresh == current) return refuse(admin_phrase(language, "password_same"));
    if (auto problem = security::password_problem(fresh)) return refuse(*problem);
    store::User user = who.user;
    user.password_hash = security::hash_password(fresh);
    if (user.password_hash.empty()) return store_failed(context, &who, language);
    user.must_change_password = false;
    if (!context.store.update_user(user).ok()) return store_failed(context, &who, language);
    audit(context, user.id, "user.password_change", json::object());
    // A new session: the old token (and CSRF token) end with the old password.
    Response response = redirect("/admin");
    if (!start_session(context, request, user, response).ok())
        return store_failed(context, &who, language);
    return response;
}

// ---- Overview and dashboard ------------------------------------------------

Response overview(SiteContext& context, const Request& request, const SignedIn& who,
                  Language language) {
    auto rounds = context.store.list_rounds();
    auto units = all_units(context);
    if (!rounds.ok() || !units) return store_failed(context, &who, language);
    if (rounds->empty()) {
        return admin_page(
            context, &who, "admin_overview",
            json{{"title", admin_phrase(language, "overview_title")}, {"has_round", false}},
            language, http::status::ok, "/admin");
    }
    store::Round round = rounds->front();  // newest first
    if (request.query.contains("round")) {
        auto id = parse_id(request.query.get_or("round", ""));
        auto it = std::find_if(rounds->begin(), rounds->end(),
                               [&](const auto& r) { return id && r.id == *id; });
        if (it == rounds->end()) return not_found(context, who, language);
        round = *it;
    }
    auto data = load_overview(context, round, only(*units, readable_units(who.user, *units)));
    if (!data.ok()) return store_failed(context, &who, language);
    return admin_page(context, &who, "admin_overview", overview_view(*data, *rounds, language),
                      language, http::status::ok, "/admin");
}

Response dashboard(SiteContext& context, const Request& request, const SignedIn& who,
                   Language language) {
    auto round_id = path_id(request, "round");
    auto unit_id = path_id(request, "unit");
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    if (!round_id || !unit_id) return not_found(context, who, language);
    const bool exists =
        std::any_of(units->begin(), units->end(), [&](const auto& u) { return u.id == *unit_id; });
    if (!exists) return not_found(context, who, language);
    if (!readable_units(who.user, *units).count(*unit_id)) return forbidden(context, who, language);
    auto data = load_dashboard(context, *round_id, *unit_id);
    if (!data.ok()) {
        if (data.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    return admin_page(context, &who, "admin_dashboard", dashboard_view(*data, language), language);
}

// ---- Units -----------------------------------------------------------------

Response units_page(SiteContext& context, const SignedIn& who, Language language,
                    std::string error = {}, http::status status = http::status::ok) {
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    json rows = json::array();
    for (const auto& unit : *units) {
        const auto below = unit_subtree(*units, unit.id);
        std::vector<store::Unit> parents;
        for (const auto& candidate : *units) {
            if (!below.count(candidate.id)) parents.push_back(candidate);
        }
        rows.push_back(json{{"id", unit.id},
                            {"label", unit_label(unit)},
                            {"name", unit.name},
                            {"short_name", unit.short_name},
                            {"name_en", unit.name_en},
                            {"parents", unit_options(parents, unit.parent_id)}});
    }
    json data{{"title", admin_phrase(language, "units_title")},
              {"units", rows},
              {"all_units", unit_options(*units)}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
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
    auto id = context.store.create_unit(unit);
    if (!id.ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "unit.create",
          {{"unit_id", *id},
           {"name", unit.name},
           {"parent_id", unit.parent_id ? json(*unit.parent_id) : json()}});
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
    if (!context.store.update_unit(unit).ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "unit.update",
          {{"unit_id", unit.id},
           {"name", unit.name},
           {"parent_id", unit.parent_id ? json(*unit.parent_id) : json()}});
    return redirect("/admin/units");
}

// ---- Rounds ----------------------------------------------------------------

json round_actions(const store::Round& round, Language language) {
    json out = json::array();
    const auto add = [&](const char* action) {
        out.push_back(json{{"action", action},
                           {"label", admin_phrase(language, std::string("action_") + action)}});
    };
    if (round.status != store::RoundStatus::kOpen) add("open");
    if (round.status == store::RoundStatus::kOpen) add("close");
    add(round.results_published ? "unpublish" : "publish");
    return out;
}

Response rounds_page(SiteContext& context, const SignedIn& who, Language language,
                     std::string error = {}, json form = json::object(),
                     http::status status = http::status::ok) {
    auto rounds = context.store.list_rounds();
    auto questionnaires = context.store.list_questionnaires();
    if (!rounds.ok() || !questionnaires.ok()) return store_failed(context, &who, language);
    json rows = json::array();
    for (const auto& round : *rounds) {
        rows.push_back(json{{"id", round.id},
                            {"name", round.name},
                            {"fiscal_year", round.fiscal_year_be},
                            {"opens_on", round.opens_on},
                            {"closes_on", round.closes_on},
                            {"status", admin_phrase(language, round_status_key(round.status))},
                            {"published", round.results_published},
                            {"actions", round_actions(round, language)}});
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
    return admin_page(context, &who, "admin_rounds", std::move(data), language, status,
                      "/admin/rounds");
}

bool valid_iso_date(const std::string& text) {
    static const std::regex pattern(R"(\d{4}-\d{2}-\d{2})");
    if (!std::regex_match(text, pattern)) return false;
    const std::chrono::year_month_day date{
        std::chrono::year{std::stoi(text.substr(0, 4))},
        std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
        std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    return date.ok();
}

Response create_round(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    store::Round round;
    round.name = form_text(request, "name");
    round.opens_on = form_text(request, "opens_on");
    round.closes_on = form_text(request, "closes_on");
    const std::string year = form_text(request, "fiscal_year");
    json form{{"name", round.name},
              {"opens_on", round.opens_on},
              {"closes_on", round.closes_on},
              {"fiscal_year", year}};
    const auto refuse = [&](const char* key) {
        return rounds_page(context, who, language, key, form, http::status::unprocessable_entity);
    };
    auto fiscal_year = parse_id(year);
    if (!fiscal_year || *fiscal_year < 2400 || *fiscal_year > 2800)
        return refuse("fiscal_year_invalid");
    round.fiscal_year_be = static_cast<int>(*fiscal_year);
    if (round.name.empty() || round.name.size() > 1000) return refuse("round_name_required");
    if (!valid_iso_date(round.opens_on) || !valid_iso_date(round.closes_on) ||
        round.opens_on > round.closes_on) {
        return refuse("dates_invalid");
    }
    auto questionnaire = form_id(request, "questionnaire");
    if (!questionnaire || !context.store.get_questionnaire(*questionnaire).ok())
        return refuse("questionnaire_invalid");
    round.questionnaire_id = *questionnaire;
    round.status = store::RoundStatus::kDraft;
    auto id = context.store.create_round(round);
    if (!id.ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "round.create",
          {{"round_id", *id},
           {"name", round.name},
           {"fiscal_year_be", round.fiscal_year_be},
           {"questionnaire_id", round.questionnaire_id}});
    return redirect("/admin/rounds");
}

Response change_round(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    auto id = path_id(request, "round");
    if (!id) return not_found(context, who, language);
    auto round = context.store.get_round(*id);
    if (!round.ok()) {
        if (round.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    const std::string action = form_text(request, "action");
    if (action == "open")
        round->status = store::RoundStatus::kOpen;
    else if (action == "close")
        round->status = store::RoundStatus::kClosed;
    else if (action == "publish")
        round->results_published = true;
    else if (action == "unpublish")
        round->results_published = false;
    else
        return rounds_page(context, who, language, {}, json::object(), http::status::bad_request);
    if (!context.store.update_round(*round).ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "round." + action, {{"round_id", round->id}});
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
        rows.push_back(json{{"key", q.key}, {"title", q.title}, {"uploaded_at", q.uploaded_at}});
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
    auto id = context.store.add_questionnaire(
        {0, parsed->id, parsed->title.th, file->data, now_timestamp(context)});
    if (!id.ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "questionnaire.add",
          {{"questionnaire_id", *id},
           {"key", parsed->id},
           {"file", name},
           {"bytes", file->data.size()}});
    return redirect("/admin/questionnaires");
}

// ---- Access codes ----------------------------------------------------------

Response codes_page(SiteContext& context, const SignedIn& who, Language language,
                    std::string error = {}, http::status status = http::status::ok) {
    auto rounds = context.store.list_rounds();
    auto units = all_units(context);
    if (!rounds.ok() || !units) return store_failed(context, &who, language);
    json round_options = json::array();
    for (const auto& round : *rounds) {
        if (round.status == store::RoundStatus::kClosed) continue;
        round_options.push_back(json{{"value", round.id}, {"label", round.name}});
    }
    json data{{"title", admin_phrase(language, "codes_title")},
              {"rounds", round_options},
              {"units", unit_options(only(*units, code_units(who.user, *units)))}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    return admin_page(context, &who, "admin_access_codes", std::move(data), language, status,
                      "/admin/access-codes");
}

std::string survey_url(const SiteContext& context, const Request& request) {
    std::string base = context.options.public_base_url;
    if (base.empty()) base = "http://" + std::string(request.header("host"));
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/iit";
}

Response generate_codes(SiteContext& context, const Request& request, const SignedIn& who,
                        Language language) {
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    auto round_id = form_id(request, "round");
    auto unit_id = form_id(request, "unit");
    auto count = parse_id(form_text(request, "count"));
    if (!count || *count > kMaxCodesPerBatch) {
        return codes_page(context, who, language, "count_invalid",
                          http::status::unprocessable_entity);
    }
    auto round = round_id ? context.store.get_round(*round_id) : store::StatusOr<store::Round>{};
    const auto unit = std::find_if(units->begin(), units->end(),
                                   [&](const auto& u) { return unit_id && u.id == *unit_id; });
    if (!round_id || !round.ok() || unit == units->end()) {
        return codes_page(context, who, language, "choice_invalid",
                          http::status::unprocessable_entity);
    }
    if (!code_units(who.user, *units).count(unit->id)) return forbidden(context, who, language);

    const std::vector<std::string> codes =
        security::generate_access_codes(static_cast<std::size_t>(*count));
    store::AccessCodeBatch batch{round->id, unit->id, {}};
    for (const auto& code : codes) {
        batch.code_hashes.push_back(
            security::access_code_hash(*security::normalise_access_code(code)));
    }
    if (!context.store.add_access_codes(batch).ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "access_codes.generate",
          {{"round_id", round->id}, {"unit_id", unit->id}, {"count", codes.size()}});
    json data{{"title", admin_phrase(language, "sheet_title")},
              {"unit_name", unit_label(*unit)},
              {"round_name", round->name},
              {"survey_url", survey_url(context, request)},
              {"codes", codes}};
    return admin_page(context, &who, "admin_code_sheet", std::move(data), language);
}

Response print_css(SiteContext& context) {
    auto css = context.templates.render("admin_print_css", json::object());
    if (!css) return error_response(http::status::internal_server_error);
    Response response;
    response.body = std::move(css).value();
    response.headers.set(http::field::content_type, "text/css; charset=utf-8");
    response.headers.set(http::field::cache_control, "public, max-age=3600");
    return response;
}

// ---- Imports ---------------------------------------------------------------

Response imports_page(SiteContext& context, const SignedIn& who, Language language,
                      json extra = json::object(), http::status status = http::status::ok) {
    auto rounds = context.store.list_rounds();
    if (!rounds.ok()) return store_failed(context, &who, language);
    json options = json::array();
    for (const auto& round : *rounds)
        options.push_back(json{{"value", round.id}, {"label", round.name}});
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
    if (!round.ok()) return refuse("choice_invalid");
    auto q = context.questionnaires.get(round->questionnaire_id);
    if (!q.ok()) return store_failed(context, &who, language);
    const std::string name = file->filename.value_or("responses.csv");
    auto imported = app::import_responses_csv(context.store, **q, *round, file->data, name,
                                              thai_today(context));
    if (!imported) {
        audit(context, who.user.id, "responses.import_refused",
              {{"round_id", round->id}, {"file", name}, {"errors", imported.errors().size()}});
        return imports_page(context, who, language,
                            {{"has_errors", true}, {"errors", diagnostics_json(imported.errors())}},
                            http::status::unprocessable_entity);
    }
    json per_unit = json::array();
    json audit_units = json::object();
    for (const auto& [unit, rows] : imported->per_unit) {
        per_unit.push_back(json{{"unit", unit}, {"rows", rows}});
        audit_units[unit] = rows;
    }
    audit(context, who.user.id, "responses.import",
          {{"round_id", round->id},
           {"file", name},
           {"responses", imported->responses},
           {"per_unit", audit_units}});
    return imports_page(
        context, who, language,
        {{"imported", true}, {"total", imported->responses}, {"per_unit", per_unit}});
}

// ---- Users -----------------------------------------------------------------

Response users_page(SiteContext& context, const SignedIn& who, Language language,
                    std::string error = {}, http::status status = http::status::ok) {
    auto users = context.store.list_users();
    auto units = all_units(context);
    if (!users.ok() || !units) return store_failed(context, &who, language);
    const std::string now = now_timestamp(context);
    json rows = json::array();
    for (const auto& user : *users) {
        std::string unit_name;
        for (const auto& unit : *units) {
            if (user.unit_id == unit.id) unit_name = unit_label(unit);
        }
        rows.push_back(json{{"id", user.id},
                            {"username", user.username},
                            {"display_name", user.display_name},
                            {"role", admin_phrase(language, role_key(user.role))},
                            {"unit", unit_name},
                            {"active", user.active},
                            {"locked", !user.locked_until.empty() && user.locked_until > now}});
    }
    json roles = json::array();
    for (auto role :
         {store::Role::kUnitCoordinator, store::Role::kExecutive, store::Role::kAdmin}) {
        roles.push_back(json{{"value", store::to_string(role)},
                             {"label", admin_phrase(language, role_key(role))}});
    }
    json data{{"title", admin_phrase(language, "users_title")},
              {"users", rows},
              {"roles", roles},
              {"units", unit_options(*units)}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    return admin_page(context, &who, "admin_users", std::move(data), language, status,
                      "/admin/users");
}

Response one_time_password_page(SiteContext& context, const SignedIn& who, Language language,
                                const std::string& username, const std::string& password) {
    json data{{"title", admin_phrase(language, "one_time_title")},
              {"username", username},
              {"password", password}};
    return admin_page(context, &who, "admin_one_time", std::move(data), language);
}

Response create_user(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    const auto refuse = [&](const char* key) {
        return users_page(context, who, language, key, http::status::unprocessable_entity);
    };
    store::User user;
    user.username = form_text(request, "username");
    user.display_name = form_text(request, "display_name");
    static const std::regex username_pattern("[A-Za-z0-9._-]{1,64}");
    if (!std::regex_match(user.username, username_pattern)) return refuse("username_required");
    auto role = store::role_from_string(form_text(request, "role"));
    if (!role) return refuse("choice_invalid");
    user.role = *role;
    const std::string unit = form_text(request, "unit");
    if (!unit.empty()) {
        auto id = parse_id(unit);
        if (!id || !context.store.get_unit(*id).ok()) return refuse("choice_invalid");
        user.unit_id = id;
    }
    if (user.role == store::Role::kUnitCoordinator && !user.unit_id) return refuse("unit_required");
    const std::string password = security::random_token(12);
    user.password_hash = security::hash_password(password);
    if (user.password_hash.empty()) return store_failed(context, &who, language);
    user.must_change_password = true;
    auto id = context.store.create_user(user);
    if (!id.ok()) {
        if (id.status.code == store::StatusCode::kConflict) return refuse("username_taken");
        return store_failed(context, &who, language);
    }
    audit(context, who.user.id, "user.create",
          {{"user_id", *id},
           {"username", user.username},
           {"role", store::to_string(user.role)},
           {"unit_id", user.unit_id ? json(*user.unit_id) : json()}});
    return one_time_password_page(context, who, language, user.username, password);
}

std::optional<store::User> target_user(SiteContext& context, const Request& request) {
    auto id = path_id(request, "user");
    if (!id) return std::nullopt;
    auto user = context.store.get_user(*id);
    if (!user.ok()) return std::nullopt;
    return *user;
}

Response reset_password(SiteContext& context, const Request& request, const SignedIn& who,
                        Language language) {
    auto user = target_user(context, request);
    if (!user) return not_found(context, who, language);
    const std::string password = security::random_token(12);
    user->password_hash = security::hash_password(password);
    if (user->password_hash.empty()) return store_failed(context, &who, language);
    user->must_change_password = true;
    user->failed_sign_ins = 0;
    user->locked_until.clear();
    if (!context.store.update_user(*user).ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "user.reset_password", {{"user_id", user->id}});
    return one_time_password_page(context, who, language, user->username, password);
}

Response deactivate_user(SiteContext& context, const Request& request, const SignedIn& who,
                         Language language) {
    auto user = target_user(context, request);
    if (!user) return not_found(context, who, language);
    if (user->id == who.user.id) {
        return users_page(context, who, language, "cannot_deactivate_self",
                          http::status::unprocessable_entity);
    }
    user->active = false;
    if (!context.store.update_user(*user).ok()) return store_failed(context, &who, language);
    audit(context, who.user.id, "user.deactivate", {{"user_id", user->id}});
    return redirect("/admin/users");
}

// ---- Audit log -------------------------------------------------------------

Response audit_page(SiteContext& context, const Request&, const SignedIn& who, Language language) {
    auto entries = context.store.list_audit(200);
    auto users = context.store.list_users();
    if (!entries.ok() || !users.ok()) return store_failed(context, &who, language);
    json rows = json::array();
    for (const auto& entry : *entries) {
        std::string name;
        for (const auto& user : *users) {
            if (entry.user_id == user.id) name = user.username;
        }
        rows.push_back(json{{"at", entry.at},
                            {"user", name},
                            {"action", entry.action},
                            {"details", entry.details}});
    }
    return admin_page(context, &who, "admin_audit",
                      json{{"title", admin_phrase(language, "audit_title")}, {"entries", rows}},
                      language, http::status::ok, "/admin/audit");
}

}  // namespace

void add_admin_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    (void)router.get("/admin/sign-in", [ctx](const Request& r) { return sign_in_form(*ctx, r); });
    (void)router.post("/admin/sign-in", [ctx](const Request& r) { return sign_in(*ctx, r); });
    (void)router.post("/admin/sign-out", [ctx](const Request& r) { return sign_out(*ctx, r); });
    (void)router.get("/admin/print.css", [ctx](const Request&) { return print_css(*ctx); });
    (void)router.get("/admin/password",
                     guarded(
                         ctx, Need::kStaff, false,
                         [](SiteContext& c, const Request&, const SignedIn& who,
                            Language language) { return password_page(c, who, language); },
                         true));
    (void)router.post("/admin/password", guarded(ctx, Need::kStaff, true, change_password, true));

    page_route(router, ctx, "/admin", Need::kStaff, overview);
    page_route(router, ctx, "/admin/rounds/{round}/units/{unit}", Need::kStaff, dashboard);

    page_route(router, ctx, "/admin/units", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return units_page(c, who, l);
               });
    form_route(router, ctx, "/admin/units", Need::kAdmin, create_unit);
    form_route(router, ctx, "/admin/units/{unit}", Need::kAdmin, update_unit);

    page_route(router, ctx, "/admin/rounds", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return rounds_page(c, who, l);
               });
    form_route(router, ctx, "/admin/rounds", Need::kAdmin, create_round);
    form_route(router, ctx, "/admin/rounds/{round}/status", Need::kAdmin, change_round);

    page_route(router, ctx, "/admin/questionnaires", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return questionnaires_page(c, who, l);
               });
    form_route(router, ctx, "/admin/questionnaires", Need::kAdmin, upload_questionnaire,
               RouteOptions{kQuestionnaireBodyLimit});

    page_route(router, ctx, "/admin/access-codes", Need::kCodes,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return codes_page(c, who, l);
               });
    form_route(router, ctx, "/admin/access-codes", Need::kCodes, generate_codes);

    page_route(router, ctx, "/admin/imports", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return imports_page(c, who, l);
               });
    form_route(router, ctx, "/admin/imports", Need::kAdmin, import_csv,
               RouteOptions{kImportBodyLimit});

    page_route(router, ctx, "/admin/users", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return users_page(c, who, l);
               });
    form_route(router, ctx, "/admin/users", Need::kAdmin, create_user);
    form_route(router, ctx, "/admin/users/{user}/reset", Need::kAdmin, reset_password);
    form_route(router, ctx, "/admin/users/{user}/deactivate", Need::kAdmin, deactivate_user);

    page_route(router, ctx, "/admin/audit", Need::kAdmin, audit_page);
}

}  // namespace itagap::web
