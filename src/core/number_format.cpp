#include "core/number_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace itagap::core {

namespace {

// Shortest decimal text that reads back as `value` (std::to_chars, fixed
// notation), then rounded half up to two decimals as decimal text. Working on
// the shortest representation makes 84.995 round like the 84.995 the user
// typed, not like 84.99499999999999744.
std::string round_text_half_up_2(double value) {
    if (!std::isfinite(value)) return "-";
    std::array<char, 400> buf{};
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed);
    std::string text(buf.data(), ec == std::errc{} ? end : buf.data());
    bool negative = !text.empty() && text[0] == '-';
    if (negative) text.erase(0, 1);

    auto dot = text.find('.');
    std::string int_part = dot == std::string::npos ? text : text.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
    bool round_up = frac.size() > 2 && frac[2] >= '5';
    frac.resize(2, '0');

    std::string digits = int_part + frac;  // value x 100 as decimal digits
    if (round_up) {
        int i = static_cast<int>(digits.size()) - 1;
        while (i >= 0 && digits[i] == '9') digits[i--] = '0';
        if (i >= 0) {
            ++digits[i];
        } else {
            digits.insert(digits.begin(), '1');
        }
    }
    std::string out = digits.substr(0, digits.size() - 2) + "." + digits.substr(digits.size() - 2);
    bool all_zero = out.find_first_not_of("0.") == std::string::npos;
    if (negative && !all_zero) out.insert(out.begin(), '-');
    return out;
}

}  // namespace

std::string format_score(double value) { return round_text_half_up_2(value); }

double round_half_up_2(double value) {
    std::string text = round_text_half_up_2(value);
    return std::strtod(text.c_str(), nullptr);
}

}  // namespace itagap::core
