#include "web/http/router.hpp"

#include <algorithm>

#include "web/http/url_decoding.hpp"

namespace itagap::web {
namespace {

std::vector<std::string_view> split_segments(std::string_view path) {
    std::vector<std::string_view> segments;
    path.remove_prefix(1);  // the leading '/'
    while (true) {
        const std::size_t slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool is_parameter(std::string_view segment) {
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool is_rest_parameter(std::string_view segment) {
    return is_parameter(segment) && segment.size() >= 3 && segment[segment.size() - 2] == '*';
}

std::string parameter_name(std::string_view segment) {
    segment = segment.substr(1, segment.size() - 2);
    if (!segment.empty() && segment.back() == '*') segment.remove_suffix(1);
    return std::string(segment);
}

// Matches decoded `segments` against a route pattern, filling `params`.
bool matches(const Route& route, const std::vector<std::string>& segments, Params& params) {
    const auto& pattern = route.segments;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_rest_parameter(pattern[i])) {
            if (i >= segments.size()) return false;
            std::string rest = segments[i];
            for (std::size_t k = i + 1; k < segments.size(); ++k) rest += "/" + segments[k];
            params.add(parameter_name(pattern[i]), std::move(rest));
            return true;
        }
        if (i >= segments.size()) return false;
        if (is_parameter(pattern[i])) {
            if (segments[i].empty()) return false;
            params.add(parameter_name(pattern[i]), segments[i]);
        } else if (pattern[i] != segments[i]) {
            return false;
        }
    }
    return pattern.size() == segments.size();
}

void add_allowed(std::vector<std::string>& allowed, http::verb method) {
    const std::string name(http::to_string(method));
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) allowed.push_back(name);
}

}  // namespace

std::optional<std::vector<std::string>> decode_path_segments(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string> decoded;
    for (const std::string_view raw : split_segments(path)) {
        auto segment = percent_decode(raw, false);
        if (!segment || segment->find('/') != std::string::npos ||
            segment->find('\0') != std::string::npos || segment->find('\\') != std::string::npos ||
            *segment == "." || *segment == ".." || !is_valid_utf8(*segment)) {
            return std::nullopt;
        }
        decoded.push_back(std::move(*segment));
    }
    return decoded;
}

bool Router::add(http::verb method, std::string_view pattern, Handler handler,
                 RouteOptions options) {
    if (pattern.empty() || pattern.front() != '/' || !handler) return false;
    Route route{method, std::string(pattern), {}, std::move(handler), options};
    const auto segments = split_segments(pattern);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string_view segment = segments[i];
        const bool has_brace = segment.find_first_of("{}") != std::string_view::npos;
        if (has_brace && (!is_parameter(segment) || parameter_name(segment).empty())) return false;
        if (is_rest_parameter(segment) && i + 1 != segments.size()) return false;
        route.segments.emplace_back(segment);
    }
    routes_.push_back(std::move(route));
    return true;
}

bool Router::get(std::string_view pattern, Handler handler, RouteOptions options) {
    return add(http::verb::get, pattern, std::move(handler), options);
}

bool Router::post(std::string_view pattern, Handler handler, RouteOptions options) {
    return add(http::verb::post, pattern, std::move(handler), options);
}

RouteMatch Router::match(http::verb method, std::string_view path) const {
    RouteMatch result;
    const auto segments = decode_path_segments(path);
    if (!segments) {
        result.outcome = RouteMatch::Outcome::bad_path;
        return result;
    }

    std::vector<std::string> allowed;
    const Route* get_for_head = nullptr;
    Params get_params;
    for (const Route& route : routes_) {
        Params params;
        if (!matches(route, *segments, params)) continue;
        if (route.method == method) {
            result.outcome = RouteMatch::Outcome::found;
            result.route = &route;
            result.path_params = std::move(params);
            return result;
        }
        if (method == http::verb::head && route.method == http::verb::get && !get_for_head) {
            get_for_head = &route;
            get_params = std::move(params);
        }
        add_allowed(allowed, route.method);
        if (route.method == http::verb::get) add_allowed(allowed, http::verb::head);
    }
    if (get_for_head) {
        result.outcome = RouteMatch::Outcome::found;
        result.route = get_for_head;
        result.path_params = std::move(get_params);
        return result;
    }
    if (allowed.empty()) return result;  // not_found

    std::sort(allowed.begin(), allowed.end());
    result.outcome = RouteMatch::Outcome::method_not_allowed;
    for (const auto& name : allowed) {
        if (!result.allow.empty()) result.allow += ", ";
        result.allow += name;
    }
    return result;
}

}  // namespace itagap::web
