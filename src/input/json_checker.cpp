#include "input/json_checker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace itagap::input {

using core::Diagnostic;
using nlohmann::json;

namespace {

// Offending values longer than this are cut in diagnostics.
constexpr std::size_t kMaxShown = 80;
// Deeper nesting than this is never a real input.
constexpr int kMaxDepth = 64;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct TooDeep {};

bool is_identifier(std::string_view key) {
    if (key.empty()) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!alpha && !(digit && i > 0)) return false;
    }
    return true;
}

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Cuts long text at a UTF-8 character boundary.
std::string shorten(std::string text) {
    if (text.size() <= kMaxShown) return text;
    std::size_t cut = kMaxShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
    return text;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// ---- Text checks ------------------------------------------------------------

// True for ASCII whitespace and control characters, and for the Unicode spaces

}  // namespace

std::string member_path(std::string_view path, std::string_view key) {
    std::string out(path);
    if (is_identifier(key)) {
        out += '.';
        out += key;
    } else {
        out += '[';
        out += dump(json(std::string(key)));
        out += ']';
    }
    return out;
}

std::string element_path(std::string_view path, std::size_t index) {
    return std::string(path) + "[" + std::to_string(index) + "]";
}

std::string show(const json& value) {
    return shorten(value.is_string() ? value.get<std::string>() : dump(value));
}

std::string quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool paths_overlap(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.substr(0, a.size()) != a) return false;
    return b.size() == a.size() || b[a.size()] == '.' || b[a.size()] == '[';
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    return out;
}

// Format a number the way it would be written in the file: 30, 85.5.
std::string number_text(double value) {
    if (std::trunc(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    return dump(json(value));
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool has_space(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c <= 0x20 || c == 0x7F) return true;
        const auto next = [&](std::size_t k) -> unsigned {
            return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
        };
        if (c == 0xC2 && (next(1) == 0xA0 || next(1) == 0x85)) return true;  // U+00A0, U+0085
        if (c == 0xE2 && next(1) == 0x80) {
            const unsigned third = next(2);
            // U+2000..U+200B spaces, U+2028/U+2029 separators, U+202F narrow no-break.
            if ((third >= 0x80 && third <= 0x8B) || third == 0xA8 || third == 0xA9 ||
                third == 0xAF) {
                return true;
            }
        }
        if (c == 0xE2 && next(1) == 0x81 && next(2) == 0x9F) return true;  // U+205F
        if (c == 0xE3 && next(1) == 0x80 && next(2) == 0x80) return true;  // U+3000
        if (c == 0xEF && next(1) == 0xBB && next(2) == 0xBF) return true;  // U+FEFF
    }
    return false;
}

bool is_blank(std::string_view text) {
    // Blank = nothing but spaces; has_space() is per character, so test each.
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0) {
            len = 4;
        } else if (c >= 0xE0) {
            len = 3;
        } else if (c >= 0xC0) {
            len = 2;
        }
        len = std::min(len, text.size() - i);
        if (!has_space(text.substr(i, len))) return false;
        i += len;
    }
    return true;
}

// ---- JsonChecker --------------------------------------------------------------

void JsonChecker::error(std::string where, std::string value, std::string expected,
                        std::size_t line) {
    errors_.push_back(
        Diagnostic{file_, line, std::move(where), std::move(value), std::move(expected)});
}

void JsonChecker::add_rule_findings(std::vector<Diagnostic> findings) {
    std::vector<std::string> reported = suppressed_;
    for (const auto& e : errors_) reported.push_back(e.where);
    for (auto& f : findings) {
        const bool known = std::any_of(reported.begin(), reported.end(), [&](const std::string& r) {
            return paths_overlap(r, f.where);
        });
        if (known) continue;
        f.file = file_;
        errors_.push_back(std::move(f));
    }
}

bool JsonChecker::object(const json& value, const std::string& path, std::string_view what,
                         std::initializer_list<std::string_view> keys) {
    if (!value.is_object()) {
        error(path, show(value), "an object {...}: " + std::string(what));
        suppress(path);
        return false;
    }
    for (const auto& [key, member] : value.items()) {
        (void)member;
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
        std::vector<std::string> names;
        std::string suggestion;
        std::size_t best = 3;  // suggest only close matches
        for (std::string_view k : keys) {
            names.emplace_back(k);
            const std::size_t distance = edit_distance(ascii_lower(key), k);
            if (distance < best) {
                best = distance;
                suggestion = std::string(k);
            }
        }
        std::string expected =
            "one of the keys " + join(names, ", ") + " (in " + std::string(what) + ")";
        if (!suggestion.empty()) expected += " (did you mean " + quote(suggestion) + "?)";
        error(member_path(path, key), key, expected);
    }
    return true;
}

