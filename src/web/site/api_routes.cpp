// The JSON API under /api (docs/api.md), authenticated by the admin session
// cookie. Every route is a GET; a future POST/PUT/DELETE must check the
// session's CSRF token in the X-CSRF-Token header (api_csrf_valid below).
// Errors are {"error": "<code>"} with 401 (no session), 403 (no right, or a
// password change is due), 404 and 503.
#include <charconv>
#include <variant>

#include "web/site/admin_views.hpp"
#include "web/site/auth.hpp"
#include "web/site/public_views.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

Response api_error(http::status status, std::string_view code) {
    Response response = web::json(status, nlohmann::json{{"error", code}});
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

Response api_ok(const json& body) {
    Response response = web::json(http::status::ok, body);
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

std::optional<store::Id> path_id(const Request& request, std::string_view name) {
    const std::string text = request.path_params.get_or(name, "");
    store::Id id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

[[maybe_unused]] bool api_csrf_valid(const SignedIn& who, const Request& request) {
    return session_csrf_valid(who, request.header(kCsrfHeader));
}

using ApiHandler = std::function<Response(SiteContext&, const Request&, const SignedIn&)>;

// Signs the request in from its session cookie; /api/me answers during a
// forced password change, nothing else does.
Handler signed_in_only(SiteContext* context, ApiHandler handler,
                       bool during_password_change = false) {
    return [context, handler = std::move(handler), during_password_change](const Request& request) {
        auto who = signed_in_user(*context, request);
        if (!who) return api_error(http::status::unauthorized, "not_signed_in");
        if (who->user.must_change_password && !during_password_change) {
            return api_error(http::status::forbidden, "password_change_required");
        }
        return handler(*context, request, *who);
    };
}

Response me(SiteContext&, const Request&, const SignedIn& who) {
    json body = user_json(who.user);
    body["csrf_token"] = who.session.csrf_token;
    return api_ok(body);
}

std::optional<std::vector<store::Unit>> readable(SiteContext& context, const store::User& user) {
    auto units = context.store.list_units();
    if (!units.ok()) return std::nullopt;
    const auto ids = readable_units(user, *units);
    std::vector<store::Unit> out;
    for (const auto& unit : *units) {
        if (ids.count(unit.id)) out.push_back(unit);
    }
    return out;
}

Response units(SiteContext& context, const Request&, const SignedIn& who) {
    auto list = readable(context, who.user);
    if (!list) return api_error(http::status::service_unavailable, "unavailable");
    json out = json::array();
    for (const auto& unit : *list) out.push_back(unit_json(unit));
    return api_ok(json{{"units", out}});
}

Response rounds(SiteContext& context, const Request&, const SignedIn&) {
    auto list = context.store.list_rounds();
    if (!list.ok()) return api_error(http::status::service_unavailable, "unavailable");
    json out = json::array();
    for (const auto& round : *list) out.push_back(round_json(round));
    return api_ok(json{{"rounds", out}});
}

Response lookup_failed(const store::Status& status) {
    if (status.code == store::StatusCode::kNotFound)
        return api_error(http::status::not_found, "not_found");
    return api_error(http::status::service_unavailable, "unavailable");
}

Response overview(SiteContext& context, const Request& request, const SignedIn& who) {
    auto round_id = path_id(request, "round");
    if (!round_id) return api_error(http::status::not_found, "not_found");
    auto round = context.store.get_round(*round_id);
    if (!round.ok()) return lookup_failed(round.status);
    auto list = readable(context, who.user);
    if (!list) return api_error(http::status::service_unavailable, "unavailable");
    auto data = load_overview(context, *round, *list);
    if (!data.ok()) return lookup_failed(data.status);
    return api_ok(overview_json(*data));
}

Response unit_results(SiteContext& context, const Request& request, const SignedIn& who) {
    auto round_id = path_id(request, "round");
    auto unit_id = path_id(request, "unit");
    if (!round_id || !unit_id) return api_error(http::status::not_found, "not_found");
    switch (unit_access(context, who.user, *unit_id)) {
        case UnitAccess::kReadable: break;
        case UnitAccess::kNotFound: return api_error(http::status::not_found, "not_found");
        case UnitAccess::kForbidden: return api_error(http::status::forbidden, "forbidden");
        case UnitAccess::kStoreFailed:
            return api_error(http::status::service_unavailable, "unavailable");
    }
    auto data = load_dashboard(context, *round_id, *unit_id);
    if (!data.ok()) return lookup_failed(data.status);
    return api_ok(results_json(*data, true));
}

// No sign-in: a published round's results only, as the public page shows
// them (web/site/public_views.hpp): an unpublished round, a missing one and a
// unit without responses look the same (404), so the API does not tell which
// exist; a comparison with an unpublished previous round is left out.
Response public_results(SiteContext& context, const Request& request) {
    auto round_id = path_id(request, "round");
    auto unit_id = path_id(request, "unit");
    if (!round_id || !unit_id) return api_error(http::status::not_found, "not_found");
    auto results = load_public_results(context, *round_id, *unit_id);
    if (!results.ok()) return lookup_failed(results.status);
    Dashboard data;
    data.results = std::move(*results);
    data.target = context.options.target;
    return api_ok(results_json(data, false));
}

}  // namespace

void add_api_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    (void)router.get("/api/me", signed_in_only(ctx, me, true));
    (void)router.get("/api/units", signed_in_only(ctx, units));
    (void)router.get("/api/rounds", signed_in_only(ctx, rounds));
    (void)router.get("/api/rounds/{round}/overview", signed_in_only(ctx, overview));
    (void)router.get("/api/rounds/{round}/units/{unit}/results", signed_in_only(ctx, unit_results));
    (void)router.get("/api/public/rounds/{round}/units/{unit}/results",
                     [ctx](const Request& r) { return public_results(*ctx, r); });
}

}  // namespace itagap::web
