#include "report/pdf/eit_poster.hpp"

#include <cairo.h>

#include "report/pdf/page_writer.hpp"
#include "report/pdf/sheet_drawing.hpp"

namespace itagap::report {

StatusOr<std::string> eit_poster_pdf(const EitPoster& poster) {
    using namespace pdf;
    return a4_pdf("EIT poster", poster.title, [&](cairo_t* cr) {
        const double margin = 2 * kPointsPerCm;
        const double width = kPageWidth - 2 * margin;
        double y = margin;
        y += draw_wrapped_text(cr, poster.heading, "Laksaman Bold 28", margin, y, width, true);
        y += 6;
        y += draw_wrapped_text(cr, poster.title, "Laksaman Bold 16", margin, y, width, true);
        y += 10;
        y += draw_wrapped_text(cr, poster.unit_name, "Laksaman Bold 18", margin, y, width, true);
        y += draw_wrapped_text(cr, poster.round_name, "Laksaman 15", margin, y, width, true);
        if (!poster.period.empty())
            y += draw_wrapped_text(cr, poster.period, "Laksaman 14", margin, y, width, true);
        y += 16;
        // The QR code as large as fits a third of the page, centred.
        const double qr_size = 8 * kPointsPerCm;
        draw_qr(cr, poster.qr, (kPageWidth - qr_size) / 2, y, qr_size);
        y += qr_size + 12;
        y += draw_wrapped_text(cr, poster.scan_hint, "Laksaman 16", margin, y, width, true);
        y += draw_wrapped_text(cr, poster.link, "DejaVu Sans Mono 12", margin, y, width, true);
        y += 16;
        // The promise in a box, so it reads as the poster's second message.
        const double box_pad = 12;
        const double text_height =
            draw_wrapped_text(cr, poster.promise, "Laksaman 15", margin + box_pad, y + box_pad,
                              width - 2 * box_pad, true);
        cairo_set_line_width(cr, 1.2);
        cairo_rectangle(cr, margin, y, width, text_height + 2 * box_pad);
        cairo_stroke(cr);
    });
}

}  // namespace itagap::report
