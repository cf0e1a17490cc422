#include "input/csv_reader.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itagap::input {
namespace {

struct Rec {
    std::size_t line;
    std::vector<std::string> fields;
};

// Reads all records; stops at the first error and returns it in `error`.
std::vector<Rec> read_all(std::string_view text, std::optional<core::Diagnostic>* error = nullptr) {
    CsvReader reader(text, "t.csv");
    CsvRecord rec;
    std::vector<Rec> out;
    while (reader.next(rec)) {
        out.push_back({rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end())});
    }
    if (error != nullptr) *error = reader.error();
    return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, SimpleRecordsWithLf) {
    std::optional<core::Diagnostic> err;
    const auto recs = read_all("a,b,c\n1,2,3\n", &err);
    EXPECT_FALSE(err);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].line, 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(recs[1].line, 2u);
    EXPECT_EQ(recs[1].fields, (Fields{"1", "2", "3"}));
}

TEST(CsvReader, CrLfLineEnds) {
    const auto recs = read_all("a,b\r\n1,2\r\n3,4");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "b"}));
    EXPECT_EQ(recs[1].fields, (Fields{"1", "2"}));
    EXPECT_EQ(recs[2].fields, (Fields{"3", "4"}));
    EXPECT_EQ(recs[2].line, 3u);
}

TEST(CsvReader, TrailingNewlineMakesNoExtraRecord) {
    EXPECT_EQ(read_all("a\n").size(), 1u);
    EXPECT_EQ(read_all("a\r\n").size(), 1u);
    EXPECT_EQ(read_all("a").size(), 1u);
    EXPECT_EQ(read_all("a\r").size(), 1u);  // a lone CR at the very end is a line end
    EXPECT_EQ(read_all("\"a\"\n").size(), 1u);
    EXPECT_EQ(read_all("\"a\"\r\n").size(), 1u);
}

TEST(CsvReader, EmptyInputHasNoRecords) {
    std::optional<core::Diagnostic> err;
    EXPECT_TRUE(read_all("", &err).empty());
    EXPECT_FALSE(err);
    EXPECT_TRUE(read_all("\xEF\xBB\xBF", &err).empty());
    EXPECT_FALSE(err);
}

TEST(CsvReader, EmptyLineIsOneEmptyField) {
    const auto recs = read_all("a\n\nb\n");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].fields, (Fields{""}));
    EXPECT_EQ(recs[1].line, 2u);
    EXPECT_EQ(recs[2].line, 3u);
}

TEST(CsvReader, EmptyFields) {
    const auto recs = read_all(",a,,\n\"\",,\"\"\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"", "a", "", ""}));
    EXPECT_EQ(recs[1].fields, (Fields{"", "", ""}));
}

TEST(CsvReader, StripsUtf8Bom) {
    const auto recs = read_all("\xEF\xBB\xBFunit,round\nก,2567\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"unit", "round"}));
    EXPECT_EQ(recs[1].fields, (Fields{"ก", "2567"}));
}

TEST(CsvReader, QuotedFieldsWithCommasAndEscapes) {
    const auto recs = read_all("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"a,b", "say \"hi\"", "\""}));
}

TEST(CsvReader, UnquotedFieldsAreViewsIntoTheInput) {
    const std::string text = "abc,\"de\",\"f\"\"g\"\n";
    CsvReader reader(text, "t.csv");
    CsvRecord rec;
    ASSERT_TRUE(reader.next(rec));
    ASSERT_EQ(rec.fields.size(), 3u);
    EXPECT_EQ(rec.fields[0].data(), text.data());
    EXPECT_EQ(rec.fields[1].data(), text.data() + 5);  // quoted, nothing to unescape
    EXPECT_EQ(rec.fields[2], "f\"g");                  // unescaped copy
    EXPECT_FALSE(reader.next(rec));
    EXPECT_TRUE(reader.at_end());
}

TEST(CsvReader, SeveralEscapedFieldsInOneRecordStayValid) {
    // Many unescaped fields in one record: views must survive the buffer growing.
    std::string text;
    for (std::size_t i = 0; i < 200; ++i) {
        text += (i ? "," : "") + std::string("\"x\"\"") + std::to_string(i) + "\"";
    }
    text += "\n";
    CsvReader reader(text, "t.csv");
    CsvRecord rec;
    ASSERT_TRUE(reader.next(rec));
    ASSERT_EQ(rec.fields.size(), 200u);
    for (std::size_t i = 0; i < 200; ++i) EXPECT_EQ(rec.fields[i], "x\"" + std::to_string(i));
}

