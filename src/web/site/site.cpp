#include "web/site/site.hpp"

#include <filesystem>
#include <map>

#include "web/http/static_files.hpp"
#include "web/site/embedded_assets.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

core::Result<Templates> load_site_templates() {
    std::map<std::string, std::string> sources;
    for (const auto& [name, text] : embedded_templates()) {
        std::string_view n = name;
        if (n.size() > 9 && n.substr(n.size() - 9) == ".mustache") n.remove_suffix(9);
        sources.emplace(std::string(n), std::string(text));
    }
    return Templates::from_sources(std::move(sources));
}

namespace {

Response static_file(const Request& request) {
    const std::string name(request.path_params.get_or("file", ""));
    for (const auto& [file, bytes] : embedded_static()) {
        if (file == name) {
            Response response;
            response.body = std::string(bytes);
            response.headers.set(http::field::content_type,
                                 content_type_for(std::filesystem::path(name)));
            response.headers.set(http::field::cache_control, "public, max-age=3600");
            add_security_headers(response.headers);
            return response;
        }
    }
    return error_response(http::status::not_found);
}

}  // namespace

Router build_site_router(SiteContext& context) {
    if (!context.round_summaries) {
        context.round_summaries = std::make_shared<app::RoundSummaryCache>(
            context.store, context.questionnaires, context.options.overview_open_round_lifetime);
    }
    if (!context.sign_in_throttle)
        context.sign_in_throttle = std::make_shared<security::SignInThrottle>();
    if (!context.code_limiter) {
        // 10 tries at once, then one every 6 seconds, per address.
        context.code_limiter =
            std::make_shared<security::RateLimiter>(security::RateLimitOptions{10, 10.0 / 60});
    }
    Router router;
    (void)router.get("/static/{file}", static_file);
    (void)router.get("/", [](const Request&) { return redirect("/iit"); });
    add_survey_routes(router, context);
    add_admin_routes(router, context);
    add_api_routes(router, context);
    add_plan_routes(router, context);
    add_executive_report_routes(router, context);
    add_public_routes(router, context);
    add_report_download_routes(router, context);
    return router;
}

}  // namespace itagap::web
