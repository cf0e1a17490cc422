#include "report/narrative.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <cmath>

#include "core/number_format.hpp"

namespace itagap::report {

namespace {

using core::format_score;

std::string sentence(const Messages& m, std::string text) {
    text += m.sentence_end;
    return text;
}

std::string join_sentences(const std::vector<std::string>& sentences) {
    std::string out;
    for (const auto& s : sentences) {
        if (s.empty()) continue;
        if (!out.empty()) out += ' ';
        out += s;
    }
    return out;
}

class Narrator {
public:
    Narrator(const core::Questionnaire& q, const core::UnitRoundScore& score,
             const core::UnitRoundGaps& gaps, Language language)
        : q_(q), score_(score), gaps_(gaps), m_(messages(language)), language_(language) {}

    std::vector<std::string> paragraphs() {
        std::vector<std::string> out;
        for (const auto& g : gaps_.instruments) {
            const core::InstrumentScore* s = score_.find_instrument(g.instrument);
            out.push_back(instrument_paragraph(*s, g));
            for (const auto& signal : g.misread) {
                if (signal.flagged > 0) out.push_back(misread_sentence(signal));
            }
        }
        out.push_back(total_paragraph());
        out.push_back(change_paragraph());
        return out;
    }

private:
    const core::IndicatorScore* find_indicator(const core::InstrumentScore& s, int index) const {
        for (const auto& ind : s.indicators) {
            if (ind.indicator == index) return &ind;
        }
        return nullptr;
    }

    const core::ItemScore* find_item(const core::InstrumentScore& s, int index) const {
        for (const auto& ind : s.indicators) {
            for (const auto& it : ind.items) {
                if (it.item == index) return &it;
            }
        }
        return nullptr;
    }

    std::string indicator_ref(const core::InstrumentScore& s, int index) const {
        const core::Indicator& ind = q_.indicators[index];
        return fmt::format(fmt::runtime(m_.indicator_ref), fmt::arg("number", ind.number),
                           fmt::arg("name", pick(ind.name, language_)),
                           fmt::arg("score", format_score(find_indicator(s, index)->score)));
    }

    std::string item_ref(const core::ItemScore& it) const {
        const core::Item& item = q_.items[it.item];
        const auto& tpl = q_.method == core::ScoringMethod::kFavourableShare ? m_.item_ref_share
                                                                             : m_.item_ref_mean;
        return fmt::format(fmt::runtime(tpl), fmt::arg("code", item.code),
                           fmt::arg("text", pick(item.text, language_)),
                           fmt::arg("favourable", it.favourable), fmt::arg("answers", it.answers));
    }

    std::string indicator_list(const core::InstrumentScore& s, const std::vector<int>& idx) const {
        std::vector<std::string> parts;
        for (int i : idx) parts.push_back(indicator_ref(s, i));
        return join_list(parts, m_);
    }

