// The organisation overview through real HTTP on loopback, against each
// store, over a closed round of its own: 150 units with one EIT response each
// (units 001-075 answer 5 to all ten items: every figure 100, grade AA;
// units 076-150 answer 2: every figure 0, grade F, the total and all three
// EIT indicators below the target of 85), and the demo's department and unit
// with no data in it. Ranked, counted, paged 100 to a page, filtered to the units below
// target, and read again after an import changes the round.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "site_harness.hpp"

namespace itagap::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string unit_name(int k) { return fmt::format("หน่วย {:03d}", k); }

class OverviewTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        store::Store& store = site_->store();
        store::Round seed = *store.get_round(site_->demo().seed_round_id);
        store::Round round{0,
                           2569,
                           "รอบทดสอบภาพรวม",
                           "2026-03-01",
                           "2026-03-31",
                           seed.questionnaire_id,
                           store::RoundStatus::kClosed,
                           false};
        auto id = store.create_round(round);
        ASSERT_TRUE(id.ok()) << id.status.message;
        round_ = *id;
        std::vector<store::StoredResponse> rows;
        for (int k = 1; k <= 150; ++k) {
            store::Unit unit;
            unit.name = unit_name(k);
            auto unit_id = store.create_unit(unit);
            ASSERT_TRUE(unit_id.ok()) << unit_id.status.message;
            units_.push_back(*unit_id);
            rows.push_back(eit(*unit_id, k <= 75 ? 5 : 2));
        }
        ASSERT_TRUE(store.import_responses(rows).ok());
        admin_ = std::make_unique<Browser>(signed_in_user(*site_, "boss", store::Role::kAdmin));
    }

    store::StoredResponse eit(store::Id unit, std::uint8_t answer) const {
        return {round_, unit, "EIT", "2026-03-10", std::vector<std::uint8_t>(10, answer), ""};
    }

    std::string page(const std::string& query) {
        ClientResponse r = admin_->get("/admin?round=" + std::to_string(round_) + query);
        EXPECT_EQ(r.result(), http::status::ok) << r.body();
        return html_unescape(r.body());
    }

    store::Id round_ = 0;
    std::vector<store::Id> units_;
    std::unique_ptr<Browser> admin_;
};

TEST_P(OverviewTest, RanksCountsAndPagesEveryUnit) {
    const std::string first = page("");
    // 152 units may be read (the demo's two have nothing in this round).
    EXPECT_TRUE(contains(first, "หน่วยงานทั้งหมด 152 · มีผลคะแนน 150")) << first;
    EXPECT_TRUE(contains(first, "ต่ำกว่าเป้าหมาย 75")) << first;
    EXPECT_TRUE(contains(first, "หน้า 1 / 2")) << first;
    // Rank 1 is the first of the 100-point units by name; rank 100 the 25th
    // zero-point unit (076 ... 100); 101 is on the next page.
    EXPECT_TRUE(
        contains(first, "<td class=\"number\">1</td><td class=\"unit\"><a href=\"/admin/rounds/" +
                            std::to_string(round_) + "/units/" + std::to_string(units_[0]) + "\">" +
                            unit_name(1) + "</a></td><td class=\"number\">100.00</td><td>AA</td>"))
        << first;
    EXPECT_TRUE(contains(
        first, "<td class=\"number\">100</td><td class=\"unit\"><a href=\"/admin/rounds/" +
                   std::to_string(round_) + "/units/" + std::to_string(units_[99]) + "\">" +
                   unit_name(100) + "</a></td><td class=\"number\">0.00</td><td>F</td>"))
        << first;
    EXPECT_FALSE(contains(first, unit_name(101)));
    EXPECT_TRUE(contains(first, "href=\"/admin?round=" + std::to_string(round_) + "&page=2\""))
        << first;

    const std::string second = page("&page=2");
    EXPECT_TRUE(contains(second, "หน้า 2 / 2"));
    EXPECT_TRUE(contains(second, unit_name(150)));
    EXPECT_FALSE(contains(second, ">" + unit_name(100) + "<"));
    EXPECT_TRUE(contains(second, "ศูนย์ความร่วมมือระหว่างประเทศ"));  // last: no total
    EXPECT_TRUE(contains(second, "ยังไม่มีข้อมูล"));
    // A page past the end shows the last one.
    EXPECT_TRUE(contains(page("&page=99"), "หน้า 2 / 2"));

    // Only the 75 units below target: one page, none of the 100-point ones.
    const std::string flagged = page("&flagged=1");
    EXPECT_TRUE(contains(flagged, unit_name(76)));
    EXPECT_TRUE(contains(flagged, unit_name(150)));
    EXPECT_FALSE(contains(flagged, ">" + unit_name(1) + "<"));
    EXPECT_FALSE(contains(flagged, "หน้า 1 /"));
    EXPECT_TRUE(contains(flagged, "<td class=\"number\">76</td>"));  // ranks stay the overall ones
}

