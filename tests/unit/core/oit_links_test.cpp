#include "core/oit_links.hpp"

#include <gtest/gtest.h>

namespace itagap::core {
namespace {

TEST(OnSite, HostEqualityIgnoresCaseAndWww) {
    EXPECT_TRUE(on_site("https://WWW.Example.go.th/a", "http://example.go.th"));
    EXPECT_TRUE(on_site("https://example.go.th:8443/a?x", "www.example.go.th"));
    EXPECT_TRUE(on_site("https://ita.example.go.th/a", "https://www.example.go.th/"));
    EXPECT_FALSE(on_site("https://badexample.go.th/a", "example.go.th"));
    EXPECT_FALSE(on_site("https://drive.google.com/x", "example.go.th"));
    EXPECT_FALSE(on_site("https://example.go.th.evil.com/", "example.go.th"));
    EXPECT_TRUE(on_site("https://anything.com/", ""));
}

TEST(MentionsFiscalYear, AsciiThaiUtf8AndTis620) {
    EXPECT_TRUE(mentions_fiscal_year("ปีงบประมาณ พ.ศ. 2569 แผน", 2569));
    EXPECT_TRUE(mentions_fiscal_year("ปี ๒๕๖๙", 2569));
    EXPECT_TRUE(mentions_fiscal_year(std::string_view("\xBB\xD5 \xF2\xF5\xF6\xF9.", 8), 2569));
    EXPECT_FALSE(mentions_fiscal_year("code 12569 and 25690", 2569));
    EXPECT_FALSE(mentions_fiscal_year("๑๒๕๖๙", 2569));
    EXPECT_FALSE(mentions_fiscal_year("2568", 2569));
    EXPECT_TRUE(mentions_fiscal_year("12569 then (2569)", 2569));
}

TEST(JudgeLink, Verdicts) {
    LinkFetch ok{"https://example.go.th/a",
                 200,
                 "https://example.go.th/a",
                 "text/html; charset=utf-8",
                 LinkFailure::kNone,
                 "",
                 true};
    auto v = judge_link(ok, "example.go.th", true);
    EXPECT_TRUE(v.fine);
    EXPECT_FALSE(v.broken || v.outside_site || v.year_missing);

    LinkFetch no_year = ok;
    no_year.mentions_year = false;
    v = judge_link(no_year, "example.go.th", true);
    EXPECT_TRUE(v.year_missing);
    EXPECT_FALSE(v.fine);
    EXPECT_FALSE(judge_link(no_year, "example.go.th", false).year_missing);

    LinkFetch pdf = no_year;
    pdf.content_type = "application/pdf";
    EXPECT_TRUE(judge_link(pdf, "example.go.th", true).fine);

    LinkFetch moved_out = ok;
    moved_out.final_url = "https://drive.google.com/x";
    v = judge_link(moved_out, "example.go.th", true);
    EXPECT_TRUE(v.outside_site);
    EXPECT_FALSE(v.fine);

    LinkFetch missing = ok;
    missing.http_status = 404;
    EXPECT_TRUE(judge_link(missing, "example.go.th", true).broken);
    LinkFetch dns{"https://nx.example.go.th/", 0, "", "", LinkFailure::kDns, "x", false};
    v = judge_link(dns, "example.go.th", true);
    EXPECT_TRUE(v.broken);
    EXPECT_FALSE(v.year_missing);
    EXPECT_EQ(to_string(LinkFailure::kRefusedAddress), "refused_address");
    EXPECT_EQ(to_string(LinkFailure::kDns), "dns");
}

}  // namespace
}  // namespace itagap::core
