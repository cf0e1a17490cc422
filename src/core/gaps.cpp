#include "core/gaps.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace itagap::core {

namespace {

bool same_score(double a, double b) { return std::fabs(a - b) <= kScoreTieTolerance; }

// Indices of the extreme entries (ties included). `get` returns nullopt for
// entries without data.
template <typename Range, typename Get>
std::vector<int> extremes(const Range& range, Get get, bool highest) {
    std::vector<int> out;
    double best = 0;
    for (const auto& entry : range) {
        std::optional<std::pair<int, double>> v = get(entry);
        if (!v) continue;
        const auto [index, score] = *v;
        const bool better =
            highest ? score > best + kScoreTieTolerance : score < best - kScoreTieTolerance;
        if (out.empty() || better) {
            out.assign(1, index);
            best = score;
        } else if (same_score(score, best)) {
            out.push_back(index);
        }
    }
    return out;
}

std::optional<std::pair<int, double>> indicator_value(const IndicatorScore& s) {
    if (!s.has_data()) return std::nullopt;
    return std::make_pair(s.indicator, s.score);
}

std::optional<std::pair<int, double>> item_value(const ItemScore& s) {
    if (!s.has_data()) return std::nullopt;
    return std::make_pair(s.item, s.score);
}

int lowest_score_option(const AnswerScale& scale) {
    int lowest = 0;
    for (int k = 1; k < static_cast<int>(scale.options.size()); ++k) {
        if (scale.options[k].score < scale.options[lowest].score) lowest = k;
    }
    return lowest + 1;  // 1-based
}

bool is_favourable(const Questionnaire& q, const Item& item, Answer written) {
    const auto& options = q.scales[item.scale].options;
    const int n = static_cast<int>(options.size());
    return options[effective_option(written, n, item.reverse) - 1].favourable;
}

// The item's score computed from option counts, with `moved` answers taken
// from effective option `from` and counted as effective option `to`.
double rescore(const Questionnaire& q, const Item& item, const ItemScore& s, int from, int to,
               std::uint32_t moved) {
    const auto& options = q.scales[item.scale].options;
    const int n = static_cast<int>(options.size());
    std::vector<double> counts(n + 1, 0);  // by effective option
    for (int written = 1; written <= n; ++written) {
        counts[effective_option(written, n, item.reverse)] += s.option_counts[written - 1];
    }
    counts[from] -= moved;
    counts[to] += moved;
    double favourable = 0, score_sum = 0, total = 0;
    for (int k = 1; k <= n; ++k) {
        total += counts[k];
        if (options[k - 1].favourable) favourable += counts[k];
        score_sum += counts[k] * options[k - 1].score;
    }
    if (total <= 0) return 0;
    return q.method == ScoringMethod::kFavourableShare ? 100 * favourable / total
                                                       : score_sum / total;
}

const ItemScore* find_item_score(const InstrumentScore& score, int item) {
    for (const auto& ind : score.indicators) {
        for (const auto& it : ind.items) {
            if (it.item == item) return &it;
        }
    }
    return nullptr;
}

}  // namespace

std::vector<MisreadSignal> detect_misread(const Questionnaire& q, const ResponseTable& table,
                                          const InstrumentScore& score) {
    std::vector<MisreadSignal> out;
    for (int column = 0; column < static_cast<int>(table.item_of_column().size()); ++column) {
        const int item_index = table.item_of_column()[column];
        const Item& item = q.items[item_index];
        if (!item.reverse) continue;
        const ItemScore* item_score = find_item_score(score, item_index);
        if (item_score == nullptr || !item_score->has_data()) continue;

        const int n = static_cast<int>(q.scales[item.scale].options.size());
        const int worst = lowest_score_option(q.scales[item.scale]);  // effective
        const Answer worst_written = static_cast<Answer>(effective_option(worst, n, item.reverse));

        std::vector<int> other_columns;
        for (int other : q.indicators[item.indicator].items) {
            if (other != item_index) other_columns.push_back(table.column_of_item(other));
        }
        auto answers = table.answers(column);
        MisreadSignal signal;
        signal.item = item_index;
        signal.answers = item_score->answers;
        signal.score = item_score->score;
        for (std::size_t r = 0; r < answers.size(); ++r) {
            if (answers[r] != worst_written) continue;
            bool answered_other = false;
            bool all_favourable = true;
            for (int oc : other_columns) {
                const Answer a = table.answers(oc)[r];
                if (a == kNotAnswered) continue;
                answered_other = true;
                if (!is_favourable(q, q.items[table.item_of_column()[oc]], a)) {
                    all_favourable = false;
                    break;
                }
            }
            if (answered_other && all_favourable) ++signal.flagged;
        }
        // Counted without reversal, the written option `worst_written` is
        // effective option `worst_written` itself.
        signal.estimated_score =
            rescore(q, item, *item_score, worst, worst_written, signal.flagged);
        out.push_back(signal);
    }
    return out;
}

