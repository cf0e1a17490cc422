// The access-code sheet as a PDF: its text, read back by pdftotext, holds
// every code and the Thai lines intact, and pdffonts shows the Thai font
// embedded.
#include "report/pdf/access_code_sheet.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "command_output.hpp"

namespace itagap::report {
namespace {

using testing::run_command;

TEST(AccessCodeSheetPdfTest, CodesAndThaiTextSurviveWithTheFontEmbedded) {
    AccessCodeSheet sheet{
        "รหัสเข้าตอบแบบสำรวจ IIT",     "ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)",      "ITA 2569 รอบ 1",
        "http://127.0.0.1:8080/iit", "แบบสำรวจนี้ไม่ระบุตัวตน รหัสหนึ่งใช้ได้ครั้งเดียว", {}};
    for (int i = 0; i < 12; ++i)
        sheet.codes.push_back("K7Q-MX3-P" + std::string(1, static_cast<char>('A' + i)) + "R");
    auto pdf = access_code_sheet_pdf(sheet);
    ASSERT_TRUE(pdf.ok()) << pdf.status.message;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);

    const auto path = std::filesystem::temp_directory_path() /
                      ("itagap-codes-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << *pdf;
    const std::string text = run_command("pdftotext -layout '" + path.string() + "' - 2>&1");
    const std::string fonts = run_command("pdffonts '" + path.string() + "' 2>&1");
    const std::string info = run_command("pdfinfo '" + path.string() + "' 2>&1");
    std::filesystem::remove(path);

    for (const auto& code : sheet.codes)
        EXPECT_NE(text.find(code), std::string::npos) << code << "\n" << text;
    EXPECT_NE(text.find("ศูนย์ความร่วมมือระหว่างประเทศ"), std::string::npos) << text;
    EXPECT_NE(text.find("รหัสเข้าตอบแบบสำรวจ IIT"), std::string::npos) << text;
    EXPECT_NE(fonts.find("Laksaman"), std::string::npos) << fonts;
    EXPECT_EQ(fonts.find(" no  "), std::string::npos) << "a font is not embedded:\n" << fonts;
    EXPECT_NE(info.find("Pages:           2\n"), std::string::npos) << info;  // 12 slips, 10 a page
}

}  // namespace
}  // namespace itagap::report
