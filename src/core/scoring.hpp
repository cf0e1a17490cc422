// Scoring as the ITA method does it, per item, indicator, instrument and the
// ITA total, for one unit and round. Every figure carries the counts behind it.
//
//   item score       favourable_share: favourable / valid answers x 100
//                    mean_score:       mean of the chosen options' scores
//   indicator score  mean of its items' scores (items with no valid answer
//                    are left out)
//   instrument score mean of its indicators' scores (likewise)
//   ITA total        sum of instrument score x weight / sum of the weights of
//                    the instruments that have a score (so the weights are
//                    rescaled when one is missing, and the result says so)
//
// Intervals are 95% Wilson score intervals on the 0..100 scale. For an item,
// p = score / 100 and n = valid answers. For an indicator or instrument the
// answers of one person are correlated, so n = respondents who answered at
// least one of its items: the conservative choice for small units.
// All figures keep full precision; round only when formatting (core/number_format.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.hpp"
#include "core/responses.hpp"

namespace itagap::core {

struct Interval {
    double low = 0;   // 0..100
    double high = 0;  // 0..100
};

// 95% Wilson score interval for a proportion p (0..1) over n trials, scaled
// to 0..100. n == 0 gives [0, 100].
Interval wilson_interval_95(double p, double n);

struct ItemScore {
    int item = -1;              // index into Questionnaire::items
    std::uint32_t answers = 0;  // valid (non-empty) answers
    std::uint32_t favourable = 0;
    double score = 0;  // 0..100; meaningless when answers == 0
    Interval ci95;
    // Answers per option as written (index 0 = option 1), before reversal.
    std::vector<std::uint32_t> option_counts;
    // Kept from publication (core/publication.hpp): counts zero, no data.
    bool withheld = false;

    bool has_data() const { return answers > 0; }
};

struct IndicatorScore {
    int indicator = -1;             // index into Questionnaire::indicators
    std::uint32_t answers = 0;      // valid answers over all its items
    std::uint32_t favourable = 0;   // favourable answers over all its items
    std::uint32_t respondents = 0;  // respondents with at least one valid answer here
    std::uint32_t items_scored = 0;
    double score = 0;
    Interval ci95;
    std::vector<ItemScore> items;  // in questionnaire order
    bool withheld = false;         // see ItemScore::withheld

    bool has_data() const { return items_scored > 0; }
};

struct InstrumentScore {
    int instrument = -1;                      // index into Questionnaire::instruments
    std::uint32_t respondents = 0;            // rows in the input, answered or not
    std::uint32_t respondents_answering = 0;  // with at least one valid answer
    std::uint32_t indicators_scored = 0;
    double score = 0;
    Interval ci95;
    std::string grade;
    std::vector<IndicatorScore> indicators;
    bool withheld = false;  // see ItemScore::withheld; respondents are kept

    bool has_data() const { return indicators_scored > 0; }
};

struct WeightUsed {
    int instrument = -1;
    double weight = 0;  // as in the questionnaire
    double share = 0;   // weight / sum of weights used, 0..1
};

struct UnitRoundScore {
    std::string unit;
    std::string round;
    // One per instrument of the questionnaire, in its order; an instrument
    // without answers is present with has_data() == false.
    std::vector<InstrumentScore> instruments;
    std::optional<double> ita_total;  // absent when no instrument has data
    std::string ita_grade;
    bool ita_total_withheld = false;  // core/publication.hpp
    bool weights_rescaled = false;    // some weighted instrument had no data
    std::vector<WeightUsed> weights;  // the instruments that entered the total
    std::vector<int> missing_instruments;

    const InstrumentScore* find_instrument(int instrument) const;
};

// Scores one table (one instrument). Pure; O(answers).
InstrumentScore score_instrument(const Questionnaire& q, const ResponseTable& table);

// (Re)computes the ITA total, grade, weights used and missing instruments of
// `unit` from its instrument scores (after core/oit_scoring.hpp adds OIT).
void compute_ita_total(const Questionnaire& q, UnitRoundScore& unit);

// Scores every (unit, round) of a response set, in order of first appearance.
std::vector<UnitRoundScore> score_all(const Questionnaire& q, const ResponseSet& responses);

}  // namespace itagap::core