namespace {

InstrumentGaps instrument_gaps(const InstrumentScore& s, double target) {
    InstrumentGaps g;
    g.instrument = s.instrument;
    g.highest_indicators = extremes(s.indicators, indicator_value, true);
    g.lowest_indicators = extremes(s.indicators, indicator_value, false);

    std::vector<ItemScore> all_items;
    for (const auto& ind : s.indicators) {
        if (ind.has_data() && ind.score < target)
            g.indicators_below_target.push_back(ind.indicator);
        for (const auto& it : ind.items) {
            all_items.push_back(it);
            if (it.has_data() && it.score < target) g.items_below_target.push_back(it.item);
        }
    }
    g.lowest_items = extremes(all_items, item_value, false);
    for (int lowest : g.lowest_indicators) {
        for (const auto& ind : s.indicators) {
            if (ind.indicator != lowest) continue;
            for (int item : extremes(ind.items, item_value, false)) {
                g.lowest_items_in_lowest_indicators.push_back(item);
            }
        }
    }
    return g;
}

void compare(const UnitRoundScore& current, const UnitRoundScore& previous,
             std::vector<ScoreChange>& out) {
    if (current.ita_total && previous.ita_total) {
        out.push_back({ChangeLevel::kTotal, -1, *previous.ita_total, *current.ita_total});
    }
    for (const auto& now : current.instruments) {
        const InstrumentScore* before = previous.find_instrument(now.instrument);
        if (!before || !now.has_data() || !before->has_data()) continue;
        out.push_back({ChangeLevel::kInstrument, now.instrument, before->score, now.score});
        for (std::size_t i = 0; i < now.indicators.size() && i < before->indicators.size(); ++i) {
            const auto& a = now.indicators[i];
            const auto& b = before->indicators[i];
            if (a.has_data() && b.has_data()) {
                out.push_back({ChangeLevel::kIndicator, a.indicator, b.score, a.score});
            }
            for (std::size_t j = 0; j < a.items.size() && j < b.items.size(); ++j) {
                if (a.items[j].has_data() && b.items[j].has_data()) {
                    out.push_back(
                        {ChangeLevel::kItem, a.items[j].item, b.items[j].score, a.items[j].score});
                }
            }
        }
    }
}

}  // namespace

UnitRoundGaps analyse_gaps(const Questionnaire& q, const UnitRoundScore& current,
                           const UnitRoundScore* previous,
                           const std::vector<const ResponseTable*>& tables, double target) {
    UnitRoundGaps out;
    out.unit = current.unit;
    out.round = current.round;
    out.target = target;
    for (const auto& s : current.instruments) {
        if (!s.has_data()) continue;
        InstrumentGaps g = instrument_gaps(s, target);
        if (s.score < target) out.instrument_below_target = true;
        for (const ResponseTable* table : tables) {
            if (table->instrument() == s.instrument) g.misread = detect_misread(q, *table, s);
        }
        out.instruments.push_back(std::move(g));
    }
    if (previous) {
        out.previous_round = previous->round;
        compare(current, *previous, out.changes);
    }
    return out;
}

std::vector<UnitRoundGaps> analyse_all(const Questionnaire& q, const ResponseSet& responses,
                                       const std::vector<UnitRoundScore>& scores, double target) {
    std::map<std::pair<std::string, std::string>, std::vector<const ResponseTable*>> tables;
    for (const auto& t : responses.tables) tables[{t.unit(), t.round()}].push_back(&t);

    std::map<std::string, const UnitRoundScore*> last_of_unit;
    std::vector<UnitRoundGaps> out;
    out.reserve(scores.size());
    for (const auto& s : scores) {
        auto prev = last_of_unit.find(s.unit);
        const UnitRoundScore* previous = prev == last_of_unit.end() ? nullptr : prev->second;
        out.push_back(analyse_gaps(q, s, previous, tables[{s.unit, s.round}], target));
        last_of_unit[s.unit] = &s;
    }
    return out;
}

}  // namespace itagap::core
