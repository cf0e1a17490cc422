// Respondents through real HTTP on loopback, against each store: the IIT with
// a one-time code, the EIT through its public link, refusals, CSRF, escaping.
#include <gtest/gtest.h>

#include "site_harness.hpp"

namespace itagap::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class SurveyTest : public SiteTest {
protected:
    std::string eit_link(store::Id round) const {
        return "/s/" + std::to_string(round) + "/" + std::to_string(site_->demo().unit_id);
    }

    // Walks every page of a survey from `page`, answering each item with
    // `option`, then submits from the review page. Returns the last response;
    // `seen`, when given, receives every survey page shown on the way.
    ClientResponse answer_all(Browser& browser, const std::string& action, ClientResponse page,
                              const std::string& option, const std::string& comment = "",
                              std::vector<ClientResponse>* seen = nullptr) {
        for (int guard = 0; guard < 20; ++guard) {
            auto fields = hidden_fields(page.body());
            if (!fields.count("step")) return page;  // not a survey page any more
            if (seen) seen->push_back(page);
            std::string body = page.body();
            static const std::regex radio(R"re(name="(a_[a-z0-9]+)" value="1")re");
            for (auto it = std::sregex_iterator(body.begin(), body.end(), radio);
                 it != std::sregex_iterator(); ++it) {
                fields[(*it)[1].str()] = option;
            }
            const bool review = contains(body, "name=\"go\" value=\"submit\"");
            if (review) {
                fields["comment"] = comment;
                fields["go"] = "submit";
                return browser.post(action, fields);
            }
            fields["go"] = "next";
            page = browser.post(action, fields);
            if (page.result() != http::status::ok) return page;
        }
        ADD_FAILURE() << "the survey never reached its review page";
        return page;
    }
};

TEST_P(SurveyTest, EitRespondentAnswersThroughThePublicLinkOnce) {
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    Browser browser(site_->port());
    ClientResponse first = browser.get(eit_link(round));
    ASSERT_EQ(first.result(), http::status::ok) << first.body();
    EXPECT_TRUE(contains(first.body(), "ขั้นที่ 1 จาก 4"));
    EXPECT_TRUE(browser.cookies.count("itagap_eit"));
    EXPECT_LT(first.body().size(), 30u * 1024);

    ClientResponse done = answer_all(browser, eit_link(round), first, "5", "ดีมาก");
    ASSERT_EQ(done.result(), http::status::ok) << done.body();
    EXPECT_TRUE(contains(done.body(), "ขอบคุณที่ร่วมตอบแบบสำรวจ"));

    auto rows = site_->store().list_responses(round, unit, "EIT");
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].answers, std::vector<std::uint8_t>(10, 5));
    EXPECT_EQ((*rows)[0].comment, "ดีมาก");
    EXPECT_EQ((*rows)[0].submitted_on, "2025-11-20");

    // The same browser opens the link again: told at once, before any question.
    ClientResponse reopened = browser.get(eit_link(round));
    EXPECT_EQ(reopened.result(), http::status::ok);
    EXPECT_TRUE(contains(reopened.body(), "ท่านได้ตอบแบบสำรวจนี้แล้ว")) << reopened.body();
    EXPECT_FALSE(contains(reopened.body(), "name=\"step\""));
    // A form still open in another tab is refused at submit; nothing more stored.
    ClientResponse again = answer_all(browser, eit_link(round), first, "6");
    EXPECT_EQ(again.result(), http::status::conflict);
    EXPECT_TRUE(contains(again.body(), "ท่านได้ตอบแบบสำรวจนี้แล้ว"));
    EXPECT_EQ(*site_->store().count_responses(round, unit, "EIT"), 1);
}

