// The shipped demo data set scores exactly as the seed document reports
// (shared/seed/ita-kpi-2.1-attachment.txt and DOMAIN.md "Checking the seed's
// figures"). Expected values are written as the fractions they come from.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/gaps.hpp"
#include "core/number_format.hpp"
#include "core/scoring.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "report/narrative.hpp"

namespace itagap {
namespace {

std::string read(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class DemoDataTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto q = input::parse_questionnaire_json(read("data/questionnaires/ita-internal-2568.json"),
                                                 "ita-internal-2568.json");
        ASSERT_TRUE(q.ok()) << core::to_string(q.errors());
        q_ = std::move(q).value();
        auto r = input::parse_responses_csv(q_, read("data/demo/responses.csv"), "responses.csv");
        ASSERT_TRUE(r.ok()) << core::to_string(r.errors());
        responses_ = std::move(r).value();
        scores_ = core::score_all(q_, responses_);
        gaps_ = core::analyse_all(q_, responses_, scores_, 85);
        ASSERT_EQ(scores_.size(), 1u);
    }

    const core::InstrumentScore& instrument(const char* code) {
        return *scores_[0].find_instrument(q_.find_instrument(code));
    }
    const core::InstrumentGaps& instrument_gaps(const char* code) {
        for (const auto& g : gaps_[0].instruments) {
            if (g.instrument == q_.find_instrument(code)) return g;
        }
        throw std::runtime_error("no gaps");
    }
    const core::IndicatorScore& indicator(const char* instrument_code, int number) {
        for (const auto& ind : instrument(instrument_code).indicators) {
            if (q_.indicators[ind.indicator].number == number) return ind;
        }
        throw std::runtime_error("no indicator");
    }
    const core::ItemScore& item(const char* instrument_code, const char* code) {
        for (const auto& ind : instrument(instrument_code).indicators) {
            for (const auto& it : ind.items) {
                if (q_.items[it.item].code == code) return it;
            }
        }
        throw std::runtime_error("no item");
    }
    std::vector<std::string> item_codes(const std::vector<int>& items) {
        std::vector<std::string> out;
        for (int i : items) out.push_back(q_.items[i].code);
        return out;
    }
    std::vector<int> indicator_numbers(const std::vector<int>& indicators) {
        std::vector<int> out;
        for (int i : indicators) out.push_back(q_.indicators[i].number);
        return out;
    }

