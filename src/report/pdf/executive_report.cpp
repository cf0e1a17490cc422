#include "report/pdf/executive_report.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <utility>

namespace itagap::report {

namespace {

// A4 in PostScript points; margins as Thai official documents set them.
constexpr double kPointsPerCm = 72.0 / 2.54;
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMarginTop = 2.5 * kPointsPerCm;
constexpr double kMarginLeft = 3.0 * kPointsPerCm;
constexpr double kMarginRight = 2.0 * kPointsPerCm;
constexpr double kMarginBottom = 2.0 * kPointsPerCm;
constexpr double kContentWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr double kContentBottom = kPageHeight - kMarginBottom;

constexpr const char* kBody = "Laksaman 16";
constexpr const char* kBold = "Laksaman Bold 16";
constexpr const char* kTitle = "Laksaman Bold 18";
constexpr const char* kTableBody = "Laksaman 14";
constexpr const char* kTableBold = "Laksaman Bold 13";
constexpr const char* kFooter = "Laksaman 14";

constexpr double kCellPadX = 3;
constexpr double kCellPadY = 1;
constexpr double kGapAfterBlock = 8;
constexpr float kTableLineSpacing = 0.85f;  // baseline to baseline, in font heights

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

struct GObjectDeleter {
    void operator()(void* object) const { g_object_unref(object); }
};
struct FontDeleter {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;

enum class Align { kLeft, kCenter, kRight };

struct Table {
    std::vector<std::string> headers;  // empty: no header row
    std::vector<double> widths;        // fractions of the content width, summing to 1
    std::vector<Align> aligns;
    std::vector<std::vector<std::string>> rows;
};

// Lays the report out page by page. With `draw` false it only measures, so a
// first pass can count the pages the second pass numbers.
class Writer {
public:
    Writer(cairo_t* cr, bool draw, int total_pages, std::string page_word)
        : cr_(cr), draw_(draw), total_pages_(total_pages), page_word_(std::move(page_word)) {
        context_.reset(pango_cairo_create_context(cr_));
        // Font sizes are points: one cairo unit is one point on a PDF surface.
        pango_cairo_context_set_resolution(context_.get(), 72);
    }

    int pages() const { return page_; }

    // Text wrapped to `width` at (x, y); returns the height it takes.
    double text(const std::string& s, const char* font, double x, double y, double width,
                Align align = Align::kLeft) {
        LayoutPtr layout = make_layout(s, font, width, align);
        if (draw_) {
            cairo_move_to(cr_, x, y);
            pango_cairo_show_layout(cr_, layout.get());
        }
        return height_of(layout.get());
    }

    double measure(const std::string& s, const char* font, double width) {
        LayoutPtr layout = make_layout(s, font, width, Align::kLeft);
        return height_of(layout.get());
    }

    // A paragraph across the content width, moved to a new page when it does
    // not fit in what is left of this one.
    void paragraph(const std::string& s, const char* font, Align align = Align::kLeft,
                   double indent = 0) {
        const double h = measure(s, font, kContentWidth - indent);
        if (y_ + h > kContentBottom && y_ > kMarginTop) new_page();
        y_ += text(s, font, kMarginLeft + indent, y_, kContentWidth - indent, align);
    }

    // A heading kept with at least `keep_with` points of what follows it.
    void heading(const std::string& s, double keep_with) {
        const double h = measure(s, kBold, kContentWidth);
        if (y_ + h + keep_with > kContentBottom && y_ > kMarginTop) new_page();
        y_ += 4;
        y_ += text(s, kBold, kMarginLeft, y_, kContentWidth);
    }

    void space(double points) { y_ += points; }

    void table(const Table& t, const std::string& none) {
        if (t.rows.empty()) {
            paragraph(none, kBody, Align::kLeft, 12);
            return;
        }
        header_row(t);
        for (const auto& row : t.rows) {
            const double h = row_height(t, row, kTableBody);
            if (y_ + h > kContentBottom && y_ > kMarginTop + header_height(t) + 1) {
                new_page();
                header_row(t);
            }
            draw_row(t, row, kTableBody, h, false);
        }
    }

