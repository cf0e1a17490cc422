// Errors that name the input, the place in it and what was expected.
//
// Parsers and loaders never throw across module borders: they return a
// Result<T>, which holds either the value or a non-empty list of Diagnostics.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace itagap::core {

// The values of a message's {name} placeholders, by name.
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// One problem in one input. `where` is a JSON path ("$.items[3].scale") for
// JSON inputs and a column name for CSV inputs; `line` is 1-based, 0 when the
// input has no line structure that helps (a missing key, say).
struct Diagnostic {
    std::string file;
    std::size_t line = 0;
    std::string where;
    std::string value;     // the offending text, verbatim (may be empty)
    std::string expected;  // what would have been accepted, in plain words
    // A remark that is not about one value ("150 more errors were not listed");
    // shown instead of "expected ..." when `expected` is empty.
    std::string note;
    // The same problem for people: a message key (catalogue "admin", e.g.
    // "csv_bad_answer") and the values of its {name} placeholders. Empty when
    // only `expected` or `note` says it; a page falls back to those.
    std::string key;
    MessageArgs args;

    // "R.csv:12: column i3: value "7": expected an option number 1-6 or a label"
    std::string to_string() const;
};

template <typename T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
    Result(std::vector<Diagnostic> errors) : state_(std::move(errors)) {}            // NOLINT
    Result(Diagnostic error) : state_(std::vector<Diagnostic>{std::move(error)}) {}  // NOLINT

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    // REQUIRES: ok()
    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    // REQUIRES: !ok()
    const std::vector<Diagnostic>& errors() const {
        return std::get<std::vector<Diagnostic>>(state_);
    }

private:
    std::variant<T, std::vector<Diagnostic>> state_;
};

// All diagnostics, one per line, for stderr or an HTTP error page.
std::string to_string(const std::vector<Diagnostic>& errors);

}  // namespace itagap::core