TEST_P(SurveyTest, IitRespondentUsesAOneTimeCode) {
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    const std::string code = site_->demo().access_codes[0];
    Browser browser(site_->port());
    ClientResponse form = browser.get("/iit");
    ASSERT_EQ(form.result(), http::status::ok);
    auto fields = hidden_fields(form.body());
    ASSERT_TRUE(fields.count("csrf"));

    // Typed in lower case with spaces: still the code.
    std::string typed = code;
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::replace(typed.begin(), typed.end(), '-', ' ');
    fields["code"] = typed;
    ClientResponse first = browser.post("/iit", fields);
    ASSERT_EQ(first.result(), http::status::ok) << first.body();
    EXPECT_TRUE(contains(first.body(), "การปฏิบัติหน้าที่"));

    ClientResponse done = answer_all(browser, "/iit/answer", first, "4");
    ASSERT_EQ(done.result(), http::status::ok) << done.body();
    EXPECT_TRUE(contains(done.body(), "ขอบคุณที่ร่วมตอบแบบสำรวจ"));
    auto rows = site_->store().list_responses(round, unit, "IIT");
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].answers, std::vector<std::uint8_t>(30, 4));
    auto counts = site_->store().count_access_codes(round, unit);
    EXPECT_EQ(counts->used, 1);

    // The used code is refused at the door.
    fields = hidden_fields(browser.get("/iit").body());
    fields["code"] = code;
    ClientResponse used = browser.post("/iit", fields);
    EXPECT_EQ(used.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(used.body(), "รหัสนี้ถูกใช้ตอบแบบสำรวจไปแล้ว"));

    // An unknown code, and letters that are not in the alphabet.
    fields["code"] = "ZZZ-ZZZ-ZZZ";
    EXPECT_TRUE(contains(browser.post("/iit", fields).body(), "ไม่พบรหัสนี้"));
    fields["code"] = "OOO-III-000";
    EXPECT_TRUE(contains(browser.post("/iit", fields).body(), "ไม่พบรหัสนี้"));
}

TEST_P(SurveyTest, AClosedRoundIsRefused) {
    Browser browser(site_->port());
    ClientResponse page = browser.get(eit_link(site_->demo().seed_round_id));
    EXPECT_TRUE(contains(page.body(), "ปิดรับแบบสำรวจแล้ว")) << page.body();

    // A round closed between the first page and the submit.
    const store::Id round = site_->demo().open_round_id;
    ClientResponse first = browser.get(eit_link(round));
    auto r = *site_->store().get_round(round);
    r.status = store::RoundStatus::kClosed;
    ASSERT_TRUE(site_->store().update_round(r).ok());
    ClientResponse done = answer_all(browser, eit_link(round), first, "5");
    EXPECT_TRUE(contains(done.body(), "ปิดรับแบบสำรวจแล้ว")) << done.body();
    EXPECT_EQ(*site_->store().count_responses(round, site_->demo().unit_id, "EIT"), 0);
}

TEST_P(SurveyTest, FormsWithoutTheirCsrfTokenAreRefused) {
    Browser browser(site_->port());
    auto fields = hidden_fields(browser.get("/iit").body());
    fields["code"] = site_->demo().access_codes[1];
    auto without_token = fields;
    without_token.erase("csrf");
    EXPECT_EQ(browser.post("/iit", without_token).result(), http::status::forbidden);
    auto wrong = fields;
    // A token that differs in its first character (never the same one by chance).
    wrong["csrf"] = (fields["csrf"].front() == 'x' ? "y" : "x") + fields["csrf"].substr(1);
    EXPECT_EQ(browser.post("/iit", wrong).result(), http::status::forbidden);
    Browser other(site_->port());  // the token without its cookie
    EXPECT_EQ(other.post("/iit", fields).result(), http::status::forbidden);
    EXPECT_EQ(browser.post("/iit", fields).result(), http::status::ok);
}

