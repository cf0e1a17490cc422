#include "report/pdf/text_setter.hpp"

namespace itagap::report::pdf {

namespace {

struct FontDeleter {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct FontOptionsDeleter {
    void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};

PangoAlignment pango_alignment(Align align) {
    switch (align) {
        case Align::kRight:
            return PANGO_ALIGN_RIGHT;
        case Align::kCenter:
            return PANGO_ALIGN_CENTER;
        case Align::kLeft:
        case Align::kJustify:
            return PANGO_ALIGN_LEFT;
    }
    return PANGO_ALIGN_LEFT;
}

}  // namespace

TextSetter::TextSetter(cairo_t* cr) : cr_(cr) {
    context_.reset(pango_cairo_create_context(cr_));
    pango_cairo_context_set_resolution(context_.get(), 72);
    // Unhinted metrics (what PDF surfaces use anyway), so a chart measures the
    // same on a PNG as on a PDF page.
    std::unique_ptr<cairo_font_options_t, FontOptionsDeleter> options(cairo_font_options_create());
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_.get(), options.get());
}

LayoutPtr TextSetter::layout(std::string_view text, const Font& font, double width, Align align,
                             double first_line_indent) const {
    LayoutPtr layout(pango_layout_new(context_.get()));
    std::unique_ptr<PangoFontDescription, FontDeleter> description(
        pango_font_description_from_string(font.description));
    pango_layout_set_font_description(layout.get(), description.get());
    pango_layout_set_width(layout.get(), width > 0 ? static_cast<int>(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), pango_alignment(align));
    pango_layout_set_justify(layout.get(), align == Align::kJustify);
    pango_layout_set_indent(layout.get(), static_cast<int>(first_line_indent * PANGO_SCALE));
    pango_layout_set_line_spacing(layout.get(), font.line_spacing);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
}

double TextSetter::height(std::string_view text, const Font& font, double width) const {
    return height_of(layout(text, font, width).get());
}

double TextSetter::natural_width(std::string_view text, const Font& font) const {
    int w = 0, h = 0;
    pango_layout_get_size(layout(text, font, 0).get(), &w, &h);
    return static_cast<double>(w) / PANGO_SCALE;
}

double TextSetter::draw(std::string_view text, const Font& font, double x, double y, double width,
                        Align align) const {
    LayoutPtr laid_out = layout(text, font, width, align);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, laid_out.get());
    return height_of(laid_out.get());
}

double TextSetter::height_of(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace itagap::report::pdf
