// The command's words, from the message catalogue's "cli" texts
// (data/messages/*.po). The command has no language option for its own
// messages, so most say both: "ไทย / English".
#pragma once

#include <string>
#include <string_view>

#include "text/catalogue.hpp"

namespace itagap::cli {

// The Thai text, `separator`, then the English one.
inline std::string both_languages(std::string_view key, std::string_view separator = " / ") {
    return std::string(text::phrase(text::Language::kThai, "cli", key)) + std::string(separator) +
           std::string(text::phrase(text::Language::kEnglish, "cli", key));
}

inline std::string cli_text(text::Language language, std::string_view key) {
    return std::string(text::phrase(language, "cli", key));
}

}  // namespace itagap::cli
