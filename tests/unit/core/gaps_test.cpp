// Gap analysis on small hand-made data sets.
#include "core/gaps.hpp"

#include <gtest/gtest.h>

#include "questionnaire_builder.hpp"

namespace itagap::core {
namespace {

using testing::make_table;
using testing::QuestionnaireBuilder;

constexpr double kEps = 1e-9;

// Indicator 1: a1, a2, a3 (reverse). Indicator 2: b1. Indicator 3: c1.
Questionnaire iit() {
    return QuestionnaireBuilder()
        .instrument("IIT", 30)
        .indicator(1)
        .item("a1")
        .item("a2")
        .item("a3", true)
        .indicator(2)
        .item("b1")
        .indicator(3)
        .item("c1")
        .build();
}

UnitRoundGaps gaps_of(const Questionnaire& q, const ResponseSet& set, double target = 85) {
    auto scores = score_all(q, set);
    return analyse_all(q, set, scores, target).back();
}

TEST(GapsTest, HighestAndLowestIndicatorsAndItems) {
    Questionnaire q = iit();
    ResponseSet set;
    // a1 4/4 = 100, a2 3/4 = 75, a3 (rev; 1 = favourable) 4/4 = 100 -> ind 1 = 91.67
    // b1 2/4 = 50 -> ind 2 = 50;  c1 4/4 = 100 -> ind 3 = 100
    set.tables.push_back(
        make_table(q, "IIT", {{6, 6, 1, 6, 6}, {6, 6, 1, 6, 6}, {6, 6, 1, 1, 6}, {6, 1, 1, 1, 6}}));
    UnitRoundGaps g = gaps_of(q, set);
    ASSERT_EQ(g.instruments.size(), 1u);
    const InstrumentGaps& ig = g.instruments[0];
    EXPECT_EQ(ig.highest_indicators, std::vector<int>{2});  // index of indicator 3
    EXPECT_EQ(ig.lowest_indicators, std::vector<int>{1});   // index of indicator 2
    EXPECT_EQ(ig.lowest_items, std::vector<int>{3});        // b1
    EXPECT_EQ(ig.lowest_items_in_lowest_indicators, std::vector<int>{3});
    EXPECT_EQ(ig.indicators_below_target, std::vector<int>{1});
    EXPECT_EQ(ig.items_below_target, (std::vector<int>{1, 3}));  // a2 75, b1 50
    EXPECT_TRUE(g.instrument_below_target);                      // (91.67 + 50 + 100) / 3 = 80.56
    EXPECT_FALSE(g.previous_round.has_value());
    EXPECT_TRUE(g.changes.empty());
}

TEST(GapsTest, TiesListEveryTiedIndicatorAndItem) {
    Questionnaire q = iit();
    ResponseSet set;
    // a1 1/2 = 50, a2 1/2 = 50, a3 (rev) 2/2 = 100 -> ind 1 = 66.67
    // b1 1/2 = 50 -> 50;  c1 1/2 = 50 -> 50. Lowest indicators: 2 and 3 (tie);
    // lowest items: a1, a2, b1, c1; highest: indicator 1.
    set.tables.push_back(make_table(q, "IIT", {{6, 6, 1, 6, 6}, {1, 1, 1, 1, 1}}));
    const InstrumentGaps ig = gaps_of(q, set).instruments[0];
    EXPECT_EQ(ig.highest_indicators, std::vector<int>{0});
    EXPECT_EQ(ig.lowest_indicators, (std::vector<int>{1, 2}));
    EXPECT_EQ(ig.lowest_items, (std::vector<int>{0, 1, 3, 4}));
    EXPECT_EQ(ig.lowest_items_in_lowest_indicators, (std::vector<int>{3, 4}));
}

TEST(GapsTest, MeansThatDifferOnlyInTheLastBitsAreATie) {
    Questionnaire q = QuestionnaireBuilder()
                          .instrument("EIT", 30)
                          .indicator(6)
                          .item("x1")
                          .item("x2")
                          .item("x3")
                          .indicator(7)
                          .item("y1")
                          .build();
    ResponseSet set;
    // Indicator 6: 1/3, 1/3, 3/3 favourable -> (33.33 + 33.33 + 100) / 3 = 55.56;
    // indicator 7: 5/9 favourable = 55.56 computed another way.
    set.tables.push_back(make_table(q, "EIT",
                                    {{6, 6, 6, 6},
                                     {1, 1, 6, 6},
                                     {1, 1, 6, 6},
                                     {0, 0, 0, 6},
                                     {0, 0, 0, 6},
                                     {0, 0, 0, 1},
                                     {0, 0, 0, 1},
                                     {0, 0, 0, 1},
                                     {0, 0, 0, 1}}));
    const InstrumentGaps ig = gaps_of(q, set).instruments[0];
    EXPECT_EQ(ig.lowest_indicators, (std::vector<int>{0, 1}));
    EXPECT_EQ(ig.highest_indicators, (std::vector<int>{0, 1}));
}

TEST(GapsTest, MisreadSignalCountsFavourableRespondentsWhoChoseTheWorstOption) {
    Questionnaire q = iit();
    ResponseSet set;
    // a3 is reverse; written 6 is its most unfavourable answer.
    set.tables.push_back(
        make_table(q, "IIT",
                   {
                       {6, 5, 6, 6, 6},  // flagged: a1, a2 favourable
                       {4, 6, 6, 6, 6},  // flagged
                       {6, 2, 6, 6, 6},  // not flagged: a2 unfavourable
                       {0, 0, 6, 6, 6},  // not flagged: nothing else answered in indicator 1
                       {6, 6, 5, 6, 6},  // not flagged: 5 is unfavourable but not the worst
                       {6, 6, 1, 6, 6},  // answered a3 favourably
                   }));
    UnitRoundGaps g = gaps_of(q, set);
    ASSERT_EQ(g.instruments[0].misread.size(), 1u);
    const MisreadSignal& m = g.instruments[0].misread[0];
    EXPECT_EQ(m.item, 2);
    EXPECT_EQ(m.flagged, 2u);
    EXPECT_EQ(m.answers, 6u);
    EXPECT_NEAR(m.score, 100.0 / 6, kEps);            // 1 favourable of 6
    EXPECT_NEAR(m.estimated_score, 300.0 / 6, kEps);  // 3 of 6 had the two meant it
}

TEST(GapsTest, MisreadEstimateUnderMeanScoreMovesTheAnswerToItsMirror) {
    Questionnaire q = QuestionnaireBuilder(ScoringMethod::kMeanScore)
                          .instrument("IIT", 30)
                          .indicator(1)
                          .item("a1")
                          .item("r", true)
                          .build();
    ResponseSet set;
    // r (reverse): written 6 -> 0 points, written 2 -> 80 points.
    // Respondent 1 is flagged (a1 favourable); estimate counts its 6 as 100.
    set.tables.push_back(make_table(q, "IIT", {{5, 6}, {2, 6}, {5, 2}}));
    UnitRoundGaps g = gaps_of(q, set);
    const MisreadSignal& m = g.instruments[0].misread[0];
    EXPECT_EQ(m.flagged, 1u);
    EXPECT_NEAR(m.score, 80.0 / 3, kEps);
    EXPECT_NEAR(m.estimated_score, 180.0 / 3, kEps);
}

TEST(GapsTest, ChangesFromThePreviousRoundOfTheSameUnit) {
    Questionnaire q =
        QuestionnaireBuilder().instrument("IIT", 30).indicator(1).item("a1").item("a2").build();
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{6, 6}, {1, 6}}, "A", "r1"));  // a1 50, a2 100
    set.tables.push_back(make_table(q, "IIT", {{6, 6}}, "B", "r1"));
    set.tables.push_back(make_table(q, "IIT", {{6, 6}, {6, 1}, {6, 6}, {6, 6}}, "A", "r2"));
    auto scores = score_all(q, set);
    auto gaps = analyse_all(q, set, scores, 85);
    ASSERT_EQ(gaps.size(), 3u);
    EXPECT_FALSE(gaps[0].previous_round);
    EXPECT_FALSE(gaps[1].previous_round);  // B has one round
    ASSERT_TRUE(gaps[2].previous_round);
    EXPECT_EQ(*gaps[2].previous_round, "r1");
    // A r2: a1 100, a2 75, indicator 87.5; r1: 50, 100, 75.
    const auto& changes = gaps[2].changes;
    auto find = [&](ChangeLevel level, int index) {
        for (const auto& c : changes) {
            if (c.level == level && c.index == index) return c;
        }
        ADD_FAILURE() << "no change at level " << static_cast<int>(level) << " index " << index;
        return ScoreChange{};
    };
    EXPECT_NEAR(find(ChangeLevel::kItem, 0).delta(), 50.0, kEps);
    EXPECT_NEAR(find(ChangeLevel::kItem, 1).delta(), -25.0, kEps);
    EXPECT_NEAR(find(ChangeLevel::kIndicator, 0).delta(), 12.5, kEps);
    EXPECT_NEAR(find(ChangeLevel::kInstrument, 0).previous, 75.0, kEps);
    EXPECT_NEAR(find(ChangeLevel::kTotal, -1).current, 87.5, kEps);
}

TEST(GapsTest, EverythingAboveTargetLeavesTheBelowListsEmpty) {
    Questionnaire q = iit();
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{6, 6, 1, 6, 6}, {5, 4, 2, 6, 4}}));
    UnitRoundGaps g = gaps_of(q, set);
    EXPECT_TRUE(g.instruments[0].indicators_below_target.empty());
    EXPECT_TRUE(g.instruments[0].items_below_target.empty());
    EXPECT_FALSE(g.instrument_below_target);
    EXPECT_EQ(g.instruments[0].misread[0].flagged, 0u);
    // Everything is 100: every indicator is both highest and lowest.
    EXPECT_EQ(g.instruments[0].lowest_indicators.size(), 3u);
}

TEST(GapsTest, TargetIsAParameter) {
    Questionnaire q = iit();
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{6, 6, 1, 6, 6}, {6, 6, 1, 1, 6}}));  // b1 50
    EXPECT_EQ(gaps_of(q, set, 40).instruments[0].items_below_target.size(), 0u);
    EXPECT_EQ(gaps_of(q, set, 50.000001).instruments[0].items_below_target.size(), 1u);
}

}  // namespace
}  // namespace itagap::core
