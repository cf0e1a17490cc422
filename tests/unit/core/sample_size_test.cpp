// The minimum number of respondents (core/sample_size.hpp), on the published
// rules worked out by hand: IIT 10% of staff, at least 30, everyone below 30;
// EIT 10% of clients, at least 30, 400 above 4,000.
#include "core/sample_size.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "questionnaire_builder.hpp"

namespace itagap::core {
namespace {

SampleRule iit_rule() {
    SampleRule rule;
    rule.population = SamplePopulation::kStaff;
    rule.percent_hundredths = 1000;  // 10%
    rule.at_least = 30;
    rule.everyone_below = 30;
    return rule;
}

SampleRule eit_rule() {
    SampleRule rule;
    rule.population = SamplePopulation::kClients;
    rule.percent_hundredths = 1000;
    rule.at_least = 30;
    rule.cap = 400;
    rule.cap_above = 4000;
    return rule;
}

TEST(SampleSize, NotSetWithoutAPopulation) {
    EXPECT_EQ(minimum_respondents(iit_rule(), std::nullopt), std::nullopt);
    EXPECT_EQ(minimum_respondents(eit_rule(), std::nullopt), std::nullopt);
    EXPECT_FALSE(minimum_reached(100, std::nullopt));
}

TEST(SampleSize, IitPublishedRule) {
    const SampleRule rule = iit_rule();
    EXPECT_EQ(minimum_respondents(rule, 12), 12);   // fewer than 30: everyone
    EXPECT_EQ(minimum_respondents(rule, 29), 29);   // still everyone
    EXPECT_EQ(minimum_respondents(rule, 30), 30);   // 10% = 3, at least 30
    EXPECT_EQ(minimum_respondents(rule, 45), 30);   // 10% = 4.5 -> 5, at least 30
    EXPECT_EQ(minimum_respondents(rule, 300), 30);  // 10% = 30 exactly
    EXPECT_EQ(minimum_respondents(rule, 301), 31);  // 30.1 rounds up to 31
    EXPECT_EQ(minimum_respondents(rule, 500), 50);
    EXPECT_EQ(minimum_respondents(rule, 0), 0);
}

TEST(SampleSize, EitPublishedRuleWithItsCap) {
    const SampleRule rule = eit_rule();
    EXPECT_EQ(minimum_respondents(rule, 20), 20);      // at least 30, but only 20 exist
    EXPECT_EQ(minimum_respondents(rule, 100), 30);     // 10 -> at least 30
    EXPECT_EQ(minimum_respondents(rule, 3001), 301);   // 300.1 -> 301
    EXPECT_EQ(minimum_respondents(rule, 4000), 400);   // not above 4,000: 10% = 400
    EXPECT_EQ(minimum_respondents(rule, 4001), 400);   // above 4,000: the cap
    EXPECT_EQ(minimum_respondents(rule, 90000), 400);  // the cap, not 9,000
}

TEST(SampleSize, FractionalPercentRoundsUpExactly) {
    SampleRule rule;
    rule.percent_hundredths = 1250;                 // 12.5%
    EXPECT_EQ(minimum_respondents(rule, 8), 1);     // 1.0 exactly
    EXPECT_EQ(minimum_respondents(rule, 9), 2);     // 1.125 -> 2
    EXPECT_EQ(minimum_respondents(rule, 80), 10);   // 10.0, not 11
    rule.percent_hundredths = 10;                   // 0.1%
    EXPECT_EQ(minimum_respondents(rule, 3000), 3);  // 3.0 exactly
    EXPECT_EQ(minimum_respondents(rule, 3001), 4);
}

TEST(SampleSize, HugePopulationsDoNotOverflow) {
    SampleRule rule = iit_rule();
    EXPECT_EQ(minimum_respondents(rule, 9'000'000'000'000'000'001), 900'000'000'000'000'001);
    rule.percent_hundredths = 10000;  // 100%
    EXPECT_EQ(minimum_respondents(rule, 9'000'000'000'000'000'000), 9'000'000'000'000'000'000);
}

TEST(SampleSize, Reached) {
    EXPECT_FALSE(minimum_reached(11, 30));
    EXPECT_TRUE(minimum_reached(30, 30));
    EXPECT_TRUE(minimum_reached(31, 30));
    EXPECT_TRUE(minimum_reached(0, 0));
}

TEST(SampleSize, PopulationNames) {
    EXPECT_EQ(to_string(SamplePopulation::kStaff), "staff");
    EXPECT_EQ(to_string(SamplePopulation::kClients), "clients");
    EXPECT_EQ(sample_population_from_string("clients"), SamplePopulation::kClients);
    EXPECT_EQ(sample_population_from_string("Staff"), std::nullopt);
}

TEST(SampleSize, ProgressPerInstrumentWithARule) {
    Questionnaire q = testing::QuestionnaireBuilder()
                          .instrument("IIT", 30)
                          .indicator(1)
                          .item("i1")
                          .instrument("EIT", 30)
                          .indicator(8)
                          .item("e1")
                          .instrument("X", 10)
                          .indicator(9)
                          .item("x1")
                          .build();
    q.instruments[0].sample = iit_rule();
    q.instruments[1].sample = eit_rule();
    // 45 staff, clients not set; 11 IIT and 7 EIT responses.
    const auto progress = sample_progress(q, 45, std::nullopt, {11, 7, 3});
    ASSERT_EQ(progress.size(), 2U);  // X has no rule
    EXPECT_EQ(progress[0].instrument, 0);
    EXPECT_EQ(progress[0].population, 45);
    EXPECT_EQ(progress[0].responses, 11);
    EXPECT_EQ(progress[0].minimum, 30);
    EXPECT_FALSE(progress[0].reached());
    EXPECT_EQ(progress[1].instrument, 1);
    EXPECT_EQ(progress[1].population_kind, SamplePopulation::kClients);
    EXPECT_EQ(progress[1].population, std::nullopt);
    EXPECT_EQ(progress[1].minimum, std::nullopt);
    EXPECT_EQ(progress[1].responses, 7);
    EXPECT_FALSE(progress[1].reached());

    const auto twelve = sample_progress(q, 12, 5000, {12, 399});
    EXPECT_EQ(twelve[0].minimum, 12);
    EXPECT_TRUE(twelve[0].reached());
    EXPECT_EQ(twelve[1].minimum, 400);
    EXPECT_FALSE(twelve[1].reached());
}

}  // namespace
}  // namespace itagap::core
