#include "input/plan_json.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/thai_date.hpp"

namespace {

using itagap::core::CivilDate;
using itagap::core::Diagnostic;
using itagap::core::MeasureStatus;
using itagap::core::Plan;
using itagap::core::ScoreLevel;
using itagap::core::Strategy;
using itagap::input::export_plan_json;
using itagap::input::parse_plan_json;

// A small valid plan. Each test below breaks it in one place by replacing a
// substring that occurs exactly once.
constexpr std::string_view kMinimal = R"json({
  "format": "itagap-plan/1",
  "unit": {"name": "หน่วยทดสอบ", "short_name": "นท."},
  "fiscal_year": 2569,
  "source_round": "R1",
  "gaps": [
    {"number": 1, "kind": "item", "code": "i12", "instrument": "IIT", "score": 81.82,
     "answers": 11, "favourable": 9, "respondents": 11, "round": "R1", "cause": "สับสน"},
    {"number": 2, "kind": "indicator", "indicator": 8, "instrument": "EIT", "score": 88.33, "round": "R1"}
  ],
  "topics": [{"number": 1, "text": "หัวข้อหนึ่ง"}, {"number": 2, "text": "หัวข้อสอง"}],
  "measures": [
    {"number": 1, "strategy": "P", "text": "มาตรการหนึ่ง", "rationale": "เหตุผล", "topics": [1, 2],
     "gaps": [2], "owner": "กลุ่มงาน", "start_on": "2025-12-01", "due_on": "2026-09-30",
     "target": {"kind": "item", "code": "e7", "min_score": 90, "description": "e7 >= 90"},
     "status": "in_progress", "percent_complete": 40,
     "updates": [{"date": "2026-01-15", "percent_complete": 40, "note": "ประชุมแล้ว", "evidence": [12]}]},
    {"number": 2, "strategy": "B", "text": "มาตรการสอง", "rationale": "", "topics": [], "gaps": [1],
     "owner": "ฝ่าย", "start_on": "2026-01-01", "due_on": "2026-03-31", "status": "not_started",
     "percent_complete": 0}
  ],
  "activities": [
    {"number": "4.1", "title": "ประชุม", "date": "2025-11-20", "time": {"start": "09:30", "end": "11:00"},
     "place": "ห้องประชุม", "participants": [{"group": "ผู้แทน", "count": null}, {"group": "ผู้บริหาร", "count": 3}],
     "summary": "สรุป", "measures": [1], "evidence": [5]}
  ]
})json";

std::string with(std::string_view from, std::string_view to,
                 std::string text = std::string(kMinimal)) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "not in the test plan: " << from;
    if (at == std::string::npos) return text;
    EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "occurs twice: " << from;
    text.replace(at, from.size(), to);
    return text;
}

std::vector<Diagnostic> errors_of(const std::string& text) {
    auto result = parse_plan_json(text, "plan.json");
    EXPECT_FALSE(result.ok()) << "expected the plan to be rejected";
    if (result.ok()) return {};
    return result.errors();
}

::testing::AssertionResult HasError(const std::vector<Diagnostic>& errors, std::string_view where,
                                    std::string_view phrase) {
    for (const auto& e : errors) {
        if (e.where == where && e.expected.find(phrase) != std::string::npos) {
            if (e.file != "plan.json") {
                return ::testing::AssertionFailure() << "wrong file name: " << e.to_string();
            }
            return ::testing::AssertionSuccess();
        }
    }
    return ::testing::AssertionFailure()
           << "no error at " << where << " mentioning \"" << phrase << "\"; got:\n"
           << itagap::core::to_string(errors);
}

