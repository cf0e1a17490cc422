// The monthly executive report through real HTTP on loopback, against each
// store: with the demo plan and the clock past measure 4's due date
// (2026-03-31), the April 2026 report lists measure 4 as overdue on the page
// and in the PDF's text; an executive reads it; anonymous users are sent to
// sign in; a coordinator of another unit sees nothing of the demo unit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "input/plan_json.hpp"
#include "security/passwords.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

bool pdf_contains(const std::string& text, const std::string& part) {
    return pdf_text_contains(text, part);
}

constexpr const char* kMeasure4 = "สื่อสารผลการประเมิน IIT/EIT และมาตรการแก้ไข";
constexpr const char* kApril = "/admin/monitoring/report?year=2569&month=2026-04&stale_days=30";
constexpr const char* kAprilPdf =
    "/admin/monitoring/report.pdf?year=2569&month=2026-04&stale_days=30";

std::chrono::system_clock::time_point at_bangkok_noon(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours(5);
}

class ExecutiveReportTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        ASSERT_GT(ensure_demo_plan(*site_), 0);
        // Measure 4 is due 2026-03-31; this is 2026-05-10 in Bangkok.
        site_->set_now(at_bangkok_noon(2026, 5, 10));
    }

    Browser signed_in(const std::string& username, store::Role role,
                      std::optional<store::Id> unit = {}) {
        return signed_in_user(*site_, username, role, unit);
    }
};

TEST_P(ExecutiveReportTest, AprilListsMeasureFourAsOverdueOnThePageAndInThePdf) {
    Browser exec = signed_in("chief", store::Role::kExecutive);
    ClientResponse page = exec.get(kApril);
    ASSERT_EQ(page.result(), http::status::ok) << page.body();
    const std::string html = html_unescape(page.body());
    EXPECT_TRUE(contains(html, "รายงานผลการติดตามแผนพัฒนาเสนอผู้บริหาร")) << html;
    EXPECT_TRUE(contains(html, "ประจำเดือน เมษายน 2569")) << html;
    EXPECT_TRUE(contains(html, "มาตรการที่เกินกำหนด")) << html;
    // As of 30 April: 30 days past 31 March.
    EXPECT_TRUE(contains(html, std::string("4. ") + kMeasure4)) << html;
    EXPECT_TRUE(contains(html, "<td>31 มี.ค. 2569</td><td class=\"number\">30</td>")) << html;
    EXPECT_TRUE(contains(html, "executive-report")) << html;

    // March: measure 4 is due on its last day, so nothing is overdue.
    const std::string march =
        html_unescape(exec.get("/admin/monitoring/report?year=2569&month=2026-03").body());
    const auto from = march.find("id=\"overdue\"");
    const auto to = march.find("id=\"quiet\"");
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    EXPECT_FALSE(contains(march.substr(from, to - from), kMeasure4)) << march;

    ClientResponse pdf = exec.get(kAprilPdf);
    ASSERT_EQ(pdf.result(), http::status::ok);
    EXPECT_EQ(std::string(pdf[http::field::content_type]), "application/pdf");
    EXPECT_TRUE(contains(std::string(pdf[http::field::content_disposition]), "attachment"));
    EXPECT_EQ(std::string(pdf[http::field::cache_control]), "no-store");
    ASSERT_EQ(pdf.body().rfind("%PDF-", 0), 0u);
    const std::string text = pdf_text(pdf.body());
    EXPECT_TRUE(pdf_contains(text, "มาตรการที่เกินกำหนด")) << text;
    EXPECT_TRUE(pdf_contains(text, "สื่อสารผลการประเมิน")) << text;
    EXPECT_TRUE(contains(text, "หน้า 1 / ")) << text;  // page footers are left out of pdf_contains

    // The monitoring page links to both.
    const std::string monitoring = exec.get("/admin/monitoring?year=2569").body();
    EXPECT_TRUE(contains(monitoring, "/admin/monitoring/report?year=2569")) << monitoring;
    EXPECT_TRUE(contains(monitoring, "/admin/monitoring/report.pdf?year=2569")) << monitoring;
}

TEST_P(ExecutiveReportTest, OnlySignedInStaffAndOnlyTheirUnits) {
    Browser anonymous(site_->port());
    for (const char* target : {kApril, kAprilPdf}) {
        ClientResponse r = anonymous.get(target);
        EXPECT_EQ(r.result(), http::status::see_other) << target;
        EXPECT_EQ(std::string(r[http::field::location]), "/admin/sign-in") << target;
    }

    store::Unit other;
    other.name = "หน่วยงานอื่น";
    const store::Id other_id = *site_->store().create_unit(other);
    Browser outsider = signed_in("outsider", store::Role::kUnitCoordinator, other_id);
    ClientResponse page = outsider.get(kApril);
    ASSERT_EQ(page.result(), http::status::ok);
    const std::string html = html_unescape(page.body());
    EXPECT_FALSE(contains(html, kMeasure4)) << html;
    EXPECT_FALSE(contains(html, "ศูนย์ความร่วมมือระหว่างประเทศ")) << html;
    EXPECT_TRUE(contains(html, "หน่วยงานอื่น")) << html;  // a unit without a plan
    const std::string text = pdf_text(outsider.get(kAprilPdf).body());
    EXPECT_FALSE(pdf_contains(text, "สื่อสารผลการประเมิน")) << text;
    EXPECT_FALSE(pdf_contains(text, "ศูนย์ความร่วมมือ")) << text;
    EXPECT_TRUE(contains(text, "หน้า 1 / ")) << text;  // page footers are left out of pdf_contains

    // The demo unit's own coordinator does see it.
    Browser own = signed_in("own", store::Role::kUnitCoordinator, site_->demo().unit_id);
    EXPECT_TRUE(contains(html_unescape(own.get(kApril).body()), kMeasure4));
}

INSTANTIATE_TEST_SUITE_P(Stores, ExecutiveReportTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
