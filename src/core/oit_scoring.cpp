#include "core/oit_scoring.hpp"

#include <cstddef>

namespace itagap::core {

double score_oit_item(const OitItem& item, const OitItemVerdict& verdict) {
    if (!verdict.judged) return 0;
    if (item.scoring == OitItemScoring::kPresence || item.elements.empty()) {
        return verdict.passed ? 100 : 0;
    }
    std::size_t passed = 0;
    for (std::size_t k = 0; k < item.elements.size() && k < verdict.elements_passed.size(); ++k) {
        if (verdict.elements_passed[k]) ++passed;
    }
    return 100.0 * static_cast<double>(passed) / static_cast<double>(item.elements.size());
}

OitScore score_oit(const Questionnaire& q, const std::vector<OitItemVerdict>& verdicts) {
    OitScore out;
    out.instrument = q.find_instrument("OIT");
    if (out.instrument < 0 || q.oit_items.empty()) return out;
    const Instrument& instrument = q.instruments[static_cast<std::size_t>(out.instrument)];
    double indicator_sum = 0;
    for (int indicator : instrument.indicators) {
        OitIndicatorScore is;
        is.indicator = indicator;
        double item_sum = 0;
        for (std::size_t k = 0; k < q.oit_items.size(); ++k) {
            const OitItem& item = q.oit_items[k];
            if (item.indicator != indicator) continue;
            static const OitItemVerdict kNotJudged;
            const OitItemVerdict& verdict = k < verdicts.size() ? verdicts[k] : kNotJudged;
            OitItemScore score{static_cast<int>(k), verdict.judged, score_oit_item(item, verdict)};
            ++is.items;
            if (score.judged) ++is.items_judged;
            item_sum += score.score;
            is.item_scores.push_back(score);
        }
        if (is.items == 0) continue;
        is.score = item_sum / is.items;
        out.items += is.items;
        out.items_judged += is.items_judged;
        indicator_sum += is.score;
        out.indicators.push_back(std::move(is));
    }
    if (!out.indicators.empty()) {
        out.score = indicator_sum / static_cast<double>(out.indicators.size());
    }
    return out;
}

void add_oit_to_total(const Questionnaire& q, const OitScore& oit, UnitRoundScore& unit) {
    if (!oit.has_data() || oit.instrument < 0) return;
    const auto at = static_cast<std::size_t>(oit.instrument);
    if (unit.instruments.size() < q.instruments.size()) {
        for (std::size_t i = unit.instruments.size(); i < q.instruments.size(); ++i) {
            InstrumentScore empty;
            empty.instrument = static_cast<int>(i);
            unit.instruments.push_back(std::move(empty));
        }
    }
    InstrumentScore& s = unit.instruments[at];
    s = InstrumentScore{};
    s.instrument = oit.instrument;
    s.indicators_scored = static_cast<std::uint32_t>(oit.indicators.size());
    s.score = oit.score;
    // Not a sample: every item is checked, so the "interval" is the figure.
    s.ci95 = {oit.score, oit.score};
    s.grade = q.grade_for(oit.score);
    for (const OitIndicatorScore& from : oit.indicators) {
        IndicatorScore is;
        is.indicator = from.indicator;
        is.items_scored = static_cast<std::uint32_t>(from.items);
        is.score = from.score;
        is.ci95 = {from.score, from.score};
        s.indicators.push_back(std::move(is));
    }
    compute_ita_total(q, unit);
}

Rating rate(const Questionnaire& q, const UnitRoundScore& unit) {
    Rating out;
    if (q.rating_levels.empty() || !unit.ita_total || !unit.missing_instruments.empty()) {
        out.incomplete = true;
        return out;
    }
    const double total = *unit.ita_total;
    for (std::size_t k = 0; k < q.rating_levels.size(); ++k) {
        const RatingLevel& level = q.rating_levels[k];
        if (total < level.min_total) continue;
        bool instruments_hold = true;
        for (const InstrumentMinimum& minimum : level.instrument_minimums) {
            const InstrumentScore* s = unit.find_instrument(minimum.instrument);
            if (s == nullptr || !s->has_data() || s->score < minimum.min_score) {
                instruments_hold = false;
            }
        }
        if (instruments_hold) {
            out.level = static_cast<int>(k);
            return out;
        }
        out.held_back_by_instrument.push_back(static_cast<int>(k));
    }
    return out;
}

}  // namespace itagap::core