    double header_height(const Table& t) {
        return t.headers.empty() ? 0 : row_height(t, t.headers, kTableBold);
    }
    double first_row_height(const Table& t) {
        return t.rows.empty() ? measure("-", kBody, kContentWidth)
                              : header_height(t) + row_height(t, t.rows.front(), kTableBody);
    }

    void finish() { footer(); }

private:
    LayoutPtr make_layout(const std::string& s, const char* font, double width, Align align) {
        LayoutPtr layout(pango_layout_new(context_.get()));
        std::unique_ptr<PangoFontDescription, FontDeleter> description(
            pango_font_description_from_string(font));
        pango_layout_set_font_description(layout.get(), description.get());
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        // Thai has no spaces between words: libthai finds the breaks; a word
        // longer than the cell breaks between characters.
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), align == Align::kRight    ? PANGO_ALIGN_RIGHT
                                                 : align == Align::kCenter ? PANGO_ALIGN_CENTER
                                                                           : PANGO_ALIGN_LEFT);
        if (font == kTableBody || font == kTableBold) {
            // Laksaman's own line height is about 1.6 em, roomy for tables.
            pango_layout_set_line_spacing(layout.get(), kTableLineSpacing);
        }
        pango_layout_set_text(layout.get(), s.c_str(), static_cast<int>(s.size()));
        return layout;
    }