TEST_P(SurveyTest, ScriptInACommentIsStoredVerbatimAndShownEscaped) {
    const std::string payload =
        "<script>alert('x')</script> \"quoted\" '); DROP TABLE responses;--";
    Browser browser(site_->port());
    const std::string link = eit_link(site_->demo().open_round_id);
    ClientResponse page = browser.get(link);
    auto fields = hidden_fields(page.body());
    fields["comment"] = payload;
    fields["go"] = "review";
    ClientResponse review = browser.post(link, fields);
    ASSERT_EQ(review.result(), http::status::ok);
    EXPECT_FALSE(contains(review.body(), "<script>alert"));
    EXPECT_TRUE(contains(review.body(), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        << review.body();
    auto submit = hidden_fields(review.body());
    submit["comment"] = payload;
    submit["go"] = "submit";
    ASSERT_EQ(browser.post(link, submit).result(), http::status::ok);
    auto rows =
        site_->store().list_responses(site_->demo().open_round_id, site_->demo().unit_id, "EIT");
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].comment, payload);
    EXPECT_EQ((*rows)[0].answers, std::vector<std::uint8_t>(10, 0));  // nothing answered
}

TEST_P(SurveyTest, QrCodesOfThePublicLink) {
    Browser browser(site_->port());
    const std::string link = eit_link(site_->demo().open_round_id);
    ClientResponse svg = browser.get(link + "/qr.svg");
    ASSERT_EQ(svg.result(), http::status::ok);
    EXPECT_EQ(svg[http::field::content_type], "image/svg+xml; charset=utf-8");
    EXPECT_TRUE(contains(svg.body(), "<svg"));
    ClientResponse png = browser.get(link + "/qr.png");
    ASSERT_EQ(png.result(), http::status::ok);
    EXPECT_EQ(png.body().substr(1, 3), "PNG");
    EXPECT_EQ(browser.get("/s/999/999/qr.svg").result(), http::status::not_found);
}

// What the layout and the survey templates show on an English page, and the
// Thai text of the same elements, which must then be absent.
void expect_english(const ClientResponse& page, const std::string& label) {
    const std::string body = html_unescape(page.body());
    EXPECT_TRUE(contains(body, "<html lang=\"en\">")) << label;
    EXPECT_TRUE(contains(body, "Skip to content")) << label;
    EXPECT_FALSE(contains(body, "ข้ามไปยังเนื้อหา")) << label;
    EXPECT_TRUE(contains(body, "<p>Integrity and Transparency Assessment (ITA)</p>")) << label;
    EXPECT_FALSE(contains(body, "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน")) << label;
    EXPECT_TRUE(contains(body, "itagap integrity and transparency</title>")) << label;
    EXPECT_FALSE(contains(body, "ประเมินคุณธรรมและความโปร่งใส</title>")) << label;
}

// The labels of a survey step in English (not the review page).
void expect_english_step(const ClientResponse& page, const std::string& step_text,
                         const std::string& answered_text, const std::string& label) {
    expect_english(page, label);
    const std::string body = html_unescape(page.body());
    EXPECT_TRUE(contains(body, step_text)) << label << body;
    EXPECT_TRUE(contains(body, answered_text)) << label;
    EXPECT_TRUE(contains(body, "value=\"next\" class=\"primary\">Next</button>")) << label;
    EXPECT_FALSE(contains(body, "ถัดไป")) << label;
    EXPECT_FALSE(contains(body, "ขั้นที่")) << label;
    EXPECT_FALSE(contains(body, "ตอบแล้ว")) << label;
    EXPECT_TRUE(contains(body, "This survey is anonymous")) << label;
    EXPECT_FALSE(contains(body, "แบบสำรวจนี้ไม่ระบุตัวตน")) << label;
    // The switch back to Thai is the one Thai label on the page.
    EXPECT_TRUE(contains(body, "value=\"lang_th\" formnovalidate lang=\"th\">ภาษาไทย</button>"))
        << label;
    EXPECT_EQ(hidden_fields(page.body())["lang"], "en") << label;
}

