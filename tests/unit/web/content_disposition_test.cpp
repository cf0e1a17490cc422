// The Content-Disposition header of downloads (RFC 6266 with RFC 8187's
// filename*): an ASCII fallback that cannot break out of its quotes, and the
// UTF-8 name percent-encoded.
#include "web/http/content_disposition.hpp"

#include <gtest/gtest.h>

namespace itagap::web {
namespace {

TEST(ContentDisposition, ThaiNameGetsAnAsciiFallbackAndFilenameStar) {
    // "ศรป." is E0 B8 A8, E0 B8 A3, E0 B8 9B then '.'.
    EXPECT_EQ(content_disposition("ศรป.-KPI2.1.docx"),
              "attachment; filename=\"_.-KPI2.1.docx\"; "
              "filename*=UTF-8''%E0%B8%A8%E0%B8%A3%E0%B8%9B.-KPI2.1.docx");
    EXPECT_EQ(content_disposition("report.html", Disposition::kInline),
              "inline; filename=\"report.html\"; filename*=UTF-8''report.html");
}

TEST(ContentDisposition, QuotesAndBackslashesCannotCloseTheQuotedName) {
    EXPECT_EQ(content_disposition("a\"b\\c.pdf"),
              "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf");
}

TEST(ContentDisposition, LineBreaksAndControlsAreDropped) {
    // A name with CR LF must not start another header.
    const std::string header = content_disposition("x\r\nSet-Cookie: a=b\t.csv");
    EXPECT_EQ(header.find('\r'), std::string::npos);
    EXPECT_EQ(header.find('\n'), std::string::npos);
    EXPECT_EQ(header.find('\t'), std::string::npos);
    EXPECT_EQ(header,
              "attachment; filename=\"xSet-Cookie: a=b.csv\"; "
              "filename*=UTF-8''xSet-Cookie%3A%20a%3Db.csv");
}

TEST(ContentDisposition, SpacesSemicolonsAndPercentAreEncodedInFilenameStar) {
    EXPECT_EQ(content_disposition("a b;c%d.csv"),
              "attachment; filename=\"a b;c_d.csv\"; filename*=UTF-8''a%20b%3Bc%25d.csv");
}

TEST(ContentDisposition, FallbackCollapsesRunsAndIsNeverEmpty) {
    EXPECT_EQ(ascii_file_name("รอบ5เดือนแรก"), "_5_");
    EXPECT_EQ(ascii_file_name("a__b"), "a_b");
    EXPECT_EQ(ascii_file_name(""), "download");
    EXPECT_EQ(ascii_file_name("\r\n"), "download");
}

}  // namespace
}  // namespace itagap::web
