// Thai and English sentences. Thai follows the wording of the KPI attachment
// that agencies write by hand (shared/seed): "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ...".
#include "report/messages.hpp"

namespace itagap::report {

namespace {

constexpr Messages kThai{
    .language = Language::kThai,
    .instrument_heading = "ผลคะแนนการประเมิน {instrument} {round} ({unit})",
    .instrument_score = "ได้คะแนนร้อยละ {score} ระดับ {grade} จากผู้ตอบ {respondents} คน "
                        "(ช่วงความเชื่อมั่น 95%: {low}-{high})",
    .highest_lowest = "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ {highest} ขณะที่คะแนนต่ำสุด คือ {lowest}",
    .all_indicators_equal = "ทุกตัวชี้วัดได้คะแนนเท่ากัน (ร้อยละ {score})",
    .indicator_ref = "ตัวชี้วัดที่ {number} {name} (ร้อยละ {score})",
    .lowest_item = "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ {score}) คือ {items}",
    .lowest_items_tied = "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ {score}) มี {count} ข้อ คือ {items}",
    .item_ref_share = "“{code} {text}” ({favourable} จาก {answers} คำตอบ)",
    .item_ref_mean = "“{code} {text}” ({answers} คำตอบ)",
    .misread = "ข้อ {code} เป็นข้อคำถามเชิงลบ (คิดคะแนนกลับด้าน) ผู้ตอบ {flagged} จาก {answers} คน "
               "เลือก “{worst}” ทั้งที่ตอบข้ออื่นในตัวชี้วัดเดียวกันในด้านบวกทั้งหมด "
               "จึงอาจสับสนกับข้อความทำให้เลือกคำตอบผิดจากที่ตั้งใจไว้ "
               "หากตอบตามที่ตั้งใจ คะแนนข้อนี้จะเป็นประมาณร้อยละ {estimate} (ค่าประมาณ)",
    .below_target_none = "ทุกตัวชี้วัดและทุกข้อย่อยได้คะแนนไม่ต่ำกว่าเป้าหมายร้อยละ {target}",
    .below_target_indicators = "ตัวชี้วัดที่ได้คะแนนต่ำกว่าเป้าหมายร้อยละ {target} ได้แก่ {list}",
    .below_target_items = "ข้อย่อยที่ได้คะแนนต่ำกว่าเป้าหมายร้อยละ {target} ได้แก่ {list}",
    .item_score_short = "{code} (ร้อยละ {score})",
    .no_previous_round = "ยังไม่มีผลรอบก่อนของหน่วยงานนี้ให้เปรียบเทียบ",
    .change = "เมื่อเทียบกับ {previous_round} {what} {direction} {delta} คะแนน "
              "(จากร้อยละ {before} เป็นร้อยละ {after})",
    .increased = "เพิ่มขึ้น",
    .decreased = "ลดลง",
    .unchanged = "เท่าเดิม",
    .ita_total_word = "คะแนนรวม ITA",
    .missing_instrument = "ยังไม่มีผลการประเมิน {instrument} ในรอบนี้",
    .total = "คะแนนรวม ITA ร้อยละ {score} ระดับ {grade} {verdict}",
    .total_rescaled = "คะแนนรวม ITA ร้อยละ {score} ระดับ {grade} {verdict} "
                      "(คิดจาก {present} โดยปรับน้ำหนักตามสัดส่วน เนื่องจากยังไม่มีผล {missing})",
    .passed = "ผ่านเกณฑ์ร้อยละ {pass_mark}",
    .not_passed = "ยังไม่ผ่านเกณฑ์ร้อยละ {pass_mark}",
    .sentence_end = "",
    .list_separator = ", ",
    .list_last_separator = " และ ",
    .column_name = "ตัวชี้วัด / ข้อย่อย",
    .column_score = "ร้อยละ",
    .column_ci = "ช่วงความเชื่อมั่น 95%",
    .column_answers = "ด้านบวก/คำตอบ",
    .column_respondents = "ผู้ตอบ",
    .indicator_short = "ตัวชี้วัดที่ {number}",
    .estimate_note = "ค่าประมาณ",
};

constexpr Messages kEnglish{
    .language = Language::kEnglish,
    .instrument_heading = "{instrument} results, {round} ({unit}):",
    .instrument_score = "score {score}, grade {grade}, from {respondents} respondents "
                        "(95% confidence interval {low}-{high})",
    .highest_lowest = "The highest indicator is {highest}; the lowest is {lowest}",
    .all_indicators_equal = "Every indicator has the same score ({score})",
    .indicator_ref = "indicator {number} {name} ({score})",
    .lowest_item = "The lowest item ({score}) is {items}",
    .lowest_items_tied = "The lowest items ({score}), {count} of them, are {items}",
    .item_ref_share = "\"{code} {text}\" ({favourable} of {answers} answers)",
    .item_ref_mean = "\"{code} {text}\" ({answers} answers)",
    .misread = "Item {code} is negatively worded (reverse-scored): {flagged} of {answers} "
               "respondents chose \"{worst}\" although they answered every other item of the "
               "same indicator favourably, so they may have misread it. Had they answered as "
               "they seemingly intended, the item would score about {estimate} (an estimate)",
    .below_target_none = "Every indicator and item is at or above the target of {target}",
    .below_target_indicators = "Indicators below the target of {target}: {list}",
    .below_target_items = "Items below the target of {target}: {list}",
    .item_score_short = "{code} ({score})",
    .no_previous_round = "There is no previous round of this unit to compare with",
    .change = "Compared with {previous_round}, {what} {direction} by {delta} points "
              "(from {before} to {after})",
    .increased = "rose",
    .decreased = "fell",
    .unchanged = "stayed the same",
    .ita_total_word = "the ITA total",
    .missing_instrument = "There are no {instrument} results in this round",
    .total = "ITA total {score}, grade {grade}, {verdict}",
    .total_rescaled = "ITA total {score}, grade {grade}, {verdict} (from {present} only, weights "
                      "rescaled because there are no {missing} results yet)",
    .passed = "passing the mark of {pass_mark}",
    .not_passed = "below the pass mark of {pass_mark}",
    .sentence_end = ".",
    .list_separator = ", ",
    .list_last_separator = " and ",
    .column_name = "Indicator / item",
    .column_score = "Score",
    .column_ci = "95% CI",
    .column_answers = "Favourable/answers",
    .column_respondents = "Respondents",
    .indicator_short = "Indicator {number}",
    .estimate_note = "estimate",
};

}  // namespace

const Messages& messages(Language language) {
    return language == Language::kEnglish ? kEnglish : kThai;
}

const std::string& pick(const core::LocalText& text, Language language) {
    if (language == Language::kEnglish && !text.en.empty()) return text.en;
    return text.th;
}

std::string join_list(const std::vector<std::string>& parts, const Messages& m) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? m.list_last_separator : m.list_separator;
        out += parts[i];
    }
    return out;
}

}  // namespace itagap::report
