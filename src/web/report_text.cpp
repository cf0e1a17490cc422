#include "web/report_text.hpp"

namespace itagap::web {

const nlohmann::json& report_text(Language language) {
    static const nlohmann::json kThai = catalogue_json(Language::kThai, "report");
    static const nlohmann::json kEnglish = catalogue_json(Language::kEnglish, "report");
    return language == Language::kEnglish ? kEnglish : kThai;
}

std::string report_phrase(Language language, std::string_view key) {
    return std::string(text::phrase(language, "report", key));
}

// report/month_1..12 in the catalogue; the Thai ones are core::thai_month_name's
// words (tests/unit/text checks that they agree, so a heading and a date agree).
std::string report_month_name(Language language, int month) {
    if (month < 1 || month > 12) return {};
    return report_phrase(language, "month_" + std::to_string(month));
}

}  // namespace itagap::web
