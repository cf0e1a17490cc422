// A report Document (report/document.hpp) as an A4 PDF through cairo and
// pango: Laksaman 16 pt embedded (metric-compatible with TH Sarabun New),
// Thai government margins (top 2.5 cm, left 3 cm, right 2 cm, bottom 2 cm),
// Thai shaped and broken into lines by pango (libthai), tables with row spans
// and a header repeated on each page, charts drawn as vectors, and
// "หน้า N / M" at the foot of each page. The same content as the DOCX.
#pragma once

#include <string>

#include "core/status.hpp"
#include "report/document.hpp"

namespace itagap::report {

// The PDF's bytes; kInvalid naming the problems when check_document finds
// any, kInternal naming cairo's error when cairo could not make it.
StatusOr<std::string> document_pdf(const Document& document);

}  // namespace itagap::report