TEST(CsvReader, EmbeddedNewlinesKeepLineNumbers) {
    const auto recs = read_all("h1,h2\n\"line one\nline two\",x\n\"a\r\nb\r\nc\",y\nlast,z\n");
    ASSERT_EQ(recs.size(), 4u);
    EXPECT_EQ(recs[1].line, 2u);
    EXPECT_EQ(recs[1].fields, (Fields{"line one\nline two", "x"}));
    EXPECT_EQ(recs[2].line, 4u);
    EXPECT_EQ(recs[2].fields, (Fields{"a\r\nb\r\nc", "y"}));
    EXPECT_EQ(recs[3].line, 7u);
    EXPECT_EQ(recs[3].fields, (Fields{"last", "z"}));
}

TEST(CsvReader, LoneCrInsideQuotesIsData) {
    const auto recs = read_all("\"a\rb\",c\nd\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"a\rb", "c"}));
    EXPECT_EQ(recs[1].line, 2u);
}

TEST(CsvReader, ReusedRecordKeepsCapacity) {
    CsvReader reader("a,b,c,d\n1,2,3,4\n", "t.csv");
    CsvRecord rec;
    ASSERT_TRUE(reader.next(rec));
    const auto* storage = rec.fields.data();
    ASSERT_TRUE(reader.next(rec));
    EXPECT_EQ(rec.fields.data(), storage);
    EXPECT_EQ(rec.fields[3], "4");
}

TEST(CsvReaderErrors, UnterminatedQuoteNamesTheLineWhereTheFieldStarts) {
    std::optional<core::Diagnostic> err;
    const auto recs = read_all("a,b\n1,2\nx,\"open\nmore\nstill more\n", &err);
    EXPECT_EQ(recs.size(), 2u);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->file, "t.csv");
    EXPECT_EQ(err->line, 3u);
    EXPECT_EQ(err->where, "field 2");
    EXPECT_EQ(err->value, "\"open");
    EXPECT_NE(err->expected.find("closing quote"), std::string::npos);
}

TEST(CsvReaderErrors, QuoteInsideUnquotedField) {
    std::optional<core::Diagnostic> err;
    const auto recs = read_all("a,b\r\n1,ab\"c\",3\r\n", &err);
    EXPECT_EQ(recs.size(), 1u);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 2u);
    EXPECT_EQ(err->where, "field 2");
    EXPECT_EQ(err->value, "ab\"c\"");
    EXPECT_NE(err->expected.find("no quote"), std::string::npos);
}

TEST(CsvReaderErrors, CharactersAfterClosingQuote) {
    std::optional<core::Diagnostic> err;
    const auto recs = read_all("a\n\"multi\nline\"x,y\n", &err);
    EXPECT_EQ(recs.size(), 1u);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 3u);  // the physical line of the stray character
    EXPECT_EQ(err->where, "field 1");
    EXPECT_NE(err->expected.find("after the closing quote"), std::string::npos);
}

TEST(CsvReaderErrors, LoneCrOutsideQuotes) {
    std::optional<core::Diagnostic> err;
    read_all("a\rb\n", &err);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 1u);
    EXPECT_NE(err->expected.find("lone carriage return"), std::string::npos);
}

TEST(CsvReaderErrors, ResumesOnTheNextLineAfterAnError) {
    CsvReader reader("ok,1\nbad\"x,2\nok,3\n\"bad\"y\nok,5\n", "t.csv");
    CsvRecord rec;
    std::vector<std::size_t> good;
    std::vector<std::size_t> bad;
    for (;;) {
        if (reader.next(rec)) {
            good.push_back(rec.line);
            continue;
        }
        if (reader.error()) bad.push_back(reader.error()->line);
        if (reader.at_end()) break;
    }
    EXPECT_EQ(good, (std::vector<std::size_t>{1, 3, 5}));
    EXPECT_EQ(bad, (std::vector<std::size_t>{2, 4}));
}

TEST(CsvReaderErrors, LongValuesAreShortenedAtACharacterBoundary) {
    std::string thai;
    for (int i = 0; i < 40; ++i) thai += "ก";  // 3 bytes each
    std::optional<core::Diagnostic> err;
    read_all("x" + thai + "\"\n", &err);
    ASSERT_TRUE(err);
    EXPECT_LE(err->value.size(), 64u);
    EXPECT_EQ(err->value.substr(err->value.size() - 3), "...");
    EXPECT_EQ((err->value.size() - 1 - 3) % 3, 0u);  // "x", whole Thai letters, "..."
}

}  // namespace
}  // namespace itagap::input
