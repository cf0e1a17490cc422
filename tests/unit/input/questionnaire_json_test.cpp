#include "input/questionnaire_json.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using itagap::core::Diagnostic;
using itagap::core::Questionnaire;
using itagap::core::ScoringMethod;
using itagap::input::parse_questionnaire_json;

// A small valid questionnaire. Each test below breaks it in one place by
// replacing a substring that occurs exactly once.
constexpr std::string_view kMinimal = R"json({
  "format": "itagap-questionnaire/1",
  "id": "mini",
  "title": {"th": "แบบทดสอบ", "en": "Test"},
  "scoring": {"method": "favourable_share"},
  "scales": [
    {"id": "yn", "name": {"th": "ใช่/ไม่ใช่"}, "options": [
      {"label": {"th": "ไม่ใช่", "en": "No"}, "score": 0, "favourable": false},
      {"label": {"th": "ใช่", "en": "Yes"}, "score": 100, "favourable": true}]},
    {"id": "agree3", "options": [
      {"label": {"th": "ไม่เห็นด้วย"}, "score": 0, "favourable": false},
      {"label": {"th": "เฉย ๆ"}, "score": 50, "favourable": false},
      {"label": {"th": "เห็นด้วย"}, "score": 100, "favourable": true}]}
  ],
  "instruments": [
    {"code": "IIT", "name": {"th": "ภายใน", "en": "Internal"}, "weight": 30},
    {"code": "OIT", "name": {"th": "เปิดเผย"}, "weight": 70},
    {"code": "XIT", "name": {"th": "ว่าง"}, "weight": 0}
  ],
  "indicators": [
    {"number": 1, "instrument": "IIT", "name": {"th": "หนึ่ง"}},
    {"number": 2, "instrument": "IIT", "name": {"th": "สอง"}},
    {"number": 9, "instrument": "OIT", "name": {"th": "เก้า"}}
  ],
  "items": [
    {"code": "i1", "indicator": 2, "text": {"th": "ข้อแรก"}, "scale": "yn"},
    {"code": "i2", "indicator": 1, "text": {"th": "ข้อสอง", "en": "Second"}, "scale": "agree3", "reverse": true},
    {"code": "i3", "indicator": 2, "text": {"th": "ข้อสาม"}, "scale": "yn", "reverse": false}
  ]
})json";

