#include "core/publication.hpp"

#include <cstdint>

namespace itagap::core {

namespace {

void withhold(ItemScore& s) {
    s.answers = 0;
    s.favourable = 0;
    s.score = 0;
    s.ci95 = {};
    s.withheld = true;
}

void withhold(IndicatorScore& s) {
    s.answers = 0;
    s.favourable = 0;
    s.items_scored = 0;
    s.score = 0;
    s.ci95 = {};
    s.withheld = true;
    for (auto& item : s.items) {
        if (item.has_data()) withhold(item);
    }
}

void withhold(InstrumentScore& s) {
    s.indicators_scored = 0;
    s.score = 0;
    s.ci95 = {};
    s.grade.clear();
    s.withheld = true;
    for (auto& ind : s.indicators) {
        if (ind.has_data()) withhold(ind);
    }
}

// An indicator's score is the mean of its scored items: with one item
// withheld and the others shown, the withheld one could be worked out. So
// one withheld item withholds its scored siblings too, and when it was the
// only scored item the indicator's figure is that item's and goes as well.
void publishable_indicator(IndicatorScore& s, std::uint32_t minimum) {
    if (!s.has_data()) return;
    if (s.respondents < minimum) return withhold(s);
    bool any_withheld = false;
    for (auto& item : s.items) {
        if (item.has_data() && item.answers < minimum) {
            withhold(item);
            any_withheld = true;
        }
    }
    if (!any_withheld) return;
    if (s.items_scored <= 1) return withhold(s);
    for (auto& item : s.items) {
        if (item.has_data()) withhold(item);
    }
}

// The same reasoning one level up: an instrument is the mean of its scored
// indicators.
void publishable_instrument(InstrumentScore& s, std::uint32_t minimum) {
    if (!s.has_data()) return;
    if (s.respondents_answering < minimum) return withhold(s);
    bool any_withheld = false;
    for (auto& ind : s.indicators) {
        const bool had_data = ind.has_data();
        publishable_indicator(ind, minimum);
        any_withheld = any_withheld || (had_data && ind.withheld);
    }
    if (!any_withheld) return;
    if (s.indicators_scored <= 1) return withhold(s);
    for (auto& ind : s.indicators) {
        if (ind.has_data()) withhold(ind);
    }
}

}  // namespace

UnitRoundScore publishable_score(const Questionnaire& q, const UnitRoundScore& score) {
    const auto minimum = static_cast<std::uint32_t>(
        q.min_respondents_published < 1 ? 1 : q.min_respondents_published);
    UnitRoundScore out = score;
    bool weighted_withheld = false;
    for (auto& s : out.instruments) {
        for (auto& ind : s.indicators) {
            for (auto& item : ind.items) item.option_counts.clear();
        }
        const bool had_data = s.has_data();
        publishable_instrument(s, minimum);
        if (had_data && s.withheld && q.instruments[s.instrument].weight > 0)
            weighted_withheld = true;
    }
    if (weighted_withheld && out.ita_total) {
        out.ita_total.reset();
        out.ita_grade.clear();
        out.ita_total_withheld = true;
    }
    return out;
}

UnitRoundGaps publishable_gaps(const Questionnaire& q, const UnitRoundScore& publishable_current,
                               const UnitRoundScore* publishable_previous, double target) {
    // No response tables: the misread signal counts respondents, so it stays out.
    return analyse_gaps(q, publishable_current, publishable_previous, {}, target);
}

}  // namespace itagap::core
