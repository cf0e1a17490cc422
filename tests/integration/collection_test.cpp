// The collection page of a unit in a round, over real HTTP on each store: the
// EIT link, its QR code, LINE share and A4 poster; the IIT codes issued, used
// and unused, revoked one by one or all unused at once; who may see it.
#include <gtest/gtest.h>

#include "security/access_codes.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class CollectionTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (!site_) return;
        store::Unit unit;
        unit.name = "กลุ่มงานทดสอบ";
        unit.short_name = "กทส.";
        auto id = site_->store().create_unit(unit);
        ASSERT_TRUE(id.ok()) << id.status.message;
        unit_ = *id;
        round_ = site_->demo().open_round_id;
        // Three codes of our own; the first one answered.
        codes_ = security::generate_access_codes(3);
        store::AccessCodeBatch batch{round_, unit_, {}};
        for (const auto& code : codes_)
            batch.code_hashes.push_back(
                security::access_code_hash(*security::normalise_access_code(code)));
        ASSERT_TRUE(site_->store().add_access_codes(batch).ok());
        store::Submission used;
        used.response = {round_, unit_, "IIT", "2025-11-20", std::vector<std::uint8_t>(30, 4), ""};
        used.access_code_hash = batch.code_hashes[0];
        ASSERT_EQ(site_->store().submit(used).outcome, store::SubmitOutcome::kStored);
    }

    std::string base() const {
        return "/admin/rounds/" + std::to_string(round_) + "/units/" + std::to_string(unit_);
    }
    std::string page() const { return base() + "/collection"; }

    ClientResponse revoke(Browser& browser, std::map<std::string, std::string> fields) {
        fields["csrf"] = hidden_fields(browser.get(page()).body())["csrf"];
        return browser.post(base() + "/codes/revoke", fields);
    }

    store::AccessCodeCounts counts() {
        auto c = site_->store().count_access_codes(round_, unit_);
        EXPECT_TRUE(c.ok());
        return c.ok() ? *c : store::AccessCodeCounts{};
    }

    store::Id unit_ = 0;
    store::Id round_ = 0;
    std::vector<std::string> codes_;
};

TEST_P(CollectionTest, ShowsTheEitLinkQrPosterAndCodeCounts) {
    Browser admin = signed_in_user(*site_, "itaadmin", store::Role::kAdmin);
    ClientResponse shown = admin.get(page());
    ASSERT_EQ(shown.result(), http::status::ok) << shown.body();
    const std::string html = html_unescape(shown.body());
    const std::string link_path = "/s/" + std::to_string(round_) + "/" + std::to_string(unit_);
    EXPECT_TRUE(contains(html, link_path + "\" readonly")) << html;
    EXPECT_TRUE(contains(html, "<img src=\"" + link_path + "/qr.svg\"")) << html;
    EXPECT_TRUE(contains(html, "data-copy=\"eit-link\"")) << html;
    EXPECT_TRUE(contains(html, "<script src=\"/static/copy.js\" defer></script>"));
    // LINE's share link carries the text and the link, percent-encoded.
    EXPECT_TRUE(contains(html, "https://line.me/R/share?text=")) << html;
    EXPECT_TRUE(contains(html, "%2Fs%2F" + std::to_string(round_) + "%2F" + std::to_string(unit_)))
        << html;
    EXPECT_TRUE(contains(html, "href=\"" + base() + "/poster.pdf\"")) << html;
    // No --public-url in the harness: the page says so.
    EXPECT_TRUE(contains(html, "ยังไม่ได้กำหนดที่อยู่สาธารณะของระบบ")) << html;
    // Issued 3, used 1, unused 2.
    EXPECT_TRUE(contains(html,
                         "<td class=\"number\">3</td><td class=\"number\">1</td><td "
                         "class=\"number\">2</td>"))
        << html;
    // The copy script is served as JavaScript.
    ClientResponse script = admin.get("/static/copy.js");
    EXPECT_EQ(script.result(), http::status::ok);
    EXPECT_EQ(std::string(script[http::field::content_type]), "text/javascript; charset=utf-8");

    // The unit's dashboard links here.
    EXPECT_TRUE(contains(admin.get(base()).body(), "href=\"" + page() + "\""));
}

TEST_P(CollectionTest, ThePosterIsAThaiA4PdfWithTheLinkAndThePromise) {
    Browser admin = signed_in_user(*site_, "itaadmin", store::Role::kAdmin);
    ClientResponse pdf = admin.get(base() + "/poster.pdf");
    ASSERT_EQ(pdf.result(), http::status::ok) << pdf.body();
    EXPECT_EQ(std::string(pdf[http::field::content_type]), "application/pdf");
    // Named for people: "กทส.-ITA<year>-<round>-โปสเตอร์EIT.pdf" (RFC 6266).
    const std::string disposition(pdf[http::field::content_disposition]);
    EXPECT_TRUE(disposition.starts_with("attachment; filename=\"_.-ITA")) << disposition;
    EXPECT_TRUE(disposition.ends_with("EIT.pdf")) << disposition;
    EXPECT_TRUE(contains(disposition, "filename*=UTF-8''%E0%B8%81%E0%B8%97%E0%B8%AA.-ITA"))
        << disposition;
    const std::string text = pdf_text(pdf.body());
    EXPECT_TRUE(pdf_text_contains(text, "ขอเชิญร่วมตอบแบบสำรวจ")) << text;
    EXPECT_TRUE(pdf_text_contains(text, "กลุ่มงานทดสอบ")) << text;
    EXPECT_TRUE(pdf_text_contains(text, "ไม่ต้องระบุชื่อ")) << text;
    EXPECT_TRUE(
        pdf_text_contains(text, "/s/" + std::to_string(round_) + "/" + std::to_string(unit_)))
        << text;
    EXPECT_TRUE(contains(pdf.body(), "/MediaBox [ 0 0 595.27")) << pdf.body().substr(0, 2000);
}

