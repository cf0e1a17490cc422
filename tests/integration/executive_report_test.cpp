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

std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

// pdftotext may put a space or a line break inside Thai words (before a
// leading vowel such as แ, or where a cell wraps): compare without white space.
std::string squeezed(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') out += c;
    }
    return out;
}

bool pdf_contains(const std::string& text, const std::string& part) {
    return squeezed(text).find(squeezed(part)) != std::string::npos;
}

// The PDF's text as pdftotext reads it.
std::string pdf_text(const std::string& pdf) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("itagap-exec-report-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf;
    std::string text = run("pdftotext '" + path.string() + "' - 2>&1");
    std::filesystem::remove(path);
    return text;
}

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kMeasure4 = "สื่อสารผลการประเมิน IIT/EIT และมาตรการแก้ไข";
constexpr const char* kApril = "/admin/monitoring/report?year=2569&month=2026-04&stale_days=30";
constexpr const char* kAprilPdf =
    "/admin/monitoring/report.pdf?year=2569&month=2026-04&stale_days=30";

std::chrono::system_clock::time_point at_bangkok_noon(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours(5);
}

class ExecutiveReportTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        std::string why;
        bool skip = false;
        site_ = SiteHarness::start(GetParam(), why, skip);
        if (!site_) {
            if (skip) GTEST_SKIP() << why;
            FAIL() << why;
        }
        if (site_->demo().plan_id == 0) {
            ASSERT_GT(load_demo_plan(), 0);
        }
        // Measure 4 is due 2026-03-31; this is 2026-05-10 in Bangkok.
        site_->set_now(at_bangkok_noon(2026, 5, 10));
    }

    store::Id load_demo_plan() {
        auto plan =
            input::parse_plan_json(read_source("data/demo/plan-2569.json"), "plan-2569.json");
        EXPECT_TRUE(plan.ok());
        if (!plan.ok()) return 0;
        plan->unit.id = site_->demo().unit_id;
        store::PlanRecord record;
        record.unit_id = site_->demo().unit_id;
        record.fiscal_year_be = plan->fiscal_year_be;
        record.document = input::export_plan_json(plan.value());
        record.updated_at = "2025-11-20T03:00:00Z";
        auto id = site_->store().create_plan(record);
        EXPECT_TRUE(id.ok()) << id.status.message;
        return id.ok() ? *id : 0;
    }

    Browser signed_in(const std::string& username, store::Role role,
                      std::optional<store::Id> unit = {}) {
        store::User user;
        user.username = username;
        user.display_name = username;
        user.password_hash =
            security::hash_password(kPassword, security::PasswordHashLimits::minimum_for_tests());
        user.role = role;
        user.unit_id = unit;
        EXPECT_TRUE(site_->store().create_user(user).ok());
        Browser browser(site_->port());
        auto fields = hidden_fields(browser.get("/admin/sign-in").body());
        fields["username"] = username;
        fields["password"] = kPassword;
        EXPECT_EQ(browser.post("/admin/sign-in", fields).result(), http::status::see_other);
        return browser;
    }

    std::unique_ptr<SiteHarness> site_;
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
    EXPECT_TRUE(pdf_contains(text, "หน้า 1 / ")) << text;

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
    EXPECT_TRUE(pdf_contains(text, "หน้า 1 / ")) << text;

    // The demo unit's own coordinator does see it.
    Browser own = signed_in("own", store::Role::kUnitCoordinator, site_->demo().unit_id);
    EXPECT_TRUE(contains(html_unescape(own.get(kApril).body()), kMeasure4));
}

INSTANTIATE_TEST_SUITE_P(Stores, ExecutiveReportTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
