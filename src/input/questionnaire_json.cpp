#include "input/questionnaire_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace itagap::input {
namespace {

using core::Diagnostic;
using nlohmann::json;

// Deeper nesting than this is never a questionnaire; refusing it early keeps
// the recursive parts of nlohmann::json (dump, destruction) on a short stack.
constexpr int kMaxDepth = 64;
// Offending values longer than this are cut in diagnostics.
constexpr std::size_t kMaxShown = 80;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// ---- Paths and value display ----------------------------------------------

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

// "$.items" + "scale" -> "$.items.scale"; odd keys in brackets: $["two words"].
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

// Cuts long text at a UTF-8 character boundary.
std::string shorten(std::string text) {
    if (text.size() <= kMaxShown) return text;
    std::size_t cut = kMaxShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
    return text;
}

// A value as the user wrote it; Diagnostic puts it in quotes, so a string is
// shown without its JSON quotes.
std::string show(const json& value) {
    return shorten(value.is_string() ? value.get<std::string>() : dump(value));
}

std::string quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
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
// that Thai text editors tend to slip in (no-break, zero-width, BOM, ...).
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

// Item codes become CSV column names next to these.
constexpr std::string_view kReservedColumns[] = {"unit", "round", "instrument", "respondent"};

// What a code would have to look like, or "" when `code` is fine.
std::string code_problem(std::string_view code, std::string_view noun, bool is_column) {
    const std::string why = is_column ? " (item codes are CSV column names)" : "";
    if (code.empty()) return "a non-empty " + std::string(noun);
    if (has_space(code)) {
        return "a " + std::string(noun) + " without spaces, tabs or line breaks" + why;
    }
    if (code.find_first_of(",\"'") != std::string_view::npos) {
        return "a " + std::string(noun) + " without commas or quotes" + why;
    }
    if (is_column) {
        const std::string lower = ascii_lower(code);
        for (std::string_view reserved : kReservedColumns) {
            if (lower == reserved) {
                return "an item code other than the reserved CSV column names unit, round, "
                       "instrument and respondent (in any letter case)";
            }
        }
    }
    return "";
}

// ---- The checker: typed access to JSON members, collecting diagnostics ------

class Checker {
  public:
    explicit Checker(std::string_view file_name) : file_(file_name) {}

    void error(std::string where, std::string value, std::string expected, std::size_t line = 0) {
        errors_.push_back(
            Diagnostic{file_, line, std::move(where), std::move(value), std::move(expected)});
    }
    bool has_errors() const { return !errors_.empty(); }
    std::vector<Diagnostic> take() { return std::move(errors_); }

    // Checks that `value` is an object and that it has no key outside `keys`.
    bool object(const json& value, const std::string& path, std::string_view what,
                std::initializer_list<std::string_view> keys) {
        if (!value.is_object()) {
            error(path, show(value), "an object {...}: " + std::string(what));
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
            std::string expected = "one of the keys " + join(names, ", ");
            if (!suggestion.empty()) expected += " (did you mean " + quote(suggestion) + "?)";
            error(member_path(path, key), key, expected);
        }
        return true;
    }

    // The member `key` of object `obj` at `path`; reports it when required and absent.
    const json* member(const json& obj, const std::string& path, std::string_view key,
                       bool required, std::string_view what) {
        const auto it = obj.find(key);
        if (it != obj.end()) return &*it;
        if (required) {
            error(member_path(path, key), "",
                  "a required key " + quote(key) + " (" + std::string(what) + ")");
        }
        return nullptr;
    }

    std::optional<std::string> string(const json& obj, const std::string& path,
                                      std::string_view key, bool required, std::string_view what) {
        const json* value = member(obj, path, key, required, what);
        if (value == nullptr) return std::nullopt;
        if (!value->is_string()) {
            error(member_path(path, key), show(*value), "a string (" + std::string(what) + ")");
            return std::nullopt;
        }
        return value->get<std::string>();
    }

