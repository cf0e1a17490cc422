#include "report/bar_chart_svg.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace itagap::report {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string bar_chart_svg(const std::vector<Bar>& bars, const BarChartOptions& options) {
    // Layout: a label row above each bar, so long Thai names need no
    // truncation and the chart stays readable at 360 px wide (it scales by
    // its viewBox).
    constexpr int kLabelHeight = 22;
    constexpr int kBarHeight = 18;
    constexpr int kGap = 10;
    constexpr int kLeft = 8;
    constexpr int kValueWidth = 64;
    constexpr int kTop = 24;
    const int plot_width = options.width - kLeft - kValueWidth;
    const int row = kLabelHeight + kBarHeight + kGap;
    const int height = kTop + static_cast<int>(bars.size()) * row + 8;
    auto x_of = [&](double score) {
        return kLeft + plot_width * std::clamp(score, 0.0, 100.0) / 100.0;
    };

    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" "
        "role=\"img\" aria-label=\"{}\" font-family=\"'TH Sarabun New', Sarabun, Laksaman, "
        "sans-serif\" "
        "font-size=\"16\">",
        options.width, height, xml_escape(options.title));
    svg += fmt::format("<title>{}</title>", xml_escape(options.title));
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& bar = bars[i];
        const int y = kTop + static_cast<int>(i) * row;
        const double w = x_of(bar.score) - kLeft;
        svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text>", kLeft, y + 16,
                           xml_escape(bar.label));
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#e8e8e8\"/>",
                           kLeft, y + kLabelHeight, plot_width, kBarHeight);
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.2f}\" height=\"{}\" fill=\"{}\"/>",
                           kLeft, y + kLabelHeight, w, kBarHeight,
                           bar.below_target ? "#c0392b" : "#1f6f8b");
        svg +=
            fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text>", kLeft + plot_width + 6,
                        y + kLabelHeight + 14, xml_escape(bar.value_text));
    }
    const double tx = x_of(options.target);
    svg += fmt::format(
        "<line x1=\"{:.2f}\" y1=\"{}\" x2=\"{:.2f}\" y2=\"{}\" stroke=\"#e67e22\" "
        "stroke-width=\"2\" "
        "stroke-dasharray=\"6 4\"/>",
        tx, kTop - 4, tx, height - 4);
    svg += fmt::format("<text x=\"{:.2f}\" y=\"16\" fill=\"#a04000\" text-anchor=\"end\">{}</text>",
                       tx, xml_escape(options.target_label));
    svg += "</svg>";
    return svg;
}

}  // namespace itagap::report
