// The improvement-plan pages' message catalogue (แผนพัฒนา / มาตรการแก้ไข),
// Thai first with English as the second language. Templates read it as
// {{p.key}}; views read it with plan_phrase() for the few phrases they
// compose (status labels, "overdue 3 days"). Nothing Thai is written in a
// handler.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "web/ui_text.hpp"

namespace itagap::web {

// Every plan UI string of the given language, as a JSON object. Both
// languages have the same keys.
const nlohmann::json& plan_text(Language language);

// One string; the key itself when it is missing (a bug, but not a crash).
std::string plan_phrase(Language language, std::string_view key);

}  // namespace itagap::web
