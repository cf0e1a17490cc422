// Monitoring improvement plans, for executives: across plans, what is late,
// what has gone quiet, how far each PIRAB strategy has got, which gaps no
// measure addresses, which units have no plan; and, once the unit's next round
// closes, the plan's effect: each measure's target against the new scores and
// each gap before and after.
//
// Pure: the caller passes the plans, the scores and `today`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/plans.hpp"
#include "core/questionnaire.hpp"
#include "core/scoring.hpp"
#include "core/thai_date.hpp"

namespace itagap::core {

// A measure of one of the plans passed in: plans[plan].measures[measure].
struct MeasureAt {
    std::size_t plan = 0;
    std::size_t measure = 0;

    friend bool operator==(const MeasureAt&, const MeasureAt&) = default;
};

struct OverdueMeasure {
    MeasureAt at;
    std::int64_t days_overdue = 0;  // today - due_on, 1 or more
};

// Measures for which is_overdue() holds, in plan then measure order.
std::vector<OverdueMeasure> overdue_measures(std::span<const Plan> plans, const CivilDate& today);

struct QuietMeasure {
    MeasureAt at;
    std::int64_t days_since_update = 0;  // see days_since_last_update()
    bool never_updated = false;          // counted from start_on
};

// Open measures (not done, not cancelled) with no progress update for at least
// `days` days, in plan then measure order. A measure that has not started by
// its start date is counted from that date.
std::vector<QuietMeasure> measures_without_update(std::span<const Plan> plans,
                                                  const CivilDate& today, std::int64_t days);

// Where a measure stands for the plan page's "days since progress" line.
enum class MeasureClock {
    kClosed,          // done or cancelled: nothing to count
    kWaitingToStart,  // no update yet and its start date is still to come
    kRunning,         // open: counted from the latest update, or from start_on
};

std::string_view to_string(MeasureClock clock);  // "closed", "waiting_to_start", "running"

struct MeasureProgressState {
    MeasureClock clock = MeasureClock::kRunning;
    // kRunning: days since the latest update (or since start_on when there is
    // none), never negative (an update dated after today counts as today).
    std::int64_t days_since_update = 0;
    // kWaitingToStart: days until start_on, 1 or more.
    std::int64_t days_to_start = 0;
    bool never_updated = false;
    // Open and at 100 %: the owner may mark it done (core::can_mark_done).
    bool ready_to_mark_done = false;
};

MeasureProgressState measure_progress_state(const Measure& measure, const CivilDate& today);

struct StrategyProgress {
    Strategy strategy = Strategy::kPartnership;
    std::size_t measures = 0;  // not cancelled; these enter the mean
    std::size_t done = 0;
    std::size_t cancelled = 0;  // listed, left out of the mean
    // Mean of percent_complete over `measures`; meaningless when measures == 0.
    double mean_percent_complete = 0;

    bool has_data() const { return measures > 0; }
};

// One entry per strategy, in P I R A B order, whether used or not.
std::vector<StrategyProgress> progress_by_strategy(std::span<const Plan> plans);

struct GapAt {
    std::size_t plan = 0;
    std::size_t gap = 0;  // index into Plan::gaps

    friend bool operator==(const GapAt&, const GapAt&) = default;
};

// Gaps that no measure addresses; a cancelled measure addresses nothing.
std::vector<GapAt> unaddressed_gaps(std::span<const Plan> plans);

// The units of `units` with no plan for `fiscal_year_be` among `plans`
// (matched with same_unit()), in the order given.
std::vector<UnitRef> units_without_plan(std::span<const Plan> plans, std::span<const UnitRef> units,
                                        int fiscal_year_be);

// ---- Effect: the next round against the plan ---------------------------------

// A figure of a UnitRoundScore with the counts behind it.
struct ObservedScore {
    double score = 0;  // 0..100, full precision
    std::uint32_t answers = 0;
    std::uint32_t favourable = 0;
    std::uint32_t respondents = 0;  // for an item: its valid answers
};

// The figure `ref` names, or nullopt when the questionnaire has no such item,
// indicator or instrument, or the round has no answers for it.
std::optional<ObservedScore> find_score(const Questionnaire& q, const UnitRoundScore& round,
                                        const ScoreRef& ref);

enum class TargetOutcome { kMet, kNotMet, kNoData, kNoTarget };

std::string_view to_string(TargetOutcome outcome);  // "met", "not_met", "no_data", "no_target"

struct MeasureEffect {
    std::size_t measure = 0;  // index into Plan::measures
    TargetOutcome outcome = TargetOutcome::kNoTarget;
    std::optional<ObservedScore> observed;  // present when outcome is met / not met
    // Points between the new score and the target (negative = short of it).
    std::optional<double> margin_points;
};

struct GapEffect {
    std::size_t gap = 0;  // index into Plan::gaps
    double before = 0;    // GapRef::score
    std::optional<ObservedScore> after;
    std::optional<double> change_points;  // after - before
};

struct PlanEffect {
    std::string round;                    // the round the new scores come from
    std::vector<MeasureEffect> measures;  // one per measure, in plan order
    std::vector<GapEffect> gaps;          // one per gap, in plan order
};

// A target is met when the new score, at full precision, is at least
// min_score (within kScoreTieTolerance, so that 90 computed as a mean of items
// is not "not met" by a last-bit difference): 89.995 is not met although it
// shows as 90.00.
PlanEffect evaluate_effect(const Plan& plan, const Questionnaire& q, const UnitRoundScore& next);

}  // namespace itagap::core
