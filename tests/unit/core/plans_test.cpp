// Improvement plans and their monitoring, with hand-computed figures.
#include "core/plans.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/plan_monitoring.hpp"
#include "core/scoring.hpp"
#include "questionnaire_builder.hpp"

namespace itagap::core {
namespace {

using testing::make_table;
using testing::QuestionnaireBuilder;

constexpr double kEps = 1e-9;

CivilDate d(int y, int m, int day) { return CivilDate{y, m, day}; }

Measure measure(int number, Strategy strategy, MeasureStatus status, std::optional<int> percent,
                CivilDate start, CivilDate due) {
    Measure m;
    m.number = number;
    m.strategy = strategy;
    m.text = "มาตรการ " + std::to_string(number);
    m.owner = "กลุ่มงาน";
    m.status = status;
    m.percent_complete = percent;
    m.start_on = start;
    m.due_on = due;
    return m;
}

GapRef item_gap(const std::string& code, const std::string& instrument, double score) {
    GapRef g;
    g.ref = {ScoreLevel::kItem, code, 0};
    g.instrument = instrument;
    g.score = score;
    g.round = "R1";
    return g;
}

// A valid plan that exercises every part of the model.
Plan valid_plan() {
    Plan p;
    p.unit = {0, "ศูนย์ความร่วมมือระหว่างประเทศ", "ศรป."};
    p.fiscal_year_be = 2569;
    p.source_round = "R1";
    p.gaps = {item_gap("i12", "IIT", 81.82), item_gap("e7", "EIT", 86.67)};
    p.topics = {{1, "หัวข้อหนึ่ง"}, {2, "หัวข้อสอง"}};
    Measure m1 = measure(1, Strategy::kPartnership, MeasureStatus::kInProgress, 40, d(2025, 12, 1),
                         d(2026, 9, 30));
    m1.topics = {1, 2};
    m1.gaps = {1};
    m1.target = Target{{ScoreLevel::kItem, "e7", 0}, 90, "e7 >= 90"};
    Measure m2 = measure(2, Strategy::kBuildCapacity, MeasureStatus::kCancelled, std::nullopt,
                         d(2025, 12, 1), d(2026, 6, 30));
    m2.gaps = {0};
    p.measures = {m1, m2};
    Activity a;
    a.number = "4.1";
    a.title = "ประชุม";
    a.on = d(2025, 11, 20);
    a.starts_at = TimeOfDay{9, 30};
    a.ends_at = TimeOfDay{11, 0};
    a.participants = {{"ผู้แทน", std::nullopt}};
    a.measures = {1};
    p.activities = {a};
    return p;
}

::testing::AssertionResult HasProblem(const std::vector<Diagnostic>& problems,
                                      const std::string& where, const std::string& phrase) {
    for (const auto& e : problems) {
        if (e.where == where && e.expected.find(phrase) != std::string::npos) {
            return ::testing::AssertionSuccess();
        }
    }
    return ::testing::AssertionFailure()
           << "no problem at " << where << " mentioning \"" << phrase << "\"; got:\n"
           << to_string(problems);
}

// ---- Strategies and names ------------------------------------------------------

TEST(PlansTest, StrategyLettersAndNames) {
    EXPECT_EQ(strategy_letter(Strategy::kPartnership), 'P');
    EXPECT_EQ(strategy_letter(Strategy::kBuildCapacity), 'B');
    EXPECT_EQ(strategy_from_letter("I"), Strategy::kInvestment);
    EXPECT_EQ(strategy_from_letter("R"), Strategy::kRegulate);
    EXPECT_FALSE(strategy_from_letter("p"));
    EXPECT_FALSE(strategy_from_letter("PI"));
    EXPECT_FALSE(strategy_from_letter(""));
    EXPECT_EQ(strategy_label(Strategy::kPartnership), "P : Partnership");
    EXPECT_EQ(strategy_label(Strategy::kRegulate), "R : Regulate");
    EXPECT_EQ(strategy_label(Strategy::kAdvocate), "A : Advocate");
    EXPECT_EQ(strategy_label(Strategy::kBuildCapacity), "B : Build Capacity");
    EXPECT_EQ(strategy_name_en(Strategy::kInvestment), "Investment");
    for (Strategy s : kAllStrategies) EXPECT_FALSE(strategy_name_th(s).empty());
    EXPECT_EQ(strategy_name_th(Strategy::kBuildCapacity), "การเสริมสร้างศักยภาพ");
    EXPECT_EQ(measure_status_from_string("in_progress"), MeasureStatus::kInProgress);
    EXPECT_FALSE(measure_status_from_string("overdue"));
    EXPECT_EQ(to_string(ScoreRef{ScoreLevel::kIndicator, "", 8}), "indicator 8");
}

// ---- Overdue and quiet measures ----------------------------------------------------

TEST(PlansTest, PublicOwnerIsTheGroupUnlessThePlanPublishesNames) {
    Plan plan;
    Measure m;
    m.owner = "กลุ่มงานบริหารทั่วไป";
    m.contact_person = "นายสมชาย";
    EXPECT_EQ(public_owner(plan, m), "กลุ่มงานบริหารทั่วไป");
    plan.publish_contact_persons = true;
    EXPECT_EQ(public_owner(plan, m), "กลุ่มงานบริหารทั่วไป (นายสมชาย)");
    m.contact_person = "  ";
    EXPECT_EQ(public_owner(plan, m), "กลุ่มงานบริหารทั่วไป");
    m.contact_person = "นายสมชาย";
    m.owner.clear();
    EXPECT_EQ(public_owner(plan, m), "นายสมชาย");
}

TEST(PlansTest, OverdueFromTheDayAfterTheDueDate) {
    Measure m = measure(1, Strategy::kAdvocate, MeasureStatus::kInProgress, 50, d(2025, 12, 1),
                        d(2026, 3, 31));
    EXPECT_FALSE(is_overdue(m, d(2026, 3, 31)));
    EXPECT_TRUE(is_overdue(m, d(2026, 4, 1)));
    m.status = MeasureStatus::kNotStarted;
    EXPECT_TRUE(is_overdue(m, d(2026, 4, 1)));
    m.status = MeasureStatus::kDone;
    EXPECT_FALSE(is_overdue(m, d(2026, 4, 1)));
    m.status = MeasureStatus::kCancelled;
    EXPECT_FALSE(is_overdue(m, d(2026, 4, 1)));
}

TEST(PlansTest, DaysSinceLastUpdate) {
    Measure m = measure(1, Strategy::kAdvocate, MeasureStatus::kInProgress, 50, d(2025, 12, 1),
                        d(2026, 3, 31));
    EXPECT_EQ(days_since_last_update(m, d(2026, 1, 1)), 31);  // from start_on
    EXPECT_EQ(days_since_last_update(m, d(2025, 11, 30)), -1);
    EXPECT_EQ(latest_update(m), nullptr);
    m.updates = {{d(2026, 2, 1), 50, "ล่าสุด", {}}, {d(2026, 1, 10), 20, "ก่อน", {}}};
    EXPECT_EQ(days_since_last_update(m, d(2026, 2, 15)), 14);  // the latest by date
    ASSERT_NE(latest_update(m), nullptr);
    EXPECT_EQ(latest_update(m)->note, "ล่าสุด");
}

// ---- Validation ---------------------------------------------------------------------

TEST(PlansTest, ValidPlanHasNoProblems) {
    const auto problems = validate_plan(valid_plan());
    EXPECT_TRUE(problems.empty()) << to_string(problems);
}

TEST(PlansTest, MeasureNumbersMustBeUniqueAndOneToN) {
    Plan p = valid_plan();
    p.measures[1].number = 1;
    EXPECT_TRUE(
        HasProblem(validate_plan(p), "$.measures[1].number", "not already used by $.measures[0]"));
    p.measures[1].number = 3;
    EXPECT_TRUE(HasProblem(validate_plan(p), "$.measures[1].number", "from 1 to 2"));
}

TEST(PlansTest, ReferencesMustExist) {
    Plan p = valid_plan();
    p.measures[0].topics = {1, 7, 1};
    p.measures[0].gaps = {1, 5};
    p.activities[0].measures = {9};
    const auto problems = validate_plan(p);
    EXPECT_TRUE(HasProblem(problems, "$.measures[0].topics[1]", "topic in $.topics (1, 2)"));
    EXPECT_TRUE(HasProblem(problems, "$.measures[0].topics[2]", "at most once"));
    EXPECT_TRUE(HasProblem(problems, "$.measures[0].gaps[1]", "gap in $.gaps (1 to 2)"));
    EXPECT_TRUE(HasProblem(problems, "$.activities[0].measures[0]", "measure in $.measures"));
    EXPECT_EQ(problems.size(), 4u) << to_string(problems);
    // Gap references are shown as the format numbers them (index + 1).
    for (const auto& e : problems) {
        if (e.where == "$.measures[0].gaps[1]") {
            EXPECT_EQ(e.value, "6");
        }
    }
}

TEST(PlansTest, PercentAndStatusRules) {
    Plan p = valid_plan();
    p.measures[0].percent_complete = 101;
    EXPECT_TRUE(HasProblem(validate_plan(p), "$.measures[0].percent_complete", "0 to 100"));
    p.measures[0].percent_complete = std::nullopt;
    EXPECT_TRUE(HasProblem(validate_plan(p), "$.measures[0].percent_complete", "only a cancelled"));
    p.measures[0].status = MeasureStatus::kDone;
    p.measures[0].percent_complete = 90;
    EXPECT_TRUE(HasProblem(validate_plan(p), "$.measures[0].percent_complete",
                           "100 for a measure that is done"));
    p.measures[0].status = MeasureStatus::kNotStarted;
    EXPECT_TRUE(HasProblem(validate_plan(p), "$.measures[0].percent_complete",
                           "0 for a measure not started"));
    p = valid_plan();
    p.measures[0].updates = {{d(2026, 1, 1), -5, "", {}}};
    EXPECT_TRUE(
        HasProblem(validate_plan(p), "$.measures[0].updates[0].percent_complete", "0 to 100"));
}

TEST(PlansTest, DatesTimesAndTexts) {
    Plan p = valid_plan();
    p.measures[0].due_on = d(2025, 11, 30);
    p.measures[0].start_on = d(2025, 12, 1);
    p.activities[0].ends_at = TimeOfDay{9, 30};
    p.gaps[0].score = 181.82;
    p.gaps[0].answers = 11;
    p.gaps[0].favourable = 12;
    p.topics[1].number = 1;
    p.unit.name = " ";
    p.fiscal_year_be = 2026;
    const auto problems = validate_plan(p);
    EXPECT_TRUE(
        HasProblem(problems, "$.measures[0].due_on", "on or after the start date 2025-12-01"));
    EXPECT_TRUE(HasProblem(problems, "$.activities[0].time.end", "after the start time 09:30"));
    EXPECT_TRUE(HasProblem(problems, "$.gaps[0].score", "0 to 100"));
    EXPECT_TRUE(HasProblem(problems, "$.gaps[0].favourable", "at most the number of answers (11)"));
    EXPECT_TRUE(HasProblem(problems, "$.topics[1].number", "not already used by $.topics[0]"));
    EXPECT_TRUE(HasProblem(problems, "$.unit.name", "the unit's name"));
    EXPECT_TRUE(HasProblem(problems, "$.fiscal_year", "Buddhist era"));
    p = valid_plan();
    p.activities[0].ends_at.reset();
    p.measures[0].start_on = d(2025, 2, 29);
    p.gaps[1].ref = {ScoreLevel::kIndicator, "e7", 0};
    const auto more = validate_plan(p);
    EXPECT_TRUE(HasProblem(more, "$.activities[0].time", "both a start and an end time"));
    EXPECT_TRUE(HasProblem(more, "$.measures[0].start_on", "a real calendar date"));
    EXPECT_TRUE(HasProblem(more, "$.gaps[1].indicator", "1 or more"));
    EXPECT_TRUE(HasProblem(more, "$.gaps[1].code", "no code for a reference of kind indicator"));
}

// ---- Monitoring across plans ----------------------------------------------------------

// Two plans, seen on 2026-02-15:
//   A (ศรป.): 1 P in progress 40%, due 31 Jan, updated 5 Jan     -> overdue 15 d, quiet 41 d
//             2 P done 100%, due 15 Jan
//             3 R not started 0%, 1 Dec .. 31 Mar, no update       -> quiet 76 d
//             4 A cancelled
//             gaps g0 (by 1), g1 (none), g2 (by 4, cancelled)      -> g1, g2 unaddressed
//   B (กอง ข, id 7): 1 B in progress 70%, updated 1 Feb             -> quiet 14 d
//             2 P in progress 20%, from 15 Dec, due 10 Feb          -> overdue 5 d, quiet 62 d
std::vector<Plan> two_plans() {
    Plan a;
    a.unit = {0, "ศูนย์ความร่วมมือระหว่างประเทศ", "ศรป."};
    a.fiscal_year_be = 2569;
    a.gaps = {item_gap("i12", "IIT", 81.82), item_gap("e7", "EIT", 86.67),
              item_gap("e8", "EIT", 80)};
    Measure a1 = measure(1, Strategy::kPartnership, MeasureStatus::kInProgress, 40, d(2025, 12, 1),
                         d(2026, 1, 31));
    a1.updates = {{d(2026, 1, 5), 40, "", {}}};
    a1.gaps = {0};
    Measure a2 = measure(2, Strategy::kPartnership, MeasureStatus::kDone, 100, d(2025, 12, 1),
                         d(2026, 1, 15));
    Measure a3 = measure(3, Strategy::kRegulate, MeasureStatus::kNotStarted, 0, d(2025, 12, 1),
                         d(2026, 3, 31));
    Measure a4 = measure(4, Strategy::kAdvocate, MeasureStatus::kCancelled, std::nullopt,
                         d(2025, 12, 1), d(2026, 1, 1));
    a4.gaps = {2};
    a.measures = {a1, a2, a3, a4};

    Plan b;
    b.unit = {7, "กอง ข", ""};
    b.fiscal_year_be = 2569;
    b.gaps = {item_gap("i1", "IIT", 70)};
    Measure b1 = measure(1, Strategy::kBuildCapacity, MeasureStatus::kInProgress, 70,
                         d(2025, 12, 1), d(2026, 6, 30));
    b1.updates = {{d(2026, 2, 1), 70, "", {}}};
    b1.gaps = {0};
    Measure b2 = measure(2, Strategy::kPartnership, MeasureStatus::kInProgress, 20, d(2025, 12, 15),
                         d(2026, 2, 10));
    b.measures = {b1, b2};
    return {a, b};
}

TEST(PlanMonitoringTest, OverdueMeasures) {
    const auto plans = two_plans();
    const auto overdue = overdue_measures(plans, d(2026, 2, 15));
    ASSERT_EQ(overdue.size(), 2u);
    EXPECT_EQ(overdue[0].at, (MeasureAt{0, 0}));
    EXPECT_EQ(overdue[0].days_overdue, 15);
    EXPECT_EQ(overdue[1].at, (MeasureAt{1, 1}));
    EXPECT_EQ(overdue[1].days_overdue, 5);
}

TEST(PlanMonitoringTest, MeasuresWithoutUpdate) {
    const auto plans = two_plans();
    const auto quiet = measures_without_update(plans, d(2026, 2, 15), 30);
    ASSERT_EQ(quiet.size(), 3u);
    EXPECT_EQ(quiet[0].at, (MeasureAt{0, 0}));
    EXPECT_EQ(quiet[0].days_since_update, 41);
    EXPECT_FALSE(quiet[0].never_updated);
    EXPECT_EQ(quiet[1].at, (MeasureAt{0, 2}));
    EXPECT_EQ(quiet[1].days_since_update, 76);
    EXPECT_TRUE(quiet[1].never_updated);
    EXPECT_EQ(quiet[2].at, (MeasureAt{1, 1}));
    EXPECT_EQ(quiet[2].days_since_update, 62);
    // 14 days: b1 (updated 14 days ago) now counts too.
    EXPECT_EQ(measures_without_update(plans, d(2026, 2, 15), 14).size(), 4u);
    EXPECT_EQ(measures_without_update(plans, d(2026, 2, 15), 15).size(), 3u);
}

TEST(PlanMonitoringTest, ProgressByStrategy) {
    const auto progress = progress_by_strategy(two_plans());
    ASSERT_EQ(progress.size(), 5u);
    // P: 40, 100, 20 -> 160 / 3.
    EXPECT_EQ(progress[0].strategy, Strategy::kPartnership);
    EXPECT_EQ(progress[0].measures, 3u);
    EXPECT_EQ(progress[0].done, 1u);
    EXPECT_NEAR(progress[0].mean_percent_complete, 160.0 / 3.0, kEps);
    EXPECT_EQ(progress[1].strategy, Strategy::kInvestment);
    EXPECT_FALSE(progress[1].has_data());
    EXPECT_EQ(progress[2].measures, 1u);
    EXPECT_NEAR(progress[2].mean_percent_complete, 0, kEps);
    // A: only a cancelled measure, listed but not averaged.
    EXPECT_EQ(progress[3].measures, 0u);
    EXPECT_EQ(progress[3].cancelled, 1u);
    EXPECT_FALSE(progress[3].has_data());
    EXPECT_EQ(progress[4].strategy, Strategy::kBuildCapacity);
    EXPECT_NEAR(progress[4].mean_percent_complete, 70, kEps);
}

TEST(PlanMonitoringTest, UnaddressedGaps) {
    const auto gaps = unaddressed_gaps(two_plans());
    ASSERT_EQ(gaps.size(), 2u);
    EXPECT_EQ(gaps[0], (GapAt{0, 1}));
    EXPECT_EQ(gaps[1], (GapAt{0, 2}));  // addressed only by a cancelled measure
}

TEST(PlanMonitoringTest, UnitsWithoutPlan) {
    const auto plans = two_plans();
    const std::vector<UnitRef> units = {
        {0, "", "ศรป."},   // by short name
        {7, "ชื่อใหม่", ""},  // by id, whatever the name
        {8, "กอง ข", ""},  // another id: a different unit with the same name
        {0, "กอง ค", ""},
    };
    const auto missing = units_without_plan(plans, units, 2569);
    ASSERT_EQ(missing.size(), 2u);
    EXPECT_EQ(missing[0].id, 8);
    EXPECT_EQ(missing[1].name, "กอง ค");
    EXPECT_EQ(units_without_plan(plans, units, 2570).size(), 4u);
}

// ---- Effect against the next round ----------------------------------------------------

// IIT: indicator 1 = i11, i12 (reverse). EIT: indicator 8 = e7, e8.
Questionnaire small_ita() {
    return QuestionnaireBuilder()
        .instrument("IIT", 30)
        .indicator(1)
        .item("i11")
        .item("i12", true)
        .instrument("EIT", 30)
        .indicator(8)
        .item("e7")
        .item("e8")
        .build();
}

// Next round (options 4..6 favourable; i12 reversed, so written 1..3 is favourable):
//   IIT  i11: 6 5 4 2 -> 3/4 = 75     i12: 1 2 3 5 -> 3/4 = 75     indicator 1 = 75
//   EIT  e7: 6 6 5 4 1 -> 4/5 = 80    e8: no answers               indicator 8 = 80, EIT = 80
UnitRoundScore next_round(const Questionnaire& q) {
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{6, 1}, {5, 2}, {4, 3}, {2, 5}}, "ศรป.", "R2"));
    set.tables.push_back(
        make_table(q, "EIT", {{6, 0}, {6, 0}, {5, 0}, {4, 0}, {1, 0}}, "ศรป.", "R2"));
    return score_all(q, set).front();
}

