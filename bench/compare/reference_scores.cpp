#include "reference_scores.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <tuple>

#include "../read_file.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"

namespace itagap::bench {
namespace {

auto row_key(const ScoreRow& r) {
    return std::make_tuple(static_cast<int>(r.level), r.unit, r.key);
}

const char* level_name(ScoreLevel level) {
    switch (level) {
        case ScoreLevel::kItem:
            return "item";
        case ScoreLevel::kIndicator:
            return "indicator";
        case ScoreLevel::kInstrument:
            return "instrument";
        case ScoreLevel::kTotal:
            return "total";
    }
    return "?";
}

std::string describe(const ScoreRow& r) {
    char text[160];
    std::snprintf(text, sizeof text, "%s unit %d key %d score %.12f", level_name(r.level), r.unit,
                  r.key, r.score);
    return text;
}

}  // namespace

bool load_input(const std::string& questionnaire_path, const std::string& responses_path,
                ParsedInput& out) {
    auto q = input::parse_questionnaire_json(read_file(questionnaire_path), questionnaire_path);
    if (!q) {
        std::cerr << core::to_string(q.errors());
        return false;
    }
    // The ResponseSet's tables point at nothing in the questionnaire, so both
    // can be moved into `out` independently.
    auto responses =
        input::parse_responses_csv(q.value(), read_file(responses_path), responses_path);
    if (!responses) {
        std::cerr << core::to_string(responses.errors());
        return false;
    }
    out.questionnaire = std::move(q).value();
    out.responses = std::move(responses).value();
    return true;
}

std::vector<ScoreRow> reference_rows(const std::vector<core::UnitRoundScore>& scores) {
    std::vector<ScoreRow> rows;
    for (std::size_t u = 0; u < scores.size(); ++u) {
        const int unit = static_cast<int>(u);
        for (const auto& instrument : scores[u].instruments) {
            if (!instrument.has_data()) continue;
            rows.push_back(
                {ScoreLevel::kInstrument, unit, instrument.instrument, instrument.score});
            for (const auto& indicator : instrument.indicators) {
                if (!indicator.has_data()) continue;
                rows.push_back(
                    {ScoreLevel::kIndicator, unit, indicator.indicator, indicator.score});
                for (const auto& item : indicator.items) {
                    if (item.has_data())
                        rows.push_back({ScoreLevel::kItem, unit, item.item, item.score});
                }
            }
        }
        if (scores[u].ita_total)
            rows.push_back({ScoreLevel::kTotal, unit, 0, *scores[u].ita_total});
    }
    return rows;
}

std::string compare_rows(std::vector<ScoreRow> reference, std::vector<ScoreRow> rows,
                         double tolerance) {
    auto by_key = [](const ScoreRow& a, const ScoreRow& b) { return row_key(a) < row_key(b); };
    std::sort(reference.begin(), reference.end(), by_key);
    std::sort(rows.begin(), rows.end(), by_key);
    std::string problems;
    int shown = 0;
    auto report = [&](const std::string& line) {
        if (shown++ < 10) problems += line + "\n";
    };
    std::size_t i = 0, j = 0;
    while (i < reference.size() || j < rows.size()) {
        if (j == rows.size() || (i < reference.size() && by_key(reference[i], rows[j]))) {
            report("missing: " + describe(reference[i++]));
        } else if (i == reference.size() || by_key(rows[j], reference[i])) {
            report("extra: " + describe(rows[j++]));
        } else {
            if (!(std::fabs(reference[i].score - rows[j].score) <= tolerance)) {
                report("differs: itagap " + describe(reference[i]) + ", other " +
                       std::to_string(rows[j].score));
            }
            ++i, ++j;
        }
    }
    if (shown > 10) problems += std::to_string(shown - 10) + " more differences\n";
    return problems;
}

std::string checksum(const std::vector<ScoreRow>& rows) {
    std::string out = "checksum:";
    for (auto level :
         {ScoreLevel::kItem, ScoreLevel::kIndicator, ScoreLevel::kInstrument, ScoreLevel::kTotal}) {
        std::size_t count = 0;
        double sum = 0;
        for (const auto& r : rows) {
            if (r.level != level) continue;
            ++count;
            sum += r.score;
        }
        char part[96];
        std::snprintf(part, sizeof part, " %s %zu sum %.4f", level_name(level), count, sum);
        out += part;
    }
    return out;
}

}  // namespace itagap::bench
