// A report chart (report/document.hpp) drawn by cairo and pango as a PNG, for
// formats that take images (the DOCX writer): the same drawing the PDF uses.
#pragma once

#include <optional>
#include <string>

#include "report/document.hpp"

namespace itagap::report {

// PNG bytes of the chart at width_cm x height_cm and 200 dots per inch;
// nullopt when cairo could not draw it.
std::optional<std::string> chart_png(const Chart& chart, double width_cm, double height_cm);

}  // namespace itagap::report