    core::Questionnaire q_;
    core::ResponseSet responses_;
    std::vector<core::UnitRoundScore> scores_;
    std::vector<core::UnitRoundGaps> gaps_;
};

TEST_F(DemoDataTest, TheSeedsUnitAndRound) {
    EXPECT_EQ(scores_[0].unit, "ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)");
    EXPECT_EQ(scores_[0].round, "ITA 2568 รอบ 5 เดือนแรก");
    EXPECT_EQ(instrument("IIT").respondents, 11u);
    EXPECT_EQ(instrument("EIT").respondents, 15u);
}

TEST_F(DemoDataTest, IitHighestIndicatorThreeLowestOneWithItem12At8182) {
    const auto& g = instrument_gaps("IIT");
    EXPECT_EQ(indicator_numbers(g.highest_indicators), std::vector<int>{3});
    EXPECT_EQ(indicator_numbers(g.lowest_indicators), std::vector<int>{1});
    EXPECT_EQ(item_codes(g.lowest_items_in_lowest_indicators), std::vector<std::string>{"i12"});
    EXPECT_EQ(item_codes(g.lowest_items), std::vector<std::string>{"i12"});
    const auto& i12 = item("IIT", "i12");
    EXPECT_EQ(i12.answers, 11u);
    EXPECT_EQ(i12.favourable, 9u);
    EXPECT_DOUBLE_EQ(i12.score, 900.0 / 11);
    EXPECT_EQ(core::format_score(i12.score), "81.82");
    // Indicator 1: nine items at 11/11, i3 and i7 at 10/11, i12 at 9/11.
    EXPECT_NEAR(indicator("IIT", 1).score, (9 * 100.0 + 2 * 1000.0 / 11 + 900.0 / 11) / 12, 1e-9);
    EXPECT_NEAR(indicator("IIT", 3).score, 100.0, 1e-9);
}

TEST_F(DemoDataTest, Item12IsFlaggedAsLikelyMisread) {
    const auto& g = instrument_gaps("IIT");
    const core::MisreadSignal* i12 = nullptr;
    for (const auto& m : g.misread) {
        if (q_.items[m.item].code == "i12") i12 = &m;
    }
    ASSERT_NE(i12, nullptr);
    EXPECT_EQ(i12->flagged, 2u);
    EXPECT_DOUBLE_EQ(i12->estimated_score, 100.0);
    for (const auto& m : g.misread) {
        if (m.item != i12->item) {
            EXPECT_EQ(m.flagged, 0u) << q_.items[m.item].code;
        }
    }
}

TEST_F(DemoDataTest, EitHighestIndicatorSixAt9333LowestEightAt8833WithE7At8667) {
    const auto& g = instrument_gaps("EIT");
    EXPECT_EQ(indicator_numbers(g.highest_indicators), std::vector<int>{6});
    EXPECT_EQ(indicator_numbers(g.lowest_indicators), std::vector<int>{8});
    const auto& ind6 = indicator("EIT", 6);
    EXPECT_NEAR(ind6.score, 1400.0 / 15, 1e-9);
    EXPECT_EQ(core::format_score(ind6.score), "93.33");
    const auto& ind8 = indicator("EIT", 8);
    EXPECT_NEAR(ind8.score, 5300.0 / 60, 1e-9);
    EXPECT_EQ(core::format_score(ind8.score), "88.33");
    EXPECT_EQ(ind8.answers, 60u);
    EXPECT_EQ(ind8.favourable, 53u);
    const auto& e7 = item("EIT", "e7");
    EXPECT_EQ(e7.answers, 15u);
    EXPECT_EQ(e7.favourable, 13u);
    EXPECT_EQ(core::format_score(e7.score), "86.67");
    // 53 of 60 with e7 at 13 of 15 forces e8 and e9 to tie with it.
    EXPECT_EQ(item_codes(g.lowest_items_in_lowest_indicators),
              (std::vector<std::string>{"e7", "e8", "e9"}));
    // Indicator 7 lies between: 14/15, 14/15 and 13/14 (one skipped e6).
    EXPECT_NEAR(indicator("EIT", 7).score, (1400.0 / 15 * 2 + 1300.0 / 14) / 3, 1e-9);
}

TEST_F(DemoDataTest, NarrativeCarriesTheSeedsSentences) {
    std::string text;
    for (const auto& p : report::narrate(q_, scores_[0], gaps_[0], report::Language::kThai))
        text += p;
    for (const char* part : {
             "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 3 การใช้อำนาจ",
             "ขณะที่คะแนนต่ำสุด คือ ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่",
             "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ 81.82) คือ “i12 เจ้าหน้าที่ในหน่วยงานของท่าน "
             "มีการเลือกปฏิบัติอย่างไม่เป็นธรรม ต่อผู้มาติดต่อหรือผู้มารับบริการ มากน้อยเพียงใด” (9 จาก 11 คำตอบ)",
             "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน (ร้อยละ 93.33)",
             "คะแนนต่ำสุด คือ ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน (ร้อยละ 88.33)",
             "“e7 "
             "หน่วยงานมีการเปิดโอกาสให้บุคคลภายนอกได้เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงานของหน่วยงาน” "
             "(13 จาก 15 คำตอบ)",
             "ข้อ i12 เป็นข้อคำถามเชิงลบ",
         }) {
        EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\nin:\n" << text;
    }
}

}  // namespace
}  // namespace itagap
