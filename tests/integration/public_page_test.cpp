// The public results pages through real HTTP on loopback, against each store,
// read by a browser that never signs in. With the demo data the seed round is
// closed and published and the open round is not: the seed round's page shows
// the scores the demo gives (IIT 98.12 from 11 respondents, EIT 91.61 from 15,
// ITA 94.87; as docs/cli.md and the admin dashboard test show them), the same
// figures as the open JSON, and the demo plan's measures; no comment ever;
// unpublishing hides everything on the next request; escaping.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "input/plan_json.hpp"
#include "security/passwords.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The part of `html` from `start` to the first `end` after it; "" when absent.
std::string slice(const std::string& html, const std::string& start, const std::string& end) {
    const auto from = html.find(start);
    if (from == std::string::npos) return {};
    const auto to = html.find(end, from);
    return html.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kSeedRoundName = "ITA 2568 รอบ 5 เดือนแรก";
constexpr const char* kOpenRoundName = "ITA 2569 รอบ 1";
constexpr const char* kUnitName = "ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)";
constexpr const char* kNoPrevious = "ยังไม่มีผลรอบก่อนของหน่วยงานนี้ให้เปรียบเทียบ";

class PublicPageTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        ASSERT_NE(site_->demo().plan_id, 0);  // the harness loads data/demo/plan-2569.json
    }

    static std::string page_path(store::Id round, store::Id unit) {
        return "/public/rounds/" + std::to_string(round) + "/units/" + std::to_string(unit);
    }
    std::string seed_page() const {
        return page_path(site_->demo().seed_round_id, site_->demo().unit_id);
    }
    std::string seed_json() const {
        return "/api/public/rounds/" + std::to_string(site_->demo().seed_round_id) + "/units/" +
               std::to_string(site_->demo().unit_id) + "/results";
    }

    ClientResponse get(const std::string& target) { return Browser(site_->port()).get(target); }

    // One stored EIT response (ten answers of 5) of `unit` in `round`.
    void add_eit_response(store::Id round, store::Id unit, const std::string& comment = "") {
        store::StoredResponse response{
            round, unit, "EIT", "2025-02-28", std::vector<std::uint8_t>(10, 5), comment};
        ASSERT_TRUE(site_->store().import_responses({response}).ok());
    }

    store::Id add_unit(const std::string& name) {
        store::Unit unit;
        unit.name = name;
        auto id = site_->store().create_unit(unit);
        EXPECT_TRUE(id.ok()) << id.status.message;
        return id.ok() ? *id : 0;
    }

    // An admin's browser, signed in through the sign-in form.
    Browser admin_browser() {
        store::User user;
        user.username = "boss";
        user.display_name = "boss";
        user.password_hash =
            security::hash_password(kPassword, security::PasswordHashLimits::minimum_for_tests());
        user.role = store::Role::kAdmin;
        EXPECT_TRUE(site_->store().create_user(user).ok());
        Browser browser(site_->port());
        auto fields = hidden_fields(browser.get("/admin/sign-in").body());
        fields["username"] = "boss";
        fields["password"] = kPassword;
        EXPECT_EQ(browser.post("/admin/sign-in", fields).result(), http::status::see_other);
        return browser;
    }

    void set_published(Browser& admin, store::Id round, bool published) {
        const std::string csrf = hidden_fields(admin.get("/admin/rounds").body())["csrf"];
        ClientResponse r = admin.post(
            "/admin/rounds/" + std::to_string(round) + "/status",
            {{"csrf", csrf}, {"action", published ? "publish" : "unpublish"}, {"confirm", "yes"}});
        ASSERT_EQ(r.result(), http::status::see_other) << r.body();
        ASSERT_EQ(site_->store().get_round(round)->results_published, published);
    }
};

