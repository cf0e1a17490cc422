// Report Documents as PDF, read back with poppler's tools: the Thai text of
// headings, paragraphs, tables and charts survives (pdftotext), pages are
// numbered "หน้า N / M" with M the real count (pdfinfo), Laksaman is embedded
// (pdffonts), a long table repeats its header and keeps a span group on one
// page, and a chart drawn as PNG has the size asked for.
#include "report/pdf/document_pdf.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "command_output.hpp"
#include "report/pdf/chart_png.hpp"

namespace itagap::report {
namespace {

using testing::run_command;

bool contains(const std::string& text, const std::string& part) {
    return testing::contains_ignoring_space(text, part);
}

// A PDF written into its own temporary directory, read back by poppler.
class PdfFile {
public:
    explicit PdfFile(const std::string& pdf) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "itagap-document-pdf-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
        dir_ = pattern;
        path_ = (dir_ / "document.pdf").string();
        std::ofstream(path_, std::ios::binary) << pdf;
    }
    ~PdfFile() { std::filesystem::remove_all(dir_); }
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;

    std::string text() const {
        return run_command("pdftotext -raw -enc UTF-8 '" + path_ + "' - 2>&1");
    }
    std::string page_text(int page) const {
        const std::string p = std::to_string(page);
        return run_command("pdftotext -raw -enc UTF-8 -f " + p + " -l " + p + " '" + path_ +
                           "' - 2>&1");
    }
    std::string fonts() const { return run_command("pdffonts '" + path_ + "' 2>&1"); }
    std::string info() const { return run_command("pdfinfo '" + path_ + "' 2>&1"); }
    int pages() const {
        std::smatch m;
        const std::string i = info();
        static const std::regex pages(R"(Pages:\s+(\d+))");
        return std::regex_search(i, m, pages) ? std::stoi(m[1].str()) : 0;
    }
    // The first page whose text holds `part`; 0 when none does.
    int page_of(const std::string& part) const {
        for (int p = 1, n = pages(); p <= n; ++p) {
            if (contains(page_text(p), part)) return p;
        }
        return 0;
    }

private:
    std::filesystem::path dir_;
    std::string path_;
};

const char* const kTitle = "รายงานผลการประเมินคุณธรรมและความโปร่งใส";
const char* const kSection = "ผลการประเมินรายตัวชี้วัด";
const char* const kParagraph =
    "หน่วยงานได้คะแนนรวมร้อยละ 81.82 ซึ่งต่ำกว่าเป้าหมายที่กำหนดไว้ "
    "จึงได้จัดทำแผนพัฒนาเพื่อยกระดับการเปิดเผยข้อมูลและการป้องกันการทุจริต "
    "โดยให้ผู้บริหารติดตามความก้าวหน้าเป็นประจำทุกเดือนตามกลยุทธ์ PIRAB";
const char* const kSpanningText = "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล";

TableCell cell(std::string text, int row_span = 1) { return {std::move(text), row_span, false}; }
TableCell covered() { return {"", 1, true}; }

Chart sample_chart() {
    Chart chart;
    chart.title = "คะแนนรายตัวชี้วัดเทียบกับเป้าหมาย";
    chart.target = 85;
    chart.target_label = "เป้าหมาย 85.00";
    chart.bars = {{"ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", 96.97, "96.97", false},
                  {"ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ด้านการบริหารงานและการใช้จ่ายงบประมาณ", 72.5, "72.50", true},
                  {"ตัวชี้วัดที่ 10 การป้องกันการทุจริต", 88.25, "88.25", false}};
    return chart;
}

Document sample_document() {
    Document d;
    d.title = kTitle;
    d.language = "th";
    d.page_label = "หน้า";
    d.footer_note = "จัดทำโดย itagap เมื่อ 28 พ.ย. 2569";
    Table table;
    table.caption = "ตารางที่ 1 คะแนนรายข้อ";
    table.header = {"ตัวชี้วัด", "ข้อ", "คะแนน"};
    table.column_widths = {2, 3, 1};
    table.rows = {{cell(kSpanningText, 2), cell("o1 แผนการใช้จ่ายงบประมาณประจำปี"), cell("100.00")},
                  {covered(), cell("o2 รายงานผลการใช้จ่ายงบประมาณ"), cell("50.00")},
                  {cell("ตัวชี้วัดที่ 10 การป้องกันการทุจริต"), cell("o3 มาตรการภายใน"), cell("75.00")}};
    d.blocks = {Heading{kTitle, 1},
                Paragraph{kParagraph, true},
                Heading{kSection, 2},
                table,
                Paragraph{"แผนภูมิต่อไปนี้แสดงคะแนนของแต่ละตัวชี้วัด", false},
                sample_chart()};
    return d;
}

TEST(DocumentPdfTest, ThaiTextOfEveryBlockReadsBackWithNumberedPages) {
    const auto pdf = document_pdf(sample_document());
    ASSERT_TRUE(pdf.ok()) << pdf.status.message;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    const PdfFile file(*pdf);
    const std::string text = file.text();

    for (const char* part :
         {kTitle, kSection, kParagraph, "แผนภูมิต่อไปนี้แสดงคะแนนของแต่ละตัวชี้วัด", "ตารางที่ 1 คะแนนรายข้อ",
          "ตัวชี้วัด", "ข้อ", "คะแนน", kSpanningText, "o1 แผนการใช้จ่ายงบประมาณประจำปี",
          "o2 รายงานผลการใช้จ่ายงบประมาณ", "100.00", "50.00", "ตัวชี้วัดที่ 10 การป้องกันการทุจริต",
          "o3 มาตรการภายใน", "75.00", "จัดทำโดย itagap เมื่อ 28 พ.ย. 2569"})
        EXPECT_TRUE(contains(text, part)) << part << "\n" << text;
    const Chart chart = sample_chart();
    EXPECT_TRUE(contains(text, chart.title)) << text;
    EXPECT_TRUE(contains(text, chart.target_label)) << text;
    for (const Bar& bar : chart.bars) {
        EXPECT_TRUE(contains(text, bar.label)) << bar.label << "\n" << text;
        EXPECT_TRUE(contains(text, bar.value_text)) << bar.value_text << "\n" << text;
    }

    const int pages = file.pages();
    ASSERT_GE(pages, 1) << file.info();
    EXPECT_TRUE(contains(text, "หน้า 1 / " + std::to_string(pages))) << text;
    EXPECT_FALSE(contains(text, "หน้า " + std::to_string(pages + 1) + " /")) << text;
    EXPECT_TRUE(std::regex_search(file.info(), std::regex(std::string("Title:\\s+") + kTitle)))
        << file.info();
    const std::string fonts = file.fonts();
    EXPECT_TRUE(contains(fonts, "Laksaman")) << fonts;
    EXPECT_FALSE(contains(fonts, " no  ")) << "a font is not embedded:\n" << fonts;
}

TEST(DocumentPdfTest, AParagraphLongerThanAPageFlowsOntoTheNextPageWhole) {
    std::string long_text;
    for (int i = 1; i <= 40; ++i)
        long_text +=
            "ประโยคที่ " + std::to_string(i) + " หน่วยงานเปิดเผยข้อมูลการจัดซื้อจัดจ้างต่อสาธารณะอย่างครบถ้วน ";
    Document d;
    d.title = "ทดสอบ";
    d.page_label = "หน้า";
    d.blocks = {Paragraph{long_text, true}};
    const auto pdf = document_pdf(d);
    ASSERT_TRUE(pdf.ok()) << pdf.status.message;
    const PdfFile file(*pdf);
    ASSERT_GE(file.pages(), 2) << file.info();
    // The page numbers sit between the lines of the paragraph in the text.
    const std::string text =
        std::regex_replace(file.text(), std::regex("หน้า \\d+ / \\d+"), std::string());
    EXPECT_TRUE(contains(text, long_text)) << text;
    EXPECT_TRUE(contains(file.page_text(1), "ประโยคที่ 1 หน่วยงาน"));
    const std::string last_page = file.page_text(file.pages());
    EXPECT_TRUE(contains(last_page, "ประโยคที่ 40 หน่วยงาน")) << last_page;
    EXPECT_TRUE(contains(
        last_page, "หน้า " + std::to_string(file.pages()) + " / " + std::to_string(file.pages())))
        << last_page;
}

std::string row_label(int n) { return "แถวที่" + std::string(n < 10 ? "0" : "") + std::to_string(n); }

// A table of `before` one-line rows, then a group of three rows joined by a
// span in the first column (or three plain rows), then ten more rows.
Document long_table(int before, bool span_group) {
    Table table;
    table.header = {"หัวตารางหน่วยงาน", "หัวตารางมาตรการ"};
    table.column_widths = {1, 1};
    for (int i = 1; i <= before; ++i)
        table.rows.push_back({cell("หน่วย " + row_label(i)), cell(row_label(i))});
    for (int g = 1; g <= 3; ++g) {
        const std::string group = "กลุ่ม" + std::to_string(g);
        if (span_group) {
            table.rows.push_back({g == 1 ? cell("หน่วยที่รวมสามแถว", 3) : covered(), cell(group)});
        } else {
            table.rows.push_back({cell("หน่วยแถวเดียว"), cell(group)});
        }
    }
    for (int i = before + 1; i <= before + 10; ++i)
        table.rows.push_back({cell("หน่วย " + row_label(i)), cell(row_label(i))});
    Document d;
    d.title = "ตารางยาว";
    d.page_label = "หน้า";
    d.blocks = {Heading{"ตารางยาว", 1}, table};
    return d;
}

TEST(DocumentPdfTest, ALongTableRepeatsItsHeaderAndMovesASpanGroupWhole) {
    // Where page 1 ends: with plain rows, the last row that still fits.
    const auto probe = document_pdf(long_table(60, false));
    ASSERT_TRUE(probe.ok()) << probe.status.message;
    int last_on_page_1 = 0;
    {
        const PdfFile file(*probe);
        const std::string page_1 = file.page_text(1);
        while (last_on_page_1 < 70 && contains(page_1, row_label(last_on_page_1 + 1)))
            ++last_on_page_1;
        ASSERT_GT(last_on_page_1, 3) << page_1;
        ASSERT_LT(last_on_page_1, 60) << page_1;
    }

    // The group starts on the last line of page 1: as plain rows it would be
    // cut after its first row, as a span group it moves to page 2 whole.
    const int before = last_on_page_1 - 1;
    const auto plain = document_pdf(long_table(before, false));
    ASSERT_TRUE(plain.ok()) << plain.status.message;
    {
        const PdfFile file(*plain);
        EXPECT_EQ(file.page_of("กลุ่ม1"), 1);
        EXPECT_EQ(file.page_of("กลุ่ม2"), 2);
    }
    const auto spanned = document_pdf(long_table(before, true));
    ASSERT_TRUE(spanned.ok()) << spanned.status.message;
    const PdfFile file(*spanned);
    EXPECT_EQ(file.page_of(row_label(before)), 1);
    EXPECT_EQ(file.page_of("หน่วยที่รวมสามแถว"), 2);
    for (const char* group : {"กลุ่ม1", "กลุ่ม2", "กลุ่ม3"}) EXPECT_EQ(file.page_of(group), 2);
    const std::string page_2 = file.page_text(2);
    EXPECT_TRUE(contains(page_2, "หัวตารางหน่วยงาน")) << page_2;
    EXPECT_TRUE(contains(page_2, "หัวตารางมาตรการ")) << page_2;
    EXPECT_TRUE(contains(page_2, "หน้า 2 / " + std::to_string(file.pages()))) << page_2;
}

TEST(DocumentPdfTest, ASpanGroupTallerThanAPageRepeatsTheSpanningTextOnEachPage) {
    Table table;
    table.header = {"หัวคอลัมน์หน่วยงาน", "หัวคอลัมน์มาตรการ"};
    table.column_widths = {1, 2};
    constexpr int kRows = 80;
    for (int i = 1; i <= kRows; ++i)
        table.rows.push_back(
            {i == 1 ? cell("หน่วยงานที่มีมาตรการมาก", kRows) : covered(), cell(row_label(i))});
    Document d;
    d.title = "ตารางยาว";
    d.page_label = "หน้า";
    d.blocks = {table};
    const auto pdf = document_pdf(d);
    ASSERT_TRUE(pdf.ok()) << pdf.status.message;
    const PdfFile file(*pdf);
    ASSERT_GE(file.pages(), 2) << file.info();
    for (int p = 1; p <= file.pages(); ++p) {
        const std::string page = file.page_text(p);
        EXPECT_TRUE(contains(page, "หน่วยงานที่มีมาตรการมาก")) << "page " << p << "\n" << page;
        EXPECT_TRUE(contains(page, "หัวคอลัมน์มาตรการ")) << page;
    }
    const std::string text = file.text();
    for (int i = 1; i <= kRows; ++i) EXPECT_TRUE(contains(text, row_label(i))) << row_label(i);
}

TEST(DocumentPdfTest, AnInvalidDocumentGivesNothing) {
    Document d = sample_document();
    auto& table = std::get<Table>(d.blocks[3]);
    table.rows[1][0] = cell("ไม่ได้ถูกรวม");  // under the span but not marked covered
    ASSERT_FALSE(check_document(d).empty());
    EXPECT_EQ(document_pdf(d).status.code, StatusCode::kInvalid);
}

std::uint32_t big_endian_at(const std::string& bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

TEST(ChartPngTest, IsAPngOfTheAskedSizeAt200Dpi) {
    const double width_cm = 16, height_cm = 9.5;
    const auto png = chart_png(sample_chart(), width_cm, height_cm);
    ASSERT_TRUE(png.ok()) << png.status.message;
    ASSERT_GT(png->size(), 24u);
    EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(png->substr(12, 4), "IHDR");
    EXPECT_EQ(big_endian_at(*png, 16),
              static_cast<std::uint32_t>(std::lround(width_cm / 2.54 * 200)));
    EXPECT_EQ(big_endian_at(*png, 20),
              static_cast<std::uint32_t>(std::lround(height_cm / 2.54 * 200)));
}

TEST(ChartPngTest, ASizeCairoCannotDrawGivesNothing) {
    EXPECT_EQ(chart_png(sample_chart(), 0, 5).status.code, StatusCode::kInvalid);
    EXPECT_EQ(chart_png(sample_chart(), -3, 5).status.code, StatusCode::kInvalid);
}

}  // namespace
}  // namespace itagap::report