// kMinimal with `from` replaced by `to`; `from` must occur exactly once.
std::string with(std::string_view from, std::string_view to,
                 std::string text = std::string(kMinimal)) {
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

// True when some diagnostic is at `where` and its `expected` contains `phrase`.
::testing::AssertionResult HasError(const std::vector<Diagnostic>& errors, std::string_view where,
                                    std::string_view phrase) {
    for (const auto& e : errors) {
        if (e.where == where && e.expected.find(phrase) != std::string::npos) {
            if (e.file != "q.json") {
                return ::testing::AssertionFailure() << "wrong file name: " << e.to_string();
            }
            return ::testing::AssertionSuccess();
        }
    }
    return ::testing::AssertionFailure()
           << "no error at " << where << " mentioning \"" << phrase << "\"; got:\n"
           << itagap::core::to_string(errors);
}

// The one diagnostic of a rejected questionnaire.
Diagnostic only_error(const std::string& text) {
    const auto errors = errors_of(text);
    EXPECT_EQ(errors.size(), 1u) << itagap::core::to_string(errors);
    return errors.empty() ? Diagnostic{} : errors.front();
}

// ---- Accepted questionnaires -------------------------------------------------

TEST(QuestionnaireJsonTest, MinimalParsesWithIndices) {
    auto result = parse_questionnaire_json(kMinimal, "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const Questionnaire& q = result.value();
    EXPECT_EQ(q.id, "mini");
    EXPECT_EQ(q.title.th, "แบบทดสอบ");
    EXPECT_EQ(q.title.en, "Test");
    EXPECT_EQ(q.method, ScoringMethod::kFavourableShare);

    ASSERT_EQ(q.scales.size(), 2u);
    EXPECT_EQ(q.scales[0].id, "yn");
    EXPECT_EQ(q.scales[0].name.th, "ใช่/ไม่ใช่");
    ASSERT_EQ(q.scales[1].options.size(), 3u);
    EXPECT_EQ(q.scales[1].options[1].label.th, "เฉย ๆ");
    EXPECT_EQ(q.scales[1].options[1].label.en, "");
    EXPECT_DOUBLE_EQ(q.scales[1].options[1].score, 50);
    EXPECT_FALSE(q.scales[1].options[1].favourable);
    EXPECT_TRUE(q.scales[1].options[2].favourable);

    ASSERT_EQ(q.instruments.size(), 3u);
    EXPECT_EQ(q.instruments[0].code, "IIT");
    EXPECT_EQ(q.instruments[0].name.en, "Internal");
    EXPECT_DOUBLE_EQ(q.instruments[1].weight, 70);
    EXPECT_EQ(q.instruments[0].indicators, (std::vector<int>{0, 1}));
    EXPECT_EQ(q.instruments[1].indicators, (std::vector<int>{2}));
    EXPECT_TRUE(q.instruments[2].indicators.empty());  // no indicators: valid

    ASSERT_EQ(q.indicators.size(), 3u);
    EXPECT_EQ(q.indicators[2].number, 9);
    EXPECT_EQ(q.indicators[0].instrument, 0);
    EXPECT_EQ(q.indicators[2].instrument, 1);
    EXPECT_EQ(q.indicators[0].items, (std::vector<int>{1}));
    EXPECT_EQ(q.indicators[1].items, (std::vector<int>{0, 2}));  // file order
    EXPECT_TRUE(q.indicators[2].items.empty());                  // no items: valid

    ASSERT_EQ(q.items.size(), 3u);
    EXPECT_EQ(q.items[1].code, "i2");
    EXPECT_EQ(q.items[1].text.en, "Second");
    EXPECT_EQ(q.items[0].indicator, 1);
    EXPECT_EQ(q.items[1].indicator, 0);
    EXPECT_EQ(q.items[0].scale, 0);
    EXPECT_EQ(q.items[1].scale, 1);
    EXPECT_FALSE(q.items[0].reverse);
    EXPECT_TRUE(q.items[1].reverse);
    EXPECT_FALSE(q.items[2].reverse);

    EXPECT_EQ(q.find_item("i3"), 2);
    EXPECT_EQ(q.find_indicator(9), 2);
}

TEST(QuestionnaireJsonTest, DefaultsAreFilled) {
    auto result = parse_questionnaire_json(kMinimal, "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const Questionnaire& q = result.value();
    EXPECT_EQ(q.note, "");
    EXPECT_DOUBLE_EQ(q.pass_mark, 85);
    EXPECT_DOUBLE_EQ(q.default_target, 85);
    ASSERT_EQ(q.grades.size(), 7u);
    const std::vector<std::pair<std::string, double>> expected = {
        {"AA", 95}, {"A", 85}, {"B", 75}, {"C", 65}, {"D", 55}, {"E", 50}, {"F", 0}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(q.grades[i].grade, expected[i].first);
        EXPECT_DOUBLE_EQ(q.grades[i].min_score, expected[i].second);
    }
    EXPECT_EQ(q.grade_for(84.995), "B");
    EXPECT_EQ(q.grade_for(95), "AA");
}

TEST(QuestionnaireJsonTest, ScoringSettingsAreRead) {
    auto result = parse_questionnaire_json(
        with(R"("scoring": {"method": "favourable_share"})",
             R"("note": "บันทึก", "scoring": {"method": "mean_score", "pass_mark": 80.5,
                 "target": 90, "grades": [{"grade": "ผ่าน", "min": 80}, {"grade": "ไม่ผ่าน", "min": 0}]})"),
        "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    EXPECT_EQ(result->note, "บันทึก");
    EXPECT_EQ(result->method, ScoringMethod::kMeanScore);
    EXPECT_DOUBLE_EQ(result->pass_mark, 80.5);
    EXPECT_DOUBLE_EQ(result->default_target, 90);
    ASSERT_EQ(result->grades.size(), 2u);
    EXPECT_EQ(result->grades[0].grade, "ผ่าน");
}

TEST(QuestionnaireJsonTest, PublicationMinimumIsReadAndDefaultsToFive) {
    auto plain = parse_questionnaire_json(kMinimal, "q.json");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->min_respondents_published, 5);
    auto result = parse_questionnaire_json(
        with(
            R"("scoring": {"method": "favourable_share"},)",
            R"("scoring": {"method": "favourable_share"}, "publication": {"min_respondents": 10},)"),
        "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    EXPECT_EQ(result->min_respondents_published, 10);
}

TEST(QuestionnaireJsonErrorTest, PublicationMinimumMustBeAWholeNumberFromOne) {
    EXPECT_TRUE(HasError(errors_of(with(R"("scoring": {"method": "favourable_share"},)",
                                        R"("scoring": {"method": "favourable_share"},
                                           "publication": {"min_respondents": 0},)")),
                         "$.publication.min_respondents", "1 to 1000"));
    EXPECT_TRUE(HasError(errors_of(with(R"("scoring": {"method": "favourable_share"},)",
                                        R"("scoring": {"method": "favourable_share"},
                                           "publication": {"minimum": 5},)")),
                         "$.publication.minimum", "one of the keys"));
}

// ---- Sample rules ("sample") ---------------------------------------------------

// kMinimal with a "sample" section after "scoring".
std::string with_sample(std::string_view sample) {
    return with(R"("scoring": {"method": "favourable_share"},)",
                std::string(R"("scoring": {"method": "favourable_share"}, "sample": )") +
                    std::string(sample) + ",");
}

TEST(QuestionnaireJsonTest, SampleRulesAreReadPerInstrument) {
    auto plain = parse_questionnaire_json(kMinimal, "q.json");
    ASSERT_TRUE(plain.ok());
    for (const auto& instrument : plain->instruments) EXPECT_FALSE(instrument.sample);

    auto result = parse_questionnaire_json(
        with_sample(R"({"IIT": {"population": "staff", "percent": 10, "at_least": 30,
                                "everyone_below": 30},
                        "XIT": {"population": "clients", "percent": 12.5, "cap": 400,
                                "cap_above": 4000}})"),
        "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const auto& iit = result->instruments[0].sample;
    ASSERT_TRUE(iit);
    EXPECT_EQ(iit->population, itagap::core::SamplePopulation::kStaff);
    EXPECT_EQ(iit->percent_hundredths, 1000);
    EXPECT_EQ(iit->at_least, 30);
    EXPECT_EQ(iit->everyone_below, 30);
    EXPECT_FALSE(iit->cap);
    EXPECT_FALSE(result->instruments[1].sample);  // OIT
    const auto& xit = result->instruments[2].sample;
    ASSERT_TRUE(xit);
    EXPECT_EQ(xit->population, itagap::core::SamplePopulation::kClients);
    EXPECT_EQ(xit->percent_hundredths, 1250);
    EXPECT_EQ(xit->at_least, 0);
    EXPECT_EQ(xit->everyone_below, 0);
    EXPECT_EQ(xit->cap, 400);
    EXPECT_EQ(xit->cap_above, 4000);
}

TEST(QuestionnaireJsonErrorTest, SampleRulesAreCheckedStrictly) {
    EXPECT_TRUE(HasError(errors_of(with_sample(R"([])")), "$.sample", "an object of rules"));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(R"({"EIT": {"population": "clients", "percent": 10}})")),
                 "$.sample.EIT", "the code of an instrument in $.instruments (IIT, OIT, XIT)"));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(R"({"iit": {"population": "staff", "percent": 10}})")),
                 "$.sample.iit", "did you mean \"IIT\""));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(R"({"OIT": {"population": "staff", "percent": 10}})")),
                 "$.sample.OIT", "answered with evidence"));
    EXPECT_TRUE(HasError(errors_of(with_sample(R"({"IIT": {"percent": 10}})")),
                         "$.sample.IIT.population", ""));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(R"({"IIT": {"population": "people", "percent": 10}})")),
                 "$.sample.IIT.population", "\"staff\""));
    EXPECT_TRUE(HasError(errors_of(with_sample(R"({"IIT": {"population": "staff"}})")),
                         "$.sample.IIT.percent", ""));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(R"({"IIT": {"population": "staff", "percent": 0}})")),
                 "$.sample.IIT.percent", "above 0"));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(R"({"IIT": {"population": "staff", "percent": 120}})")),
                 "$.sample.IIT.percent", "0 to 100"));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(R"({"IIT": {"population": "staff", "percent": 10.125}})")),
                 "$.sample.IIT.percent", "at most two decimals"));
    EXPECT_TRUE(HasError(
        errors_of(
            with_sample(R"({"IIT": {"population": "staff", "percent": 10, "at_least": 30.5}})")),
        "$.sample.IIT.at_least", ""));
    EXPECT_TRUE(
        HasError(errors_of(with_sample(
                     R"({"IIT": {"population": "staff", "percent": 10, "everyone_below": -1}})")),
                 "$.sample.IIT.everyone_below", ""));
    EXPECT_TRUE(HasError(
        errors_of(with_sample(R"({"IIT": {"population": "staff", "percent": 10, "cap": 400}})")),
        "$.sample.IIT", "\"cap_above\""));
    EXPECT_TRUE(HasError(
        errors_of(
            with_sample(R"({"IIT": {"population": "staff", "percent": 10, "cap_above": 4000}})")),
        "$.sample.IIT", "\"cap\""));
    EXPECT_TRUE(HasError(
        errors_of(with_sample(
            R"({"IIT": {"population": "staff", "percent": 10, "cap": 500, "cap_above": 400}})")),
        "$.sample.IIT.cap", "no larger than cap_above (400)"));
    EXPECT_TRUE(HasError(
        errors_of(with_sample(R"({"IIT": {"population": "staff", "percent": 10, "minimum": 30}})")),
        "$.sample.IIT.minimum", "one of the keys"));
    EXPECT_TRUE(HasError(errors_of(with_sample(R"({"IIT": 30})")), "$.sample.IIT", ""));
}