    std::optional<bool> boolean(const json& obj, const std::string& path, std::string_view key,
                                bool required, std::string_view what) {
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
    std::optional<double> number(const json& obj, const std::string& path, std::string_view key,
                                 bool required, double low, double high, std::string_view what) {
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
    std::optional<int> positive_int(const json& obj, const std::string& path, std::string_view key,
                                    bool required, std::string_view what) {
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
    std::optional<core::LocalText> text(const json& obj, const std::string& path,
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
    const json* array(const json& obj, const std::string& path, std::string_view key, bool required,
                      std::string_view what) {
        const json* value = member(obj, path, key, required, what);
        if (value == nullptr) return nullptr;
        if (!value->is_array()) {
            error(member_path(path, key), show(*value),
                  "an array [...] (" + std::string(what) + ")");
            return nullptr;
        }
        return value;
    }

  private:
    std::string file_;
    std::vector<Diagnostic> errors_;
};

// ---- Parsing the JSON text ------------------------------------------------

struct TooDeep {};

// Parses `text` into `out`, reporting syntax errors (with line numbers) and
// duplicate keys. Returns false when there is no document to validate.
bool parse_document(std::string_view text, Checker& checker, json& out) {
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

// ---- The sections of a questionnaire ----------------------------------------

std::vector<core::GradeBand> default_grades() {
    return {{"AA", 95}, {"A", 85}, {"B", 75}, {"C", 65}, {"D", 55}, {"E", 50}, {"F", 0}};
}

void read_scoring(Checker& c, const json& doc, core::Questionnaire& q) {
    q.grades = default_grades();
    const json* scoring = c.member(doc, "$", "scoring", true, "the scoring rules");
    const std::string path = "$.scoring";
    if (scoring == nullptr || !c.object(*scoring, path, "the scoring rules",
                                        {"method", "pass_mark", "target", "grades"})) {
        return;
    }
    if (auto method =
            c.string(*scoring, path, "method", true, "\"favourable_share\" or \"mean_score\"")) {
        if (auto parsed = core::scoring_method_from_string(*method)) {
            q.method = *parsed;
        } else {
            c.error(path + ".method", *method,
                    "a scoring method: \"favourable_share\" (share of favourable answers) or "
                    "\"mean_score\" (mean of option scores)");
        }
    }
    if (auto pass = c.number(*scoring, path, "pass_mark", false, 0, 100, "the pass mark")) {
        q.pass_mark = *pass;
    }
    if (auto target = c.number(*scoring, path, "target", false, 0, 100, "the default target")) {
        q.default_target = *target;
    }
    const json* grades = c.array(*scoring, path, "grades", false, "the grade bands");
    if (grades == nullptr) return;
    const std::string grades_path = path + ".grades";
    if (grades->empty()) {
        c.error(grades_path, "[]",
                "at least one grade band, or no \"grades\" key for the defaults");
        return;
    }
    q.grades.clear();
    std::unordered_map<std::string, std::size_t> names;
    std::unordered_map<double, std::size_t> mins;
    for (std::size_t i = 0; i < grades->size(); ++i) {
        const std::string at = element_path(grades_path, i);
        core::GradeBand& band = q.grades.emplace_back();
        if (!c.object((*grades)[i], at, "a grade band {\"grade\": \"A\", \"min\": 85}",
                      {"grade", "min"})) {
            continue;
        }
        const json& g = (*grades)[i];
        if (auto name = c.string(g, at, "grade", true, "the grade's name, such as \"AA\"")) {
            if (is_blank(*name)) {
                c.error(at + ".grade", *name, "a non-empty grade name, such as \"AA\"");
            } else if (auto [it, fresh] = names.emplace(*name, i); !fresh) {
                c.error(
                    at + ".grade", *name,
                    "a grade name not already used by " + element_path(grades_path, it->second));
            }
            band.grade = *name;
        }
        if (auto min =
                c.number(g, at, "min", true, 0, 100, "the grade's lowest score, inclusive")) {
            if (auto [it, fresh] = mins.emplace(*min, i); !fresh) {
                c.error(at + ".min", number_text(*min),
                        "a min different from that of " + element_path(grades_path, it->second));
            }
            band.min_score = *min;
        }
    }
    std::stable_sort(q.grades.begin(), q.grades.end(),
                     [](const core::GradeBand& a, const core::GradeBand& b) {
                         return a.min_score > b.min_score;
                     });
}

void read_scales(Checker& c, const json& doc, core::Questionnaire& q) {
    const json* scales = c.array(doc, "$", "scales", true, "the answer scales");
    if (scales == nullptr) return;
    std::unordered_map<std::string, std::size_t> ids;
    for (std::size_t i = 0; i < scales->size(); ++i) {
        const std::string path = element_path("$.scales", i);
        core::AnswerScale& scale = q.scales.emplace_back();
        const json& s = (*scales)[i];
        if (!c.object(s, path, "an answer scale", {"id", "name", "options"})) continue;
        if (auto id = c.string(s, path, "id", true, "the scale's id, such as \"eit-agree6\"")) {
            if (const std::string problem = code_problem(*id, "scale id", false);
                !problem.empty()) {
                c.error(path + ".id", *id, problem);
            } else if (auto [it, fresh] = ids.emplace(*id, i); !fresh) {
                c.error(path + ".id", *id,
                        "a scale id not already used by " + element_path("$.scales", it->second));
            }
            scale.id = *id;
        }
        if (auto name = c.text(s, path, "name", false, "the scale's name")) scale.name = *name;

        const json* options = c.array(s, path, "options", true, "the answer options, at least 2");
        if (options == nullptr) continue;
        const std::string options_path = path + ".options";
        const std::size_t count = options->size();
        if (count < 2) {
            c.error(options_path, std::to_string(count) + (count == 1 ? " option" : " options"),
                    "at least 2 options");
        } else if (count > static_cast<std::size_t>(core::kMaxOptions)) {
            c.error(options_path, std::to_string(count) + " options",
                    "at most " + std::to_string(core::kMaxOptions) + " options");
        }
        std::unordered_map<std::string, std::size_t> labels;
        std::size_t favourable_known = 0;
        bool any_favourable = false;
        for (std::size_t j = 0; j < count; ++j) {
            const std::string at = element_path(options_path, j);
            core::AnswerOption& option = scale.options.emplace_back();
            const json& o = (*options)[j];
            if (!c.object(o, at,
                          "an answer option {\"label\": ..., \"score\": ..., "
                          "\"favourable\": ...}",
                          {"label", "score", "favourable"})) {
                continue;
            }
            if (auto label = c.text(o, at, "label", true, "the option's label")) {
                if (auto [it, fresh] = labels.emplace(label->th, j); !fresh) {
                    c.error(at + ".label.th", label->th,
                            "a Thai label different from that of " +
                                element_path(options_path, it->second));
                }
                option.label = *label;
            }
            if (auto score = c.number(o, at, "score", true, 0, 100, "the option's score")) {
                option.score = *score;
            }
            if (auto favourable = c.boolean(o, at, "favourable", true,
                                            "whether the answer counts as favourable")) {
                option.favourable = *favourable;
                any_favourable = any_favourable || *favourable;
                ++favourable_known;
            }
        }
        if (count >= 2 && favourable_known == count && !any_favourable) {
            c.error(options_path, "", "at least one option with \"favourable\": true");
        }
    }
}

void read_instruments(Checker& c, const json& doc, core::Questionnaire& q,
                      std::unordered_map<std::string, int>& by_code) {
    const json* instruments = c.array(doc, "$", "instruments", true, "the instruments");
    if (instruments == nullptr) return;
    if (instruments->empty()) {
        c.error("$.instruments", "[]", "at least one instrument, such as IIT");
        return;
    }
    std::unordered_map<std::string, std::size_t> folded;
    std::size_t weights_known = 0;
    bool any_positive = false;
    for (std::size_t i = 0; i < instruments->size(); ++i) {
        const std::string path = element_path("$.instruments", i);
        core::Instrument& instrument = q.instruments.emplace_back();
        const json& m = (*instruments)[i];
        if (!c.object(m, path, "an instrument", {"code", "name", "weight"})) continue;
        if (auto code = c.string(m, path, "code", true, "the instrument's code, such as \"IIT\"")) {
            if (const std::string problem = code_problem(*code, "instrument code", false);
                !problem.empty()) {
                c.error(path + ".code", *code, problem);
            } else if (auto [it, fresh] = folded.emplace(ascii_lower(*code), i); !fresh) {
                c.error(path + ".code", *code,
                        "an instrument code not already used by " +
                            element_path("$.instruments", it->second) +
                            " (codes are compared ignoring letter case)");
            }
            // Registered even when faulty, so references to it are not reported too.
            by_code.emplace(*code, static_cast<int>(i));
            instrument.code = *code;
        }
        if (auto name = c.text(m, path, "name", true, "the instrument's name")) {
            instrument.name = *name;
        }
        if (auto weight = c.number(m, path, "weight", true, 0, kInfinity,
                                   "the instrument's weight in the total")) {
            instrument.weight = *weight;
            ++weights_known;
            any_positive = any_positive || *weight > 0;
        }
    }
    if (weights_known == instruments->size() && !any_positive) {
        c.error("$.instruments", "", "at least one instrument with a weight above 0");
    }
}

// "IIT, EIT, OIT" for messages about a dangling reference.
template <typename Map>
std::string known_keys(const Map& map) {
    std::vector<std::pair<int, std::string>> entries;
    for (const auto& [key, index] : map) entries.emplace_back(index, key);
    std::sort(entries.begin(), entries.end());
    std::vector<std::string> names;
    for (auto& entry : entries) names.push_back(std::move(entry.second));
    if (names.empty()) return "none is defined";
    if (names.size() > 12) {
        names.resize(12);
        names.emplace_back("...");
    }
    return join(names, ", ");
}

// " (codes are case-sensitive: did you mean "IIT"?)" or "".
std::string case_hint(const std::unordered_map<std::string, int>& map, std::string_view code) {
    const std::string lower = ascii_lower(code);
    for (const auto& [key, index] : map) {
        (void)index;
        if (ascii_lower(key) == lower) {
            return "; codes are case-sensitive: did you mean " + quote(key) + "?";
        }
    }
    return "";
}

void read_indicators(Checker& c, const json& doc, core::Questionnaire& q,
                     const std::unordered_map<std::string, int>& instruments,
                     std::unordered_map<int, int>& by_number) {
    const json* indicators = c.array(doc, "$", "indicators", true, "the indicators");
    if (indicators == nullptr) return;
    for (std::size_t i = 0; i < indicators->size(); ++i) {
        const std::string path = element_path("$.indicators", i);
        core::Indicator& indicator = q.indicators.emplace_back();
        const json& d = (*indicators)[i];
        if (!c.object(d, path, "an indicator", {"number", "instrument", "name"})) continue;
        if (auto number = c.positive_int(d, path, "number", true, "the indicator's number")) {
            if (auto [it, fresh] = by_number.emplace(*number, static_cast<int>(i)); !fresh) {
                c.error(path + ".number", std::to_string(*number),
                        "an indicator number not already used by " +
                            element_path("$.indicators", static_cast<std::size_t>(it->second)));
            }
            indicator.number = *number;
        }
        if (auto code = c.string(d, path, "instrument", true,
                                 "the code of the instrument the indicator belongs to")) {
            if (auto it = instruments.find(*code); it != instruments.end()) {
                indicator.instrument = it->second;
            } else {
                c.error(path + ".instrument", *code,
                        "the code of an instrument in $.instruments (" + known_keys(instruments) +
                            case_hint(instruments, *code) + ")");
            }
        }
        if (auto name = c.text(d, path, "name", true, "the indicator's name")) {
            indicator.name = *name;
        }
    }
}

void read_items(Checker& c, const json& doc, core::Questionnaire& q,
                const std::unordered_map<int, int>& indicators,
                const std::unordered_map<std::string, int>& scales) {
    const json* items = c.array(doc, "$", "items", true, "the items (questions)");
    if (items == nullptr) return;
    std::unordered_map<std::string, std::size_t> folded;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string path = element_path("$.items", i);
        core::Item& item = q.items.emplace_back();
        const json& t = (*items)[i];
        if (!c.object(t, path, "an item", {"code", "indicator", "text", "scale", "reverse"})) {
            continue;
        }
        if (auto code = c.string(t, path, "code", true, "the item's code, such as \"i12\"")) {
            if (const std::string problem = code_problem(*code, "item code", true);
                !problem.empty()) {
                c.error(path + ".code", *code, problem);
            } else if (auto [it, fresh] = folded.emplace(ascii_lower(*code), i); !fresh) {
                c.error(path + ".code", *code,
                        "an item code not already used by " + element_path("$.items", it->second) +
                            " (codes are compared ignoring letter case)");
            }
            item.code = *code;
        }
        if (auto number =
                c.positive_int(t, path, "indicator", true, "the number of the item's indicator")) {
            if (auto it = indicators.find(*number); it != indicators.end()) {
                item.indicator = it->second;
            } else {
                std::vector<int> numbers;
                for (const auto& [n, index] : indicators) {
                    (void)index;
                    numbers.push_back(n);
                }
                std::sort(numbers.begin(), numbers.end());
                std::vector<std::string> texts;
                for (int n : numbers) texts.push_back(std::to_string(n));
                c.error(path + ".indicator", std::to_string(*number),
                        "the number of an indicator in $.indicators (" +
                            (texts.empty() ? std::string("none is defined") : join(texts, ", ")) +
                            ")");
            }
        }
        if (auto text = c.text(t, path, "text", true, "the item's wording")) item.text = *text;
        if (auto id = c.string(t, path, "scale", true, "the id of the item's answer scale")) {
            if (auto it = scales.find(*id); it != scales.end()) {
                item.scale = it->second;
            } else {
                c.error(path + ".scale", *id,
                        "the id of a scale in $.scales (" + known_keys(scales) +
                            case_hint(scales, *id) + ")");
            }
        }
        if (auto reverse =
                c.boolean(t, path, "reverse", false, "true when the item is worded negatively")) {
            item.reverse = *reverse;
        }
    }
}

// Fills Instrument::indicators and Indicator::items, in file order.
void link(core::Questionnaire& q) {
    for (std::size_t k = 0; k < q.indicators.size(); ++k) {
        const int instrument = q.indicators[k].instrument;
        if (instrument >= 0) {
            q.instruments[static_cast<std::size_t>(instrument)].indicators.push_back(
                static_cast<int>(k));
        }
    }
    for (std::size_t k = 0; k < q.items.size(); ++k) {
        const int indicator = q.items[k].indicator;
        if (indicator >= 0) {
            q.indicators[static_cast<std::size_t>(indicator)].items.push_back(static_cast<int>(k));
        }
    }
}

core::Result<core::Questionnaire> parse(std::string_view text, std::string_view file_name) {
    Checker c(file_name);
    json doc;
    if (!parse_document(text, c, doc)) return c.take();
    if (!doc.is_object()) {
        c.error("$", show(doc), "an object {...} at the top level, holding a questionnaire");
        return c.take();
    }
    c.object(doc, "$", "a questionnaire",
             {"format", "id", "title", "note", "scoring", "scales", "instruments", "indicators",
              "items"});
    const std::string format_what = quote(kQuestionnaireFormat);
    if (auto format = c.string(doc, "$", "format", true, format_what)) {
        if (*format != kQuestionnaireFormat) {
            // Another format or version: the rest would only produce noise.
            c.error("$.format", *format, "the format " + format_what);
            return c.take();
        }
    }

    core::Questionnaire q;
    if (auto id = c.string(doc, "$", "id", true, "the questionnaire's id")) {
        if (is_blank(*id)) c.error("$.id", *id, "a non-empty questionnaire id");
        q.id = *id;
    }
    if (auto title = c.text(doc, "$", "title", true, "the questionnaire's title")) q.title = *title;
    if (auto note = c.string(doc, "$", "note", false, "a free-text note")) q.note = *note;
    read_scoring(c, doc, q);
    read_scales(c, doc, q);

    std::unordered_map<std::string, int> scales;
    for (std::size_t i = 0; i < q.scales.size(); ++i) {
        if (!q.scales[i].id.empty()) scales.emplace(q.scales[i].id, static_cast<int>(i));
    }
    std::unordered_map<std::string, int> instruments;
    read_instruments(c, doc, q, instruments);
    std::unordered_map<int, int> indicators;
    read_indicators(c, doc, q, instruments, indicators);
    read_items(c, doc, q, indicators, scales);

    if (c.has_errors()) return c.take();
    link(q);
    return q;
}

}  // namespace

core::Result<core::Questionnaire> parse_questionnaire_json(std::string_view text,
                                                           std::string_view file_name) {
    try {
        return parse(text, file_name);
    } catch (const std::exception& e) {
        return Diagnostic{
            std::string(file_name), 0, "$", "",
            std::string("a questionnaire that can be read (internal error: ") + e.what() + ")"};
    } catch (...) {
        return Diagnostic{std::string(file_name), 0, "$", "",
                          "a questionnaire that can be read (unknown internal error)"};
    }
}

}  // namespace itagap::input
