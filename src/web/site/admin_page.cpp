#include "web/site/admin_page.hpp"

#include <charconv>
#include <variant>

#include "web/admin_text.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/page.hpp"

namespace itagap::web {

using Json = nlohmann::json;

namespace {

Json nav(const store::User& user, std::string_view current, Language language) {
    struct Entry {
        const char* href;
        const char* key;
        Need need;
    };
    static constexpr Entry entries[] = {
        {"/admin", "nav_overview", Need::kStaff},
        {"/admin/plans", "nav_plans", Need::kStaff},
        {"/admin/monitoring", "nav_monitoring", Need::kStaff},
        {"/admin/units", "nav_units", Need::kAdmin},
        {"/admin/rounds", "nav_rounds", Need::kAdmin},
        {"/admin/questionnaires", "nav_questionnaires", Need::kAdmin},
        {"/admin/access-codes", "nav_codes", Need::kCodes},
        {"/admin/imports", "nav_imports", Need::kAdmin},
        {"/admin/users", "nav_users", Need::kAdmin},
        {"/admin/audit", "nav_audit", Need::kAdmin},
    };
    Json items = Json::array();
    for (const auto& e : entries) {
        if (!has_need(user, e.need)) continue;
        items.push_back(Json{{"href", e.href},
                             {"label", admin_phrase(language, e.key)},
                             {"current", current == e.href}});
    }
    return Json{{"items", items}};
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

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace

bool has_need(const store::User& user, Need need) {
    switch (need) {
        case Need::kStaff:
            return true;
        case Need::kCodes:
            return may_change_units(user);
        case Need::kAdmin:
            return is_admin(user);
    }
    return false;
}

Handler guarded(SiteContext* context, Need need, bool is_form, AdminHandler handler,
                bool password_page) {
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
                AdminHandler handler, RouteOptions options) {
    (void)router.post(pattern, guarded(context, need, true, std::move(handler)), options);
}

Response admin_page(SiteContext& context, const SignedIn* who, std::string_view name, Json data,
                    Language language, http::status status, std::string_view current) {
    if (!data.is_object()) data = Json::object();
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
    Json data{{"title", admin_phrase(language, title_key)},
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

std::string form_text(const Request& request, std::string_view name) {
    return trimmed(request.form.get_or(name, ""));
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

Json unit_options(const std::vector<store::Unit>& units, std::optional<store::Id> selected) {
    Json out = Json::array();
    for (const auto& unit : units) {
        out.push_back(Json{
            {"value", unit.id}, {"label", unit_label(unit)}, {"selected", selected == unit.id}});
    }
    return out;
}

namespace {

// `text` with every {name} of `args` replaced by its value, in one pass (a
// value that holds "{x}" stays as it is).
std::string fill_args(std::string_view text, const core::MessageArgs& args) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '{') {
            for (const auto& [name, value] : args) {
                if (text.substr(i + 1).starts_with(name) && i + 1 + name.size() < text.size() &&
                    text[i + 1 + name.size()] == '}') {
                    out += value;
                    i += name.size() + 2;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

Json diagnostics_rows(const std::vector<core::Diagnostic>& errors,
                      const std::optional<Language>& language) {
    Json out = Json::array();
    for (const auto& d : errors) {
        std::string said = d.expected.empty() ? d.note : d.expected;
        if (language && !d.key.empty()) said = fill_args(admin_phrase(*language, d.key), d.args);
        out.push_back(Json{{"file", d.file},
                           {"line", d.line > 0 ? Json(d.line) : Json("")},
                           {"where", d.where},
                           {"value", d.value},
                           {"expected", said}});
    }
    return out;
}

}  // namespace

Json diagnostics_json(const std::vector<core::Diagnostic>& errors) {
    return diagnostics_rows(errors, std::nullopt);
}

Json diagnostics_json(const std::vector<core::Diagnostic>& errors, Language language) {
    return diagnostics_rows(errors, language);
}

}  // namespace itagap::web
