// The KPI 2.1 attachment built from data: for the demo data set and plan,
// every figure and fact of the seed document comes out
// (shared/seed/ita-kpi-2.1-attachment.txt); for hand-made sets, the document
// adapts (one instrument, no plan, cancelled and overdue measures).
#include "report/kpi_attachment.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/gaps.hpp"
#include "core/sample_size.hpp"
#include "core/scoring.hpp"
#include "input/plan_json.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "questionnaire_builder.hpp"
#include "report/html/document_html.hpp"

namespace itagap::report {
namespace {

std::string read(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Every word of the document, one block or cell per line.
std::string all_text(const Document& d) {
    std::string out = d.title + "\n";
    for (const Block& b : d.blocks) {
        if (const auto* h = std::get_if<Heading>(&b)) out += h->text + "\n";
        if (const auto* p = std::get_if<Paragraph>(&b)) out += p->text + "\n";
        if (const auto* t = std::get_if<Table>(&b)) {
            for (const auto& h : t->header) out += h + "\n";
            for (const auto& row : t->rows)
                for (const auto& c : row) out += c.text + "\n";
        }
        if (const auto* c = std::get_if<Chart>(&b)) {
            for (const auto& bar : c->bars) out += bar.label + " " + bar.value_text + "\n";
        }
    }
    return out + d.footer_note + "\n";
}

std::vector<const Table*> tables(const Document& d) {
    std::vector<const Table*> out;
    for (const Block& b : d.blocks)
        if (const auto* t = std::get_if<Table>(&b)) out.push_back(t);
    return out;
}

class DemoAttachmentTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto q = input::parse_questionnaire_json(read("data/questionnaires/ita-internal-2568.json"),
                                                 "q.json");
        ASSERT_TRUE(q.ok()) << core::to_string(q.errors());
        q_ = std::move(q).value();
        auto r = input::parse_responses_csv(q_, read("data/demo/responses.csv"), "responses.csv");
        ASSERT_TRUE(r.ok()) << core::to_string(r.errors());
        responses_ = std::move(r).value();
        scores_ = core::score_all(q_, responses_);
        gaps_ = core::analyse_all(q_, responses_, scores_, 85);
        auto plan = input::parse_plan_json(read("data/demo/plan-2569.json"), "plan-2569.json");
        ASSERT_TRUE(plan.ok()) << core::to_string(plan.errors());
        plan_ = std::move(plan).value();
    }

    KpiAttachmentInput input(const core::Plan* plan) {
        KpiAttachmentInput in;
        in.questionnaire = &q_;
        in.score = &scores_[0];
        in.gaps = &gaps_[0];
        in.plan = plan;
        in.unit_name = "ศูนย์ความร่วมมือระหว่างประเทศ";
        in.unit_short_name = "ศรป.";
        in.round_name = "ITA 2568 รอบ 5 เดือนแรก";
        in.fiscal_year_be = 2569;
        in.today = core::CivilDate{2026, 4, 15};
        return in;
    }

