// The public results pages (the seed document's "A: communicate results and
// measures online"), readable without signing in:
//   GET /public                                          published rounds and their units
//   GET /public/rounds/{round}/units/{unit}              one unit's scores, analysis and measures
//   GET /public/rounds/{round}/units/{unit}/scores.csv   the same scores for spreadsheets
// The open JSON of the same results is /api/public/... (api_routes.cpp).
//
// Only rounds whose results an admin has published (admin_manage_routes.cpp);
// a round that is not published, a missing round or unit and a unit without
// responses all get the same 404, so the pages do not tell which exists.
// Every request reads the store (nothing is cached in the server), so a round
// unpublished is gone on the next request; browsers and proxies may keep a
// published page for a minute.
#include <optional>

#include "report/download_name.hpp"
#include "report/export/results_export.hpp"
#include "web/http/content_disposition.hpp"
#include "web/public_text.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/page.hpp"
#include "web/site/plan_views.hpp"
#include "web/site/public_views.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

constexpr std::string_view kPublishedCaching = "public, max-age=60";

// Not cached: a 404 may become a page as soon as the round is published.
Response public_message(const SiteContext& context, Language language, std::string_view what,
                        http::status status) {
    const std::string key(what);
    nlohmann::json data{{"title", public_phrase(language, key + "_title")},
                        {"message", public_phrase(language, key + "_message")},
                        {"link_href", "/public" + public_lang_query(language)},
                        {"link_text", public_phrase(language, "back_to_list")}};
    Response response = render_page(context, "message", std::move(data), language, status);
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

Response lookup_failed(const SiteContext& context, Language language, const store::Status& status) {
    if (status.code == store::StatusCode::kNotFound)
        return public_message(context, language, "not_found", http::status::not_found);
    return public_message(context, language, "unavailable", http::status::service_unavailable);
}

Response published(Response response) {
    if (response.status == http::status::ok)
        response.headers.set(http::field::cache_control, kPublishedCaching);
    return response;
}

Response list_page(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    auto rounds = load_published_rounds(context);
    if (!rounds.ok()) return lookup_failed(context, language, rounds.status);
    return published(
        render_page(context, "public_list", public_list_view(*rounds, language), language));
}

Response results_page(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    auto round_id = path_id(request, "round");
    auto unit_id = path_id(request, "unit");
    if (!round_id || !unit_id)
        return public_message(context, language, "not_found", http::status::not_found);
    auto results = load_public_results(context, *round_id, *unit_id);
    if (!results.ok()) return lookup_failed(context, language, results.status);
    auto plan = app::find_round_plan(context.store, *unit_id, results->round);
    if (!plan.ok()) return lookup_failed(context, language, plan.status);
    return published(render_page(
        context, "public_results",
        public_results_view(*results, *plan, context.options.target, language), language));
}

Response scores_csv(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    auto round_id = path_id(request, "round");
    auto unit_id = path_id(request, "unit");
    if (!round_id || !unit_id)
        return public_message(context, language, "not_found", http::status::not_found);
    auto results = load_public_results(context, *round_id, *unit_id);
    if (!results.ok()) return lookup_failed(context, language, results.status);
    Response response;
    response.body = report::scores_csv(*results->questionnaire, results->score, language);
    response.headers.set(http::field::content_type, "text/csv; charset=utf-8");
    const store::Unit& unit = results->unit;
    response.headers.set(http::field::content_disposition,
                         content_disposition(report::download_name(
                             {unit.short_name.empty() ? unit.name : unit.short_name,
                              results->round.fiscal_year_be, results->round.name},
                             report::DownloadKind::kScores, report::FileType::kCsv, language)));
    return published(std::move(response));
}

}  // namespace

void add_public_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    (void)router.get("/public", [ctx](const Request& r) { return list_page(*ctx, r); });
    (void)router.get("/public/rounds/{round}/units/{unit}",
                     [ctx](const Request& r) { return results_page(*ctx, r); });
    (void)router.get("/public/rounds/{round}/units/{unit}/scores.csv",
                     [ctx](const Request& r) { return scores_csv(*ctx, r); });
}

}  // namespace itagap::web
