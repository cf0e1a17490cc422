// The plan rules with figures worked out by hand from the data on this page.
#include "core/plan_rules.hpp"

#include <gtest/gtest.h>

#include "questionnaire_builder.hpp"

namespace itagap::core {
namespace {

using testing::make_table;
using testing::QuestionnaireBuilder;

constexpr double kEps = 1e-9;

// IIT: indicator 1 (a1, a2), indicator 2 (b1, b2); EIT: indicator 3 (e1, e2).
Questionnaire two_instruments() {
    return QuestionnaireBuilder()
        .instrument("IIT", 1)
        .indicator(1)
        .item("a1")
        .item("a2")
        .indicator(2)
        .item("b1")
        .item("b2")
        .instrument("EIT", 1)
        .indicator(3)
        .item("e1")
        .item("e2")
        .build();
}

// Options 4..6 are favourable.
//   a1: 6 6 5 6 -> 4/4 = 100     a2: 6 5 4 1 -> 3/4 = 75
//   b1: 6 2 6 1 -> 2/4 = 50      b2: 1 2 1 5 -> 1/4 = 25
//   indicator 2 = (50 + 25) / 2 = 37.5 over 8 answers, 3 favourable, 4 people
//   e1: 6 3 -> 1/2 = 50          e2: not answered
//   indicator 3 = 50 over 2 answers, 1 favourable, 2 people
UnitRoundScore scores(const Questionnaire& q) {
    ResponseSet set;
    set.tables.push_back(make_table(
        q, "IIT", {{6, 6, 6, 1}, {6, 5, 2, 2}, {5, 4, 6, 1}, {6, 1, 1, 5}}, "ศรป.", "R1"));
    set.tables.push_back(make_table(q, "EIT", {{6, 0}, {3, 0}}, "ศรป.", "R1"));
    return score_all(q, set).front();
}

// The analysis written by hand (indices into the questionnaire), so the test
// is about the rule, not about analyse_gaps().
UnitRoundGaps analysis() {
    UnitRoundGaps gaps;
    InstrumentGaps iit;
    iit.instrument = 0;
    iit.lowest_indicators = {1};
    iit.lowest_items_in_lowest_indicators = {3};  // b2
    iit.items_below_target = {1, 2, 3};           // a2, b1, b2 (b2 again)
    iit.indicators_below_target = {1};            // indicator 2 again
    InstrumentGaps eit;
    eit.instrument = 1;
    eit.lowest_indicators = {2};
    eit.lowest_items_in_lowest_indicators = {4};  // e1
    eit.items_below_target = {4, 5};              // e1 again, e2 without answers
    gaps.instruments = {iit, eit};
    return gaps;
}

TEST(GapCandidates, SuggestedItemsFirstThenIndicatorsEachOnceWithTheirCounts) {
    const auto q = two_instruments();
    const auto c = gap_candidates(q, scores(q), analysis(), "รอบ 5 เดือนแรก");
    std::vector<std::string> keys;
    for (const auto& g : c) keys.push_back(g.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"item:b2", "item:a2", "item:b1", "item:e1",
                                              "indicator:2", "indicator:3"}));
    ASSERT_EQ(c.size(), 6u);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(c[i].suggested) << c[i].key;
    EXPECT_FALSE(c[4].suggested);
    EXPECT_FALSE(c[5].suggested);

    EXPECT_EQ(c[0].gap.instrument, "IIT");
    EXPECT_NEAR(c[0].gap.score, 25, kEps);
    EXPECT_EQ(c[0].gap.favourable, 1u);
    EXPECT_EQ(c[0].gap.answers, 4u);
    EXPECT_EQ(c[0].gap.round, "รอบ 5 เดือนแรก");
    EXPECT_NEAR(c[1].gap.score, 75, kEps);
    EXPECT_EQ(c[1].gap.favourable, 3u);
    EXPECT_NEAR(c[2].gap.score, 50, kEps);
    EXPECT_EQ(c[3].gap.instrument, "EIT");
    EXPECT_NEAR(c[3].gap.score, 50, kEps);
    EXPECT_EQ(c[3].gap.answers, 2u);

    EXPECT_EQ(c[4].gap.ref, (ScoreRef{ScoreLevel::kIndicator, "", 2}));
    EXPECT_NEAR(c[4].gap.score, 37.5, kEps);
    EXPECT_EQ(c[4].gap.answers, 8u);
    EXPECT_EQ(c[4].gap.favourable, 3u);
    EXPECT_EQ(c[4].gap.respondents, 4u);
    EXPECT_EQ(c[5].gap.instrument, "EIT");
    EXPECT_NEAR(c[5].gap.score, 50, kEps);
    EXPECT_EQ(c[5].gap.respondents, 2u);

