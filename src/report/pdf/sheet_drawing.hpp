// Drawing helpers of the one-page printables (internal to itagap_pdf): the
// access-code slips and the EIT poster. Text through pango (Thai shaping and
// line breaking by libthai); QR codes drawn from their modules, so the PDF
// holds vector squares, not an image.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <string_view>

#include "core/status.hpp"
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

// An A4 PDF titled `title`: `draw` draws its pages (cairo_show_page between
// them; the last page is shown here). The bytes, or kInternal naming `what`
// and cairo's error.
StatusOr<std::string> a4_pdf(std::string_view what, const std::string& title,
                             const std::function<void(cairo_t*)>& draw);

}  // namespace itagap::report::pdf
