// A unit's OIT answers: what may be saved, which links count, the verdicts
// handed to scoring and the checklist's progress, computed by hand.
#include "core/oit_answers.hpp"

#include <gtest/gtest.h>

namespace itagap::core {
namespace {

// o1 presence, o2 per element over three elements, o3 presence.
Questionnaire checklist() {
    Questionnaire q;
    q.instruments = {{"OIT", {"เปิดเผย", ""}, 40, {0}}};
    q.indicators = {{9, {"การเปิดเผยข้อมูล", ""}, 0, {}}};
    for (int k = 1; k <= 3; ++k) {
        OitItem item;
        item.code = "o" + std::to_string(k);
        item.indicator = 0;
        q.oit_items.push_back(item);
    }
    q.oit_items[1].scoring = OitItemScoring::kPerElement;
    q.oit_items[1].elements = {{"ชื่อ", ""}, {"ตำแหน่ง", ""}, {"รูปถ่าย", ""}};
    return q;
}

OitAnswer answer(std::string code, OitItemState state) {
    OitAnswer a;
    a.item_code = std::move(code);
    a.state = state;
    a.available = true;
    a.urls = {"https://www.example.go.th/ita/o1"};
    return a;
}

TEST(OitAnswersTest, WebUrls) {
    EXPECT_TRUE(is_web_url("https://www.example.go.th/ita?y=2569#o1"));
    EXPECT_TRUE(is_web_url("HTTP://example.go.th"));
    EXPECT_TRUE(is_web_url("http://127.0.0.1:8080/a"));
    EXPECT_FALSE(is_web_url("ftp://example.go.th/a"));
    EXPECT_FALSE(is_web_url("https://"));
    EXPECT_FALSE(is_web_url("https:///path"));
    EXPECT_FALSE(is_web_url("https://:80/path"));
    EXPECT_FALSE(is_web_url("https://example.go.th/a b"));
    EXPECT_FALSE(is_web_url("javascript:alert(1)"));
    EXPECT_FALSE(is_web_url("www.example.go.th"));
}

TEST(OitAnswersTest, WhatMayBeSaved) {
    const Questionnaire q = checklist();
    OitAnswer a = answer("o1", OitItemState::kAnswered);
    EXPECT_TRUE(check_oit_answer(q, a).ok());

    OitAnswer unknown = a;
    unknown.item_code = "o9";
    EXPECT_EQ(check_oit_answer(q, unknown).key, "oit_item_unknown");
    EXPECT_EQ(check_oit_answer(q, unknown).value, "o9");

    OitAnswer no_link = a;
    no_link.urls.clear();
    EXPECT_EQ(check_oit_answer(q, no_link).key, "oit_url_required");
    no_link.available = false;  // ไม่มี needs no link
    EXPECT_TRUE(check_oit_answer(q, no_link).ok());

    OitAnswer bad = a;
    bad.urls.push_back("www.example.go.th");
    auto p = check_oit_answer(q, bad);
    EXPECT_EQ(p.key, "oit_url_invalid");
    EXPECT_EQ(p.field, "urls");
    EXPECT_EQ(p.value, "www.example.go.th");

    OitAnswer many = a;
    many.urls.assign(kMaxOitUrls + 1, "https://a.go.th/");
    EXPECT_EQ(check_oit_answer(q, many).key, "oit_too_many_urls");

    OitAnswer long_url = a;
    long_url.urls = {"https://a.go.th/" + std::string(kMaxOitUrlLength, 'x')};
    EXPECT_EQ(check_oit_answer(q, long_url).key, "oit_url_too_long");

    // Thai text is counted in characters, not bytes: 4000 Thai characters
    // (12000 bytes) are allowed, 4001 are not.
    OitAnswer thai = a;
    std::string ko;
    for (std::size_t i = 0; i < kMaxOitTextLength; ++i) ko += "ก";
    thai.explanation = ko;
    EXPECT_TRUE(check_oit_answer(q, thai).ok());
    thai.explanation += "ก";
    EXPECT_EQ(check_oit_answer(q, thai).key, "oit_text_too_long");
    EXPECT_EQ(check_oit_answer(q, thai).field, "explanation");

    OitAnswer control = a;
    control.clarification = std::string("a\x01", 2);
    EXPECT_EQ(check_oit_answer(q, control).key, "oit_text_control");

    OitAnswer elements = answer("o2", OitItemState::kPassed);
    elements.elements_passed = {true, false};
    EXPECT_EQ(check_oit_answer(q, elements).key, "oit_elements_mismatch");
    elements.elements_passed = {true, false, true};
    EXPECT_TRUE(check_oit_answer(q, elements).ok());

    OitAnswer appeal = a;
    appeal.clarification_urls = {"not a url"};
    EXPECT_EQ(check_oit_answer(q, appeal).field, "clarification_urls");
}

TEST(OitAnswersTest, ClarificationLinksReplaceTheFirstOnes) {
    OitAnswer a = answer("o1", OitItemState::kFailed);
    EXPECT_EQ(effective_urls(a), a.urls);
    a.clarification_urls = {"https://www.example.go.th/new"};
    EXPECT_EQ(effective_urls(a), a.clarification_urls);
}

TEST(OitAnswersTest, VerdictsFollowTheState) {
    const Questionnaire q = checklist();
    std::vector<OitAnswer> answers = {answer("o3", OitItemState::kClarified),
                                      answer("o1", OitItemState::kConfirmedPassed),
                                      answer("o2", OitItemState::kPassed)};
    answers[2].elements_passed = {true, false, true};
    auto v = verdicts_for(q, answers);
    ASSERT_EQ(v.size(), 3u);
    EXPECT_TRUE(v[0].judged);
    EXPECT_TRUE(v[0].passed);
    EXPECT_TRUE(v[1].judged);
    EXPECT_EQ(v[1].elements_passed, (std::vector<bool>{true, false, true}));
    EXPECT_TRUE(v[2].judged);  // clarified: still failed until confirmed
    EXPECT_FALSE(v[2].passed);

    // o1 100, o2 2/3 x 100, o3 0: indicator 9 = (100 + 66.67 + 0) / 3.
    OitScore s = score_oit(q, v);
    ASSERT_EQ(s.indicators.size(), 1u);
    EXPECT_NEAR(s.score, (100.0 + 200.0 / 3.0) / 3.0, 1e-9);

    // Submitted but not judged: nothing counts yet.
    auto pending = verdicts_for(q, {answer("o1", OitItemState::kSubmitted)});
    EXPECT_FALSE(pending[0].judged);

    // A per-element item judged as a whole counts all its elements alike.
    OitAnswer whole = answer("o2", OitItemState::kFailed);
    EXPECT_EQ(verdict_of(q.oit_items[1], whole).elements_passed,
              (std::vector<bool>{false, false, false}));
}

TEST(OitAnswersTest, Progress) {
    const Questionnaire q = checklist();
    const CivilDate today{2026, 3, 10};
    OitAnswer draft = answer("o1", OitItemState::kDraft);
    draft.due = CivilDate{2026, 3, 9};  // a draft past its date: missing and overdue
    OitAnswer answered = answer("o2", OitItemState::kAnswered);
    answered.due = CivilDate{2026, 3, 10};  // due today: not overdue yet
    OitAnswer failed = answer("o3", OitItemState::kFailed);
    failed.due = CivilDate{2026, 1, 1};  // submitted: never overdue
    auto p = oit_progress(q, {draft, answered, failed}, today);
    EXPECT_EQ(p.items, 3);
    EXPECT_EQ(p.missing, 1);
    EXPECT_EQ(p.answered, 2);
    EXPECT_EQ(p.submitted, 1);
    EXPECT_EQ(p.overdue, 1);
    EXPECT_EQ(p.passed, 0);
    EXPECT_EQ(p.failed, 1);

    auto none = oit_progress(q, {}, today);
    EXPECT_EQ(none.missing, 3);
    EXPECT_EQ(none.answered, 0);
}

}  // namespace
}  // namespace itagap::core