    core::Questionnaire q_;
    core::ResponseSet responses_;
    std::vector<core::UnitRoundScore> scores_;
    std::vector<core::UnitRoundGaps> gaps_;
    core::Plan plan_;
};

TEST_F(DemoAttachmentTest, EveryFigureAndFactOfTheSeedComesOut) {
    const Document d = kpi_attachment(input(&plan_));
    EXPECT_TRUE(check_document(d).empty());
    const std::string text = all_text(d);
    const std::vector<std::string> facts = {
        "เอกสารแนบผลการดำเนินงานตัวชี้วัด 2.1 (ศูนย์ความร่วมมือระหว่างประเทศ ปีงบประมาณ 2569)",
        "กิจกรรม 4.1: จัดประชุมภายในเพื่อชี้แจงผลการประเมินและมาตรการแก้ไข",
        // The meeting: date, unit, what, place, time, who.
        "วันที่ 20 พ.ย. 2568 ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.) "
        "จัดประชุมภายในเพื่อชี้แจงผลการประเมินและมาตรการแก้ไข "
        "ณ ห้องประชุมศูนย์ความร่วมมือระหว่างประเทศ อาคาร 6 ชั้น 4 เวลา 09.30 - 11.00 น. "
        "โดยมีผู้แทนจากกลุ่มงานต่าง ๆ เข้าร่วม",
        // IIT: highest 3, lowest 1, lowest item i12 at 81.82 (9 of 11).
        "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 3 การใช้อำนาจ",
        "ขณะที่คะแนนต่ำสุด คือ ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่",
        "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ 81.82) คือ “i12 เจ้าหน้าที่ในหน่วยงานของท่าน "
        "มีการเลือกปฏิบัติอย่างไม่เป็นธรรม "
        "ต่อผู้มาติดต่อหรือผู้มารับบริการ มากน้อยเพียงใด” (9 จาก 11 คำตอบ)",
        // EIT: highest 6 at 93.33, lowest 8 at 88.33, lowest items at 86.67 with e7.
        "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน (ร้อยละ 93.33)",
        "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน (ร้อยละ 88.33)",
        "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ 86.67)",
        "“e7 หน่วยงานมีการเปิดโอกาสให้บุคคลภายนอกได้เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงานของหน่วยงาน” "
        "(13 จาก 15 คำตอบ)",
        // The misread reverse-worded item.
        "ข้อ i12 เป็นข้อคำถามเชิงลบ",
        // The team's causes, tied to the lowest items.
        "เมื่อพิจารณาผลคะแนน IIT คะแนนต่ำสุด คือ ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ข้อย่อย “i12 เจ้าหน้าที่ในหน่วยงานของท่าน "
        "มีการเลือกปฏิบัติอย่างไม่เป็นธรรม ต่อผู้มาติดต่อหรือผู้มารับบริการ มากน้อยเพียงใด” (ร้อยละ 81.82) พบว่า "
        "ผู้ตอบบางส่วนสับสนกับข้อความทำให้เลือกคำตอบผิดจากที่ตั้งใจไว้ ซึ่งอาจเกิดจากการสื่อสารที่ไม่ชัดเจน",
        "สำหรับผลคะแนน EIT ต่ำสุด คือ ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน ข้อย่อย “e7 "
        "หน่วยงานมีการเปิดโอกาสให้บุคคลภายนอกได้เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงานของหน่วยงาน” "
        "(ร้อยละ 86.67) เนื่องจากศรป. เป็นหน่วยงานสนับสนุน ไม่ใช่หน่วยบริการประชาชนโดยตรง",
        "ผลคะแนนของข้อนี้ยังอยู่ในด้านบวก คือ ค่อนข้างเห็นด้วย - เห็นด้วยอย่างยิ่ง",
        "ควรดำเนินการปิดช่องว่าง (Gap) ทั้ง 2 ประเด็นอย่างเป็นระบบ",
        "โดยนำกลยุทธ์ PIRAB มาใช้เป็นกรอบแนวทาง",
        // The PIRAB table, every measure, rationale and topic.
        "P : Partnership",
        "R : Regulate",
        "A : Advocate",
        "B : Build Capacity",
        "1. เสริมสร้างการมีส่วนร่วมในการกำกับติดตามการดำเนินงาน คุณธรรมและความโปร่งใสในหน่วยงาน",
        "2. สร้างเครือข่ายความร่วมมือกับหน่วยงานภายในและภายนอกในการดำเนินงาน คุณธรรมและความโปร่งใส",
        "3. กำกับ ติดตามการดำเนินงาน คุณธรรมและความโปร่งใสของ ครป. และรายงานต่อผู้บริหาร อย่างสม่ำเสมอ",
        "4. สื่อสารผลการประเมิน IIT/EIT และมาตรการแก้ไข ผ่านช่องทางออนไลน์และประชุมภายใน",
        "5. พัฒนาทักษะการสื่อสารและการให้บริการที่เป็นธรรมแก่เจ้าหน้าที่",
        "เพื่อให้ผู้มีส่วนได้ส่วนเสียภายใน/ภายนอก มีความเข้าใจในกระบวนการทำงานของหน่วยงาน",
        "ลดช่องว่างที่เกิดจากความซับซ้อนของหลักเกณฑ์และระเบียบที่มีการปรับปรุงใหม่",
        "รวมถึงลดความสับสนที่อาจเกิดขึ้นจากการสื่อสารไม่ชัดเจน",
        "ลดความเสี่ยงต่อการเลือกปฏิบัติ",
        "1. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: "
        "IIT)\n"
        "2. แผนปฏิบัติการ ส่งเสริมคุณธรรม จริยธรรมและป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569",
        "3. ข้อมูลความรู้ด้านแผนงาน งบประมาณ",
        "4. กระบวนการของหน่วยงาน",
        // The chart: indicator scores against the target.
        "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (IIT) 96.97",
        "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน (EIT) 88.33",
        "จัดทำโดยระบบ itagap จากข้อมูลในระบบ เมื่อวันที่ 15 เม.ย. 2569",
    };
    for (const auto& fact : facts)
        EXPECT_TRUE(contains(text, fact)) << "missing: " << fact << "\n\n" << text;
    // The cause of e7 starts with "เนื่องจาก" and needs no "พบว่า" before it.
    EXPECT_FALSE(contains(text, "พบว่า เนื่องจาก"));
}

TEST_F(DemoAttachmentTest, PirabCellsSpanTheMeasuresTheyServe) {
    const Document d = kpi_attachment(input(&plan_));
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 2u);  // PIRAB, then monitoring
    const Table& pirab = *t[0];
    ASSERT_EQ(pirab.rows.size(), 5u);  // measures 1-5; no I measure in the demo, so no I row
    // Strategy: P over measures 1 and 2; R, A, B alone.
    EXPECT_EQ(pirab.rows[0][0].text, "P : Partnership");
    EXPECT_EQ(pirab.rows[0][0].row_span, 2);
    EXPECT_TRUE(pirab.rows[1][0].covered);
    EXPECT_EQ(pirab.rows[2][0].text, "R : Regulate");
    EXPECT_EQ(pirab.rows[2][0].row_span, 1);
    // Measures 1 and 2 share their rationale and topics 1-2: one cell each.
    EXPECT_EQ(pirab.rows[0][2].row_span, 2);
    EXPECT_TRUE(pirab.rows[1][2].covered);
    EXPECT_EQ(pirab.rows[0][3].row_span, 2);
    EXPECT_TRUE(pirab.rows[1][3].covered);
    // Measure 5 (B) has no topic: an empty cell of its own.
    EXPECT_EQ(pirab.rows[4][3].text, "");
    EXPECT_EQ(pirab.rows[4][3].row_span, 1);
    EXPECT_FALSE(pirab.rows[4][3].covered);
    EXPECT_EQ(pirab.rows[4][1].text, "5. พัฒนาทักษะการสื่อสารและการให้บริการที่เป็นธรรมแก่เจ้าหน้าที่");
}