// The review page's labels in English.
void expect_english_review(const ClientResponse& page, const std::string& label) {
    expect_english(page, label);
    const std::string body = html_unescape(page.body());
    EXPECT_TRUE(contains(body, "<h1>Review your answers</h1>")) << label;
    EXPECT_TRUE(contains(body, ">Further comments (optional)</label>")) << label;
    EXPECT_TRUE(contains(body, "value=\"submit\" class=\"primary\">Submit</button>")) << label;
    EXPECT_TRUE(contains(body, ">Edit</button>")) << label;
    for (const char* thai :
         {"ตรวจทานคำตอบก่อนส่ง", "ข้อเสนอแนะเพิ่มเติม", "ส่งแบบสำรวจ", ">แก้ไข<", "ยังไม่ได้ตอบ"}) {
        EXPECT_FALSE(contains(body, thai)) << label << ": " << thai;
    }
}

TEST_P(SurveyTest, IitCodePageAndStepsInEnglish) {
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    Browser browser(site_->port());
    ClientResponse form = browser.get("/iit?lang=en");
    ASSERT_EQ(form.result(), http::status::ok);
    expect_english(form, "code page");
    const std::string code_page = html_unescape(form.body());
    EXPECT_TRUE(
        contains(code_page, "<h1>Internal Integrity and Transparency Assessment (IIT)</h1>"));
    EXPECT_TRUE(contains(code_page, "<label for=\"code\">Survey access code</label>"));
    EXPECT_TRUE(contains(code_page, "Type the code you were given"));
    EXPECT_TRUE(contains(code_page, "class=\"primary\">Start the survey</button>"));
    EXPECT_TRUE(contains(code_page, "href=\"/iit?lang=th\" lang=\"th\">ภาษาไทย</a>"));
    for (const char* thai : {"แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", "รหัสเข้าตอบแบบสำรวจ", "พิมพ์รหัสที่ได้รับ",
                             "เริ่มทำแบบสำรวจ", "แบบสำรวจนี้ไม่ระบุตัวตน"}) {
        EXPECT_FALSE(contains(code_page, thai)) << thai;
    }
    auto fields = hidden_fields(form.body());
    EXPECT_EQ(fields["lang"], "en");

    // The code form carries the language to the first step: indicator 1,
    // items i1-i12, IIT's six-level scale, i12 reverse-worded.
    fields["code"] = site_->demo().access_codes[0];
    ClientResponse first = browser.post("/iit", fields);
    ASSERT_EQ(first.result(), http::status::ok) << first.body();
    expect_english_step(first, "Step 1 of 6", "0 of 30 items answered", "IIT step 1");
    const std::string step = html_unescape(first.body());
    EXPECT_TRUE(contains(step, "<h1>Performance of duties</h1>"));
    EXPECT_TRUE(contains(step, "To what extent do staff in your agency carry out their work"));
    EXPECT_TRUE(contains(step, "value=\"1\"> None or very little</label>"));
    EXPECT_TRUE(contains(step, "value=\"6\"> Very much</label>"));
    EXPECT_TRUE(contains(step, "This item asks about something that should not happen"));
    EXPECT_TRUE(contains(step, "<title>Internal Integrity and Transparency Assessment · "));
    for (const char* thai : {"การปฏิบัติหน้าที่", "เจ้าหน้าที่ในหน่วยงานของท่าน", "น้อยที่สุดหรือไม่มีเลย", "มากที่สุด",
                             "ข้อนี้ถามถึงสิ่งที่ไม่ควรเกิดขึ้น"}) {
        EXPECT_FALSE(contains(step, thai)) << thai;
    }

    // Every page on the way stays English; option 4 is "Somewhat much".
    std::vector<ClientResponse> pages;
    ClientResponse done = answer_all(browser, "/iit/answer", first, "4", "", &pages);
    ASSERT_EQ(pages.size(), 6u);  // five indicators, then the review
    expect_english_step(pages[1], "Step 2 of 6", "12 of 30 items answered", "IIT step 2");
    EXPECT_TRUE(contains(pages[1].body(), "<h1>Use of budget</h1>"));
    expect_english_step(pages[4], "Step 5 of 6", "26 of 30 items answered", "IIT step 5");
    expect_english_review(pages[5], "IIT review");
    EXPECT_TRUE(contains(pages[5].body(), "<dd>Somewhat much</dd>"));
    EXPECT_FALSE(contains(pages[5].body(), "ค่อนข้างมาก"));
    ASSERT_EQ(done.result(), http::status::ok) << done.body();
    expect_english(done, "IIT thanks");
    EXPECT_TRUE(contains(done.body(), "Thank you for answering"));
    EXPECT_FALSE(contains(done.body(), "ขอบคุณที่ร่วมตอบแบบสำรวจ"));
    auto rows = site_->store().list_responses(round, unit, "IIT");
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].answers, std::vector<std::uint8_t>(30, 4));

    // The used code, refused in English.
    ClientResponse used = browser.post("/iit", fields);
    EXPECT_EQ(used.result(), http::status::unprocessable_entity);
    expect_english(used, "used code");
    EXPECT_TRUE(contains(html_unescape(used.body()), "This code has already been used."));
    EXPECT_FALSE(contains(used.body(), "รหัสนี้ถูกใช้ตอบแบบสำรวจไปแล้ว"));
}

