// QR codes for survey links, so respondents can open a form from a printed
// poster or a slide. Error correction level M (15% of the symbol can be lost),
// smallest version that fits. Rendered as SVG (for pages and print) or PNG
// (for DOCX/XLSX and download). Only geometry goes into the output; the
// encoded text appears nowhere in it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itagap::security {

// Limits on the drawing parameters; outside them the functions return nullopt.
inline constexpr int kQrMaxModulePx = 64;
inline constexpr int kQrMaxMarginModules = 16;  // the QR standard asks for 4

// Dark (true) and light modules, row by row; square, 21 + 4k modules a side
// for version k + 1. Without the quiet-zone margin. nullopt if `text` is
// empty, contains a NUL byte, or is too long for a QR code (about 2.3 kB at M).
std::optional<std::vector<std::vector<bool>>> qr_matrix(std::string_view text);

// A standalone SVG document: xmlns, width/height in px, viewBox in modules,
// shape-rendering="crispEdges", a white background and one black <path> of
// rectangles (one per horizontal run of dark modules). Safe to inline in HTML.
std::optional<std::string> qr_svg(std::string_view text, int module_px = 8, int margin_modules = 4);

// A PNG image (1-bit greyscale) of side (modules + 2 * margin) * module_px.
std::optional<std::vector<unsigned char>> qr_png(std::string_view text, int module_px = 8,
                                                 int margin_modules = 4);

}  // namespace itagap::security
