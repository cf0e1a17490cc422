// The web pages' texts, read from the message catalogue (text/catalogue.hpp,
// data/messages/*.po). Templates read the survey's as {{t.key}}; nothing Thai
// is written in a handler.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "report/messages.hpp"
#include "text/catalogue.hpp"

namespace itagap::web {

using report::Language;
using text::language_code;  // "th" or "en"

// "th" or "en" (anything else: Thai).
Language language_from_code(std::string_view code);

// Every text of one catalogue (msgctxt) in the language, as the JSON object
// the templates read. It has every key Thai has; a key the language lacks
// carries the Thai text, so a template never shows a gap.
nlohmann::json catalogue_json(Language language, std::string_view context);

// Every survey-page string of the given language ({{t.key}}).
const nlohmann::json& ui_text(Language language);

// One survey-page string; Thai, then the key itself, when it is missing.
std::string ui_phrase(Language language, std::string_view key);

}  // namespace itagap::web