TEST_P(SurveyTest, EitStepsInEnglishAndTheLanguageSwitch) {
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    Browser browser(site_->port());
    ClientResponse first = browser.get(eit_link(round) + "?lang=en");
    ASSERT_EQ(first.result(), http::status::ok) << first.body();
    // Indicator 6, items e1-e3, EIT's agreement scale.
    expect_english_step(first, "Step 1 of 4", "0 of 10 items answered", "EIT step 1");
    const std::string step = html_unescape(first.body());
    EXPECT_TRUE(contains(step, "<h1>Quality of operations</h1>"));
    EXPECT_TRUE(contains(step, "value=\"1\"> Strongly disagree</label>"));
    EXPECT_TRUE(contains(step, "value=\"6\"> Strongly agree</label>"));
    for (const char* thai : {"คุณภาพการดำเนินงาน", "เห็นด้วยอย่างยิ่ง", "ไม่เห็นด้วย"}) {
        EXPECT_FALSE(contains(step, thai)) << thai;
    }

    std::vector<ClientResponse> pages;
    ClientResponse done = answer_all(browser, eit_link(round), first, "5", "", &pages);
    ASSERT_EQ(pages.size(), 4u);  // three indicators, then the review
    expect_english_step(pages[1], "Step 2 of 4", "3 of 10 items answered", "EIT step 2");
    EXPECT_TRUE(contains(pages[1].body(), "<h1>Communication</h1>"));
    expect_english_step(pages[2], "Step 3 of 4", "6 of 10 items answered", "EIT step 3");
    expect_english_review(pages[3], "EIT review");
    EXPECT_TRUE(contains(pages[3].body(), "<dd>Agree</dd>"));
    ASSERT_EQ(done.result(), http::status::ok) << done.body();
    expect_english(done, "EIT thanks");
    EXPECT_TRUE(contains(done.body(), "Thank you for answering"));
    EXPECT_EQ(*site_->store().count_responses(round, unit, "EIT"), 1);

    // A closed round, in English.
    ClientResponse closed = browser.get(eit_link(site_->demo().seed_round_id) + "?lang=en");
    expect_english(closed, "closed round");
    EXPECT_TRUE(contains(closed.body(), "The survey is closed"));
    EXPECT_FALSE(contains(closed.body(), "ปิดรับแบบสำรวจแล้ว"));

    // The switch button on a Thai page shows the same step in English with
    // the answers given so far still chosen.
    Browser thai(site_->port());
    ClientResponse thai_first = thai.get(eit_link(round));
    EXPECT_TRUE(contains(thai_first.body(), "<html lang=\"th\">"));
    EXPECT_TRUE(contains(thai_first.body(),
                         "value=\"lang_en\" formnovalidate lang=\"en\">English</button>"));
    auto fields = hidden_fields(thai_first.body());
    for (const char* item : {"a_e1", "a_e2", "a_e3"}) fields[item] = "6";
    fields["go"] = "lang_en";
    ClientResponse switched = thai.post(eit_link(round), fields);
    ASSERT_EQ(switched.result(), http::status::ok);
    expect_english_step(switched, "Step 1 of 4", "3 of 10 items answered", "switched");
    for (const char* item : {"a_e1_6", "a_e2_6", "a_e3_6"}) {
        EXPECT_TRUE(contains(switched.body(), std::string("id=\"") + item + "\" name=\"" +
                                                  std::string(item).substr(0, 4) +
                                                  "\" value=\"6\" checked>"))
            << item;
    }
}

