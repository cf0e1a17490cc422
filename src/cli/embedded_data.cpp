#include "cli/embedded_data.hpp"

namespace itagap::cli {

namespace {
std::string_view find(std::string_view name) {
    for (const auto& [file, bytes] : embedded_data_files()) {
        if (file == name) return bytes;
    }
    return {};
}
}  // namespace

std::string_view embedded_questionnaire() { return find("ita-internal-2568.json"); }
std::string_view embedded_demo_responses() { return find("responses.csv"); }
std::string_view embedded_demo_plan() { return find("plan-2569.json"); }

}  // namespace itagap::cli