TEST(PlanMonitoringTest, FindScoreAtEachLevel) {
    const Questionnaire q = small_ita();
    const UnitRoundScore next = next_round(q);
    auto item = find_score(q, next, {ScoreLevel::kItem, "e7", 0});
    ASSERT_TRUE(item);
    EXPECT_NEAR(item->score, 80, kEps);
    EXPECT_EQ(item->answers, 5u);
    EXPECT_EQ(item->favourable, 4u);
    auto indicator = find_score(q, next, {ScoreLevel::kIndicator, "", 1});
    ASSERT_TRUE(indicator);
    EXPECT_NEAR(indicator->score, 75, kEps);
    EXPECT_EQ(indicator->answers, 8u);
    EXPECT_EQ(indicator->favourable, 6u);
    EXPECT_EQ(indicator->respondents, 4u);
    auto instrument = find_score(q, next, {ScoreLevel::kInstrument, "EIT", 0});
    ASSERT_TRUE(instrument);
    EXPECT_NEAR(instrument->score, 80, kEps);
    EXPECT_EQ(instrument->answers, 5u);
    EXPECT_EQ(instrument->respondents, 5u);
    EXPECT_FALSE(find_score(q, next, {ScoreLevel::kItem, "e8", 0}));   // no answers
    EXPECT_FALSE(find_score(q, next, {ScoreLevel::kItem, "x99", 0}));  // not in the questionnaire
    EXPECT_FALSE(find_score(q, next, {ScoreLevel::kIndicator, "", 5}));
    EXPECT_FALSE(find_score(q, next, {ScoreLevel::kInstrument, "OIT", 0}));
}