// "Under 30 KB a page": every page a respondent can be shown, both surveys.
TEST_P(SurveyTest, EverySurveyPageIsUnder30Kilobytes) {
    constexpr std::size_t kLimit = 30 * 1024;
    const store::Id round = site_->demo().open_round_id;
    std::vector<std::pair<std::string, ClientResponse>> pages;

    // EIT: the first page, the steps, the review, thanks, "already answered".
    Browser eit(site_->port());
    ClientResponse first = eit.get(eit_link(round));
    std::vector<ClientResponse> steps;
    ClientResponse thanks = answer_all(eit, eit_link(round), first, "6", "", &steps);
    ASSERT_EQ(steps.size(), 4u);
    for (std::size_t i = 0; i < steps.size(); ++i)
        pages.emplace_back("EIT step " + std::to_string(i + 1), steps[i]);
    EXPECT_TRUE(contains(steps.back().body(), "name=\"go\" value=\"submit\""));
    EXPECT_TRUE(contains(thanks.body(), "ขอบคุณที่ร่วมตอบแบบสำรวจ"));
    pages.emplace_back("EIT thanks", thanks);
    ClientResponse again = eit.get(eit_link(round));
    EXPECT_TRUE(contains(again.body(), "ท่านได้ตอบแบบสำรวจนี้แล้ว"));
    pages.emplace_back("EIT already answered", again);
    ClientResponse closed = eit.get(eit_link(site_->demo().seed_round_id));
    EXPECT_TRUE(contains(closed.body(), "ปิดรับแบบสำรวจแล้ว"));
    pages.emplace_back("EIT closed round", closed);

    // IIT: the code page, a wrong code, the steps, the review, thanks, the used code.
    Browser iit(site_->port());
    ClientResponse form = iit.get("/iit");
    pages.emplace_back("IIT code page", form);
    auto fields = hidden_fields(form.body());
    fields["code"] = "ZZZ-ZZZ-ZZZ";
    ClientResponse unknown = iit.post("/iit", fields);
    EXPECT_TRUE(contains(unknown.body(), "ไม่พบรหัสนี้"));
    pages.emplace_back("IIT unknown code", unknown);
    fields["code"] = site_->demo().access_codes[0];
    steps.clear();
    thanks = answer_all(iit, "/iit/answer", iit.post("/iit", fields), "1", "", &steps);
    ASSERT_EQ(steps.size(), 6u);
    for (std::size_t i = 0; i < steps.size(); ++i)
        pages.emplace_back("IIT step " + std::to_string(i + 1), steps[i]);
    EXPECT_TRUE(contains(thanks.body(), "ขอบคุณที่ร่วมตอบแบบสำรวจ"));
    pages.emplace_back("IIT thanks", thanks);
    ClientResponse used = iit.post("/iit", fields);
    EXPECT_TRUE(contains(used.body(), "รหัสนี้ถูกใช้ตอบแบบสำรวจไปแล้ว"));
    pages.emplace_back("IIT used code", used);
    // A code of a round that has closed since it was printed.
    auto r = *site_->store().get_round(round);
    r.status = store::RoundStatus::kClosed;
    ASSERT_TRUE(site_->store().update_round(r).ok());
    fields["code"] = site_->demo().access_codes[1];
    ClientResponse iit_closed = iit.post("/iit", fields);
    EXPECT_TRUE(contains(iit_closed.body(), "ปิดรับแบบสำรวจแล้ว"));
    pages.emplace_back("IIT closed round", iit_closed);

    ASSERT_EQ(pages.size(), 18u);
    for (const auto& [label, page] : pages) {
        EXPECT_TRUE(contains(page.body(), "</html>")) << label;
        EXPECT_LT(page.body().size(), kLimit) << label;
    }
}

