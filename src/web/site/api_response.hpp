// What every JSON API route under /api shares (docs/api.md): the answers
// ({"error": "<code>"} or a body, never cached) and the sign-in from the
// admin session cookie. Internal to web/site.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "web/http/router.hpp"
#include "web/site/auth.hpp"
#include "web/site/site.hpp"

namespace itagap::web {

// {"error": code} with `status`, Cache-Control: no-store.
Response api_error(http::status status, std::string_view code);
// 200 with `body`, Cache-Control: no-store.
Response api_ok(const nlohmann::json& body);

using ApiHandler = std::function<Response(SiteContext&, const Request&, const SignedIn&)>;

// Signs the request in from its session cookie (401 "not_signed_in" without
// one); a forced password change is 403 "password_change_required" except
// for a route that answers during it (/api/me). Every route is a GET; a
// future POST/PUT/DELETE must also check the session's CSRF token in the
// X-CSRF-Token header (session_csrf_valid). REQUIRES: `context` outlives the
// handler.
Handler signed_in_only(SiteContext* context, ApiHandler handler,
                       bool during_password_change = false);

}  // namespace itagap::web
