// OIT scores, the full ITA total and the rating, with figures computed by hand.
#include "core/oit_scoring.hpp"

#include <gtest/gtest.h>

namespace itagap::core {
namespace {

// IIT 30 (indicator 1), EIT 30 (6), OIT 40 (9 with o1-o4, 10 with o5-o6);
// o2 is scored per element over four elements.
Questionnaire three_instruments() {
    Questionnaire q;
    q.instruments = {{"IIT", {"ภายใน", ""}, 30, {0}},
                     {"EIT", {"ภายนอก", ""}, 30, {1}},
                     {"OIT", {"เปิดเผย", ""}, 40, {2, 3}}};
    q.indicators = {{1, {"หนึ่ง", ""}, 0, {}},
                    {6, {"หก", ""}, 1, {}},
                    {9, {"การเปิดเผยข้อมูล", ""}, 2, {}},
                    {10, {"การป้องกันการทุจริต", ""}, 2, {}}};
    for (int k = 1; k <= 6; ++k) {
        OitItem item;
        item.code = "o" + std::to_string(k);
        item.indicator = k <= 4 ? 2 : 3;
        item.title = {"ข้อ " + std::to_string(k), ""};
        q.oit_items.push_back(item);
    }
    q.oit_items[1].scoring = OitItemScoring::kPerElement;
    q.oit_items[1].elements = {
        {"ชื่อ-นามสกุล", ""}, {"ตำแหน่ง", ""}, {"รูปถ่าย", ""}, {"ช่องทางการติดต่อ", ""}};
    q.grades = {{"AA", 95}, {"A", 85}, {"B", 75}, {"C", 65}, {"D", 55}, {"E", 50}, {"F", 0}};
    // As the template: ผ่านดีเยี่ยม 95 and ผ่านดี 85 with every instrument at
    // 85 or more; ผ่าน 85; ไม่ผ่าน below.
    const std::vector<InstrumentMinimum> all85 = {{0, 85}, {1, 85}, {2, 85}};
    q.rating_levels = {{{"ผ่านดีเยี่ยม", ""}, 95, all85, "assumed"},
                       {{"ผ่านดี", ""}, 85, all85, "partly assumed"},
                       {{"ผ่าน", ""}, 85, {}, ""},
                       {{"ไม่ผ่าน", ""}, 0, {}, ""}};
    return q;
}

OitItemVerdict passed() { return {true, true, {}}; }
OitItemVerdict failed() { return {true, false, {}}; }

UnitRoundScore survey_scores(double iit, double eit) {
    UnitRoundScore unit;
    for (int k = 0; k < 3; ++k) {
        InstrumentScore s;
        s.instrument = k;
        if (k == 0) s.score = iit;
        if (k == 1) s.score = eit;
        s.indicators_scored = k < 2 ? 1 : 0;
        unit.instruments.push_back(s);
    }
    return unit;
}

TEST(OitScoringTest, ItemScores) {
    const Questionnaire q = three_instruments();
    EXPECT_DOUBLE_EQ(score_oit_item(q.oit_items[0], passed()), 100);
    EXPECT_DOUBLE_EQ(score_oit_item(q.oit_items[0], failed()), 0);
    EXPECT_DOUBLE_EQ(score_oit_item(q.oit_items[0], OitItemVerdict{}), 0);
    // Per element: 3 of 4 elements shown = 75; the pass flag is not used.
    EXPECT_DOUBLE_EQ(score_oit_item(q.oit_items[1], {true, false, {true, true, false, true}}), 75);
    // A short list counts the missing elements as not shown: 1 of 4.
    EXPECT_DOUBLE_EQ(score_oit_item(q.oit_items[1], {true, true, {true}}), 25);
}

TEST(OitScoringTest, IndicatorsInstrumentAndTotal) {
    const Questionnaire q = three_instruments();
    // o1 100, o2 3/4 = 75, o3 0, o4 not judged 0 -> indicator 9 = 175 / 4 = 43.75
    // o5 100, o6 100 -> indicator 10 = 100; OIT = (43.75 + 100) / 2 = 71.875
    const std::vector<OitItemVerdict> verdicts = {
        passed(), {true, false, {true, true, false, true}}, failed(), {}, passed(), passed()};
    const OitScore oit = score_oit(q, verdicts);
    ASSERT_EQ(oit.indicators.size(), 2u);
    EXPECT_EQ(oit.indicators[0].items, 4);
    EXPECT_EQ(oit.indicators[0].items_judged, 3);
    EXPECT_DOUBLE_EQ(oit.indicators[0].score, 43.75);
    EXPECT_DOUBLE_EQ(oit.indicators[1].score, 100);
    EXPECT_DOUBLE_EQ(oit.score, 71.875);
    EXPECT_EQ(oit.items, 6);
    EXPECT_EQ(oit.items_judged, 5);
    EXPECT_FALSE(oit.complete());

    // IIT 90, EIT 80: (90 x 30 + 80 x 30 + 71.875 x 40) / 100 = 7975 / 100 = 79.75
    UnitRoundScore unit = survey_scores(90, 80);
    compute_ita_total(q, unit);
    ASSERT_TRUE(unit.ita_total.has_value());
    EXPECT_DOUBLE_EQ(*unit.ita_total, 85);  // IIT and EIT alone, reweighted
    EXPECT_TRUE(unit.weights_rescaled);
    add_oit_to_total(q, oit, unit);
    ASSERT_TRUE(unit.ita_total.has_value());
    EXPECT_DOUBLE_EQ(*unit.ita_total, 79.75);
    EXPECT_EQ(unit.ita_grade, "B");
    EXPECT_FALSE(unit.weights_rescaled);
    EXPECT_TRUE(unit.missing_instruments.empty());
    ASSERT_EQ(unit.weights.size(), 3u);
    EXPECT_DOUBLE_EQ(unit.weights[2].share, 0.4);
    EXPECT_DOUBLE_EQ(unit.instruments[2].score, 71.875);
    EXPECT_EQ(unit.instruments[2].grade, "C");
    ASSERT_EQ(unit.instruments[2].indicators.size(), 2u);
    EXPECT_DOUBLE_EQ(unit.instruments[2].indicators[0].score, 43.75);
}

TEST(OitScoringTest, NothingJudgedScoresZeroAndWithoutChecklistNothingChanges) {
    Questionnaire q = three_instruments();
    const OitScore none = score_oit(q, {});
    EXPECT_DOUBLE_EQ(none.score, 0);
    EXPECT_EQ(none.items_judged, 0);
    EXPECT_TRUE(none.has_data());

    q.oit_items.clear();
    const OitScore empty = score_oit(q, {});
    EXPECT_FALSE(empty.has_data());
    UnitRoundScore unit = survey_scores(90, 80);
    compute_ita_total(q, unit);
    add_oit_to_total(q, empty, unit);
    EXPECT_DOUBLE_EQ(*unit.ita_total, 85);
    EXPECT_TRUE(unit.weights_rescaled);
}

Rating rating_for(double iit, double eit) {
    const Questionnaire q = three_instruments();
    std::vector<OitItemVerdict> verdicts;
    // every OIT item passed, o2 with all its elements: OIT 100
    for (int k = 0; k < 6; ++k) verdicts.push_back({true, true, {true, true, true, true}});
    UnitRoundScore unit = survey_scores(iit, eit);
    add_oit_to_total(q, score_oit(q, verdicts), unit);
    return rate(q, unit);
}

TEST(OitRatingTest, LevelsLookAtEachInstrument) {
    // IIT 96, EIT 94, OIT 100: (2880 + 2820 + 4000) / 100 = 97 -> ผ่านดีเยี่ยม
    Rating r = rating_for(96, 94);
    EXPECT_EQ(r.level, 0);
    EXPECT_FALSE(r.incomplete);
    EXPECT_TRUE(r.held_back_by_instrument.empty());
    // IIT 96, EIT 84, OIT 100: (2880 + 2520 + 4000) / 100 = 94 -> ผ่านดี by the
    // total, but EIT < 85 holds it back to ผ่าน (the 2568 case).
    r = rating_for(96, 84);
    EXPECT_EQ(r.level, 2);
    ASSERT_EQ(r.held_back_by_instrument.size(), 1u);
    EXPECT_EQ(r.held_back_by_instrument[0], 1);
    // IIT 90, EIT 85, OIT 100: (2700 + 2550 + 4000) / 100 = 92.5 -> ผ่านดี
    EXPECT_EQ(rating_for(90, 85).level, 1);
    // IIT 60, EIT 60, OIT 100: (1800 + 1800 + 4000) / 100 = 76 -> ไม่ผ่าน
    r = rating_for(60, 60);
    EXPECT_EQ(r.level, 3);
    EXPECT_TRUE(r.held_back_by_instrument.empty());
}

TEST(OitRatingTest, NoRatingWithoutEveryInstrumentOrLevels) {
    Questionnaire q = three_instruments();
    UnitRoundScore unit = survey_scores(96, 94);
    compute_ita_total(q, unit);  // no OIT yet
    Rating r = rate(q, unit);
    EXPECT_TRUE(r.incomplete);
    EXPECT_EQ(r.level, -1);
    q.rating_levels.clear();
    add_oit_to_total(q, score_oit(q, std::vector<OitItemVerdict>(6, passed())), unit);
    EXPECT_TRUE(rate(q, unit).incomplete);
}

}  // namespace
}  // namespace itagap::core
