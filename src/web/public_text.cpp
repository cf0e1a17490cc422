#include "web/public_text.hpp"

namespace itagap::web {

namespace {

nlohmann::json thai() {
    return {
        {"list_title", "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA)"},
        {"list_intro",
         "ผลการประเมินและมาตรการแก้ไขของหน่วยงาน ตามรอบการประเมินที่เผยแพร่แล้ว "
         "เลือกหน่วยงานเพื่อดูคะแนน การวิเคราะห์ และความก้าวหน้าของมาตรการ"},
        {"no_rounds", "ยังไม่มีผลการประเมินที่เผยแพร่"},
        {"fiscal_year", "ปีงบประมาณ"},
        {"collected", "เก็บข้อมูล"},
        {"results_title", "ผลการประเมิน ITA"},
        {"back_to_list", "ผลการประเมินทั้งหมด"},
        {"other_language", "English"},
        {"target_label", "เป้าหมาย"},
        {"scores_heading", "คะแนนการประเมิน"},
        {"ita_total", "คะแนน ITA รวม"},
        {"grade", "ระดับ"},
        {"respondents_n", "ผู้ตอบ {n} คน"},
        {"below_target", "ต่ำกว่าเป้าหมาย"},
        {"no_data", "ไม่มีข้อมูล"},
        {"sample_note",
         "คะแนนเป็นร้อยละของคำตอบเชิงบวก จำนวนผู้ตอบ (n) คือฐานของคะแนนแต่ละค่า "
         "คะแนนจากผู้ตอบจำนวนน้อยควรอ่านด้วยความระมัดระวัง"},
        {"indicators_heading", "คะแนนรายตัวชี้วัด"},
        {"indicator_word", "ตัวชี้วัดที่"},
        {"col_instrument", "แบบวัด"},
        {"col_indicator", "ตัวชี้วัด"},
        {"col_score", "คะแนน (ร้อยละ)"},
        {"col_n", "ผู้ตอบ (n)"},
        {"summary_heading", "สรุปผลการวิเคราะห์"},
        {"measures_heading", "มาตรการแก้ไขและความก้าวหน้า"},
        {"plan_progress", "ความก้าวหน้าเฉลี่ยของมาตรการ (ไม่รวมที่ยกเลิก)"},
        {"percent_word", "ร้อยละ"},
        {"no_plan", "หน่วยงานยังไม่ได้จัดทำแผนพัฒนาจากผลการประเมินรอบนี้"},
        {"no_measures", "แผนพัฒนายังไม่มีมาตรการ"},
        {"measure_word", "มาตรการที่"},
        {"col_strategy", "กลยุทธ์ (PIRAB)"},
        {"col_owner", "ผู้รับผิดชอบ"},
        {"col_due", "กำหนดแล้วเสร็จ"},
        {"col_status", "สถานะ"},
        {"col_percent", "ความก้าวหน้า"},
        {"open_data_heading", "ข้อมูลเปิด"},
        {"download_json", "ข้อมูลชุดเดียวกันในรูปแบบ JSON"},
        {"download_csv", "ดาวน์โหลดคะแนนเป็นไฟล์ CSV"},
        {"open_data_note", "ข้อมูลเปิดไม่มีความคิดเห็นของผู้ตอบ และไม่มีข้อมูลที่ระบุตัวผู้ตอบ"},
        {"not_found_title", "ไม่พบผลการประเมิน"},
        {"not_found_message", "ไม่พบผลการประเมินที่ต้องการ หรือผลการประเมินนี้ยังไม่เผยแพร่"},
        {"unavailable_title", "ระบบขัดข้องชั่วคราว"},
        {"unavailable_message", "ไม่สามารถแสดงผลการประเมินได้ในขณะนี้ กรุณาลองใหม่อีกครั้ง"},
    };
}

nlohmann::json english() {
    return {
        {"list_title", "Integrity and Transparency Assessment (ITA) results"},
        {"list_intro",
         "Units' results and improvement measures for the assessment rounds published so "
         "far. Choose a unit to see its scores, the analysis and the progress of its measures."},
        {"no_rounds", "No results have been published yet"},
        {"fiscal_year", "Fiscal year"},
        {"collected", "collected"},
        {"results_title", "ITA results"},
        {"back_to_list", "All published results"},
        {"other_language", "ภาษาไทย"},
        {"target_label", "Target"},
        {"scores_heading", "Scores"},
        {"ita_total", "ITA total"},
        {"grade", "grade"},
        {"respondents_n", "{n} respondents"},
        {"below_target", "below target"},
        {"no_data", "No data"},
        {"sample_note",
         "Scores are the percentage of favourable answers; n is the number of respondents "
         "behind each figure. Read figures from few respondents with care."},
        {"indicators_heading", "Scores by indicator"},
        {"indicator_word", "Indicator"},
        {"col_instrument", "Instrument"},
        {"col_indicator", "Indicator"},
        {"col_score", "Score (%)"},
        {"col_n", "Respondents (n)"},
        {"summary_heading", "Summary of the analysis"},
        {"measures_heading", "Improvement measures and progress"},
        {"plan_progress", "Mean progress of the measures (not cancelled)"},
        {"percent_word", "%"},
        {"no_plan", "The unit has not yet made an improvement plan from this round"},
        {"no_measures", "The plan has no measures yet"},
        {"measure_word", "Measure"},
        {"col_strategy", "Strategy (PIRAB)"},
        {"col_owner", "Owner"},
        {"col_due", "Due"},
        {"col_status", "Status"},
        {"col_percent", "Progress"},
        {"open_data_heading", "Open data"},
        {"download_json", "The same data as JSON"},
        {"download_csv", "Download the scores as CSV"},
        {"open_data_note",
         "The open data holds no respondent's comment and nothing that identifies a respondent."},
        {"not_found_title", "Results not found"},
        {"not_found_message", "These results do not exist or have not been published"},
        {"unavailable_title", "Temporarily unavailable"},
        {"unavailable_message", "The results cannot be shown right now. Please try again."},
    };
}

}  // namespace

const nlohmann::json& public_text(Language language) {
    static const nlohmann::json th = thai();
    static const nlohmann::json en = english();
    return language == Language::kEnglish ? en : th;
}

std::string public_phrase(Language language, std::string_view key) {
    const auto& text = public_text(language);
    auto it = text.find(std::string(key));
    return it == text.end() ? std::string(key) : it->get<std::string>();
}

}  // namespace itagap::web