TEST_F(DemoAttachmentTest, MonitoringListsStatusOverdueAndCancelled) {
    core::Plan plan = plan_;
    // Measure 4 is due 31 Mar 2569 and not started: overdue on 15 Apr 2569.
    plan.measures[2].status = core::MeasureStatus::kCancelled;  // measure 3
    plan.measures[2].percent_complete.reset();
    plan.measures[4].status = core::MeasureStatus::kInProgress;  // measure 5
    plan.measures[4].percent_complete = 40;
    const Document d = kpi_attachment(input(&plan));
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 2u);
    // The cancelled measure leaves the PIRAB table but stays in monitoring.
    EXPECT_EQ(t[0]->rows.size(), 4u);
    EXPECT_FALSE(contains(all_text(Document{"", "", {*t[0]}, "", ""}), "3. กำกับ"));
    const Table& monitoring = *t[1];
    ASSERT_EQ(monitoring.rows.size(), 5u);
    EXPECT_EQ(monitoring.rows[2][3].text, "ยกเลิก");
    EXPECT_EQ(monitoring.rows[2][4].text, "-");
    EXPECT_EQ(monitoring.rows[3][2].text, "31 มี.ค. 2569");
    EXPECT_EQ(monitoring.rows[3][3].text, "ยังไม่เริ่ม (เกินกำหนด)");
    EXPECT_EQ(monitoring.rows[4][3].text, "กำลังดำเนินการ");
    EXPECT_EQ(monitoring.rows[4][4].text, "40");
}

