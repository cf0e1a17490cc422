// itagap's own figures as flat rows, so that another tool's figures (SQLite,
// DuckDB; bench/compare/run_compare.sh) can be checked against them row by row.
//
// A row is one score of one unit: an item score, an indicator mean, an
// instrument mean or the unit's ITA total, on the 0..100 scale at full
// precision. Only figures that have data are rows (an item nobody answered
// has no score), which is also what a GROUP BY over the answered cells gives.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/questionnaire.hpp"
#include "core/responses.hpp"
#include "core/scoring.hpp"

namespace itagap::bench {

enum class ScoreLevel : int { kItem = 1, kIndicator = 2, kInstrument = 3, kTotal = 4 };

struct ScoreRow {
    ScoreLevel level = ScoreLevel::kItem;
    int unit = 0;  // index into score_all()'s result: (unit, round) in order of first appearance
    int key = 0;   // item, indicator or instrument index in the questionnaire; 0 for the total
    double score = 0;  // 0..100
};

// The questionnaire and the responses, parsed by itagap's own input module.
struct ParsedInput {
    core::Questionnaire questionnaire;
    core::ResponseSet responses;
};

// Reads and parses both files. On failure prints the diagnostics to stderr and
// returns false.
bool load_input(const std::string& questionnaire_path, const std::string& responses_path,
                ParsedInput& out);

std::vector<ScoreRow> reference_rows(const std::vector<core::UnitRoundScore>& scores);

// Compares `rows` with `reference` in any order: the same (level, unit, key)
// set, and every score within `tolerance`. Returns an empty string when they
// agree, else a description of the first few differences.
std::string compare_rows(std::vector<ScoreRow> reference, std::vector<ScoreRow> rows,
                         double tolerance);

// Rows per level and the sum of the scores, for a human to compare between
// tools ("items 332,680 rows, sum 29,123,456.1234"). The sum depends on the
// order of addition in its last digits, so it is printed to 4 decimals: the
// row-by-row comparison above is the real check.
std::string checksum(const std::vector<ScoreRow>& rows);

}  // namespace itagap::bench