    std::string instrument_paragraph(const core::InstrumentScore& s,
                                     const core::InstrumentGaps& g) {
        const core::Instrument& instrument = q_.instruments[s.instrument];
        std::vector<std::string> sentences;
        std::string heading = fmt::format(
            fmt::runtime(m_.instrument_heading), fmt::arg("instrument", instrument.code),
            fmt::arg("round", score_.round), fmt::arg("unit", score_.unit));
        std::string total = fmt::format(
            fmt::runtime(m_.instrument_score), fmt::arg("score", format_score(s.score)),
            fmt::arg("grade", s.grade), fmt::arg("respondents", s.respondents),
            fmt::arg("low", format_score(s.ci95.low)), fmt::arg("high", format_score(s.ci95.high)));
        sentences.push_back(sentence(m_, heading + " " + total));

        const bool all_equal = g.highest_indicators == g.lowest_indicators;
        if (all_equal) {
            sentences.push_back(sentence(
                m_, fmt::format(
                        fmt::runtime(m_.all_indicators_equal),
                        fmt::arg("score",
                                 format_score(find_indicator(s, g.lowest_indicators[0])->score)))));
        } else {
            sentences.push_back(sentence(
                m_, fmt::format(fmt::runtime(m_.highest_lowest),
                                fmt::arg("highest", indicator_list(s, g.highest_indicators)),
                                fmt::arg("lowest", indicator_list(s, g.lowest_indicators)))));
        }
        // The lowest items within the lowest indicator(s), as the seed does.
        if (!g.lowest_items_in_lowest_indicators.empty()) {
            std::vector<std::string> refs;
            for (int i : g.lowest_items_in_lowest_indicators)
                refs.push_back(item_ref(*find_item(s, i)));
            const double low = find_item(s, g.lowest_items_in_lowest_indicators[0])->score;
            if (refs.size() == 1) {
                sentences.push_back(sentence(m_, fmt::format(fmt::runtime(m_.lowest_item),
                                                             fmt::arg("score", format_score(low)),
                                                             fmt::arg("items", refs[0]))));
            } else {
                sentences.push_back(
                    sentence(m_, fmt::format(fmt::runtime(m_.lowest_items_tied),
                                             fmt::arg("score", format_score(low)),
                                             fmt::arg("count", refs.size()),
                                             fmt::arg("items", join_list(refs, m_)))));
            }
        }
        sentences.push_back(below_target_sentences(s, g));
        return join_sentences(sentences);
    }

    std::string below_target_sentences(const core::InstrumentScore& s,
                                       const core::InstrumentGaps& g) {
        const std::string target = format_score(gaps_.target);
        if (g.indicators_below_target.empty() && g.items_below_target.empty()) {
            return sentence(
                m_, fmt::format(fmt::runtime(m_.below_target_none), fmt::arg("target", target)));
        }
        std::vector<std::string> out;
        if (!g.indicators_below_target.empty()) {
            out.push_back(sentence(
                m_,
                fmt::format(fmt::runtime(m_.below_target_indicators), fmt::arg("target", target),
                            fmt::arg("list", indicator_list(s, g.indicators_below_target)))));
        }
        if (!g.items_below_target.empty()) {
            std::vector<std::string> parts;
            for (int i : g.items_below_target) {
                parts.push_back(fmt::format(
                    fmt::runtime(m_.item_score_short), fmt::arg("code", q_.items[i].code),
                    fmt::arg("score", format_score(find_item(s, i)->score))));
            }
            out.push_back(sentence(
                m_, fmt::format(fmt::runtime(m_.below_target_items), fmt::arg("target", target),
                                fmt::arg("list", join_list(parts, m_)))));
        }
        return join_sentences(out);
    }

    std::string misread_sentence(const core::MisreadSignal& signal) const {
        const core::Item& item = q_.items[signal.item];
        const core::AnswerScale& scale = q_.scales[item.scale];
        // The option they chose, as written: the most unfavourable after reversal.
        int worst = 0;
        for (int k = 1; k < static_cast<int>(scale.options.size()); ++k) {
            if (scale.options[k].score < scale.options[worst].score) worst = k;
        }
        const int n = static_cast<int>(scale.options.size());
        const int written = core::effective_option(worst + 1, n, item.reverse);
        return sentence(
            m_,
            fmt::format(fmt::runtime(m_.misread), fmt::arg("code", item.code),
                        fmt::arg("flagged", signal.flagged), fmt::arg("answers", signal.answers),
                        fmt::arg("worst", pick(scale.options[written - 1].label, language_)),
                        fmt::arg("estimate", format_score(signal.estimated_score))));
    }

    std::string verdict(double score) const {
        const auto& tpl = score >= q_.pass_mark ? m_.passed : m_.not_passed;
        return fmt::format(fmt::runtime(tpl), fmt::arg("pass_mark", format_score(q_.pass_mark)));
    }

