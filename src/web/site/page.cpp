#include "web/site/page.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "security/csrf.hpp"

namespace itagap::web {

Language request_language(const Request& request) {
    // The survey's language button ("go" = "lang_en") wins over the carried field.
    if (auto go = request.form.get("go"); go && go->rfind("lang_", 0) == 0) {
        return language_from_code(go->substr(5));
    }
    if (auto lang = request.form.get("lang")) return language_from_code(*lang);
    if (auto lang = request.query.get("lang")) return language_from_code(*lang);
    return Language::kThai;
}

Response render_page(const SiteContext& context, std::string_view name, nlohmann::json data,
                     Language language, http::status status) {
    if (!data.is_object()) data = nlohmann::json::object();
    data["t"] = ui_text(language);
    data["lang"] = std::string(language_code(language));
    if (!data.contains("site_name")) data["site_name"] = ui_text(language).at("app_name");
    // The layout's own text, in the page's language.
    if (!data.contains("skip_link")) data["skip_link"] = ui_text(language).at("skip_link");
    if (!data.contains("footer_text")) data["footer_text"] = ui_text(language).at("footer_text");
    auto rendered = context.templates.render_page(name, data);
    if (!rendered) {
        // A template error is a bug in itagap, not the user's: log and 500.
        return error_response(http::status::internal_server_error);
    }
    return html(status, std::move(rendered).value());
}

Response message_page(const SiteContext& context, Language language, std::string_view title_key,
                      std::string_view message_key, http::status status) {
    nlohmann::json data{{"title", ui_phrase(language, title_key)},
                        {"message", ui_phrase(language, message_key)}};
    return render_page(context, "message", std::move(data), language, status);
}

std::string posted_form_secret(const Request& request) {
    auto secret = request.cookies.get(kFormCookie);
    return secret ? std::string(*secret) : std::string();
}

std::string form_secret(const SiteContext& context, const Request& request, Response& response) {
    std::string secret = posted_form_secret(request);
    if (secret.size() >= 32) return secret;
    secret = security::new_csrf_secret();
    Cookie cookie{std::string(kFormCookie), secret};
    cookie.secure = context.options.secure_cookies;
    (void)set_cookie(response, cookie);
    return secret;
}

void carry_cookies(const Response& from, Response& to) {
    for (const auto& field : from.headers) {
        if (field.name() == http::field::set_cookie)
            to.headers.insert(http::field::set_cookie, field.value());
    }
}

bool form_csrf_valid(const Request& request, std::string_view purpose) {
    const std::string secret = posted_form_secret(request);
    const auto presented = request.form.get("csrf");
    return !secret.empty() && presented && security::csrf_token_valid(secret, purpose, *presented);
}

std::string thai_today(const SiteContext& context) {
    const auto bangkok = context.now() + std::chrono::hours(7);
    return fmt::format("{:%Y-%m-%d}", std::chrono::floor<std::chrono::seconds>(bangkok));
}

std::string iso_timestamp(std::chrono::system_clock::time_point at) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace itagap::web
