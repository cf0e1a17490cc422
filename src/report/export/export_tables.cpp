#include "report/export/export_tables.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "text/catalogue.hpp"

namespace itagap::report::export_detail {

namespace {

// ---------------------------------------------------------------------------
// Every heading and fixed word of the exports, by catalogue key. Widths are in Excel
// character units, wide enough for the Thai heading or a typical value.

// A key of the catalogue's "export" texts (data/messages/*.po).
struct Text {
    std::string_view key;
};

struct Column {
    Text heading;
    double width;
};

struct ScoreColumn {
    enum : std::size_t {
        kUnit,
        kRound,
        kLevel,
        kInstrument,
        kIndicator,
        kItem,
        kName,
        kReverse,
        kScore,
        kLow,
        kHigh,
        kFavourable,
        kAnswers,
        kRespondents,
        kGrade,
        kCount
    };
};

constexpr std::array<Column, ScoreColumn::kCount> kScoreColumns{{
    {{"col_unit"}, 24},
    {{"col_round"}, 14},
    {{"col_level"}, 12},
    {{"col_instrument"}, 10},
    {{"col_indicator"}, 9},
    {{"col_item"}, 8},
    {{"col_name"}, 60},
    {{"col_reverse"}, 14},
    {{"col_score"}, 9},
    {{"col_ci_low"}, 12},
    {{"col_ci_high"}, 12},
    {{"col_favourable"}, 12},
    {{"col_answers"}, 9},
    {{"col_respondents"}, 9},
    {{"col_grade"}, 10},
}};

struct GapColumn {
    enum : std::size_t {
        kFinding,
        kInstrument,
        kIndicator,
        kItem,
        kName,
        kScore,
        kTarget,
        kFavourable,
        kAnswers,
        kFlagged,
        kEstimate,
        kCount
    };
};

constexpr std::array<Column, GapColumn::kCount> kGapColumns{{
    {{"col_finding"}, 30},
    {{"col_instrument"}, 10},
    {{"col_indicator"}, 9},
    {{"col_item"}, 8},
    {{"col_name"}, 60},
    {{"col_score"}, 9},
    {{"col_target"}, 10},
    {{"col_favourable"}, 12},
    {{"col_answers"}, 9},
    {{"col_flagged"}, 16},
    {{"col_estimate"}, 18},
}};

struct AnswerColumn {
    enum : std::size_t { kInstrument, kRow, kFirstItem };
};

constexpr std::array<Column, AnswerColumn::kFirstItem> kAnswerColumns{{
    {{"col_instrument"}, 10},
    {{"col_row"}, 8},
}};
constexpr double kAnswerItemWidth = 6;

constexpr Text kLevelInstrument{"level_instrument"};
constexpr Text kLevelIndicator{"level_indicator"};
constexpr Text kLevelItem{"level_item"};
constexpr Text kLevelTotal{"level_total"};
constexpr Text kYes{"yes"};
constexpr Text kNo{"no"};

constexpr Text kFindingLowestIndicator{"finding_lowest_indicator"};
constexpr Text kFindingLowestItem{"finding_lowest_item"};
constexpr Text kFindingIndicatorBelowTarget{"finding_indicator_below_target"};
constexpr Text kFindingItemBelowTarget{"finding_item_below_target"};
constexpr Text kFindingMisread{"finding_misread"};

constexpr Text kScoresSheet{"sheet_scores"};
constexpr Text kGapsSheet{"sheet_gaps"};
constexpr Text kAnswersSheet{"sheet_answers"};
constexpr Text kWorkbookTitle{"workbook_title"};

// ---------------------------------------------------------------------------

std::string in(const Text& text, Language language) {
    return std::string(text::phrase(language, "export", text.key));
}

template <std::size_t N>
ExportTable table_with(const std::array<Column, N>& columns, Language language) {
    ExportTable t;
    for (const Column& c : columns) {
        t.headings.push_back(in(c.heading, language));
        t.widths.push_back(c.width);
    }
    return t;
}

Cell count(std::uint64_t value) { return CountCell{value}; }

const core::IndicatorScore* find_indicator_score(const core::Questionnaire& q,
                                                 const core::UnitRoundScore& score, int indicator) {
    const core::InstrumentScore* s = score.find_instrument(q.indicators[indicator].instrument);
    if (s == nullptr) return nullptr;
    for (const auto& ind : s->indicators) {
        if (ind.indicator == indicator) return &ind;
    }
    return nullptr;
}

const core::ItemScore* find_item_score(const core::Questionnaire& q,
                                       const core::UnitRoundScore& score, int item) {
    const core::IndicatorScore* ind = find_indicator_score(q, score, q.items[item].indicator);
    if (ind == nullptr) return nullptr;
    for (const auto& it : ind->items) {
        if (it.item == item) return &it;
    }
    return nullptr;
}

class ScoreRows {
public:
    ScoreRows(const core::Questionnaire& q, const core::UnitRoundScore& score, Language language)
        : q_(q), score_(score), language_(language) {}

