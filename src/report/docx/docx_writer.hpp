// A report Document (report/document.hpp) as a Word file (OOXML
// WordprocessingML), written by the project and zipped with libzip: A4,
// Thai government margins (top 2.5 cm, left 3 cm, right 2 cm, bottom 2 cm),
// TH Sarabun New 16 pt (LibreOffice on Debian substitutes the metric-
// compatible Laksaman), tables with merged cells for row spans, page numbers
// in the footer, charts as PNG images. Every text is XML-escaped and
// characters XML 1.0 forbids are dropped.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "report/document.hpp"

namespace itagap::report {

// Draws a chart as PNG bytes at the given size; nullopt when it cannot. The
// DOCX writer takes it as an argument so it needs no drawing library itself
// (report/pdf/chart_png.hpp gives the cairo one).
using ChartPngRenderer =
    std::function<std::optional<std::string>(const Chart& chart, double width_cm, double height_cm)>;

// The .docx bytes, or nullopt when the archive could not be made.
std::optional<std::string> document_docx(const Document& document, const ChartPngRenderer& render_chart);

}  // namespace itagap::report