    static double height_of(PangoLayout* layout) {
        int w = 0, h = 0;
        pango_layout_get_size(layout, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    double cell_width(const Table& t, std::size_t column) const {
        return (column < t.widths.size() ? t.widths[column] : 0) * kContentWidth;
    }

    double row_height(const Table& t, const std::vector<std::string>& cells, const char* font) {
        double h = 0;
        for (std::size_t c = 0; c < cells.size() && c < t.widths.size(); ++c)
            h = std::max(h, measure(cells[c], font, cell_width(t, c) - 2 * kCellPadX));
        return h + 2 * kCellPadY;
    }

    void header_row(const Table& t) {
        if (t.headers.empty()) return;
        draw_row(t, t.headers, kTableBold, header_height(t), true);
    }

    void draw_row(const Table& t, const std::vector<std::string>& cells, const char* font,
                  double height, bool shaded) {
        double x = kMarginLeft;
        for (std::size_t c = 0; c < t.widths.size(); ++c) {
            const double w = cell_width(t, c);
            if (draw_) {
                cairo_save(cr_);
                cairo_rectangle(cr_, x, y_, w, height);
                if (shaded) {
                    cairo_set_source_rgb(cr_, 0.88, 0.88, 0.88);
                    cairo_fill_preserve(cr_);
                }
                cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
                cairo_set_line_width(cr_, 0.5);
                cairo_stroke(cr_);
                cairo_restore(cr_);
            }
            if (c < cells.size()) {
                const Align align =
                    shaded ? Align::kCenter : (c < t.aligns.size() ? t.aligns[c] : Align::kLeft);
                text(cells[c], font, x + kCellPadX, y_ + kCellPadY, w - 2 * kCellPadX, align);
            }
            x += w;
        }
        y_ += height;
    }

    void footer() {
        const std::string label =
            page_word_ + " " + std::to_string(page_) + " / " + std::to_string(total_pages_);
        text(label, kFooter, kMarginLeft, kContentBottom + 8, kContentWidth, Align::kCenter);
    }

    void new_page() {
        footer();
        if (draw_) cairo_show_page(cr_);
        ++page_;
        y_ = kMarginTop;
    }

    cairo_t* cr_;
    bool draw_;
    int total_pages_;
    std::string page_word_;
    std::unique_ptr<PangoContext, GObjectDeleter> context_;
    int page_ = 1;
    double y_ = kMarginTop;
};

std::string count(std::int64_t n) { return std::to_string(n); }

std::vector<std::string> padded(std::vector<std::string> labels, std::size_t n) {
    labels.resize(n);
    return labels;
}

Table summary_table(const ExecutiveReport& r) {
    Table t{{}, {0.75, 0.25}, {Align::kLeft, Align::kRight}, {}};
    for (const auto& f : r.summary) t.rows.push_back({f.label, f.value});
    return t;
}

Table strategy_table(const ExecutiveReport& r) {
    Table t{padded(r.labels.strategy_columns, 7),
            {0.27, 0.13, 0.11, 0.13, 0.12, 0.11, 0.13},
            {Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kRight,
             Align::kRight, Align::kRight},
            {}};
    for (const auto& s : r.strategies) {
        t.rows.push_back({s.strategy, count(s.measures), count(s.done), count(s.in_progress),
                          count(s.not_started), count(s.cancelled), s.mean_percent});
    }
    return t;
}

Table overdue_table(const ExecutiveReport& r) {
    Table t{padded(r.labels.overdue_columns, 5),
            {0.2, 0.37, 0.18, 0.12, 0.13},
            {Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight},
            {}};
    for (const auto& o : r.overdue) {
        t.rows.push_back({o.unit, std::to_string(o.measure_number) + ". " + o.measure_text, o.owner,
                          o.due_on, count(o.days_overdue)});
    }
    return t;
}

Table quiet_table(const ExecutiveReport& r) {
    Table t{padded(r.labels.quiet_columns, 5),
            {0.2, 0.35, 0.18, 0.13, 0.14},
            {Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight},
            {}};
    for (const auto& q : r.quiet) {
        t.rows.push_back({q.unit, std::to_string(q.measure_number) + ". " + q.measure_text, q.owner,
                          q.status, q.days});
    }
    return t;
}

void write_list(Writer& w, const std::vector<std::string>& items, const std::string& none) {
    if (items.empty()) {
        w.paragraph(none, kBody, Align::kLeft, 12);
        return;
    }
    for (const auto& item : items) w.paragraph("\u2022 " + item, kBody, Align::kLeft, 12);
}

// The whole report once; returns the number of pages it took.
int write_report(cairo_t* cr, const ExecutiveReport& r, bool draw, int total_pages) {
    Writer w(cr, draw, total_pages, r.labels.page);
    const auto& l = r.labels;
    w.paragraph(r.title, kTitle, Align::kCenter);
    w.paragraph(l.fiscal_year + " " + std::to_string(r.fiscal_year_be) + "  " + l.month + " " +
                    r.month_name + " " + std::to_string(r.month_year_be),
                kBody, Align::kCenter);
    w.paragraph(l.generated_on + " " + r.generated_on, kBody, Align::kCenter);
    w.space(kGapAfterBlock);

    const Table tables[] = {summary_table(r), strategy_table(r), overdue_table(r), quiet_table(r)};
    const std::string* headings[] = {&l.summary_heading, &l.strategy_heading, &l.overdue_heading,
                                     &l.quiet_heading};
    for (std::size_t i = 0; i < std::size(tables); ++i) {
        w.heading(*headings[i], w.first_row_height(tables[i]));
        w.space(2);
        w.table(tables[i], l.none);
        w.space(kGapAfterBlock);
    }
    w.heading(l.gaps_heading, w.measure(l.none, kBody, kContentWidth));
    write_list(w, r.unaddressed_gaps, l.none);
    w.space(kGapAfterBlock);
    w.heading(l.units_heading, w.measure(l.none, kBody, kContentWidth));
    write_list(w, r.units_without_plan, l.none);
    w.finish();
    if (draw) cairo_show_page(cr);
    return w.pages();
}

}  // namespace

std::optional<std::string> executive_report_pdf(const ExecutiveReport& report) {
    // Pass 1 counts the pages on a PDF surface like the real one (same font
    // metrics), writing nowhere; pass 2 draws with "หน้า N / M" known.
    int pages = 1;
    {
        cairo_surface_t* surface =
            cairo_pdf_surface_create_for_stream(discard, nullptr, kPageWidth, kPageHeight);
        cairo_t* cr = cairo_create(surface);
        pages = write_report(cr, report, false, 0);
        const bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
        cairo_destroy(cr);
        cairo_surface_finish(surface);
        cairo_surface_destroy(surface);
        if (!ok) return std::nullopt;
    }

    std::string pdf;
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kPageWidth, kPageHeight);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return std::nullopt;
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "itagap");
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0, 0, 0);
    write_report(cr, report, true, pages);
    const bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const bool finished = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    if (!ok || !finished) return std::nullopt;
    return pdf;
}

}  // namespace itagap::report
