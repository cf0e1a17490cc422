#include "core/plan_rules.hpp"

#include <algorithm>

namespace itagap::core {

std::string gap_key(const ScoreRef& ref) {
    if (ref.level == ScoreLevel::kIndicator) return "indicator:" + std::to_string(ref.indicator);
    return std::string(to_string(ref.level)) + ":" + ref.code;
}

std::vector<GapCandidate> gap_candidates(const Questionnaire& q, const UnitRoundScore& score,
                                         const UnitRoundGaps& gaps, const std::string& round_name) {
    std::vector<GapCandidate> out;
    std::set<std::string> taken;
    const auto add = [&](const ScoreRef& ref, const std::string& instrument, bool suggested) {
        std::string key = gap_key(ref);
        if (taken.count(key)) return;
        const auto observed = find_score(q, score, ref);
        if (!observed) return;
        taken.insert(key);
        GapRef gap;
        gap.ref = ref;
        gap.instrument = instrument;
        gap.score = observed->score;
        gap.answers = observed->answers;
        gap.favourable = observed->favourable;
        gap.respondents = observed->respondents;
        gap.round = round_name;
        out.push_back({std::move(key), std::move(gap), suggested});
    };
    const auto item = [&](int i) { return ScoreRef{ScoreLevel::kItem, q.items[i].code, 0}; };
    const auto indicator = [&](int i) {
        return ScoreRef{ScoreLevel::kIndicator, "", q.indicators[i].number};
    };
    for (const auto& ig : gaps.instruments) {
        const std::string& instrument = q.instruments[ig.instrument].code;
        for (int i : ig.lowest_items_in_lowest_indicators) add(item(i), instrument, true);
        for (int i : ig.items_below_target) add(item(i), instrument, true);
    }
    for (const auto& ig : gaps.instruments) {
        const std::string& instrument = q.instruments[ig.instrument].code;
        for (int i : ig.lowest_indicators) add(indicator(i), instrument, false);
        for (int i : ig.indicators_below_target) add(indicator(i), instrument, false);
    }
    return out;
}

std::set<std::string> suggested_keys(const std::vector<GapCandidate>& candidates) {
    std::set<std::string> out;
    for (const auto& c : candidates) {
        if (c.suggested) out.insert(c.key);
    }
    return out;
}

GapChoice choose_gaps(const std::vector<GapCandidate>& candidates,
                      const std::optional<std::set<std::string>>& chosen) {
    const std::set<std::string> keys = chosen ? *chosen : suggested_keys(candidates);
    for (const auto& key : keys) {
        const bool known = std::any_of(candidates.begin(), candidates.end(),
                                       [&](const auto& c) { return c.key == key; });
        if (!known) return {GapChoiceProblem::kUnknownKey, {}};
    }
    if (chosen && keys.empty()) return {GapChoiceProblem::kNothingChosen, {}};
    GapChoice out;
    for (const auto& c : candidates) {
        if (keys.count(c.key)) out.gaps.push_back(c.gap);
    }
    return out;
}

std::vector<std::size_t> effect_rounds(std::span<const RoundFacts> rounds,
                                       std::int64_t source_round_id) {
    std::vector<std::size_t> out;
    const auto source = std::find_if(rounds.begin(), rounds.end(),
                                     [&](const auto& r) { return r.id == source_round_id; });
    if (source == rounds.end()) return out;
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        const auto& r = rounds[i];
        if (r.questionnaire_id == source->questionnaire_id && r.opens_on > source->opens_on &&
            r.closed)
            out.push_back(i);
    }
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return rounds[a].opens_on > rounds[b].opens_on;
    });
    return out;
}

EffectCounts count_outcomes(const PlanEffect& effect) {
    EffectCounts counts;
    for (const auto& m : effect.measures) {
        switch (m.outcome) {
            case TargetOutcome::kMet:
                ++counts.met;
                break;
            case TargetOutcome::kNotMet:
                ++counts.not_met;
                break;
            case TargetOutcome::kNoData:
                ++counts.no_data;
                break;
            case TargetOutcome::kNoTarget:
                break;
        }
    }
    return counts;
}

std::optional<double> plan_percent_complete(const Plan& plan) {
    double sum = 0;
    int n = 0;
    for (const auto& m : plan.measures) {
        if (m.status == MeasureStatus::kCancelled) continue;
        sum += m.percent_complete.value_or(0);
        ++n;
    }
    if (n == 0) return std::nullopt;
    return sum / n;
}

std::size_t count_overdue(const Plan& plan, const CivilDate& today) {
    return static_cast<std::size_t>(
        std::count_if(plan.measures.begin(), plan.measures.end(),
                      [&](const Measure& m) { return is_overdue(m, today); }));
}

void apply_latest_update(Measure& measure) {
    const auto* latest = latest_update(measure);
    if (!latest || measure.status == MeasureStatus::kCancelled) return;
    measure.percent_complete = latest->percent_complete;
    if (measure.status == MeasureStatus::kNotStarted && latest->percent_complete > 0)
        measure.status = MeasureStatus::kInProgress;
    if (measure.status == MeasureStatus::kDone && latest->percent_complete < 100)
        measure.status = MeasureStatus::kInProgress;
}

bool can_mark_done(const Measure& measure) {
    return measure.status != MeasureStatus::kDone && measure.status != MeasureStatus::kCancelled &&
           measure.percent_complete == 100;
}

bool mark_done(Measure& measure) {
    if (!can_mark_done(measure)) return false;
    measure.status = MeasureStatus::kDone;
    measure.percent_complete = 100;
    return true;
}

int next_topic_number(const Plan& plan) {
    int next = 1;
    for (const auto& t : plan.topics) next = std::max(next, t.number + 1);
    return next;
}

int add_topic(Plan& plan, std::string text) {
    const int number = next_topic_number(plan);
    plan.topics.push_back({number, std::move(text)});
    return number;
}

int next_measure_number(const Plan& plan) { return static_cast<int>(plan.measures.size()) + 1; }

}  // namespace itagap::core
