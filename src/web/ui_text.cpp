#include "web/ui_text.hpp"

namespace itagap::web {

Language language_from_code(std::string_view code) {
    return code == "en" ? Language::kEnglish : Language::kThai;
}

std::string_view language_code(Language language) {
    return language == Language::kEnglish ? "en" : "th";
}

namespace {

nlohmann::json thai() {
    return {
        {"app_name", "itagap ประเมินคุณธรรมและความโปร่งใส"},
        {"switch_language", "English"},
        {"switch_language_code", "en"},
        {"step_of", "ขั้นที่ {step} จาก {total}"},
        {"next", "ถัดไป"},
        {"back", "ย้อนกลับ"},
        {"review", "ตรวจทานคำตอบ"},
        {"submit", "ส่งแบบสำรวจ"},
        {"edit", "แก้ไข"},
        {"not_answered", "ยังไม่ได้ตอบ"},
        {"comment_label", "ข้อเสนอแนะเพิ่มเติม (ไม่บังคับ)"},
        {"review_title", "ตรวจทานคำตอบก่อนส่ง"},
        {"review_hint", "ตรวจทานคำตอบของท่าน แก้ไขได้ก่อนกดส่ง เมื่อส่งแล้วจะแก้ไขไม่ได้"},
        {"reverse_hint", "ข้อนี้ถามถึงสิ่งที่ไม่ควรเกิดขึ้น: “น้อยที่สุดหรือไม่มีเลย” หมายถึงดี"},
        {"anonymous_note", "แบบสำรวจนี้ไม่ระบุตัวตน ระบบไม่เก็บรหัสเข้าตอบ ชื่อ หรือที่อยู่ IP ไว้กับคำตอบของท่าน"},
        {"code_title", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"},
        {"code_label", "รหัสเข้าตอบแบบสำรวจ"},
        {"code_hint", "พิมพ์รหัสที่ได้รับ เช่น K7Q-MX3-PAR (ไม่ต้องสนใจตัวพิมพ์เล็กใหญ่และขีด)"},
        {"code_start", "เริ่มทำแบบสำรวจ"},
        {"code_invalid", "ไม่พบรหัสนี้ กรุณาตรวจสอบรหัสอีกครั้ง"},
        {"code_used", "รหัสนี้ถูกใช้ตอบแบบสำรวจไปแล้ว รหัสหนึ่งใช้ได้ครั้งเดียว"},
        {"round_closed_title", "ปิดรับแบบสำรวจแล้ว"},
        {"round_closed", "รอบการประเมินนี้ไม่ได้เปิดรับคำตอบในขณะนี้ ขอบคุณที่สนใจ"},
        {"already_answered_title", "ท่านได้ตอบแบบสำรวจนี้แล้ว"},
        {"already_answered", "เบราว์เซอร์นี้ได้ส่งแบบสำรวจของหน่วยงานนี้ในรอบนี้ไปแล้ว ขอบคุณที่ร่วมตอบ"},
        {"thanks_title", "ขอบคุณที่ร่วมตอบแบบสำรวจ"},
        {"thanks", "ระบบบันทึกคำตอบของท่านเรียบร้อยแล้ว คำตอบของท่านจะช่วยให้หน่วยงานปรับปรุงการทำงานให้ดีขึ้น"},
        {"save_failed", "ขออภัย ระบบบันทึกคำตอบไม่สำเร็จ กรุณากดส่งอีกครั้ง คำตอบของท่านยังอยู่ในหน้านี้"},
        {"too_many", "มีการส่งจากเครือข่ายนี้บ่อยเกินไป กรุณารอสักครู่แล้วลองอีกครั้ง"},
        {"form_expired", "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง กรุณาเริ่มใหม่อีกครั้ง"},
        {"not_found", "ไม่พบหน้าที่ต้องการ"},
        {"answered_count", "ตอบแล้ว {answered} จาก {total} ข้อ"},
        {"skip_link", "ข้ามไปยังเนื้อหา"},
        {"footer_text", "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน (ITA)"},
    };
}

nlohmann::json english() {
    return {
        {"app_name", "itagap integrity and transparency"},
        {"switch_language", "ภาษาไทย"},
        {"switch_language_code", "th"},
        {"step_of", "Step {step} of {total}"},
        {"next", "Next"},
        {"back", "Back"},
        {"review", "Review answers"},
        {"submit", "Submit"},
        {"edit", "Edit"},
        {"not_answered", "Not answered"},
        {"comment_label", "Further comments (optional)"},
        {"review_title", "Review your answers"},
        {"review_hint", "Check your answers; you can change them before you submit. After submitting they cannot be changed."},
        {"reverse_hint", "This item asks about something that should not happen: \"None or very little\" is good."},
        {"anonymous_note", "This survey is anonymous: no access code, name or IP address is kept with your answers."},
        {"code_title", "Internal Integrity and Transparency Assessment (IIT)"},
        {"code_label", "Survey access code"},
        {"code_hint", "Type the code you were given, e.g. K7Q-MX3-PAR (case and dashes do not matter)"},
        {"code_start", "Start the survey"},
        {"code_invalid", "This code was not found. Please check it."},
        {"code_used", "This code has already been used. Each code can be used once."},
        {"round_closed_title", "The survey is closed"},
        {"round_closed", "This assessment round is not accepting answers now. Thank you for your interest."},
        {"already_answered_title", "You have already answered"},
        {"already_answered", "This browser has already submitted this unit's survey in this round. Thank you."},
        {"thanks_title", "Thank you for answering"},
        {"thanks", "Your answers have been saved. They will help the agency improve its work."},
        {"save_failed", "Sorry, your answers could not be saved. Please submit again; your answers are still on this page."},
        {"too_many", "Too many submissions from this network. Please wait a moment and try again."},
        {"form_expired", "The form has expired or is not valid. Please start again."},
        {"not_found", "Page not found"},
        {"answered_count", "{answered} of {total} items answered"},
        {"skip_link", "Skip to content"},
        {"footer_text", "Integrity and Transparency Assessment (ITA)"},
    };
}

}  // namespace

const nlohmann::json& ui_text(Language language) {
    static const nlohmann::json kThai = thai();
    static const nlohmann::json kEnglish = english();
    return language == Language::kEnglish ? kEnglish : kThai;
}

}  // namespace itagap::web
