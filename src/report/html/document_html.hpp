// A report Document (report/document.hpp) as one self-contained HTML page:
// Thai first, print-friendly (A4 with the Thai government margins when
// printed, TH Sarabun New / Laksaman 16 pt), tables with row spans, charts as
// inline SVG (report/bar_chart_svg.hpp). No script and no external resources;
// every text is HTML-escaped.
#pragma once

#include <string>

#include "report/document.hpp"

namespace itagap::report {

std::string document_html(const Document& document);

}  // namespace itagap::report
