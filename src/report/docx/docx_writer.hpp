// A report Document (report/document.hpp) as a Word file (OOXML
// WordprocessingML), written by the project and zipped in memory with libzip:
// A4, Thai government margins (top 2.5 cm, left 3 cm, right 2 cm, bottom
// 2 cm), TH Sarabun New 16 pt on every font slot (Word shapes Thai as
// complex script; LibreOffice on Debian substitutes the metric-compatible
// Laksaman), formatting in named styles so the file stays editable, tables
// with vertically merged cells for row spans and a header row repeated on
// each page, "หน้า N / M" in the footer, charts as PNG images. Every text is
// XML-escaped and characters XML 1.0 forbids are dropped. Archive member
// times are fixed, so the same document gives the same bytes (in one time
// zone: zip stores local time).
#pragma once

#include <functional>
#include <string>

#include "core/status.hpp"
#include "report/document.hpp"

namespace itagap::report {

// Draws a chart as PNG bytes at the given size; a failed Status when it cannot. The
// DOCX writer takes it as an argument so it needs no drawing library itself
// (report/pdf/chart_png.hpp gives the cairo one).
using ChartPngRenderer =
    std::function<StatusOr<std::string>(const Chart& chart, double width_cm, double height_cm)>;

// The .docx bytes. A chart the renderer cannot draw (a failed Status, bytes
// that are not a PNG, or an empty render_chart) is written as a table of its
// bars, label | value, so no number is lost. A failed Status, and never an
// exception: kInvalid naming the problems when check_document finds any (the
// writers do not guess at a broken table), kInternal when libzip fails or
// render_chart throws.
StatusOr<std::string> document_docx(const Document& document, const ChartPngRenderer& render_chart);

}  // namespace itagap::report
