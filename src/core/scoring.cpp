#include "core/scoring.hpp"

#include <array>
#include <cmath>
#include <map>
#include <utility>

namespace itagap::core {

Interval wilson_interval_95(double p, double n) {
    if (n <= 0) return {0, 100};
    constexpr double z = 1.959963984540054;  // two-sided 95% normal quantile
    const double z2 = z * z;
    const double denominator = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denominator;
    const double half_width = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    double low = std::max(0.0, centre - half_width);
    double high = std::min(1.0, centre + half_width);
    return {low * 100, high * 100};
}

const InstrumentScore* UnitRoundScore::find_instrument(int instrument) const {
    for (const auto& s : instruments) {
        if (s.instrument == instrument) return &s;
    }
    return nullptr;
}

namespace {

// Answers are 0..kMaxOptions (ResponseTable's invariant); the mask keeps a
// corrupt byte inside the array instead of writing past it.
constexpr int kHistogramSize = 32;
static_assert(kMaxOptions < kHistogramSize);
using Histogram = std::array<std::uint32_t, kHistogramSize>;

Histogram count_answers(std::span<const Answer> column) {
    // Four interleaved histograms break the store-to-load dependency when the
    // same option repeats, which it does in survey data. Small enough that
    // setting them up costs nothing next to a unit's few dozen answers.
    std::array<Histogram, 4> partial{};
    std::size_t i = 0;
    const std::size_t n = column.size();
    constexpr Answer kMask = kHistogramSize - 1;
    for (; i + 4 <= n; i += 4) {
        ++partial[0][column[i] & kMask];
        ++partial[1][column[i + 1] & kMask];
        ++partial[2][column[i + 2] & kMask];
        ++partial[3][column[i + 3] & kMask];
    }
    for (; i < n; ++i) ++partial[0][column[i] & kMask];
    Histogram total{};
    for (int k = 0; k < kHistogramSize; ++k) {
        total[k] = partial[0][k] + partial[1][k] + partial[2][k] + partial[3][k];
    }
    return total;
}

ItemScore score_item(const Questionnaire& q, int item_index, std::span<const Answer> column) {
    const Item& item = q.items[item_index];
    const AnswerScale& scale = q.scales[item.scale];
    const int option_count = static_cast<int>(scale.options.size());
    const Histogram histogram = count_answers(column);

    ItemScore out;
    out.item = item_index;
    out.option_counts.assign(histogram.begin() + 1, histogram.begin() + 1 + option_count);
    double score_sum = 0;
    for (int written = 1; written <= option_count; ++written) {
        const std::uint32_t count = histogram[written];
        const AnswerOption& option =
            scale.options[effective_option(written, option_count, item.reverse) - 1];
        out.answers += count;
        if (option.favourable) out.favourable += count;
        score_sum += count * option.score;
    }
    if (out.answers == 0) return out;
    out.score = q.method == ScoringMethod::kFavourableShare ? 100.0 * out.favourable / out.answers
                                                            : score_sum / out.answers;
    out.ci95 = wilson_interval_95(out.score / 100, out.answers);
    return out;
}

// Number of rows with at least one answer in the given columns.
std::uint32_t count_answering(const ResponseTable& table, const std::vector<int>& columns) {
    std::vector<std::uint8_t> answered(table.respondents(), 0);
    for (int column : columns) {
        auto answers = table.answers(column);
        for (std::size_t r = 0; r < answers.size(); ++r) answered[r] |= answers[r];
    }
    std::uint32_t count = 0;
    for (auto a : answered) count += a != 0;
    return count;
}

}  // namespace

InstrumentScore score_instrument(const Questionnaire& q, const ResponseTable& table) {
    const Instrument& instrument = q.instruments[table.instrument()];
    InstrumentScore out;
    out.instrument = table.instrument();
    out.respondents = static_cast<std::uint32_t>(table.respondents());

    std::vector<int> all_columns;
    double indicator_sum = 0;
    for (int indicator_index : instrument.indicators) {
        const Indicator& indicator = q.indicators[indicator_index];
        IndicatorScore is;
        is.indicator = indicator_index;
        std::vector<int> columns;
        double item_sum = 0;
        for (int item_index : indicator.items) {
            const int column = table.column_of_item(item_index);
            columns.push_back(column);
            ItemScore item = score_item(q, item_index, table.answers(column));
            is.answers += item.answers;
            is.favourable += item.favourable;
            if (item.has_data()) {
                ++is.items_scored;
                item_sum += item.score;
            }
            is.items.push_back(std::move(item));
        }
        if (is.has_data()) {
            is.score = item_sum / is.items_scored;
            is.respondents = count_answering(table, columns);
            is.ci95 = wilson_interval_95(is.score / 100, is.respondents);
            ++out.indicators_scored;
            indicator_sum += is.score;
        }
        all_columns.insert(all_columns.end(), columns.begin(), columns.end());
        out.indicators.push_back(std::move(is));
    }
    if (out.has_data()) {
        out.score = indicator_sum / out.indicators_scored;
        out.respondents_answering = count_answering(table, all_columns);
        out.ci95 = wilson_interval_95(out.score / 100, out.respondents_answering);
        out.grade = q.grade_for(out.score);
    }
    return out;
}

void compute_ita_total(const Questionnaire& q, UnitRoundScore& unit) {
    unit.ita_total.reset();
    unit.ita_grade.clear();
    unit.weights_rescaled = false;
    unit.weights.clear();
    unit.missing_instruments.clear();
    double weighted = 0;
    double weight_sum = 0;
    for (const auto& s : unit.instruments) {
        const double weight = q.instruments[s.instrument].weight;
        if (weight <= 0) continue;
        if (!s.has_data()) {
            unit.missing_instruments.push_back(s.instrument);
            unit.weights_rescaled = true;
            continue;
        }
        weighted += s.score * weight;
        weight_sum += weight;
        unit.weights.push_back({s.instrument, weight, 0});
    }
    if (weight_sum <= 0) {
        unit.weights.clear();
        return;
    }
    for (auto& w : unit.weights) w.share = w.weight / weight_sum;
    unit.ita_total = weighted / weight_sum;
    unit.ita_grade = q.grade_for(*unit.ita_total);
}

std::vector<UnitRoundScore> score_all(const Questionnaire& q, const ResponseSet& responses) {
    std::vector<UnitRoundScore> out;
    std::map<std::pair<std::string, std::string>, std::size_t> index;  // (unit, round) -> out
    for (const auto& table : responses.tables) {
        auto key = std::make_pair(table.unit(), table.round());
        auto [it, inserted] = index.emplace(key, out.size());
        if (inserted) {
            UnitRoundScore unit;
            unit.unit = table.unit();
            unit.round = table.round();
            for (std::size_t i = 0; i < q.instruments.size(); ++i) {
                InstrumentScore empty;
                empty.instrument = static_cast<int>(i);
                unit.instruments.push_back(std::move(empty));
            }
            out.push_back(std::move(unit));
        }
        out[it->second].instruments[table.instrument()] = score_instrument(q, table);
    }
    for (auto& unit : out) compute_ita_total(q, unit);
    return out;
}

}  // namespace itagap::core
