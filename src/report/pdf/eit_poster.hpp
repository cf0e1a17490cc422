// The EIT poster: one A4 page for a counter or a notice board, with the
// agency and unit, the round, what the survey is, a large QR code of the
// unit's EIT link, the link written out, and the anonymity promise in Thai.
// PDF through cairo and pango with the Laksaman font embedded.
#pragma once

#include <string>

#include "core/status.hpp"
#include "report/pdf/qr_modules.hpp"

namespace itagap::report {

struct EitPoster {
    std::string heading;  // "ขอเชิญร่วมตอบแบบสำรวจ"
    std::string title;  // "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"
    std::string unit_name;  // the unit, with the agency when known
    std::string round_name;  // "รอบ 5 เดือนแรก ปีงบประมาณ พ.ศ. 2569"
    std::string scan_hint;  // "สแกน QR code หรือเปิดลิงก์"
    std::string link;       // the EIT link written out
    std::string promise;    // the anonymity promise
    std::string period;  // "เปิดรับคำตอบ 1 ต.ค. 2568 - 28 ก.พ. 2569"; may be empty
    QrModules qr;  // of `link`
};

// The PDF's bytes, or kInternal naming cairo's error.
StatusOr<std::string> eit_poster_pdf(const EitPoster& poster);

}  // namespace itagap::report
