// Data files compiled into the binary, so `itagap demo` works from anywhere.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace itagap::cli {

const std::vector<std::pair<std::string_view, std::string_view>>& embedded_data_files();

// data/questionnaires/ita-internal-2568.json
std::string_view embedded_questionnaire();
// data/demo/responses.csv
std::string_view embedded_demo_responses();
// data/demo/plan-2569.json
std::string_view embedded_demo_plan();

}  // namespace itagap::cli
