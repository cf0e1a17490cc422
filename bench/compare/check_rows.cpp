// Checks another tool's scores, written as a CSV, against itagap's own to 1e-9
// (bench/compare/run_compare.sh; DuckDB's score.mjs writes such a file).
//
//   itagap-bench-check-rows --questionnaire Q.json --responses R.csv --rows scores.csv
//
// The rows file has the header level,unit,round,key,score: level 1..4 (item,
// indicator, instrument, ITA total), the unit and round as in the responses,
// the key by its name (item code, indicator number, instrument code; empty for
// the total) and the score on the 0..100 scale with full precision.
// Exit status: 0 when every figure agrees, 1 when one differs, 2 on bad input.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/scoring.hpp"
#include "input/csv_reader.hpp"
#include "reference_scores.hpp"

namespace {

using itagap::bench::ScoreLevel;
using itagap::bench::ScoreRow;

// The key's name as the rows file writes it, or -1 when unknown.
int key_index(const itagap::core::Questionnaire& q, ScoreLevel level, std::string_view name) {
    switch (level) {
        case ScoreLevel::kItem:
            return q.find_item(name);
        case ScoreLevel::kIndicator: {
            int number = 0;
            auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
            if (error != std::errc{} || end != name.data() + name.size()) return -1;
            return q.find_indicator(number);
        }
        case ScoreLevel::kInstrument:
            return q.find_instrument(name);
        case ScoreLevel::kTotal:
            return name.empty() ? 0 : -1;
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Checks another tool's scores against itagap's"};
    std::string questionnaire_path, responses_path, rows_path;
    app.add_option("--questionnaire", questionnaire_path)->required();
    app.add_option("--responses", responses_path)->required();
    app.add_option("--rows", rows_path)->required();
    CLI11_PARSE(app, argc, argv);

    itagap::bench::ParsedInput input;
    if (!itagap::bench::load_input(questionnaire_path, responses_path, input)) return 2;
    const auto& q = input.questionnaire;
    const auto scores = itagap::core::score_all(q, input.responses);
    std::map<std::pair<std::string, std::string>, int> unit_ids;
    for (std::size_t u = 0; u < scores.size(); ++u) {
        unit_ids.emplace(std::make_pair(scores[u].unit, scores[u].round), static_cast<int>(u));
    }

    std::ifstream file(rows_path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    const std::string rows_text = text.str();
    itagap::input::CsvReader reader(rows_text, rows_path);
    itagap::input::CsvRecord record;
    std::vector<ScoreRow> rows;
    auto bad = [&](const std::string& what) {
        std::cerr << rows_path << ":" << record.line << ": " << what << "\n";
        return 2;
    };
    if (!reader.next(record)) return bad("no header");
    while (reader.next(record)) {
        if (record.fields.size() != 5) return bad("expected 5 fields");
        const std::string_view level_text = record.fields[0];
        if (level_text.size() != 1 || level_text[0] < '1' || level_text[0] > '4') {
            return bad("level must be 1..4");
        }
        const auto level = static_cast<ScoreLevel>(level_text[0] - '0');
        auto unit = unit_ids.find({std::string(record.fields[1]), std::string(record.fields[2])});
        if (unit == unit_ids.end()) return bad("unknown unit and round");
        const int key = key_index(q, level, record.fields[3]);
        if (key < 0) return bad("unknown key " + std::string(record.fields[3]));
        double score = 0;
        const std::string_view score_text = record.fields[4];
        auto [end, error] =
            std::from_chars(score_text.data(), score_text.data() + score_text.size(), score);
        if (error != std::errc{} || end != score_text.data() + score_text.size()) {
            return bad("score is not a number");
        }
        rows.push_back({level, unit->second, key, score});
    }
    if (reader.error()) return bad(reader.error()->to_string());

    const std::string problems =
        itagap::bench::compare_rows(itagap::bench::reference_rows(scores), rows, 1e-9);
    if (!problems.empty()) {
        std::cerr << rows_path << ": figures differ from itagap's:\n" << problems;
        return 1;
    }
    std::printf("%s: %zu figures equal itagap's to 1e-9\n", rows_path.c_str(), rows.size());
    return 0;
}
