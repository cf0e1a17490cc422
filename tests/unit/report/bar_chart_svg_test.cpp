#include "report/bar_chart_svg.hpp"

#include <gtest/gtest.h>

namespace itagap::report {
namespace {

TEST(BarChartSvgTest, BarsScaleToTheirScoreAndTheTargetLineSitsAt85) {
    BarChartOptions options;
    options.width = 164;  // plot width 164 - 8 - 64 = 92 px: 1 point = 0.92 px
    options.title = "IIT";
    options.target_label = "เป้าหมาย 85.00";
    std::string svg = bar_chart_svg(
        {{"ตัวชี้วัดที่ 1", 50, "50.00", true}, {"ตัวชี้วัดที่ 3", 100, "100.00", false}}, options);
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(svg.find("width=\"46.00\""), std::string::npos) << svg;  // 50% of 92
    EXPECT_NE(svg.find("width=\"92.00\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("x1=\"86.20\""), std::string::npos) << svg;  // 8 + 0.85 x 92
    EXPECT_NE(svg.find("fill=\"#c0392b\""), std::string::npos);     // below target: red
    EXPECT_NE(svg.find(">ตัวชี้วัดที่ 1</text>"), std::string::npos);
    EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(BarChartSvgTest, LabelsAreEscaped) {
    BarChartOptions options;
    options.title = "a\"b";
    std::string svg =
        bar_chart_svg({{"<script>alert('x')</script> & co", 90, "90.00", false}}, options);
    EXPECT_EQ(svg.find("<script>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"),
              std::string::npos);
    EXPECT_NE(svg.find("aria-label=\"a&quot;b\""), std::string::npos);
}

TEST(BarChartSvgTest, ScoresOutsideTheScaleAreClamped) {
    BarChartOptions options;
    options.width = 164;
    std::string svg = bar_chart_svg({{"x", 120, "120", false}, {"y", -5, "-5", true}}, options);
    EXPECT_NE(svg.find("width=\"92.00\""), std::string::npos);
    EXPECT_NE(svg.find("width=\"0.00\""), std::string::npos);
}

}  // namespace
}  // namespace itagap::report