TEST_P(CollectionTest, UnusedCodesAreRevokedOneByOneOrAllWithConfirmation) {
    Browser admin = signed_in_user(*site_, "itaadmin", store::Role::kAdmin);
    // The page's own forms post where this test does.
    EXPECT_TRUE(contains(admin.get(page()).body(), "action=\"" + base() + "/codes/revoke\""));
    // The second code, typed as people do.
    std::string typed = codes_[1];
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ClientResponse one = revoke(admin, {{"scope", "one"}, {"code", typed}});
    ASSERT_EQ(one.result(), http::status::ok) << one.body();
    EXPECT_TRUE(contains(html_unescape(one.body()), "ยกเลิกรหัสแล้ว จำนวน 1")) << one.body();
    EXPECT_EQ(counts().issued, 2);
    // Revoked: refused at the IIT door as unknown.
    Browser respondent(site_->port());
    auto door = hidden_fields(respondent.get("/iit").body());
    door["code"] = codes_[1];
    EXPECT_TRUE(contains(respondent.post("/iit", door).body(), "ไม่พบรหัสนี้"));

    // A used code and a revoked one get the same refusal; nothing changes.
    for (const auto& code : {codes_[0], codes_[1]}) {
        ClientResponse refused = revoke(admin, {{"scope", "one"}, {"code", code}});
        EXPECT_EQ(refused.result(), http::status::unprocessable_entity);
        EXPECT_TRUE(contains(html_unescape(refused.body()), "ไม่พบรหัสนี้ในรหัสที่ยังไม่ใช้"));
    }
    EXPECT_EQ(revoke(admin, {{"scope", "one"}, {"code", "not a code"}}).result(),
              http::status::unprocessable_entity);

    // All unused: only with the tick.
    ClientResponse unticked = revoke(admin, {{"scope", "all"}});
    EXPECT_EQ(unticked.result(), http::status::unprocessable_entity);
    EXPECT_EQ(counts().issued, 2);
    ClientResponse all = revoke(admin, {{"scope", "all"}, {"confirm", "yes"}});
    ASSERT_EQ(all.result(), http::status::ok);
    EXPECT_TRUE(contains(html_unescape(all.body()), "ยกเลิกรหัสแล้ว จำนวน 1")) << all.body();
    EXPECT_EQ(counts().issued, 1);
    EXPECT_EQ(counts().used, 1);
    EXPECT_EQ(*site_->store().count_responses(round_, unit_, "IIT"), 1);
    // Each attempt is in the audit log: two that revoked, two that found nothing.
    auto log = site_->store().list_audit(100);
    ASSERT_TRUE(log.ok());
    EXPECT_EQ(std::count_if(log->begin(), log->end(),
                            [](const auto& e) { return e.action == "access_codes.revoke"; }),
              4);
    // Nothing left to revoke: no revoke forms.
    EXPECT_FALSE(contains(admin.get(page()).body(), "/codes/revoke"));
}

TEST_P(CollectionTest, OnlyAdminsAndTheUnitsCoordinatorsSeeIt) {
    Browser executive = signed_in_user(*site_, "boss", store::Role::kExecutive);
    EXPECT_EQ(executive.get(page()).result(), http::status::forbidden);
    EXPECT_FALSE(contains(executive.get(base()).body(), "/collection\""));
    Browser elsewhere =
        signed_in_user(*site_, "other", store::Role::kUnitCoordinator, site_->demo().unit_id);
    EXPECT_EQ(elsewhere.get(page()).result(), http::status::forbidden);
    EXPECT_EQ(elsewhere.get(base() + "/poster.pdf").result(), http::status::forbidden);
    Browser theirs = signed_in_user(*site_, "mine", store::Role::kUnitCoordinator, unit_);
    EXPECT_EQ(theirs.get(page()).result(), http::status::ok);
    EXPECT_EQ(Browser(site_->port()).get(page()).result(), http::status::see_other);
    const std::string missing =
        "/admin/rounds/" + std::to_string(round_) + "/units/999999/collection";
    Browser admin = signed_in_user(*site_, "itaadmin", store::Role::kAdmin);
    EXPECT_EQ(admin.get(missing).result(), http::status::not_found);
}

// The QR code on a code slip opens the IIT door with the code filled in.
TEST_P(CollectionTest, TheIitDoorFillsInACodeFromItsLink) {
    Browser respondent(site_->port());
    std::string lower = codes_[2];
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string body = respondent.get("/iit?code=" + lower).body();
    EXPECT_TRUE(contains(body, "value=\"" + codes_[2] + "\"")) << body;
    EXPECT_FALSE(contains(respondent.get("/iit?code=%3Cscript%3E").body(), "<script>"));
}

INSTANTIATE_TEST_SUITE_P(Stores, CollectionTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres));

}  // namespace
}  // namespace itagap::testing