TEST_P(PublicPageTest, TheListShowsThePublishedSeedRoundOnly) {
    ClientResponse list = get("/public");
    ASSERT_EQ(list.result(), http::status::ok) << list.body();
    EXPECT_EQ(std::string(list[http::field::cache_control]), "public, max-age=60");
    const std::string html = html_unescape(list.body());
    EXPECT_TRUE(contains(html, kSeedRoundName)) << html;
    EXPECT_TRUE(contains(html, kUnitName)) << html;
    EXPECT_TRUE(contains(list.body(), "href=\"" + seed_page() + "\"")) << list.body();
    EXPECT_FALSE(contains(html, kOpenRoundName)) << html;
    EXPECT_TRUE(contains(html, "1 ต.ค. 2567 – 28 ก.พ. 2568")) << html;  // collection period
}

TEST_P(PublicPageTest, TheSeedRoundPageShowsScoresWithTheirRespondentsAndTheDemoPlan) {
    ClientResponse page = get(seed_page());
    ASSERT_EQ(page.result(), http::status::ok) << page.body();
    EXPECT_EQ(std::string(page[http::field::cache_control]), "public, max-age=60");
    const std::string& body = page.body();
    const std::string html = html_unescape(body);
    EXPECT_TRUE(contains(html, "<h1>" + std::string(kUnitName) + "</h1>")) << html;
    EXPECT_TRUE(contains(html, kSeedRoundName));

    // Each instrument's score, grade and n in one figure; the ITA total.
    const std::string iit = slice(html, "<span class=\"public-figure-name\">IIT", "</li>");
    EXPECT_TRUE(contains(iit, "<span class=\"public-score\">98.12</span>")) << iit;
    EXPECT_TRUE(contains(iit, "ระดับ AA")) << iit;
    EXPECT_TRUE(contains(iit, "ผู้ตอบ 11 คน")) << iit;
    const std::string eit = slice(html, "<span class=\"public-figure-name\">EIT", "</li>");
    EXPECT_TRUE(contains(eit, "<span class=\"public-score\">91.61</span>")) << eit;
    EXPECT_TRUE(contains(eit, "ผู้ตอบ 15 คน")) << eit;
    const std::string total =
        slice(html, "<span class=\"public-figure-name\">คะแนน ITA รวม", "</li>");
    EXPECT_TRUE(contains(total, "<span class=\"public-score\">94.87</span>")) << total;

    // The chart, and each indicator with its n (indicator 1 of IIT: 96.97 from 11).
    EXPECT_TRUE(contains(body, "<svg")) << body;
    EXPECT_TRUE(contains(html,
                         "IIT ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่</th><td class=\"number\">96.97</td><td "
                         "class=\"number\">11</td>"))
        << html;
    // The gap summary from narrate().
    EXPECT_TRUE(contains(html, "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 3 การใช้อำนาจ")) << html;
    EXPECT_TRUE(contains(html, kNoPrevious));

    // Every measure of the demo plan, with its owner, due date and status.
    auto plan = input::parse_plan_json(read_source("data/demo/plan-2569.json"), "plan-2569.json");
    ASSERT_TRUE(plan.ok());
    ASSERT_FALSE(plan->measures.empty());
    for (const auto& m : plan->measures) {
        EXPECT_TRUE(contains(html, "<p class=\"public-measure-text\">" + m.text + "</p>"))
            << m.text;
    }
    EXPECT_TRUE(contains(html, "<dd>กลุ่มงานบริหารทั่วไป ศรป.</dd>")) << html;
    EXPECT_TRUE(contains(html, "<dd>30 ก.ย. 2569</dd>")) << html;
    EXPECT_TRUE(contains(html, "<dd>31 มี.ค. 2569</dd>")) << html;  // measure 4
    EXPECT_TRUE(contains(html, "<dd>ยังไม่เริ่ม</dd>")) << html;
    EXPECT_TRUE(contains(html, "<dd>ร้อยละ 0</dd>")) << html;
    EXPECT_TRUE(contains(html, "<dd>P : Partnership (การสร้างภาคีเครือข่าย)</dd>")) << html;

    // Links to the open JSON and the CSV.
    EXPECT_TRUE(contains(body, "href=\"" + seed_json() + "\"")) << body;
    EXPECT_TRUE(contains(body, "href=\"" + seed_page() + "/scores.csv\"")) << body;

    // In English on request, figures unchanged.
    const std::string english = html_unescape(get(seed_page() + "?lang=en").body());
    EXPECT_TRUE(contains(english, "11 respondents")) << english;
    EXPECT_TRUE(contains(english, "<span class=\"public-score\">98.12</span>")) << english;
}

