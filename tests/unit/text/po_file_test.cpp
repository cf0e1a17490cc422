// The PO reader: the subset of gettext's grammar the catalogue uses, and
// errors that name the file, the line and what was expected.
#include "text/po_file.hpp"

#include <gtest/gtest.h>

#include <string>

namespace itagap::text {
namespace {

const std::string kHeader =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Language: th\\n\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n";

std::string error_of(const std::string& content) {
    auto file = parse_po(content, "th.po");
    EXPECT_FALSE(file.ok()) << content;
    return file.status.message;
}

TEST(PoFile, ReadsContextsKeysTextsCommentsAndContinuedStrings) {
    const std::string content = kHeader +
                                "\n# translator's note\n"
                                "#. extracted\n"
                                "msgctxt \"survey\"\n"
                                "msgid \"next\"\n"
                                "msgstr \"ถัดไป\"\n"
                                "\n"
                                "msgctxt \"survey\"\n"
                                "msgid \"\"\n"
                                "\"step_of\"\n"
                                "msgstr \"\"\n"
                                "\"ขั้นที่ {step} \"\n"
                                "\"จาก {total}\"\n"
                                "\n"
                                "msgid \"no_context\"\n"
                                "msgstr \"a \\\"quoted\\\" \\\\ back\\nslash\\tand tab\"\n"
                                "msgctxt \"narrative\"\n"
                                "msgid \"sentence_end\"\n"
                                "msgstr \"\"\n";
    auto file = parse_po(content, "th.po");
    ASSERT_TRUE(file.ok()) << file.status.message;
    EXPECT_EQ(file->language, "th");
    ASSERT_EQ(file->entries.size(), 4u);
    EXPECT_EQ(file->entries[0].context, "survey");
    EXPECT_EQ(file->entries[0].key, "next");
    EXPECT_EQ(file->entries[0].text, "ถัดไป");
    EXPECT_EQ(file->entries[0].line, 9);
    EXPECT_EQ(file->entries[1].key, "step_of");
    EXPECT_EQ(file->entries[1].text, "ขั้นที่ {step} จาก {total}");
    EXPECT_EQ(file->entries[2].context, "");
    EXPECT_EQ(file->entries[2].text, "a \"quoted\" \\ back\nslash\tand tab");
    EXPECT_EQ(file->entries[3].context, "narrative");
    EXPECT_EQ(file->entries[3].text, "");  // an empty text is a text (Thai sentences end bare)
}

TEST(PoFile, CarriageReturnsAreIgnored) {
    auto file = parse_po(
        "msgid \"\"\r\nmsgstr \"Language: en\\n\"\r\nmsgid \"k\"\r\nmsgstr \"v\"\r\n", "en.po");
    ASSERT_TRUE(file.ok()) << file.status.message;
    EXPECT_EQ(file->language, "en");
    ASSERT_EQ(file->entries.size(), 1u);
    EXPECT_EQ(file->entries[0].text, "v");
}

TEST(PoFile, ErrorsNameTheFileTheLineAndWhatWasExpected) {
    // Line numbers count the four header lines.
    EXPECT_EQ(error_of(kHeader + "msgctxt \"a\"\nmsgid \"k\"\n\nmsgctxt \"a\"\n"),
              "th.po:8: expected msgstr after msgid \"k\"");
    EXPECT_EQ(error_of(kHeader + "msgctxt \"a\"\nmsgstr \"v\"\n"),
              "th.po:6: expected msgid before msgstr");
    EXPECT_EQ(error_of(kHeader + "msgctxt \"a\"\nmsgctxt \"b\"\n"),
              "th.po:6: expected msgid after msgctxt");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\nmsgstr \"v\"\nmsgstr \"w\"\n"),
              "th.po:7: a second msgstr for msgid \"k\"");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\nmsgtext \"v\"\n"),
              "th.po:6: expected msgctxt, msgid, msgstr, a string or a comment, not \"msgtext\"");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\nmsgstr v\n"),
              "th.po:6: expected a string in double quotes");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\nmsgstr \"a\\qb\"\n"),
              "th.po:6: unknown escape \\q (use \\\" \\\\ \\n or \\t)");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\nmsgstr \"say \"hi\"\"\n"),
              "th.po:6: unescaped '\"' inside a string (write \\\")");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\nmsgstr \"ends \\\"\n"),
              "th.po:6: a string ends with a lone backslash");
    EXPECT_EQ(error_of(kHeader + "\n\"orphan\"\n"),
              "th.po:6: a continued string without msgctxt, msgid or msgstr before it");
    EXPECT_EQ(error_of(kHeader + "msgctxt \"a\"\nmsgid \"k\"\nmsgstr \"1\"\n\nmsgctxt \"a\"\nmsgid "
                                 "\"k\"\nmsgstr \"2\"\n"),
              "th.po:10: duplicate message \"a\" / \"k\"");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\nmsgid_plural \"ks\"\n"),
              "th.po:6: plural forms are not used by itagap's catalogue (expected msgstr)");
    EXPECT_EQ(error_of(kHeader + "#~ msgid \"old\"\n"),
              "th.po:5: obsolete entries (#~) are not allowed; delete them");
    EXPECT_EQ(error_of(kHeader + "msgctxt \"a\"\nmsgid \"\"\nmsgstr \"v\"\n"),
              "th.po:6: empty msgid: every message needs a key");
    EXPECT_EQ(error_of("msgid \"k\"\nmsgstr \"v\"\n"),
              "th.po:1: expected a header entry (msgid \"\") with a Language field");
    EXPECT_EQ(error_of("msgid \"\"\nmsgstr \"Content-Type: text/plain\\n\"\n"),
              "th.po:1: the header has no \"Language:\" field");
    EXPECT_EQ(error_of(kHeader + "msgid \"k\"\n"), "th.po:5: expected msgstr after msgid \"k\"");
}

}  // namespace
}  // namespace itagap::text