    void add_instrument(ExportTable& t, const core::InstrumentScore& s) const {
        const core::Instrument& instrument = q_.instruments[s.instrument];
        auto r = row(kLevelInstrument, s.instrument);
        r[ScoreColumn::kName] = pick(instrument.name, language_);
        if (s.has_data()) {
            put_score(r, s.score, s.ci95);
            r[ScoreColumn::kGrade] = s.grade;
        }
        // The instrument's counts are the sums over its indicators, as the
        // indicator's are over its items.
        std::uint64_t favourable = 0;
        std::uint64_t answers = 0;
        bool part_withheld = s.withheld;
        for (const auto& ind : s.indicators) {
            favourable += ind.favourable;
            answers += ind.answers;
            part_withheld = part_withheld || ind.withheld;
        }
        if (!part_withheld) {
            r[ScoreColumn::kFavourable] = count(favourable);
            r[ScoreColumn::kAnswers] = count(answers);
        }
        r[ScoreColumn::kRespondents] = count(s.respondents);
        t.rows.push_back(std::move(r));
        for (const auto& ind : s.indicators) add_indicator(t, s.instrument, ind);
    }

    void add_total(ExportTable& t) const {
        auto r = row(kLevelTotal, -1);
        if (score_.ita_total) {
            r[ScoreColumn::kScore] = ScoreCell{*score_.ita_total};
            r[ScoreColumn::kGrade] = score_.ita_grade;
        }
        t.rows.push_back(std::move(r));
    }

private:
    void add_indicator(ExportTable& t, int instrument, const core::IndicatorScore& s) const {
        const core::Indicator& indicator = q_.indicators[s.indicator];
        auto r = row(kLevelIndicator, instrument);
        r[ScoreColumn::kIndicator] = count(static_cast<std::uint64_t>(indicator.number));
        r[ScoreColumn::kName] = pick(indicator.name, language_);
        if (s.has_data()) put_score(r, s.score, s.ci95);
        if (!s.withheld) {  // withheld (core/publication.hpp): empty cells
            r[ScoreColumn::kFavourable] = count(s.favourable);
            r[ScoreColumn::kAnswers] = count(s.answers);
        }
        r[ScoreColumn::kRespondents] = count(s.respondents);
        t.rows.push_back(std::move(r));
        for (const auto& it : s.items) add_item(t, instrument, indicator.number, it);
    }

    void add_item(ExportTable& t, int instrument, int indicator_number,
                  const core::ItemScore& s) const {
        const core::Item& item = q_.items[s.item];
        auto r = row(kLevelItem, instrument);
        r[ScoreColumn::kIndicator] = count(static_cast<std::uint64_t>(indicator_number));
        r[ScoreColumn::kItem] = item.code;
        r[ScoreColumn::kName] = pick(item.text, language_);
        r[ScoreColumn::kReverse] = in(item.reverse ? kYes : kNo, language_);
        if (s.has_data()) put_score(r, s.score, s.ci95);
        if (!s.withheld) {
            r[ScoreColumn::kFavourable] = count(s.favourable);
            r[ScoreColumn::kAnswers] = count(s.answers);
        }
        t.rows.push_back(std::move(r));
    }

    // `instrument` is -1 for the ITA total.
    std::vector<Cell> row(const Text& level, int instrument) const {
        std::vector<Cell> r(ScoreColumn::kCount);
        r[ScoreColumn::kUnit] = score_.unit;
        r[ScoreColumn::kRound] = score_.round;
        r[ScoreColumn::kLevel] = in(level, language_);
        if (instrument >= 0) r[ScoreColumn::kInstrument] = q_.instruments[instrument].code;
        return r;
    }

    static void put_score(std::vector<Cell>& r, double score, const core::Interval& ci95) {
        r[ScoreColumn::kScore] = ScoreCell{score};
        r[ScoreColumn::kLow] = ScoreCell{ci95.low};
        r[ScoreColumn::kHigh] = ScoreCell{ci95.high};
    }

    const core::Questionnaire& q_;
    const core::UnitRoundScore& score_;
    Language language_;
};

class GapRows {
public:
    GapRows(const core::Questionnaire& q, const core::UnitRoundScore& score, double target,
            Language language)
        : q_(q), score_(score), target_(target), language_(language) {}

    void add_indicator(ExportTable& t, const Text& finding, int indicator, bool with_target) const {
        const core::Indicator& ind = q_.indicators[indicator];
        auto r = row(finding, ind.instrument, with_target);
        r[GapColumn::kIndicator] = count(static_cast<std::uint64_t>(ind.number));
        r[GapColumn::kName] = pick(ind.name, language_);
        if (const core::IndicatorScore* s = find_indicator_score(q_, score_, indicator)) {
            if (s->has_data()) r[GapColumn::kScore] = ScoreCell{s->score};
            r[GapColumn::kFavourable] = count(s->favourable);
            r[GapColumn::kAnswers] = count(s->answers);
        }
        t.rows.push_back(std::move(r));
    }

