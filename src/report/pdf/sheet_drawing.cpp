#include "report/pdf/sheet_drawing.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>

#include "report/pdf/page_writer.hpp"

namespace itagap::report::pdf {

namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
struct FontDeleter {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

}  // namespace

double draw_wrapped_text(cairo_t* cr, const std::string& text, const char* font, double x, double y,
                         double width, bool centred) {
    std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr));
    std::unique_ptr<PangoFontDescription, FontDeleter> description(
        pango_font_description_from_string(font));
    pango_layout_set_font_description(layout.get(), description.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    if (centred) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
}

void draw_qr(cairo_t* cr, const QrModules& modules, double x, double y, double size,
             int margin_modules) {
    if (modules.empty()) return;
    const double side = static_cast<double>(modules.size() + 2 * margin_modules);
    const double module = size / side;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (std::size_t row = 0; row < modules.size(); ++row) {
        for (std::size_t col = 0; col < modules[row].size(); ++col) {
            if (!modules[row][col]) continue;
            // A hair wider than a module, so neighbours print without seams.
            cairo_rectangle(cr, x + (static_cast<double>(col) + margin_modules) * module,
                            y + (static_cast<double>(row) + margin_modules) * module, module + 0.05,
                            module + 0.05);
        }
    }
    cairo_fill(cr);
    cairo_restore(cr);
}

StatusOr<std::string> a4_pdf(std::string_view what, const std::string& title,
                             const std::function<void(cairo_t*)>& draw) {
    std::string out;
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(append_to_string, &out, kPageWidth, kPageHeight);
    if (const cairo_status_t status = cairo_surface_status(surface);
        status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return Status::Internal(std::string(what) + ": cairo could not make a surface: " +
                                cairo_status_to_string(status));
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "itagap");
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0, 0, 0);
    draw(cr);
    cairo_show_page(cr);
    const cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    if (drawn != CAIRO_STATUS_SUCCESS) {
        return Status::Internal(std::string(what) +
                                ": cairo failed while drawing: " + cairo_status_to_string(drawn));
    }
    return out;
}

}  // namespace itagap::report::pdf
