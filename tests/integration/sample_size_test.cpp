// Sample size (issue 12.5) through real HTTP on loopback, on each store: the
// overview, the unit dashboard, the overview API and the KPI 2.1 attachment
// show each instrument's responses against the minimum of the shipped rule
// (IIT 10% of staff, at least 30, everyone below 30; EIT 10% of clients, at
// least 30, 400 above 4,000), worked out by hand:
//   unit ก: staff 45 (set on the units page), 11 IIT -> 11 / 30, not reached;
//           clients 5000, no EIT -> 0 / 400
//   unit ข: staff 500, 50 IIT -> 50 / 50, reached; clients not set
//   unit ค: staff 12, 12 IIT -> 12 / 12, reached
//   unit ง: no staff count, 3 IIT -> "ยังไม่ได้กำหนดจำนวนบุคลากร", linked for admins
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "site_harness.hpp"

namespace itagap::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class SampleSizeTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        store::Store& store = site_->store();
        store::Round seed = *store.get_round(site_->demo().seed_round_id);
        store::Round round{0,
                           2569,
                           "รอบทดสอบขนาดตัวอย่าง",
                           "2026-03-01",
                           "2026-03-31",
                           seed.questionnaire_id,
                           store::RoundStatus::kClosed,
                           false};
        auto id = store.create_round(round);
        ASSERT_TRUE(id.ok()) << id.status.message;
        round_ = *id;
        const struct {
            const char* name;
            std::optional<std::int64_t> staff;
            std::optional<std::int64_t> clients;
            int iit;
        } units[] = {{"หน่วยทดสอบ ก", std::nullopt, 5000, 11},
                     {"หน่วยทดสอบ ข", 500, std::nullopt, 50},
                     {"หน่วยทดสอบ ค", 12, std::nullopt, 12},
                     {"หน่วยทดสอบ ง", std::nullopt, std::nullopt, 3}};
        std::vector<store::StoredResponse> rows;
        for (const auto& u : units) {
            store::Unit unit;
            unit.name = u.name;
            unit.staff_count = u.staff;
            unit.client_count = u.clients;
            auto unit_id = store.create_unit(unit);
            ASSERT_TRUE(unit_id.ok()) << unit_id.status.message;
            units_.push_back(*unit_id);
            for (int k = 0; k < u.iit; ++k) {
                rows.push_back(
                    {round_, *unit_id, "IIT", "2026-03-10", std::vector<std::uint8_t>(30, 5), ""});
            }
        }
        ASSERT_TRUE(store.import_responses(rows).ok());
        admin_ = std::make_unique<Browser>(signed_in_user(*site_, "boss", store::Role::kAdmin));
    }

    std::string overview(Browser& browser) {
        ClientResponse r = browser.get("/admin?round=" + std::to_string(round_));
        EXPECT_EQ(r.result(), http::status::ok) << r.body();
        return html_unescape(r.body());
    }

    std::string dashboard(Browser& browser, std::size_t unit) {
        ClientResponse r = browser.get("/admin/rounds/" + std::to_string(round_) + "/units/" +
                                       std::to_string(units_[unit]));
        EXPECT_EQ(r.result(), http::status::ok) << r.body();
        return html_unescape(r.body());
    }

    // The overview's cell, as the template writes it, for `count / minimum`.
    static std::string cell(int count, int minimum, const std::string& instrument) {
        return "<td class=\"number sample\">" + std::to_string(count) + " / " +
               std::to_string(minimum) + "<progress class=\"sample-bar\" value=\"" +
               std::to_string(std::min(count, minimum)) + "\" max=\"" + std::to_string(minimum) +
               "\" aria-label=\"" + instrument + " จำนวนคำตอบเทียบกับจำนวนขั้นต่ำ " +
               std::to_string(count) + " / " + std::to_string(minimum) + "\"></progress></td>";
    }

    // The unit's row of the overview, from its name to the end of the row.
    static std::string row_of(const std::string& html, const std::string& name) {
        const auto at = html.find(">" + name + "<");
        if (at == std::string::npos) return "";
        return html.substr(at, html.find("</tr>", at) - at);
    }

    // Sets unit ก's staff count through the units page, as an admin would.
    void set_staff_of_first(const std::string& count) {
        const std::string csrf = hidden_fields(admin_->get("/admin/units").body())["csrf"];
        ClientResponse r =
            admin_->post("/admin/units/" + std::to_string(units_[0]), {{"csrf", csrf},
                                                                       {"name", "หน่วยทดสอบ ก"},
                                                                       {"short_name", ""},
                                                                       {"name_en", ""},
                                                                       {"staff_count", count},
                                                                       {"client_count", "5000"},
                                                                       {"parent", ""}});
        ASSERT_EQ(r.result(), http::status::see_other) << r.body();
    }

    store::Id round_ = 0;
    std::vector<store::Id> units_;
    std::unique_ptr<Browser> admin_;
};

