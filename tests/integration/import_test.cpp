// Response imports as Thai offices save their CSV files (issue 12.8), through
// real HTTP on loopback against each store: Excel's Windows-874 "CSV" and a
// semicolon-delimited file are read, the page says how the file was read, every
// error is in Thai with its line and column (an unknown unit among them), and
// each round's template downloads as UTF-8 with a BOM.
#include <gtest/gtest.h>
#include <iconv.h>

#include <fstream>
#include <optional>
#include <sstream>

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

// `utf8` in Windows-874, as Excel on a Thai Windows saves "CSV".
std::string to_cp874(const std::string& utf8) {
    iconv_t cd = iconv_open("CP874", "UTF-8");
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size(), '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* to = out.data();
    std::size_t to_left = out.size();
    const std::size_t done = iconv(cd, &in, &in_left, &to, &to_left);
    EXPECT_NE(done, static_cast<std::size_t>(-1)) << "not convertible to CP874";
    out.resize(out.size() - to_left);
    iconv_close(cd);
    return out;
}

constexpr const char* kBoundary = "----itagapImportBoundary93kd0a";

std::string upload(const std::string& csrf, store::Id round, const std::string& file,
                   const std::string& name) {
    std::string body;
    const auto part = [&](const std::string& field, const std::string& value,
                          const std::optional<std::string>& filename) {
        body += std::string("--") + kBoundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + field + "\"";
        if (filename) body += "; filename=\"" + *filename + "\"\r\nContent-Type: text/csv";
        body += "\r\n\r\n" + value + "\r\n";
    };
    part("csrf", csrf, std::nullopt);
    part("round", std::to_string(round), std::nullopt);
    part("file", file, name);
    return body + "--" + kBoundary + "--\r\n";
}

std::string multipart_type() { return std::string("multipart/form-data; boundary=") + kBoundary; }

class ImportTest : public SiteTest {
protected:
    // The demo's responses moved to the open round ("ITA 2569 รอบ 1").
    std::string demo_csv_for_open_round() const {
        std::string csv = read_source("data/demo/responses.csv");
        const std::string from = "ITA 2568 รอบ 5 เดือนแรก";
        for (auto pos = csv.find(from); pos != std::string::npos; pos = csv.find(from, pos))
            csv.replace(pos, from.size(), "ITA 2569 รอบ 1");
        return csv;
    }

    ClientResponse post_file(Browser& browser, const std::string& file, const std::string& name) {
        const std::string csrf = hidden_fields(browser.get("/admin/imports").body())["csrf"];
        return browser.post_raw("/admin/imports", multipart_type(),
                                upload(csrf, site_->demo().open_round_id, file, name));
    }
};

TEST_P(ImportTest, AWindows874FileIsReadAndThePageSaysSo) {
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    const std::string cp874 = to_cp874(demo_csv_for_open_round());
    // Not UTF-8: the Thai unit name is one byte a letter ("ศ" is 0xC8).
    ASSERT_EQ(cp874.find("ศูนย์"), std::string::npos);
    ASSERT_NE(cp874.find("\xC8"), std::string::npos);

    ClientResponse imported = post_file(admin, cp874, "excel.csv");
    ASSERT_EQ(imported.result(), http::status::ok) << imported.body();
    EXPECT_TRUE(contains(imported.body(), "นำเข้าคำตอบเรียบร้อยแล้ว")) << imported.body();
    EXPECT_TRUE(contains(imported.body(), "อ่านไฟล์นี้เป็นรหัสอักขระ Windows-874")) << imported.body();
    // The demo file's 11 IIT and 15 EIT respondents, with the seed's figures.
    EXPECT_EQ(*site_->store().count_responses(round, unit, "IIT"), 11);
    EXPECT_EQ(*site_->store().count_responses(round, unit, "EIT"), 15);
    ClientResponse dashboard =
        admin.get("/admin/rounds/" + std::to_string(round) + "/units/" + std::to_string(unit));
    EXPECT_TRUE(contains(dashboard.body(), "94.87")) << dashboard.body();
}

