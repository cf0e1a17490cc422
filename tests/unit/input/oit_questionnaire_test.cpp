// The OIT checklist and the rating levels in the questionnaire format.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "input/questionnaire_json.hpp"

namespace {

using itagap::core::Diagnostic;
using itagap::core::EvidenceYear;
using itagap::core::OitItemScoring;
using itagap::core::Questionnaire;
using itagap::input::parse_questionnaire_json;

constexpr std::string_view kWithOit = R"json({
  "format": "itagap-questionnaire/1",
  "id": "oit-mini",
  "title": {"th": "แบบทดสอบ"},
  "scoring": {"method": "favourable_share",
    "levels": [
      {"name": {"th": "ผ่าน"}, "min_total": 85},
      {"name": {"th": "ไม่ผ่าน"}, "min_total": 0},
      {"name": {"th": "ผ่านดี"}, "min_total": 85, "instrument_min": [{"instrument": "EIT", "min": 85}],
       "assumption": "assumed"}
    ]},
  "scales": [
    {"id": "yn", "options": [
      {"label": {"th": "ไม่ใช่"}, "score": 0, "favourable": false},
      {"label": {"th": "ใช่"}, "score": 100, "favourable": true}]}
  ],
  "instruments": [
    {"code": "EIT", "name": {"th": "ภายนอก"}, "weight": 60},
    {"code": "OIT", "name": {"th": "เปิดเผย"}, "weight": 40}
  ],
  "indicators": [
    {"number": 8, "instrument": "EIT", "name": {"th": "แปด"}},
    {"number": 9, "instrument": "OIT", "name": {"th": "เก้า"}},
    {"number": 10, "instrument": "OIT", "name": {"th": "สิบ"}}
  ],
  "items": [
    {"code": "e1", "indicator": 8, "text": {"th": "ข้อแรก"}, "scale": "yn"}
  ],
  "oit": {
    "sub_indicators": [
      {"code": "9.1", "indicator": 9, "name": {"th": "ข้อมูลพื้นฐาน"}},
      {"code": "10.1", "indicator": 10, "name": {"th": "การป้องกัน"}}
    ],
    "items": [
      {"code": "o1", "indicator": 9, "sub_indicator": "9.1", "title": {"th": "โครงสร้าง"}, "covers": "current"},
      {"code": "o2", "indicator": 9, "title": {"th": "ข้อมูลผู้บริหาร", "en": "Executives"},
       "elements": [{"th": "ชื่อ-นามสกุล"}, {"th": "ตำแหน่ง"}, {"th": "รูปถ่าย"}, {"th": "ช่องทางการติดต่อ"}],
       "covers": "current", "scoring": "per_element"},
      {"code": "o3", "indicator": 10, "sub_indicator": "10.1", "title": {"th": "รายงานผล"}, "covers": "previous",
       "scoring": "presence"}
    ]
  }
})json";

std::string with(std::string_view from, std::string_view to) {
    std::string text(kWithOit);
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "not in the test questionnaire: " << from;
    if (at == std::string::npos) return text;
    EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "occurs twice: " << from;
    text.replace(at, from.size(), to);
    return text;
}

std::vector<Diagnostic> errors_of(const std::string& text) {
    auto result = parse_questionnaire_json(text, "q.json");
    EXPECT_FALSE(result.ok()) << "expected the questionnaire to be rejected";
    if (result.ok()) return {};
    return result.errors();
}

::testing::AssertionResult HasError(const std::vector<Diagnostic>& errors, std::string_view where,
                                    std::string_view value, std::string_view phrase) {
    for (const auto& e : errors) {
        if (e.where == where && e.value == value && e.expected.find(phrase) != std::string::npos &&
            e.file == "q.json") {
            return ::testing::AssertionSuccess();
        }
    }
    return ::testing::AssertionFailure() << "no error at " << where << " value " << value
                                         << " mentioning \"" << phrase << "\"; got:\n"
                                         << itagap::core::to_string(errors);
}