TEST_P(PublicPageTest, ThePageShowsTheSameFiguresAsTheOpenJson) {
    ClientResponse api = get(seed_json());
    ASSERT_EQ(api.result(), http::status::ok) << api.body();
    const json unit = json::parse(api.body())["units"][0];
    const std::string html = html_unescape(get(seed_page()).body());
    ASSERT_EQ(unit["instruments"].size(), 2u);
    for (const auto& instrument : unit["instruments"]) {
        const std::string code = instrument["instrument"].get<std::string>();
        const std::string figure =
            slice(html, "<span class=\"public-figure-name\">" + code, "</li>");
        EXPECT_TRUE(contains(figure, "<span class=\"public-score\">" +
                                         instrument["score_text"].get<std::string>() + "</span>"))
            << code << figure;
        EXPECT_TRUE(contains(
            figure, "ผู้ตอบ " + std::to_string(instrument["respondents"].get<int>()) + " คน"))
            << code << figure;
    }
    EXPECT_TRUE(contains(html, "<span class=\"public-score\">" +
                                   unit["ita_total_text"].get<std::string>() + "</span>"));
}

TEST_P(PublicPageTest, TheCsvHasTheBomAndTheIitRow) {
    ClientResponse csv = get(seed_page() + "/scores.csv");
    ASSERT_EQ(csv.result(), http::status::ok) << csv.body();
    EXPECT_EQ(std::string(csv[http::field::content_type]), "text/csv; charset=utf-8");
    // Named for people (issue 12.15): "ศรป.-ITA2568-รอบ5เดือนแรก-คะแนน.csv".
    std::string encoded;
    for (unsigned char c : std::string("ศรป.-ITA2568-รอบ5เดือนแรก-คะแนน.csv")) {
        if (std::isalnum(c) || c == '.' || c == '-') {
            encoded += static_cast<char>(c);
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 15];
        }
    }
    EXPECT_EQ(std::string(csv[http::field::content_disposition]),
              "attachment; filename=\"_.-ITA2568-_5_-_.csv\"; filename*=UTF-8''" + encoded);
    EXPECT_EQ(std::string(csv[http::field::cache_control]), "public, max-age=60");
    const std::string& body = csv.body();
    ASSERT_EQ(body.rfind("\xEF\xBB\xBF", 0), 0u) << body.substr(0, 16);
    // The instrument-level row of IIT (report::scores_csv's layout: unit,
    // round, level, instrument, ..., score, ...).
    bool iit_row = false;
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);) {
        if (contains(line, ",เครื่องมือ,IIT,") && contains(line, ",98.12,")) iit_row = true;
    }
    EXPECT_TRUE(iit_row) << body;
}