const json* JsonChecker::member(const json& obj, const std::string& path, std::string_view key,
                                bool required, std::string_view what, bool nullable) {
    const auto it = obj.find(key);
    if (it != obj.end() && !(nullable && it->is_null())) return &*it;
    if (required) {
        error(member_path(path, key), "",
              "a required key " + quote(key) + " (" + std::string(what) + ")");
    }
    return nullptr;
}

std::optional<std::string> JsonChecker::string(const json& obj, const std::string& path,
                                               std::string_view key, bool required,
                                               std::string_view what) {
    const json* value = member(obj, path, key, required, what);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        error(member_path(path, key), show(*value), "a string (" + std::string(what) + ")");
        return std::nullopt;
    }
    return value->get<std::string>();
}

std::optional<bool> JsonChecker::boolean(const json& obj, const std::string& path,
                                         std::string_view key, bool required,
                                         std::string_view what) {
    const json* value = member(obj, path, key, required, what);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
        error(member_path(path, key), show(*value),
              "true or false, without quotes (" + std::string(what) + ")");
        return std::nullopt;
    }
    return value->get<bool>();
}

// A number within [low, high].
std::optional<double> JsonChecker::number(const json& obj, const std::string& path,
                                          std::string_view key, bool required, double low,
                                          double high, std::string_view what) {
    const json* value = member(obj, path, key, required, what);
    if (value == nullptr) return std::nullopt;
    const std::string where = member_path(path, key);
    const std::string range =
        high == kInfinity ? "a number " + number_text(low) + " or more"
                          : "a number from " + number_text(low) + " to " + number_text(high);
    if (!value->is_number()) {
        std::string expected = range;
        if (value->is_string()) expected += ", written without quotes";
        error(where, show(*value), expected + " (" + std::string(what) + ")");
        return std::nullopt;
    }
    const double number = value->get<double>();
    if (!(number >= low && number <= high)) {
        error(where, show(*value), range + " (" + std::string(what) + ")");
        return std::nullopt;
    }
    return number;
}

// A whole number 1 or more (indicator numbers).
std::optional<int> JsonChecker::positive_int(const json& obj, const std::string& path,
                                             std::string_view key, bool required,
                                             std::string_view what) {
    const json* value = member(obj, path, key, required, what);
    if (value == nullptr) return std::nullopt;
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
    bool ok = false;
    int number = 0;
    if (value->is_number_unsigned()) {
        const auto n = value->get<std::uint64_t>();
        ok = n >= 1 && n <= kMax;
        number = ok ? static_cast<int>(n) : 0;
    } else if (value->is_number_integer()) {
        const auto n = value->get<std::int64_t>();
        ok = n >= 1 && static_cast<std::uint64_t>(n) <= kMax;
        number = ok ? static_cast<int>(n) : 0;
    }
    if (!ok) {
        std::string expected = "a positive whole number such as 1";
        if (value->is_string()) expected += ", written without quotes";
        error(member_path(path, key), show(*value), expected + " (" + std::string(what) + ")");
        return std::nullopt;
    }
    return number;
}

// A text object {"th": "...", "en": "..."}: Thai required and not blank.
std::optional<core::LocalText> JsonChecker::text(const json& obj, const std::string& path,
                                                 std::string_view key, bool required,
                                                 std::string_view what) {
    const json* value = member(obj, path, key, required, what);
    if (value == nullptr) return std::nullopt;
    const std::string where = member_path(path, key);
    if (!value->is_object()) {
        error(where, show(*value),
              "an object {\"th\": \"...\", \"en\": \"...\"} (" + std::string(what) + ")");
        return std::nullopt;
    }
    object(*value, where, what, {"th", "en"});
    core::LocalText text;
    const std::string thai_what = "Thai text: " + std::string(what);
    const auto th = string(*value, where, "th", true, thai_what);
    const auto en = string(*value, where, "en", false, "English text: " + std::string(what));
    bool ok = th.has_value() && (en.has_value() || !value->contains("en"));
    if (th) {
        if (is_blank(*th)) {
            error(member_path(where, "th"), *th, "non-empty " + thai_what);
            ok = false;
        }
        text.th = *th;
    }
    if (en) text.en = *en;
    if (!ok) return std::nullopt;
    return text;
}

