#include "report/pdf/page_writer.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <numeric>
#include <utility>

namespace itagap::report::pdf {

namespace {

constexpr double kCellPadX = 3;
constexpr double kCellPadY = 1;
constexpr double kFooterGap = 8;  // from the bottom margin down to the page number

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

struct IterDeleter {
    void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};

double points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

// The row of the cell whose span covers (row, column).
// REQUIRES: the table passed check_document.
std::size_t span_origin(const PageTable& t, std::size_t row, std::size_t column) {
    while (row > 0 && t.rows[row][column].covered) --row;
    return row;
}

// One past the last row the cell at (origin, column) covers.
std::size_t span_end(const PageTable& t, std::size_t origin, std::size_t column) {
    return origin + static_cast<std::size_t>(std::max(1, t.rows[origin][column].row_span));
}

// The table's rows cut into runs that no span crosses, in order: [first, last).
std::vector<std::pair<std::size_t, std::size_t>> span_groups(const PageTable& t) {
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    for (std::size_t first = 0; first < t.rows.size();) {
        std::size_t last = first + 1;
        for (std::size_t r = first; r < last; ++r) {
            for (std::size_t c = 0; c < t.widths.size() && c < t.rows[r].size(); ++c) {
                if (!t.rows[r][c].covered)
                    last = std::max(last, std::min(span_end(t, r, c), t.rows.size()));
            }
        }
        groups.emplace_back(first, last);
        first = last;
    }
    return groups;
}

}  // namespace

std::vector<TableCell> plain_row(const std::vector<std::string>& texts) {
    std::vector<TableCell> row;
    row.reserve(texts.size());
    for (const auto& text : texts) row.push_back({text, 1, false});
    return row;
}

// Invariants: row_heights[r] fits every unspanned cell of row r, and the
// heights of the rows under a span sum to at least its cell's text height.
struct PageWriter::TableMetrics {
    std::vector<double> row_heights;
    std::vector<std::vector<double>> cell_heights;  // text and padding; 0 for covered cells
};

PageWriter::PageWriter(cairo_t* cr, bool draw, int total_pages, std::string page_word)
    : cr_(cr),
      draw_(draw),
      total_pages_(total_pages),
      page_word_(std::move(page_word)),
      text_(cr) {}

bool PageWriter::page_is_empty() const { return y_ <= kMarginTop + 0.5; }

bool PageWriter::fits(double height) const { return y_ + height <= kContentBottom; }

double PageWriter::measure(const std::string& s, const Font& font, double width) const {
    return text_.height(s, font, width);
}

void PageWriter::paragraph(const std::string& s, const Font& font, Align align, double indent) {
    const double h = measure(s, font, kContentWidth - indent);
    if (y_ + h > kContentBottom && y_ > kMarginTop) new_page();
    if (draw_) text_.draw(s, font, kMarginLeft + indent, y_, kContentWidth - indent, align);
    y_ += h;
}

void PageWriter::flowing_paragraph(const std::string& s, const Font& font, Align align,
                                   double first_line_indent) {
    LayoutPtr layout = text_.layout(s, font, kContentWidth, align, first_line_indent);
    std::unique_ptr<PangoLayoutIter, IterDeleter> line(pango_layout_get_iter(layout.get()));
    double origin = y_;  // where the layout's top would be on this page
    do {
        PangoRectangle extents;
        pango_layout_iter_get_line_extents(line.get(), nullptr, &extents);
        const double top = points(extents.y);
        const double bottom = top + points(extents.height);
        if (origin + bottom > kContentBottom && origin + top > kMarginTop + 0.5) {
            new_page();
            origin = kMarginTop - top;
        }
        if (draw_) {
            // What pango_cairo_show_layout does, one line at a time.
            cairo_move_to(cr_, kMarginLeft + points(extents.x),
                          origin + points(pango_layout_iter_get_baseline(line.get())));
            pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(line.get()));
        }
        y_ = origin + bottom;
    } while (pango_layout_iter_next_line(line.get()));
}

void PageWriter::heading(const std::string& s, const Font& font, Align align, double keep_with) {
    const double h = measure(s, font, kContentWidth);
    if (y_ + h + keep_with > kContentBottom && y_ > kMarginTop) new_page();
    y_ += 4;
    if (draw_) text_.draw(s, font, kMarginLeft, y_, kContentWidth, align);
    y_ += h;
}

