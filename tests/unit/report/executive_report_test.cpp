// The executive report as a PDF: a long overdue table runs over several
// pages, its Thai headings and cells survive (read back by pdftotext), every
// page is numbered "หน้า N / M" with M the real page count (pdfinfo), the
// metadata title is set and Laksaman is embedded (pdffonts).
#include "report/pdf/executive_report.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "command_output.hpp"

namespace itagap::report {
namespace {

using testing::run_command;

bool contains(const std::string& text, const std::string& part) {
    return testing::contains_ignoring_space(text, part);
}

ExecutiveReport sample_report(int overdue_rows) {
    ExecutiveReport r;
    r.title = "รายงานผลการติดตามแผนพัฒนาเสนอผู้บริหาร";
    r.fiscal_year_be = 2569;
    r.month_name = "เมษายน";
    r.month_year_be = 2569;
    r.generated_on = "30 เม.ย. 2569";
    r.labels = {"ปีงบประมาณ",
                "ประจำเดือน",
                "จัดทำเมื่อ",
                "สรุปภาพรวม",
                "ความก้าวหน้าตามกลยุทธ์ PIRAB",
                {"กลยุทธ์", "มาตรการ", "เสร็จแล้ว", "กำลังดำเนินการ", "ยังไม่เริ่ม", "ยกเลิก", "ร้อยละเฉลี่ย"},
                "มาตรการที่เกินกำหนด",
                {"หน่วยงาน", "มาตรการ", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "เกินกำหนด (วัน)"},
                "มาตรการที่ไม่มีความก้าวหน้าเกิน 30 วัน",
                {"หน่วยงาน", "มาตรการ", "ผู้รับผิดชอบ", "สถานะ", "วัน"},
                "ช่องว่างที่ยังไม่มีมาตรการรองรับ",
                "หน่วยงานที่ยังไม่มีแผนพัฒนา",
                "ไม่มี",
                "หน้า"};
    r.summary = {{"จำนวนแผนพัฒนา", "1"}, {"มาตรการที่เกินกำหนด", std::to_string(overdue_rows)}};
    r.strategies = {{"P : Partnership (การสร้างพันธมิตร)", 2, 1, 1, 0, 0, "55.00"},
                    {"I : Investment (การลงทุน)", 0, 0, 0, 0, 0, "ไม่มีข้อมูล"}};
    for (int i = 1; i <= overdue_rows; ++i) {
        r.overdue.push_back({"ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)", i,
                             "สื่อสารผลการประเมิน IIT/EIT และมาตรการแก้ไข ผ่านช่องทางออนไลน์และประชุมภายใน",
                             "กลุ่มงานบริหารทั่วไป ศรป.", "31 มี.ค. 2569", i});
    }
    r.quiet = {{"ศรป.", 5, "จัดอบรมให้ความรู้", "กลุ่มงานบริหารทั่วไป", "ยังไม่เริ่ม", "35"}};
    r.unaddressed_gaps = {"ศรป.: 3. EIT ตัวชี้วัด 8 (88.33)"};
    return r;
}

struct ReadBack {
    std::string text, fonts, info;
};

ReadBack read_back(const std::string& pdf) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("itagap-executive-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf;
    ReadBack out{run_command("pdftotext '" + path.string() + "' - 2>&1"),
                 run_command("pdffonts '" + path.string() + "' 2>&1"),
                 run_command("pdfinfo '" + path.string() + "' 2>&1")};
    std::filesystem::remove(path);
    return out;
}

int page_count(const std::string& info) {
    std::smatch m;
    static const std::regex pages(R"(Pages:\s+(\d+))");
    return std::regex_search(info, m, pages) ? std::stoi(m[1].str()) : 0;
}

TEST(ExecutiveReportPdfTest, ManyOverdueRowsRunOverNumberedPagesWithThaiIntact) {
    auto pdf = executive_report_pdf(sample_report(60));
    ASSERT_TRUE(pdf.ok()) << pdf.status.message;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    const ReadBack back = read_back(*pdf);

    const int pages = page_count(back.info);
    EXPECT_GE(pages, 3) << back.info;
    for (const char* heading : {"สรุปภาพรวม", "ความก้าวหน้าตามกลยุทธ์ PIRAB", "มาตรการที่เกินกำหนด",
                                "มาตรการที่ไม่มีความก้าวหน้าเกิน 30 วัน", "หน่วยงานที่ยังไม่มีแผนพัฒนา"})
        EXPECT_TRUE(contains(back.text, heading)) << heading << "\n" << back.text;
    EXPECT_TRUE(contains(back.text, "สื่อสารผลการประเมิน")) << back.text;
    EXPECT_TRUE(contains(back.text, "ประจำเดือน เมษายน 2569")) << back.text;
    const std::string total = " / " + std::to_string(pages);
    EXPECT_TRUE(contains(back.text, "หน้า 1" + total)) << back.text;
    EXPECT_TRUE(contains(back.text, "หน้า " + std::to_string(pages) + total)) << back.text;
    EXPECT_FALSE(contains(back.text, "หน้า " + std::to_string(pages + 1) + " /")) << back.text;
    // The header row is repeated on every page the table continues on.
    const std::string text = testing::without_white_space(back.text);
    std::size_t headers = 0;
    for (std::size_t at = text.find("เกินกำหนด(วัน)"); at != std::string::npos;
         at = text.find("เกินกำหนด(วัน)", at + 1))
        ++headers;
    EXPECT_GE(headers, static_cast<std::size_t>(pages - 1)) << back.text;

    EXPECT_TRUE(
        std::regex_search(back.info, std::regex("Title:\\s+รายงานผลการติดตามแผนพัฒนาเสนอผู้บริหาร")))
        << back.info;
    EXPECT_TRUE(contains(back.fonts, "Laksaman")) << back.fonts;
    EXPECT_FALSE(contains(back.fonts, " no  ")) << "a font is not embedded:\n" << back.fonts;
}

TEST(ExecutiveReportPdfTest, AnEmptyReportIsOnePageSayingNone) {
    ExecutiveReport r = sample_report(0);
    r.quiet.clear();
    auto pdf = executive_report_pdf(r);
    ASSERT_TRUE(pdf.ok()) << pdf.status.message;
    const ReadBack back = read_back(*pdf);
    EXPECT_EQ(page_count(back.info), 1) << back.info;
    EXPECT_TRUE(contains(back.text, "ไม่มี")) << back.text;
    EXPECT_TRUE(contains(back.text, "หน้า 1 / 1")) << back.text;
}

}  // namespace
}  // namespace itagap::report