TEST(QuestionnaireJsonTest, GradesAreSortedHighestFirst) {
    auto result = parse_questionnaire_json(
        with(R"("method": "favourable_share")",
             R"("method": "favourable_share", "grades": [{"grade": "C", "min": 50},
                 {"grade": "F", "min": 0}, {"grade": "A", "min": 90}, {"grade": "B", "min": 70}])"),
        "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    ASSERT_EQ(result->grades.size(), 4u);
    EXPECT_EQ(result->grades[0].grade, "A");
    EXPECT_EQ(result->grades[1].grade, "B");
    EXPECT_EQ(result->grades[2].grade, "C");
    EXPECT_EQ(result->grades[3].grade, "F");
    EXPECT_DOUBLE_EQ(result->grades[3].min_score, 0);
}

TEST(QuestionnaireJsonTest, EmptyItemListIsValid) {
    std::string text =
        with(R"(    {"code": "i1", "indicator": 2, "text": {"th": "ข้อแรก"}, "scale": "yn"},
    {"code": "i2", "indicator": 1, "text": {"th": "ข้อสอง", "en": "Second"}, "scale": "agree3", "reverse": true},
    {"code": "i3", "indicator": 2, "text": {"th": "ข้อสาม"}, "scale": "yn", "reverse": false}
)",
             "");
    auto result = parse_questionnaire_json(text, "q.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    EXPECT_TRUE(result->items.empty());
    for (const auto& indicator : result->indicators) EXPECT_TRUE(indicator.items.empty());
}

TEST(QuestionnaireJsonTest, ByteOrderMarkIsAccepted) {
    auto result = parse_questionnaire_json("\xEF\xBB\xBF" + std::string(kMinimal), "q.json");
    EXPECT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
}

// ---- Rejected: JSON and structure ----------------------------------------------

TEST(QuestionnaireJsonErrorTest, InvalidJsonSyntaxGivesLine) {
    // Line 4 of kMinimal is the title; drop a comma there.
    const Diagnostic e =
        only_error(with(R"("th": "แบบทดสอบ", "en": "Test")", R"("th": "แบบทดสอบ" "en": "Test")"));
    EXPECT_EQ(e.file, "q.json");
    EXPECT_EQ(e.line, 4u);
    EXPECT_EQ(e.where, "$");
    EXPECT_NE(e.expected.find("valid JSON"), std::string::npos) << e.expected;
    EXPECT_NE(e.expected.find("syntax error"), std::string::npos) << e.expected;
    EXPECT_EQ(e.expected.find("[json.exception"), std::string::npos) << e.expected;
}

TEST(QuestionnaireJsonErrorTest, InvalidJsonOnFirstLineAndEmptyInput) {
    EXPECT_EQ(only_error("{\"format\": }").line, 1u);
    const Diagnostic empty = only_error("");
    EXPECT_EQ(empty.line, 1u);
    EXPECT_NE(empty.expected.find("valid JSON"), std::string::npos);
    EXPECT_EQ(only_error("{\n\n  \"a\": tru\n}").line, 3u);
}

TEST(QuestionnaireJsonErrorTest, CommentsAreNotJson) {
    EXPECT_TRUE(HasError(errors_of(with(R"("id": "mini",)", R"("id": "mini", // the id)")), "$",
                         "valid JSON"));
}

TEST(QuestionnaireJsonErrorTest, TopLevelNotAnObject) {
    for (const char* text : {"[]", "\"questionnaire\"", "42", "null"}) {
        const Diagnostic e = only_error(text);
        EXPECT_EQ(e.where, "$") << text;
        EXPECT_NE(e.expected.find("an object"), std::string::npos) << e.expected;
    }
    EXPECT_EQ(only_error("[1, 2]").value, "[1,2]");
}

TEST(QuestionnaireJsonErrorTest, DuplicateObjectKey) {
    const auto errors =
        errors_of(with(R"("scale": "agree3",)", R"("scale": "agree3", "scale": "yn",)"));
    EXPECT_TRUE(HasError(errors, "$.items[1].scale", "each key at most once"));
}

