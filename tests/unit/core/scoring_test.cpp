// Scoring figures computed by hand from each test's own answers.
#include "core/scoring.hpp"

#include <gtest/gtest.h>

#include "questionnaire_builder.hpp"

namespace itagap::core {
namespace {

using testing::make_table;
using testing::QuestionnaireBuilder;

constexpr double kEps = 1e-9;

// IIT: indicator 1 = a1, a2 (reverse); indicator 2 = b1. EIT: indicator 6 = e1.
Questionnaire two_instruments(ScoringMethod method = ScoringMethod::kFavourableShare) {
    return QuestionnaireBuilder(method)
        .instrument("IIT", 30)
        .indicator(1)
        .item("a1")
        .item("a2", true)
        .indicator(2)
        .item("b1")
        .instrument("EIT", 30)
        .indicator(6)
        .item("e1")
        .instrument("OIT", 40)
        .indicator(9)
        .build();
}

TEST(WilsonIntervalTest, MatchesTheFormulaForTheSeedsItem12) {
    // p = 9/11, n = 11, z = 1.96: centre (p + z²/2n)/(1 + z²/n) ± ...
    Interval ci = wilson_interval_95(9.0 / 11.0, 11);
    EXPECT_NEAR(ci.low, 52.3019438039156, 1e-9);
    EXPECT_NEAR(ci.high, 94.86323102539149, 1e-9);
}

TEST(WilsonIntervalTest, StaysInsideZeroToHundred) {
    Interval all = wilson_interval_95(1.0, 15);
    EXPECT_NEAR(all.low, 79.61166989641515, 1e-9);
    EXPECT_DOUBLE_EQ(all.high, 100);
    Interval none = wilson_interval_95(0.0, 4);
    EXPECT_DOUBLE_EQ(none.low, 0);
    EXPECT_NEAR(none.high, 48.98908364545973, 1e-9);
    Interval empty = wilson_interval_95(0.5, 0);
    EXPECT_DOUBLE_EQ(empty.low, 0);
    EXPECT_DOUBLE_EQ(empty.high, 100);
}

TEST(ScoringTest, FavourableShareCountsTheUpperHalfAndSkipsEmptyAnswers) {
    Questionnaire q = two_instruments();
    // a1 answers: 4, 5, 6, 1 and one empty -> 3 favourable of 4 valid = 75.
    ResponseTable t = make_table(q, "IIT", {{4, 1, 6}, {5, 1, 6}, {6, 1, 6}, {1, 1, 6}, {0, 1, 6}});
    InstrumentScore s = score_instrument(q, t);
    const ItemScore& a1 = s.indicators[0].items[0];
    EXPECT_EQ(a1.answers, 4u);
    EXPECT_EQ(a1.favourable, 3u);
    EXPECT_NEAR(a1.score, 75.0, kEps);
    EXPECT_EQ(a1.option_counts, (std::vector<std::uint32_t>{1, 0, 0, 1, 1, 1}));
    EXPECT_NEAR(a1.ci95.low, 30.064184258240186, 1e-9);
    EXPECT_NEAR(a1.ci95.high, 95.44127391902994, 1e-9);
}

TEST(ScoringTest, ReverseItemMirrorsTheScale) {
    Questionnaire q = two_instruments();
    // a2 is reverse: written 1, 2 count as 6, 5 (favourable); written 6 counts
    // as 1 (unfavourable); written 4 counts as 3 (unfavourable) -> 2 of 4 = 50.
    ResponseTable t = make_table(q, "IIT", {{6, 1, 6}, {6, 2, 6}, {6, 6, 6}, {6, 4, 6}});
    InstrumentScore s = score_instrument(q, t);
    const ItemScore& a2 = s.indicators[0].items[1];
    EXPECT_EQ(a2.favourable, 2u);
    EXPECT_NEAR(a2.score, 50.0, kEps);
    // option_counts stay as written, before reversal.
    EXPECT_EQ(a2.option_counts, (std::vector<std::uint32_t>{1, 1, 0, 1, 0, 1}));
}

TEST(ScoringTest, MeanScoreAveragesOptionScoresWithReversal) {
    Questionnaire q = two_instruments(ScoringMethod::kMeanScore);
    // a1: 1, 6, 4 -> (0 + 100 + 60) / 3 = 53.333...
    // a2 (reverse): 1, 6, 4 -> effective 6, 1, 3 -> (100 + 0 + 40) / 3 = 46.666...
    ResponseTable t = make_table(q, "IIT", {{1, 1, 2}, {6, 6, 2}, {4, 4, 2}});
    InstrumentScore s = score_instrument(q, t);
    EXPECT_NEAR(s.indicators[0].items[0].score, 160.0 / 3, kEps);
    EXPECT_NEAR(s.indicators[0].items[1].score, 140.0 / 3, kEps);
    // Indicator 1 = mean of the two items = 50; indicator 2 = b1 = 20.
    EXPECT_NEAR(s.indicators[0].score, 50.0, kEps);
    EXPECT_NEAR(s.indicators[1].score, 20.0, kEps);
    EXPECT_NEAR(s.score, 35.0, kEps);
    EXPECT_EQ(s.grade, "F");
}

TEST(ScoringTest, IndicatorIsTheMeanOfItemScoresNotOfPooledAnswers) {
    Questionnaire q = two_instruments();
    // a1: 2 of 2 favourable (100); a2 (reverse): 1 of 4 favourable (25).
    // Mean of items = 62.5; pooled would be 3/6 = 50.
    ResponseTable t = make_table(q, "IIT", {{5, 1, 5}, {5, 6, 5}, {0, 6, 5}, {0, 6, 5}});
    InstrumentScore s = score_instrument(q, t);
    const IndicatorScore& ind = s.indicators[0];
    EXPECT_NEAR(ind.score, 62.5, kEps);
    EXPECT_EQ(ind.answers, 6u);
    EXPECT_EQ(ind.favourable, 3u);
    EXPECT_EQ(ind.respondents, 4u);
    EXPECT_EQ(ind.items_scored, 2u);
    // Instrument = mean(62.5, 100) = 81.25, grade B.
    EXPECT_NEAR(s.score, 81.25, kEps);
    EXPECT_EQ(s.grade, "B");
    Interval ci = wilson_interval_95(0.625, 4);
    EXPECT_DOUBLE_EQ(ind.ci95.low, ci.low);
}

TEST(ScoringTest, ItemsAndIndicatorsWithoutAnswersAreLeftOut) {
    Questionnaire q = two_instruments();
    // Nobody answered a2 nor b1: indicator 1 = a1 only, indicator 2 has no data,
    // the instrument is indicator 1 alone. One respondent answered nothing.
    ResponseTable t = make_table(q, "IIT", {{4, 0, 0}, {1, 0, 0}, {0, 0, 0}});
    InstrumentScore s = score_instrument(q, t);
    EXPECT_FALSE(s.indicators[0].items[1].has_data());
    EXPECT_TRUE(s.indicators[0].has_data());
    EXPECT_NEAR(s.indicators[0].score, 50.0, kEps);
    EXPECT_FALSE(s.indicators[1].has_data());
    EXPECT_EQ(s.indicators_scored, 1u);
    EXPECT_NEAR(s.score, 50.0, kEps);
    EXPECT_EQ(s.respondents, 3u);
    EXPECT_EQ(s.respondents_answering, 2u);
}

TEST(ScoringTest, ItaTotalIsWeightedAndRescaledWhenOitIsMissing) {
    Questionnaire q = two_instruments();
    ResponseSet set;
    // IIT: a1 4/4, a2 (rev) 4/4, b1 2/4 -> indicators 100 and 50 -> 75.
    set.tables.push_back(make_table(q, "IIT", {{4, 1, 4}, {4, 1, 4}, {4, 1, 1}, {4, 1, 1}}));
    // EIT: e1 4 of 4 favourable -> 100.
    set.tables.push_back(make_table(q, "EIT", {{6}, {6}, {5}, {4}}));
    auto scores = score_all(q, set);
    ASSERT_EQ(scores.size(), 1u);
    const UnitRoundScore& u = scores[0];
    ASSERT_TRUE(u.ita_total.has_value());
    // (75 x 30 + 100 x 30) / 60 = 87.5; OIT (40) has no data.
    EXPECT_NEAR(*u.ita_total, 87.5, kEps);
    EXPECT_EQ(u.ita_grade, "A");
    EXPECT_TRUE(u.weights_rescaled);
    EXPECT_EQ(u.missing_instruments, std::vector<int>{2});
    ASSERT_EQ(u.weights.size(), 2u);
    EXPECT_NEAR(u.weights[0].share, 0.5, kEps);
}

TEST(ScoringTest, OneInstrumentAloneGivesItsOwnScoreAsTotal) {
    Questionnaire q = two_instruments();
    ResponseSet set;
    set.tables.push_back(make_table(q, "EIT", {{6}, {1}, {5}}, "u", "r"));
    auto scores = score_all(q, set);
    ASSERT_EQ(scores.size(), 1u);
    EXPECT_FALSE(scores[0].instruments[0].has_data());
    EXPECT_NEAR(*scores[0].ita_total, 200.0 / 3, kEps);
    EXPECT_EQ(scores[0].missing_instruments, (std::vector<int>{0, 2}));
}

TEST(ScoringTest, TotalWithAllWeightedInstrumentsIsNotRescaled) {
    Questionnaire q = QuestionnaireBuilder()
                          .instrument("IIT", 30)
                          .indicator(1)
                          .item("a1")
                          .instrument("EIT", 70)
                          .indicator(6)
                          .item("e1")
                          .build();
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{4}, {1}}));  // 50
    set.tables.push_back(make_table(q, "EIT", {{4}, {4}}));  // 100
    auto scores = score_all(q, set);
    EXPECT_NEAR(*scores[0].ita_total, 50 * 0.3 + 100 * 0.7, kEps);
    EXPECT_FALSE(scores[0].weights_rescaled);
}

