#include "web/ui_text.hpp"

namespace itagap::web {

Language language_from_code(std::string_view code) {
    return code == "en" ? Language::kEnglish : Language::kThai;
}

nlohmann::json catalogue_json(Language language, std::string_view context) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : text::catalogue().context(language, context)) out[key] = value;
    return out;
}

const nlohmann::json& ui_text(Language language) {
    static const nlohmann::json kThai = catalogue_json(Language::kThai, "survey");
    static const nlohmann::json kEnglish = catalogue_json(Language::kEnglish, "survey");
    return language == Language::kEnglish ? kEnglish : kThai;
}

std::string ui_phrase(Language language, std::string_view key) {
    return std::string(text::phrase(language, "survey", key));
}

}  // namespace itagap::web
