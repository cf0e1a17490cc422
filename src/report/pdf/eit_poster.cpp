#include "report/pdf/eit_poster.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include "report/pdf/page_writer.hpp"
#include "report/pdf/sheet_drawing.hpp"

namespace itagap::report {

StatusOr<std::string> eit_poster_pdf(const EitPoster& poster) {
    using namespace pdf;
    std::string out;
    cairo_surface_t* surface = pdf_surface_into(out, kPageWidth, kPageHeight);
    if (const cairo_status_t status = cairo_surface_status(surface);
        status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return Status::Internal(std::string("EIT poster: cairo could not make a surface: ") +
                                cairo_status_to_string(status));
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, poster.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "itagap");
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0, 0, 0);

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

    cairo_show_page(cr);
    const cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    if (drawn != CAIRO_STATUS_SUCCESS) {
        return Status::Internal(std::string("EIT poster: cairo failed while drawing: ") +
                                cairo_status_to_string(drawn));
    }
    return out;
}

}  // namespace itagap::report