// PDPA: a measure's contact person is internal unless the unit chooses to
// publish names; the owning group is always shown.
TEST_P(PublicPageTest, ContactPersonsArePublishedOnlyWhenThePlanSaysSo) {
    const store::Id plan_id = ensure_demo_plan(*site_);
    ASSERT_NE(plan_id, 0);
    auto record = site_->store().get_plan(plan_id);
    ASSERT_TRUE(record.ok());
    auto plan = input::parse_plan_json(record->document, "stored plan");
    ASSERT_TRUE(plan.ok());
    ASSERT_FALSE(plan->measures.empty());
    plan->measures[0].contact_person = "นางสาวสมศรี ใจดี";
    auto version = site_->store().save_plan(plan_id, input::export_plan_json(plan.value()),
                                            record->version, "2025-11-20T03:00:00Z");
    ASSERT_TRUE(version.ok()) << version.status.message;
    std::string html = html_unescape(get(seed_page()).body());
    EXPECT_FALSE(contains(html, "สมศรี")) << html;
    EXPECT_TRUE(contains(html, "<dd>กลุ่มงานบริหารทั่วไป ศรป.</dd>")) << html;
    EXPECT_FALSE(contains(get(seed_json()).body(), "สมศรี"));

    // The unit chooses to publish names on its plan page.
    Browser admin = admin_browser();
    const std::string plan_page = "/admin/plans/" + std::to_string(plan_id);
    auto fields = hidden_fields(admin.get(plan_page).body());
    ASSERT_TRUE(fields.count("csrf"));
    ClientResponse saved =
        admin.post(plan_page + "/publication", {{"csrf", fields["csrf"]},
                                                {"version", std::to_string(*version)},
                                                {"publish_contact_persons", "yes"}});
    ASSERT_EQ(saved.result(), http::status::see_other) << saved.body();
    auto stored = site_->store().get_plan(plan_id);
    EXPECT_NE(stored->document.find("\"publish_contact_persons\": true"), std::string::npos);
    EXPECT_EQ(site_->store().list_audit(1)->front().action, "plan.publication");
    html = html_unescape(get(seed_page()).body());
    EXPECT_TRUE(contains(html, "<dd>กลุ่มงานบริหารทั่วไป ศรป. (นางสาวสมศรี ใจดี)</dd>")) << html;
}

TEST_P(PublicPageTest, UnpublishingTheSeedRoundHidesItOnTheNextRequest) {
    const std::string csv = seed_page() + "/scores.csv";
    ASSERT_EQ(get(seed_page()).result(), http::status::ok);
    ASSERT_EQ(get(csv).result(), http::status::ok);
    Browser admin = admin_browser();
    set_published(admin, site_->demo().seed_round_id, false);

    ClientResponse page = get(seed_page());
    EXPECT_EQ(page.result(), http::status::not_found);
    EXPECT_EQ(std::string(page[http::field::cache_control]), "no-store");
    EXPECT_FALSE(contains(html_unescape(page.body()), kUnitName)) << page.body();
    EXPECT_EQ(get(csv).result(), http::status::not_found);
    EXPECT_EQ(get(seed_json()).result(), http::status::not_found);
    ClientResponse list = get("/public");
    ASSERT_EQ(list.result(), http::status::ok);
    EXPECT_FALSE(contains(html_unescape(list.body()), kSeedRoundName)) << list.body();
    EXPECT_FALSE(contains(list.body(), seed_page())) << list.body();
    EXPECT_TRUE(contains(html_unescape(list.body()), "ยังไม่มีผลการประเมินที่เผยแพร่"));

    // The same 404 page as for a round that does not exist.
    EXPECT_EQ(page.body(), get(page_path(999999, site_->demo().unit_id)).body());

    set_published(admin, site_->demo().seed_round_id, true);
    EXPECT_EQ(get(seed_page()).result(), http::status::ok);
}

TEST_P(PublicPageTest, UnpublishedMissingOrEmptyIsTheSame404) {
    const store::Id seed = site_->demo().seed_round_id;
    const store::Id open = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    // The open round has a response, so only its being unpublished hides it.
    add_eit_response(open, unit);
    const store::Id empty_unit = add_unit("หน่วยงานที่ยังไม่มีผู้ตอบ");

    const std::string not_found = get(page_path(999999, unit)).body();
    EXPECT_TRUE(contains(html_unescape(not_found), "ไม่พบผลการประเมิน")) << not_found;
    for (const std::string& target :
         {page_path(open, unit), page_path(open, unit) + "/scores.csv", page_path(seed, 999999),
          page_path(seed, empty_unit), page_path(seed, empty_unit) + "/scores.csv",
          std::string("/public/rounds/abc/units/1"), std::string("/public/rounds/-1/units/1")}) {
        ClientResponse r = get(target);
        EXPECT_EQ(r.result(), http::status::not_found) << target;
        EXPECT_EQ(r.body(), not_found) << target;
    }
    const std::string list = html_unescape(get("/public").body());
    EXPECT_FALSE(contains(list, kOpenRoundName)) << list;
    EXPECT_FALSE(contains(list, "หน่วยงานที่ยังไม่มีผู้ตอบ")) << list;
}

