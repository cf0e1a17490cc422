// What a handler returns, and the helpers that build one. The server adds the
// security headers (add_security_headers) to every response, including its
// own error responses, so handlers need not remember them.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/status.hpp>
#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace itagap::web {

namespace http = boost::beast::http;

struct Response {
    http::status status = http::status::ok;
    http::fields headers;  // Set-Cookie may repeat
    std::string body;
};

// text/html; charset=utf-8. `body` must come from a template (see
// web/templates), never from string concatenation with request data.
Response html(http::status status, std::string body);
// application/json; charset=utf-8. Invalid UTF-8 in strings is replaced by
// U+FFFD rather than failing.
Response json(http::status status, const nlohmann::json& value);
// text/plain; charset=utf-8.
Response text(http::status status, std::string body);
// 303 See Other, the answer to a POSTed form. `location` should be a path on
// this site ("/admin/rounds"); it is sent as given.
Response redirect(std::string_view location);
// A short plain-text response for an error status ("404 Not Found").
Response error_response(http::status status);

// Retry-After in whole seconds (RFC 9110 section 10.2.3), `wait` rounded up,
// at least 1: for 429 and 503 answers.
void set_retry_after(Response& response, std::chrono::milliseconds wait);
// Cache-Control: no-store, for pages that carry what no cache may keep
// (access codes and answers in hidden fields, one-time passwords).
void set_no_store(Response& response);

enum class SameSite { lax, strict };

struct Cookie {
    std::string name;   // an RFC 6265 token
    std::string value;  // cookie-octets only: no spaces, quotes, commas, semicolons, backslashes
    std::string path = "/";
    std::optional<std::chrono::seconds> max_age;  // nullopt: a session cookie
    bool http_only = true;
    bool secure = false;  // set true behind HTTPS
    SameSite same_site = SameSite::lax;
};

// Adds a Set-Cookie header. Returns false, and adds nothing, when the name or
// value has characters a cookie cannot carry.
[[nodiscard]] bool set_cookie(Response& response, const Cookie& cookie);
// Expires cookie `name` on `path` in the browser.
void clear_cookie(Response& response, std::string_view name, std::string_view path = "/");

// The policy every page runs under: only this site's scripts, styles and
// images; no inline script or style; no framing.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Sets Content-Security-Policy (unless the handler set its own),
// X-Content-Type-Options, Referrer-Policy and X-Frame-Options.
void add_security_headers(http::fields& headers);

}  // namespace itagap::web
