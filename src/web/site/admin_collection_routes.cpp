// Collecting answers for one unit in one round, on one page for the officer
// who runs it: the EIT link with its QR code, a copy button, a LINE share
// link and an A4 poster; the IIT codes issued, used and unused, with forms to
// issue more and to revoke unused ones. Admins, and coordinators for their
// units (Need::kCodes).
//
// Codes cannot be reprinted: the store keeps only their hashes, so that the
// database file gives nobody a code to answer with. A lost or seen sheet is
// revoked here (its unused codes stop working) and a new batch issued.
#include <algorithm>
#include <variant>

#include "report/download_name.hpp"
#include "report/pdf/eit_poster.hpp"
#include "security/access_codes.hpp"
#include "security/qr_code.hpp"
#include "web/admin_text.hpp"
#include "web/http/content_disposition.hpp"
#include "web/http/url_decoding.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/public_url.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

struct CollectionTarget {
    store::Round round;
    store::Unit unit;
};

// The round and unit of the path, checked against the user's right to hand
// out codes; or the page to show instead.
std::variant<CollectionTarget, Response> collection_target(SiteContext& context,
                                                           const Request& request,
                                                           const SignedIn& who, Language language) {
    auto round_id = path_id(request, "round");
    auto unit_id = path_id(request, "unit");
    if (!round_id || !unit_id) return not_found(context, who, language);
    auto round = context.store.get_round(*round_id);
    if (!round.ok()) {
        if (round.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    const auto unit = std::find_if(units->begin(), units->end(),
                                   [&](const store::Unit& u) { return u.id == *unit_id; });
    if (unit == units->end()) return not_found(context, who, language);
    if (!code_units(who.user, *units).count(unit->id)) return forbidden(context, who, language);
    return CollectionTarget{*round, *unit};
}

// "/admin/rounds/{round}/units/{unit}": the dashboard, and the base of the
// collection page's own paths.
std::string unit_round_path(store::Id round, store::Id unit) {
    return "/admin/rounds/" + std::to_string(round) + "/units/" + std::to_string(unit);
}

// "https://line.me/R/share?text=..." opens LINE's share sheet on a phone with
// the text and link (LINE's documented URL scheme); percent-encoded UTF-8.
std::string line_share_href(const std::string& text) {
    return "https://line.me/R/share?text=" + percent_encode(text);
}

Response collection_page(SiteContext& context, const SignedIn& who, Language language,
                         const CollectionTarget& target, std::string notice = {},
                         std::string error = {}, http::status status = http::status::ok) {
    const auto& [round, unit] = target;
    auto codes = context.store.count_access_codes(round.id, unit.id);
    if (!codes.ok()) return store_failed(context, &who, language);
    const std::string link = eit_survey_link(context, round.id, unit.id);
    const std::string base = unit_round_path(round.id, unit.id);
    const std::string qr_path =
        "/s/" + std::to_string(round.id) + "/" + std::to_string(unit.id) + "/qr.svg";
    json data{
        {"title", admin_phrase(language, "collection_title")},
        {"unit_name", unit_label(unit)},
        {"round_name", round.name},
        {"round_id", round.id},
        {"unit_id", unit.id},
        {"dashboard_href", base},
        {"period",
         display_date(round.opens_on, language) + " – " + display_date(round.closes_on, language)},
        {"round_open", round.status == store::RoundStatus::kOpen},
        {"eit_link", link},
        {"qr_src", qr_path},
        {"qr_png_href",
         "/s/" + std::to_string(round.id) + "/" + std::to_string(unit.id) + "/qr.png"},
        {"line_href", line_share_href(admin_phrase(language, "collection_line_text") + " " +
                                      unit_label(unit) + " " + link)},
        {"poster_href", base + "/poster.pdf"},
        {"revoke_action", base + "/codes/revoke"},
        {"public_url_missing", !public_url_configured(context)},
        {"codes_issued", codes->issued},
        {"codes_used", codes->used},
        {"codes_unused", codes->issued - codes->used},
        {"has_unused", codes->issued > codes->used},
        {"can_issue", round.status != store::RoundStatus::kClosed},
        {"iit_link", iit_survey_link(context)},
    };
    if (!notice.empty()) data["notice"] = std::move(notice);
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    return admin_page(context, &who, "admin_collection", std::move(data), language, status,
                      "/admin/access-codes");
}

Response show_collection(SiteContext& context, const Request& request, const SignedIn& who,
                         Language language) {
    auto target = collection_target(context, request, who, language);
    if (auto* refused = std::get_if<Response>(&target)) return std::move(*refused);
    return collection_page(context, who, language, std::get<CollectionTarget>(target));
}

Response poster_pdf(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    auto found = collection_target(context, request, who, language);
    if (auto* refused = std::get_if<Response>(&found)) return std::move(*refused);
    const auto& [round, unit] = std::get<CollectionTarget>(found);
    report::EitPoster poster;
    poster.link = eit_survey_link(context, round.id, unit.id);
    auto modules = security::qr_matrix(poster.link);
    if (!modules) {
        return admin_message(context, &who, language, "error_title", "poster_pdf_failed",
                             http::status::internal_server_error);
    }
    poster.qr = std::move(*modules);
    // The poster is printed for respondents: always in Thai.
    const Language thai = Language::kThai;
    poster.heading = admin_phrase(thai, "poster_heading");
    poster.title = admin_phrase(thai, "poster_title");
    poster.unit_name = unit.name;
    poster.round_name = round.name + " " + admin_phrase(thai, "poster_fiscal_year") + " " +
                        std::to_string(round.fiscal_year_be);
    poster.period = admin_phrase(thai, "poster_period") + " " + display_date(round.opens_on, thai) +
                    " – " + display_date(round.closes_on, thai);
    poster.scan_hint = admin_phrase(thai, "poster_scan");
    poster.promise = admin_phrase(thai, "poster_promise");
    auto pdf = report::eit_poster_pdf(poster);
    if (!pdf.ok()) {
        return admin_message(context, &who, language, "error_title", "poster_pdf_failed",
                             http::status::internal_server_error);
    }
    Response response;
    response.body = std::move(*pdf);
    response.headers.set(http::field::content_type, "application/pdf");
    response.headers.set(http::field::content_disposition,
                         content_disposition(report::download_name(
                             {unit.short_name.empty() ? unit.name : unit.short_name,
                              round.fiscal_year_be, round.name},
                             report::DownloadKind::kEitPoster, report::FileType::kPdf, language)));
    return response;
}

// POST: revoke one unused code (`code` typed from a slip) or, with `all` and
// the confirming checkbox, every unused code of the unit in the round.
Response revoke_codes(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    auto found = collection_target(context, request, who, language);
    if (auto* refused = std::get_if<Response>(&found)) return std::move(*refused);
    const auto& target = std::get<CollectionTarget>(found);
    const auto& [round, unit] = target;
    std::optional<std::string> hash;
    if (form_text(request, "scope") == "all") {
        if (form_text(request, "confirm") != "yes") {
            return collection_page(context, who, language, target, {}, "revoke_confirm_missing",
                                   http::status::unprocessable_entity);
        }
    } else {
        auto code = security::normalise_access_code(form_text(request, "code"));
        if (!code) {
            return collection_page(context, who, language, target, {}, "revoke_code_invalid",
                                   http::status::unprocessable_entity);
        }
        hash = security::access_code_hash(*code);
    }
    const store::AuditEntry entry =
        audit_entry(context, who.user.id, "access_codes.revoke",
                    {{"round_id", round.id}, {"unit_id", unit.id}, {"all", !hash.has_value()}});
    auto revoked = context.store.revoke_access_codes(round.id, unit.id, hash, entry);
    if (!revoked.ok()) return store_failed(context, &who, language);
    if (hash && *revoked == 0) {
        // Unknown here, or already used: the same answer, so the form cannot
        // tell which codes were used.
        return collection_page(context, who, language, target, {}, "revoke_code_not_found",
                               http::status::unprocessable_entity);
    }
    return collection_page(
        context, who, language, target,
        admin_phrase(language, "revoked_count") + " " + std::to_string(*revoked));
}

}  // namespace

void add_admin_collection_routes(Router& router, SiteContext* ctx) {
    page_route(router, ctx, "/admin/rounds/{round}/units/{unit}/collection", Need::kCodes,
               show_collection);
    page_route(router, ctx, "/admin/rounds/{round}/units/{unit}/poster.pdf", Need::kCodes,
               poster_pdf);
    form_route(router, ctx, "/admin/rounds/{round}/units/{unit}/codes/revoke", Need::kCodes,
               revoke_codes);
}

}  // namespace itagap::web
