#include "security/qr_code.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <regex>
#include <vector>

namespace itagap::security {
namespace {

using Matrix = std::vector<std::vector<bool>>;

constexpr std::string_view kSurveyLink = "https://ita.example.go.th/s/K7Q-MX3-PAR";

// The 7x7 finder pattern: a dark ring, a light ring, a dark 3x3 centre.
bool finder_at(const Matrix& m, std::size_t top, std::size_t left) {
    for (std::size_t r = 0; r < 7; ++r) {
        for (std::size_t c = 0; c < 7; ++c) {
            const bool ring = r == 0 || r == 6 || c == 0 || c == 6;
            const bool centre = r >= 2 && r <= 4 && c >= 2 && c <= 4;
            if (m[top + r][left + c] != (ring || centre)) return false;
        }
    }
    return true;
}

// Tags open and close in order; self-closing tags count as both.
bool tags_balanced(const std::string& xml) {
    std::vector<std::string> open;
    const std::regex tag(R"(<(/?)([a-zA-Z]+)[^>]*?(/?)>)");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator();
         ++it) {
        const auto& m = *it;
        if (m[1] == "/") {
            if (open.empty() || open.back() != m[2]) return false;
            open.pop_back();
        } else if (m[3] != "/") {
            open.push_back(m[2]);
        }
    }
    return open.empty();
}

std::uint32_t big_endian_u32(const std::vector<unsigned char>& b, std::size_t at) {
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
           (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

TEST(QrTest, MatrixIsSquareWithAVersionSize) {
    const auto m = qr_matrix(kSurveyLink);
    ASSERT_TRUE(m.has_value());
    const std::size_t n = m->size();
    EXPECT_GE(n, 21u);
    EXPECT_EQ((n - 21) % 4, 0u) << n;
    for (const auto& row : *m) EXPECT_EQ(row.size(), n);
    // 39 bytes at level M need version 3 (29 modules).
    EXPECT_EQ(n, 29u);
}

TEST(QrTest, ShortAlphanumericTextFitsVersionOne) {
    const auto m = qr_matrix("HELLO WORLD");
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->size(), 21u);
}

TEST(QrTest, FinderPatternsAtThreeCorners) {
    for (std::string_view text :
         {std::string_view("HELLO WORLD"), kSurveyLink, std::string_view("แบบสำรวจ ITA หน่วยงาน")}) {
        const auto m = qr_matrix(text);
        ASSERT_TRUE(m.has_value()) << text;
        const std::size_t n = m->size();
        EXPECT_TRUE(finder_at(*m, 0, 0)) << text;
        EXPECT_TRUE(finder_at(*m, 0, n - 7)) << text;
        EXPECT_TRUE(finder_at(*m, n - 7, 0)) << text;
        EXPECT_FALSE(finder_at(*m, n - 7, n - 7)) << text;  // the fourth corner has none
        // Timing pattern: row 6 alternates between the top finders.
        for (std::size_t c = 8; c < n - 8; ++c) EXPECT_EQ((*m)[6][c], c % 2 == 0) << c;
    }
}

TEST(QrTest, RejectsWhatCannotBeEncoded) {
    EXPECT_EQ(qr_matrix(""), std::nullopt);
    EXPECT_EQ(qr_matrix(std::string_view("a\0b", 3)), std::nullopt);
    EXPECT_EQ(qr_matrix(std::string(4000, 'x')), std::nullopt);  // beyond version 40-M
    EXPECT_EQ(qr_svg(kSurveyLink, 0, 4), std::nullopt);
    EXPECT_EQ(qr_svg(kSurveyLink, 8, -1), std::nullopt);
    EXPECT_EQ(qr_png(kSurveyLink, kQrMaxModulePx + 1, 4), std::nullopt);
    EXPECT_EQ(qr_png(kSurveyLink, 8, kQrMaxMarginModules + 1), std::nullopt);
}

TEST(QrTest, SvgIsAStandaloneDocumentWithoutTheText) {
    const auto svg = qr_svg(kSurveyLink);
    ASSERT_TRUE(svg.has_value());
    EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << *svg;
    EXPECT_NE(svg->find("viewBox=\"0 0 37 37\""), std::string::npos);  // 29 + 2 * 4
    EXPECT_NE(svg->find("width=\"296\" height=\"296\""), std::string::npos);
    EXPECT_NE(svg->find("shape-rendering=\"crispEdges\""), std::string::npos);
    EXPECT_TRUE(tags_balanced(*svg)) << *svg;
    std::size_t paths = 0;
    for (auto at = svg->find("<path"); at != std::string::npos; at = svg->find("<path", at + 1)) {
        ++paths;
    }
    EXPECT_EQ(paths, 1u);
    EXPECT_EQ(svg->find("example"), std::string::npos);
    EXPECT_EQ(svg->find("K7Q"), std::string::npos);
}

TEST(QrTest, SvgPathCoversExactlyTheDarkModules) {
    const auto m = qr_matrix(kSurveyLink);
    const auto svg = qr_svg(kSurveyLink, 8, 4);
    ASSERT_TRUE(m && svg);
    std::vector<std::vector<bool>> drawn(m->size() + 8, std::vector<bool>(m->size() + 8, false));
    const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
    for (auto it = std::sregex_iterator(svg->begin(), svg->end(), run);
         it != std::sregex_iterator(); ++it) {
        const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), w = std::stoi((*it)[3]);
        ASSERT_EQ((*it)[3], (*it)[4]);
        for (int dx = 0; dx < w; ++dx) {
            ASSERT_FALSE(drawn[y][x + dx]) << "overlap at " << x + dx << "," << y;
            drawn[y][x + dx] = true;
        }
    }
    for (std::size_t y = 0; y < drawn.size(); ++y) {
        for (std::size_t x = 0; x < drawn.size(); ++x) {
            const bool inside = y >= 4 && x >= 4 && y < m->size() + 4 && x < m->size() + 4;
            const bool dark = inside && (*m)[y - 4][x - 4];
            EXPECT_EQ(drawn[y][x], dark) << x << "," << y;
        }
    }
}

TEST(QrTest, PngHasSignatureAndExpectedSize) {
    const auto png = qr_png(kSurveyLink, 8, 4);
    ASSERT_TRUE(png.has_value());
    ASSERT_GT(png->size(), 33u);
    const std::vector<unsigned char> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    EXPECT_TRUE(std::equal(signature.begin(), signature.end(), png->begin()));
    // The first chunk is IHDR: length 13, type, width, height, depth, colour type.
    EXPECT_EQ(big_endian_u32(*png, 8), 13u);
    EXPECT_EQ(std::string(png->begin() + 12, png->begin() + 16), "IHDR");
    EXPECT_EQ(big_endian_u32(*png, 16), (29u + 8) * 8);
    EXPECT_EQ(big_endian_u32(*png, 20), (29u + 8) * 8);
    EXPECT_EQ((*png)[24], 1);  // bit depth
    EXPECT_EQ((*png)[25], 0);  // greyscale
    EXPECT_EQ(std::string(png->end() - 8, png->end() - 4), "IEND");
}

TEST(QrTest, PngSizeFollowsModuleAndMargin) {
    const auto png = qr_png("HELLO WORLD", 3, 0);
    ASSERT_TRUE(png.has_value());
    EXPECT_EQ(big_endian_u32(*png, 16), 21u * 3);
    EXPECT_EQ(big_endian_u32(*png, 20), 21u * 3);
}

}  // namespace
}  // namespace itagap::security