    EXPECT_EQ(suggested_keys(c),
              (std::set<std::string>{"item:a2", "item:b1", "item:b2", "item:e1"}));
}

TEST(GapCandidates, NoAnalysisNoCandidates) {
    const auto q = two_instruments();
    EXPECT_TRUE(gap_candidates(q, scores(q), UnitRoundGaps{}, "R1").empty());
}

TEST(GapKey, NamesTheLevel) {
    EXPECT_EQ(gap_key({ScoreLevel::kItem, "i12", 0}), "item:i12");
    EXPECT_EQ(gap_key({ScoreLevel::kIndicator, "", 8}), "indicator:8");
    EXPECT_EQ(gap_key({ScoreLevel::kInstrument, "IIT", 0}), "instrument:IIT");
}

TEST(ChooseGaps, TheSuggestedOnesWithoutAChoiceTheChosenOnesInCandidateOrder) {
    const auto q = two_instruments();
    const auto c = gap_candidates(q, scores(q), analysis(), "R1");
    const auto suggested = choose_gaps(c, std::nullopt);
    EXPECT_EQ(suggested.problem, GapChoiceProblem::kNone);
    ASSERT_EQ(suggested.gaps.size(), 4u);
    EXPECT_EQ(suggested.gaps[0].ref.code, "b2");

    const auto chosen = choose_gaps(c, std::set<std::string>{"indicator:3", "item:a2"});
    EXPECT_EQ(chosen.problem, GapChoiceProblem::kNone);
    ASSERT_EQ(chosen.gaps.size(), 2u);
    EXPECT_EQ(chosen.gaps[0].ref.code, "a2");  // candidate order, not key order
    EXPECT_EQ(chosen.gaps[1].ref.indicator, 3);

    const auto unknown = choose_gaps(c, std::set<std::string>{"item:a2", "item:zz"});
    EXPECT_EQ(unknown.problem, GapChoiceProblem::kUnknownKey);
    EXPECT_TRUE(unknown.gaps.empty());
    EXPECT_EQ(choose_gaps(c, std::set<std::string>{}).problem, GapChoiceProblem::kNothingChosen);
    // Not a candidate, although the questionnaire has it (a1 is at 100).
    EXPECT_EQ(choose_gaps(c, std::set<std::string>{"item:a1"}).problem,
              GapChoiceProblem::kUnknownKey);
}

TEST(EffectRounds, LaterClosedRoundsOfTheSameQuestionnaireLatestFirstBySourceId) {
    // Two rounds share the name "รอบ 5 เดือนแรก" (a year apart); only the id
    // tells the source.
    const std::vector<RoundFacts> rounds = {
        {7, 1, "2026-10-01", false},  // later, still open
        {6, 2, "2026-06-01", true},   // later, closed, another questionnaire
        {5, 1, "2026-04-01", true},   // later, closed
        {4, 1, "2026-03-01", true},   // later, closed
        {3, 1, "2025-10-01", true},   // the source
        {2, 1, "2025-10-01", true},   // same day as the source: not later
        {1, 1, "2024-10-01", true},   // earlier
    };
    EXPECT_EQ(effect_rounds(rounds, 3), (std::vector<std::size_t>{2, 3}));
    EXPECT_EQ(effect_rounds(rounds, 1), (std::vector<std::size_t>{2, 3, 4, 5}));
    EXPECT_TRUE(effect_rounds(rounds, 5).empty());   // nothing later has closed
    EXPECT_TRUE(effect_rounds(rounds, 99).empty());  // not in this database
    // Given out of date order: still latest first.
    const std::vector<RoundFacts> shuffled = {
        {4, 1, "2026-03-01", true}, {3, 1, "2025-10-01", true}, {5, 1, "2026-04-01", true}};
    EXPECT_EQ(effect_rounds(shuffled, 3), (std::vector<std::size_t>{2, 0}));
}

Measure measure(int number, MeasureStatus status, std::optional<int> percent) {
    Measure m;
    m.number = number;
    m.text = "มาตรการ";
    m.status = status;
    m.percent_complete = percent;
    m.start_on = {2025, 12, 1};
    m.due_on = {2026, 3, 31};
    return m;
}

