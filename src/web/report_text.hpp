// The executive report's message catalogue (รายงานผลการติดตามแผนพัฒนาเสนอ
// ผู้บริหาร), Thai first with English as the second language. The HTML page
// reads it as {{r.key}}; the PDF gets the same words through
// report::ExecutiveReportLabels. Nothing Thai is written in a handler.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "web/ui_text.hpp"

namespace itagap::web {

// Every report string of the given language, as a JSON object. Both
// languages have the same keys.
const nlohmann::json& report_text(Language language);

// One string; the key itself when it is missing (a bug, but not a crash).
std::string report_phrase(Language language, std::string_view key);

// The month's name in the language: "เมษายน", "April"; empty outside 1..12.
std::string report_month_name(Language language, int month);

}  // namespace itagap::web
