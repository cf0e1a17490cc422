// The public results pages' message catalogue (the seed document's "A:
// communicate results and measures online"), Thai first with English as the
// second language. Templates read it as {{p.key}}; views read it with
// public_phrase() for the few phrases they compose (chart labels). Nothing
// Thai is written in a handler.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "web/ui_text.hpp"

namespace itagap::web {

// Every public-page string of the given language, as a JSON object. Both
// languages have the same keys.
const nlohmann::json& public_text(Language language);

// One string; the key itself when it is missing (a bug, but not a crash).
std::string public_phrase(Language language, std::string_view key);

}  // namespace itagap::web
