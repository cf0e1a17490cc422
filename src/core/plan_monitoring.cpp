#include "core/plan_monitoring.hpp"

#include <algorithm>

#include "core/gaps.hpp"
#include "core/plan_rules.hpp"

namespace itagap::core {

namespace {

bool is_open(const Measure& m) {
    return m.status != MeasureStatus::kDone && m.status != MeasureStatus::kCancelled;
}

const IndicatorScore* find_indicator_score(const UnitRoundScore& round, int instrument,
                                           int indicator) {
    const InstrumentScore* scored = round.find_instrument(instrument);
    if (scored == nullptr) return nullptr;
    for (const auto& s : scored->indicators) {
        if (s.indicator == indicator) return &s;
    }
    return nullptr;
}

std::optional<ObservedScore> item_score(const Questionnaire& q, const UnitRoundScore& round,
                                        const std::string& code) {
    const int item = q.find_item(code);
    if (item < 0) return std::nullopt;
    const int indicator = q.items[static_cast<std::size_t>(item)].indicator;
    if (indicator < 0) return std::nullopt;
    const int instrument = q.indicators[static_cast<std::size_t>(indicator)].instrument;
    const IndicatorScore* parent = find_indicator_score(round, instrument, indicator);
    if (parent == nullptr) return std::nullopt;
    for (const auto& s : parent->items) {
        if (s.item == item && s.has_data()) {
            return ObservedScore{s.score, s.answers, s.favourable, s.answers};
        }
    }
    return std::nullopt;
}

std::optional<ObservedScore> indicator_score(const Questionnaire& q, const UnitRoundScore& round,
                                             int number) {
    const int indicator = q.find_indicator(number);
    if (indicator < 0) return std::nullopt;
    const int instrument = q.indicators[static_cast<std::size_t>(indicator)].instrument;
    const IndicatorScore* s = find_indicator_score(round, instrument, indicator);
    if (s == nullptr || !s->has_data()) return std::nullopt;
    return ObservedScore{s->score, s->answers, s->favourable, s->respondents};
}

std::optional<ObservedScore> instrument_score(const Questionnaire& q, const UnitRoundScore& round,
                                              const std::string& code) {
    const int instrument = q.find_instrument(code);
    if (instrument < 0) return std::nullopt;
    const InstrumentScore* s = round.find_instrument(instrument);
    if (s == nullptr || !s->has_data()) return std::nullopt;
    ObservedScore out{s->score, 0, 0, s->respondents_answering};
    for (const auto& indicator : s->indicators) {
        out.answers += indicator.answers;
        out.favourable += indicator.favourable;
    }
    return out;
}

}  // namespace

std::vector<OverdueMeasure> overdue_measures(std::span<const Plan> plans, const CivilDate& today) {
    std::vector<OverdueMeasure> out;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        for (std::size_t m = 0; m < plans[p].measures.size(); ++m) {
            const Measure& measure = plans[p].measures[m];
            if (is_overdue(measure, today)) {
                out.push_back({{p, m}, days_between(measure.due_on, today)});
            }
        }
    }
    return out;
}

std::vector<QuietMeasure> measures_without_update(std::span<const Plan> plans,
                                                  const CivilDate& today, std::int64_t days) {
    std::vector<QuietMeasure> out;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        for (std::size_t m = 0; m < plans[p].measures.size(); ++m) {
            const Measure& measure = plans[p].measures[m];
            if (!is_open(measure)) continue;
            const std::int64_t since = days_since_last_update(measure, today);
            if (since >= days) out.push_back({{p, m}, since, measure.updates.empty()});
        }
    }
    return out;
}

std::string_view to_string(MeasureClock clock) {
    switch (clock) {
        case MeasureClock::kClosed:
            return "closed";
        case MeasureClock::kWaitingToStart:
            return "waiting_to_start";
        case MeasureClock::kRunning:
            return "running";
    }
    return "running";
}

MeasureProgressState measure_progress_state(const Measure& measure, const CivilDate& today) {
    MeasureProgressState state;
    state.never_updated = latest_update(measure) == nullptr;
    state.ready_to_mark_done = can_mark_done(measure);
    if (!is_open(measure)) {
        state.clock = MeasureClock::kClosed;
        return state;
    }
    if (state.never_updated && today < measure.start_on) {
        state.clock = MeasureClock::kWaitingToStart;
        state.days_to_start = days_between(today, measure.start_on);
        return state;
    }
    state.clock = MeasureClock::kRunning;
    state.days_since_update = std::max<std::int64_t>(0, days_since_last_update(measure, today));
    return state;
}

