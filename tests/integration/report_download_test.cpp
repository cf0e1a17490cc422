// The KPI 2.1 attachment and the exports as downloads, through real HTTP on
// loopback against each store: staff who may read the demo unit get every
// format with the seed's figures in it; others get 403, anonymous users the
// sign-in page; an export of the answers is audited; a round without
// responses and an unknown format are 404.
#include <gtest/gtest.h>

#include "security/random_tokens.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class ReportDownloadTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        ASSERT_GT(ensure_demo_plan(*site_), 0);
        // 15 April 2026 in Bangkok: measure 4 (due 31 March) is overdue.
        site_->set_now(std::chrono::sys_days{std::chrono::year{2026} / 4 / 15} +
                       std::chrono::hours(5));
    }

    std::string base(store::Id round) const {
        return "/admin/rounds/" + std::to_string(round) + "/units/" +
               std::to_string(site_->demo().unit_id);
    }
    std::string seed_base() const { return base(site_->demo().seed_round_id); }
};

TEST_P(ReportDownloadTest, StaffDownloadEveryFormatWithTheSeedsFigures) {
    Browser exec = signed_in_user(*site_, "chief", store::Role::kExecutive);

    // The dashboard links to them.
    const std::string dashboard =
        exec.get("/admin/rounds/" + std::to_string(site_->demo().seed_round_id) + "/units/" +
                 std::to_string(site_->demo().unit_id))
            .body();
    EXPECT_TRUE(contains(dashboard, seed_base() + "/report/docx")) << dashboard;
    EXPECT_TRUE(contains(dashboard, seed_base() + "/export/xlsx")) << dashboard;
    // The seed round is published: the dashboard links its public page too.
    EXPECT_TRUE(contains(dashboard, "/public/rounds/" +
                                        std::to_string(site_->demo().seed_round_id) + "/units/" +
                                        std::to_string(site_->demo().unit_id)))
        << dashboard;

    ClientResponse pdf = exec.get(seed_base() + "/report/pdf");
    ASSERT_EQ(pdf.result(), http::status::ok) << pdf.body();
    EXPECT_EQ(std::string(pdf[http::field::content_type]), "application/pdf");
    EXPECT_EQ(std::string(pdf[http::field::cache_control]), "no-store");
    // Issue 12.15: named for people, "ศรป.-ITA2568-รอบ5เดือนแรก-KPI2.1.pdf" (RFC 6266).
    EXPECT_EQ(std::string(pdf[http::field::content_disposition]),
              "attachment; filename=\"_.-ITA2568-_5_-KPI2.1.pdf\"; filename*=UTF-8''"
              "%E0%B8%A8%E0%B8%A3%E0%B8%9B.-ITA2568-%E0%B8%A3%E0%B8%AD%E0%B8%9A5%E0%B9%80%E0%B8%94"
              "%E0%B8%B7%E0%B8%AD%E0%B8%99%E0%B9%81%E0%B8%A3%E0%B8%81-KPI2.1.pdf");
    const std::string text = pdf_text(pdf.body());
    EXPECT_TRUE(pdf_text_contains(text, "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 3 การใช้อำนาจ")) << text;
    EXPECT_TRUE(pdf_text_contains(text, "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน (ร้อยละ 88.33)")) << text;
    EXPECT_TRUE(pdf_text_contains(text, "ยังไม่เริ่ม (เกินกำหนด)")) << text;  // measure 4 on 15 April

    ClientResponse docx = exec.get(seed_base() + "/report/docx");
    ASSERT_EQ(docx.result(), http::status::ok);
    EXPECT_EQ(std::string(docx[http::field::content_type]),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(docx.body().rfind("PK\x03\x04", 0), 0u);

    ClientResponse html = exec.get(seed_base() + "/report/html");
    ASSERT_EQ(html.result(), http::status::ok);
    EXPECT_EQ(std::string(html[http::field::content_type]), "text/html; charset=utf-8");
    EXPECT_TRUE(contains(std::string(html[http::field::content_disposition]), "inline"));
    EXPECT_TRUE(contains(html.body(), "<td rowspan=\"2\">P : Partnership</td>"));
    // Issue 13.12: the CSP allows the page's one <style> by its hash, and the
    // page has no style attribute (which the policy would block).
    {
        const std::string& body = html.body();
        const auto open = body.find("<style>");
        const auto close = body.find("</style>");
        ASSERT_NE(open, std::string::npos);
        ASSERT_NE(close, std::string::npos);
        const std::string css = body.substr(open + 7, close - open - 7);
        const std::string csp(html["Content-Security-Policy"]);
        EXPECT_TRUE(contains(csp, "style-src 'self' 'sha256-" + security::sha256_base64(css) + "'"))
            << csp;
        EXPECT_TRUE(contains(csp, "script-src 'self'")) << csp;  // the rest of the policy stays
        EXPECT_FALSE(contains(csp, "unsafe-inline")) << csp;
        EXPECT_FALSE(contains(body, "style=\"")) << body;
        EXPECT_EQ(body.find("<style>", close), std::string::npos);  // only one
        EXPECT_TRUE(contains(css, "col:nth-child(1)")) << css;      // the column widths are there
    }

    ClientResponse scores = exec.get(seed_base() + "/export/scores.csv");
    ASSERT_EQ(scores.result(), http::status::ok);
    EXPECT_EQ(scores.body().rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_TRUE(contains(scores.body(), "98.12"));  // IIT, as demo_data_test asserts

    ClientResponse xlsx = exec.get(seed_base() + "/export/xlsx");
    ASSERT_EQ(xlsx.result(), http::status::ok);
    EXPECT_EQ(xlsx.body().rfind("PK\x03\x04", 0), 0u);
    // Issue 12.15: the workbook ends in .xlsx (it was "...-xlsx", which Windows
    // would not open by double-click): ศรป.-ITA2568-รอบ5เดือนแรก-ผลการประเมิน.xlsx.
    {
        const std::string disposition(xlsx[http::field::content_disposition]);
        EXPECT_TRUE(contains(disposition, "attachment; filename=\"_.-ITA2568-_5_-_.xlsx\"; "))
            << disposition;
        EXPECT_TRUE(
            contains(disposition,
                     "-%E0%B8%9C%E0%B8%A5%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B%E0%B8%A3%E0%B8"
                     "%B0%E0%B9%80%E0%B8%A1%E0%B8%B4%E0%B8%99.xlsx"))
            << disposition;
        EXPECT_EQ(disposition.substr(disposition.size() - 5), ".xlsx");
    }
    EXPECT_TRUE(contains(std::string(scores[http::field::content_disposition]), ".csv\"; "));

    // The answers: 11 IIT and 15 EIT respondents, one line each after the header.
    ClientResponse answers = exec.get(seed_base() + "/export/responses.csv");
    ASSERT_EQ(answers.result(), http::status::ok);
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = answers.body().find("\r\n", at)) != std::string::npos; at += 2)
        ++lines;
    EXPECT_EQ(lines, 1u + 11u + 15u) << answers.body();

    auto log = site_->store().list_audit(100);
    ASSERT_TRUE(log.ok());
    int exported = 0;
    for (const auto& entry : *log) exported += entry.action == "responses_exported";
    EXPECT_EQ(exported, 2);  // the XLSX and the answers CSV; not the scores
}

