// The narrative says the right thing for hand-made data sets: ties, one
// instrument, everything above target, a previous round, a misread item.
#include "report/narrative.hpp"

#include <gtest/gtest.h>

#include "questionnaire_builder.hpp"

namespace itagap::report {
namespace {

using core::Questionnaire;
using core::ResponseSet;
using testing::make_table;
using testing::QuestionnaireBuilder;

Questionnaire ita() {
    return QuestionnaireBuilder()
        .instrument("IIT", 30)
        .indicator(1)
        .item("i1")
        .item("i2", true)
        .indicator(2)
        .item("i3")
        .instrument("EIT", 30)
        .indicator(6)
        .item("e1")
        .indicator(7)
        .item("e2")
        .instrument("OIT", 40)
        .indicator(9)
        .build();
}

std::string narrative_of(const Questionnaire& q, const ResponseSet& set, std::size_t index = 0,
                         Language language = Language::kThai) {
    auto scores = core::score_all(q, set);
    auto gaps = core::analyse_all(q, set, scores, 85);
    std::string out;
    for (const auto& p : narrate(q, scores[index], gaps[index], language)) out += p + "\n";
    return out;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(NarrativeTest, HighestLowestAndLowestItemWithCounts) {
    Questionnaire q = ita();
    ResponseSet set;
    // i1 3/4 = 75, i2 (rev) 4/4 = 100 -> ind 1 = 87.5; i3 4/4 -> ind 2 = 100.
    set.tables.push_back(
        make_table(q, "IIT", {{6, 1, 6}, {6, 1, 6}, {6, 1, 6}, {1, 1, 6}}, "หน่วย", "รอบ 1"));
    std::string text = narrative_of(q, set);
    EXPECT_TRUE(contains(text, "ผลคะแนนการประเมิน IIT รอบ 1 (หน่วย) ได้คะแนนร้อยละ 93.75 ระดับ A"));
    EXPECT_TRUE(contains(text,
                         "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 2 ตัวชี้วัด 2 (ร้อยละ 100.00) "
                         "ขณะที่คะแนนต่ำสุด คือ ตัวชี้วัดที่ 1 ตัวชี้วัด 1 (ร้อยละ 87.50)"))
        << text;
    EXPECT_TRUE(contains(text, "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ 75.00) คือ “i1 ข้อ i1” (3 จาก 4 คำตอบ)"))
        << text;
    EXPECT_TRUE(contains(text, "ข้อย่อยที่ได้คะแนนต่ำกว่าเป้าหมายร้อยละ 85.00 ได้แก่ i1 (ร้อยละ 75.00)"))
        << text;
    EXPECT_TRUE(contains(text, "ยังไม่มีผลรอบก่อนของหน่วยงานนี้ให้เปรียบเทียบ"));
    // Only IIT: the total is IIT alone, rescaled, and says what is missing.
    EXPECT_TRUE(contains(text,
                         "คะแนนรวม ITA ร้อยละ 93.75 ระดับ A ผ่านเกณฑ์ร้อยละ 85.00 "
                         "(คิดจาก IIT โดยปรับน้ำหนักตามสัดส่วน เนื่องจากยังไม่มีผล EIT และ OIT)"))
        << text;
    EXPECT_FALSE(contains(text, "EIT รอบ 1"));
}

TEST(NarrativeTest, TiedIndicatorsAndItemsAreAllNamed) {
    Questionnaire q = ita();
    ResponseSet set;
    // e1 1/2 = 50, e2 1/2 = 50: both indicators tie at 50.
    set.tables.push_back(make_table(q, "EIT", {{6, 6}, {1, 1}}));
    std::string text = narrative_of(q, set);
    EXPECT_TRUE(contains(text, "ทุกตัวชี้วัดได้คะแนนเท่ากัน (ร้อยละ 50.00)")) << text;
    EXPECT_TRUE(contains(text,
                         "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ 50.00) มี 2 ข้อ คือ “e1 ข้อ e1” "
                         "(1 จาก 2 คำตอบ) และ “e2 ข้อ e2” (1 จาก 2 คำตอบ)"))
        << text;
    EXPECT_TRUE(contains(text, "ตัวชี้วัดที่ได้คะแนนต่ำกว่าเป้าหมายร้อยละ 85.00 ได้แก่ ตัวชี้วัดที่ 6"));
    EXPECT_TRUE(contains(text, "ยังไม่ผ่านเกณฑ์ร้อยละ 85.00"));
}

TEST(NarrativeTest, EverythingAboveTarget) {
    Questionnaire q = ita();
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{6, 1, 6}, {5, 2, 4}}));
    set.tables.push_back(make_table(q, "EIT", {{6, 6}, {4, 5}}));
    std::string text = narrative_of(q, set);
    EXPECT_TRUE(contains(text, "ทุกตัวชี้วัดและทุกข้อย่อยได้คะแนนไม่ต่ำกว่าเป้าหมายร้อยละ 85.00")) << text;
    EXPECT_FALSE(contains(text, "ต่ำกว่าเป้าหมายร้อยละ 85.00 ได้แก่"));
    EXPECT_TRUE(contains(text, "คิดจาก IIT และ EIT โดยปรับน้ำหนักตามสัดส่วน เนื่องจากยังไม่มีผล OIT")) << text;
}

TEST(NarrativeTest, MisreadReverseItemIsExplainedWithAnEstimate) {
    Questionnaire q = ita();
    ResponseSet set;
    // i2 is reverse; two respondents chose option 6 ("หก") while i1 was favourable.
    set.tables.push_back(make_table(q, "IIT", {{6, 6, 6}, {5, 6, 6}, {6, 1, 6}, {6, 2, 6}}));
    std::string text = narrative_of(q, set);
    EXPECT_TRUE(contains(text, "ข้อ i2 เป็นข้อคำถามเชิงลบ (คิดคะแนนกลับด้าน) ผู้ตอบ 2 จาก 4 คน เลือก “หก”"))
        << text;
    EXPECT_TRUE(contains(text, "คะแนนข้อนี้จะเป็นประมาณร้อยละ 100.00 (ค่าประมาณ)")) << text;
}

TEST(NarrativeTest, ChangeFromThePreviousRound) {
    Questionnaire q = ita();
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{6, 1, 6}, {1, 1, 6}}, "u", "รอบ 1"));  // 87.5
    set.tables.push_back(make_table(q, "IIT", {{6, 1, 6}, {6, 1, 1}}, "u", "รอบ 2"));  // 75
    std::string text = narrative_of(q, set, 1);
    EXPECT_TRUE(
        contains(text, "เมื่อเทียบกับ รอบ 1 IIT ลดลง 12.50 คะแนน (จากร้อยละ 87.50 เป็นร้อยละ 75.00)"))
        << text;
}

TEST(NarrativeTest, EnglishUsesTheEnglishCatalogue) {
    Questionnaire q = ita();
    ResponseSet set;
    set.tables.push_back(make_table(q, "EIT", {{6, 6}, {6, 1}}, "Unit A", "R1"));
    std::string text = narrative_of(q, set, 0, Language::kEnglish);
    EXPECT_TRUE(contains(text, "EIT results, R1 (Unit A): score 75.00, grade B")) << text;
    EXPECT_TRUE(contains(text, "The highest indicator is indicator 6")) << text;
    EXPECT_TRUE(contains(text, "There is no previous round of this unit to compare with."));
}

}  // namespace
}  // namespace itagap::report
