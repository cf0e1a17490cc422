// Deterministic generator of a national-scale responses CSV in the core's
// format, for benchmarks: `itagap-bench-generate [--units N] [--responses N]
// [--seed S] [--questionnaire Q.json] > responses.csv`. Defaults: the national
// ITA 2568 volume, 8,317 units and 1,350,000 responses.
//
// Realistic shape: each unit has its own level of favourable answers (most
// units high, a tail low), IIT is about a third of the responses, about 2% of
// cells are left empty, and reverse-worded items are answered mirrored.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "input/questionnaire_json.hpp"
#include "read_file.hpp"

namespace {

using itagap::bench::read_file;

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Generates a deterministic responses CSV for benchmarks"};
    long units = 8317;
    long responses = 1350000;
    unsigned seed = 2568;
    std::string questionnaire_path = "data/questionnaires/ita-internal-2568.json";
    std::string round = "ITA 2568";
    app.add_option("--units", units)->check(CLI::PositiveNumber);
    app.add_option("--responses", responses)->check(CLI::PositiveNumber);
    app.add_option("--seed", seed);
    app.add_option("--questionnaire", questionnaire_path);
    app.add_option("--round", round);
    CLI11_PARSE(app, argc, argv);

    auto parsed =
        itagap::input::parse_questionnaire_json(read_file(questionnaire_path), questionnaire_path);
    if (!parsed) {
        std::cerr << itagap::core::to_string(parsed.errors());
        return 2;
    }
    const auto& q = parsed.value();
    std::mt19937_64 rng(seed);

    std::string out;
    out.reserve(1 << 20);
    out += "unit,round,instrument,respondent";
    for (const auto& item : q.items) out += "," + item.code;
    out += '\n';

    const int iit = q.find_instrument("IIT");
    const int eit = q.find_instrument("EIT");
    std::vector<double> unit_level(units);
    std::gamma_distribution<double> g1(18.0, 1.0), g2(1.5, 1.0);
    for (auto& level : unit_level) {
        // Beta(18, 1.5) via two gammas: mean ~0.92, a long low tail.
        const double a = g1(rng), b = g2(rng);
        level = a / (a + b);
    }
    std::uniform_real_distribution<double> u01(0, 1);
    for (long r = 0; r < responses; ++r) {
        // Responses spread over units in contiguous runs, as an export would be.
        const long unit = r * units / responses;
        const int instrument = u01(rng) < 0.35 ? iit : eit;
        fmt::format_to(std::back_inserter(out), "หน่วยงาน {:05},{},{},r{}", unit + 1, round,
                       q.instruments[instrument].code, r + 1);
        for (std::size_t i = 0; i < q.items.size(); ++i) {
            const auto& item = q.items[i];
            out += ',';
            if (q.indicators[item.indicator].instrument != instrument) continue;
            if (u01(rng) < 0.02) continue;  // not answered
            const int n = static_cast<int>(q.scales[item.scale].options.size());
            const bool favourable = u01(rng) < unit_level[unit];
            const int half = n / 2;
            int option = favourable ? half + 1 + static_cast<int>(u01(rng) * (n - half))
                                    : 1 + static_cast<int>(u01(rng) * half);
            if (item.reverse) option = n + 1 - option;
            out += std::to_string(option);
        }
        out += '\n';
        if (out.size() > (1 << 20)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
