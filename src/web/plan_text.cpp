#include "web/plan_text.hpp"

namespace itagap::web {

const nlohmann::json& plan_text(Language language) {
    static const nlohmann::json kThai = catalogue_json(Language::kThai, "plan");
    static const nlohmann::json kEnglish = catalogue_json(Language::kEnglish, "plan");
    return language == Language::kEnglish ? kEnglish : kThai;
}

std::string plan_phrase(Language language, std::string_view key) {
    return std::string(text::phrase(language, "plan", key));
}

}  // namespace itagap::web
