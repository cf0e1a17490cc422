// A4 pages in the form of a Thai government document, for the PDF writers
// (internal to itagap_pdf): margins top 2.5 cm, left 3 cm, right 2 cm, bottom
// 2 cm; text that flows onto the next page; tables whose rows move to the next
// page under a repeated header, row spans kept together; "หน้า N / M" at the
// foot of each page, M known from a first, measuring pass.
#pragma once

#include <cairo.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "report/document.hpp"
#include "report/pdf/text_setter.hpp"

namespace itagap::report::pdf {

// A4 in PostScript points.
inline constexpr double kPointsPerCm = 72.0 / 2.54;
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.89;
inline constexpr double kMarginTop = 2.5 * kPointsPerCm;
inline constexpr double kMarginLeft = 3.0 * kPointsPerCm;
inline constexpr double kMarginRight = 2.0 * kPointsPerCm;
inline constexpr double kMarginBottom = 2.0 * kPointsPerCm;
inline constexpr double kContentWidth = kPageWidth - kMarginLeft - kMarginRight;
inline constexpr double kContentBottom = kPageHeight - kMarginBottom;

inline constexpr double kGapAfterBlock = 8;

// A table as the page writer draws it. Body cells are report::TableCell, and
// their spans and covered cells must be as check_document requires.
struct PageTable {
    std::vector<std::string> header;  // empty: no header row
    std::vector<double> widths;       // fractions of the content width, summing to 1
    std::vector<Align> aligns;        // per body column; a missing one is kLeft
    std::vector<std::vector<TableCell>> rows;
};

// Body cells of one row, none spanning.
std::vector<TableCell> plain_row(const std::vector<std::string>& texts);

// Lays a document out page by page from the top of page 1. With `draw` false
// it only measures, so a first pass can count the pages a second pass numbers.
class PageWriter {
public:
    PageWriter(cairo_t* cr, bool draw, int total_pages, std::string page_word);

    int pages() const { return page_; }
    double y() const { return y_; }
    bool drawing() const { return draw_; }
    const TextSetter& text() const { return text_; }
    cairo_t* cairo() const { return cr_; }

    // Nothing has been placed on this page yet.
    bool page_is_empty() const;
    // `height` points still fit above the bottom margin.
    bool fits(double height) const;
    void space(double points) { y_ += points; }
    void new_page();

    double measure(const std::string& s, const Font& font, double width) const;

    // Text kept whole across the content width, moved to a new page when it
    // does not fit in what is left of this one.
    void paragraph(const std::string& s, const Font& font, Align align = Align::kLeft,
                   double indent = 0);
    // Text that breaks between lines at the foot of a page.
    void flowing_paragraph(const std::string& s, const Font& font, Align align,
                           double first_line_indent);
    // A heading kept with at least `keep_with` points of what follows it.
    void heading(const std::string& s, const Font& font, Align align, double keep_with);

    // Rows that do not fit move to the next page under a repeated header. The
    // rows of a span group (rows joined by row spans) stay on one page when
    // they fit on one; a taller group breaks between rows and each spanning
    // cell's text is repeated on the continuation.
    void table(const PageTable& t);
    double header_height(const PageTable& t) const;
    // The header and the first span group (or, if that group is taller than a
    // page, its first row): what a heading above the table keeps with.
    double table_lead_height(const PageTable& t) const;

    // The foot of the last page; call once at the end.
    void finish() { footer(); }

private:
    struct TableMetrics;
    // The first `rows` rows. REQUIRES: no span crosses from them to the next.
    TableMetrics measure_table(const PageTable& t, std::size_t rows) const;
    std::vector<double> piece_row_heights(const PageTable& t, const TableMetrics& m,
                                          std::size_t first, std::size_t last) const;
    double piece_height(const PageTable& t, const TableMetrics& m, std::size_t first,
                        std::size_t last) const;
    void draw_piece(const PageTable& t, const TableMetrics& m, std::size_t first, std::size_t last);
    void header_row(const PageTable& t);
    bool page_has_more_than_header(const PageTable& t) const;
    double cell_width(const PageTable& t, std::size_t column) const;
    void draw_cell(double x, double y, double width, double height, bool shaded,
                   const std::string& s, const Font& font, Align align);
    void footer();

    cairo_t* cr_;
    bool draw_;
    int total_pages_;
    std::string page_word_;
    TextSetter text_;
    int page_ = 1;
    double y_ = kMarginTop;
};

// Writes the whole document once on `cr` and returns the pages it took.
using WritePages = std::function<int(cairo_t* cr, bool draw, int total_pages)>;

// An A4 PDF written twice: pass 1 counts the pages on a PDF surface like the
// real one (same font metrics), writing nowhere; pass 2 draws with "หน้า N / M"
// known. A failed Status naming cairo's error when cairo fails.
StatusOr<std::string> two_pass_pdf(const std::string& title, const WritePages& write);

}  // namespace itagap::report::pdf
