// A printable A4 sheet of IIT access codes: one slip per code, with the unit,
// the round, where to answer and the code in large type, to be cut apart and
// handed to staff. PDF through cairo and pango (Thai shaping and line
// breaking by libthai), with the Laksaman font (metric-compatible with TH
// Sarabun New) embedded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "report/pdf/qr_modules.hpp"

namespace itagap::report {

struct AccessCodeSheet {
    std::string title;  // "รหัสเข้าตอบแบบสำรวจ IIT"
    std::string unit_name;
    std::string round_name;
    std::string survey_url;          // "https://ita.example.go.th/iit"
    std::string instructions;        // one line on how to answer, and that it is anonymous
    std::vector<std::string> codes;  // display form "K7Q-MX3-PAR"
    // Per code (same order), the QR code of the survey link with the code
    // filled in; empty, or missing at the end: no QR on that slip.
    std::vector<QrModules> code_qrs;
};

// The PDF's bytes, or kInternal naming cairo's error when cairo could not make it.
StatusOr<std::string> access_code_sheet_pdf(const AccessCodeSheet& sheet);

}  // namespace itagap::report
