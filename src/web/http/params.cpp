#include "web/http/params.hpp"

namespace itagap::web {

void Params::add(std::string name, std::string value) {
    entries_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Params::get(std::string_view name) const {
    for (const auto& [key, value] : entries_) {
        if (key == name) return std::string_view(value);
    }
    return std::nullopt;
}

std::string Params::get_or(std::string_view name, std::string_view fallback) const {
    auto value = get(name);
    return std::string(value ? *value : fallback);
}

std::vector<std::string> Params::all(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : entries_) {
        if (key == name) values.push_back(value);
    }
    return values;
}

bool Params::contains(std::string_view name) const { return get(name).has_value(); }

}  // namespace itagap::web
