// An ordered list of name/value pairs: query parameters, form fields, cookies
// and path parameters. Repeated names are kept in the order they arrived
// (checkboxes, multi-selects), so a lookup by name returns the first value and
// all() returns every value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace itagap::web {

class Params {
public:
    using Entry = std::pair<std::string, std::string>;

    void add(std::string name, std::string value);

    // The first value for `name`, or nullopt. The view stays valid while the
    // Params is alive and not modified.
    std::optional<std::string_view> get(std::string_view name) const;
    // The first value for `name`, or `fallback`.
    std::string get_or(std::string_view name, std::string_view fallback) const;
    std::vector<std::string> all(std::string_view name) const;
    bool contains(std::string_view name) const;

    const std::vector<Entry>& entries() const { return entries_; }
    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }

private:
    std::vector<Entry> entries_;
};

}  // namespace itagap::web