    std::string total_paragraph() const {
        std::vector<std::string> sentences;
        std::vector<std::string> missing;
        for (int i : score_.missing_instruments) missing.push_back(q_.instruments[i].code);
        if (!score_.ita_total) {
            return join_sentences(
                {sentence(m_, fmt::format(fmt::runtime(m_.missing_instrument),
                                          fmt::arg("instrument", join_list(missing, m_))))});
        }
        if (score_.weights_rescaled) {
            std::vector<std::string> present;
            for (const auto& w : score_.weights)
                present.push_back(q_.instruments[w.instrument].code);
            sentences.push_back(
                sentence(m_, fmt::format(fmt::runtime(m_.total_rescaled),
                                         fmt::arg("score", format_score(*score_.ita_total)),
                                         fmt::arg("grade", score_.ita_grade),
                                         fmt::arg("verdict", verdict(*score_.ita_total)),
                                         fmt::arg("present", join_list(present, m_)),
                                         fmt::arg("missing", join_list(missing, m_)))));
        } else {
            sentences.push_back(
                sentence(m_, fmt::format(fmt::runtime(m_.total),
                                         fmt::arg("score", format_score(*score_.ita_total)),
                                         fmt::arg("grade", score_.ita_grade),
                                         fmt::arg("verdict", verdict(*score_.ita_total)))));
        }
        return join_sentences(sentences);
    }

    std::string change_sentence(const core::ScoreChange& c, const std::string& what) const {
        const double rounded = core::round_half_up_2(c.delta());
        const auto& direction = rounded > 0   ? m_.increased
                                : rounded < 0 ? m_.decreased
                                              : m_.unchanged;
        return sentence(m_, fmt::format(fmt::runtime(m_.change),
                                        fmt::arg("previous_round", *gaps_.previous_round),
                                        fmt::arg("what", what), fmt::arg("direction", direction),
                                        fmt::arg("delta", format_score(std::fabs(c.delta()))),
                                        fmt::arg("before", format_score(c.previous)),
                                        fmt::arg("after", format_score(c.current))));
    }

    std::string change_paragraph() const {
        if (!gaps_.previous_round) return sentence(m_, std::string(m_.no_previous_round));
        std::vector<std::string> sentences;
        for (const auto& c : gaps_.changes) {
            if (c.level == core::ChangeLevel::kTotal) {
                sentences.push_back(change_sentence(c, std::string(m_.ita_total_word)));
            } else if (c.level == core::ChangeLevel::kInstrument) {
                sentences.push_back(change_sentence(c, q_.instruments[c.index].code));
            }
        }
        return join_sentences(sentences);
    }

    const core::Questionnaire& q_;
    const core::UnitRoundScore& score_;
    const core::UnitRoundGaps& gaps_;
    const Messages& m_;
    Language language_;
};

}  // namespace

std::vector<std::string> narrate(const core::Questionnaire& q, const core::UnitRoundScore& score,
                                 const core::UnitRoundGaps& gaps, Language language) {
    return Narrator(q, score, gaps, language).paragraphs();
}

namespace {

// 4000 as "4,000", as Thai documents write counts.
std::string count_text(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

}  // namespace

std::string sample_paragraph(const core::Questionnaire& q,
                             const std::vector<core::SampleProgress>& progress, Language language) {
    const Messages& m = messages(language);
    auto t = [language](std::string_view key) { return text::phrase(language, "narrative", key); };
    std::vector<std::string> sentences;
    for (const auto& p : progress) {
        const std::string_view population_word =
            t(p.population_kind == core::SamplePopulation::kStaff ? "sample_staff"
                                                                  : "sample_clients");
        const std::string_view pattern =
            !p.minimum ? t("sample_not_set")
                       : (p.reached() ? t("sample_reached") : t("sample_not_reached"));
        sentences.push_back(sentence(
            m,
            fmt::format(
                fmt::runtime(pattern),
                fmt::arg("instrument", q.instruments[static_cast<std::size_t>(p.instrument)].code),
                fmt::arg("responses", count_text(p.responses)),
                fmt::arg("minimum", p.minimum ? count_text(*p.minimum) : std::string()),
                fmt::arg("population", p.population ? count_text(*p.population) : std::string()),
                fmt::arg("population_word", population_word))));
    }
    return join_sentences(sentences);
}

}  // namespace itagap::report