TEST(OitQuestionnaireTest, ChecklistIsRead) {
    auto result = parse_questionnaire_json(kWithOit, "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const Questionnaire& q = result.value();
    ASSERT_EQ(q.oit_sub_indicators.size(), 2u);
    EXPECT_EQ(q.oit_sub_indicators[0].code, "9.1");
    EXPECT_EQ(q.oit_sub_indicators[0].indicator, q.find_indicator(9));
    ASSERT_EQ(q.oit_items.size(), 3u);
    const auto& o1 = q.oit_items[0];
    EXPECT_EQ(o1.code, "o1");
    EXPECT_EQ(o1.indicator, q.find_indicator(9));
    EXPECT_EQ(o1.sub_indicator, 0);
    EXPECT_EQ(o1.scoring, OitItemScoring::kPresence);  // the default
    EXPECT_TRUE(o1.elements.empty());
    const auto& o2 = q.oit_items[1];
    EXPECT_EQ(o2.sub_indicator, -1);
    EXPECT_EQ(o2.title.en, "Executives");
    ASSERT_EQ(o2.elements.size(), 4u);
    EXPECT_EQ(o2.elements[2].th, "รูปถ่าย");
    EXPECT_EQ(o2.scoring, OitItemScoring::kPerElement);
    EXPECT_EQ(q.oit_items[2].covers, EvidenceYear::kPrevious);
    EXPECT_EQ(q.oit_items[2].indicator, q.find_indicator(10));
    EXPECT_EQ(q.find_oit_item("o3"), 2);
    // OIT items are not survey items.
    EXPECT_EQ(q.items.size(), 1u);
    EXPECT_TRUE(q.indicators[1].items.empty());
}

TEST(OitQuestionnaireTest, RatingLevelsSortedHighestFirstKeepingFileOrderOnTies) {
    auto result = parse_questionnaire_json(kWithOit, "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const auto& levels = result->rating_levels;
    ASSERT_EQ(levels.size(), 3u);
    // ผ่าน and ผ่านดี both start at 85: file order decides, so the stricter
    // level must come first in the file to be reached (the template does so).
    EXPECT_EQ(levels[0].name.th, "ผ่าน");
    EXPECT_EQ(levels[1].name.th, "ผ่านดี");
    ASSERT_EQ(levels[1].instrument_minimums.size(), 1u);
    EXPECT_EQ(levels[1].instrument_minimums[0].instrument, result->find_instrument("EIT"));
    EXPECT_DOUBLE_EQ(levels[1].instrument_minimums[0].min_score, 85);
    EXPECT_EQ(levels[1].assumption, "assumed");
    EXPECT_EQ(levels[2].name.th, "ไม่ผ่าน");
}

TEST(OitQuestionnaireTest, WithoutChecklistOrLevelsStaysValid) {
    std::string text(kWithOit);
    const auto oit = text.find(",\n  \"oit\"");
    ASSERT_NE(oit, std::string::npos);
    text = text.substr(0, oit) + "\n}";
    auto result = parse_questionnaire_json(text, "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    EXPECT_TRUE(result->oit_items.empty());
    EXPECT_TRUE(result->oit_sub_indicators.empty());
}

TEST(OitQuestionnaireErrorTest, ItemFieldsAreChecked) {
    EXPECT_TRUE(HasError(errors_of(with(R"("covers": "previous")", R"("covers": "last")")),
                         "$.oit.items[2].covers", "last", "\"previous\""));
    EXPECT_TRUE(HasError(errors_of(with(R"("scoring": "presence")", R"("scoring": "half")")),
                         "$.oit.items[2].scoring", "half", "per_element"));
    EXPECT_TRUE(HasError(errors_of(with(R"("code": "o3")", R"("code": "O1")")),
                         "$.oit.items[2].code", "O1", "$.oit.items[0]"));
    // An OIT code may not clash with a survey item either.
    EXPECT_TRUE(HasError(errors_of(with(R"("code": "o3")", R"("code": "E1")")),
                         "$.oit.items[2].code", "E1", "$.items[0]"));
    EXPECT_TRUE(HasError(errors_of(with(R"("code": "o3")", R"("code": "o 3")")),
                         "$.oit.items[2].code", "o 3", "without spaces"));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("code": "o1", "indicator": 9)", R"("code": "o1", "indicator": 8)")),
        "$.oit.items[0].indicator", "8", "instrument \"OIT\""));
    EXPECT_TRUE(HasError(errors_of(with(R"("sub_indicator": "10.1")", R"("sub_indicator": "9.1")")),
                         "$.oit.items[2].sub_indicator", "9.1", "own indicator 10"));
    EXPECT_TRUE(HasError(errors_of(with(R"("sub_indicator": "10.1")", R"("sub_indicator": "9.9")")),
                         "$.oit.items[2].sub_indicator", "9.9", "9.1, 10.1"));
    EXPECT_TRUE(HasError(errors_of(with(R"({"th": "รูปถ่าย"})", R"({"th": "ตำแหน่ง"})")),
                         "$.oit.items[1].elements[2].th", "ตำแหน่ง", "not already listed"));
    EXPECT_TRUE(HasError(errors_of(with(R"({"th": "รูปถ่าย"})", R"("รูปถ่าย")")),
                         "$.oit.items[1].elements[2]", "รูปถ่าย", "an object"));
    EXPECT_TRUE(HasError(errors_of(with(R"({"th": "รูปถ่าย"})", R"({"th": " "})")),
                         "$.oit.items[1].elements[2].th", " ", "non-empty"));
    EXPECT_TRUE(HasError(errors_of(with(R"("covers": "previous")", R"("cover": "previous")")),
                         "$.oit.items[2].cover", "cover", "one of the keys"));
    EXPECT_TRUE(HasError(errors_of(with(R"("title": {"th": "โครงสร้าง"}, "covers": "current")",
                                        R"("title": {"th": "โครงสร้าง"})")),
                         "$.oit.items[0].covers", "", "required key \"covers\""));
}

TEST(OitQuestionnaireErrorTest, PerElementNeedsElements) {
    const std::string text = with(
        R"("title": {"th": "รายงานผล"}, "covers": "previous",
       "scoring": "presence")",
        R"("title": {"th": "รายงานผล"}, "covers": "previous", "scoring": "per_element")");
    EXPECT_TRUE(HasError(errors_of(text), "$.oit.items[2].scoring", "per_element", "\"elements\""));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("title": {"th": "รายงานผล"}, "covers": "previous",
       "scoring": "presence")",
                       R"("title": {"th": "รายงานผล"}, "covers": "previous", "elements": [],
       "scoring": "per_element")")),
        "$.oit.items[2].elements", "[]", "at least one element"));
}