TEST_P(PublicPageTest, CommentsAreNeverShown) {
    const std::string comment = "ความเห็นส่วนตัวของผู้ตอบ ไม่ควรเผยแพร่";
    add_eit_response(site_->demo().seed_round_id, site_->demo().unit_id, comment);
    ClientResponse page = get(seed_page());
    ASSERT_EQ(page.result(), http::status::ok);
    EXPECT_FALSE(contains(html_unescape(page.body()), "ความเห็นส่วนตัว")) << page.body();
    EXPECT_FALSE(contains(get(seed_page() + "/scores.csv").body(), "ความเห็นส่วนตัว"));
    EXPECT_FALSE(contains(get(seed_json()).body(), "ความเห็นส่วนตัว"));
    // The response itself counts: EIT now has 16 respondents.
    EXPECT_TRUE(contains(html_unescape(page.body()), "ผู้ตอบ 16 คน")) << page.body();
}

TEST_P(PublicPageTest, UnitNamesAreEscaped) {
    const std::string name = "<script>alert(1)</script> & \"quoted\" 'single'";
    const store::Id unit = add_unit(name);
    add_eit_response(site_->demo().seed_round_id, unit);
    const std::string escaped =
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;";
    for (const std::string& target :
         {std::string("/public"), page_path(site_->demo().seed_round_id, unit)}) {
        ClientResponse r = get(target);
        ASSERT_EQ(r.result(), http::status::ok) << target;
        EXPECT_FALSE(contains(r.body(), "<script")) << target << r.body();
        EXPECT_TRUE(contains(r.body(), escaped)) << target << r.body();
    }
}

TEST_P(PublicPageTest, AnUnpublishedPreviousRoundIsNotCompared) {
    // An earlier round on the same questionnaire, with a response of the unit.
    const store::Id questionnaire =
        site_->store().get_round(site_->demo().seed_round_id)->questionnaire_id;
    store::Round earlier{0,
                         2567,
                         "ITA 2567 รอบทดลองภายใน",
                         "2024-04-01",
                         "2024-05-31",
                         questionnaire,
                         store::RoundStatus::kClosed,
                         false};
    auto id = site_->store().create_round(earlier);
    ASSERT_TRUE(id.ok()) << id.status.message;
    // Five: fewer would be withheld (core/publication.hpp) and nothing compared.
    for (int i = 0; i < 5; ++i) add_eit_response(*id, site_->demo().unit_id);

    std::string html = html_unescape(get(seed_page()).body());
    EXPECT_FALSE(contains(html, "ITA 2567 รอบทดลองภายใน")) << html;
    EXPECT_TRUE(contains(html, kNoPrevious)) << html;

    Browser admin = admin_browser();
    set_published(admin, *id, true);
    html = html_unescape(get(seed_page()).body());
    EXPECT_TRUE(contains(html, "ITA 2567 รอบทดลองภายใน")) << html;
    EXPECT_FALSE(contains(html, kNoPrevious)) << html;
}

