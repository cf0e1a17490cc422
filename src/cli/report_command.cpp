#include "cli/report_command.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "app/report_files.hpp"
#include "app/results.hpp"
#include "cli/score_command.hpp"  // exit codes
#include "cli/store_arguments.hpp"

namespace itagap::cli {

namespace {

constexpr int kThailandUtcOffsetHours = 7;

std::optional<core::CivilDate> today_of(const std::string& text, std::ostream& err) {
    if (text.empty()) {
        const auto days = std::chrono::floor<std::chrono::days>(
            std::chrono::system_clock::now() + std::chrono::hours(kThailandUtcOffsetHours));
        return core::civil_from_days(days.time_since_epoch().count());
    }
    auto date = core::parse_iso_date(text);
    if (!date) err << "itagap: --today: value \"" << text << "\": expected a date as YYYY-MM-DD\n";
    return date;
}

// Writes `bytes` to a temporary file next to `path`, then renames it into
// place, so a reader never sees half a report.
bool write_whole(const std::string& path, const std::string& bytes, std::ostream& err) {
    const std::string temporary = path + ".itagap-partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            err << path << ": cannot open the file for writing\n";
            return false;
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            err << path << ": write error\n";
            std::remove(temporary.c_str());
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        err << path << ": cannot replace the file: " << ec.message() << "\n";
        std::remove(temporary.c_str());
        return false;
    }
    return true;
}

int exit_for_lookup(const store::Status& status, std::ostream& err) {
    err << "itagap: " << status.message << "\n";
    return status.code == store::StatusCode::kNotFound || status.code == store::StatusCode::kInvalid
               ? kExitBadInput
               : kExitInternalError;
}

}  // namespace

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
    const auto report_format = app::parse_report_format(options.format);
    const auto export_format = app::parse_export_format(options.format);
    if (!report_format && !export_format) {
        err << "itagap: --format: value \"" << options.format
            << "\": expected docx, pdf, html, xlsx, scores.csv or responses.csv\n";
        return kExitBadInput;
    }
    const auto today = today_of(options.today, err);
    if (!today) return kExitBadInput;
    const report::Language language =
        options.language == "en" ? report::Language::kEnglish : report::Language::kThai;

    int exit_code = kExitOk;
    auto store = open_store(options.db_url, err, exit_code);
    if (!store) return exit_code;
    auto units = store->list_units();
    auto rounds = store->list_rounds();
    if (!units.ok() || !rounds.ok()) {
        err << "itagap: cannot read the units and rounds: "
            << (units.ok() ? rounds.status : units.status).message << "\n";
        return kExitInternalError;
    }
    auto unit = unit_named(*units, options.unit, err);
    if (!unit) return kExitBadInput;
    auto round = round_named(*rounds, options.round, err);
    if (!round) return kExitBadInput;

    app::QuestionnaireCache cache(*store);
    std::string bytes;
    if (report_format) {
        app::KpiReportRequest request;
        request.round_id = round->id;
        request.unit_id = unit->id;
        request.plan_id = options.plan_id;
        request.target = options.target;
        request.today = *today;
        request.language = language;
        auto document = app::kpi_attachment_document(*store, cache, request);
        if (!document.ok()) return exit_for_lookup(document.status, err);
        auto rendered = app::render_document(*document, *report_format);
        if (!rendered.ok()) {
            err << "itagap: the " << app::file_extension(*report_format)
                << " file could not be made: " << rendered.status.message << "\n";
            return kExitInternalError;
        }
        bytes = std::move(*rendered);
    } else {
        if (options.plan_id)
            err << "itagap: --plan is not used by --format " << options.format << "\n";
        auto exported = app::export_results(*store, cache, round->id, unit->id, options.target,
                                            *export_format, language);
        if (!exported.ok()) return exit_for_lookup(exported.status, err);
        bytes = std::move(*exported);
    }
    if (!write_whole(options.output_path, bytes, err)) return kExitInternalError;
    out << fmt::format("{}: {} ({} bytes)\n", options.output_path,
                       unit_label(*unit) + " · " + round->name, bytes.size());
    return kExitOk;
}

}  // namespace itagap::cli
