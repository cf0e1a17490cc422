#include "report/pdf/chart_png.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "report/pdf/bar_chart_cairo.hpp"
#include "report/pdf/text_setter.hpp"

namespace itagap::report {

namespace {

constexpr double kDotsPerInch = 200;
constexpr double kPointsPerInch = 72;
constexpr double kCmPerInch = 2.54;
constexpr double kPadding = 6;  // points of white around the drawing
// cairo's limit for an image surface's side.
constexpr long kMaxPixels = 32767;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

long pixels_of(double cm) { return std::lround(cm / kCmPerInch * kDotsPerInch); }

// Draws in points on `cr`, whose user unit is already one point. A chart
// taller than the box shrinks to fit it, centred across.
void draw_fitted(cairo_t* cr, const Chart& chart, double width_pt, double height_pt) {
    const pdf::TextSetter text(cr);
    const double inner_width = std::max(1.0, width_pt - 2 * kPadding);
    const double inner_height = std::max(1.0, height_pt - 2 * kPadding);
    const pdf::BarChartDrawing drawing(text, chart, inner_width);
    const double scale = std::min(1.0, inner_height / std::max(1.0, drawing.height()));
    cairo_translate(cr, kPadding + inner_width * (1 - scale) / 2, kPadding);
    cairo_scale(cr, scale, scale);
    drawing.draw(0, 0);
}

}  // namespace

StatusOr<std::string> chart_png(const Chart& chart, double width_cm, double height_cm) {
    if (!std::isfinite(width_cm) || !std::isfinite(height_cm)) {
        return Status::Invalid("chart PNG: the size is not a finite number of centimetres");
    }
    const long width_px = pixels_of(width_cm);
    const long height_px = pixels_of(height_cm);
    if (width_px < 1 || height_px < 1 || width_px > kMaxPixels || height_px > kMaxPixels) {
        return Status::Invalid("chart PNG: " + std::to_string(width_px) + " x " +
                               std::to_string(height_px) + " pixels is outside 1.." +
                               std::to_string(kMaxPixels));
    }

    cairo_surface_t* surface = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, static_cast<int>(width_px), static_cast<int>(height_px));
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, kDotsPerInch / kPointsPerInch, kDotsPerInch / kPointsPerInch);
    draw_fitted(cr, chart, width_cm / kCmPerInch * kPointsPerInch,
                height_cm / kCmPerInch * kPointsPerInch);
    const cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);

    std::string png;
    const cairo_status_t written =
        drawn != CAIRO_STATUS_SUCCESS
            ? drawn
            : cairo_surface_write_to_png_stream(surface, append_to_string, &png);
    cairo_surface_destroy(surface);
    if (written != CAIRO_STATUS_SUCCESS) {
        return Status::Internal(std::string("chart PNG: cairo failed: ") +
                                cairo_status_to_string(written));
    }
    return png;
}

}  // namespace itagap::report
