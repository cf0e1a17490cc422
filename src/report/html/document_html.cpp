#include "report/html/document_html.hpp"

#include <fmt/format.h>

namespace itagap::report {

namespace {

// The page prints as the DOCX and PDF do: A4, Thai government margins, TH
// Sarabun New 16 pt (Laksaman where it is not installed), table headers
// repeated on each printed page, a span group kept together when it fits.
constexpr std::string_view kStyle = R"(
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
html { background: #f4f4f4; }
body { margin: 0; font-family: "TH Sarabun New", "TH SarabunPSK", Laksaman, "Noto Sans Thai", sans-serif;
  font-size: 16pt; line-height: 1.35; color: #000; }
main { max-width: 16cm; margin: 1rem auto; padding: 2.5cm 2cm 2cm 3cm; background: #fff; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 12pt; }
h2 { font-size: 16pt; margin: 14pt 0 6pt; }
p { margin: 0 0 8pt; text-align: justify; }
p.indent { text-indent: 1.25cm; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 14pt; }
caption { font-weight: bold; text-align: left; padding-bottom: 4pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 4pt 0 10pt; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 4pt; }
figure svg { width: 100%; height: auto; }
.note { font-size: 14pt; color: #333; margin-top: 16pt; }
@media (max-width: 20cm) { main { padding: 1rem; margin: 0; } }
@media print {
  html { background: none; }
  main { max-width: none; margin: 0; padding: 0; }
}
)";

std::string text_with_breaks(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        out += xml_escape(std::string_view(text).substr(start, end - start));
        if (end == std::string::npos) break;
        out += "<br>";
        start = end + 1;
    }
    return out;
}

// A CSS string literal: the label comes from the catalogue, but escape it all the same.
std::string css_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n' || c == '<') continue;
        out += c;
    }
    return out + "\"";
}

// Column widths go into the page's one <style> element as rules on the
// table's id, not into style attributes: the site's Content-Security-Policy
// allows that element by its hash (web/site/inline_styles.hpp) and no inline
// style attribute at all.
void render_table(const Table& table, int number, std::string& out, std::string& css) {
    out += fmt::format("<table id=\"t{}\">", number);
    if (!table.caption.empty()) out += "<caption>" + xml_escape(table.caption) + "</caption>";
    double total = 0;
    for (double w : table.column_widths) total += w;
    out += "<colgroup>";
    for (std::size_t k = 0; k < table.column_widths.size(); ++k) {
        out += "<col>";
        css += fmt::format("#t{} col:nth-child({}) {{ width: {:.1f}%; }}\n", number, k + 1,
                           100.0 * table.column_widths[k] / total);
    }
    out += "</colgroup><thead><tr>";
    for (const auto& h : table.header) out += "<th scope=\"col\">" + xml_escape(h) + "</th>";
    out += "</tr></thead><tbody>";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (const auto& cell : row) {
            if (cell.covered) continue;
            out += cell.row_span > 1 ? fmt::format("<td rowspan=\"{}\">", cell.row_span)
                                     : std::string("<td>");
            out += text_with_breaks(cell.text) + "</td>";
        }
        out += "</tr>";
    }
    out += "</tbody></table>\n";
}

void render_chart(const Chart& chart, std::string& out) {
    BarChartOptions options;
    options.target = chart.target;
    options.target_label = chart.target_label;
    options.title = chart.title;
    out += "<figure><figcaption>" + xml_escape(chart.title) + "</figcaption>";
    out += bar_chart_svg(chart.bars, options);
    out += "</figure>\n";
}

}  // namespace

std::string document_html(const Document& document) {
    std::string css(kStyle);
    if (!document.page_label.empty()) {
        css += "@page { @bottom-center { content: " + css_string(document.page_label + " ") +
               " counter(page) \" / \" counter(pages); font-size: 14pt; } }\n";
    }
    std::string body = "<main>\n";
    int tables = 0;
    for (const Block& block : document.blocks) {
        if (const auto* h = std::get_if<Heading>(&block)) {
            const char* tag = h->level <= 1 ? "h1" : "h2";
            body += fmt::format("<{0}>{1}</{0}>\n", tag, xml_escape(h->text));
        } else if (const auto* p = std::get_if<Paragraph>(&block)) {
            body += p->first_line_indent ? "<p class=\"indent\">" : "<p>";
            body += text_with_breaks(p->text) + "</p>\n";
        } else if (const auto* t = std::get_if<Table>(&block)) {
            render_table(*t, ++tables, body, css);
        } else if (const auto* c = std::get_if<Chart>(&block)) {
            render_chart(*c, body);
        }
    }
    if (!document.footer_note.empty())
        body += "<p class=\"note\">" + xml_escape(document.footer_note) + "</p>\n";
    body += "</main>";
    return "<!DOCTYPE html>\n<html lang=\"" +
           xml_escape(document.language.empty() ? "th" : document.language) +
           "\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" +
           xml_escape(document.title) + "</title><style>" + css + "</style></head><body>" + body +
           "</body></html>\n";
}

}  // namespace itagap::report
