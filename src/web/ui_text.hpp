// The web pages' message catalogue, Thai first with English as the second
// language. Templates read it as {{t.key}}; nothing Thai is written in a
// handler.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "report/messages.hpp"

namespace itagap::web {

using report::Language;

// "th" or "en" (anything else: Thai).
Language language_from_code(std::string_view code);
std::string_view language_code(Language language);

// Every UI string of the given language, as a JSON object for templates.
const nlohmann::json& ui_text(Language language);

}  // namespace itagap::web