std::vector<StrategyProgress> progress_by_strategy(std::span<const Plan> plans) {
    std::vector<StrategyProgress> out;
    std::vector<double> sums(kAllStrategies.size(), 0.0);
    out.reserve(kAllStrategies.size());
    for (Strategy s : kAllStrategies) out.push_back({s});
    for (const Plan& plan : plans) {
        for (const Measure& m : plan.measures) {
            const auto k = static_cast<std::size_t>(strategy_index(m.strategy));
            if (m.status == MeasureStatus::kCancelled) {
                ++out[k].cancelled;
                continue;
            }
            ++out[k].measures;
            if (m.status == MeasureStatus::kDone) ++out[k].done;
            sums[k] += m.percent_complete.value_or(0);
        }
    }
    for (std::size_t k = 0; k < out.size(); ++k) {
        if (out[k].measures > 0) {
            out[k].mean_percent_complete = sums[k] / static_cast<double>(out[k].measures);
        }
    }
    return out;
}

std::vector<GapAt> unaddressed_gaps(std::span<const Plan> plans) {
    std::vector<GapAt> out;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        std::vector<bool> addressed(plans[p].gaps.size(), false);
        for (const Measure& m : plans[p].measures) {
            if (m.status == MeasureStatus::kCancelled) continue;
            for (int g : m.gaps) {
                if (g >= 0 && static_cast<std::size_t>(g) < addressed.size()) {
                    addressed[static_cast<std::size_t>(g)] = true;
                }
            }
        }
        for (std::size_t g = 0; g < addressed.size(); ++g) {
            if (!addressed[g]) out.push_back({p, g});
        }
    }
    return out;
}

std::vector<UnitRef> units_without_plan(std::span<const Plan> plans, std::span<const UnitRef> units,
                                        int fiscal_year_be) {
    std::vector<UnitRef> out;
    for (const UnitRef& unit : units) {
        bool has_plan = false;
        for (const Plan& plan : plans) {
            if (plan.fiscal_year_be == fiscal_year_be && same_unit(plan.unit, unit)) {
                has_plan = true;
                break;
            }
        }
        if (!has_plan) out.push_back(unit);
    }
    return out;
}

std::optional<ObservedScore> find_score(const Questionnaire& q, const UnitRoundScore& round,
                                        const ScoreRef& ref) {
    switch (ref.level) {
        case ScoreLevel::kItem:
            return item_score(q, round, ref.code);
        case ScoreLevel::kIndicator:
            return indicator_score(q, round, ref.indicator);
        case ScoreLevel::kInstrument:
            return instrument_score(q, round, ref.code);
    }
    return std::nullopt;
}

std::string_view to_string(TargetOutcome outcome) {
    switch (outcome) {
        case TargetOutcome::kMet:
            return "met";
        case TargetOutcome::kNotMet:
            return "not_met";
        case TargetOutcome::kNoData:
            return "no_data";
        case TargetOutcome::kNoTarget:
            return "no_target";
    }
    return "no_target";
}

PlanEffect evaluate_effect(const Plan& plan, const Questionnaire& q, const UnitRoundScore& next) {
    PlanEffect effect;
    effect.round = next.round;
    for (std::size_t m = 0; m < plan.measures.size(); ++m) {
        MeasureEffect& e = effect.measures.emplace_back();
        e.measure = m;
        const auto& target = plan.measures[m].target;
        if (!target) continue;  // kNoTarget
        e.observed = find_score(q, next, target->ref);
        if (!e.observed) {
            e.outcome = TargetOutcome::kNoData;
            continue;
        }
        e.margin_points = e.observed->score - target->min_score;
        e.outcome =
            *e.margin_points >= -kScoreTieTolerance ? TargetOutcome::kMet : TargetOutcome::kNotMet;
    }
    for (std::size_t g = 0; g < plan.gaps.size(); ++g) {
        GapEffect& e = effect.gaps.emplace_back();
        e.gap = g;
        e.before = plan.gaps[g].score;
        e.after = find_score(q, next, plan.gaps[g].ref);
        if (e.after) e.change_points = e.after->score - e.before;
    }
    return effect;
}

}  // namespace itagap::core