TEST(OitQuestionnaireErrorTest, SubIndicatorsAreChecked) {
    EXPECT_TRUE(HasError(
        errors_of(with(R"("code": "10.1", "indicator": 10)", R"("code": "9.1", "indicator": 10)")),
        "$.oit.sub_indicators[1].code", "9.1", "$.oit.sub_indicators[0]"));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("code": "10.1", "indicator": 10)", R"("code": "10.1", "indicator": 8)")),
        "$.oit.sub_indicators[1].indicator", "8", "instrument \"OIT\""));
}

TEST(OitQuestionnaireErrorTest, ChecklistNeedsAnOitInstrument) {
    std::string text = with(R"({"code": "OIT", "name": {"th": "เปิดเผย"}, "weight": 40})",
                            R"({"code": "XIT", "name": {"th": "เปิดเผย"}, "weight": 40})");
    for (const char* from :
         {R"("number": 9, "instrument": "OIT")", R"("number": 10, "instrument": "OIT")"}) {
        std::string t = text;
        const std::string f(from);
        std::string to = f;
        to.replace(to.find("OIT"), 3, "XIT");
        t.replace(t.find(f), f.size(), to);
        text = t;
    }
    EXPECT_TRUE(HasError(errors_of(text), "$.oit", "", "\"OIT\""));
}

