// Exports of one unit's results in one round, for spreadsheets: the scores
// (every instrument, indicator and item with its counts and interval) and the
// anonymous answers. CSV through report/csv_writer.hpp; XLSX through
// libxlsxwriter. Every text cell that begins with = + - @ is neutralised, so
// a questionnaire text or unit name cannot run as a formula.
//
// The answers carry no respondent id, no time and no free-text comment: rows
// are in the order the store lists them (random ids), so nothing links a row
// to a person.
#pragma once

#include <string>

#include "core/gaps.hpp"
#include "core/questionnaire.hpp"
#include "core/responses.hpp"
#include "core/scoring.hpp"
#include "core/status.hpp"
#include "report/messages.hpp"

namespace itagap::report {

// One row per instrument, then its indicators, each followed by its items
// (the terminal table's order), and a last "ITA total" row (score and grade
// empty when there is no total). Every row starts with the unit and round, so
// exports of several units can be stacked. Headings in the chosen language;
// percentages with two decimals (core::format_score); a figure without data
// is an empty cell. An instrument's answer counts are sums over its items.
std::string scores_csv(const core::Questionnaire& q, const core::UnitRoundScore& score,
                       Language language);

// One row per respondent of every table in `responses` (one unit and round):
// instrument, row number, then one column per item of the questionnaire
// (the option number as written, 1..n; empty when not answered or the item
// belongs to another instrument).
std::string responses_csv(const core::Questionnaire& q, const core::ResponseSet& responses,
                          Language language);

// A workbook: "คะแนน" (the rows of scores_csv, numbers stored at full
// precision and shown as 0.00), "ช่องว่าง" (the gap analysis: lowest
// indicators and items, below target, misread signals that flagged someone)
// and, when `responses` is given, "คำตอบ" (the rows of responses_csv). English
// sheet names for kEnglish. kInternal saying why when the workbook could not
// be written (a libxlsxwriter error, no temporary file, a text longer than a
// cell holds); never throws. Goes through a 0600 temporary file in $TMPDIR,
// removed after.
StatusOr<std::string> results_xlsx(const core::Questionnaire& q, const core::UnitRoundScore& score,
                                   const core::UnitRoundGaps& gaps,
                                   const core::ResponseSet* responses, Language language);

}  // namespace itagap::report
