// `itagap report`: the KPI 2.1 attachment of a unit in a round as DOCX, PDF or
// HTML, or its scores and anonymous answers as CSV or XLSX, from a database:
//
//   itagap report --db sqlite:itagap.db --unit ศรป. --round "ITA 2568 รอบ 5 เดือนแรก"
//                 --format docx -o kpi-2.1.docx
//
// The same files as the web site's downloads (app/report_files.hpp). The
// output file is written whole or not at all (a temporary file renamed into
// place). Exit codes as `itagap score`: 0 success, 2 bad input (unknown unit,
// round, plan or format; no responses; a plan of another unit), 1 internal
// error (the database or a writer failed).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "core/questionnaire.hpp"

namespace itagap::cli {

struct ReportOptions {
    std::string db_url;
    std::string unit;                     // name, short name or "name (short)"
    std::string round;                    // name or id
    std::optional<std::int64_t> plan_id;  // default: the plan made from the round
    std::string format;                   // docx, pdf, html, xlsx, scores.csv, responses.csv
    std::string output_path;
    std::string language = "th";
    double target = core::kDefaultTargetScore;
    std::string today;  // YYYY-MM-DD; default: today in Thailand (UTC+7)
};

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace itagap::cli
