// The rules of improvement plans that sit between a round's results and a
// plan's document: which gaps a new plan may take, which rounds measure its
// effect, how its progress is summed up, how a measure follows its progress
// updates, and how new topics and measures are numbered. Handlers and reports
// call these instead of deciding themselves.
//
// Pure: the caller passes the questionnaire, scores, rounds and `today`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/gaps.hpp"
#include "core/plan_monitoring.hpp"
#include "core/plans.hpp"
#include "core/questionnaire.hpp"
#include "core/scoring.hpp"

namespace itagap::core {

// ---- Starting a plan --------------------------------------------------------

// A gap a new plan may start with. `key` names it in a form ("item:i12",
// "indicator:3"); `suggested` ones are what a plan gets when nobody chooses.
struct GapCandidate {
    std::string key;
    GapRef gap;
    bool suggested = false;
};

// "item:i12", "indicator:3", "instrument:IIT".
std::string gap_key(const ScoreRef& ref);

// Every gap of a round's analysis a plan may take, each once (by key), with
// its score and counts from `score` and `round_name` as its round:
// - suggested: per instrument, the lowest items within the lowest indicators,
//   then the items below target;
// - then, per instrument, the lowest indicators and the indicators below
//   target.
// Instruments in the order of `gaps`. A figure without answers is left out.
std::vector<GapCandidate> gap_candidates(const Questionnaire& q, const UnitRoundScore& score,
                                         const UnitRoundGaps& gaps, const std::string& round_name);

// The keys of the suggested candidates.
std::set<std::string> suggested_keys(const std::vector<GapCandidate>& candidates);

enum class GapChoiceProblem { kNone, kUnknownKey, kNothingChosen };

struct GapChoice {
    GapChoiceProblem problem = GapChoiceProblem::kNone;
    std::vector<GapRef> gaps;  // in candidate order; empty on a problem
};

// The gaps of `candidates` whose keys are in `chosen`; without a choice
// (nullopt), the suggested ones. A key that is not a candidate, or an empty
// choice, is a problem and takes nothing.
GapChoice choose_gaps(const std::vector<GapCandidate>& candidates,
                      const std::optional<std::set<std::string>>& chosen);

// ---- Effect rounds ----------------------------------------------------------

// What the effect rule needs of a round.
struct RoundFacts {
    std::int64_t id = 0;
    std::int64_t questionnaire_id = 0;
    std::string opens_on;  // ISO "YYYY-MM-DD": text order is date order
    bool closed = false;   // no longer takes responses (closed or published)
};

// The rounds (indices into `rounds`) a plan's effect is measured against: the
// rounds of the source round's questionnaire that open after it and are
// closed, latest first (ties in the order given). Empty when none has closed
// yet, or when `source_round_id` is not among `rounds` (a plan imported from
// another database).
std::vector<std::size_t> effect_rounds(std::span<const RoundFacts> rounds,
                                       std::int64_t source_round_id);

// ---- Progress ---------------------------------------------------------------

// Targets met, not met and without data; measures without a target are not
// counted.
struct EffectCounts {
    std::size_t met = 0;
    std::size_t not_met = 0;
    std::size_t no_data = 0;
};
EffectCounts count_outcomes(const PlanEffect& effect);

// Mean percent complete over the measures that are not cancelled (a measure
// without a percent counts as 0); nullopt when there are none.
std::optional<double> plan_percent_complete(const Plan& plan);

// Measures for which is_overdue() holds.
std::size_t count_overdue(const Plan& plan, const CivilDate& today);

// A measure's percent follows its latest progress update (latest_update()),
// and its status with it: not started becomes in progress once the latest
// update is above 0 %, done goes back to in progress when the latest update
// is below 100 %. A cancelled measure, or one without updates, is left as it
// is. (An update at 100 % does not mark the measure done: the owner does.)
void apply_latest_update(Measure& measure);

// True when the measure is neither done nor cancelled and stands at 100 %:
// the plan page then offers to mark it done.
bool can_mark_done(const Measure& measure);
// Marks the measure done (status done, 100 %). Returns false and changes
// nothing unless can_mark_done() holds.
bool mark_done(Measure& measure);

// ---- Numbering --------------------------------------------------------------

// The number a new knowledge topic gets: one above the highest in use, 1 for
// the first (numbers freed by deleting a topic are not reused).
int next_topic_number(const Plan& plan);
// Adds a topic with next_topic_number() and returns its number.
int add_topic(Plan& plan, std::string text);
// Measures are numbered 1..n (validate_plan()): a new one is n + 1.
int next_measure_number(const Plan& plan);

}  // namespace itagap::core
