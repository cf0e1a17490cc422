#include "app/report_files.hpp"

#include <fmt/format.h>

#include "app/plans.hpp"
#include "core/sample_size.hpp"
#include "report/docx/docx_writer.hpp"
#include "report/export/results_export.hpp"
#include "report/html/document_html.hpp"
#include "report/kpi_attachment.hpp"
#include "report/pdf/chart_png.hpp"
#include "report/pdf/document_pdf.hpp"

namespace itagap::app {

namespace {

using store::Status;
using store::StatusCode;

// The plan named by the request, or else the one made from the round.
store::StatusOr<std::optional<core::Plan>> plan_for(store::Store& store,
                                                    const KpiReportRequest& request,
                                                    const store::Round& round) {
    using Found = std::optional<core::Plan>;
    std::optional<store::PlanRecord> record;
    if (request.plan_id) {
        auto got = store.get_plan(*request.plan_id);
        if (!got.ok()) return got.status;
        if (got->unit_id != request.unit_id) {
            return Status::Invalid(
                fmt::format("plan {} belongs to another unit", *request.plan_id));
        }
        record = std::move(*got);
    } else {
        auto found = find_round_plan_record(store, request.unit_id, round);
        if (!found.ok()) return found.status;
        record = std::move(*found);
    }
    if (!record) return Found();
    auto plan = parse_plan(*record);
    if (!plan.ok()) return plan.status;
    return Found(std::move(*plan));
}

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view text) {
    if (text == "docx") return ReportFormat::kDocx;
    if (text == "pdf") return ReportFormat::kPdf;
    if (text == "html") return ReportFormat::kHtml;
    return std::nullopt;
}

std::string_view file_extension(ReportFormat format) {
    switch (format) {
        case ReportFormat::kDocx:
            return "docx";
        case ReportFormat::kPdf:
            return "pdf";
        case ReportFormat::kHtml:
            return "html";
    }
    return "";
}

std::string_view content_type(ReportFormat format) {
    switch (format) {
        case ReportFormat::kDocx:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        case ReportFormat::kPdf:
            return "application/pdf";
        case ReportFormat::kHtml:
            return "text/html; charset=utf-8";
    }
    return "application/octet-stream";
}

std::optional<ExportFormat> parse_export_format(std::string_view text) {
    if (text == "scores.csv") return ExportFormat::kScoresCsv;
    if (text == "responses.csv") return ExportFormat::kResponsesCsv;
    if (text == "xlsx") return ExportFormat::kXlsx;
    return std::nullopt;
}

std::string_view file_suffix(ExportFormat format) {
    switch (format) {
        case ExportFormat::kScoresCsv:
            return "scores.csv";
        case ExportFormat::kResponsesCsv:
            return "responses.csv";
        case ExportFormat::kXlsx:
            return "xlsx";
    }
    return "";
}

std::string_view content_type(ExportFormat format) {
    switch (format) {
        case ExportFormat::kScoresCsv:
        case ExportFormat::kResponsesCsv:
            return "text/csv; charset=utf-8";
        case ExportFormat::kXlsx:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return "application/octet-stream";
}

store::StatusOr<report::Document> kpi_attachment_document(store::Store& store,
                                                          QuestionnaireCache& cache,
                                                          const KpiReportRequest& request) {
    auto results =
        unit_round_results(store, cache, request.round_id, request.unit_id, request.target);
    if (!results.ok()) return results.status;
    if (results->responses.tables.empty()) {
        return Status::NotFound("the unit has no responses in this round");
    }
    auto plan = plan_for(store, request, results->round);
    if (!plan.ok()) return plan.status;

    report::KpiAttachmentInput input;
    input.questionnaire = results->questionnaire.get();
    input.score = &results->score;
    input.gaps = &results->gaps;
    input.plan = *plan ? &**plan : nullptr;
    input.unit_name = results->unit.name;
    input.unit_short_name = results->unit.short_name;
    input.round_name = results->round.name;
    input.today = request.today;
    input.fiscal_year_be = *plan ? (*plan)->fiscal_year_be : core::fiscal_year_be(request.today);
    input.language = request.language;
    // The report's own respondents (scored rows) against the unit's minimum.
    std::vector<std::int64_t> respondents(input.questionnaire->instruments.size(), 0);
    for (const auto& s : results->score.instruments) {
        respondents[static_cast<std::size_t>(s.instrument)] = s.respondents;
    }
    input.sample = core::sample_progress(*input.questionnaire, results->unit.staff_count,
                                         results->unit.client_count, respondents);
    return report::kpi_attachment(input);
}

store::StatusOr<std::string> render_document(const report::Document& document,
                                             ReportFormat format) {
    switch (format) {
        case ReportFormat::kDocx:
            return report::document_docx(document, report::chart_png);
        case ReportFormat::kPdf:
            return report::document_pdf(document);
        case ReportFormat::kHtml:
            return report::document_html(document);
    }
    return Status::Internal("unknown report format");
}

store::StatusOr<std::string> export_results(store::Store& store, QuestionnaireCache& cache,
                                            store::Id round_id, store::Id unit_id, double target,
                                            ExportFormat format, report::Language language) {
    auto results = unit_round_results(store, cache, round_id, unit_id, target);
    if (!results.ok()) return results.status;
    if (results->responses.tables.empty()) {
        return Status::NotFound("the unit has no responses in this round");
    }
    const core::Questionnaire& q = *results->questionnaire;
    switch (format) {
        case ExportFormat::kScoresCsv:
            return report::scores_csv(q, results->score, language);
        case ExportFormat::kResponsesCsv:
            return report::responses_csv(q, results->responses, language);
        case ExportFormat::kXlsx: {
            return report::results_xlsx(q, results->score, results->gaps, &results->responses,
                                        language);
        }
    }
    return Status::Internal("unknown export format");
}

std::string report_file_name(store::Id round_id, store::Id unit_id, ReportFormat format) {
    return fmt::format("itagap-kpi-2.1-r{}-u{}.{}", round_id, unit_id, file_extension(format));
}

std::string export_file_name(store::Id round_id, store::Id unit_id, ExportFormat format) {
    return fmt::format("itagap-results-r{}-u{}-{}", round_id, unit_id, file_suffix(format));
}

}  // namespace itagap::app
