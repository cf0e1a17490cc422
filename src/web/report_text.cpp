#include "web/report_text.hpp"

#include <array>

#include "core/thai_date.hpp"

namespace itagap::web {

namespace {

nlohmann::json thai() {
    return {
        {"title", "รายงานผลการติดตามแผนพัฒนาเสนอผู้บริหาร"},
        {"fiscal_year", "ปีงบประมาณ"},
        {"month", "ประจำเดือน"},
        {"generated_on", "จัดทำเมื่อ"},
        {"as_of", "ข้อมูล ณ วันที่"},
        {"summary_heading", "สรุปภาพรวม"},
        {"sum_plans", "จำนวนแผนพัฒนา"},
        {"sum_measures", "จำนวนมาตรการ (ไม่รวมที่ยกเลิก)"},
        {"sum_done", "มาตรการที่ดำเนินการแล้วเสร็จ"},
        {"sum_mean", "ความก้าวหน้าเฉลี่ย (ร้อยละ)"},
        {"sum_overdue", "มาตรการที่เกินกำหนด"},
        {"sum_quiet", "มาตรการที่ไม่มีการรายงานความคืบหน้า"},
        {"sum_gaps", "ช่องว่างที่ยังไม่มีมาตรการรองรับ"},
        {"sum_units", "หน่วยงานที่ยังไม่มีแผนพัฒนา"},
        {"strategy_heading", "ความก้าวหน้าตามกลยุทธ์ PIRAB"},
        {"col_strategy", "กลยุทธ์"},
        {"col_measures", "มาตรการ"},
        {"col_done", "แล้วเสร็จ"},
        {"col_in_progress", "กำลังดำเนินการ"},
        {"col_not_started", "ยังไม่เริ่ม"},
        {"col_cancelled", "ยกเลิก"},
        {"col_mean", "ร้อยละเฉลี่ย"},
        {"overdue_heading", "มาตรการที่เกินกำหนด"},
        {"col_unit", "หน่วยงาน"},
        {"col_measure", "มาตรการ"},
        {"col_owner", "ผู้รับผิดชอบ"},
        {"col_due", "กำหนดเสร็จ"},
        {"col_days_overdue", "เกินกำหนด (วัน)"},
        {"quiet_heading_before", "มาตรการที่ไม่มีการรายงานความคืบหน้า"},
        {"quiet_heading_after", "วันขึ้นไป"},
        {"col_status", "สถานะ"},
        {"col_days_quiet", "ไม่มีรายงาน (วัน)"},
        {"never_updated", "ยังไม่เคยรายงาน"},
        {"gaps_heading", "ช่องว่าง (Gap) ที่ยังไม่มีมาตรการรองรับ"},
        {"units_heading", "หน่วยงานที่ยังไม่มีแผนพัฒนา"},
        {"none", "ไม่มี"},
        {"no_data", "ไม่มีข้อมูล"},
        {"days", "วัน"},
        {"page", "หน้า"},
        {"indicator_word", "ตัวชี้วัดที่"},
        {"download_pdf", "ดาวน์โหลด PDF"},
        {"back_to_monitoring", "กลับไปหน้าติดตามความก้าวหน้า"},
        {"choose_month", "เดือน"},
        {"stale_days", "ไม่มีรายงานความคืบหน้าเกิน (วัน)"},
        {"show", "แสดง"},
        {"print_hint", "พิมพ์หน้านี้ด้วยคำสั่งพิมพ์ของเบราว์เซอร์ หรือดาวน์โหลดเป็น PDF"},
        {"pdf_failed", "สร้างไฟล์ PDF ไม่สำเร็จ กรุณาพิมพ์หน้ารายงานแทน"},
        {"file_failed", "สร้างไฟล์ไม่สำเร็จ กรุณาลองใหม่ หรือเลือกรูปแบบอื่น"},
        {"no_results", "ยังไม่มีผลการประเมินของหน่วยงานนี้ในรอบนี้"},
    };
}

nlohmann::json english() {
    return {
        {"title", "Executive report on improvement plans"},
        {"fiscal_year", "Fiscal year"},
        {"month", "month of"},
        {"generated_on", "Generated on"},
        {"as_of", "Figures as of"},
        {"summary_heading", "Summary"},
        {"sum_plans", "Plans"},
        {"sum_measures", "Measures (not cancelled)"},
        {"sum_done", "Measures done"},
        {"sum_mean", "Mean progress (%)"},
        {"sum_overdue", "Overdue measures"},
        {"sum_quiet", "Measures without a progress update"},
        {"sum_gaps", "Gaps no measure addresses"},
        {"sum_units", "Units without a plan"},
        {"strategy_heading", "Progress by PIRAB strategy"},
        {"col_strategy", "Strategy"},
        {"col_measures", "Measures"},
        {"col_done", "Done"},
        {"col_in_progress", "In progress"},
        {"col_not_started", "Not started"},
        {"col_cancelled", "Cancelled"},
        {"col_mean", "Mean %"},
        {"overdue_heading", "Overdue measures"},
        {"col_unit", "Unit"},
        {"col_measure", "Measure"},
        {"col_owner", "Owner"},
        {"col_due", "Due"},
        {"col_days_overdue", "Days overdue"},
        {"quiet_heading_before", "Measures without a progress update for"},
        {"quiet_heading_after", "days or more"},
        {"col_status", "Status"},
        {"col_days_quiet", "Days without update"},
        {"never_updated", "never updated"},
        {"gaps_heading", "Gaps no measure addresses"},
        {"units_heading", "Units without a plan"},
        {"none", "None"},
        {"no_data", "No data"},
        {"days", "days"},
        {"page", "Page"},
        {"indicator_word", "Indicator"},
        {"download_pdf", "Download PDF"},
        {"back_to_monitoring", "Back to monitoring"},
        {"choose_month", "Month"},
        {"stale_days", "No progress update for more than (days)"},
        {"show", "Show"},
        {"print_hint", "Print this page with the browser's print command, or download it as PDF"},
        {"pdf_failed", "The PDF could not be made. Please print the report page instead."},
        {"file_failed", "The file could not be made. Please try again or choose another format."},
        {"no_results", "This unit has no results in this round yet."},
    };
}

constexpr std::array<const char*, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

}  // namespace

const nlohmann::json& report_text(Language language) {
    static const nlohmann::json th = thai();
    static const nlohmann::json en = english();
    return language == Language::kEnglish ? en : th;
}

std::string report_phrase(Language language, std::string_view key) {
    const auto& text = report_text(language);
    auto it = text.find(std::string(key));
    return it == text.end() ? std::string(key) : it->get<std::string>();
}

std::string report_month_name(Language language, int month) {
    if (month < 1 || month > 12) return {};
    if (language == Language::kEnglish) return kEnglishMonths[static_cast<std::size_t>(month - 1)];
    return std::string(core::thai_month_name(month));
}

}  // namespace itagap::web