// The one diagnostic of a rejected plan.
Diagnostic only_error(const std::string& text) {
    const auto errors = errors_of(text);
    EXPECT_EQ(errors.size(), 1u) << itagap::core::to_string(errors);
    return errors.empty() ? Diagnostic{} : errors.front();
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// ---- Accepted plans -------------------------------------------------------------

TEST(PlanJsonTest, MinimalParses) {
    auto result = parse_plan_json(kMinimal, "plan.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const Plan& p = result.value();
    EXPECT_EQ(p.unit.short_name, "นท.");
    EXPECT_EQ(p.fiscal_year_be, 2569);
    ASSERT_EQ(p.gaps.size(), 2u);
    EXPECT_EQ(p.gaps[0].favourable, 9u);
    EXPECT_EQ(p.gaps[1].ref.level, ScoreLevel::kIndicator);
    EXPECT_EQ(p.gaps[1].ref.indicator, 8);
    EXPECT_FALSE(p.gaps[1].answers);
    ASSERT_EQ(p.measures.size(), 2u);
    EXPECT_EQ(p.measures[0].gaps, (std::vector<int>{1}));  // gap number 2 -> index 1
    EXPECT_EQ(p.measures[0].target->min_score, 90);
    EXPECT_EQ(p.measures[0].updates[0].evidence_file_ids, (std::vector<std::int64_t>{12}));
    EXPECT_EQ(p.measures[1].strategy, Strategy::kBuildCapacity);
    EXPECT_FALSE(p.measures[1].target);
    EXPECT_FALSE(p.activities[0].participants[0].count);
    EXPECT_EQ(p.activities[0].participants[1].count, 3u);
}

TEST(PlanJsonTest, CancelledMeasureNeedsNoPercent) {
    const auto text = with(R"("status": "not_started",
     "percent_complete": 0})",
                           R"("status": "cancelled"})");
    auto result = parse_plan_json(text, "plan.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    EXPECT_EQ(result->measures[1].status, MeasureStatus::kCancelled);
    EXPECT_FALSE(result->measures[1].percent_complete);
}

TEST(PlanJsonTest, RoundTripEqualsEveryField) {
    auto first = parse_plan_json(kMinimal, "plan.json");
    ASSERT_TRUE(first.ok()) << itagap::core::to_string(first.errors());
    Plan plan = first.value();
    plan.id = 42;
    plan.unit.id = 7;
    plan.title = "แผน";
    plan.summary = "สรุปผล\nบรรทัดสอง \"อ้าง\"";
    plan.measures[1].status = MeasureStatus::kCancelled;
    plan.measures[1].percent_complete.reset();
    plan.measures[1].contact_person = "นางสาวสมศรี ใจดี";
    plan.publish_contact_persons = true;
    plan.measures[1].target = itagap::core::Target{{ScoreLevel::kInstrument, "EIT", 0}, 92.125, ""};
    plan.measures[0].updates.push_back({CivilDate{2026, 2, 29 - 1}, 55, "", {1, 2, 3}});
    plan.activities.push_back(plan.activities[0]);
    plan.activities[1].number = "4.2";
    plan.activities[1].starts_at.reset();
    plan.activities[1].ends_at.reset();
    plan.activities[1].measures.clear();
    plan.activities[1].evidence_file_ids.clear();
    ASSERT_TRUE(itagap::core::validate_plan(plan).empty())
        << itagap::core::to_string(itagap::core::validate_plan(plan));
    const std::string text = export_plan_json(plan);
    auto again = parse_plan_json(text, "export.json");
    ASSERT_TRUE(again.ok()) << itagap::core::to_string(again.errors()) << text;
    EXPECT_TRUE(again.value() == plan) << text;
    EXPECT_EQ(export_plan_json(again.value()), text);
}

// ---- The demo plan (the seed document's) --------------------------------------------

TEST(PlanJsonTest, DemoPlanIsTheSeeds) {
    const std::string path = std::string(ITAGAP_SOURCE_DIR) + "/data/demo/plan-2569.json";
    const std::string text = read_text(path);
    ASSERT_FALSE(text.empty()) << path;
    auto result = parse_plan_json(text, path);
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const Plan& p = result.value();
    EXPECT_EQ(p.unit.name, "ศูนย์ความร่วมมือระหว่างประเทศ");
    EXPECT_EQ(p.unit.short_name, "ศรป.");
    EXPECT_EQ(p.fiscal_year_be, 2569);
    EXPECT_EQ(p.source_round, "ITA 2568 รอบ 5 เดือนแรก");

    ASSERT_EQ(p.gaps.size(), 2u);
    EXPECT_EQ(p.gaps[0].ref.code, "i12");
    EXPECT_EQ(p.gaps[0].score, 81.82);
    EXPECT_EQ(p.gaps[0].favourable, 9u);
    EXPECT_EQ(p.gaps[0].answers, 11u);
    EXPECT_EQ(p.gaps[1].ref.code, "e7");
    EXPECT_EQ(p.gaps[1].score, 86.67);
    EXPECT_EQ(p.gaps[1].favourable, 13u);
    EXPECT_EQ(p.gaps[1].answers, 15u);
    EXPECT_NE(p.gaps[1].cause_note.find("หน่วยงานสนับสนุน"), std::string::npos);

    ASSERT_EQ(p.topics.size(), 4u);
    EXPECT_EQ(p.topics[1].text,
              "แผนปฏิบัติการ ส่งเสริมคุณธรรม จริยธรรมและป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569");

    ASSERT_EQ(p.measures.size(), 5u);
    const Strategy strategies[] = {Strategy::kPartnership, Strategy::kPartnership,
                                   Strategy::kRegulate, Strategy::kAdvocate,
                                   Strategy::kBuildCapacity};
    const std::vector<int> topics[] = {{1, 2}, {1, 2}, {3}, {4}, {}};
    const CivilDate first = itagap::core::fiscal_year_first_day(2569);
    const CivilDate last = itagap::core::fiscal_year_last_day(2569);
    for (int i = 0; i < 5; ++i) {
        const auto& m = p.measures[static_cast<std::size_t>(i)];
        EXPECT_EQ(m.number, i + 1);
        EXPECT_EQ(m.strategy, strategies[i]) << i + 1;
        EXPECT_EQ(m.topics, topics[i]) << i + 1;
        EXPECT_EQ(m.status, MeasureStatus::kNotStarted);
        EXPECT_EQ(m.percent_complete, 0);
        EXPECT_LE(first, m.start_on);
        EXPECT_LE(m.due_on, last);
    }
    EXPECT_EQ(p.measures[0].text,
              "เสริมสร้างการมีส่วนร่วมในการกำกับติดตามการดำเนินงาน คุณธรรมและความโปร่งใสในหน่วยงาน");
    EXPECT_EQ(p.measures[4].text, "พัฒนาทักษะการสื่อสารและการให้บริการที่เป็นธรรมแก่เจ้าหน้าที่");
    EXPECT_EQ(p.measures[0].rationale, p.measures[1].rationale);  // one P rationale for 1 and 2
    EXPECT_EQ(p.measures[4].target->ref.code, "i12");
    EXPECT_EQ(p.measures[4].target->min_score, 85);
    EXPECT_EQ(p.measures[0].target->ref.code, "e7");
    EXPECT_EQ(p.measures[0].target->min_score, 90);

    ASSERT_EQ(p.activities.size(), 1u);
    const auto& meeting = p.activities[0];
    EXPECT_EQ(meeting.number, "4.1");
    EXPECT_EQ(meeting.title, "จัดประชุมภายในเพื่อชี้แจงผลการประเมินและมาตรการแก้ไข");
    EXPECT_EQ(itagap::core::format_thai_date(meeting.on), "20 พ.ย. 2568");
    ASSERT_TRUE(meeting.starts_at && meeting.ends_at);
    EXPECT_EQ(itagap::core::format_thai_time_range(*meeting.starts_at, *meeting.ends_at),
              "09.30 - 11.00 น.");
    EXPECT_EQ(meeting.place, "ห้องประชุมศูนย์ความร่วมมือระหว่างประเทศ อาคาร 6 ชั้น 4");
    ASSERT_EQ(meeting.participants.size(), 1u);
    EXPECT_EQ(meeting.participants[0].group, "ผู้แทนจากกลุ่มงานต่าง ๆ");
    EXPECT_FALSE(meeting.participants[0].count);

    auto again = parse_plan_json(export_plan_json(p), "export.json");
    ASSERT_TRUE(again.ok()) << itagap::core::to_string(again.errors());
    EXPECT_TRUE(again.value() == p);
}

// ---- Malformed plans ----------------------------------------------------------------

TEST(PlanJsonTest, SyntaxErrorHasLine) {
    const Diagnostic e = only_error(with(R"("fiscal_year": 2569,)", R"("fiscal_year": 2569,,)"));
    EXPECT_EQ(e.file, "plan.json");
    EXPECT_EQ(e.line, 4u);
    EXPECT_NE(e.expected.find("valid JSON"), std::string::npos);
}

TEST(PlanJsonTest, TopLevelMustBeAnObject) {
    EXPECT_TRUE(HasError(errors_of("[1, 2]"), "$", "an object"));
}

TEST(PlanJsonTest, OtherFormatStopsEarly) {
    const Diagnostic e = only_error(with("itagap-plan/1", "itagap-plan/2"));
    EXPECT_EQ(e.where, "$.format");
    EXPECT_NE(e.expected.find("\"itagap-plan/1\""), std::string::npos);
}

TEST(PlanJsonTest, UnknownKey) {
    const Diagnostic e = only_error(with(R"("owner": "ฝ่าย")", R"("onwer": "ฝ่าย", "owner": "ฝ่าย")"));
    EXPECT_EQ(e.where, "$.measures[1].onwer");
    EXPECT_NE(e.expected.find("one of the keys"), std::string::npos);
}

TEST(PlanJsonTest, DuplicateKey) {
    EXPECT_TRUE(HasError(
        errors_of(with(R"("place": "ห้องประชุม",)", R"("place": "ห้องประชุม", "place": "ห้องอื่น",)")),
        "$.activities[0].place", "each key at most once"));
}

TEST(PlanJsonTest, MissingKey) {
    const Diagnostic e = only_error(with(R"("source_round": "R1",)", ""));
    EXPECT_EQ(e.where, "$.source_round");
    EXPECT_NE(e.expected.find("a required key"), std::string::npos);
}

TEST(PlanJsonTest, WrongType) {
    const Diagnostic e = only_error(with(R"("fiscal_year": 2569)", R"("fiscal_year": "2569")"));
    EXPECT_EQ(e.where, "$.fiscal_year");
    EXPECT_NE(e.expected.find("without quotes"), std::string::npos);
}

TEST(PlanJsonTest, GregorianFiscalYear) {
    EXPECT_TRUE(HasError(errors_of(with(R"("fiscal_year": 2569)", R"("fiscal_year": 2026)")),
                         "$.fiscal_year", "2400 to 2800"));
}

TEST(PlanJsonTest, ImpossibleDate) {
    const Diagnostic e =
        only_error(with(R"("start_on": "2026-01-01")", R"("start_on": "2026-02-29")"));
    EXPECT_EQ(e.where, "$.measures[1].start_on");
    EXPECT_NE(e.expected.find("YYYY-MM-DD"), std::string::npos);
}

TEST(PlanJsonTest, BuddhistEraDate) {
    const Diagnostic e = only_error(with(R"("date": "2025-11-20")", R"("date": "2568-11-20")"));
    EXPECT_EQ(e.where, "$.activities[0].date");
    EXPECT_NE(e.expected.find("write 2025"), std::string::npos);
}

TEST(PlanJsonTest, BadTime) {
    const Diagnostic e = only_error(with(R"("start": "09:30")", R"("start": "9.30")"));
    EXPECT_EQ(e.where, "$.activities[0].time.start");
    EXPECT_NE(e.expected.find("HH:MM"), std::string::npos);
}

TEST(PlanJsonTest, EndBeforeStart) {
    EXPECT_TRUE(HasError(errors_of(with(R"("end": "11:00")", R"("end": "08:00")")),
                         "$.activities[0].time.end", "after the start time 09:30"));
}

TEST(PlanJsonTest, UnknownStrategyLetter) {
    EXPECT_TRUE(HasError(errors_of(with(R"("strategy": "B")", R"("strategy": "X")")),
                         "$.measures[1].strategy", "one PIRAB letter"));
    EXPECT_TRUE(HasError(errors_of(with(R"("strategy": "B")", R"("strategy": "b")")),
                         "$.measures[1].strategy", "upper case"));
}

TEST(PlanJsonTest, UnknownStatusSaysOverdueIsComputed) {
    const Diagnostic e = only_error(with(R"("status": "in_progress")", R"("status": "overdue")"));
    EXPECT_EQ(e.where, "$.measures[0].status");
    EXPECT_NE(e.expected.find("overdue is computed"), std::string::npos);
}

TEST(PlanJsonTest, DuplicateMeasureNumbers) {
    const Diagnostic e =
        only_error(with(R"("number": 2, "strategy")", R"("number": 1, "strategy")"));
    EXPECT_EQ(e.where, "$.measures[1].number");
    EXPECT_NE(e.expected.find("not already used by $.measures[0]"), std::string::npos);
}

TEST(PlanJsonTest, MeasureNumbersOneToN) {
    EXPECT_TRUE(
        HasError(errors_of(with(R"("number": 2, "strategy")", R"("number": 3, "strategy")")),
                 "$.measures[1].number", "from 1 to 2"));
}

TEST(PlanJsonTest, DanglingTopic) {
    const Diagnostic e = only_error(with(R"("topics": [1, 2])", R"("topics": [1, 3])"));
    EXPECT_EQ(e.where, "$.measures[0].topics[1]");
    EXPECT_EQ(e.value, "3");
    EXPECT_NE(e.expected.find("topic in $.topics (1, 2)"), std::string::npos);
}

TEST(PlanJsonTest, DanglingGap) {
    const Diagnostic e = only_error(with(R"("gaps": [2])", R"("gaps": [3])"));
    EXPECT_EQ(e.where, "$.measures[0].gaps[0]");
    EXPECT_EQ(e.value, "3");
    EXPECT_NE(e.expected.find("gap in $.gaps (1 to 2)"), std::string::npos);
}

TEST(PlanJsonTest, GapsNumberedInOrder) {
    EXPECT_TRUE(HasError(errors_of(with(R"("number": 2, "kind")", R"("number": 5, "kind")")),
                         "$.gaps[1].number", "numbered 1, 2, 3"));
}

TEST(PlanJsonTest, PercentOutOfRange) {
    const Diagnostic e = only_error(with(R"("in_progress", "percent_complete": 40,)",
                                         R"("in_progress", "percent_complete": 140,)"));
    EXPECT_EQ(e.where, "$.measures[0].percent_complete");
    EXPECT_NE(e.expected.find("0 to 100"), std::string::npos);
    EXPECT_TRUE(HasError(
        errors_of(with(R"("percent_complete": 40, "note")", R"("percent_complete": -1, "note")")),
        "$.measures[0].updates[0].percent_complete", "0 to 100"));
}

TEST(PlanJsonTest, DoneNeedsHundredPercent) {
    const Diagnostic e = only_error(with(R"("status": "in_progress")", R"("status": "done")"));
    EXPECT_EQ(e.where, "$.measures[0].percent_complete");
    EXPECT_NE(e.expected.find("100 for a measure that is done"), std::string::npos);
}

TEST(PlanJsonTest, PercentRequiredUnlessCancelled) {
    const Diagnostic e = only_error(with(R"("status": "not_started",
     "percent_complete": 0})",
                                         R"("status": "not_started"})"));
    EXPECT_EQ(e.where, "$.measures[1].percent_complete");
    EXPECT_NE(e.expected.find("only a cancelled measure"), std::string::npos);
}

