// decode_csv_text: CSV bytes as Thai offices save them (UTF-8 with or without
// BOM, Excel's Windows-874 "CSV"), and the delimiter sniffed from the header.
#include "input/csv_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "input/csv_reader.hpp"

namespace itagap::input {
namespace {

// "หน่วย" (unit) in Windows-874: ห 0xCB, น 0xB9, ่ 0xE8, ว 0xC7, ย 0xC2.
constexpr const char* kUnitCp874 = "\xCB\xB9\xE8\xC7\xC2";
constexpr const char* kUnitUtf8 = "หน่วย";

TEST(CsvText, Windows874IsDecodedToUtf8) {
    const std::string bytes = std::string("unit,round\r\n") + kUnitCp874 + ",2568\r\n";
    auto decoded = decode_csv_text(bytes, "cp874.csv");
    ASSERT_TRUE(decoded.ok()) << core::to_string(decoded.errors());
    EXPECT_EQ(decoded->encoding, CsvEncoding::kWindows874);
    EXPECT_EQ(decoded->text, std::string("unit,round\r\n") + kUnitUtf8 + ",2568\r\n");
    EXPECT_EQ(decoded->delimiter, ',');
    EXPECT_EQ(encoding_name(decoded->encoding), "Windows-874");
}

TEST(CsvText, Windows874TisCharactersAndTheCp874Extras) {
    // ๑ (Thai digit one, 0xF1) and ฿ (0xDF) are TIS-620; 0x96 (EN DASH) and
    // 0x91/0x92 (curly quotes) exist in Windows-874 only.
    auto decoded = decode_csv_text("\xF1\xDF\x96\x91\x92", "x.csv");
    ASSERT_TRUE(decoded.ok()) << core::to_string(decoded.errors());
    EXPECT_EQ(decoded->text, "๑฿\u2013\u2018\u2019");
}

TEST(CsvText, AnUndefinedCp874ByteIsAnErrorOnItsLine) {
    // 0xDB is undefined in Windows-874; the file is not UTF-8 either (0xCB).
    const std::string bytes = std::string("unit\n") + kUnitCp874 + "\n\xDB\n";
    auto decoded = decode_csv_text(bytes, "bad.csv");
    ASSERT_FALSE(decoded.ok());
    ASSERT_EQ(decoded.errors().size(), 1u);
    const core::Diagnostic& d = decoded.errors()[0];
    EXPECT_EQ(d.file, "bad.csv");
    EXPECT_EQ(d.line, 3u);
    EXPECT_EQ(d.value, "0xDB");
    EXPECT_EQ(d.key, "csv_encoding");
    ASSERT_EQ(d.args.size(), 1u);
    EXPECT_EQ(d.args[0].second, "0xDB");
}

TEST(CsvText, Utf8WithAndWithoutBom) {
    auto plain = decode_csv_text(std::string("unit\n") + kUnitUtf8 + "\n", "a.csv");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->encoding, CsvEncoding::kUtf8);
    EXPECT_EQ(plain->text, std::string("unit\n") + kUnitUtf8 + "\n");

    auto bom = decode_csv_text(std::string("\xEF\xBB\xBFunit\n") + kUnitUtf8 + "\n", "b.csv");
    ASSERT_TRUE(bom.ok());
    EXPECT_EQ(bom->encoding, CsvEncoding::kUtf8WithBom);
    EXPECT_EQ(bom->text, std::string("unit\n") + kUnitUtf8 + "\n");  // the mark is gone

    // A mark promises UTF-8: a Windows-874 byte after it is an error.
    auto broken = decode_csv_text(std::string("\xEF\xBB\xBFu\n") + kUnitCp874, "c.csv");
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.errors()[0].line, 2u);
    // 0xCB 0xB9 ("หน") happens to be a well-formed UTF-8 pair (U+02F9); 0xE8 is not.
    EXPECT_EQ(broken.errors()[0].value, "0xE8");

    auto ascii = decode_csv_text("unit,round\n", "d.csv");
    ASSERT_TRUE(ascii.ok());
    EXPECT_EQ(ascii->encoding, CsvEncoding::kUtf8);
}

TEST(CsvText, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8(kUnitUtf8));
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xE0\xB8"));          // cut short
    // "หน่วย" in CP874: 0xCB 0xB9 reads as one UTF-8 character, 0xE8 0xC7 cannot.
    EXPECT_EQ(first_invalid_utf8(std::string("ab") + kUnitCp874), 4u);
}

TEST(CsvText, SemicolonDelimiterSniffedFromTheHeader) {
    EXPECT_EQ(sniff_delimiter("unit;round;instrument\nก,ข;ค\n"), ';');
    EXPECT_EQ(sniff_delimiter("unit,round,instrument\n1;2;3;4;5\n"), ',');
    // Inside quotes nothing counts; leading empty lines are skipped.
    EXPECT_EQ(sniff_delimiter("\r\n\"a;b;c\",d\n"), ',');
    EXPECT_EQ(sniff_delimiter("\"a,b,c\";d;e\n"), ';');
    EXPECT_EQ(sniff_delimiter(""), ',');

    // Windows-874 and semicolons together, read by the CSV reader.
    const std::string bytes = std::string("unit;round\r\n\"") + kUnitCp874 + ";1\";2568\r\n";
    auto decoded = decode_csv_text(bytes, "semi.csv");
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->delimiter, ';');
    CsvReader reader(decoded->text, "semi.csv", decoded->delimiter);
    CsvRecord record;
    ASSERT_TRUE(reader.next(record));
    ASSERT_EQ(record.fields.size(), 2u);
    ASSERT_TRUE(reader.next(record));
    ASSERT_EQ(record.fields.size(), 2u);
    EXPECT_EQ(record.fields[0], std::string(kUnitUtf8) + ";1");
    EXPECT_EQ(record.fields[1], "2568");
}

}  // namespace
}  // namespace itagap::input