TEST_P(SampleSizeTest, TheOverviewShowsResponsesAgainstTheMinimum) {
    std::string html = overview(*admin_);
    EXPECT_TRUE(contains(html, "จำนวนคำตอบ / จำนวนผู้ตอบขั้นต่ำ")) << html;
    // Columns: IIT, EIT, OIT (no rule: the count alone).
    const std::string first = row_of(html, "หน่วยทดสอบ ก");
    ASSERT_FALSE(first.empty()) << html;
    // No staff count yet: said, and linked to the unit's form on the units page.
    EXPECT_TRUE(contains(first,
                         "<td class=\"number sample\">11 <span class=\"sample-missing\">"
                         "<a href=\"/admin/units#unit-" +
                             std::to_string(units_[0]) +
                             "\">ยังไม่ได้กำหนดจำนวนบุคลากร</a></span></td>"))
        << first;
    EXPECT_TRUE(contains(first, cell(0, 400, "EIT"))) << first;  // 5,000 clients: the cap
    EXPECT_TRUE(contains(first, "<td class=\"number sample\">0</td>")) << first;  // OIT

    const std::string second = row_of(html, "หน่วยทดสอบ ข");
    EXPECT_TRUE(contains(second, cell(50, 50, "IIT"))) << second;  // 10% of 500
    EXPECT_TRUE(contains(second, "ยังไม่ได้กำหนดจำนวนผู้รับบริการ")) << second;
    EXPECT_TRUE(contains(row_of(html, "หน่วยทดสอบ ค"), cell(12, 12, "IIT")));  // everyone
    EXPECT_TRUE(contains(row_of(html, "หน่วยทดสอบ ง"), "ยังไม่ได้กำหนดจำนวนบุคลากร"));

    // 45 staff typed on the units page: at least 30, and the overview says so at once.
    set_staff_of_first("45");
    html = overview(*admin_);
    EXPECT_TRUE(contains(row_of(html, "หน่วยทดสอบ ก"), cell(11, 30, "IIT"))) << html;
    EXPECT_FALSE(contains(row_of(html, "หน่วยทดสอบ ก"), "ยังไม่ได้กำหนดจำนวนบุคลากร"));

    // The units page has the anchor the link points at.
    EXPECT_TRUE(contains(admin_->get("/admin/units").body(),
                         "id=\"unit-" + std::to_string(units_[0]) + "\""));

    // An executive cannot open the units page: the text, without the link.
    Browser exec = signed_in_user(*site_, "chief", store::Role::kExecutive);
    const std::string seen = overview(exec);
    EXPECT_TRUE(contains(row_of(seen, "หน่วยทดสอบ ง"), "ยังไม่ได้กำหนดจำนวนบุคลากร"));
    EXPECT_FALSE(contains(seen, "/admin/units#unit-")) << seen;
}

