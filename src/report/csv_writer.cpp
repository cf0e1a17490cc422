#include "report/csv_writer.hpp"

#include <cctype>

namespace itagap::report {

namespace {

// An optional sign, digits with at most one decimal point, at least one digit.
bool is_plain_number(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    bool digit = false;
    bool point = false;
    for (; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isdigit(c)) {
            digit = true;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digit;
}

}  // namespace

std::string spreadsheet_safe(std::string_view cell) {
    if (cell.empty()) return {};
    const char first = cell.front();
    const bool risky = first == '=' || first == '+' || first == '-' || first == '@' ||
                       first == '\t' || first == '\r';
    if (risky && !is_plain_number(cell)) return "'" + std::string(cell);
    return std::string(cell);
}

std::string csv_field(std::string_view cell) {
    std::string safe = spreadsheet_safe(cell);
    if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
    std::string out = "\"";
    for (char c : safe) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_record(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(cells[i]);
    }
    out += "\r\n";
    return out;
}

}  // namespace itagap::report