TEST(PlanProgress, PercentCompleteIsTheMeanOverMeasuresNotCancelled) {
    Plan plan;
    EXPECT_FALSE(plan_percent_complete(plan));
    plan.measures = {
        measure(1, MeasureStatus::kInProgress, 40), measure(2, MeasureStatus::kDone, 100),
        measure(3, MeasureStatus::kCancelled, std::nullopt),
        measure(4, MeasureStatus::kNotStarted, 0), measure(5, MeasureStatus::kCancelled, 70)};
    // (40 + 100 + 0) / 3
    ASSERT_TRUE(plan_percent_complete(plan));
    EXPECT_NEAR(*plan_percent_complete(plan), 140.0 / 3, kEps);
    plan.measures = {measure(1, MeasureStatus::kCancelled, std::nullopt)};
    EXPECT_FALSE(plan_percent_complete(plan));
}

TEST(PlanProgress, OverdueMeasuresAreCounted) {
    Plan plan;
    plan.measures = {measure(1, MeasureStatus::kInProgress, 40),           // due 31 Mar: overdue
                     measure(2, MeasureStatus::kDone, 100),                // done: not
                     measure(3, MeasureStatus::kCancelled, std::nullopt),  // cancelled: not
                     measure(4, MeasureStatus::kNotStarted, 0)};           // overdue
    plan.measures[3].due_on = {2026, 4, 1};
    EXPECT_EQ(count_overdue(plan, {2026, 3, 31}), 0u);  // the last day is not late
    EXPECT_EQ(count_overdue(plan, {2026, 4, 1}), 1u);
    EXPECT_EQ(count_overdue(plan, {2026, 4, 2}), 2u);
}

TEST(PlanProgress, OutcomesAreCountedWithoutTheMeasuresWithoutATarget) {
    PlanEffect effect;
    for (auto o : {TargetOutcome::kMet, TargetOutcome::kNotMet, TargetOutcome::kMet,
                   TargetOutcome::kNoTarget, TargetOutcome::kNoData, TargetOutcome::kNoTarget})
        effect.measures.push_back({0, o, std::nullopt, std::nullopt});
    const auto counts = count_outcomes(effect);
    EXPECT_EQ(counts.met, 2u);
    EXPECT_EQ(counts.not_met, 1u);
    EXPECT_EQ(counts.no_data, 1u);
}

ProgressUpdate update(int month, int day, int percent) {
    return ProgressUpdate{{2026, month, day}, percent, "", {}};
}

TEST(LatestUpdate, TheMeasureFollowsItsLatestUpdateByDate) {
    Measure m = measure(1, MeasureStatus::kNotStarted, 0);
    apply_latest_update(m);  // no updates: unchanged
    EXPECT_EQ(m.status, MeasureStatus::kNotStarted);
    EXPECT_EQ(m.percent_complete, 0);

    m.updates = {update(2, 1, 30), update(1, 15, 10)};  // listed out of order
    apply_latest_update(m);
    EXPECT_EQ(m.percent_complete, 30);  // 1 Feb is the latest
    EXPECT_EQ(m.status, MeasureStatus::kInProgress);

    m.updates.push_back(update(3, 1, 100));
    apply_latest_update(m);
    EXPECT_EQ(m.percent_complete, 100);
    EXPECT_EQ(m.status, MeasureStatus::kInProgress);  // the owner marks it done

    m.status = MeasureStatus::kDone;
    m.updates.push_back(update(3, 5, 90));
    apply_latest_update(m);
    EXPECT_EQ(m.percent_complete, 90);
    EXPECT_EQ(m.status, MeasureStatus::kInProgress);  // done, but not at 100 any more

    Measure nothing_yet = measure(2, MeasureStatus::kNotStarted, 0);
    nothing_yet.updates = {update(1, 10, 0)};
    apply_latest_update(nothing_yet);
    EXPECT_EQ(nothing_yet.status, MeasureStatus::kNotStarted);  // 0 %: still not started

    Measure cancelled = measure(3, MeasureStatus::kCancelled, std::nullopt);
    cancelled.updates = {update(1, 10, 50)};
    apply_latest_update(cancelled);
    EXPECT_EQ(cancelled.status, MeasureStatus::kCancelled);
    EXPECT_FALSE(cancelled.percent_complete);
}

