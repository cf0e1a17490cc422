// Respondents through real HTTP on loopback, against each store: the IIT with
// a one-time code, the EIT through its public link, refusals, CSRF, escaping.
#include <gtest/gtest.h>

#include "site_harness.hpp"

namespace itagap::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class SurveyTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        std::string why;
        bool skip = false;
        site_ = SiteHarness::start(GetParam(), why, skip);
        if (!site_) {
            if (skip) GTEST_SKIP() << why;
            FAIL() << why;
        }
    }

    std::string eit_link(store::Id round) const {
        return "/s/" + std::to_string(round) + "/" + std::to_string(site_->demo().unit_id);
    }

    // Walks every page of a survey from `page`, answering each item with
    // `option`, then submits from the review page. Returns the last response.
    ClientResponse answer_all(Browser& browser, const std::string& action, ClientResponse page,
                              const std::string& option, const std::string& comment = "") {
        for (int guard = 0; guard < 20; ++guard) {
            auto fields = hidden_fields(page.body());
            if (!fields.count("step")) return page;  // not a survey page any more
            std::string body = page.body();
            static const std::regex radio(R"re(name="(a_[a-z0-9]+)" value="1")re");
            for (auto it = std::sregex_iterator(body.begin(), body.end(), radio); it != std::sregex_iterator(); ++it) {
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

    std::unique_ptr<SiteHarness> site_;
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

    // The same browser again: refused, nothing more stored.
    ClientResponse again = answer_all(browser, eit_link(round), browser.get(eit_link(round)), "6");
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
    const std::string payload = "<script>alert('x')</script> \"quoted\" '); DROP TABLE responses;--";
    Browser browser(site_->port());
    const std::string link = eit_link(site_->demo().open_round_id);
    ClientResponse page = browser.get(link);
    auto fields = hidden_fields(page.body());
    fields["comment"] = payload;
    fields["go"] = "review";
    ClientResponse review = browser.post(link, fields);
    ASSERT_EQ(review.result(), http::status::ok);
    EXPECT_FALSE(contains(review.body(), "<script>alert"));
    EXPECT_TRUE(contains(review.body(), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")) << review.body();
    auto submit = hidden_fields(review.body());
    submit["comment"] = payload;
    submit["go"] = "submit";
    ASSERT_EQ(browser.post(link, submit).result(), http::status::ok);
    auto rows = site_->store().list_responses(site_->demo().open_round_id, site_->demo().unit_id, "EIT");
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

INSTANTIATE_TEST_SUITE_P(Stores, SurveyTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