TEST_P(ImportTest, ASemicolonUtf8FileWithBomIsRead) {
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    std::string csv = demo_csv_for_open_round();
    // No cell of the demo file holds a comma: every comma is a delimiter.
    for (char& c : csv)
        if (c == ',') c = ';';
    ClientResponse imported = post_file(admin, "\xEF\xBB\xBF" + csv, "semicolons.csv");
    ASSERT_EQ(imported.result(), http::status::ok) << imported.body();
    EXPECT_FALSE(contains(imported.body(), "Windows-874"));
    EXPECT_EQ(
        *site_->store().count_responses(site_->demo().open_round_id, site_->demo().unit_id, "EIT"),
        15);
}

// Every error at once, in Thai, with line and column: a bad answer on line 3,
// an unknown unit on line 4 (a CP874 file), nothing stored.
TEST_P(ImportTest, ErrorsInThaiWithLineAndColumnAndTheUnknownUnitAmongThem) {
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    const std::string csv =
        "unit,round,instrument,respondent,i1\n"
        "ศรป.,ITA 2569 รอบ 1,IIT,a1,1\n"
        "ศรป.,ITA 2569 รอบ 1,IIT,a2,9\n"
        "กองที่ไม่มี,ITA 2569 รอบ 1,IIT,a3,2\n";
    ClientResponse refused = post_file(admin, to_cp874(csv), "errors.csv");
    ASSERT_EQ(refused.result(), http::status::unprocessable_entity) << refused.body();
    const std::string& page = refused.body();
    EXPECT_TRUE(contains(page,
                         "<td>errors.csv</td><td class=\"number\">3</td><td>i1</td><td>9</td>"
                         "<td>คำตอบต้องเป็นเลขตัวเลือก 1-"))
        << page;
    EXPECT_TRUE(contains(page,
                         "<td class=\"number\">4</td><td>unit</td><td>กองที่ไม่มี</td>"
                         "<td>ไม่พบหน่วยงาน “กองที่ไม่มี” ในระบบ"))
        << page;
    EXPECT_FALSE(contains(page, "expected"));
    EXPECT_EQ(
        *site_->store().count_responses(site_->demo().open_round_id, site_->demo().unit_id, "IIT"),
        0);
}

TEST_P(ImportTest, EachRoundHasATemplateToDownload) {
    Browser admin = signed_in_user(*site_, "boss", store::Role::kAdmin);
    const store::Id round = site_->demo().open_round_id;
    const std::string link = "/admin/imports/template/" + std::to_string(round);
    EXPECT_TRUE(contains(admin.get("/admin/imports").body(), "href=\"" + link + "\""));

    ClientResponse csv = admin.get(link);
    ASSERT_EQ(csv.result(), http::status::ok) << csv.body();
    EXPECT_EQ(std::string(csv[http::field::content_type]), "text/csv; charset=utf-8");
    const std::string disposition(csv[http::field::content_disposition]);
    EXPECT_TRUE(contains(disposition, "attachment; filename=\"")) << disposition;
    EXPECT_TRUE(contains(disposition, ".csv\"; filename*=UTF-8''")) << disposition;
    // The demo questionnaire: i1-i30 then e1-e10, after the four columns.
    std::string expected = "\xEF\xBB\xBFunit,round,instrument,respondent";
    for (int i = 1; i <= 30; ++i) expected += ",i" + std::to_string(i);
    for (int e = 1; e <= 10; ++e) expected += ",e" + std::to_string(e);
    EXPECT_EQ(csv.body(), expected + "\r\n");

    // What it gives back is what the importer takes.
    ClientResponse empty = post_file(admin, csv.body(), "template.csv");
    EXPECT_EQ(empty.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(empty.body(), "ไฟล์มีแต่หัวตาราง")) << empty.body();

    EXPECT_EQ(admin.get("/admin/imports/template/99999").result(), http::status::not_found);
    Browser coordinator =
        signed_in_user(*site_, "coord", store::Role::kUnitCoordinator, site_->demo().unit_id);
    EXPECT_NE(coordinator.get(link).result(), http::status::ok);
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
