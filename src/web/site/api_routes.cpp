// The JSON API under /api (docs/api.md), authenticated by the admin session
// cookie (signed_in_only, api_response.hpp); the plans' part is in
// plan_api.cpp. Errors are {"error": "<code>"} with 401 (no session), 403 (no right, or a
// password change is due), 404 and 503.
#include <variant>

#include "web/site/admin_page.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/api_response.hpp"
#include "web/site/auth.hpp"
#include "web/site/public_views.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

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
        case UnitAccess::kReadable:
            break;
        case UnitAccess::kNotFound:
            return api_error(http::status::not_found, "not_found");
        case UnitAccess::kForbidden:
            return api_error(http::status::forbidden, "forbidden");
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
