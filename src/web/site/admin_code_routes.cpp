// IIT access codes: admins, and coordinators for their own units, generate a
// batch for a round and unit. The store keeps only the codes' hashes, so the
// codes are shown once, on the sheet page that answers the form; from there
// the same codes can be downloaded as a printable PDF (the browser posts them
// back, since nothing else can).
#include <algorithm>
#include <sstream>
#include <variant>

#include "report/download_name.hpp"
#include "report/pdf/access_code_sheet.hpp"
#include "security/access_codes.hpp"
#include "security/qr_code.hpp"
#include "web/admin_text.hpp"
#include "web/http/content_disposition.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/public_url.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

constexpr int kMaxCodesPerBatch = 1000;

Response codes_page(SiteContext& context, const SignedIn& who, Language language,
                    std::string error = {}, http::status status = http::status::ok) {
    auto rounds = context.store.list_rounds();
    auto units = all_units(context);
    if (!rounds.ok() || !units) return store_failed(context, &who, language);
    json round_options = json::array();
    for (const auto& round : *rounds) {
        if (round.status == store::RoundStatus::kClosed) continue;
        round_options.push_back(json{{"value", round.id}, {"label", round.name}});
    }
    json data{{"title", admin_phrase(language, "codes_title")},
              {"public_url_missing", !public_url_configured(context)},
              {"rounds", round_options},
              {"units", unit_options(only(*units, code_units(who.user, *units)))}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    return admin_page(context, &who, "admin_access_codes", std::move(data), language, status,
                      "/admin/access-codes");
}

struct CodeTarget {
    store::Round round;
    store::Unit unit;
};

// The round and unit a code form names, checked against the user's rights;
// or the page to show instead.
std::variant<CodeTarget, Response> code_target(SiteContext& context, const Request& request,
                                               const SignedIn& who, Language language,
                                               const std::vector<store::Unit>& units,
                                               http::status invalid) {
    auto round_id = form_id(request, "round");
    auto unit_id = form_id(request, "unit");
    auto round = round_id ? context.store.get_round(*round_id)
                          : store::StatusOr<store::Round>(Status::NotFound("no round in the form"));
    const auto unit = std::find_if(units.begin(), units.end(),
                                   [&](const auto& u) { return unit_id && u.id == *unit_id; });
    if (!round_id || !round.ok() || unit == units.end()) {
        return codes_page(context, who, language, "choice_invalid", invalid);
    }
    if (!code_units(who.user, units).count(unit->id)) return forbidden(context, who, language);
    return CodeTarget{*round, *unit};
}

Response generate_codes(SiteContext& context, const Request& request, const SignedIn& who,
                        Language language) {
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    auto count = parse_id(form_text(request, "count"));
    if (!count || *count > kMaxCodesPerBatch) {
        return codes_page(context, who, language, "count_invalid",
                          http::status::unprocessable_entity);
    }
    auto target =
        code_target(context, request, who, language, *units, http::status::unprocessable_entity);
    if (auto* refused = std::get_if<Response>(&target)) return std::move(*refused);
    const auto& [round, unit] = std::get<CodeTarget>(target);

    const std::vector<std::string> codes =
        security::generate_access_codes(static_cast<std::size_t>(*count));
    store::AccessCodeBatch batch{round.id, unit.id, {}};
    std::string joined;
    for (const auto& code : codes) {
        batch.code_hashes.push_back(
            security::access_code_hash(*security::normalise_access_code(code)));
        if (!joined.empty()) joined += ' ';
        joined += code;
    }
    const store::AuditEntry entry =
        audit_entry(context, who.user.id, "access_codes.generate",
                    {{"round_id", round.id}, {"unit_id", unit.id}, {"count", codes.size()}});
    if (!context.store.add_access_codes(batch, entry).ok()) {
        return store_failed(context, &who, language);
    }
    json data{{"title", admin_phrase(language, "sheet_title")},
              {"unit_name", unit_label(unit)},
              {"round_name", round.name},
              {"round_id", round.id},
              {"unit_id", unit.id},
              {"survey_url", iit_survey_link(context)},
              {"public_url_missing", !public_url_configured(context)},
              {"codes", codes},
              {"codes_joined", joined}};
    return admin_page(context, &who, "admin_code_sheet", std::move(data), language);
}

// The codes of the sheet form ("K7Q-MX3-PAR K7Q-..."), canonical, or nullopt
// when any of them cannot be a code, or there are none or too many.
std::optional<std::vector<std::string>> posted_codes(const Request& request) {
    std::istringstream words(std::string(request.form.get_or("codes", "")));
    std::vector<std::string> out;
    for (std::string word; words >> word;) {
        auto code = security::normalise_access_code(word);
        if (!code) return std::nullopt;
        out.push_back(std::move(*code));
        if (out.size() > static_cast<std::size_t>(kMaxCodesPerBatch)) return std::nullopt;
    }
    if (out.empty()) return std::nullopt;
    return out;
}

// POST: the sheet the user was just shown, as a PDF. Only codes that are
// unused codes of this round and unit are printed: the form cannot be used
// to put arbitrary text on an official-looking sheet, nor to find out which
// codes exist elsewhere (any other code is refused the same way).
Response code_sheet_pdf(SiteContext& context, const Request& request, const SignedIn& who,
                        Language language) {
    auto units = all_units(context);
    if (!units) return store_failed(context, &who, language);
    auto target = code_target(context, request, who, language, *units, http::status::bad_request);
    if (auto* refused = std::get_if<Response>(&target)) return std::move(*refused);
    const auto& [round, unit] = std::get<CodeTarget>(target);
    const auto codes = posted_codes(request);
    if (!codes) {
        return admin_message(context, &who, language, "sheet_codes_invalid_title",
                             "sheet_codes_invalid", http::status::bad_request);
    }
    report::AccessCodeSheet sheet;
    for (const auto& code : *codes) {
        auto found = context.store.find_access_code(security::access_code_hash(code));
        if (!found.ok() && found.status.code != store::StatusCode::kNotFound)
            return store_failed(context, &who, language);
        if (!found.ok() || found->round_id != round.id || found->unit_id != unit.id ||
            found->used) {
            return admin_message(context, &who, language, "sheet_codes_invalid_title",
                                 "sheet_codes_refused", http::status::forbidden);
        }
        sheet.codes.push_back(security::format_access_code(code));
    }
    sheet.title = admin_phrase(language, "sheet_title");
    sheet.unit_name = unit_label(unit);
    sheet.round_name = round.name;
    sheet.survey_url = iit_survey_link(context);
    for (const auto& code : sheet.codes) {
        auto modules = security::qr_matrix(iit_survey_link(context, code));
        sheet.code_qrs.push_back(modules ? std::move(*modules) : report::QrModules{});
    }
    sheet.instructions = admin_phrase(language, "sheet_each");
    auto pdf = report::access_code_sheet_pdf(sheet);
    if (!pdf.ok()) {
        return admin_message(context, &who, language, "error_title", "sheet_pdf_failed",
                             http::status::internal_server_error);
    }
    audit(context, who.user.id, "access_codes.sheet_pdf",
          {{"round_id", round.id}, {"unit_id", unit.id}, {"count", sheet.codes.size()}});
    Response response;
    response.body = std::move(*pdf);
    response.headers.set(http::field::content_type, "application/pdf");
    response.headers.set(
        http::field::content_disposition,
        content_disposition(report::download_name(
            {unit.short_name.empty() ? unit.name : unit.short_name, round.fiscal_year_be,
             round.name},
            report::DownloadKind::kAccessCodes, report::FileType::kPdf, language)));
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

}  // namespace

void add_admin_code_routes(Router& router, SiteContext* ctx) {
    page_route(router, ctx, "/admin/access-codes", Need::kCodes,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return codes_page(c, who, l);
               });
    form_route(router, ctx, "/admin/access-codes", Need::kCodes, generate_codes);
    form_route(router, ctx, "/admin/access-codes/sheet.pdf", Need::kCodes, code_sheet_pdf);
}

}  // namespace itagap::web