TEST_P(ReportDownloadTest, OthersAreRefused) {
    Browser anonymous(site_->port());
    ClientResponse r = anonymous.get(seed_base() + "/report/pdf");
    EXPECT_EQ(r.result(), http::status::see_other);
    EXPECT_EQ(std::string(r[http::field::location]), "/admin/sign-in");

    store::Unit other;
    other.name = "หน่วยงานอื่น";
    const store::Id other_id = *site_->store().create_unit(other);
    Browser outsider = signed_in_user(*site_, "outsider", store::Role::kUnitCoordinator, other_id);
    EXPECT_EQ(outsider.get(seed_base() + "/report/docx").result(), http::status::forbidden);
    EXPECT_EQ(outsider.get(seed_base() + "/export/responses.csv").result(),
              http::status::forbidden);

    Browser own =
        signed_in_user(*site_, "own", store::Role::kUnitCoordinator, site_->demo().unit_id);
    EXPECT_EQ(own.get(seed_base() + "/report/docx").result(), http::status::ok);
    EXPECT_EQ(own.get(seed_base() + "/report/odt").result(), http::status::not_found);
    EXPECT_EQ(own.get(seed_base() + "/export/json").result(), http::status::not_found);
    // The open round has no responses yet.
    ClientResponse empty = own.get(base(site_->demo().open_round_id) + "/report/pdf");
    EXPECT_EQ(empty.result(), http::status::not_found);
    EXPECT_TRUE(contains(empty.body(), "ยังไม่มีผลการประเมินของหน่วยงานนี้ในรอบนี้")) << empty.body();
}

INSTANTIATE_TEST_SUITE_P(Stores, ReportDownloadTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
