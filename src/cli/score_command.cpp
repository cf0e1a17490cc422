#include "cli/score_command.hpp"

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/cli_text.hpp"
#include "core/gaps.hpp"
#include "core/scoring.hpp"
#include "input/csv_text.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "report/narrative.hpp"
#include "report/score_json.hpp"
#include "report/score_tables.hpp"

namespace itagap::cli {

namespace {

std::optional<std::string> read_file(const std::string& path, std::ostream& err) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << path << ": cannot open the file for reading\n";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        err << path << ": read error\n";
        return std::nullopt;
    }
    return std::move(text).str();
}

void print_text(const core::Questionnaire& q, const std::vector<core::UnitRoundScore>& scores,
                const std::vector<core::UnitRoundGaps>& gaps, report::Language language,
                std::ostream& out) {
    for (std::size_t u = 0; u < scores.size(); ++u) {
        if (u > 0) out << "\n";
        out << "== " << scores[u].unit << " | " << scores[u].round << " ==\n\n";
        for (const auto& paragraph : report::narrate(q, scores[u], gaps[u], language)) {
            out << paragraph << "\n\n";
        }
        for (const auto& instrument : scores[u].instruments) {
            if (!instrument.has_data()) continue;
            out << q.instruments[instrument.instrument].code << " — "
                << report::pick(q.instruments[instrument.instrument].name, language) << "\n";
            out << report::score_table(q, instrument, language) << "\n";
        }
    }
    out << "* " << cli_text(language, "reverse_note") << "\n";
}

}  // namespace

int run_score(const ScoreOptions& options, std::ostream& out, std::ostream& err) {
    auto questionnaire_text = read_file(options.questionnaire_path, err);
    if (!questionnaire_text) return kExitBadInput;
    auto questionnaire =
        input::parse_questionnaire_json(*questionnaire_text, options.questionnaire_path);
    if (!questionnaire) {
        err << core::to_string(questionnaire.errors());
        return kExitBadInput;
    }
    const core::Questionnaire& q = questionnaire.value();

    auto responses_text = read_file(options.responses_path, err);
    if (!responses_text) return kExitBadInput;
    // As Thai offices save them: UTF-8 with or without BOM, or Windows-874; ',' or ';'.
    auto decoded = input::decode_csv_text(*responses_text, options.responses_path);
    if (!decoded) {
        err << core::to_string(decoded.errors());
        return kExitBadInput;
    }
    input::ResponsesCsvOptions csv_options;
    csv_options.delimiter = decoded->delimiter;
    auto responses =
        input::parse_responses_csv(q, decoded->text, options.responses_path, csv_options);
    if (!responses) {
        err << core::to_string(responses.errors());
        err << options.responses_path << ": the file was rejected as a whole; nothing was scored\n";
        return kExitBadInput;
    }

    const double target = options.target >= 0 ? options.target : q.default_target;
    const auto scores = core::score_all(q, responses.value());
    const auto gaps = core::analyse_all(q, responses.value(), scores, target);

    if (options.format == "json") {
        out << report::scores_to_json(q, scores, gaps, target);
    } else {
        const auto language =
            options.language == "en" ? report::Language::kEnglish : report::Language::kThai;
        print_text(q, scores, gaps, language, out);
    }
    out.flush();
    if (!out) {
        err << "itagap: could not write the output\n";
        return kExitInternalError;
    }
    return kExitOk;
}

}  // namespace itagap::cli
