#include "core/diagnostic.hpp"

namespace itagap::core {

std::string Diagnostic::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!where.empty()) out += where + ": ";
    if (!value.empty()) out += "value \"" + value + "\": ";
    out += expected.empty() ? note : "expected " + expected;
    return out;
}

std::string to_string(const std::vector<Diagnostic>& errors) {
    std::string out;
    for (const auto& e : errors) {
        out += e.to_string();
        out += '\n';
    }
    return out;
}

}  // namespace itagap::core
