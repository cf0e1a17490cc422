// Evidence files are accepted or refused by their content, never by their
// name: hand-made byte strings for every accepted type and for the refusals.
#include "app/evidence.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace itagap::app {
namespace {

using namespace std::string_literals;

void put16(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// A ZIP archive of empty, stored (uncompressed) entries with these names:
// local headers, the central directory and its end record, as any Office
// program writes them (APPNOTE 4.3.7, 4.3.12, 4.3.16).
std::string make_zip(const std::vector<std::string>& names, std::string comment = "") {
    std::string zip;
    std::vector<std::uint32_t> offsets;
    for (const std::string& name : names) {
        offsets.push_back(static_cast<std::uint32_t>(zip.size()));
        zip += "PK\x03\x04"s;
        put16(zip, 20);  // version needed
        put16(zip, 0);   // flags
        put16(zip, 0);   // stored
        put32(zip, 0);   // time, date
        put32(zip, 0);   // crc-32 of nothing
        put32(zip, 0);   // compressed size
        put32(zip, 0);   // size
        put16(zip, static_cast<std::uint32_t>(name.size()));
        put16(zip, 0);  // extra
        zip += name;
    }
    const auto cd_offset = static_cast<std::uint32_t>(zip.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        zip += "PK\x01\x02"s;
        put16(zip, 20);  // made by
        put16(zip, 20);  // needed
        put16(zip, 0);
        put16(zip, 0);
        put32(zip, 0);
        put32(zip, 0);
        put32(zip, 0);
        put32(zip, 0);
        put16(zip, static_cast<std::uint32_t>(names[i].size()));
        put16(zip, 0);  // extra
        put16(zip, 0);  // comment
        put16(zip, 0);  // disk
        put16(zip, 0);  // internal attributes
        put32(zip, 0);  // external attributes
        put32(zip, offsets[i]);
        zip += names[i];
    }
    const auto cd_size = static_cast<std::uint32_t>(zip.size()) - cd_offset;
    zip += "PK\x05\x06"s;
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, static_cast<std::uint32_t>(names.size()));
    put16(zip, static_cast<std::uint32_t>(names.size()));
    put32(zip, cd_size);
    put32(zip, cd_offset);
    put16(zip, static_cast<std::uint32_t>(comment.size()));
    zip += comment;
    return zip;
}

const std::vector<std::string> kDocxParts{"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                          "word/_rels/document.xml.rels", "docProps/core.xml"};
const std::vector<std::string> kXlsxParts{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                          "xl/worksheets/sheet1.xml", "docProps/app.xml"};

const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n"s;
const std::string kPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"s;
const std::string kJpeg = "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xFF\xD9"s;
const std::string kWebp =
    "RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0"s;

TEST(EvidenceType, RecognisesEachAcceptedKindByItsContent) {
    EXPECT_EQ(detect_evidence_type(kPdf), "application/pdf");
    EXPECT_EQ(detect_evidence_type(kPng), "image/png");
    EXPECT_EQ(detect_evidence_type(kJpeg), "image/jpeg");
    EXPECT_EQ(detect_evidence_type(kWebp), "image/webp");
    EXPECT_EQ(detect_evidence_type(make_zip(kDocxParts)),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(detect_evidence_type(make_zip(kXlsxParts)),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // A ZIP comment after the directory is allowed.
    EXPECT_EQ(detect_evidence_type(make_zip(kXlsxParts, "saved by a spreadsheet")), kXlsxType);
}

TEST(EvidenceType, RefusesWhatIsNotAnAcceptedKind) {
    // An executable, an HTML page, a GIF, a shell script, a RIFF that is not WebP.
    EXPECT_EQ(detect_evidence_type("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0"s), std::nullopt);
    EXPECT_EQ(detect_evidence_type("\x7F"
                                   "ELF\x02\x01\x01\0"s),
              std::nullopt);
    EXPECT_EQ(detect_evidence_type("<!DOCTYPE html><html><script>alert(1)</script>"), std::nullopt);
    EXPECT_EQ(detect_evidence_type("GIF89a\x01\0\x01\0"s), std::nullopt);
    EXPECT_EQ(detect_evidence_type("#!/bin/sh\nrm -rf /\n"), std::nullopt);
    EXPECT_EQ(detect_evidence_type("RIFF\x1a\0\0\0WAVEfmt "s), std::nullopt);
    // Magic bytes later in the file do not count.
    EXPECT_EQ(detect_evidence_type(" %PDF-1.7"), std::nullopt);
    // Truncated magic.
    EXPECT_EQ(detect_evidence_type("%PDF"), std::nullopt);
    EXPECT_EQ(detect_evidence_type("\x89PNG"), std::nullopt);
    EXPECT_EQ(detect_evidence_type("RIFF\0\0\0\0WEB"s), std::nullopt);
    EXPECT_EQ(detect_evidence_type(""), std::nullopt);
}

TEST(EvidenceType, ZipContainersMustBeWordOrExcelWithoutMacros) {
    // A plain ZIP of anything.
    EXPECT_EQ(detect_evidence_type(make_zip({"photo.jpg", "virus.exe"})), std::nullopt);
    // Office-looking parts without [Content_Types].xml.
    EXPECT_EQ(detect_evidence_type(make_zip({"word/document.xml"})), std::nullopt);
    // Both word/ and xl/: not one document.
    EXPECT_EQ(detect_evidence_type(
                  make_zip({"[Content_Types].xml", "word/document.xml", "xl/workbook.xml"})),
              std::nullopt);
    // Macro-enabled Word and Excel (.docm, .xlsm).
    auto docm = kDocxParts;
    docm.push_back("word/vbaProject.bin");
    EXPECT_EQ(detect_evidence_type(make_zip(docm)), std::nullopt);
    auto xlsm = kXlsxParts;
    xlsm.push_back("xl/VBAPROJECT.BIN");
    EXPECT_EQ(detect_evidence_type(make_zip(xlsm)), std::nullopt);
    // A local header with no central directory, or a broken one.
    std::string docx = make_zip(kDocxParts);
    EXPECT_EQ(detect_evidence_type(docx.substr(0, docx.size() - 22)), std::nullopt);
    std::string broken = docx;
    broken[broken.size() - 3] = '\x7F';  // central directory offset far away
    EXPECT_EQ(detect_evidence_type(broken), std::nullopt);
    std::string truncated = docx.substr(0, 40) + docx.substr(docx.size() - 22);
    EXPECT_EQ(detect_evidence_type(truncated), std::nullopt);
    // Not starting with a local file header.
    EXPECT_EQ(detect_evidence_type("junk" + docx), std::nullopt);
    // An end record claiming more entries than the directory holds.
    std::string more = docx;
    more[more.size() - 12] = '\x09';
    more[more.size() - 14] = '\x09';
    EXPECT_EQ(detect_evidence_type(more), std::nullopt);
}

TEST(EvidenceValidate, AcceptsWithTheDetectedTypeNotTheName) {
    auto check = validate_evidence("รายงานการประชุม.pdf", kPdf);
    ASSERT_TRUE(check.ok()) << check.message;
    EXPECT_EQ(check.content_type, "application/pdf");
    EXPECT_TRUE(check.message.empty());
    // A PNG named .pdf is still a PNG: the type comes from the content.
    check = validate_evidence("scan.pdf", kPng);
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check.content_type, "image/png");
    check = validate_evidence("ตาราง.xlsx", make_zip(kXlsxParts));
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check.content_type, kXlsxType);
}

TEST(EvidenceValidate, RefusesARenamedExecutableAndAnHtmlPageNamingTheFile) {
    auto exe = validate_evidence("report.pdf", "MZ\x90\0\x03\0\0\0"s);
    EXPECT_EQ(exe.problem, EvidenceProblem::kTypeNotAllowed);
    EXPECT_NE(exe.message.find("“report.pdf”"), std::string::npos) << exe.message;
    EXPECT_NE(exe.message.find("ไม่ใช่ชนิดที่รับได้"), std::string::npos) << exe.message;
    EXPECT_NE(exe.message.find("not an accepted type"), std::string::npos) << exe.message;
    EXPECT_TRUE(exe.content_type.empty());

    auto html = validate_evidence("photo.png", "<html><body onload=alert(1)>");
    EXPECT_EQ(html.problem, EvidenceProblem::kTypeNotAllowed);
    EXPECT_NE(html.message.find("photo.png"), std::string::npos);

    auto zip = validate_evidence("archive.docx", make_zip({"a.txt"}));
    EXPECT_EQ(zip.problem, EvidenceProblem::kTypeNotAllowed);
}

TEST(EvidenceValidate, RefusesMacrosSayingSo) {
    auto docm = kDocxParts;
    docm.push_back("word/vbaProject.bin");
    auto check = validate_evidence("แผน.docm", make_zip(docm));
    EXPECT_EQ(check.problem, EvidenceProblem::kTypeNotAllowed);
    EXPECT_NE(check.message.find("“แผน.docm”"), std::string::npos) << check.message;
    EXPECT_NE(check.message.find("มาโคร"), std::string::npos) << check.message;
    EXPECT_NE(check.message.find("macros"), std::string::npos) << check.message;
}

TEST(EvidenceValidate, RefusesEmptyAndTooLarge) {
    auto empty = validate_evidence("empty.pdf", "");
    EXPECT_EQ(empty.problem, EvidenceProblem::kEmpty);
    EXPECT_NE(empty.message.find("“empty.pdf”"), std::string::npos) << empty.message;
    EXPECT_NE(empty.message.find("ว่างเปล่า"), std::string::npos);
    EXPECT_NE(empty.message.find("is empty"), std::string::npos);

    std::string exactly(kMaxEvidenceBytes, '\0');
    exactly.replace(0, kPdf.size(), kPdf);
    EXPECT_EQ(kMaxEvidenceBytes, 10u * 1024 * 1024);
    auto at_limit = validate_evidence("big.pdf", exactly);
    EXPECT_TRUE(at_limit.ok()) << at_limit.message;

    std::string over = exactly + "x";
    auto too_large = validate_evidence("big.pdf", over);
    EXPECT_EQ(too_large.problem, EvidenceProblem::kTooLarge);
    EXPECT_NE(too_large.message.find("“big.pdf”"), std::string::npos) << too_large.message;
    EXPECT_NE(too_large.message.find("10,485,761"), std::string::npos) << too_large.message;
    EXPECT_NE(too_large.message.find("10 MB"), std::string::npos);
}

TEST(EvidenceValidate, RefusesBadNames) {
    EXPECT_EQ(validate_evidence("", kPdf).problem, EvidenceProblem::kBadName);
    EXPECT_FALSE(validate_evidence("", kPdf).message.empty());

    std::string thai_name;
    for (int i = 0; i < 86; ++i) thai_name += "ก";  // 258 bytes
    thai_name += ".pdf";
    auto too_long = validate_evidence(thai_name, kPdf);
    EXPECT_EQ(too_long.problem, EvidenceProblem::kBadName);
    EXPECT_NE(too_long.message.find("ยาวเกินไป"), std::string::npos) << too_long.message;
    EXPECT_NE(too_long.message.find("too long"), std::string::npos);
    EXPECT_NE(too_long.message.find("กกก"), std::string::npos);  // names the file, shortened
    EXPECT_LT(too_long.message.size(), 600u);
    std::string just_fits(255 - 4, 'a');
    EXPECT_TRUE(validate_evidence(just_fits + ".pdf", kPdf).ok());

    auto control = validate_evidence("a\nb.pdf", kPdf);
    EXPECT_EQ(control.problem, EvidenceProblem::kBadName);
    EXPECT_NE(control.message.find("a?b.pdf"), std::string::npos) << control.message;
    EXPECT_EQ(validate_evidence("bad\xFF.pdf"s, kPdf).problem, EvidenceProblem::kBadName);
    EXPECT_EQ(validate_evidence("cut\xE0\xB8.pdf"s, kPdf).problem, EvidenceProblem::kBadName);
}

}  // namespace
}  // namespace itagap::app