TEST(ScoringTest, UnitsAndRoundsKeepTheOrderOfFirstAppearance) {
    Questionnaire q = two_instruments();
    ResponseSet set;
    set.tables.push_back(make_table(q, "EIT", {{6}}, "B", "r1"));
    set.tables.push_back(make_table(q, "EIT", {{6}}, "A", "r1"));
    set.tables.push_back(make_table(q, "IIT", {{6, 1, 6}}, "B", "r1"));
    auto scores = score_all(q, set);
    ASSERT_EQ(scores.size(), 2u);
    EXPECT_EQ(scores[0].unit, "B");
    EXPECT_TRUE(scores[0].instruments[0].has_data());
    EXPECT_TRUE(scores[0].instruments[1].has_data());
    EXPECT_EQ(scores[1].unit, "A");
}

TEST(GradeTest, BoundariesUseFullPrecision) {
    Questionnaire q = two_instruments();
    EXPECT_EQ(q.grade_for(100), "AA");
    EXPECT_EQ(q.grade_for(95), "AA");
    EXPECT_EQ(q.grade_for(94.999999), "A");
    EXPECT_EQ(q.grade_for(85), "A");
    EXPECT_EQ(q.grade_for(84.995), "B");  // shown as 85.00, still below 85
    EXPECT_EQ(q.grade_for(75), "B");
    EXPECT_EQ(q.grade_for(65), "C");
    EXPECT_EQ(q.grade_for(55), "D");
    EXPECT_EQ(q.grade_for(50), "E");
    EXPECT_EQ(q.grade_for(49.99), "F");
    EXPECT_EQ(q.grade_for(0), "F");
}

}  // namespace
}  // namespace itagap::core