TEST(OitQuestionnaireErrorTest, RatingLevelsAreChecked) {
    EXPECT_TRUE(HasError(errors_of(with(R"({"name": {"th": "ไม่ผ่าน"}, "min_total": 0})",
                                        R"({"name": {"th": "ไม่ผ่าน"}, "min_total": 50})")),
                         "$.scoring.levels", "ไม่ผ่าน", "\"min_total\": 0"));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("instrument": "EIT", "min": 85)", R"("instrument": "eit", "min": 85)")),
        "$.scoring.levels[2].instrument_min[0].instrument", "eit", "did you mean \"EIT\""));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("instrument": "EIT", "min": 85)", R"("instrument": "EIT", "min": 185)")),
        "$.scoring.levels[2].instrument_min[0].min", "185", "100"));
    EXPECT_TRUE(HasError(errors_of(with(R"({"name": {"th": "ผ่าน"}, "min_total": 85})",
                                        R"({"name": {"th": "ไม่ผ่าน"}, "min_total": 85})")),
                         "$.scoring.levels[1].name.th", "ไม่ผ่าน", "$.scoring.levels[0]"));
    EXPECT_TRUE(HasError(errors_of(with(R"("assumption": "assumed")", R"("assumption": 1)")),
                         "$.scoring.levels[2].assumption", "1", "assumed"));
}

std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The shipped templates: FY 2569 with the 26 items of DOMAIN.md, and 2568
// carrying the same list; both with the rating levels, marked as templates.
TEST(OitTemplateTest, ShippedTemplatesCarryTheChecklistAndLevels) {
    for (const char* year : {"2568", "2569"}) {
        SCOPED_TRACE(year);
        const std::string name = std::string("ita-internal-") + year + ".json";
        auto result = parse_questionnaire_json(read_source("data/questionnaires/" + name), name);
        ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
        const Questionnaire& q = result.value();
        EXPECT_EQ(q.id, std::string("ita-internal-") + year);
        EXPECT_NE(q.note.find("แม่แบบ"), std::string::npos);
        EXPECT_NE(q.note.find("O6 and O7"), std::string::npos);
        ASSERT_EQ(q.oit_items.size(), 26u);
        int in_nine = 0;
        int previous = 0;
        for (std::size_t k = 0; k < 26; ++k) {
            EXPECT_EQ(q.oit_items[k].code, "o" + std::to_string(k + 1));
            if (q.oit_items[k].indicator == q.find_indicator(9)) ++in_nine;
            if (q.oit_items[k].covers == EvidenceYear::kPrevious) ++previous;
        }
        EXPECT_EQ(in_nine, 19);
        EXPECT_EQ(previous, 5);  // o12, o14, o22, o24, o26: the annual reports
        EXPECT_EQ(q.oit_items[1].title.th, "ข้อมูลผู้บริหาร");
        ASSERT_EQ(q.oit_items[1].elements.size(), 4u);
        EXPECT_EQ(q.oit_items[1].elements[3].th, "ช่องทางการติดต่อ");
        EXPECT_EQ(q.oit_items[24].title.th, "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร");
        ASSERT_EQ(q.rating_levels.size(), 4u);
        EXPECT_EQ(q.rating_levels[0].name.th, "ผ่านดีเยี่ยม");
        EXPECT_EQ(q.rating_levels[1].name.th, "ผ่านดี");
        EXPECT_EQ(q.rating_levels[2].name.th, "ผ่าน");
        EXPECT_EQ(q.rating_levels[3].name.th, "ไม่ผ่าน");
        EXPECT_FALSE(q.rating_levels[0].assumption.empty());
        EXPECT_FALSE(q.rating_levels[1].assumption.empty());
        EXPECT_TRUE(q.rating_levels[2].assumption.empty());
        EXPECT_EQ(q.items.size(), 40u);  // the survey items are unchanged
    }
}

}  // namespace
