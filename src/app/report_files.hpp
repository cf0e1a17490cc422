// The KPI attachment and the exports of one unit in one round, from the
// store to file bytes: finds the round's results and the plan made from it,
// builds the report Document (report/kpi_attachment.hpp) and renders it as
// DOCX, PDF or HTML, or writes the scores and answers as CSV or XLSX. The web
// downloads and `itagap report` both call this, so they give the same files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/results.hpp"
#include "core/thai_date.hpp"
#include "report/document.hpp"
#include "report/messages.hpp"
#include "store/store.hpp"

namespace itagap::app {

enum class ReportFormat { kDocx, kPdf, kHtml };
// "docx", "pdf", "html"; nullopt for anything else.
std::optional<ReportFormat> parse_report_format(std::string_view text);
std::string_view file_extension(ReportFormat format);  // "docx"
std::string_view content_type(ReportFormat format);    // with charset for HTML

enum class ExportFormat { kScoresCsv, kResponsesCsv, kXlsx };
// "scores.csv", "responses.csv", "xlsx"; nullopt for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view text);
std::string_view file_suffix(ExportFormat format);  // "scores.csv"
std::string_view content_type(ExportFormat format);

struct KpiReportRequest {
    store::Id round_id = 0;
    store::Id unit_id = 0;
    // A plan to use instead of the one made from the round; it must be the
    // unit's (kInvalid otherwise).
    std::optional<store::Id> plan_id;
    double target = core::kDefaultTargetScore;
    core::CivilDate today;
    report::Language language = report::Language::kThai;
};

// kNotFound when the round, the unit or the plan does not exist or the unit
// has no responses in the round; kInvalid for a plan of another unit;
// kInternal when a stored plan does not parse.
store::StatusOr<report::Document> kpi_attachment_document(store::Store& store,
                                                          QuestionnaireCache& cache,
                                                          const KpiReportRequest& request);

// The file's bytes, or the writer's reason when it failed (kInvalid for a
// malformed document, kInternal from cairo or libzip).
store::StatusOr<std::string> render_document(const report::Document& document, ReportFormat format);

// The unit's scores (and for kResponsesCsv and kXlsx its anonymous answers)
// in the round.
store::StatusOr<std::string> export_results(store::Store& store, QuestionnaireCache& cache,
                                            store::Id round_id, store::Id unit_id, double target,
                                            ExportFormat format, report::Language language);

// An ASCII file name for downloads: "itagap-kpi-2.1-r3-u1.docx".
std::string report_file_name(store::Id round_id, store::Id unit_id, ReportFormat format);
std::string export_file_name(store::Id round_id, store::Id unit_id, ExportFormat format);

}  // namespace itagap::app