TEST(QuestionnaireJsonErrorTest, TooDeeplyNested) {
    const std::string deep = std::string(100, '[') + std::string(100, ']');
    EXPECT_TRUE(HasError(errors_of(with(R"("id": "mini",)", R"("id": "mini", "x": )" + deep + ",")),
                         "$", "nested at most"));
}

TEST(QuestionnaireJsonErrorTest, UnknownKeyInItem) {
    const auto errors = errors_of(
        with(R"("scale": "yn", "reverse": false})", R"("scale": "yn", "revers": false})"));
    EXPECT_TRUE(HasError(errors, "$.items[2].revers", "one of the keys"));
    EXPECT_TRUE(HasError(errors, "$.items[2].revers", "did you mean \"reverse\""));
    EXPECT_EQ(errors.size(), 1u) << itagap::core::to_string(errors);
    EXPECT_EQ(errors.front().value, "revers");
}

TEST(QuestionnaireJsonErrorTest, UnknownKeyAtEveryLevel) {
    EXPECT_TRUE(HasError(errors_of(with(R"("id": "mini",)", R"("id": "mini", "titel": 1,)")),
                         "$.titel", "one of the keys"));
    EXPECT_TRUE(HasError(errors_of(with(R"("en": "Test"})", R"("eng": "Test"})")), "$.title.eng",
                         "one of the keys th, en"));
    EXPECT_TRUE(HasError(errors_of(with(R"({"method": "favourable_share"})",
                                        R"({"method": "favourable_share", "passmark": 80})")),
                         "$.scoring.passmark", "did you mean \"pass_mark\""));
    EXPECT_TRUE(HasError(errors_of(with(R"("score": 50,)", R"("score": 50, "weight": 1,)")),
                         "$.scales[1].options[1].weight", "one of the keys"));
    EXPECT_TRUE(HasError(errors_of(with(R"("weight": 70})", R"("weight": 70, "indicators": []})")),
                         "$.instruments[1].indicators", "one of the keys"));
    EXPECT_TRUE(HasError(errors_of(with(R"({"number": 9, )", R"({"number": 9, "two words": 1, )")),
                         R"($.indicators[2]["two words"])", "one of the keys"));
}

TEST(QuestionnaireJsonErrorTest, MissingRequiredKey) {
    const auto errors = errors_of(with(R"(, "scale": "agree3")", ""));
    EXPECT_TRUE(HasError(errors, "$.items[1].scale", "required key \"scale\""));
    EXPECT_TRUE(HasError(errors_of(with(R"("format": "itagap-questionnaire/1",)", "")), "$.format",
                         "required key"));
    EXPECT_TRUE(HasError(errors_of(with(R"("th": "หนึ่ง")", R"("en": "One")")),
                         "$.indicators[0].name.th", "required key \"th\""));
    EXPECT_TRUE(HasError(errors_of(with(R"("scoring": {"method": "favourable_share"},)", "")),
                         "$.scoring", "required key"));
    EXPECT_TRUE(HasError(errors_of(with(R"({"method": "favourable_share"})", "{}")),
                         "$.scoring.method", "required key"));
}

TEST(QuestionnaireJsonErrorTest, WrongTypes) {
    EXPECT_TRUE(HasError(errors_of(with(R"("score": 100, "favourable": true}]},)",
                                        R"("score": "100", "favourable": true}]},)")),
                         "$.scales[0].options[1].score", "a number"));
    EXPECT_TRUE(HasError(errors_of(with(R"("scale": "agree3")", R"("scale": 2)")),
                         "$.items[1].scale", "a string"));
    EXPECT_TRUE(HasError(errors_of(with(R"("reverse": true)", R"("reverse": "yes")")),
                         "$.items[1].reverse", "true or false"));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("title": {"th": "แบบทดสอบ", "en": "Test"})", R"("title": "แบบทดสอบ")")),
        "$.title", "an object {\"th\""));
    EXPECT_TRUE(HasError(errors_of(with(R"("items": [)", R"("items": {"x": 1}, "items2": [)")),
                         "$.items", "an array"));
    EXPECT_TRUE(
        HasError(errors_of(with(R"({"number": 1, "instrument": "IIT", "name": {"th": "หนึ่ง"}})",
                                R"("indicator one")")),
                 "$.indicators[0]", "an object"));
}