TEST(PlanJsonTest, DueBeforeStart) {
    const Diagnostic e = only_error(with(R"("due_on": "2026-03-31")", R"("due_on": "2025-12-31")"));
    EXPECT_EQ(e.where, "$.measures[1].due_on");
    EXPECT_NE(e.expected.find("on or after the start date 2026-01-01"), std::string::npos);
}

TEST(PlanJsonTest, IndicatorGapWithCode) {
    EXPECT_TRUE(HasError(errors_of(with(R"("kind": "indicator", "indicator": 8)",
                                        R"("kind": "indicator", "code": "e7", "indicator": 8)")),
                         "$.gaps[1].code", "no \"code\" for kind \"indicator\""));
}

TEST(PlanJsonTest, ParticipantCountMustBeAWholeNumber) {
    EXPECT_TRUE(HasError(errors_of(with(R"("count": 3)", R"("count": "สาม")")),
                         "$.activities[0].participants[1].count", "whole number"));
}

TEST(PlanJsonTest, EvidenceIdsArePositive) {
    EXPECT_TRUE(HasError(errors_of(with(R"("evidence": [5])", R"("evidence": [0])")),
                         "$.activities[0].evidence[0]", "1 or more"));
}

TEST(PlanJsonTest, MissingStatusIsReportedOnce) {
    // No second complaint about the percentage of a measure whose status is unknown.
    const Diagnostic e = only_error(with(R"("status": "in_progress", )", ""));
    EXPECT_EQ(e.where, "$.measures[0].status");
}

TEST(PlanJsonTest, AllErrorsTogether) {
    std::string text = with(R"("strategy": "P")", R"("strategy": "Q")");
    text = with(R"("topics": [1, 2])", R"("topics": [9])", text);
    text = with(R"("date": "2025-11-20")", R"("date": "20/11/2568")", text);
    text = with(R"("score": 81.82)", R"("score": 181.82)", text);
    const auto errors = errors_of(text);
    EXPECT_EQ(errors.size(), 4u) << itagap::core::to_string(errors);
    EXPECT_TRUE(HasError(errors, "$.measures[0].strategy", "PIRAB"));
    EXPECT_TRUE(HasError(errors, "$.measures[0].topics[0]", "topic in $.topics"));
    EXPECT_TRUE(HasError(errors, "$.activities[0].date", "YYYY-MM-DD"));
    EXPECT_TRUE(HasError(errors, "$.gaps[0].score", "0 to 100"));
    for (const auto& e : errors) {
        EXPECT_NE(e.to_string().find("plan.json: $."), std::string::npos) << e.to_string();
    }
}

}  // namespace
