// The plan page as people use it (issue 12, points 12 and 13), through real
// HTTP on loopback against each store: a measure that has not started yet
// shows no negative "days since progress"; a measure at 100 % offers "mark as
// done" (a form POST with CSRF and the plan's version); gaps are listed with
// their item text; a measure's target must name an item or indicator of the
// questionnaire; measure-form errors are in Thai with the values people write.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "input/plan_json.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

constexpr const char* kBoundary = "----itagapPlanPageBoundary4kq";

std::string multipart(const std::map<std::string, std::string>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        body += std::string("--") + kBoundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

std::string multipart_type() { return std::string("multipart/form-data; boundary=") + kBoundary; }

std::chrono::system_clock::time_point at_bangkok_noon(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours(5);
}

class PlanPageTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        plan_id_ = ensure_demo_plan(*site_);
        ASSERT_GT(plan_id_, 0);
    }

    std::string plan_path() const { return "/admin/plans/" + std::to_string(plan_id_); }

    // The hidden fields (csrf, version) of the page's form with this id.
    static std::map<std::string, std::string> form_fields(const std::string& html,
                                                          const std::string& form_id) {
        const auto start = html.find("id=\"" + form_id + "\"");
        if (start == std::string::npos) return {};
        const auto end = html.find("</form>", start);
        return hidden_fields(html.substr(start, end - start));
    }

    core::Plan stored_plan() {
        auto record = site_->store().get_plan(plan_id_);
        EXPECT_TRUE(record.ok());
        auto plan = input::parse_plan_json(record->document, "plan.json");
        EXPECT_TRUE(plan.ok());
        return plan.ok() ? plan.value() : core::Plan{};
    }

    store::Id plan_id_ = 0;
};

// The demo's measures start on 1 Dec 2025; the harness's day is 20 Nov 2025.
TEST_P(PlanPageTest, AMeasureNotYetStartedShowsNoNegativeDays) {
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    ClientResponse page = admin.get(plan_path());
    ASSERT_EQ(page.result(), http::status::ok) << page.body();
    // 11 days to go (20 Nov -> 1 Dec), said as waiting, never as "-11 วัน".
    EXPECT_TRUE(contains(page.body(), "ยังไม่ถึงวันเริ่ม (เริ่มในอีก 11 วัน)")) << page.body();
    EXPECT_FALSE(contains(page.body(), ">-11 ")) << page.body();
    EXPECT_FALSE(contains(page.body(), "class=\"quiet\">-"));

    const json detail = json::parse(admin.get("/api/plans/" + std::to_string(plan_id_)).body());
    EXPECT_EQ(detail["measure_flags"][0]["progress_clock"], "waiting_to_start");
    EXPECT_EQ(detail["measure_flags"][0]["days_to_start"], 11);
    EXPECT_EQ(detail["measure_flags"][0]["days_since_update"], 0);

    // On 15 Dec the clock runs: 14 days since the start, no update yet.
    site_->set_now(at_bangkok_noon(2025, 12, 15));
    admin = signed_in_user(*site_, "boss2", store::Role::kAdmin);
    page = admin.get(plan_path());
    EXPECT_TRUE(contains(page.body(), "class=\"quiet\">14 วัน")) << page.body();
    EXPECT_FALSE(contains(page.body(), "ยังไม่ถึงวันเริ่ม"));
}

TEST_P(PlanPageTest, AMeasureAtAHundredPercentCanBeMarkedDone) {
    site_->set_now(at_bangkok_noon(2026, 1, 5));
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    ClientResponse page = admin.get(plan_path());
    EXPECT_FALSE(contains(page.body(), "id=\"done-1\""));  // at 0 %: no button

    auto update = form_fields(page.body(), "update-1");
    ASSERT_FALSE(update["csrf"].empty());
    update["on"] = "2026-01-05";
    update["percent"] = "100";
    update["note"] = "ดำเนินการครบแล้ว";
    ClientResponse updated =
        admin.post_raw(plan_path() + "/measures/1/updates", multipart_type(), multipart(update));
    ASSERT_EQ(updated.result(), http::status::see_other) << updated.body();
    EXPECT_EQ(stored_plan().measures[0].status, core::MeasureStatus::kInProgress);

    page = admin.get(plan_path());
    ASSERT_TRUE(contains(page.body(), "id=\"done-1\"")) << page.body();
    EXPECT_TRUE(contains(page.body(), "ทำเครื่องหมายว่าเสร็จแล้ว"));
    EXPECT_FALSE(contains(page.body(), "id=\"done-2\""));  // measure 2 is at 0 %
    const auto done = form_fields(page.body(), "done-1");
    ASSERT_FALSE(done.at("csrf").empty());
    ASSERT_FALSE(done.at("version").empty());

    // Without the CSRF token: refused, nothing changes.
    auto no_csrf = done;
    no_csrf.erase("csrf");
    EXPECT_EQ(admin.post(plan_path() + "/measures/1/done", no_csrf).result(),
              http::status::forbidden);
    // Measure 2 is at 0 %: 422 with the reason, nothing saved.
    ClientResponse refused = admin.post(plan_path() + "/measures/2/done", done);
    EXPECT_EQ(refused.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(refused.body(), "ทำเครื่องหมายว่าเสร็จได้เฉพาะมาตรการที่ความคืบหน้าถึงร้อยละ 100"))
        << refused.body();
    EXPECT_EQ(stored_plan().measures[1].status, core::MeasureStatus::kNotStarted);

    ClientResponse marked = admin.post(plan_path() + "/measures/1/done", done);
    ASSERT_EQ(marked.result(), http::status::see_other) << marked.body();
    const core::Plan after = stored_plan();
    EXPECT_EQ(after.measures[0].status, core::MeasureStatus::kDone);
    EXPECT_EQ(after.measures[0].percent_complete, 100);
    page = admin.get(plan_path());
    EXPECT_FALSE(contains(page.body(), "id=\"done-1\""));
    // The same form again is from an old version: 409.
    EXPECT_EQ(admin.post(plan_path() + "/measures/1/done", done).result(), http::status::conflict);
}