double PageWriter::cell_width(const PageTable& t, std::size_t column) const {
    return (column < t.widths.size() ? t.widths[column] : 0) * kContentWidth;
}

double PageWriter::header_height(const PageTable& t) const {
    if (t.header.empty()) return 0;
    double h = 0;
    for (std::size_t c = 0; c < t.header.size() && c < t.widths.size(); ++c)
        h = std::max(h, measure(t.header[c], kTableBold, cell_width(t, c) - 2 * kCellPadX));
    return h + 2 * kCellPadY;
}

PageWriter::TableMetrics PageWriter::measure_table(const PageTable& t, std::size_t rows) const {
    TableMetrics m;
    const std::size_t columns = t.widths.size();
    m.row_heights.assign(rows, 0);
    m.cell_heights.assign(rows, std::vector<double>(columns, 0));
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns && c < t.rows[r].size(); ++c) {
            const TableCell& cell = t.rows[r][c];
            if (cell.covered) continue;
            const double h =
                measure(cell.text, kTableBody, cell_width(t, c) - 2 * kCellPadX) + 2 * kCellPadY;
            m.cell_heights[r][c] = h;
            if (cell.row_span <= 1) m.row_heights[r] = std::max(m.row_heights[r], h);
        }
    }
    // A spanning cell taller than its rows deepens the last of them; rows only
    // grow, so a span satisfied earlier stays satisfied.
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns && c < t.rows[r].size(); ++c) {
            if (t.rows[r][c].covered || t.rows[r][c].row_span <= 1) continue;
            const std::size_t end = std::min(span_end(t, r, c), rows);
            const double have =
                std::accumulate(m.row_heights.begin() + static_cast<long>(r),
                                m.row_heights.begin() + static_cast<long>(end), 0.0);
            if (m.cell_heights[r][c] > have) m.row_heights[end - 1] += m.cell_heights[r][c] - have;
        }
    }
    return m;
}

// Row heights for rows [first, last) drawn together on one page. A spanning
// cell cut by the piece's edges shows its whole text in the part inside the
// piece, so that part may need to be taller than the rows alone.
std::vector<double> PageWriter::piece_row_heights(const PageTable& t, const TableMetrics& m,
                                                  std::size_t first, std::size_t last) const {
    std::vector<double> h(m.row_heights.begin() + static_cast<long>(first),
                          m.row_heights.begin() + static_cast<long>(last));
    for (std::size_t c = 0; c < t.widths.size(); ++c) {
        for (std::size_t r = first; r < last; ++r) {
            if (t.rows[r][c].covered && r != first) continue;
            const std::size_t origin = span_origin(t, r, c);
            const std::size_t end = std::min(span_end(t, origin, c), last);
            const double have = std::accumulate(h.begin() + static_cast<long>(r - first),
                                                h.begin() + static_cast<long>(end - first), 0.0);
            const double need = m.cell_heights[origin][c];
            if (need > have) h[end - 1 - first] += need - have;
        }
    }
    return h;
}

double PageWriter::piece_height(const PageTable& t, const TableMetrics& m, std::size_t first,
                                std::size_t last) const {
    const auto h = piece_row_heights(t, m, first, last);
    return std::accumulate(h.begin(), h.end(), 0.0);
}

double PageWriter::table_lead_height(const PageTable& t) const {
    if (t.rows.empty()) return header_height(t);
    const auto [first, last] = span_groups(t).front();
    const TableMetrics m = measure_table(t, last);
    const double group = piece_height(t, m, first, last);
    const double header = header_height(t);
    if (group <= kContentBottom - kMarginTop - header) return header + group;
    return header + piece_height(t, m, first, first + 1);
}

bool PageWriter::page_has_more_than_header(const PageTable& t) const {
    return y_ > kMarginTop + header_height(t) + 1;
}

void PageWriter::table(const PageTable& t) {
    const TableMetrics m = measure_table(t, t.rows.size());
    const double room_on_a_fresh_page = kContentBottom - kMarginTop - header_height(t);
    header_row(t);
    for (const auto& [group_first, group_last] : span_groups(t)) {
        const double whole = piece_height(t, m, group_first, group_last);
        if (!fits(whole) && whole <= room_on_a_fresh_page && page_has_more_than_header(t)) {
            new_page();
            header_row(t);
        }
        // A group that fits is one piece; a taller one is cut between rows.
        for (std::size_t first = group_first; first < group_last;) {
            std::size_t last = first + 1;
            while (last < group_last && fits(piece_height(t, m, first, last + 1))) ++last;
            if (!fits(piece_height(t, m, first, last)) && page_has_more_than_header(t)) {
                new_page();
                header_row(t);
                continue;
            }
            draw_piece(t, m, first, last);
            first = last;
            if (first < group_last) {
                new_page();
                header_row(t);
            }
        }
    }
}

