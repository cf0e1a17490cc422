// The tables behind the exports, built once and written either as CSV or as
// an XLSX sheet, so both formats list the same rows under the same headings.
// Internal to itagap_export.
//
// A cell keeps its kind (text, score, count) rather than its formatted text:
// the CSV writer formats a score with core::format_score, the XLSX writer
// stores the full-precision number and lets a 0.00 number format show it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/gaps.hpp"
#include "core/questionnaire.hpp"
#include "core/responses.hpp"
#include "core/scoring.hpp"
#include "report/messages.hpp"

namespace itagap::report::export_detail {

// A percentage 0..100 at full precision.
struct ScoreCell {
    double percent = 0;
};

// A whole number: a count, an indicator number, an option number.
struct CountCell {
    std::uint64_t value = 0;
};

// Text is raw: each writer neutralises it (spreadsheet_safe) on the way out.
using Cell = std::variant<std::monostate, std::string, ScoreCell, CountCell>;

struct ExportTable {
    std::vector<std::string> headings;
    std::vector<double> widths;           // Excel character units, one per heading
    std::vector<std::vector<Cell>> rows;  // each as long as `headings`
};

// Sheet names and the workbook title, in the chosen language.
struct WorkbookNames {
    std::string scores_sheet;
    std::string gaps_sheet;
    std::string answers_sheet;
    std::string title;  // unit and round included
};

WorkbookNames workbook_names(const core::UnitRoundScore& score, Language language);

// Instrument, then its indicators, each followed by its items (the order of
// score_tables.cpp), then one "ITA total" row.
ExportTable score_table(const core::Questionnaire& q, const core::UnitRoundScore& score,
                        Language language);

// Per instrument with data: lowest indicators, lowest items, indicators and
// items below target, misread signals that flagged someone.
ExportTable gap_table(const core::Questionnaire& q, const core::UnitRoundScore& score,
                      const core::UnitRoundGaps& gaps, Language language);

// One row per respondent of every table, one column per item.
ExportTable answer_table(const core::Questionnaire& q, const core::ResponseSet& responses,
                         Language language);

}  // namespace itagap::report::export_detail
