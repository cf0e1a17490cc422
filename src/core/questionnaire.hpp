// The questionnaire model: instruments, indicators, items and answer scales.
//
// A Questionnaire is plain data, loaded from a JSON file (see
// docs/questionnaire-format.md and input/questionnaire_json.hpp). Cross
// references are resolved to indices at load time, so scoring never looks a
// name up. Invariants established by the loader:
//   - codes and numbers are unique; every reference points at an existing entry;
//   - every scale has 2..kMaxOptions options;
//   - items of one indicator, and indicators of one instrument, are listed in
//     the order they appear in the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itagap::core {

// Thai text first; English may be empty.
struct LocalText {
    std::string th;
    std::string en;
};

enum class ScoringMethod {
    // Item score = favourable answers / valid answers x 100. ITA 2566 onwards
    // (six-level scales, the positive half favourable). The seed's figures.
    kFavourableShare,
    // Item score = mean of the chosen options' scores (0..100). Older ITA years
    // (0 / 33.33 / 66.67 / 100, or 0 / 100).
    kMeanScore,
};

std::string_view to_string(ScoringMethod method);
std::optional<ScoringMethod> scoring_method_from_string(std::string_view text);

// Answers are stored as one byte: 0 = not answered, k = the k-th option as the
// scale is written. So a scale has at most 255 options; 16 is plenty.
inline constexpr int kMaxOptions = 16;

struct AnswerOption {
    LocalText label;
    double score = 0;  // 0..100, used by kMeanScore
    bool favourable = false;
};

struct AnswerScale {
    std::string id;
    LocalText name;
    std::vector<AnswerOption> options;  // in the order shown to respondents
};

struct Instrument {
    std::string code;  // "IIT", "EIT", "OIT"
    LocalText name;
    double weight = 0;            // share of the ITA total, any positive unit
    std::vector<int> indicators;  // indices into Questionnaire::indicators
};

struct Indicator {
    int number = 0;  // 1..10 in the ITA
    LocalText name;
    int instrument = -1;     // index into Questionnaire::instruments
    std::vector<int> items;  // indices into Questionnaire::items
};

struct Item {
    std::string code;  // "i12", "e7"
    LocalText text;
    int indicator = -1;  // index into Questionnaire::indicators
    int scale = -1;      // index into Questionnaire::scales
    // Negatively worded ("staff discriminate ... how much?"): option k of n
    // counts as option n + 1 - k.
    bool reverse = false;
};

struct GradeBand {
    std::string grade;     // "AA"
    double min_score = 0;  // inclusive lower bound, 0..100
};

// The target score (0..100) when nothing else sets one: a questionnaire's
// default_target unless its file says otherwise, and so the default of every
// view and report that is handed a target (the ITA pass mark).
inline constexpr double kDefaultTargetScore = 85;

// Figures resting on fewer respondents than this are not published
// (core/publication.hpp), unless a questionnaire file says otherwise.
inline constexpr int kDefaultMinRespondentsPublished = 5;

struct Questionnaire {
    std::string id;
    LocalText title;
    std::string note;
    ScoringMethod method = ScoringMethod::kFavourableShare;
    double pass_mark = 85;
    double default_target = kDefaultTargetScore;
    int min_respondents_published = kDefaultMinRespondentsPublished;  // >= 1
    std::vector<GradeBand> grades;  // sorted by min_score, highest first

    std::vector<AnswerScale> scales;
    std::vector<Instrument> instruments;
    std::vector<Indicator> indicators;
    std::vector<Item> items;

    // Lookups by code or number; -1 when absent.
    int find_instrument(std::string_view code) const;
    int find_indicator(int number) const;
    int find_item(std::string_view code) const;
    int find_scale(std::string_view id) const;

    // The grade for a score at full precision: 84.995 is below 85.
    const std::string& grade_for(double score) const;
};

// The effective (after reversal) 1-based option of an answer as written.
// REQUIRES: 1 <= written <= option_count.
inline int effective_option(int written, int option_count, bool reverse) {
    return reverse ? option_count + 1 - written : written;
}

}  // namespace itagap::core