// Issue 13.1: a unit with 1, 4 and 5 EIT respondents (the default minimum is
// 5). Below it EIT's figures and the ITA total are withheld on the page, in
// the JSON and in the CSV; option counts are never in the JSON.
TEST_P(PublicPageTest, FiguresOfFewerThanFiveRespondentsAreWithheld) {
    const store::Id seed = site_->demo().seed_round_id;
    const store::Id unit = add_unit("หน่วยงานเล็ก");
    const std::string page = page_path(seed, unit);
    const std::string api = "/api/public/rounds/" + std::to_string(seed) + "/units/" +
                            std::to_string(unit) + "/results";
    for (int respondents = 1; respondents <= 5; ++respondents) {
        add_eit_response(seed, unit);
        if (respondents != 1 && respondents != 4 && respondents != 5) continue;
        SCOPED_TRACE("respondents: " + std::to_string(respondents));
        const bool published = respondents >= 5;

        const std::string html = html_unescape(get(page).body());
        const std::string eit = slice(html, "<span class=\"public-figure-name\">EIT", "</li>");
        EXPECT_TRUE(contains(eit, "ผู้ตอบ " + std::to_string(respondents) + " คน")) << eit;
        // Ten answers of 5 (favourable) from everyone: 100 when published.
        EXPECT_EQ(contains(eit, "<span class=\"public-score\">100.00</span>"), published) << eit;
        EXPECT_EQ(contains(eit, "ไม่เผยแพร่"), !published) << eit;
        EXPECT_TRUE(contains(html, "ตัวเลขที่มีผู้ตอบน้อยกว่า 5 คนจะไม่เผยแพร่")) << html;

        ClientResponse r = get(api);
        ASSERT_EQ(r.result(), http::status::ok) << r.body();
        EXPECT_FALSE(contains(r.body(), "option_counts")) << r.body();
        const json u = json::parse(r.body())["units"][0];
        json instrument;
        for (const auto& each : u["instruments"])
            if (each["instrument"] == "EIT") instrument = each;
        ASSERT_TRUE(instrument.is_object()) << r.body();
        EXPECT_EQ(instrument["respondents"], respondents);
        if (published) {
            EXPECT_EQ(instrument["score_text"], "100.00");
            EXPECT_FALSE(instrument.contains("withheld"));
            EXPECT_EQ(instrument["indicators"][0]["items"][0]["answers"], 5);
        } else {
            EXPECT_EQ(instrument["withheld"], true);
            EXPECT_TRUE(instrument["score"].is_null());
            for (const auto& indicator : instrument["indicators"]) {
                EXPECT_TRUE(indicator["score"].is_null());
                EXPECT_EQ(indicator["answers"], 0);
                for (const auto& item : indicator["items"]) {
                    EXPECT_TRUE(item["score"].is_null());
                    EXPECT_EQ(item["answers"], 0);
                    EXPECT_EQ(item["favourable"], 0);
                }
            }
            // EIT is the only instrument with answers, so the total is EIT's.
            EXPECT_TRUE(u["ita_total"].is_null());
            EXPECT_EQ(u["ita_total_withheld"], true);
            EXPECT_TRUE(u["gaps"]["instruments"].empty());
        }

        const std::string csv = get(page + "/scores.csv").body();
        bool eit_row = false;
        std::istringstream lines(csv);
        for (std::string line; std::getline(lines, line);) {
            if (!contains(line, ",เครื่องมือ,EIT,")) continue;
            eit_row = true;
            EXPECT_EQ(contains(line, ",100.00,"), published) << line;
            // Favourable and answers: 10 items x n respondents, or empty.
            EXPECT_EQ(contains(line, "," + std::to_string(10 * respondents) + ","), published)
                << line;
        }
        EXPECT_TRUE(eit_row) << csv;
    }
}

TEST_P(PublicPageTest, TheSeedRoundJsonHasNoOptionCounts) {
    ClientResponse r = get(seed_json());
    ASSERT_EQ(r.result(), http::status::ok);
    EXPECT_FALSE(contains(r.body(), "option_counts"));
    EXPECT_FALSE(contains(r.body(), "flagged_respondents"));  // a count of people, not public
}

INSTANTIATE_TEST_SUITE_P(Stores, PublicPageTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
