// Strict reading of JSON inputs (questionnaires, plans): typed access to
// members that collects every problem as a Diagnostic naming the file, the
// JSON path ("$.items[12].scale"), the value and what was expected, instead
// of stopping at the first.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/questionnaire.hpp"

namespace itagap::input {

// "$.items" + "scale" -> "$.items.scale"; other keys in brackets: $["two words"].
std::string member_path(std::string_view path, std::string_view key);
// "$.items" + 3 -> "$.items[3]".
std::string element_path(std::string_view path, std::size_t index);
// A value as the user wrote it, cut to a readable length; a string without
// its JSON quotes (Diagnostic::to_string puts the value in quotes).
std::string show(const nlohmann::json& value);
std::string quote(std::string_view text);
// True when `a` is `b`, or one lies inside the other ("$.m[0]" and "$.m[0].x").
bool paths_overlap(std::string_view a, std::string_view b);
// ASCII and Unicode spaces (no-break, zero-width, BOM, ...) that Thai editors slip in.
bool has_space(std::string_view text);
// Nothing but spaces (or empty).
bool is_blank(std::string_view text);
std::string ascii_lower(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// A number as it would be written in the file: 30, 85.5.
std::string number_text(double value);

class JsonChecker {
public:
    explicit JsonChecker(std::string_view file_name) : file_(file_name) {}

    void error(std::string where, std::string value, std::string expected, std::size_t line = 0);
    bool has_errors() const { return !errors_.empty(); }
    std::vector<core::Diagnostic> take() { return std::move(errors_); }

    // A path whose model value is a placeholder: rule findings there are
    // consequences of an error already reported (see add_rule_findings).
    void suppress(std::string path) { suppressed_.push_back(std::move(path)); }
    // Adds findings of a semantic check on the parsed model, except those at
    // or inside a path already reported or suppressed.
    void add_rule_findings(std::vector<core::Diagnostic> findings);

    // Checks that `value` is an object without keys outside `keys` (an unknown
    // key gets a "did you mean" when one is close).
    bool object(const nlohmann::json& value, const std::string& path, std::string_view what,
                std::initializer_list<std::string_view> keys);
    // The member `key`; with `nullable`, null counts as absent. Reports a
    // missing required key.
    const nlohmann::json* member(const nlohmann::json& obj, const std::string& path,
                                 std::string_view key, bool required, std::string_view what,
                                 bool nullable = false);
    std::optional<std::string> string(const nlohmann::json& obj, const std::string& path,
                                      std::string_view key, bool required, std::string_view what);
    std::optional<bool> boolean(const nlohmann::json& obj, const std::string& path,
                                std::string_view key, bool required, std::string_view what);
    // A number within [low, high] (high may be infinity).
    std::optional<double> number(const nlohmann::json& obj, const std::string& path,
                                 std::string_view key, bool required, double low, double high,
                                 std::string_view what);
    // A whole number within [low, high], from a value or a member.
    std::optional<std::int64_t> whole(const nlohmann::json& value, const std::string& where,
                                      std::int64_t low, std::int64_t high, std::string_view what);
    std::optional<std::int64_t> whole(const nlohmann::json& obj, const std::string& path,
                                      std::string_view key, bool required, std::int64_t low,
                                      std::int64_t high, std::string_view what,
                                      bool nullable = false);
    // A whole number 1 or more that fits an int (indicator numbers).
    std::optional<int> positive_int(const nlohmann::json& obj, const std::string& path,
                                    std::string_view key, bool required, std::string_view what);
    // A text object {"th": "...", "en": "..."}: Thai required and not blank.
    std::optional<core::LocalText> text(const nlohmann::json& obj, const std::string& path,
                                        std::string_view key, bool required, std::string_view what);
    // An array member; reports a missing or non-array value.
    const nlohmann::json* array(const nlohmann::json& obj, const std::string& path,
                                std::string_view key, bool required, std::string_view what);

protected:
    std::string file_;

private:
    std::vector<core::Diagnostic> errors_;
    std::vector<std::string> suppressed_;
};

// Parses `text` into `out`. Reports a syntax error with its line, a key
// repeated in one object, and nesting deeper than 64 levels (never a real
// input; refusing it keeps nlohmann's recursion on a short stack).
bool parse_json_document(std::string_view text, JsonChecker& checker, nlohmann::json& out);

}  // namespace itagap::input
