#include "web/public_text.hpp"

namespace itagap::web {

const nlohmann::json& public_text(Language language) {
    static const nlohmann::json kThai = catalogue_json(Language::kThai, "public");
    static const nlohmann::json kEnglish = catalogue_json(Language::kEnglish, "public");
    return language == Language::kEnglish ? kEnglish : kThai;
}

std::string public_phrase(Language language, std::string_view key) {
    return std::string(text::phrase(language, "public", key));
}

}  // namespace itagap::web
