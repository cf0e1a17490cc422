#include "report/score_tables.hpp"

#include <fmt/format.h>

#include <array>
#include <vector>

#include "core/number_format.hpp"

namespace itagap::report {

namespace {

char32_t decode(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

bool is_thai_combining(char32_t cp) {
    return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

// Cuts to at most `width` columns, marking the cut with "…".
std::string clip(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) return std::string(s);
    std::string out;
    std::size_t used = 0, i = 0;
    while (i < s.size()) {
        std::size_t start = i;
        char32_t cp = decode(s, i);
        std::size_t w = is_thai_combining(cp) ? 0 : 1;
        if (used + w > width - 1) break;
        out.append(s.substr(start, i - start));
        used += w;
    }
    return out + "…";
}

std::string pad(std::string_view s, std::size_t width, bool right_align = false) {
    const std::size_t w = display_width(s);
    std::string fill(w < width ? width - w : 0, ' ');
    return right_align ? fill + std::string(s) : std::string(s) + fill;
}

constexpr std::size_t kNameWidth = 60;

}  // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0, i = 0;
    while (i < utf8.size()) {
        if (!is_thai_combining(decode(utf8, i))) ++width;
    }
    return width;
}

std::string score_table(const core::Questionnaire& q, const core::InstrumentScore& score,
                        Language language) {
    const Messages& m = messages(language);
    using Row = std::array<std::string, 5>;
    std::vector<Row> rows;
    rows.push_back({std::string(m.column_name), std::string(m.column_score),
                    std::string(m.column_ci), std::string(m.column_answers),
                    std::string(m.column_respondents)});
    auto ci = [](const core::Interval& c) {
        return core::format_score(c.low) + "-" + core::format_score(c.high);
    };
    for (const auto& ind : score.indicators) {
        const core::Indicator& indicator = q.indicators[ind.indicator];
        std::string name =
            fmt::format(fmt::runtime(m.indicator_short), fmt::arg("number", indicator.number)) +
            " " + pick(indicator.name, language);
        rows.push_back(
            {clip(name, kNameWidth), ind.has_data() ? core::format_score(ind.score) : "-",
             ind.has_data() ? ci(ind.ci95) : "-", fmt::format("{}/{}", ind.favourable, ind.answers),
             std::to_string(ind.respondents)});
        for (const auto& it : ind.items) {
            const core::Item& item = q.items[it.item];
            std::string label =
                "  " + item.code + (item.reverse ? "* " : " ") + pick(item.text, language);
            rows.push_back({clip(label, kNameWidth),
                            it.has_data() ? core::format_score(it.score) : "-",
                            it.has_data() ? ci(it.ci95) : "-",
                            fmt::format("{}/{}", it.favourable, it.answers), ""});
        }
    }
    std::array<std::size_t, 5> widths{};
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], display_width(row[c]));
    }
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            if (c > 0) out += "  ";
            out += pad(rows[r][c], widths[c], c > 0 && r > 0);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\n';
        if (r == 0) {
            std::size_t total = 0;
            for (auto w : widths) total += w + 2;
            for (std::size_t k = 0; k + 2 < total; ++k) out += "─";
            out += '\n';
        }
    }
    return out;
}

}  // namespace itagap::report
