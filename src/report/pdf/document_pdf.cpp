#include "report/pdf/document_pdf.hpp"

#include <algorithm>
#include <numeric>
#include <type_traits>

#include "report/pdf/bar_chart_cairo.hpp"
#include "report/pdf/page_writer.hpp"

namespace itagap::report {

namespace {

// Thai official style: a paragraph's first line starts 1.25 cm in.
constexpr double kFirstLineIndent = 1.25 * pdf::kPointsPerCm;
constexpr double kGapAfterTitle = 4;
constexpr double kGapBeforeChart = 4;

pdf::PageTable page_table(const Table& table) {
    pdf::PageTable t;
    t.header = table.header;
    const double total =
        std::accumulate(table.column_widths.begin(), table.column_widths.end(), 0.0);
    for (double w : table.column_widths) t.widths.push_back(w / total);
    t.rows = table.rows;
    return t;
}

const pdf::Font& heading_font(const Heading& heading) {
    return heading.level <= 1 ? pdf::kTitle : pdf::kBold;
}

// How much of a block must follow a heading onto its page: its first line,
// or a table's caption, header and first rows, or a chart's title and first
// bar.
double lead_height(const pdf::PageWriter& w, const Block& block) {
    return std::visit(
        [&](const auto& b) -> double {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, Heading>) {
                return w.measure(b.text, heading_font(b), pdf::kContentWidth);
            } else if constexpr (std::is_same_v<T, Paragraph>) {
                return w.measure("ก", pdf::kBody, pdf::kContentWidth);
            } else if constexpr (std::is_same_v<T, Table>) {
                const double caption =
                    b.caption.empty() ? 0 : w.measure(b.caption, pdf::kBold, pdf::kContentWidth);
                return caption + w.table_lead_height(page_table(b));
            } else {
                const pdf::BarChartDrawing drawing(w.text(), b, pdf::kContentWidth);
                return drawing.title_height() +
                       drawing.bars_height(0, std::min<std::size_t>(drawing.bar_count(), 1));
            }
        },
        block);
}

void write_heading(pdf::PageWriter& w, const Heading& heading, double keep_with) {
    const bool title = heading.level <= 1;
    w.heading(heading.text, heading_font(heading), title ? pdf::Align::kCenter : pdf::Align::kLeft,
              keep_with);
    if (title) w.space(kGapAfterTitle);
}

void write_table(pdf::PageWriter& w, const Table& table) {
    const pdf::PageTable t = page_table(table);
    if (!table.caption.empty()) {
        w.heading(table.caption, pdf::kBold, pdf::Align::kLeft, w.table_lead_height(t));
    } else if (!w.fits(w.table_lead_height(t)) && !w.page_is_empty()) {
        w.new_page();
    }
    w.table(t);
    w.space(pdf::kGapAfterBlock);
}

// The title stays with the first bar; bars that do not fit continue on the
// next page under the target label again.
void write_chart(pdf::PageWriter& w, const Chart& chart) {
    const pdf::BarChartDrawing drawing(w.text(), chart, pdf::kContentWidth);
    const std::size_t bars = drawing.bar_count();
    const double lead =
        drawing.title_height() + drawing.bars_height(0, std::min<std::size_t>(bars, 1));
    if (!w.fits(kGapBeforeChart + lead) && !w.page_is_empty()) w.new_page();
    if (!w.page_is_empty()) w.space(kGapBeforeChart);
    if (w.drawing()) drawing.draw_title(pdf::kMarginLeft, w.y());
    w.space(drawing.title_height());
    std::size_t first = 0;
    do {
        std::size_t last = first;
        while (last < bars && w.fits(drawing.bars_height(first, last + 1))) ++last;
        if (last == first && first < bars) {
            if (!w.page_is_empty()) {
                w.new_page();
                continue;
            }
            last = first + 1;  // one bar taller than a page: let it overflow
        }
        if (w.drawing()) drawing.draw_bars(pdf::kMarginLeft, w.y(), first, last);
        w.space(drawing.bars_height(first, last));
        first = last;
        if (first < bars) w.new_page();
    } while (first < bars);
    w.space(pdf::kGapAfterBlock);
}

int write_document(cairo_t* cr, const Document& document, bool draw, int total_pages) {
    pdf::PageWriter w(cr, draw, total_pages, document.page_label);
    const auto& blocks = document.blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& block = blocks[i];
        if (const auto* heading = std::get_if<Heading>(&block)) {
            write_heading(w, *heading, i + 1 < blocks.size() ? lead_height(w, blocks[i + 1]) : 0);
        } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
            w.flowing_paragraph(paragraph->text, pdf::kBody, pdf::Align::kJustify,
                                paragraph->first_line_indent ? kFirstLineIndent : 0);
        } else if (const auto* table = std::get_if<Table>(&block)) {
            write_table(w, *table);
        } else if (const auto* chart = std::get_if<Chart>(&block)) {
            write_chart(w, *chart);
        }
    }
    if (!document.footer_note.empty()) {
        w.space(pdf::kGapAfterBlock);
        w.paragraph(document.footer_note, pdf::kSmall);
    }
    w.finish();
    if (draw) cairo_show_page(cr);
    return w.pages();
}

}  // namespace

StatusOr<std::string> document_pdf(const Document& document) {
    if (auto problems = check_document(document); !problems.empty()) {
        return Status::Invalid("PDF: the document is not well formed: " + join_problems(problems));
    }
    return pdf::two_pass_pdf(document.title, [&](cairo_t* cr, bool draw, int total_pages) {
        return write_document(cr, document, draw, total_pages);
    });
}

}  // namespace itagap::report