void PageWriter::draw_piece(const PageTable& t, const TableMetrics& m, std::size_t first,
                            std::size_t last) {
    const std::vector<double> h = piece_row_heights(t, m, first, last);
    std::vector<double> top(h.size() + 1, y_);
    for (std::size_t i = 0; i < h.size(); ++i) top[i + 1] = top[i] + h[i];
    double x = kMarginLeft;
    for (std::size_t c = 0; c < t.widths.size(); ++c) {
        const double w = cell_width(t, c);
        const Align align = c < t.aligns.size() ? t.aligns[c] : Align::kLeft;
        for (std::size_t r = first; r < last; ++r) {
            if (t.rows[r][c].covered && r != first) continue;
            const std::size_t origin = span_origin(t, r, c);
            const std::size_t end = std::min(span_end(t, origin, c), last);
            draw_cell(x, top[r - first], w, top[end - first] - top[r - first], false,
                      t.rows[origin][c].text, kTableBody, align);
        }
        x += w;
    }
    y_ = top.back();
}

void PageWriter::header_row(const PageTable& t) {
    if (t.header.empty()) return;
    const double height = header_height(t);
    double x = kMarginLeft;
    for (std::size_t c = 0; c < t.widths.size(); ++c) {
        const double w = cell_width(t, c);
        draw_cell(x, y_, w, height, true, c < t.header.size() ? t.header[c] : std::string(),
                  kTableBold, Align::kCenter);
        x += w;
    }
    y_ += height;
}

void PageWriter::draw_cell(double x, double y, double width, double height, bool shaded,
                           const std::string& s, const Font& font, Align align) {
    if (!draw_) return;
    cairo_save(cr_);
    cairo_rectangle(cr_, x, y, width, height);
    if (shaded) {
        cairo_set_source_rgb(cr_, 0.88, 0.88, 0.88);
        cairo_fill_preserve(cr_);
    }
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr_, 0.5);
    cairo_stroke(cr_);
    cairo_restore(cr_);
    if (!s.empty()) text_.draw(s, font, x + kCellPadX, y + kCellPadY, width - 2 * kCellPadX, align);
}

void PageWriter::footer() {
    if (!draw_) return;
    const std::string label =
        page_word_ + " " + std::to_string(page_) + " / " + std::to_string(total_pages_);
    text_.draw(label, kFooter, kMarginLeft, kContentBottom + kFooterGap, kContentWidth,
               Align::kCenter);
}

void PageWriter::new_page() {
    footer();
    if (draw_) cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTop;
}

namespace {

// One pass over a fresh PDF surface writing to `sink`; the page count, or
// why cairo failed.
StatusOr<int> write_pass(cairo_write_func_t sink, void* closure, const std::string& title,
                         const WritePages& write, bool draw, int total_pages) {
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(sink, closure, kPageWidth, kPageHeight);
    if (const cairo_status_t status = cairo_surface_status(surface);
        status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return Status::Internal(std::string("PDF: cairo could not make a surface: ") +
                                cairo_status_to_string(status));
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "itagap");
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const int pages = write(cr, draw, total_pages);
    const cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t finished = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (drawn != CAIRO_STATUS_SUCCESS) {
        return Status::Internal(std::string("PDF: cairo failed while drawing: ") +
                                cairo_status_to_string(drawn));
    }
    if (finished != CAIRO_STATUS_SUCCESS) {
        return Status::Internal(std::string("PDF: cairo could not finish the file: ") +
                                cairo_status_to_string(finished));
    }
    return pages;
}

}  // namespace

StatusOr<std::string> two_pass_pdf(const std::string& title, const WritePages& write) {
    const StatusOr<int> pages = write_pass(discard, nullptr, title, write, false, 0);
    if (!pages.ok()) return pages.status;
    std::string pdf;
    const StatusOr<int> drawn = write_pass(append_to_string, &pdf, title, write, true, *pages);
    if (!drawn.ok()) return drawn.status;
    return pdf;
}

}  // namespace itagap::report::pdf
