// What every admin route under /admin shares: who may use it, how a request
// is admitted (session, forced password change, role, CSRF token, in that
// order), the admin layout with its navigation, the standard refusal pages
// and the small readers of ids and form fields. Internal to web/site.
//
// The routes themselves live by subject:
//   admin_routes.cpp         registration, sign-in and password, overview, dashboard
//   admin_manage_routes.cpp  units, rounds, questionnaires, response imports
//   admin_code_routes.cpp    access codes, their sheet and its PDF
//   admin_user_routes.cpp    users and the audit log
#pragma once

#include <charconv>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "store/store.hpp"
#include "web/http/router.hpp"
#include "web/site/auth.hpp"
#include "web/site/site.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

// Who may use a route.
enum class Need {
    kStaff,  // any signed-in user
    kCodes,  // admins, and coordinators for their units
    kAdmin,
};

bool has_need(const store::User& user, Need need);

using AdminHandler =
    std::function<Response(SiteContext&, const Request&, const SignedIn&, Language)>;

// A handler that admits the request first: not signed in -> 303 to
// /admin/sign-in; a password change due (unless `password_page`) -> 303 to
// /admin/password; no right -> 403; a form (`is_form`) without the session's
// CSRF token -> 403. REQUIRES: `context` outlives the handler.
Handler guarded(SiteContext* context, Need need, bool is_form, AdminHandler handler,
                bool password_page = false);
// GET and POST routes through guarded().
void page_route(Router& router, SiteContext* context, std::string_view pattern, Need need,
                AdminHandler handler);
void form_route(Router& router, SiteContext* context, std::string_view pattern, Need need,
                AdminHandler handler, RouteOptions options = {});

// ---- Pages -----------------------------------------------------------------

// A page in the layout with the admin text (`a`), and for a signed-in user
// the navigation (`current` marks its entry), the session's CSRF token and
// the sign-out form. Admin pages are never cached: some show secrets once.
Response admin_page(SiteContext& context, const SignedIn* who, std::string_view name,
                    nlohmann::json data, Language language, http::status status = http::status::ok,
                    std::string_view current = "");
Response admin_message(SiteContext& context, const SignedIn* who, Language language,
                       std::string_view title_key, std::string_view message_key,
                       http::status status);
Response forbidden(SiteContext& context, const SignedIn& who, Language language);
Response not_found(SiteContext& context, const SignedIn& who, Language language);
Response store_failed(SiteContext& context, const SignedIn* who, Language language);

// ---- Reading requests ------------------------------------------------------

// A decimal number in T's range, the whole text and nothing else (no sign for
// unsigned T, no white space); nullopt otherwise.
template <typename T>
std::optional<T> parse_number(std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}
// A positive decimal id, nothing else.
std::optional<store::Id> parse_id(std::string_view text);
std::optional<store::Id> path_id(const Request& request, std::string_view name);
std::optional<store::Id> form_id(const Request& request, std::string_view name);
// A form field with surrounding white space removed.
std::string form_text(const Request& request, std::string_view name);

// ---- Shared data -----------------------------------------------------------

std::optional<std::vector<store::Unit>> all_units(SiteContext& context);
// The units of `units` whose id is in `ids`, in the same order.
std::vector<store::Unit> only(const std::vector<store::Unit>& units,
                              const std::set<store::Id>& ids);
// <option> data for a unit <select>.
nlohmann::json unit_options(const std::vector<store::Unit>& units,
                            std::optional<store::Id> selected = {});
// Rows for the admin_diagnostics partial (file, line, where, value, expected).
nlohmann::json diagnostics_json(const std::vector<core::Diagnostic>& errors);
// The same, with each error that has a message key (core::Diagnostic::key)
// said in `language` from the admin catalogue, its {name} placeholders filled.
nlohmann::json diagnostics_json(const std::vector<core::Diagnostic>& errors, Language language);

// ---- Route groups, added by add_admin_routes() ----------------------------

void add_admin_manage_routes(Router& router, SiteContext* context);
void add_admin_code_routes(Router& router, SiteContext* context);
void add_admin_collection_routes(Router& router, SiteContext* context);
void add_admin_user_routes(Router& router, SiteContext* context);

}  // namespace itagap::web