TEST(QuestionnaireJsonErrorTest, UnknownFormat) {
    const Diagnostic e =
        only_error(with(R"("itagap-questionnaire/1")", R"("itagap-questionnaire/2")"));
    EXPECT_EQ(e.where, "$.format");
    EXPECT_EQ(e.value, "itagap-questionnaire/2");
    EXPECT_NE(e.expected.find("itagap-questionnaire/1"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, UnknownScoringMethod) {
    const Diagnostic e = only_error(with(R"("favourable_share")", R"("favorable_share")"));
    EXPECT_EQ(e.where, "$.scoring.method");
    EXPECT_EQ(e.value, "favorable_share");
    EXPECT_NE(e.expected.find("mean_score"), std::string::npos);
}

// ---- Rejected: duplicates and references -----------------------------------------

TEST(QuestionnaireJsonErrorTest, DuplicateItemCode) {
    const Diagnostic e = only_error(with(R"("code": "i3")", R"("code": "I1")"));
    EXPECT_EQ(e.where, "$.items[2].code");
    EXPECT_EQ(e.value, "I1");
    EXPECT_NE(e.expected.find("not already used by $.items[0]"), std::string::npos) << e.expected;
}

TEST(QuestionnaireJsonErrorTest, DuplicateIndicatorNumber) {
    const Diagnostic e = only_error(with(R"({"number": 9,)", R"({"number": 2,)"));
    EXPECT_EQ(e.where, "$.indicators[2].number");
    EXPECT_EQ(e.value, "2");
    EXPECT_NE(e.expected.find("not already used by $.indicators[1]"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, DuplicateInstrumentCode) {
    const Diagnostic e = only_error(with(R"("code": "XIT")", R"("code": "IIT")"));
    EXPECT_EQ(e.where, "$.instruments[2].code");
    EXPECT_NE(e.expected.find("not already used by $.instruments[0]"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, DuplicateScaleId) {
    const auto errors = errors_of(with(R"("id": "agree3")", R"("id": "yn")"));
    EXPECT_TRUE(HasError(errors, "$.scales[1].id", "not already used by $.scales[0]"));
    EXPECT_EQ(errors.front().value, "yn");
    // Item i2 used "agree3", which is gone now.
    EXPECT_TRUE(HasError(errors, "$.items[1].scale", "a scale in $.scales (yn)"));
    EXPECT_EQ(errors.size(), 2u) << itagap::core::to_string(errors);
}

TEST(QuestionnaireJsonErrorTest, ItemPointsAtMissingIndicator) {
    const Diagnostic e = only_error(with(R"("indicator": 1,)", R"("indicator": 7,)"));
    EXPECT_EQ(e.where, "$.items[1].indicator");
    EXPECT_EQ(e.value, "7");
    EXPECT_NE(e.expected.find("an indicator in $.indicators (1, 2, 9)"), std::string::npos)
        << e.expected;
}

TEST(QuestionnaireJsonErrorTest, ItemPointsAtMissingScale) {
    const Diagnostic e = only_error(with(R"("scale": "agree3")", R"("scale": "agree5")"));
    EXPECT_EQ(e.where, "$.items[1].scale");
    EXPECT_EQ(e.value, "agree5");
    EXPECT_NE(e.expected.find("a scale in $.scales (yn, agree3)"), std::string::npos) << e.expected;
}

TEST(QuestionnaireJsonErrorTest, IndicatorPointsAtMissingInstrument) {
    const Diagnostic e = only_error(with(R"("instrument": "OIT")", R"("instrument": "oit")"));
    EXPECT_EQ(e.where, "$.indicators[2].instrument");
    EXPECT_EQ(e.value, "oit");
    EXPECT_NE(e.expected.find("an instrument in $.instruments (IIT, OIT, XIT"), std::string::npos)
        << e.expected;
    EXPECT_NE(e.expected.find("did you mean \"OIT\""), std::string::npos) << e.expected;
}

// ---- Rejected: scales -----------------------------------------------------------------

constexpr std::string_view kAgree3Options =
    R"({"label": {"th": "ไม่เห็นด้วย"}, "score": 0, "favourable": false},
      {"label": {"th": "เฉย ๆ"}, "score": 50, "favourable": false},
      {"label": {"th": "เห็นด้วย"}, "score": 100, "favourable": true})";

TEST(QuestionnaireJsonErrorTest, EmptyScale) {
    const Diagnostic e = only_error(with(kAgree3Options, ""));
    EXPECT_EQ(e.where, "$.scales[1].options");
    EXPECT_EQ(e.value, "0 options");
    EXPECT_NE(e.expected.find("at least 2 options"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, OneOptionScale) {
    const Diagnostic e = only_error(
        with(kAgree3Options, R"({"label": {"th": "เห็นด้วย"}, "score": 100, "favourable": true})"));
    EXPECT_EQ(e.where, "$.scales[1].options");
    EXPECT_EQ(e.value, "1 option");
    EXPECT_NE(e.expected.find("at least 2 options"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, TooManyOptions) {
    std::string options;
    const int count = itagap::core::kMaxOptions + 1;
    for (int k = 0; k < count; ++k) {
        if (k > 0) options += ",";
        options += R"({"label": {"th": "ระดับ )" + std::to_string(k) + R"("}, "score": )" +
                   std::to_string(k * 100 / (count - 1)) + R"(, "favourable": )" +
                   (k == count - 1 ? "true" : "false") + "}";
    }
    const Diagnostic e = only_error(with(kAgree3Options, options));
    EXPECT_EQ(e.where, "$.scales[1].options");
    EXPECT_EQ(e.value, std::to_string(count) + " options");
    EXPECT_NE(e.expected.find("at most " + std::to_string(itagap::core::kMaxOptions)),
              std::string::npos);

    // Exactly kMaxOptions is fine.
    options.clear();
    for (int k = 0; k < itagap::core::kMaxOptions; ++k) {
        if (k > 0) options += ",";
        options += R"({"label": {"th": "ระดับ )" + std::to_string(k) +
                   R"("}, "score": 0, "favourable": true})";
    }
    EXPECT_TRUE(parse_questionnaire_json(with(kAgree3Options, options), "q.json").ok());
}

TEST(QuestionnaireJsonErrorTest, OptionScoreOutOfRange) {
    auto errors = errors_of(with(R"("score": 50,)", R"("score": 100.5,)"));
    EXPECT_TRUE(HasError(errors, "$.scales[1].options[1].score", "a number from 0 to 100"));
    errors = errors_of(with(R"("score": 50,)", R"("score": -1,)"));
    EXPECT_TRUE(HasError(errors, "$.scales[1].options[1].score", "a number from 0 to 100"));
    EXPECT_EQ(errors.front().value, "-1");
}

TEST(QuestionnaireJsonErrorTest, ScaleWithNoFavourableOption) {
    const Diagnostic e = only_error(with(R"("score": 100, "favourable": true}]},)",
                                         R"("score": 100, "favourable": false}]},)"));
    EXPECT_EQ(e.where, "$.scales[0].options");
    EXPECT_NE(e.expected.find("at least one option with \"favourable\": true"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, DuplicateThaiLabelInScale) {
    const Diagnostic e = only_error(with(R"("th": "เฉย ๆ")", R"("th": "เห็นด้วย", "en": "x")"));
    EXPECT_EQ(e.where, "$.scales[1].options[2].label.th");
    EXPECT_EQ(e.value, "เห็นด้วย");
    EXPECT_NE(e.expected.find("different from that of $.scales[1].options[1]"), std::string::npos)
        << e.expected;
}

// ---- Rejected: instruments and weights ----------------------------------------------

TEST(QuestionnaireJsonErrorTest, WeightThatIsNotANumber) {
    const Diagnostic e = only_error(with(R"("weight": 30)", R"("weight": "30")"));
    EXPECT_EQ(e.where, "$.instruments[0].weight");
    EXPECT_EQ(e.value, "30");  // shown in quotes by Diagnostic::to_string
    EXPECT_NE(e.expected.find("a number 0 or more, written without quotes"), std::string::npos)
        << e.expected;
}

TEST(QuestionnaireJsonErrorTest, NegativeWeight) {
    const Diagnostic e = only_error(with(R"("weight": 30)", R"("weight": -30)"));
    EXPECT_EQ(e.where, "$.instruments[0].weight");
    EXPECT_EQ(e.value, "-30");
    EXPECT_NE(e.expected.find("a number 0 or more"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, AllWeightsZero) {
    const Diagnostic e = only_error(
        with(R"("weight": 70)", R"("weight": 0.0)", with(R"("weight": 30)", R"("weight": 0)")));
    EXPECT_EQ(e.where, "$.instruments");
    EXPECT_NE(e.expected.find("weight above 0"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, NoInstruments) {
    // An empty list is refused outright (the indicators are then dangling too).
    const auto start = kMinimal.find(R"("instruments": [)");
    const auto end = kMinimal.find(R"("indicators": [)");
    std::string empty(kMinimal);
    empty.replace(start, end - start, "\"instruments\": [],\n  ");
    EXPECT_TRUE(HasError(errors_of(empty), "$.instruments", "at least one instrument"));
}

// ---- Rejected: scoring ------------------------------------------------------------------

TEST(QuestionnaireJsonErrorTest, GradeMinOutOfRange) {
    const auto errors = errors_of(with(R"("method": "favourable_share")",
                                       R"("method": "favourable_share", "grades": [
                                          {"grade": "A", "min": 101}, {"grade": "F", "min": -5}])"));
    EXPECT_TRUE(HasError(errors, "$.scoring.grades[0].min", "a number from 0 to 100"));
    EXPECT_TRUE(HasError(errors, "$.scoring.grades[1].min", "a number from 0 to 100"));
}

TEST(QuestionnaireJsonErrorTest, DuplicateGradeNames) {
    const auto errors = errors_of(with(R"("method": "favourable_share")",
                                       R"("method": "favourable_share", "grades": [
                                          {"grade": "A", "min": 80}, {"grade": "A", "min": 0}])"));
    EXPECT_TRUE(
        HasError(errors, "$.scoring.grades[1].grade", "not already used by $.scoring.grades[0]"));
    EXPECT_EQ(errors.size(), 1u);
}

TEST(QuestionnaireJsonErrorTest, BadGradeLists) {
    EXPECT_TRUE(HasError(errors_of(with(R"("method": "favourable_share")",
                                        R"("method": "favourable_share", "grades": [])")),
                         "$.scoring.grades", "at least one grade band"));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("method": "favourable_share")",
                       R"("method": "favourable_share", "grades": [{"grade": "A", "min": 50},
                          {"grade": "B", "min": 50}])")),
        "$.scoring.grades[1].min", "a min different from"));
    EXPECT_TRUE(HasError(
        errors_of(with(R"("method": "favourable_share")",
                       R"("method": "favourable_share", "grades": [{"grade": "", "min": 0}])")),
        "$.scoring.grades[0].grade", "non-empty grade name"));
}

TEST(QuestionnaireJsonErrorTest, PassMarkAndTargetOutOfRange) {
    const auto errors =
        errors_of(with(R"("method": "favourable_share")",
                       R"("method": "favourable_share", "pass_mark": 185, "target": "85")"));
    EXPECT_TRUE(HasError(errors, "$.scoring.pass_mark", "a number from 0 to 100"));
    EXPECT_TRUE(HasError(errors, "$.scoring.target", "without quotes"));
}

// ---- Rejected: item codes, texts, numbers ----------------------------------------------------

TEST(QuestionnaireJsonErrorTest, EmptyItemCode) {
    const Diagnostic e = only_error(with(R"("code": "i3")", R"("code": "")"));
    EXPECT_EQ(e.where, "$.items[2].code");
    EXPECT_NE(e.expected.find("a non-empty item code"), std::string::npos);
}

TEST(QuestionnaireJsonErrorTest, ItemCodeWithWhitespace) {
    for (const char* code : {"i 3", " i3", "i3\\t", "i3\\n", "i\u00A03", "i\u200B3"}) {
        const auto errors =
            errors_of(with(R"("code": "i3")", std::string(R"("code": ")") + code + "\""));
        EXPECT_TRUE(HasError(errors, "$.items[2].code", "without spaces")) << code;
    }
}

TEST(QuestionnaireJsonErrorTest, ItemCodeWithCommaOrQuote) {
    for (const char* code : {"i,3", "i\\\"3", "i'3"}) {
        const auto errors =
            errors_of(with(R"("code": "i3")", std::string(R"("code": ")") + code + "\""));
        EXPECT_TRUE(HasError(errors, "$.items[2].code", "without commas or quotes")) << code;
    }
}

TEST(QuestionnaireJsonErrorTest, ItemCodeIsReservedColumnName) {
    for (const char* code : {"unit", "Round", "INSTRUMENT", "respondent"}) {
        const Diagnostic e =
            only_error(with(R"("code": "i3")", std::string(R"("code": ")") + code + "\""));
        EXPECT_EQ(e.where, "$.items[2].code");
        EXPECT_EQ(e.value, code);
        EXPECT_NE(e.expected.find("reserved CSV column names"), std::string::npos) << code;
    }
    // Merely containing a reserved word is fine.
    EXPECT_TRUE(
        parse_questionnaire_json(with(R"("code": "i3")", R"("code": "unit2")"), "q.json").ok());
}

TEST(QuestionnaireJsonErrorTest, EmptyThaiText) {
    auto errors = errors_of(with(R"("th": "ข้อสาม")", R"("th": "")"));
    EXPECT_TRUE(HasError(errors, "$.items[2].text.th", "non-empty Thai text"));
    errors = errors_of(with(R"("th": "แบบทดสอบ")", R"("th": "  ")"));
    EXPECT_TRUE(HasError(errors, "$.title.th", "non-empty Thai text"));
    errors = errors_of(with(R"("th": "เฉย ๆ")", R"("th": "")"));
    EXPECT_TRUE(HasError(errors, "$.scales[1].options[1].label.th", "non-empty Thai text"));
}

TEST(QuestionnaireJsonErrorTest, EnglishTextMustBeAString) {
    EXPECT_TRUE(
        HasError(errors_of(with(R"("en": "Test")", R"("en": null)")), "$.title.en", "a string"));
}

TEST(QuestionnaireJsonErrorTest, IndicatorNumberNotPositiveInteger) {
    for (const char* number : {"0", "-1", "1.5", "1.0", "\"1\"", "true", "4294967296"}) {
        const auto errors =
            errors_of(with(R"({"number": 1,)", std::string(R"({"number": )") + number + ","));
        EXPECT_TRUE(HasError(errors, "$.indicators[0].number", "a positive whole number"))
            << number;
    }
    EXPECT_TRUE(HasError(errors_of(with(R"("indicator": 1,)", R"("indicator": 0,)")),
                         "$.items[1].indicator", "a positive whole number"));
}

TEST(QuestionnaireJsonErrorTest, CollectsAllErrors) {
    std::string text = with(R"("code": "i3")", R"("code": "round")");
    text = with(R"("weight": 30)", R"("weight": "30")", text);
    text = with(R"("scale": "agree3")", R"("scale": "nope")", text);
    text = with(R"("en": "Test")", R"("en": "Test", "x": 1)", text);
    text = with(R"({"number": 9,)", R"({"number": -9,)", text);
    const auto errors = errors_of(text);
    EXPECT_EQ(errors.size(), 5u) << itagap::core::to_string(errors);
    EXPECT_TRUE(HasError(errors, "$.title.x", "one of the keys"));
    EXPECT_TRUE(HasError(errors, "$.instruments[0].weight", "a number"));
    EXPECT_TRUE(HasError(errors, "$.indicators[2].number", "positive whole number"));
    EXPECT_TRUE(HasError(errors, "$.items[1].scale", "a scale in $.scales"));
    EXPECT_TRUE(HasError(errors, "$.items[2].code", "reserved"));
    // In document order.
    EXPECT_EQ(errors.front().where, "$.title.x");
    EXPECT_EQ(errors.back().where, "$.items[2].code");
}

TEST(QuestionnaireJsonErrorTest, DiagnosticReadsWell) {
    const Diagnostic e = only_error(with(R"("scale": "agree3")", R"("scale": "agree5")"));
    EXPECT_EQ(
        e.to_string().rfind(R"(q.json: $.items[1].scale: value "agree5": expected the id)", 0), 0u)
        << e.to_string();
}

// ---- The shipped template ------------------------------------------------------------------

TEST(QuestionnaireTemplateTest, ShippedInternal2568Layout) {
    const std::string path = ITAGAP_SOURCE_DIR "/data/questionnaires/ita-internal-2568.json";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "cannot open " << path;
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto result = parse_questionnaire_json(buffer.str(), "ita-internal-2568.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const Questionnaire& q = result.value();

    EXPECT_EQ(q.id, "ita-internal-2568");
    EXPECT_EQ(q.method, ScoringMethod::kFavourableShare);
    EXPECT_DOUBLE_EQ(q.pass_mark, 85);
    EXPECT_DOUBLE_EQ(q.default_target, 85);
    ASSERT_EQ(q.grades.size(), 7u);
    EXPECT_EQ(q.grades.front().grade, "AA");
    EXPECT_EQ(q.grades.back().grade, "F");
    EXPECT_NE(q.note.find("แม่แบบ"), std::string::npos);
    EXPECT_NE(q.note.find("Template"), std::string::npos);

    // Sample rules: the published ones (DOMAIN.md), for IIT and EIT only.
    ASSERT_EQ(q.instruments.size(), 3u);
    ASSERT_TRUE(q.instruments[0].sample);
    EXPECT_EQ(q.instruments[0].sample->population, itagap::core::SamplePopulation::kStaff);
    EXPECT_EQ(q.instruments[0].sample->percent_hundredths, 1000);
    EXPECT_EQ(q.instruments[0].sample->at_least, 30);
    EXPECT_EQ(q.instruments[0].sample->everyone_below, 30);
    ASSERT_TRUE(q.instruments[1].sample);
    EXPECT_EQ(q.instruments[1].sample->population, itagap::core::SamplePopulation::kClients);
    EXPECT_EQ(q.instruments[1].sample->cap, 400);
    EXPECT_EQ(q.instruments[1].sample->cap_above, 4000);
    EXPECT_FALSE(q.instruments[2].sample);

    // Scales.
    ASSERT_EQ(q.scales.size(), 2u);
    for (const char* id : {"iit-howmuch6", "eit-agree6"}) {
        const int s = q.find_scale(id);
        ASSERT_GE(s, 0) << id;
        const auto& options = q.scales[static_cast<std::size_t>(s)].options;
        ASSERT_EQ(options.size(), 6u) << id;
        for (std::size_t k = 0; k < 6; ++k) {
            EXPECT_DOUBLE_EQ(options[k].score, 20.0 * static_cast<double>(k)) << id;
            EXPECT_EQ(options[k].favourable, k >= 3) << id;
        }
    }
    EXPECT_EQ(q.scales[static_cast<std::size_t>(q.find_scale("eit-agree6"))].options[3].label.th,
              "ค่อนข้างเห็นด้วย");

    // Instruments and indicators.
    ASSERT_EQ(q.instruments.size(), 3u);
    const std::vector<std::pair<std::string, double>> weights = {
        {"IIT", 30}, {"EIT", 30}, {"OIT", 40}};
    const std::vector<std::vector<int>> numbers = {{1, 2, 3, 4, 5}, {6, 7, 8}, {9, 10}};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto& instrument = q.instruments[k];
        EXPECT_EQ(instrument.code, weights[k].first);
        EXPECT_DOUBLE_EQ(instrument.weight, weights[k].second);
        std::vector<int> got;
        for (int d : instrument.indicators)
            got.push_back(q.indicators[static_cast<std::size_t>(d)].number);
        EXPECT_EQ(got, numbers[k]) << instrument.code;
    }
    ASSERT_EQ(q.indicators.size(), 10u);
    EXPECT_EQ(q.indicators[0].name.th, "การปฏิบัติหน้าที่");
    EXPECT_EQ(q.indicators[7].name.th, "การปรับปรุงระบบการทำงาน");
    for (const auto& indicator : q.indicators) EXPECT_FALSE(indicator.name.en.empty());

    // Items: IIT i1..i30 and EIT e1..e10, by indicator.
    ASSERT_EQ(q.items.size(), 40u);
    const auto item_codes = [&](int number) {
        std::vector<std::string> codes;
        for (int t : q.indicators[static_cast<std::size_t>(q.find_indicator(number))].items) {
            codes.push_back(q.items[static_cast<std::size_t>(t)].code);
        }
        return codes;
    };
    const auto range = [](char prefix, int first, int last) {
        std::vector<std::string> codes;
        for (int n = first; n <= last; ++n) codes.push_back(prefix + std::to_string(n));
        return codes;
    };
    EXPECT_EQ(item_codes(1), range('i', 1, 12));
    EXPECT_EQ(item_codes(2), range('i', 13, 17));
    EXPECT_EQ(item_codes(3), range('i', 18, 22));
    EXPECT_EQ(item_codes(4), range('i', 23, 26));
    EXPECT_EQ(item_codes(5), range('i', 27, 30));
    EXPECT_EQ(item_codes(6), range('e', 1, 3));
    EXPECT_EQ(item_codes(7), range('e', 4, 6));
    EXPECT_EQ(item_codes(8), range('e', 7, 10));
    EXPECT_TRUE(item_codes(9).empty());
    EXPECT_TRUE(item_codes(10).empty());

    int iit = 0;
    int eit = 0;
    const int iit_scale = q.find_scale("iit-howmuch6");
    const int eit_scale = q.find_scale("eit-agree6");
    for (const auto& item : q.items) {
        const int instrument = q.indicators[static_cast<std::size_t>(item.indicator)].instrument;
        const std::string& code = q.instruments[static_cast<std::size_t>(instrument)].code;
        EXPECT_FALSE(item.text.en.empty()) << item.code;
        if (code == "IIT") {
            ++iit;
            EXPECT_EQ(item.code[0], 'i');
            EXPECT_EQ(item.scale, iit_scale) << item.code;
            EXPECT_NE(item.text.th.find("มากน้อยเพียงใด"), std::string::npos) << item.code;
        } else {
            ++eit;
            EXPECT_EQ(code, "EIT");
            EXPECT_EQ(item.code[0], 'e');
            EXPECT_EQ(item.scale, eit_scale) << item.code;
        }
        const bool reverse = item.code == "i12" || item.code == "i19" || item.code == "i24";
        EXPECT_EQ(item.reverse, reverse) << item.code;
    }
    EXPECT_EQ(iit, 30);
    EXPECT_EQ(eit, 10);

    const auto& i12 = q.items[static_cast<std::size_t>(q.find_item("i12"))];
    EXPECT_TRUE(i12.reverse);
    EXPECT_EQ(q.indicators[static_cast<std::size_t>(i12.indicator)].number, 1);
    EXPECT_EQ(i12.text.th,
              "เจ้าหน้าที่ในหน่วยงานของท่าน มีการเลือกปฏิบัติอย่างไม่เป็นธรรม "
              "ต่อผู้มาติดต่อหรือผู้มารับบริการ มากน้อยเพียงใด");
    const auto& e7 = q.items[static_cast<std::size_t>(q.find_item("e7"))];
    EXPECT_EQ(q.indicators[static_cast<std::size_t>(e7.indicator)].number, 8);
    EXPECT_EQ(e7.text.th,
              "หน่วยงานมีการเปิดโอกาสให้บุคคลภายนอกได้เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงานของหน่วยงาน");

    const auto& oit = q.instruments[static_cast<std::size_t>(q.find_instrument("OIT"))];
    EXPECT_DOUBLE_EQ(oit.weight, 40);
    ASSERT_EQ(oit.indicators.size(), 2u);
    for (int d : oit.indicators)
        EXPECT_TRUE(q.indicators[static_cast<std::size_t>(d)].items.empty());
}

}  // namespace

namespace {

TEST(QuestionnaireDocTest, ExampleInFormatDocParses) {
    const std::string path = ITAGAP_SOURCE_DIR "/docs/questionnaire-format.md";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "cannot open " << path;
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string doc = buffer.str();
    const auto start = doc.find("```json\n");
    ASSERT_NE(start, std::string::npos);
    const auto end = doc.find("```", start + 8);
    ASSERT_NE(end, std::string::npos);
    auto result = parse_questionnaire_json(doc.substr(start + 8, end - start - 8), "doc");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    EXPECT_EQ(result->items.size(), 1u);
    EXPECT_TRUE(result->indicators[1].items.empty());
}

}  // namespace

namespace {

TEST(QuestionnaireTemplateTest, Shipped2569CarriesThePublishedSampleRules) {
    const std::string path = ITAGAP_SOURCE_DIR "/data/questionnaires/ita-internal-2569.json";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "cannot open " << path;
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto result = parse_questionnaire_json(buffer.str(), "ita-internal-2569.json");
    ASSERT_TRUE(result.ok()) << itagap::core::to_string(result.errors());
    const Questionnaire& q = result.value();
    const auto& iit = q.instruments[static_cast<std::size_t>(q.find_instrument("IIT"))].sample;
    const auto& eit = q.instruments[static_cast<std::size_t>(q.find_instrument("EIT"))].sample;
    ASSERT_TRUE(iit && eit);
    EXPECT_EQ(iit->percent_hundredths, 1000);
    EXPECT_EQ(iit->at_least, 30);
    EXPECT_EQ(iit->everyone_below, 30);
    EXPECT_FALSE(iit->cap);
    EXPECT_EQ(eit->population, itagap::core::SamplePopulation::kClients);
    EXPECT_EQ(eit->percent_hundredths, 1000);
    EXPECT_EQ(eit->at_least, 30);
    EXPECT_EQ(eit->everyone_below, 0);
    EXPECT_EQ(eit->cap, 400);
    EXPECT_EQ(eit->cap_above, 4000);
    EXPECT_FALSE(q.instruments[static_cast<std::size_t>(q.find_instrument("OIT"))].sample);
}

}  // namespace