    void add_item(ExportTable& t, const Text& finding, int item, bool with_target) const {
        t.rows.push_back(item_row(finding, item, with_target));
    }

    void add_misread(ExportTable& t, const core::MisreadSignal& signal) const {
        auto r = item_row(kFindingMisread, signal.item, false);
        r[GapColumn::kScore] = ScoreCell{signal.score};
        r[GapColumn::kAnswers] = count(signal.answers);
        r[GapColumn::kFlagged] = count(signal.flagged);
        r[GapColumn::kEstimate] = ScoreCell{signal.estimated_score};
        t.rows.push_back(std::move(r));
    }

private:
    std::vector<Cell> item_row(const Text& finding, int item, bool with_target) const {
        const core::Item& it = q_.items[item];
        const core::Indicator& ind = q_.indicators[it.indicator];
        auto r = row(finding, ind.instrument, with_target);
        r[GapColumn::kIndicator] = count(static_cast<std::uint64_t>(ind.number));
        r[GapColumn::kItem] = it.code;
        r[GapColumn::kName] = pick(it.text, language_);
        if (const core::ItemScore* s = find_item_score(q_, score_, item)) {
            if (s->has_data()) r[GapColumn::kScore] = ScoreCell{s->score};
            r[GapColumn::kFavourable] = count(s->favourable);
            r[GapColumn::kAnswers] = count(s->answers);
        }
        return r;
    }

    std::vector<Cell> row(const Text& finding, int instrument, bool with_target) const {
        std::vector<Cell> r(GapColumn::kCount);
        r[GapColumn::kFinding] = in(finding, language_);
        r[GapColumn::kInstrument] = q_.instruments[instrument].code;
        if (with_target) r[GapColumn::kTarget] = ScoreCell{target_};
        return r;
    }

    const core::Questionnaire& q_;
    const core::UnitRoundScore& score_;
    double target_;
    Language language_;
};

}  // namespace

WorkbookNames workbook_names(const core::UnitRoundScore& score, Language language) {
    return {in(kScoresSheet, language), in(kGapsSheet, language), in(kAnswersSheet, language),
            fmt::format(fmt::runtime(in(kWorkbookTitle, language)), fmt::arg("unit", score.unit),
                        fmt::arg("round", score.round))};
}

ExportTable score_table(const core::Questionnaire& q, const core::UnitRoundScore& score,
                        Language language) {
    ExportTable t = table_with(kScoreColumns, language);
    const ScoreRows rows(q, score, language);
    for (const auto& s : score.instruments) rows.add_instrument(t, s);
    rows.add_total(t);
    return t;
}

ExportTable gap_table(const core::Questionnaire& q, const core::UnitRoundScore& score,
                      const core::UnitRoundGaps& gaps, Language language) {
    ExportTable t = table_with(kGapColumns, language);
    const GapRows rows(q, score, gaps.target, language);
    for (const auto& g : gaps.instruments) {
        for (int i : g.lowest_indicators) rows.add_indicator(t, kFindingLowestIndicator, i, false);
        for (int i : g.lowest_items) rows.add_item(t, kFindingLowestItem, i, false);
        for (int i : g.indicators_below_target) {
            rows.add_indicator(t, kFindingIndicatorBelowTarget, i, true);
        }
        for (int i : g.items_below_target) rows.add_item(t, kFindingItemBelowTarget, i, true);
        // As in the narrative: a reverse-scored item nobody matched is no finding.
        for (const auto& signal : g.misread) {
            if (signal.flagged > 0) rows.add_misread(t, signal);
        }
    }
    return t;
}

ExportTable answer_table(const core::Questionnaire& q, const core::ResponseSet& responses,
                         Language language) {
    ExportTable t = table_with(kAnswerColumns, language);
    // Items in the order of the score table, whatever the order of q.items.
    constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);
    std::vector<std::size_t> column_of_item(q.items.size(), kNoColumn);
    for (const auto& instrument : q.instruments) {
        for (int ind : instrument.indicators) {
            for (int item : q.indicators[ind].items) {
                column_of_item[item] = t.headings.size();
                t.headings.push_back(q.items[item].code);
                t.widths.push_back(kAnswerItemWidth);
            }
        }
    }
    for (const auto& table : responses.tables) {
        const std::string& code = q.instruments[table.instrument()].code;
        const auto& items = table.item_of_column();
        for (std::size_t r = 0; r < table.respondents(); ++r) {
            std::vector<Cell> row(t.headings.size());
            row[AnswerColumn::kInstrument] = code;
            row[AnswerColumn::kRow] = count(r + 1);
            for (std::size_t c = 0; c < items.size(); ++c) {
                const core::Answer a = table.answers(static_cast<int>(c))[r];
                const std::size_t column = column_of_item[items[c]];
                if (a != core::kNotAnswered && column != kNoColumn) row[column] = count(a);
            }
            t.rows.push_back(std::move(row));
        }
    }
    return t;
}

}  // namespace itagap::report::export_detail
