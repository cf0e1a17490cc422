#include "report/pdf/access_code_sheet.hpp"

#include <cairo.h>

#include <algorithm>

#include "report/pdf/page_writer.hpp"
#include "report/pdf/sheet_drawing.hpp"

namespace itagap::report {

namespace {

using pdf::kPageHeight;
using pdf::kPageWidth;
constexpr double kMargin = 36;
constexpr int kColumns = 2;
constexpr int kRows = 5;

using pdf::draw_wrapped_text;

void draw_slip(cairo_t* cr, const AccessCodeSheet& sheet, std::size_t index, double x, double y,
               double width, double height) {
    const std::string& code = sheet.codes[index];
    // A dashed cutting line around the slip.
    cairo_save(cr);
    const double dash[] = {4, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.6);
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_rectangle(cr, x, y, width, height);
    cairo_stroke(cr);
    cairo_restore(cr);

    const double pad = 10;
    // The QR code of the survey link with this code filled in, at the right.
    const bool has_qr = index < sheet.code_qrs.size() && !sheet.code_qrs[index].empty();
    const double qr_size = has_qr ? std::min(height - 2 * pad, 100.0) : 0;
    if (has_qr)
        pdf::draw_qr(cr, sheet.code_qrs[index], x + width - pad - qr_size, y + pad, qr_size);
    const double inner = width - 2 * pad - (has_qr ? qr_size + 6 : 0);
    double cursor = y + pad;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cursor += draw_wrapped_text(cr, sheet.title, "Laksaman Bold 13", x + pad, cursor, inner);
    cursor += draw_wrapped_text(cr, sheet.unit_name + " · " + sheet.round_name, "Laksaman 10",
                                x + pad, cursor, inner);
    cursor += 4;
    cursor += draw_wrapped_text(cr, code, "DejaVu Sans Mono Bold 20", x + pad, cursor, inner);
    cursor += 4;
    cursor +=
        draw_wrapped_text(cr, sheet.survey_url, "DejaVu Sans Mono 8.5", x + pad, cursor, inner);
    draw_wrapped_text(cr, sheet.instructions, "Laksaman 9", x + pad, cursor + 2, inner);
}

}  // namespace

StatusOr<std::string> access_code_sheet_pdf(const AccessCodeSheet& sheet) {
    return pdf::a4_pdf("access code sheet", sheet.title, [&](cairo_t* cr) {
        const double slip_width = (kPageWidth - 2 * kMargin) / kColumns;
        const double slip_height = (kPageHeight - 2 * kMargin) / kRows;
        const std::size_t per_page = kColumns * kRows;
        for (std::size_t i = 0; i < sheet.codes.size(); ++i) {
            const std::size_t on_page = i % per_page;
            if (i > 0 && on_page == 0) cairo_show_page(cr);
            const double x = kMargin + static_cast<double>(on_page % kColumns) * slip_width;
            const double y = kMargin + static_cast<double>(on_page / kColumns) * slip_height;
            draw_slip(cr, sheet, i, x, y, slip_width, slip_height);
        }
        if (sheet.codes.empty())
            draw_wrapped_text(cr, sheet.title, "Laksaman Bold 13", kMargin, kMargin,
                              kPageWidth - 2 * kMargin);
    });
}

}  // namespace itagap::report
