// Helpers shared by the site's handlers: pages in the layout, the language,
// cookies, CSRF for anonymous forms, dates.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "web/http/request.hpp"
#include "web/http/response.hpp"
#include "web/site/site.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

// "lang" from the form or the query; Thai by default.
Language request_language(const Request& request);

// A page rendered in the layout, with `t` (the UI text) and `lang` added.
Response render_page(const SiteContext& context, std::string_view name, nlohmann::json data,
                     Language language, http::status status = http::status::ok);

// A page with a title and one message (closed round, thanks, errors).
Response message_page(const SiteContext& context, Language language, std::string_view title_key,
                      std::string_view message_key, http::status status = http::status::ok);

// The per-browser secret for CSRF tokens on anonymous forms, from its cookie;
// a new one (and its Set-Cookie on `response`) when the browser has none.
std::string form_secret(const SiteContext& context, const Request& request, Response& response);
// Copies the Set-Cookie headers of `from` onto `to`.
void carry_cookies(const Response& from, Response& to);
// The secret the browser sent, or "" (the form is then refused).
std::string posted_form_secret(const Request& request);
bool form_csrf_valid(const Request& request, std::string_view purpose);

// Today in Thailand (UTC+7) as "YYYY-MM-DD": what a response keeps of time.
std::string thai_today(const SiteContext& context);
// Now as an ISO UTC timestamp "YYYY-MM-DDTHH:MM:SSZ", optionally shifted.
std::string iso_timestamp(std::chrono::system_clock::time_point at);

inline constexpr std::string_view kFormCookie = "itagap_form";

}  // namespace itagap::web
