#include "report/docx/docx_writer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "report/docx/xml_text.hpp"
#include "report/pdf/chart_png.hpp"

// The writer's promises, checked with independent tools: unzip reads the
// archive, xmllint parses every part, LibreOffice opens the file and lays it
// out, and poppler reads the text back from LibreOffice's PDF. The tools are
// required (CI installs them); a missing one fails the test with its name.

namespace itagap::report {
namespace {

namespace fs = std::filesystem;

// ---- Tools ------------------------------------------------------------------------

// A fresh directory per test, so parallel ctest runs never share files or a
// LibreOffice profile.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "itagap-docx-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        if (!path_.empty()) fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

struct CommandResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr
};

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return result;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, got);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool tool_available(const std::string& name) { return run("command -v " + name).exit_code == 0; }

#define REQUIRE_TOOL(name, package)                                                           \
    ASSERT_TRUE(tool_available(name)) << "'" << name << "' is not installed (Debian package " \
                                      << package << "); this test needs it"

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string without_whitespace(std::string text) {
    std::erase_if(text, [](unsigned char c) { return std::isspace(c) != 0; });
    return text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

// An element step matching any namespace prefix: xmllint's --xpath cannot
// bind prefixes, so "w:tc" is written el("tc").
std::string el(std::string_view local_name) {
    return "*[local-name()='" + std::string(local_name) + "']";
}
std::string at(std::string_view local_name) {
    return "@*[local-name()='" + std::string(local_name) + "']";
}

// The value of an XPath expression (count(), string(), sum()) over an XML file.
std::string xpath(const fs::path& file, const std::string& expression) {
    std::string value = run("xmllint --xpath \"" + expression + "\" " + quoted(file)).output;
    if (value.ends_with('\n')) value.pop_back();  // xmllint ends what it prints with one
    return value;
}

// ---- The document under test ----------------------------------------------------

// The 1 x 1 PNG the fake renderer draws.
const std::string kTinyPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x01"
    "\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\x90\xcf\xef"
    "\x06"
    "\x00\x01\xca\x01\x1a\x0b\x78\x53\x6b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    69);

struct FakeRenderer {
    int calls = 0;
    double width_cm = 0;
    double height_cm = 0;
    StatusOr<std::string> result = kTinyPng;

    ChartPngRenderer function() {
        return [this](const Chart&, double width, double height) {
            ++calls;
            width_cm = width;
            height_cm = height;
            return result;
        };
    }
};

const std::string kHeading1 = "เอกสารแนบผลการดำเนินงานตัวชี้วัดที่ 2.1";
const std::string kHeading2 = "ผลการวิเคราะห์แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน";
const std::string kSentence1 = "หน่วยงานได้คะแนนรวมร้อยละ 81.82 ซึ่งต่ำกว่าเป้าหมายที่กำหนดไว้";
const std::string kSentence2 = "ข้อที่ได้คะแนนต่ำที่สุดคือการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง";
const std::string kSpecialsRaw = "เครื่องหมาย & < > \" ' และอักขระควบคุม\x01ต้องไม่หลุด";
const std::string kSpecialsXml = "เครื่องหมาย &amp; &lt; &gt; &quot; &apos; และอักขระควบคุมต้องไม่หลุด";
const std::string kCaption = "ตารางที่ 1 มาตรการตามแนวทาง PIRAB";
const std::string kStrategy = "P การสร้างความร่วมมือ";
const std::string kMeasure1 = "ประชุมร่วมกับผู้มีส่วนได้ส่วนเสียทุกไตรมาส";
const std::string kMeasure2Line1 = "จัดทำคู่มือการเปิดเผยข้อมูล";
const std::string kMeasure2Line2 = "เผยแพร่บนเว็บไซต์";
const std::string kChartTitle = "คะแนนรายตัวชี้วัดเทียบกับเป้าหมาย";
const std::string kFooterNote = "จัดทำโดย itagap เมื่อ 28 พ.ย. 2569";

std::vector<Bar> sample_bars() {
    return {
        {"ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", 96.97, "96.97", false},
        {"ตัวชี้วัดที่ 2 การใช้งบประมาณ", 81.82, "81.82", true},
        {"ตัวชี้วัดที่ 3 การใช้อำนาจ", 90.00, "90.00", false},
    };
}

Document sample_document() {
    Document document;
    document.title = "เอกสารแนบ & <ทดสอบ>";
    document.language = "th";
    document.page_label = "หน้า";
    document.footer_note = kFooterNote;
    // emplace_back with in_place_type: GCC 12 warns (wrongly) that a
    // pushed-back temporary variant may be used uninitialised.
    document.blocks.emplace_back(std::in_place_type<Heading>, kHeading1, 1);
    document.blocks.emplace_back(std::in_place_type<Heading>, kHeading2, 2);
    document.blocks.emplace_back(std::in_place_type<Paragraph>, kSentence1 + " " + kSentence2,
                                 true);
    document.blocks.emplace_back(std::in_place_type<Paragraph>, kSpecialsRaw, false);

    Table table;
    table.caption = kCaption;
    table.header = {"กลยุทธ์", "มาตรการ", "เหตุผล"};
    table.column_widths = {1, 2, 2};
    table.rows = {
        {{kStrategy, 2}, {kMeasure1}, {"เพิ่มการมีส่วนร่วม"}},
        {{"", 1, true}, {kMeasure2Line1 + "\n" + kMeasure2Line2}, {"ลดความคลาดเคลื่อน"}},
        {{"B การพัฒนาศักยภาพ"}, {"อบรมเจ้าหน้าที่"}, {"เพิ่มความเข้าใจ"}},
    };
    document.blocks.push_back(table);

    Chart chart;
    chart.title = kChartTitle;
    chart.bars = sample_bars();
    chart.target = 85;
    chart.target_label = "เป้าหมาย 85.00";
    document.blocks.push_back(chart);
    return document;
}

// The .docx written and unzipped into dir/docx; fails the test when either
// step fails.
void write_and_unzip(const std::string& docx, const fs::path& dir) {
    write_file(dir / "document.docx", docx);
    const CommandResult unzip =
        run("unzip -q -o " + quoted(dir / "document.docx") + " -d " + quoted(dir / "docx"));
    ASSERT_EQ(unzip.exit_code, 0) << unzip.output;
}

std::vector<std::string> archive_members(const fs::path& docx_file) {
    return lines_of(run("unzip -Z1 " + quoted(docx_file)).output);
}

// ---- xml_text ---------------------------------------------------------------------

TEST(DocxXmlText, EscapesTheFiveSpecialCharacters) {
    EXPECT_EQ(docx::xml_text("a & b < c > d \" e ' f"),
              "a &amp; b &lt; c &gt; d &quot; e &apos; f");
    EXPECT_EQ(docx::xml_text("ภาษาไทย 😀"), "ภาษาไทย 😀");
}

TEST(DocxXmlText, DropsWhatXmlCannotCarry) {
    EXPECT_EQ(docx::xml_text("a\x01"
                             "b\x0b"
                             "c\x1f"
                             "d"),
              "abcd");
    EXPECT_EQ(docx::xml_text(std::string("a\0b", 3)), "ab");
    EXPECT_EQ(docx::xml_text("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
    EXPECT_EQ(docx::xml_text("x\xef\xbf\xbey\xef\xbf\xbfz"), "xyz");  // U+FFFE, U+FFFF
    EXPECT_EQ(docx::xml_text("x\xed\xa0\x80y"), "xy");                // an encoded surrogate
    EXPECT_EQ(docx::xml_text("x\xc0\xafy"), "xy");                    // overlong "/"
    EXPECT_EQ(docx::xml_text("x\xc3\x28y"), "x(y");                   // a lead without its tail
    EXPECT_EQ(docx::xml_text("x\x80y"), "xy");                        // a stray continuation byte
    EXPECT_EQ(docx::xml_text("ไทย\xe0\xb8"), "ไทย");                  // truncated at the end
    EXPECT_EQ(docx::xml_text("x\xf4\x90\x80\x80y"), "xy");            // past U+10FFFF
}

// ---- The archive --------------------------------------------------------------------

TEST(DocumentDocx, IsAZipOfTheExpectedPartsAndEveryXmlPartParses) {
    REQUIRE_TOOL("unzip", "unzip");
    REQUIRE_TOOL("xmllint", "libxml2-utils");
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    FakeRenderer renderer;
    const StatusOr<std::string> docx = document_docx(sample_document(), renderer.function());
    ASSERT_TRUE(docx.ok()) << docx.status.message;
    ASSERT_TRUE(docx->starts_with("PK\x03\x04"));
    ASSERT_NO_FATAL_FAILURE(write_and_unzip(*docx, dir.path()));

    const CommandResult integrity = run("unzip -tq " + quoted(dir.path() / "document.docx"));
    EXPECT_EQ(integrity.exit_code, 0) << integrity.output;
    const std::vector<std::string> expected = {
        "[Content_Types].xml",   "_rels/.rels",       "docProps/core.xml",
        "docProps/app.xml",      "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml",       "word/settings.xml", "word/footer1.xml",
        "word/media/chart1.png",
    };
    EXPECT_EQ(archive_members(dir.path() / "document.docx"), expected);

    for (const std::string& member : expected) {
        if (member.ends_with(".png")) continue;
        const CommandResult lint = run("xmllint --noout " + quoted(dir.path() / "docx" / member));
        EXPECT_EQ(lint.exit_code, 0) << member << ": " << lint.output;
    }
    EXPECT_EQ(read_file(dir.path() / "docx/word/media/chart1.png"), kTinyPng);

    EXPECT_EQ(renderer.calls, 1);
    EXPECT_DOUBLE_EQ(renderer.width_cm, 16.0);
    EXPECT_DOUBLE_EQ(renderer.height_cm, 2.0 + 1.2 * 3);
}

TEST(DocumentDocx, TheSameDocumentGivesTheSameBytes) {
    FakeRenderer renderer;
    const auto first = document_docx(sample_document(), renderer.function());
    const auto second = document_docx(sample_document(), renderer.function());
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(*first, *second);
}

TEST(DocumentDocx, AnEmptyDocumentIsStillAWellFormedPackage) {
    REQUIRE_TOOL("unzip", "unzip");
    REQUIRE_TOOL("xmllint", "libxml2-utils");
    TempDir dir;
    const auto docx = document_docx(Document{}, ChartPngRenderer{});
    ASSERT_TRUE(docx.ok()) << docx.status.message;
    ASSERT_NO_FATAL_FAILURE(write_and_unzip(*docx, dir.path()));
    for (const std::string& member : archive_members(dir.path() / "document.docx")) {
        const CommandResult lint = run("xmllint --noout " + quoted(dir.path() / "docx" / member));
        EXPECT_EQ(lint.exit_code, 0) << member << ": " << lint.output;
    }
}

// ---- The XML --------------------------------------------------------------------------

class DocxParts : public ::testing::Test {
protected:
    void SetUp() override {
        REQUIRE_TOOL("unzip", "unzip");
        REQUIRE_TOOL("xmllint", "libxml2-utils");
        ASSERT_FALSE(dir_.path().empty());
        const auto docx = document_docx(sample_document(), renderer_.function());
        ASSERT_TRUE(docx.ok()) << docx.status.message;
        ASSERT_NO_FATAL_FAILURE(write_and_unzip(*docx, dir_.path()));
        document_xml_ = read_file(part("word/document.xml"));
    }
    fs::path part(std::string_view name) const { return dir_.path() / "docx" / name; }

    TempDir dir_;
    FakeRenderer renderer_;
    std::string document_xml_;
};

TEST_F(DocxParts, TextIsEscapedAndControlCharactersDropped) {
    EXPECT_NE(document_xml_.find(kSpecialsXml), std::string::npos);
    EXPECT_EQ(document_xml_.find('\x01'), std::string::npos);
    EXPECT_NE(read_file(part("docProps/core.xml"))
                  .find("<dc:title>เอกสารแนบ &amp; &lt;ทดสอบ&gt;</dc:title>"),
              std::string::npos);
    EXPECT_NE(read_file(part("docProps/core.xml")).find("<dc:language>th</dc:language>"),
              std::string::npos);
    EXPECT_NE(document_xml_.find("<w:t xml:space=\"preserve\">"), std::string::npos);
}

TEST_F(DocxParts, ASpanningCellRestartsAVerticalMergeAndTheCoveredCellContinuesIt) {
    const fs::path file = part("word/document.xml");
    // tr[1] is the header row; the strategy cell spans body rows 1 and 2.
    const std::string table = "//" + el("tbl") + "[1]";
    auto cell = [&](int row, int column) {
        return table + "/" + el("tr") + "[" + std::to_string(row) + "]/" + el("tc") + "[" +
               std::to_string(column) + "]";
    };
    const std::string merge = "/" + el("tcPr") + "/" + el("vMerge");
    EXPECT_EQ(xpath(file, "string(" + cell(2, 1) + merge + "/" + at("val") + ")"), "restart");
    EXPECT_EQ(xpath(file, "string(" + cell(2, 1) + ")"), kStrategy);
    EXPECT_EQ(xpath(file, "count(" + cell(3, 1) + merge + ")"), "1");
    EXPECT_EQ(xpath(file, "count(" + cell(3, 1) + merge + "/@*)"), "0");  // no val: continue
    EXPECT_EQ(xpath(file, "string(" + cell(3, 1) + ")"), "");
    EXPECT_EQ(xpath(file, "count(" + cell(4, 1) + merge + ")"), "0");
    EXPECT_EQ(xpath(file, "count(" + table + "//" + el("vMerge") + ")"), "2");
    // Every row keeps one cell per grid column.
    EXPECT_EQ(xpath(file, "count(" + table + "/" + el("tr") + "[count(" + el("tc") + ") != 3])"),
              "0");
    // A line break in a cell makes a second paragraph.
    EXPECT_EQ(xpath(file, "count(" + cell(3, 2) + "/" + el("p") + ")"), "2");
    EXPECT_EQ(xpath(file, "string(" + cell(3, 2) + "/" + el("p") + "[2])"), kMeasure2Line2);
}

TEST_F(DocxParts, TableFillsTheTextWidthAndRepeatsItsHeaderRow) {
    const fs::path file = part("word/document.xml");
    const std::string table = "//" + el("tbl") + "[1]";
    // 21 cm - 3 cm - 2 cm in twips; widths 1:2:2.
    EXPECT_EQ(xpath(file, "sum(" + table + "/" + el("tblGrid") + "/" + el("gridCol") + "/" +
                              at("w") + ")"),
              "9071");
    EXPECT_EQ(xpath(file, "string(" + table + "/" + el("tblGrid") + "/" + el("gridCol") + "[1]/" +
                              at("w") + ")"),
              "1814");
    EXPECT_EQ(xpath(file, "count(" + table + "/" + el("tr") + "[1]/" + el("trPr") + "/" +
                              el("tblHeader") + ")"),
              "1");
    EXPECT_EQ(xpath(file, "count(" + table + "//" + el("tblHeader") + ")"), "1");
    EXPECT_EQ(xpath(file, "string(" + table + "/" + el("tblPr") + "/" + el("tblBorders") + "/" +
                              el("insideH") + "/" + at("val") + ")"),
              "single");
    // The caption is the bold title paragraph just before the table.
    EXPECT_EQ(xpath(file, "string(" + table + "/preceding-sibling::" + el("p") + "[1])"), kCaption);
    EXPECT_EQ(xpath(file, "string(" + table + "/preceding-sibling::" + el("p") + "[1]//" +
                              el("pStyle") + "/" + at("val") + ")"),
              "BlockTitle");
}

TEST_F(DocxParts, PageIsA4WithThaiGovernmentMargins) {
    const fs::path file = part("word/document.xml");
    const std::string sect = "//" + el("body") + "/" + el("sectPr");
    auto attribute = [&](std::string_view element, std::string_view name) {
        return xpath(file, "string(" + sect + "/" + el(element) + "/" + at(name) + ")");
    };
    EXPECT_EQ(attribute("pgSz", "w"), "11906");
    EXPECT_EQ(attribute("pgSz", "h"), "16838");
    EXPECT_EQ(attribute("pgMar", "top"), "1418");
    EXPECT_EQ(attribute("pgMar", "left"), "1701");
    EXPECT_EQ(attribute("pgMar", "right"), "1134");
    EXPECT_EQ(attribute("pgMar", "bottom"), "1134");
}

TEST_F(DocxParts, StylesSetTheThaiFontSizesAndLanguage) {
    const fs::path file = part("word/styles.xml");
    const std::string defaults =
        "//" + el("docDefaults") + "/" + el("rPrDefault") + "/" + el("rPr");
    for (std::string_view slot : {"ascii", "hAnsi", "cs", "eastAsia"}) {
        EXPECT_EQ(xpath(file, "string(" + defaults + "/" + el("rFonts") + "/" + at(slot) + ")"),
                  "TH Sarabun New")
            << slot;
    }
    EXPECT_EQ(xpath(file, "string(" + defaults + "/" + el("sz") + "/" + at("val") + ")"), "32");
    EXPECT_EQ(xpath(file, "string(" + defaults + "/" + el("szCs") + "/" + at("val") + ")"), "32");
    EXPECT_EQ(xpath(file, "string(" + defaults + "/" + el("lang") + "/" + at("val") + ")"),
              "th-TH");
    EXPECT_EQ(xpath(file, "string(" + defaults + "/" + el("lang") + "/" + at("bidi") + ")"),
              "th-TH");

    auto style = [&](std::string_view id) {
        return "//" + el("style") + "[" + at("styleId") + "='" + std::string(id) + "']";
    };
    EXPECT_EQ(xpath(file, "count(" + style("Heading1") + "/" + el("rPr") + "/" + el("bCs") + ")"),
              "1");
    EXPECT_EQ(xpath(file, "string(" + style("Heading1") + "/" + el("rPr") + "/" + el("szCs") + "/" +
                              at("val") + ")"),
              "36");
    EXPECT_EQ(xpath(file, "string(" + style("Heading1") + "/" + el("pPr") + "/" + el("jc") + "/" +
                              at("val") + ")"),
              "center");
    EXPECT_EQ(xpath(file, "string(" + style("Heading2") + "/" + el("rPr") + "/" + el("sz") + "/" +
                              at("val") + ")"),
              "32");
    EXPECT_EQ(xpath(file, "string(" + style("BodyText") + "/" + el("pPr") + "/" + el("ind") + "/" +
                              at("firstLine") + ")"),
              "709");
    EXPECT_EQ(xpath(file, "string(" + style("TableText") + "/" + el("rPr") + "/" + el("szCs") +
                              "/" + at("val") + ")"),
              "28");

    // The indented paragraph uses the body text style; the other does not.
    const fs::path body = part("word/document.xml");
    const std::string indented = "//" + el("p") + "[starts-with(string(.), 'หน่วยงาน')]";
    EXPECT_EQ(xpath(body, "string(" + indented + "//" + el("pStyle") + "/" + at("val") + ")"),
              "BodyText");
}

TEST_F(DocxParts, FooterNumbersThePagesAndTheChartIsAnInlinePicture) {
    const std::string footer = read_file(part("word/footer1.xml"));
    EXPECT_NE(footer.find("> PAGE <"), std::string::npos);
    EXPECT_NE(footer.find("> NUMPAGES <"), std::string::npos);
    EXPECT_NE(footer.find(">หน้า <"), std::string::npos);

    const fs::path file = part("word/document.xml");
    const std::string inline_picture = "//" + el("drawing") + "/" + el("inline");
    EXPECT_EQ(xpath(file, "string(" + inline_picture + "/" + el("docPr") + "/@name)"), kChartTitle);
    EXPECT_EQ(xpath(file, "string(" + inline_picture + "/" + el("docPr") + "/@descr)"),
              kChartTitle);
    EXPECT_EQ(xpath(file, "string(" + inline_picture + "/" + el("extent") + "/@cx)"),
              "5760000");  // 16 cm
    EXPECT_EQ(xpath(file, "string(" + inline_picture + "/" + el("extent") + "/@cy)"),
              "2016000");  // 5.6 cm
    const std::string id = xpath(file, "string(//" + el("blip") + "/" + at("embed") + ")");
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(xpath(part("word/_rels/document.xml.rels"),
                    "string(//" + el("Relationship") + "[@Id='" + id + "']/@Target)"),
              "media/chart1.png");
    EXPECT_EQ(xpath(file, "string(//" + el("drawing") + "/ancestor::" + el("p") +
                              "/preceding-sibling::" + el("p") + "[1])"),
              kChartTitle);
    EXPECT_NE(document_xml_.find(kFooterNote), std::string::npos);
}

// ---- Charts without a picture ----------------------------------------------------

void expect_chart_as_table(const ChartPngRenderer& render) {
    TempDir dir;
    const auto docx = document_docx(sample_document(), render);
    ASSERT_TRUE(docx.ok()) << docx.status.message;
    ASSERT_NO_FATAL_FAILURE(write_and_unzip(*docx, dir.path()));
    for (const std::string& member : archive_members(dir.path() / "document.docx")) {
        EXPECT_FALSE(member.starts_with("word/media/")) << member;
    }
    const fs::path file = dir.path() / "docx/word/document.xml";
    EXPECT_EQ(xpath(file, "count(//" + el("drawing") + ")"), "0");
    // The PIRAB table first, then the chart's: one row per bar, label | value.
    const std::string chart_table = "//" + el("tbl") + "[2]";
    EXPECT_EQ(xpath(file, "string(" + chart_table + "/preceding-sibling::" + el("p") + "[1])"),
              kChartTitle);
    EXPECT_EQ(xpath(file, "count(" + chart_table + "/" + el("tr") + ")"), "3");
    const auto bars = sample_bars();
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const std::string row = chart_table + "/" + el("tr") + "[" + std::to_string(i + 1) + "]/";
        EXPECT_EQ(xpath(file, "string(" + row + el("tc") + "[1])"), bars[i].label);
        EXPECT_EQ(xpath(file, "string(" + row + el("tc") + "[2])"), bars[i].value_text);
    }
    EXPECT_NE(read_file(file).find("เป้าหมาย 85.00"), std::string::npos);
    const CommandResult lint = run("xmllint --noout " + quoted(file));
    EXPECT_EQ(lint.exit_code, 0) << lint.output;
}

TEST(DocumentDocx, AChartTheRendererCannotDrawBecomesATable) {
    REQUIRE_TOOL("unzip", "unzip");
    REQUIRE_TOOL("xmllint", "libxml2-utils");
    FakeRenderer renderer;
    renderer.result = Status::Internal("cairo could not draw");
    expect_chart_as_table(renderer.function());
    EXPECT_EQ(renderer.calls, 1);
}

TEST(DocumentDocx, BytesThatAreNotAPngOrNoRendererAlsoGiveTheTable) {
    REQUIRE_TOOL("unzip", "unzip");
    REQUIRE_TOOL("xmllint", "libxml2-utils");
    FakeRenderer renderer;
    renderer.result = std::string("<svg/>");
    expect_chart_as_table(renderer.function());
    expect_chart_as_table(ChartPngRenderer{});
}

TEST(DocumentDocx, ARendererThatThrowsGivesNoDocumentRatherThanAnException) {
    const ChartPngRenderer throwing = [](const Chart&, double, double) -> StatusOr<std::string> {
        throw std::runtime_error("cairo is gone");
    };
    const auto docx = document_docx(sample_document(), throwing);
    ASSERT_FALSE(docx.ok());
    EXPECT_EQ(docx.status.code, StatusCode::kInternal);
    EXPECT_NE(docx.status.message.find("cairo is gone"), std::string::npos) << docx.status.message;
}

TEST(DocumentDocx, EmbedsTheChartThatCairoDraws) {
    REQUIRE_TOOL("unzip", "unzip");
    TempDir dir;
    const auto docx = document_docx(sample_document(), chart_png);
    ASSERT_TRUE(docx.ok()) << docx.status.message;
    ASSERT_NO_FATAL_FAILURE(write_and_unzip(*docx, dir.path()));
    const std::string png = read_file(dir.path() / "docx/word/media/chart1.png");
    ASSERT_GT(png.size(), 24u);
    EXPECT_TRUE(png.starts_with("\x89PNG\r\n\x1a\n"));
    const std::string ihdr_width = png.substr(16, 4);  // big-endian pixels across
    const long width_px = (static_cast<unsigned char>(ihdr_width[2]) << 8) |
                          static_cast<unsigned char>(ihdr_width[3]);
    EXPECT_GT(width_px, 600) << "a 16 cm chart should be drawn for print, not as a thumbnail";
}

// ---- Invalid documents -------------------------------------------------------------

TEST(DocumentDocx, AnInvalidDocumentGivesNoFile) {
    FakeRenderer renderer;
    Document short_row = sample_document();
    std::get<Table>(short_row.blocks[4]).rows[2].pop_back();
    ASSERT_FALSE(check_document(short_row).empty());
    const auto short_docx = document_docx(short_row, renderer.function());
    ASSERT_FALSE(short_docx.ok());
    EXPECT_EQ(short_docx.status.code, StatusCode::kInvalid);
    EXPECT_NE(short_docx.status.message.find(check_document(short_row).front()), std::string::npos)
        << short_docx.status.message;

    Document uncovered = sample_document();
    std::get<Table>(uncovered.blocks[4]).rows[1][0] = TableCell{"ไม่ควรอยู่ตรงนี้"};
    ASSERT_FALSE(check_document(uncovered).empty());
    EXPECT_EQ(document_docx(uncovered, renderer.function()).status.code, StatusCode::kInvalid);

    EXPECT_EQ(renderer.calls, 0);
}

// ---- LibreOffice --------------------------------------------------------------------

// Converts dir/document.docx to `format` with LibreOffice, with a profile of
// its own under dir so parallel runs never wait on each other's lock.
CommandResult libreoffice_convert(const fs::path& dir, std::string_view format) {
    return run("timeout 120 soffice --headless --norestore -env:UserInstallation=file://" +
               (dir / "lo-profile").string() + " --convert-to " + std::string(format) +
               " --outdir " + quoted(dir / "out") + " " + quoted(dir / "document.docx"));
}

class DocxInLibreOffice : public ::testing::Test {
protected:
    void SetUp() override {
        REQUIRE_TOOL("soffice", "libreoffice-writer-nogui");
        ASSERT_FALSE(dir_.path().empty());
        FakeRenderer renderer;
        const auto docx = document_docx(sample_document(), renderer.function());
        ASSERT_TRUE(docx.ok()) << docx.status.message;
        write_file(dir_.path() / "document.docx", *docx);
    }

    // dir/out/document.<extension>, converted by LibreOffice.
    fs::path convert(std::string_view extension) {
        const CommandResult result = libreoffice_convert(dir_.path(), extension);
        EXPECT_EQ(result.exit_code, 0) << result.output;
        fs::path converted = dir_.path() / "out" / ("document." + std::string(extension));
        EXPECT_TRUE(fs::exists(converted))
            << "LibreOffice made no " << extension << ": " << result.output;
        return converted;
    }

    TempDir dir_;
};

TEST_F(DocxInLibreOffice, PrintsTheThaiTextWithEmbeddedFonts) {
    REQUIRE_TOOL("pdftotext", "poppler-utils");
    REQUIRE_TOOL("pdffonts", "poppler-utils");
    REQUIRE_TOOL("pdfimages", "poppler-utils");
    const fs::path pdf = convert("pdf");
    ASSERT_TRUE(fs::exists(pdf));

    // -raw keeps the content stream's order: a table cell's wrapped lines
    // stay together, and a raised tone mark (ชี้) stays with its consonant,
    // where -layout sorts glyphs by height and splits both.
    const CommandResult text = run("pdftotext -raw " + quoted(pdf) + " -");
    ASSERT_EQ(text.exit_code, 0) << text.output;
    // Thai has no spaces between words, so lines may wrap anywhere: compare
    // with every space and line break taken out.
    const std::string printed = without_whitespace(text.output);
    for (const std::string& expected :
         {kHeading1, kHeading2, kSentence1, kSentence2, kCaption, kStrategy, kMeasure1,
          kMeasure2Line1, kMeasure2Line2, kChartTitle, kFooterNote,
          std::string("เครื่องหมาย&<>\"'และอักขระควบคุมต้องไม่หลุด"), std::string("หน้า1/1")}) {
        EXPECT_NE(printed.find(without_whitespace(expected)), std::string::npos)
            << "missing from the PDF: " << expected << "\n--- pdftotext ---\n"
            << text.output;
    }

    // LibreOffice loaded the chart's picture.
    const CommandResult images = run("pdfimages -list " + quoted(pdf));
    ASSERT_EQ(images.exit_code, 0) << images.output;
    EXPECT_EQ(lines_of(images.output).size(), 3u) << "expected the one chart picture:\n"
                                                  << images.output;

    const CommandResult fonts = run("pdffonts " + quoted(pdf));
    ASSERT_EQ(fonts.exit_code, 0) << fonts.output;
    const std::vector<std::string> rows = lines_of(fonts.output);
    ASSERT_GT(rows.size(), 2u) << "no fonts in the PDF:\n" << fonts.output;
    // The columns after the name: type (may be two words), encoding, emb, sub,
    // uni, object, ID; "emb" is the fifth field from the end.
    for (std::size_t i = 2; i < rows.size(); ++i) {
        std::istringstream fields(rows[i]);
        std::vector<std::string> words{std::istream_iterator<std::string>(fields), {}};
        ASSERT_GE(words.size(), 6u) << rows[i];
        EXPECT_EQ(words[words.size() - 5], "yes") << "font not embedded: " << rows[i];
    }
}

// Why the writer uses w:jc="both": LibreOffice must justify the body text
// (it leaves Word's "thaiDistribute" left-aligned).
TEST_F(DocxInLibreOffice, JustifiesTheIndentedBodyText) {
    REQUIRE_TOOL("unzip", "unzip");
    REQUIRE_TOOL("xmllint", "libxml2-utils");
    const fs::path odt = convert("odt");
    ASSERT_TRUE(fs::exists(odt));
    const fs::path unzipped = dir_.path() / "odt";
    const CommandResult unzip = run("unzip -q -o " + quoted(odt) + " -d " + quoted(unzipped));
    ASSERT_EQ(unzip.exit_code, 0) << unzip.output;

    const std::string style_name =
        xpath(unzipped / "content.xml",
              "string(//" + el("p") + "[starts-with(., 'หน่วยงาน')]/" + at("style-name") + ")");
    ASSERT_FALSE(style_name.empty());
    // The paragraph's style, or the style it is based on, is justified.
    auto alignment = [&](const std::string& name) {
        std::string value;
        for (std::string_view file : {"content.xml", "styles.xml"}) {
            const std::string style = "//" + el("style") + "[" + at("name") + "='" + name + "']";
            value += xpath(unzipped / file, "string(" + style + "/" + el("paragraph-properties") +
                                                "/" + at("text-align") + ")");
            if (!value.empty()) break;
            const std::string parent =
                xpath(unzipped / file, "string(" + style + "/" + at("parent-style-name") + ")");
            if (!parent.empty() && parent != name) {
                for (std::string_view other : {"content.xml", "styles.xml"}) {
                    value +=
                        xpath(unzipped / other,
                              "string(//" + el("style") + "[" + at("name") + "='" + parent + "']/" +
                                  el("paragraph-properties") + "/" + at("text-align") + ")");
                }
            }
            if (!value.empty()) break;
        }
        return value;
    };
    EXPECT_EQ(alignment(style_name), "justify") << "style " << style_name;
}

}  // namespace
}  // namespace itagap::report