TEST_P(SampleSizeTest, TheDashboardShowsEachInstrumentAgainstItsMinimum) {
    set_staff_of_first("45");
    std::string html = dashboard(*admin_, 0);
    EXPECT_TRUE(contains(html,
                         "<li>IIT: 11 / 30 · ยังไม่ถึงจำนวนขั้นต่ำ<progress class=\"sample-bar\" "
                         "value=\"11\" max=\"30\" aria-label=\"IIT จำนวนคำตอบเทียบกับ"
                         "จำนวนขั้นต่ำ 11 / 30\"></progress></li>"))
        << html;
    EXPECT_TRUE(contains(html, "<li>EIT: 0 / 400 · ยังไม่ถึงจำนวนขั้นต่ำ<progress"));
    EXPECT_TRUE(contains(html, "<li>OIT: 0</li>"));

    html = dashboard(*admin_, 1);
    EXPECT_TRUE(contains(html,
                         "<li>IIT: 50 / 50 · ถึงจำนวนขั้นต่ำแล้ว<progress class=\"sample-bar\" "
                         "value=\"50\" max=\"50\""))
        << html;
    EXPECT_TRUE(contains(
        html, "<li>EIT: 0 · <span class=\"sample-missing\"><a href=\"/admin/units#unit-" +
                  std::to_string(units_[1]) + "\">ยังไม่ได้กำหนดจำนวนผู้รับบริการ</a></span></li>"))
        << html;
    EXPECT_TRUE(contains(dashboard(*admin_, 2), "<li>IIT: 12 / 12 · ถึงจำนวนขั้นต่ำแล้ว"));
    html = dashboard(*admin_, 3);
    EXPECT_TRUE(
        contains(html, "<li>IIT: 3 · <span class=\"sample-missing\"><a href=\"/admin/units#unit-" +
                           std::to_string(units_[3]) + "\">ยังไม่ได้กำหนดจำนวนบุคลากร</a></span></li>"))
        << html;

    // A coordinator of the unit sees the missing count, not a link it cannot open.
    Browser coordinator = signed_in_user(*site_, "coord", store::Role::kUnitCoordinator, units_[3]);
    html = dashboard(coordinator, 3);
    EXPECT_TRUE(contains(
        html, "<li>IIT: 3 · <span class=\"sample-missing\">ยังไม่ได้กำหนดจำนวนบุคลากร</span></li>"))
        << html;
}

TEST_P(SampleSizeTest, TheOverviewApiGivesEachMinimum) {
    set_staff_of_first("45");
    json api =
        json::parse(admin_->get("/api/rounds/" + std::to_string(round_) + "/overview").body());
    int seen = 0;
    for (const auto& unit : api["units"]) {
        const std::string name = unit["unit"]["name"];
        const json& minimums = unit["minimum_respondents"];
        EXPECT_FALSE(minimums.contains("OIT")) << name;
        if (name == "หน่วยทดสอบ ก") {
            EXPECT_EQ(minimums["IIT"], 30);
            EXPECT_EQ(minimums["EIT"], 400);
            ++seen;
        } else if (name == "หน่วยทดสอบ ข") {
            EXPECT_EQ(minimums["IIT"], 50);
            EXPECT_EQ(minimums["EIT"], nullptr);
            ++seen;
        } else if (name == "หน่วยทดสอบ ค") {
            EXPECT_EQ(minimums["IIT"], 12);
            ++seen;
        } else if (name == "หน่วยทดสอบ ง") {
            EXPECT_EQ(minimums["IIT"], nullptr);
            ++seen;
        }
    }
    EXPECT_EQ(seen, 4);
}

TEST_P(SampleSizeTest, TheKpiAttachmentSaysWhetherTheMinimumWasReached) {
    set_staff_of_first("45");
    auto report = [&](std::size_t unit) {
        ClientResponse r = admin_->get("/admin/rounds/" + std::to_string(round_) + "/units/" +
                                       std::to_string(units_[unit]) + "/report/html");
        EXPECT_EQ(r.result(), http::status::ok) << r.body();
        return html_unescape(r.body());
    };
    std::string html = report(0);
    EXPECT_TRUE(contains(html, "แบบวัด IIT มีผู้ตอบ 11 คน ยังไม่ถึงจำนวนขั้นต่ำ 30 คน (จากบุคลากร 45 คน)"))
        << html;
    EXPECT_TRUE(
        contains(html, "แบบวัด EIT มีผู้ตอบ 0 คน ยังไม่ถึงจำนวนขั้นต่ำ 400 คน (จากผู้รับบริการ 5,000 คน)"))
        << html;
    html = report(1);
    EXPECT_TRUE(contains(html, "แบบวัด IIT มีผู้ตอบ 50 คน ถึงจำนวนขั้นต่ำ 50 คนแล้ว (จากบุคลากร 500 คน)"))
        << html;
    EXPECT_TRUE(contains(html,
                         "แบบวัด EIT มีผู้ตอบ 0 คน แต่ยังไม่ได้กำหนดจำนวนผู้รับบริการของหน่วยงาน "
                         "จึงยังไม่ทราบจำนวนขั้นต่ำ"))
        << html;
    EXPECT_TRUE(
        contains(report(2), "แบบวัด IIT มีผู้ตอบ 12 คน ถึงจำนวนขั้นต่ำ 12 คนแล้ว (จากบุคลากร 12 คน)"));
}

INSTANTIATE_TEST_SUITE_P(Stores, SampleSizeTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
