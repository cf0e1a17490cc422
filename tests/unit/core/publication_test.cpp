// What may be published of a unit's scores (core/publication.hpp), on small
// hand-made data: the minimum number of respondents at 1, 4 and 5 people.
#include "core/publication.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "questionnaire_builder.hpp"

namespace itagap::core {
namespace {

using testing::make_table;
using testing::QuestionnaireBuilder;

constexpr double kEps = 1e-9;

// IIT (weight 30): indicator 1 = a1, a2; indicator 2 = b1.
// EIT (weight 30): indicator 8 = e1.
Questionnaire two_instruments() {
    Questionnaire q = QuestionnaireBuilder()
                          .instrument("IIT", 30)
                          .indicator(1)
                          .item("a1")
                          .item("a2")
                          .indicator(2)
                          .item("b1")
                          .instrument("EIT", 30)
                          .indicator(8)
                          .item("e1")
                          .build();
    EXPECT_EQ(q.min_respondents_published, 5);  // the default
    return q;
}

// `iit_rows` respondents answering IIT with all 6 (favourable), 5 answering EIT.
UnitRoundScore scored(const Questionnaire& q, int iit_rows) {
    ResponseSet set;
    ResponseTable iit = make_table(q, "IIT", {});
    for (int r = 0; r < iit_rows; ++r) iit.add_respondent(std::vector<Answer>{6, 6, 6});
    set.tables.push_back(std::move(iit));
    set.tables.push_back(make_table(q, "EIT", {{6}, {6}, {6}, {1}, {1}}));
    return score_all(q, set).at(0);
}

void expect_no_option_counts(const UnitRoundScore& s) {
    for (const auto& instrument : s.instruments)
        for (const auto& ind : instrument.indicators)
            for (const auto& item : ind.items) EXPECT_TRUE(item.option_counts.empty());
}

TEST(PublicationTest, OneRespondentWithholdsTheInstrumentAndTheTotal) {
    const Questionnaire q = two_instruments();
    const UnitRoundScore full = scored(q, 1);
    ASSERT_TRUE(full.instruments[0].has_data());
    ASSERT_EQ(full.instruments[0].indicators[0].items[0].option_counts[5],
              1u);  // the person's answer

    const UnitRoundScore pub = publishable_score(q, full);
    expect_no_option_counts(pub);
    const InstrumentScore& iit = pub.instruments[0];
    EXPECT_TRUE(iit.withheld);
    EXPECT_FALSE(iit.has_data());
    EXPECT_EQ(iit.respondents, 1u);  // how many answered stays public
    EXPECT_TRUE(iit.grade.empty());
    for (const auto& ind : iit.indicators) {
        EXPECT_TRUE(ind.withheld);
        EXPECT_EQ(ind.answers, 0u);
        for (const auto& item : ind.items) {
            EXPECT_TRUE(item.withheld);
            EXPECT_EQ(item.favourable, 0u);
            EXPECT_EQ(item.answers, 0u);
        }
    }
    // EIT: 5 respondents, 3 favourable = 60, published.
    EXPECT_FALSE(pub.instruments[1].withheld);
    EXPECT_NEAR(pub.instruments[1].score, 60, kEps);
    // The total (100 x 30 + 60 x 30) / 60 = 80 would give IIT back with EIT.
    EXPECT_TRUE(full.ita_total.has_value());
    EXPECT_FALSE(pub.ita_total.has_value());
    EXPECT_TRUE(pub.ita_total_withheld);
}

TEST(PublicationTest, FourRespondentsAreBelowTheDefaultMinimum) {
    const Questionnaire q = two_instruments();
    const UnitRoundScore pub = publishable_score(q, scored(q, 4));
    EXPECT_TRUE(pub.instruments[0].withheld);
    EXPECT_EQ(pub.instruments[0].respondents, 4u);
    EXPECT_FALSE(pub.ita_total.has_value());
}

TEST(PublicationTest, FiveRespondentsArePublishedWithoutOptionCounts) {
    const Questionnaire q = two_instruments();
    const UnitRoundScore full = scored(q, 5);
    const UnitRoundScore pub = publishable_score(q, full);
    expect_no_option_counts(pub);
    const InstrumentScore& iit = pub.instruments[0];
    EXPECT_FALSE(iit.withheld);
    EXPECT_NEAR(iit.score, 100, kEps);
    EXPECT_EQ(iit.grade, "AA");
    EXPECT_EQ(iit.indicators[0].items[1].answers, 5u);
    EXPECT_EQ(iit.indicators[0].items[1].favourable, 5u);
    ASSERT_TRUE(pub.ita_total.has_value());
    EXPECT_NEAR(*pub.ita_total, 80, kEps);  // (100 x 30 + 60 x 30) / 60
    EXPECT_FALSE(pub.ita_total_withheld);
}

TEST(PublicationTest, TheMinimumIsTheQuestionnaires) {
    Questionnaire q = two_instruments();
    q.min_respondents_published = 1;
    const UnitRoundScore pub = publishable_score(q, scored(q, 1));
    EXPECT_FALSE(pub.instruments[0].withheld);
    EXPECT_TRUE(pub.ita_total.has_value());
    expect_no_option_counts(pub);  // never, whatever the minimum
}

TEST(PublicationTest, AnItemWithFewAnswersWithholdsItsSiblingsButNotTheIndicator) {
    const Questionnaire q = two_instruments();
    ResponseSet set;
    // Six answer a1 and b1; only four answer a2 (two leave it empty).
    set.tables.push_back(
        make_table(q, "IIT", {{6, 6, 6}, {6, 6, 6}, {6, 1, 6}, {6, 1, 6}, {6, 0, 6}, {6, 0, 6}}));
    const UnitRoundScore pub = publishable_score(q, score_all(q, set).at(0));
    const IndicatorScore& ind1 = pub.instruments[0].indicators[0];
    // a2 (4 answers) is withheld; a1 too, or (a1 + a2) / 2 = indicator 1 gives a2 back.
    EXPECT_TRUE(ind1.items[1].withheld);
    EXPECT_TRUE(ind1.items[0].withheld);
    EXPECT_FALSE(ind1.withheld);
    EXPECT_NEAR(ind1.score, 75, kEps);  // (100 + 50) / 2, resting on 6 respondents
    // Indicator 2's only item has 6 answers: published.
    EXPECT_FALSE(pub.instruments[0].indicators[1].items[0].withheld);
}

TEST(PublicationTest, GapsOfPublishableScoresNameNothingWithheld) {
    const Questionnaire q = two_instruments();
    const UnitRoundScore pub = publishable_score(q, scored(q, 1));
    const UnitRoundScore previous = publishable_score(q, scored(q, 6));
    const UnitRoundGaps gaps = publishable_gaps(q, pub, &previous, 85);
    ASSERT_EQ(gaps.instruments.size(), 1u);  // EIT only
    EXPECT_EQ(gaps.instruments[0].instrument, 1);
    for (const auto& change : gaps.changes) {
        EXPECT_NE(change.level, ChangeLevel::kTotal);
        if (change.level == ChangeLevel::kInstrument) {
            EXPECT_EQ(change.index, 1);
        }
    }
    EXPECT_TRUE(gaps.instruments[0].misread.empty());
}

}  // namespace
}  // namespace itagap::core