TEST_P(OverviewTest, TheApiListsEveryUnitWithItsFiguresAndAnImportIsSeenAtOnce) {
    const std::string api = "/api/rounds/" + std::to_string(round_) + "/overview";
    json overview = json::parse(admin_->get(api).body());
    ASSERT_EQ(overview["units"].size(), 152u);
    EXPECT_EQ(overview["units"][0]["unit"]["name"], unit_name(1));
    EXPECT_DOUBLE_EQ(overview["units"][0]["ita_total"].get<double>(), 100.0);
    EXPECT_EQ(overview["units"][0]["live_counts"]["EIT"], 1);
    EXPECT_EQ(overview["units"][0]["live_counts"]["IIT"], 0);
    EXPECT_EQ(overview["units"][149]["unit"]["name"], unit_name(150));
    EXPECT_EQ(overview["units"][149]["below_target"], true);
    EXPECT_EQ(overview["units"][149]["indicators_below_target"], 3);
    EXPECT_EQ(overview["units"][150]["ita_total"], nullptr);
    EXPECT_EQ(overview["units"][151]["ita_total"], nullptr);

    // One more response for unit 001, answering 2: its EIT items are 1 of 2
    // favourable, 50 each, so its total is 50 and it drops below target. The
    // import changes the round's revision, so the next request sees it.
    ASSERT_TRUE(site_->store().import_responses({eit(units_[0], 2)}).ok());
    overview = json::parse(admin_->get(api).body());
    EXPECT_EQ(overview["units"][0]["unit"]["name"], unit_name(2));
    bool found = false;
    for (const auto& unit : overview["units"]) {
        if (unit["unit"]["name"] != unit_name(1)) continue;
        found = true;
        EXPECT_DOUBLE_EQ(unit["ita_total"].get<double>(), 50.0);
        EXPECT_EQ(unit["live_counts"]["EIT"], 2);
        EXPECT_EQ(unit["below_target"], true);
    }
    EXPECT_TRUE(found);
    EXPECT_TRUE(contains(page(""), "ต่ำกว่าเป้าหมาย 76"));
}

TEST_P(OverviewTest, ACoordinatorSeesOnlyTheirSubtree) {
    store::Unit child;
    child.name = "งานย่อยของหน่วย 080";
    child.parent_id = units_[79];
    auto child_id = site_->store().create_unit(child);
    ASSERT_TRUE(child_id.ok());
    Browser coordinator =
        signed_in_user(*site_, "coord", store::Role::kUnitCoordinator, units_[79]);
    const std::string html =
        html_unescape(coordinator.get("/admin?round=" + std::to_string(round_)).body());
    EXPECT_TRUE(contains(html, "หน่วยงานทั้งหมด 2 · มีผลคะแนน 1")) << html;
    EXPECT_TRUE(contains(html, unit_name(80)));
    EXPECT_TRUE(contains(html, "งานย่อยของหน่วย 080"));
    EXPECT_FALSE(contains(html, unit_name(1)));
    // Its dashboard is readable, a sibling's is not.
    const std::string base = "/admin/rounds/" + std::to_string(round_) + "/units/";
    EXPECT_EQ(coordinator.get(base + std::to_string(*child_id)).result(), http::status::ok);
    EXPECT_EQ(coordinator.get(base + std::to_string(units_[80])).result(), http::status::forbidden);
    EXPECT_EQ(coordinator.get(base + "999999").result(), http::status::not_found);
}

INSTANTIATE_TEST_SUITE_P(Stores, OverviewTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