// Issue 12.12: gaps with the words of their item wherever they are listed or
// picked (the plan page, the measure form, the "start a plan" step).
TEST_P(PlanPageTest, GapsAreShownWithTheirItemText) {
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    const std::string i12 = "เจ้าหน้าที่ในหน่วยงานของท่าน มีการเลือกปฏิบัติอย่างไม่เป็นธรรม";
    ClientResponse page = admin.get(plan_path());
    ASSERT_EQ(page.result(), http::status::ok);
    EXPECT_TRUE(
        contains(page.body(), "<span class=\"code\">i12</span> <span class=\"gap-text\">" + i12))
        << page.body();
    // The measure form's choice of gaps: number, instrument, code, words, score.
    EXPECT_TRUE(contains(page.body(), "> 1. IIT i12 " + i12)) << page.body();
    EXPECT_TRUE(contains(page.body(), "> 2. EIT e7 หน่วยงานมีการเปิดโอกาสให้บุคคลภายนอก"));

    const std::string start =
        "/admin/plans/new?unit=" + std::to_string(site_->demo().unit_id) +
        "&fiscal_year=2570&round=" + std::to_string(site_->demo().seed_round_id);
    ClientResponse choose = admin.get(start);
    ASSERT_EQ(choose.result(), http::status::ok) << choose.body();
    EXPECT_TRUE(contains(choose.body(), "IIT i12 " + i12)) << choose.body();
}

// Issue 12.12: the measure form says its problems in Thai, with the values as
// typed, and refuses a target the questionnaire does not have.
TEST_P(PlanPageTest, MeasureFormErrorsInThaiAndTargetsThatExist) {
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    ClientResponse page = admin.get(plan_path());
    auto measure = form_fields(page.body(), "measure-new");
    ASSERT_FALSE(measure["csrf"].empty());
    const std::string version = measure["version"];
    measure.insert({{"strategy", "B"},
                    {"text", "อบรมการให้บริการที่เป็นธรรม"},
                    {"gaps", "1"},
                    {"owner", "กลุ่มงานบริหารทั่วไป"},
                    {"start_on", "2026-10-01"},
                    {"due_on", "2026-09-01"},
                    {"target_level", "item"},
                    {"target_code", "i99"},
                    {"target_min", "150"},
                    {"status", "in_progress"},
                    {"percent", "150"}});
    ClientResponse refused = admin.post(plan_path() + "/measures", measure);
    ASSERT_EQ(refused.result(), http::status::unprocessable_entity) << refused.body();
    const std::string& html = refused.body();
    EXPECT_TRUE(contains(html, "ไม่มีข้อ “i99” ในแบบสำรวจของรอบนี้")) << html;
    EXPECT_TRUE(contains(html, "“150”: ต้องไม่เกิน 100")) << html;
    EXPECT_TRUE(contains(html, "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม (1 ต.ค. 2569)")) << html;
    EXPECT_FALSE(contains(html, "expected")) << html;
    EXPECT_EQ(std::to_string(site_->store().get_plan(plan_id_)->version), version);

    // Each alone, too: only i99 wrong.
    auto only_target = measure;
    only_target["due_on"] = "2027-03-31";
    only_target["target_min"] = "85";
    only_target["percent"] = "10";
    ClientResponse unknown = admin.post(plan_path() + "/measures", only_target);
    EXPECT_EQ(unknown.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(unknown.body(), "ไม่มีข้อ “i99”")) << unknown.body();
    // An indicator the questionnaire lacks.
    auto indicator = only_target;
    indicator["target_level"] = "indicator";
    indicator["target_indicator"] = "42";
    ClientResponse no_indicator = admin.post(plan_path() + "/measures", indicator);
    EXPECT_EQ(no_indicator.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(no_indicator.body(), "ไม่มีตัวชี้วัดที่ 42")) << no_indicator.body();

    // i12 exists: saved.
    auto good = only_target;
    good["target_code"] = "i12";
    ClientResponse saved = admin.post(plan_path() + "/measures", good);
    EXPECT_EQ(saved.result(), http::status::see_other) << saved.body();
    EXPECT_EQ(stored_plan().measures.size(), 6u);
}

INSTANTIATE_TEST_SUITE_P(Stores, PlanPageTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
