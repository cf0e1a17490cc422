#include "web/admin_text.hpp"

namespace itagap::web {

const nlohmann::json& admin_text(Language language) {
    static const nlohmann::json kThai = catalogue_json(Language::kThai, "admin");
    static const nlohmann::json kEnglish = catalogue_json(Language::kEnglish, "admin");
    return language == Language::kEnglish ? kEnglish : kThai;
}

std::string admin_phrase(Language language, std::string_view key) {
    return std::string(text::phrase(language, "admin", key));
}

}  // namespace itagap::web
