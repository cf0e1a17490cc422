// Drawing helpers of the one-page printables (internal to itagap_pdf): the
// access-code slips and the EIT poster. Text through pango (Thai shaping and
// line breaking by libthai); QR codes drawn from their modules, so the PDF
// holds vector squares, not an image.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "report/pdf/qr_modules.hpp"

namespace itagap::report::pdf {

// Draws `text` at (x, y) wrapped to `width` in `font` (a pango description
// such as "Laksaman Bold 13"), aligned; returns the height used.
double draw_wrapped_text(cairo_t* cr, const std::string& text, const char* font, double x, double y,
                         double width, bool centred = false);

// Draws `modules` (dark = true, row by row, square) as a `size`-point square
// at (x, y) with a white quiet zone of `margin_modules` around it.
void draw_qr(cairo_t* cr, const QrModules& modules, double x, double y, double size,
             int margin_modules = 4);

// The cairo PDF surface writing into `out`; its status tells whether it works.
cairo_surface_t* pdf_surface_into(std::string& out, double width, double height);

}  // namespace itagap::report::pdf
