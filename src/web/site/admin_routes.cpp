// The admin pages under /admin: sign-in, the forced password change, the
// organisation overview and the unit dashboard; and the registration of every
// admin route (the others live by subject, see admin_page.hpp). No
// JavaScript; every form carries a CSRF token (the session's, or for the
// sign-in form the anonymous-form token).
//
// Every route but sign-in and sign-out goes through page_route(), form_route()
// or guarded(), which sign the user in from the session cookie, send a forced
// password change to /admin/password, check the role and, for POSTs, the CSRF
// token, in that order: not signed in -> 303 to /admin/sign-in; no right -> 403.
#include <algorithm>

#include "security/csrf.hpp"
#include "security/passwords.hpp"
#include "web/admin_text.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/auth.hpp"
#include "web/site/page.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

constexpr std::string_view kSignInPurpose = "admin-sign-in";

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
    if (result.outcome == SignInOutcome::kThrottled) {
        Response page = sign_in_page(context, request, language, "sign_in_throttled",
                                     http::status::too_many_requests);
        set_retry_after(page, result.retry_after);
        return page;
    }
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
    if (auto problem = security::password_problem(fresh))
        return refuse(admin_phrase(language, std::string(security::message_key(*problem))));
    store::User user = who.user;
    user.password_hash = security::hash_password(fresh);
    if (user.password_hash.empty()) return store_failed(context, &who, language);
    user.must_change_password = false;
    if (!context.store
             .update_user(user,
                          audit_entry(context, user.id, "user.password_change", json::object()))
             .ok()) {
        return store_failed(context, &who, language);
    }
    // Every session of the user ends with the old password (a stolen one
    // too); this browser gets a new one.
    if (!context.store.delete_user_sessions(user.id).ok())
        return store_failed(context, &who, language);
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
    OverviewPage page;
    page.flagged_only = request.query.get_or("flagged", "") == "1";
    if (auto number = parse_id(request.query.get_or("page", "")); number && *number < 1000000) {
        page.number = static_cast<int>(*number);
    }
    nlohmann::json view = overview_view(*data, *rounds, page, language);
    // A missing staff count links to the units page, which only admins open.
    view["can_edit_units"] = has_need(who.user, Need::kAdmin);
    return admin_page(context, &who, "admin_overview", std::move(view), language, http::status::ok,
                      "/admin");
}

Response dashboard(SiteContext& context, const Request& request, const SignedIn& who,
                   Language language) {
    auto round_id = path_id(request, "round");
    auto unit_id = path_id(request, "unit");
    if (!round_id || !unit_id) return not_found(context, who, language);
    switch (unit_access(context, who.user, *unit_id)) {
        case UnitAccess::kReadable:
            break;
        case UnitAccess::kNotFound:
            return not_found(context, who, language);
        case UnitAccess::kForbidden:
            return forbidden(context, who, language);
        case UnitAccess::kStoreFailed:
            return store_failed(context, &who, language);
    }
    auto data = load_dashboard(context, *round_id, *unit_id);
    if (!data.ok()) {
        if (data.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    nlohmann::json view = dashboard_view(*data, language);
    view["can_edit_units"] = has_need(who.user, Need::kAdmin);
    // Admins and coordinators hand out the links and codes (Need::kCodes);
    // a readable unit is in a coordinator's subtree, so it is theirs too.
    if (has_need(who.user, Need::kCodes)) {
        view["collection_href"] = "/admin/rounds/" + std::to_string(*round_id) + "/units/" +
                                  std::to_string(*unit_id) + "/collection";
    }
    return admin_page(context, &who, "admin_dashboard", std::move(view), language);
}

}  // namespace

void add_admin_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    (void)router.get("/admin/sign-in", [ctx](const Request& r) { return sign_in_form(*ctx, r); });
    (void)router.post("/admin/sign-in", [ctx](const Request& r) { return sign_in(*ctx, r); });
    (void)router.post("/admin/sign-out", [ctx](const Request& r) { return sign_out(*ctx, r); });
    (void)router.get("/admin/password",
                     guarded(
                         ctx, Need::kStaff, false,
                         [](SiteContext& c, const Request&, const SignedIn& who,
                            Language language) { return password_page(c, who, language); },
                         true));
    (void)router.post("/admin/password", guarded(ctx, Need::kStaff, true, change_password, true));

    page_route(router, ctx, "/admin", Need::kStaff, overview);
    page_route(router, ctx, "/admin/rounds/{round}/units/{unit}", Need::kStaff, dashboard);

    add_admin_manage_routes(router, ctx);
    add_admin_code_routes(router, ctx);
    add_admin_collection_routes(router, ctx);
    add_admin_user_routes(router, ctx);
}

}  // namespace itagap::web
