// Thai text set by pango on a cairo surface, for the PDF writers and the chart
// drawing (internal to itagap_pdf). Lengths are PostScript points: the pango
// context works at 72 dpi, so one cairo user unit is one point whether the
// surface is a PDF page or a PNG scaled to 200 dpi.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string_view>

namespace itagap::report::pdf {

// A pango font description and the line spacing its layouts get.
struct Font {
    const char* description;
    float line_spacing = 0;  // baseline to baseline in font heights; 0: the font's own
};

// Laksaman is metric-compatible with TH Sarabun New, the font of Thai
// official documents, and is embedded in every PDF.
inline constexpr Font kBody{"Laksaman 16"};
inline constexpr Font kBold{"Laksaman Bold 16"};
inline constexpr Font kTitle{"Laksaman Bold 18"};
// Laksaman's own line height is about 1.6 em, roomy for tables.
inline constexpr Font kTableBody{"Laksaman 14", 0.85f};
inline constexpr Font kTableBold{"Laksaman Bold 13", 0.85f};
inline constexpr Font kFooter{"Laksaman 14"};
inline constexpr Font kSmall{"Laksaman 12"};

// kJustify stretches every line but the last to the full width.
enum class Align { kLeft, kCenter, kRight, kJustify };

struct GObjectDeleter {
    void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;

class TextSetter {
public:
    // REQUIRES: cr outlives this, and its transformation is already the one
    // text will be drawn with (pango reads it here, once).
    explicit TextSetter(cairo_t* cr);

    // Wrapped to `width` points (unwrapped when width <= 0). Thai has no
    // spaces between words: libthai finds the breaks, and a word longer than
    // the width breaks between characters.
    LayoutPtr layout(std::string_view text, const Font& font, double width,
                     Align align = Align::kLeft, double first_line_indent = 0) const;

    double height(std::string_view text, const Font& font, double width) const;
    double natural_width(std::string_view text, const Font& font) const;

    // Draws the text with its top left at (x, y); returns its height.
    double draw(std::string_view text, const Font& font, double x, double y, double width,
                Align align = Align::kLeft) const;

    cairo_t* cairo() const { return cr_; }

    static double height_of(PangoLayout* layout);

private:
    cairo_t* cr_;
    std::unique_ptr<PangoContext, GObjectDeleter> context_;
};

}  // namespace itagap::report::pdf