// The EIT submission limiter's "too many" answer: the review page again with
// the answers kept, status 429, and nothing stored, neither the response nor
// the browser token nor (for the IIT) the code's use.
TEST_P(SurveyTest, TooManySubmissionsFromOneAddressAreRefusedAndNothingIsStored) {
    std::string why;
    bool skip = false;
    site_.reset();
    SiteHarnessOptions options;
    options.submit_limits = {2, 1, 1000};  // two at once, then one a second
    site_ = SiteHarness::start(GetParam(), why, skip, options);
    ASSERT_TRUE(site_) << why;
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    const std::string link = eit_link(round);

    for (int i = 0; i < 2; ++i) {
        Browser browser(site_->port());
        ClientResponse done = answer_all(browser, link, browser.get(link), "5");
        ASSERT_EQ(done.result(), http::status::ok) << done.body();
        EXPECT_TRUE(contains(done.body(), "ขอบคุณที่ร่วมตอบแบบสำรวจ"));
    }
    EXPECT_EQ(*site_->store().count_responses(round, unit, "EIT"), 2);

    // A third browser from the same address: the steps still work (only the
    // submit is limited), the submit is refused.
    Browser third(site_->port());
    ClientResponse refused = answer_all(third, link, third.get(link), "3", "ความเห็น");
    EXPECT_EQ(refused.result(), http::status::too_many_requests);
    EXPECT_TRUE(contains(refused.body(), "มีการส่งจากเครือข่ายนี้บ่อยเกินไป")) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "name=\"go\" value=\"submit\""));
    EXPECT_TRUE(contains(refused.body(), ">ความเห็น</textarea>"));
    EXPECT_EQ(hidden_fields(refused.body())["a_e1"], "3");
    EXPECT_EQ(*site_->store().count_responses(round, unit, "EIT"), 2);

    // The IIT shares the limit: its code stays unused.
    Browser iit(site_->port());
    auto fields = hidden_fields(iit.get("/iit").body());
    fields["code"] = site_->demo().access_codes[0];
    ClientResponse iit_refused = answer_all(iit, "/iit/answer", iit.post("/iit", fields), "4");
    EXPECT_EQ(iit_refused.result(), http::status::too_many_requests);
    EXPECT_EQ(*site_->store().count_responses(round, unit, "IIT"), 0);
    EXPECT_EQ(site_->store().count_access_codes(round, unit)->used, 0);

    // One second later one token is back: the third browser's answers, kept
    // on the refused page, are stored (its token was not recorded before).
    site_->advance_limiter_clock(std::chrono::seconds(1));
    ClientResponse stored = answer_all(third, link, refused, "3", "ความเห็น");
    ASSERT_EQ(stored.result(), http::status::ok) << stored.body();
    EXPECT_TRUE(contains(stored.body(), "ขอบคุณที่ร่วมตอบแบบสำรวจ"));
    auto rows = site_->store().list_responses(round, unit, "EIT");
    ASSERT_EQ(rows->size(), 3u);
    int with_comment = 0;
    for (const auto& row : *rows) {
        if (row.comment != "ความเห็น") continue;
        ++with_comment;
        EXPECT_EQ(row.answers, std::vector<std::uint8_t>(10, 3));
    }
    EXPECT_EQ(with_comment, 1);
}

