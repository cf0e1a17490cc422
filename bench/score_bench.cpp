// Scoring benchmark: parse a responses CSV once, then time scoring every
// item, indicator, instrument and gap of every unit from memory, next to the
// floor of reading every answer byte once. Prints one table row per
// measurement (docs/performance.md).
//
//   itagap-bench-score --questionnaire Q.json --responses R.csv [--repeat 5]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "core/gaps.hpp"
#include "core/scoring.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "read_file.hpp"

namespace {

using itagap::bench::read_file;

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void row(const char* what, double ms, std::size_t answers) {
    std::printf("| %-44s | %10.2f | %12.1f |\n", what, ms, answers / (ms / 1000.0) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Scoring benchmark"};
    std::string questionnaire_path, responses_path;
    int repeat = 5;
    app.add_option("--questionnaire", questionnaire_path)->required();
    app.add_option("--responses", responses_path)->required();
    app.add_option("--repeat", repeat)->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);

    auto q =
        itagap::input::parse_questionnaire_json(read_file(questionnaire_path), questionnaire_path);
    if (!q) {
        std::cerr << itagap::core::to_string(q.errors());
        return 2;
    }
    const std::string text = read_file(responses_path);
    auto start = Clock::now();
    auto responses = itagap::input::parse_responses_csv(q.value(), text, responses_path);
    const double parse_ms = ms_since(start);
    if (!responses) {
        std::cerr << itagap::core::to_string(responses.errors());
        return 2;
    }
    const auto& set = responses.value();
    std::size_t answers = 0, rows = 0;
    for (const auto& t : set.tables) {
        answers += t.respondents() * t.item_of_column().size();
        rows += t.respondents();
    }
    std::printf("responses: %zu, answer cells: %zu, tables: %zu, CSV: %.1f MB\n\n", rows, answers,
                set.tables.size(), text.size() / 1e6);
    std::printf("| %-44s | %10s | %12s |\n", "measurement", "ms", "M answers/s");
    std::printf("|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(12, '-').c_str(),
                std::string(14, '-').c_str());
    row("parse CSV (once)", parse_ms, answers);

    std::vector<double> read_ms, score_ms, gaps_ms;
    volatile std::uint64_t sink = 0;
    for (int r = 0; r < repeat; ++r) {
        start = Clock::now();
        std::uint64_t sum = 0;
        for (const auto& t : set.tables) {
            for (std::size_t c = 0; c < t.item_of_column().size(); ++c) {
                auto col = t.answers(static_cast<int>(c));
                sum = std::accumulate(col.begin(), col.end(), sum);
            }
        }
        sink = sink + sum;
        read_ms.push_back(ms_since(start));

        start = Clock::now();
        auto scores = itagap::core::score_all(q.value(), set);
        score_ms.push_back(ms_since(start));
        start = Clock::now();
        auto gaps = itagap::core::analyse_all(q.value(), set, scores, 85);
        gaps_ms.push_back(ms_since(start));
        sink = sink + gaps.size();
    }
    auto best = [](std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
    // The median of the repeats (the lower middle one for an even count), so
    // one run's figure is not only its luckiest.
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[(v.size() - 1) / 2];
    };
    row("read every answer once (floor), best", best(read_ms), answers);
    row("score every unit and round, best", best(score_ms), answers);
    row("gap analysis incl. misread, best", best(gaps_ms), answers);
    row("score + gaps, best", best(score_ms) + best(gaps_ms), answers);
    std::vector<double> both(score_ms.size());
    for (std::size_t i = 0; i < both.size(); ++i) both[i] = score_ms[i] + gaps_ms[i];
    row("read every answer once (floor), median", median(read_ms), answers);
    row("score every unit and round, median", median(score_ms), answers);
    row("score + gaps, median", median(both), answers);
    return 0;
}