// Issue 12.13: a measure that has not started shows no negative "days since
// progress"; one at 100 % may be marked done. The measure starts 1 Dec 2025.
TEST(MeasureProgressState, WaitingToStartBeforeItsStartDateNeverNegative) {
    const Measure m = measure(1, MeasureStatus::kNotStarted, 0);
    // 20 Nov 2025: 11 days before the start (Nov has 30 days: 10 left + 1).
    const auto before = measure_progress_state(m, {2025, 11, 20});
    EXPECT_EQ(before.clock, MeasureClock::kWaitingToStart);
    EXPECT_EQ(to_string(before.clock), "waiting_to_start");
    EXPECT_EQ(before.days_to_start, 11);
    EXPECT_EQ(before.days_since_update, 0);
    EXPECT_TRUE(before.never_updated);
    EXPECT_FALSE(before.ready_to_mark_done);
    // Without the rule the page showed days_since_last_update(): -11.
    EXPECT_EQ(days_since_last_update(m, {2025, 11, 20}), -11);

    // On the start day the clock runs from 0; on 15 Dec it reads 14.
    EXPECT_EQ(measure_progress_state(m, {2025, 12, 1}).clock, MeasureClock::kRunning);
    EXPECT_EQ(measure_progress_state(m, {2025, 12, 1}).days_since_update, 0);
    EXPECT_EQ(measure_progress_state(m, {2025, 12, 15}).days_since_update, 14);

    // An update dated before the start counts: running, from that update.
    Measure early = m;
    early.updates = {ProgressUpdate{{2025, 11, 10}, 10, "", {}}};
    const auto running = measure_progress_state(early, {2025, 11, 20});
    EXPECT_EQ(running.clock, MeasureClock::kRunning);
    EXPECT_EQ(running.days_since_update, 10);
    EXPECT_FALSE(running.never_updated);

    // An update dated after today is not "minus days": 0.
    Measure ahead = m;
    ahead.updates = {ProgressUpdate{{2025, 12, 20}, 10, "", {}}};
    EXPECT_EQ(measure_progress_state(ahead, {2025, 12, 10}).days_since_update, 0);

    // Done and cancelled measures count nothing.
    EXPECT_EQ(measure_progress_state(measure(2, MeasureStatus::kDone, 100), {2026, 1, 1}).clock,
              MeasureClock::kClosed);
    EXPECT_EQ(
        measure_progress_state(measure(3, MeasureStatus::kCancelled, std::nullopt), {2026, 1, 1})
            .clock,
        MeasureClock::kClosed);
}

TEST(MeasureProgressState, AHundredPercentMeasureMayBeMarkedDone) {
    Measure m = measure(1, MeasureStatus::kInProgress, 100);
    EXPECT_TRUE(can_mark_done(m));
    EXPECT_TRUE(measure_progress_state(m, {2026, 1, 1}).ready_to_mark_done);
    EXPECT_TRUE(mark_done(m));
    EXPECT_EQ(m.status, MeasureStatus::kDone);
    EXPECT_EQ(m.percent_complete, 100);
    EXPECT_FALSE(can_mark_done(m));  // already done
    EXPECT_FALSE(mark_done(m));

    Measure at_90 = measure(2, MeasureStatus::kInProgress, 90);
    EXPECT_FALSE(can_mark_done(at_90));
    EXPECT_FALSE(mark_done(at_90));
    EXPECT_EQ(at_90.status, MeasureStatus::kInProgress);

    Measure cancelled = measure(3, MeasureStatus::kCancelled, std::nullopt);
    EXPECT_FALSE(can_mark_done(cancelled));
    EXPECT_FALSE(measure_progress_state(cancelled, {2026, 1, 1}).ready_to_mark_done);
}

TEST(Numbering, TopicsTakeOneAboveTheHighestMeasuresNPlusOne) {
    Plan plan;
    EXPECT_EQ(next_topic_number(plan), 1);
    EXPECT_EQ(next_measure_number(plan), 1);
    plan.topics = {{1, "หนึ่ง"}, {4, "สี่"}, {2, "สอง"}};
    EXPECT_EQ(next_topic_number(plan), 5);
    EXPECT_EQ(add_topic(plan, "ห้า"), 5);
    ASSERT_EQ(plan.topics.size(), 4u);
    EXPECT_EQ(plan.topics.back(), (KnowledgeTopic{5, "ห้า"}));
    EXPECT_EQ(next_topic_number(plan), 6);
    plan.measures = {measure(1, MeasureStatus::kNotStarted, 0),
                     measure(2, MeasureStatus::kNotStarted, 0)};
    EXPECT_EQ(next_measure_number(plan), 3);
}

}  // namespace
}  // namespace itagap::core