// Issue 12: an open round takes answers only between its dates. The demo's
// open round runs 2025-10-01 .. 2026-09-30; the harness's today is
// 2025-11-20 (Thailand).
TEST_P(SurveyTest, AnOpenRoundOutsideItsDatesShowsNoFormAndRefusesAPost) {
    const store::Id round = site_->demo().open_round_id;
    Browser browser(site_->port());
    ClientResponse page = browser.get(eit_link(round));
    ASSERT_EQ(page.result(), http::status::ok);
    const auto fields = hidden_fields(page.body());
    ASSERT_TRUE(fields.count("step")) << page.body();

    // 2 ธ.ค. 2569: the EIT closed on 30 ก.ย. 2569 and is still "open".
    site_->set_now(std::chrono::sys_days{std::chrono::year{2026} / 12 / 2} + std::chrono::hours(3));
    ClientResponse closed = browser.get(eit_link(round));
    EXPECT_EQ(closed.result(), http::status::ok);
    EXPECT_TRUE(contains(closed.body(), "ปิดรับแบบสำรวจแล้ว")) << closed.body();
    EXPECT_FALSE(contains(closed.body(), "<form")) << closed.body();
    auto post_fields = fields;
    post_fields["go"] = "submit";
    ClientResponse refused = browser.post(eit_link(round), post_fields);
    EXPECT_EQ(refused.result(), http::status::conflict) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "ปิดรับแบบสำรวจแล้ว"));
    EXPECT_EQ(site_->store().count_responses(round, site_->demo().unit_id, "EIT").value,
              std::optional<std::int64_t>(0));

    // Before its opening day: "not open yet".
    site_->set_now(std::chrono::sys_days{std::chrono::year{2025} / 9 / 30} + std::chrono::hours(3));
    ClientResponse early = browser.get(eit_link(round));
    EXPECT_TRUE(contains(early.body(), "ยังไม่เปิดรับแบบสำรวจ")) << early.body();
    EXPECT_FALSE(contains(early.body(), "<form"));

    // The closing day itself still takes answers (Thailand's date: 23:30 on
    // 30 Sep is 16:30 UTC).
    site_->set_now(std::chrono::sys_days{std::chrono::year{2026} / 9 / 30} +
                   std::chrono::hours(16) + std::chrono::minutes(30));
    ClientResponse last_day = browser.get(eit_link(round));
    EXPECT_TRUE(hidden_fields(last_day.body()).count("step")) << last_day.body();
}

TEST_P(SurveyTest, AnIitCodeOutsideTheRoundsDatesAnswersNothing) {
    const store::Id round = site_->demo().open_round_id;
    site_->set_now(std::chrono::sys_days{std::chrono::year{2026} / 12 / 2} + std::chrono::hours(3));
    Browser browser(site_->port());
    auto fields = hidden_fields(browser.get("/iit").body());
    fields["code"] = site_->demo().access_codes.front();
    ClientResponse page = browser.post("/iit", fields);
    EXPECT_TRUE(contains(page.body(), "ปิดรับแบบสำรวจแล้ว")) << page.body();
    EXPECT_FALSE(contains(page.body(), "name=\"step\""));
    fields["go"] = "submit";
    fields["step"] = "3";
    ClientResponse answer = browser.post("/iit/answer", fields);
    EXPECT_EQ(answer.result(), http::status::conflict) << answer.body();
    EXPECT_EQ(site_->store().count_responses(round, site_->demo().unit_id, "IIT").value,
              std::optional<std::int64_t>(0));
    EXPECT_EQ(site_->store().count_access_codes(round, site_->demo().unit_id)->used, 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, SurveyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
