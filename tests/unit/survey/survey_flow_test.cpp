#include "web/survey/survey_flow.hpp"

#include <gtest/gtest.h>

#include "questionnaire_builder.hpp"
#include "web/survey/survey_view.hpp"

namespace itagap::web {
namespace {

using testing::QuestionnaireBuilder;

// IIT: indicator 1 = a1, a2 (reverse); indicator 2 = b1. OIT: indicator 9, no items.
core::Questionnaire questionnaire() {
    return QuestionnaireBuilder()
        .instrument("IIT", 30)
        .indicator(1)
        .item("a1")
        .item("a2", true)
        .indicator(2)
        .item("b1")
        .indicator(3)  // no items: no page
        .build();
}

TEST(SurveyFlowTest, ReadsValidAnswersAndDropsEverythingElse) {
    auto q = questionnaire();
    FormFields form{{"a_a1", "6"}, {"a_a2", "7"},  {"a_b1", "x"},          {"a_zz", "3"},
                    {"step", "1"}, {"go", "next"}, {"comment", "ดีมาก <b>"}};
    SurveyState s = read_survey_form(q, 0, form);
    EXPECT_EQ(s.pages, (std::vector<int>{0, 1}));
    EXPECT_EQ(s.answers, (std::vector<core::Answer>{6, 0, 0}));
    EXPECT_EQ(s.answered(), 1u);
    EXPECT_EQ(s.step, 1);
    EXPECT_EQ(s.comment, "ดีมาก <b>");  // stored verbatim, escaped on output
    EXPECT_EQ(s.total_steps(), 3);
}

TEST(SurveyFlowTest, StepIsClampedAndCommentCutAtACharacterBoundary) {
    auto q = questionnaire();
    std::string thai_comment;
    for (int i = 0; i < 1000; ++i) thai_comment += "ก";  // 3 bytes each
    SurveyState s = read_survey_form(q, 0, {{"step", "99"}, {"comment", thai_comment}});
    EXPECT_EQ(s.step, 2);
    EXPECT_TRUE(s.on_review());
    EXPECT_EQ(s.comment.size(), 1998u);  // 666 whole characters within 2000 bytes
    EXPECT_EQ(read_survey_form(q, 0, {{"step", "-4"}}).step, 0);
}

TEST(SurveyFlowTest, NavigationGoesThroughTheReviewBeforeSubmitting) {
    auto q = questionnaire();
    auto at = [&](const char* step, const char* go) {
        return next_step(read_survey_form(q, 0, {{"step", step}, {"go", go}}));
    };
    EXPECT_EQ(at("0", "next"), 1);
    EXPECT_EQ(at("1", "next"), 2);
    EXPECT_EQ(at("2", "next"), 2);
    EXPECT_EQ(at("1", "back"), 0);
    EXPECT_EQ(at("0", "back"), 0);
    EXPECT_EQ(at("0", "submit"), 2);             // a page's submit shows the review
    EXPECT_EQ(at("2", "submit"), std::nullopt);  // the review's submit stores
    EXPECT_EQ(at("2", "edit_1"), 1);
    EXPECT_EQ(at("2", "edit_9"), 2);
    EXPECT_EQ(at("2", "edit_x"), 2);
    EXPECT_EQ(at("1", "lang_en"), 1);
}

TEST(SurveyViewTest, APageShowsItsItemsAndCarriesTheOthersHidden) {
    auto q = questionnaire();
    SurveyState s = read_survey_form(q, 0, {{"a_a1", "5"}, {"a_b1", "2"}, {"step", "0"}});
    SurveyContext context{"หน่วย", "รอบ 1", "/iit/answer", {{"code", "K7QM"}}, Language::kThai};
    auto view = survey_page_view(q, s, context);
    EXPECT_EQ(view["step_text"], "ขั้นที่ 1 จาก 3");
    EXPECT_EQ(view["answered_text"], "ตอบแล้ว 2 จาก 3 ข้อ");
    ASSERT_EQ(view["questions"].size(), 2u);
    EXPECT_EQ(view["questions"][0]["code"], "a1");
    EXPECT_EQ(view["questions"][0]["options"][4]["checked"], true);
    EXPECT_EQ(view["questions"][1]["reverse"], true);
    // b1's answer and the access code travel as hidden fields.
    bool b1 = false, code = false;
    for (const auto& h : view["hidden"]) {
        if (h["name"] == "a_b1" && h["value"] == "2") b1 = true;
        if (h["name"] == "code" && h["value"] == "K7QM") code = true;
    }
    EXPECT_TRUE(b1);
    EXPECT_TRUE(code);
}

TEST(SurveyViewTest, ReviewListsEveryAnswerOrNotAnswered) {
    auto q = questionnaire();
    SurveyState s = read_survey_form(q, 0, {{"a_a2", "1"}, {"step", "2"}});
    auto view = survey_page_view(q, s, {"u", "r", "/x", {}, Language::kEnglish});
    EXPECT_TRUE(view["on_review"]);
    ASSERT_EQ(view["review"].size(), 2u);
    EXPECT_EQ(view["review"][0]["rows"][0]["answer"], "Not answered");
    EXPECT_EQ(view["review"][0]["rows"][1]["answer"], "หนึ่ง");  // no English label: Thai
    EXPECT_EQ(view["review"][1]["edit_action"], "edit_1");
}

}  // namespace
}  // namespace itagap::web