TEST(PlanMonitoringTest, EffectOfThePlan) {
    const Questionnaire q = small_ita();
    const UnitRoundScore next = next_round(q);
    Plan plan;
    plan.gaps = {item_gap("i12", "IIT", 81.82), item_gap("e7", "EIT", 86.67),
                 GapRef{{ScoreLevel::kIndicator, "", 8}, "EIT", 88.33, 60, 53, 15, "R1", ""},
                 item_gap("x99", "IIT", 50)};
    const auto with_target = [](int number, ScoreRef ref, double min) {
        Measure m = measure(number, Strategy::kPartnership, MeasureStatus::kInProgress, 10,
                            d(2025, 12, 1), d(2026, 9, 30));
        m.target = Target{std::move(ref), min, ""};
        return m;
    };
    plan.measures = {
        with_target(1, {ScoreLevel::kItem, "e7", 0}, 80),   // 80 >= 80: met, exactly
        with_target(2, {ScoreLevel::kItem, "i12", 0}, 85),  // 75: not met by 10
        with_target(3, {ScoreLevel::kItem, "e8", 0}, 90),   // no answers: no data
        measure(4, Strategy::kAdvocate, MeasureStatus::kNotStarted, 0, d(2025, 12, 1),
                d(2026, 9, 30)),                                  // no target
        with_target(5, {ScoreLevel::kIndicator, "", 1}, 75),      // 75: met
        with_target(6, {ScoreLevel::kInstrument, "EIT", 0}, 90),  // 80: not met by 10
        with_target(7, {ScoreLevel::kItem, "zz", 0}, 50),         // unknown item: no data
    };
    const PlanEffect effect = evaluate_effect(plan, q, next);
    EXPECT_EQ(effect.round, "R2");
    ASSERT_EQ(effect.measures.size(), 7u);
    const TargetOutcome expected[] = {TargetOutcome::kMet,    TargetOutcome::kNotMet,
                                      TargetOutcome::kNoData, TargetOutcome::kNoTarget,
                                      TargetOutcome::kMet,    TargetOutcome::kNotMet,
                                      TargetOutcome::kNoData};
    for (std::size_t i = 0; i < 7; ++i) {
        EXPECT_EQ(effect.measures[i].measure, i);
        EXPECT_EQ(effect.measures[i].outcome, expected[i])
            << "measure " << i + 1 << ": " << to_string(effect.measures[i].outcome);
    }
    EXPECT_NEAR(*effect.measures[0].margin_points, 0, kEps);
    EXPECT_NEAR(effect.measures[1].observed->score, 75, kEps);
    EXPECT_NEAR(*effect.measures[1].margin_points, -10, kEps);
    EXPECT_FALSE(effect.measures[2].observed);
    EXPECT_FALSE(effect.measures[3].margin_points);
    EXPECT_NEAR(*effect.measures[5].margin_points, -10, kEps);

    ASSERT_EQ(effect.gaps.size(), 4u);
    EXPECT_NEAR(effect.gaps[0].before, 81.82, kEps);
    EXPECT_NEAR(effect.gaps[0].after->score, 75, kEps);
    EXPECT_NEAR(*effect.gaps[0].change_points, -6.82, kEps);
    EXPECT_NEAR(*effect.gaps[1].change_points, 80 - 86.67, kEps);
    EXPECT_EQ(effect.gaps[2].after->answers, 5u);
    EXPECT_NEAR(*effect.gaps[2].change_points, 80 - 88.33, kEps);
    EXPECT_FALSE(effect.gaps[3].after);
    EXPECT_FALSE(effect.gaps[3].change_points);
}

TEST(PlanMonitoringTest, TargetJustBelowIsNotMet) {
    // 89.995 shows as "90.00" but is below a target of 90.
    const Questionnaire q = small_ita();
    const UnitRoundScore next = next_round(q);
    Plan plan;
    Measure m = measure(1, Strategy::kRegulate, MeasureStatus::kInProgress, 10, d(2025, 12, 1),
                        d(2026, 9, 30));
    m.target = Target{{ScoreLevel::kItem, "e7", 0}, 80.005, ""};
    plan.measures = {m};
    EXPECT_EQ(evaluate_effect(plan, q, next).measures[0].outcome, TargetOutcome::kNotMet);
}

}  // namespace
}  // namespace itagap::core
