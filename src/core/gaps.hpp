// Gap analysis for one unit and round: where the unit is weakest, what is
// below target, what changed since the unit's previous round, and whether a
// reverse-worded item looks misread (the seed document's diagnosis of item 12,
// made measurable).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.hpp"
#include "core/responses.hpp"
#include "core/scoring.hpp"

namespace itagap::core {

// Scores closer than this are a tie: means of different item sets can differ
// in the last bits although they are the same number.
inline constexpr double kScoreTieTolerance = 1e-9;

// Respondents who gave a reverse-scored item its most unfavourable option
// while every answer they gave to the other items of the same indicator is
// favourable: most likely they read "how much discrimination?" as "how good?".
struct MisreadSignal {
    int item = -1;              // index into Questionnaire::items
    std::uint32_t flagged = 0;  // respondents matching the pattern
    std::uint32_t answers = 0;  // valid answers to the item
    double score = 0;           // the item's score as answered
    // ESTIMATE: the item's score had the flagged respondents answered as they
    // seemingly intended (their answer counted without reversal).
    double estimated_score = 0;
};

struct InstrumentGaps {
    int instrument = -1;
    // Indices into Questionnaire::indicators / items. Ties: all of them, in
    // questionnaire order. Empty when the instrument has no data.
    std::vector<int> highest_indicators;
    std::vector<int> lowest_indicators;
    std::vector<int> lowest_items;                       // over the whole instrument
    std::vector<int> lowest_items_in_lowest_indicators;  // within each lowest indicator
    std::vector<int> indicators_below_target;
    std::vector<int> items_below_target;
    // One per reverse-scored item with data, flagged or not.
    std::vector<MisreadSignal> misread;
};

enum class ChangeLevel { kTotal, kInstrument, kIndicator, kItem };

struct ScoreChange {
    ChangeLevel level = ChangeLevel::kTotal;
    int index = -1;  // instrument, indicator or item index; -1 for the total
    double previous = 0;
    double current = 0;
    double delta() const { return current - previous; }  // points
};

struct UnitRoundGaps {
    std::string unit;
    std::string round;
    double target = kDefaultTargetScore;
    bool instrument_below_target = false;
    std::vector<InstrumentGaps> instruments;  // only instruments with data
    std::optional<std::string> previous_round;
    std::vector<ScoreChange> changes;  // figures present in both rounds
};

// Misread signals for every reverse-scored item of one table.
std::vector<MisreadSignal> detect_misread(const Questionnaire& q, const ResponseTable& table,
                                          const InstrumentScore& score);

// `previous` is the same unit's previous round, if any; `tables` are the
// response tables of the current unit and round (for the misread signal).
UnitRoundGaps analyse_gaps(const Questionnaire& q, const UnitRoundScore& current,
                           const UnitRoundScore* previous,
                           const std::vector<const ResponseTable*>& tables, double target);

// Gaps for every entry of `scores` (as returned by score_all on `responses`),
// in the same order. A unit's previous round is the one that appeared before
// it in the input.
std::vector<UnitRoundGaps> analyse_all(const Questionnaire& q, const ResponseSet& responses,
                                       const std::vector<UnitRoundScore>& scores, double target);

}  // namespace itagap::core
