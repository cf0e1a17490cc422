#include "web/http/response.hpp"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace itagap::web {
namespace {

Response with_type(http::status status, std::string body, std::string_view content_type) {
    Response response;
    response.status = status;
    response.headers.set(http::field::content_type, content_type);
    response.body = std::move(body);
    return response;
}

// RFC 6265 section 4.1.1: token for names, cookie-octet for values.
bool is_token(std::string_view name) {
    if (name.empty()) return false;
    for (const unsigned char c : name) {
        if (c <= 0x20 || c >= 0x7f) return false;
        if (std::string_view("()<>@,;:\\\"/[]?={}").find(static_cast<char>(c)) !=
            std::string_view::npos) {
            return false;
        }
    }
    return true;
}

bool is_cookie_value(std::string_view value) {
    for (const unsigned char c : value) {
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') return false;
    }
    return true;
}

bool is_path_value(std::string_view path) {
    for (const unsigned char c : path) {
        if (c < 0x20 || c >= 0x7f || c == ';') return false;
    }
    return true;
}

}  // namespace

Response html(http::status status, std::string body) {
    return with_type(status, std::move(body), "text/html; charset=utf-8");
}

Response json(http::status status, const nlohmann::json& value) {
    return with_type(status, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                     "application/json; charset=utf-8");
}

Response text(http::status status, std::string body) {
    return with_type(status, std::move(body), "text/plain; charset=utf-8");
}

Response redirect(std::string_view location) {
    Response response = text(http::status::see_other, "");
    response.headers.set(http::field::location, location);
    return response;
}

Response error_response(http::status status) {
    std::string body = std::to_string(static_cast<unsigned>(status));
    body += ' ';
    body += std::string(http::obsolete_reason(status));
    body += '\n';
    return text(status, std::move(body));
}

bool set_cookie(Response& response, const Cookie& cookie) {
    if (!is_token(cookie.name) || !is_cookie_value(cookie.value) || !is_path_value(cookie.path)) {
        return false;
    }
    std::string header = cookie.name + "=" + cookie.value;
    if (!cookie.path.empty()) header += "; Path=" + cookie.path;
    if (cookie.max_age) header += "; Max-Age=" + std::to_string(cookie.max_age->count());
    if (cookie.http_only) header += "; HttpOnly";
    if (cookie.secure) header += "; Secure";
    header += cookie.same_site == SameSite::strict ? "; SameSite=Strict" : "; SameSite=Lax";
    response.headers.insert(http::field::set_cookie, header);
    return true;
}

void clear_cookie(Response& response, std::string_view name, std::string_view path) {
    Cookie cookie;
    cookie.name = std::string(name);
    cookie.path = std::string(path);
    cookie.max_age = std::chrono::seconds(0);
    (void)set_cookie(response, cookie);
}

void set_retry_after(Response& response, std::chrono::milliseconds wait) {
    const auto seconds =
        std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(wait).count());
    response.headers.set(http::field::retry_after, std::to_string(seconds));
}

void set_no_store(Response& response) {
    response.headers.set(http::field::cache_control, "no-store");
}

void add_security_headers(http::fields& headers) {
    if (headers.find("Content-Security-Policy") == headers.end()) {
        headers.set("Content-Security-Policy", kContentSecurityPolicy);
    }
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set(http::field::x_frame_options, "DENY");
}

}  // namespace itagap::web
