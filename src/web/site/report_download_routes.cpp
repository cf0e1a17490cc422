// The KPI 2.1 attachment and the result exports of one unit in one round, as
// downloads for signed-in staff who may read the unit:
//   GET /admin/rounds/{round}/units/{unit}/report/{docx|pdf|html}
//   GET /admin/rounds/{round}/units/{unit}/export/{scores.csv|responses.csv|xlsx}
// The files are those `itagap report` writes (app/report_files.hpp), named for
// people ("ศรป.-ITA2568-รอบ5เดือนแรก-KPI2.1.docx", report/download_name.hpp)
// with an RFC 6266 header (web/http/content_disposition.hpp). An
// export of the answers is recorded in the audit log; the files are never
// cached (they change with every response).
#include <nlohmann/json.hpp>

#include "app/report_files.hpp"
#include "report/download_name.hpp"
#include "web/http/content_disposition.hpp"
#include "web/report_text.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/inline_styles.hpp"
#include "web/site/plan_views.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

// The round and unit of the path, when the user may read the unit; else the
// page to answer with.
struct Target {
    store::Id round_id = 0;
    store::Id unit_id = 0;
};

std::optional<Response> refuse_unless_readable(SiteContext& context, const Request& request,
                                               const SignedIn& who, Language language,
                                               Target& target) {
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
    target = {*round_id, *unit_id};
    return std::nullopt;
}

Response message(SiteContext& context, const SignedIn& who, Language language, std::string_view key,
                 http::status status) {
    json data{{"title", report_phrase(language, "title")},
              {"message", report_phrase(language, key)}};
    return admin_page(context, &who, "admin_message", std::move(data), language, status);
}

Response failure(SiteContext& context, const SignedIn& who, Language language,
                 const store::Status& status) {
    if (status.code == store::StatusCode::kNotFound)
        return message(context, who, language, "no_results", http::status::not_found);
    return store_failed(context, &who, language);
}

Response file(std::string bytes, std::string_view type, const std::string& name, bool attachment) {
    Response response;
    response.body = std::move(bytes);
    response.headers.set(http::field::content_type, type);
    response.headers.set(
        http::field::content_disposition,
        content_disposition(name, attachment ? Disposition::kAttachment : Disposition::kInline));
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

// The unit and round a download is named for; nullopt when the store fails.
std::optional<report::DownloadSubject> subject_of(SiteContext& context, const Target& target) {
    auto round = context.store.get_round(target.round_id);
    auto unit = context.store.get_unit(target.unit_id);
    if (!round.ok() || !unit.ok()) return std::nullopt;
    report::DownloadSubject subject;
    subject.unit_short_name = unit->short_name.empty() ? unit->name : unit->short_name;
    subject.fiscal_year_be = round->fiscal_year_be;
    subject.round_name = round->name;
    return subject;
}

report::FileType file_type(app::ReportFormat format) {
    switch (format) {
        case app::ReportFormat::kDocx:
            return report::FileType::kDocx;
        case app::ReportFormat::kPdf:
            return report::FileType::kPdf;
        case app::ReportFormat::kHtml:
            return report::FileType::kHtml;
    }
    return report::FileType::kDocx;
}

std::pair<report::DownloadKind, report::FileType> kind_and_type(app::ExportFormat format) {
    switch (format) {
        case app::ExportFormat::kScoresCsv:
            return {report::DownloadKind::kScores, report::FileType::kCsv};
        case app::ExportFormat::kResponsesCsv:
            return {report::DownloadKind::kResponses, report::FileType::kCsv};
        case app::ExportFormat::kXlsx:
            return {report::DownloadKind::kResults, report::FileType::kXlsx};
    }
    return {report::DownloadKind::kResults, report::FileType::kXlsx};
}

Response kpi_report(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    Target target;
    if (auto refused = refuse_unless_readable(context, request, who, language, target))
        return *refused;
    auto format = app::parse_report_format(request.path_params.get_or("format", ""));
    if (!format) return not_found(context, who, language);
    app::KpiReportRequest r;
    r.round_id = target.round_id;
    r.unit_id = target.unit_id;
    r.target = context.options.target;
    r.today = plan_today(context);
    r.language = language;
    auto document = app::kpi_attachment_document(context.store, context.questionnaires, r);
    if (!document.ok()) return failure(context, who, language, document.status);
    auto bytes = app::render_document(*document, *format);
    if (!bytes.ok())
        return message(context, who, language, "file_failed", http::status::internal_server_error);
    auto subject = subject_of(context, target);
    if (!subject) return store_failed(context, &who, language);
    // The HTML opens in the browser to print; the others download.
    const bool is_html = *format == app::ReportFormat::kHtml;
    Response response = file(std::move(*bytes), app::content_type(*format),
                             report::download_name(*subject, report::DownloadKind::kKpiAttachment,
                                                   file_type(*format), language),
                             !is_html);
    if (is_html) {  // its print layout is its <style>, allowed by hash
        response.headers.set("Content-Security-Policy",
                             content_security_policy_allowing_styles_of(response.body));
    }
    return response;
}

Response results_export(SiteContext& context, const Request& request, const SignedIn& who,
                        Language language) {
    Target target;
    if (auto refused = refuse_unless_readable(context, request, who, language, target))
        return *refused;
    auto format = app::parse_export_format(request.path_params.get_or("format", ""));
    if (!format) return not_found(context, who, language);
    auto bytes = app::export_results(context.store, context.questionnaires, target.round_id,
                                     target.unit_id, context.options.target, *format, language);
    if (!bytes.ok()) return failure(context, who, language, bytes.status);
    auto subject = subject_of(context, target);
    if (!subject) return store_failed(context, &who, language);
    if (*format != app::ExportFormat::kScoresCsv) {
        audit(context, who.user.id, "responses_exported",
              json{{"round_id", target.round_id},
                   {"unit_id", target.unit_id},
                   {"format", std::string(app::file_suffix(*format))}});
    }
    const auto [kind, type] = kind_and_type(*format);
    return file(std::move(*bytes), app::content_type(*format),
                report::download_name(*subject, kind, type, language), true);
}

}  // namespace

void add_report_download_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    page_route(router, ctx, "/admin/rounds/{round}/units/{unit}/report/{format}", Need::kStaff,
               kpi_report);
    page_route(router, ctx, "/admin/rounds/{round}/units/{unit}/export/{format}", Need::kStaff,
               results_export);
}

}  // namespace itagap::web