// An array member; reports a missing or non-array value.
const json* JsonChecker::array(const json& obj, const std::string& path, std::string_view key,
                               bool required, std::string_view what) {
    const json* value = member(obj, path, key, required, what);
    if (value == nullptr) return nullptr;
    if (!value->is_array()) {
        error(member_path(path, key), show(*value), "an array [...] (" + std::string(what) + ")");
        return nullptr;
    }
    return value;
}

// A whole number in [low, high], from a JSON value.
std::optional<std::int64_t> JsonChecker::whole(const json& value, const std::string& where,
                                               std::int64_t low, std::int64_t high,
                                               std::string_view what) {
    bool ok = false;
    std::int64_t number = 0;
    if (value.is_number_unsigned()) {
        const auto n = value.get<std::uint64_t>();
        ok = n <= static_cast<std::uint64_t>(high) && static_cast<std::int64_t>(n) >= low;
        number = ok ? static_cast<std::int64_t>(n) : 0;
    } else if (value.is_number_integer()) {
        number = value.get<std::int64_t>();
        ok = number >= low && number <= high;
    }
    if (!ok) {
        std::string expected = "a whole number";
        if (high >= std::numeric_limits<std::uint32_t>::max()) {
            expected += " " + std::to_string(low) + " or more";
        } else {
            expected += " from " + std::to_string(low) + " to " + std::to_string(high);
        }
        if (value.is_string()) expected += ", written without quotes";
        error(where, show(value), expected + " (" + std::string(what) + ")");
        return std::nullopt;
    }
    return number;
}

std::optional<std::int64_t> JsonChecker::whole(const json& obj, const std::string& path,
                                               std::string_view key, bool required,
                                               std::int64_t low, std::int64_t high,
                                               std::string_view what, bool nullable) {
    const json* value = member(obj, path, key, required, what, nullable);
    if (value == nullptr) return std::nullopt;
    return whole(*value, member_path(path, key), low, high, what);
}

// ---- Parsing ---------------------------------------------------------------------

bool parse_json_document(std::string_view text, JsonChecker& checker, json& out) {
    struct Frame {
        std::string path;
        bool is_array = false;
        std::size_t next_index = 0;
        std::string key;
        std::set<std::string> keys;
    };
    std::vector<Frame> stack;
    const auto child_path = [&stack]() -> std::string {
        if (stack.empty()) return "$";
        Frame& top = stack.back();
        if (top.is_array) return element_path(top.path, top.next_index++);
        return member_path(top.path, top.key);
    };
    const json::parser_callback_t callback = [&](int depth, json::parse_event_t event,
                                                 json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
            case json::parse_event_t::array_start: {
                if (depth >= kMaxDepth) throw TooDeep{};
                Frame frame;
                frame.path = child_path();
                frame.is_array = event == json::parse_event_t::array_start;
                stack.push_back(std::move(frame));
                break;
            }
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                if (!stack.empty()) stack.pop_back();
                break;
            case json::parse_event_t::key:
                if (!stack.empty() && parsed.is_string()) {
                    Frame& top = stack.back();
                    top.key = parsed.get<std::string>();
                    if (!top.keys.insert(top.key).second) {
                        checker.error(member_path(top.path, top.key), top.key,
                                      "each key at most once in an object");
                    }
                }
                break;
            case json::parse_event_t::value:
                if (!stack.empty() && stack.back().is_array) ++stack.back().next_index;
                break;
        }
        return true;
    };
    try {
        out = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/true,
                          /*ignore_comments=*/false);
    } catch (const json::parse_error& e) {
        // e.byte counts the characters read, the offending one included.
        const std::size_t end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        const std::size_t line =
            1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + end, '\n'));
        std::string message = e.what();
        if (message.rfind("[json.exception.", 0) == 0) {
            const std::size_t close = message.find("] ");
            if (close != std::string::npos) message.erase(0, close + 2);
        }
        checker.error("$", "", "valid JSON: " + message, line);
        return false;
    } catch (const TooDeep&) {
        checker.error("$", "", "JSON nested at most " + std::to_string(kMaxDepth) + " levels deep");
        return false;
    }
    return true;
}

}  // namespace itagap::input