TEST_F(DemoAttachmentTest, WithoutAPlanTheFindingsAndChartOnly) {
    const Document d = kpi_attachment(input(nullptr));
    EXPECT_TRUE(check_document(d).empty());
    const std::string text = all_text(d);
    EXPECT_TRUE(contains(
        text, "เอกสารแนบผลการดำเนินงานตัวชี้วัด 2.1 (ศูนย์ความร่วมมือระหว่างประเทศ ปีงบประมาณ 2569)"));
    EXPECT_TRUE(contains(text, "ยังไม่มีแผนพัฒนาที่จัดทำจากผลการประเมินรอบนี้"));
    EXPECT_TRUE(contains(text, "ตัวชี้วัดที่ 3 การใช้อำนาจ"));
    EXPECT_TRUE(tables(d).empty());
    EXPECT_FALSE(contains(text, "กิจกรรม 4.1"));
}

TEST_F(DemoAttachmentTest, HtmlHasTheSpansTheChartAndEscapedText) {
    core::Plan plan = plan_;
    plan.measures[0].text = "<script>alert(1)</script> & \"x\"";
    const std::string html = document_html(kpi_attachment(input(&plan)));
    EXPECT_TRUE(contains(html, "<html lang=\"th\">"));
    EXPECT_TRUE(contains(html, "<td rowspan=\"2\">P : Partnership</td>")) << html;
    EXPECT_TRUE(contains(html, "1. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    EXPECT_FALSE(contains(html, "<script"));
    EXPECT_TRUE(contains(html, "<svg"));
    EXPECT_TRUE(contains(html, "@page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }"));
    // Topics of one cell on separate lines.
    EXPECT_TRUE(
        contains(html, "(Internal Integrity and Transparency Assessment: IIT)<br>2. แผนปฏิบัติการ"));
}

TEST_F(DemoAttachmentTest, EnglishSentencesAroundTheAgencysOwnWords) {
    KpiAttachmentInput in = input(&plan_);
    in.language = Language::kEnglish;
    const std::string text = all_text(kpi_attachment(in));
    EXPECT_TRUE(contains(text, "Activity 4.1: จัดประชุมภายในเพื่อชี้แจงผลการประเมินและมาตรการแก้ไข"))
        << text;
    EXPECT_TRUE(contains(text, "On 2025-11-20, ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.) held:")) << text;
    EXPECT_TRUE(contains(text, "09:30-11:00,")) << text;
    EXPECT_TRUE(contains(text, "The highest indicator is indicator 3")) << text;
    EXPECT_TRUE(contains(text, "Made by itagap from the data it holds, on 2026-04-15")) << text;
    EXPECT_FALSE(contains(text, "11.00 น.")) << text;
}

// The seed unit: 11 staff, 11 IIT and 15 EIT respondents. With 45 staff the
// IIT minimum is 30 (10% is 4.5 -> 5, at least 30); 11 staff give 11 (fewer
// than 30: everyone); clients not set.
TEST_F(DemoAttachmentTest, SaysWhetherEachMinimumWasReached) {
    const std::string plain = all_text(kpi_attachment(input(nullptr)));
    EXPECT_FALSE(contains(plain, "จำนวนขั้นต่ำ"));  // no sample given: no sentence

    KpiAttachmentInput in = input(nullptr);
    in.sample = core::sample_progress(q_, 45, std::nullopt, {11, 15, 0});
    std::string text = all_text(kpi_attachment(in));
    EXPECT_TRUE(contains(text,
                         "แบบวัด IIT มีผู้ตอบ 11 คน ยังไม่ถึงจำนวนขั้นต่ำ 30 คน (จากบุคลากร 45 คน) "
                         "แบบวัด EIT มีผู้ตอบ 15 คน แต่ยังไม่ได้กำหนดจำนวนผู้รับบริการของหน่วยงาน "
                         "จึงยังไม่ทราบจำนวนขั้นต่ำ\n"))
        << text;
    in.sample = core::sample_progress(q_, 11, 4001, {11, 15, 0});
    text = all_text(kpi_attachment(in));
    EXPECT_TRUE(contains(text, "แบบวัด IIT มีผู้ตอบ 11 คน ถึงจำนวนขั้นต่ำ 11 คนแล้ว (จากบุคลากร 11 คน)"))
        << text;
    EXPECT_TRUE(
        contains(text, "แบบวัด EIT มีผู้ตอบ 15 คน ยังไม่ถึงจำนวนขั้นต่ำ 400 คน (จากผู้รับบริการ 4,001 คน)"))
        << text;

    in.language = Language::kEnglish;
    text = all_text(kpi_attachment(in));
    EXPECT_TRUE(
        contains(text,
                 "The IIT had 11 respondents, reaching the minimum of 11 (of 11 staff). The "
                 "EIT had 15 respondents, short of the minimum of 400 (of 4,001 clients)."))
        << text;
}

TEST(KpiAttachmentTest, OneInstrumentOnlyAndEverythingAboveTarget) {
    using testing::make_table;
    const core::Questionnaire q = testing::QuestionnaireBuilder()
                                      .instrument("IIT", 30)
                                      .indicator(1)
                                      .item("i1")
                                      .item("i2")
                                      .indicator(2)
                                      .item("i3")
                                      .instrument("EIT", 30)
                                      .indicator(6)
                                      .item("e1")
                                      .build();
    core::ResponseSet set;
    // Options 4-6 are favourable. i1: 6 5 4 6 -> 4/4; i2: 6 6 - 5 -> 3/3 (one not
    // answered); i3: 6 4 6 5 -> 4/4. Indicators 1 and 2 are both 100. No EIT at all.
    set.tables.push_back(
        make_table(q, "IIT", {{6, 6, 6}, {5, 6, 4}, {4, 0, 6}, {6, 5, 5}}, "หน่วย ก", "รอบ 1"));
    const auto scores = core::score_all(q, set);
    const auto gaps = core::analyse_all(q, set, scores, 85);
    KpiAttachmentInput in;
    in.questionnaire = &q;
    in.score = &scores[0];
    in.gaps = &gaps[0];
    in.unit_name = "หน่วย ก";
    in.round_name = "รอบ 1";
    in.today = core::CivilDate{2026, 1, 5};
    const Document d = kpi_attachment(in);
    const std::string text = all_text(d);
    EXPECT_TRUE(contains(text, "เอกสารแนบผลการดำเนินงานตัวชี้วัด 2.1 (หน่วย ก)")) << text;
    // Every indicator 100: highest and lowest are the same, said once.
    EXPECT_TRUE(contains(text, "ทุกตัวชี้วัดและทุกข้อย่อยได้คะแนนไม่ต่ำกว่าเป้าหมายร้อยละ 85.00")) << text;
    EXPECT_TRUE(contains(text, "เนื่องจากยังไม่มีผล EIT")) << text;
    EXPECT_FALSE(contains(text, "ผลคะแนนการประเมิน EIT"));
    // The chart has the IIT indicators only, none below target.
    for (const Block& b : d.blocks) {
        if (const auto* c = std::get_if<Chart>(&b)) {
            ASSERT_EQ(c->bars.size(), 2u);
            EXPECT_EQ(c->bars[0].label, "ตัวชี้วัดที่ 1 ตัวชี้วัด 1 (IIT)");
            EXPECT_EQ(c->bars[0].value_text, "100.00");
            EXPECT_FALSE(c->bars[1].below_target);
        }
    }
    EXPECT_TRUE(contains(text, "จัดทำโดยระบบ itagap จากข้อมูลในระบบ เมื่อวันที่ 5 ม.ค. 2569"));
}

// Issue 12.14: "ต่ำสุด" only of the gap that is its instrument's lowest; every
// gap of the plan is written, one without a cause as having none; the count at
// the end is the plan's. By hand, 8 IIT respondents, options 4-6 favourable:
//   i13: 6 6 5 4 1 2 3 1 -> 4 of 8 = 50.00
//   i17: 6 5 4 1 1 2 3 2 -> 3 of 8 = 37.50 (the lowest IIT item)
//   i20: all 6           -> 8 of 8 = 100.00
//   indicator 1 (i13, i17): 7 of 16 = 43.75, indicator 2 (i20): 100.00
TEST(KpiAttachmentTest, LowestOnlyOfTheLowestAndEveryGapCounted) {
    using testing::make_table;
    const core::Questionnaire q = testing::QuestionnaireBuilder()
                                      .instrument("IIT", 30)
                                      .indicator(1)
                                      .item("i13")
                                      .item("i17")
                                      .indicator(2)
                                      .item("i20")
                                      .build();
    core::ResponseSet set;
    set.tables.push_back(make_table(
        q, "IIT",
        {{6, 6, 6}, {6, 5, 6}, {5, 4, 6}, {4, 1, 6}, {1, 1, 6}, {2, 2, 6}, {3, 3, 6}, {1, 2, 6}},
        "หน่วย ก", "รอบ 1"));
    const auto scores = core::score_all(q, set);
    const auto gaps = core::analyse_all(q, set, scores, 85);
    ASSERT_NEAR(scores[0].instruments[0].indicators[0].items[0].score, 50.0, 1e-9);
    ASSERT_NEAR(scores[0].instruments[0].indicators[0].items[1].score, 37.5, 1e-9);

    core::Plan plan;
    plan.fiscal_year_be = 2569;
    core::GapRef i13;
    i13.ref = {core::ScoreLevel::kItem, "i13", 0};
    i13.instrument = "IIT";
    i13.score = 50.0;
    i13.cause_note = "สาเหตุของข้อสิบสาม";
    core::GapRef i17 = i13;
    i17.ref.code = "i17";
    i17.score = 37.5;
    i17.cause_note = "เนื่องจากสาเหตุของข้อสิบเจ็ด";
    core::GapRef indicator1;
    indicator1.ref = {core::ScoreLevel::kIndicator, "", 1};
    indicator1.instrument = "IIT";
    indicator1.score = 43.75;  // no cause note yet
    plan.gaps = {i13, i17, indicator1};

    KpiAttachmentInput in;
    in.questionnaire = &q;
    in.score = &scores[0];
    in.gaps = &gaps[0];
    in.plan = &plan;
    in.unit_name = "หน่วย ก";
    in.round_name = "รอบ 1";
    in.today = core::CivilDate{2026, 1, 5};
    const std::string text = all_text(kpi_attachment(in));

    // i13 at 50.00 is not the lowest: no "ต่ำสุด" in its sentence.
    EXPECT_TRUE(contains(text,
                         "เมื่อพิจารณาผลคะแนน IIT ตัวชี้วัดที่ 1 ตัวชี้วัด 1 ข้อย่อย “i13 ข้อ i13” "
                         "ได้คะแนนร้อยละ 50.00 พบว่า สาเหตุของข้อสิบสาม"))
        << text;
    // i17 at 37.50 is.
    EXPECT_TRUE(contains(text,
                         "สำหรับผลคะแนน IIT ต่ำสุด คือ ตัวชี้วัดที่ 1 ตัวชี้วัด 1 ข้อย่อย “i17 ข้อ i17” "
                         "(ร้อยละ 37.50) เนื่องจากสาเหตุของข้อสิบเจ็ด"))
        << text;
    // Indicator 1 (43.75 against 100.00) is the lowest indicator; it has no cause yet.
    EXPECT_TRUE(contains(text,
                         "สำหรับผลคะแนน IIT ต่ำสุด คือ ตัวชี้วัดที่ 1 ตัวชี้วัด 1 (ร้อยละ 43.75) "
                         "ยังไม่ได้ระบุสาเหตุ"))
        << text;
    EXPECT_TRUE(contains(text, "ทั้ง 3 ประเด็น")) << text;
    // "ต่ำสุด" twice in the causes paragraph: i17 and indicator 1, never i13.
    const auto paragraph_start = text.find("เมื่อพิจารณาผลคะแนน IIT");
    ASSERT_NE(paragraph_start, std::string::npos);
    const std::string causes =
        text.substr(paragraph_start, text.find('\n', paragraph_start) - paragraph_start);
    std::size_t lowest = 0;
    for (auto at = causes.find("ต่ำสุด"); at != std::string::npos; at = causes.find("ต่ำสุด", at + 1))
        ++lowest;
    EXPECT_EQ(lowest, 2u) << causes;
}

}  // namespace
}  // namespace itagap::report
