// A report chart (report/document.hpp) drawn by cairo and pango as a PNG, for
// formats that take images (the DOCX writer): the same drawing the PDF uses.
#pragma once

#include <string>

#include "core/status.hpp"
#include "report/document.hpp"

namespace itagap::report {

// PNG bytes of the chart at width_cm x height_cm and 200 dots per inch;
// kInvalid for a size that is not finite or out of range (1 px .. the
// maximum), kInternal naming cairo's error when cairo could not draw it.
StatusOr<std::string> chart_png(const Chart& chart, double width_cm, double height_cm);

}  // namespace itagap::report
