// Maps a method and a path to a handler.
//
// Patterns are paths whose segments are either literal or a named parameter:
// "/s/{round}/{unit}", "/api/units/{id}". A last segment "{name*}" captures
// one or more remaining segments joined by '/' ("/static/{file*}"). Literal
// segments compare byte for byte with the decoded request segment.
//
// Each request segment is percent-decoded before matching; a path whose
// decoded segments contain '/', NUL, invalid UTF-8, or are "." or ".." is
// refused outright (400), so no handler ever sees an encoded slash or a
// dot-segment. HEAD is answered by the GET route unless a HEAD route exists.
//
// REQUIRES: all routes are added before the router is handed to the server;
// the server then only reads it, from many threads.
#pragma once

#include <boost/beast/http/verb.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/params.hpp"
#include "web/http/request.hpp"
#include "web/http/response.hpp"

namespace itagap::web {

// Handlers run on the server's worker threads and may block (a database
// commit). An exception from a handler becomes a 500 response.
using Handler = std::function<Response(const Request&)>;

struct RouteOptions {
    // Overrides HttpServerOptions::body_limit_bytes for this route (a CSV
    // upload allows 20 MiB where a form needs far less).
    std::optional<std::size_t> body_limit_bytes;
};

struct Route {
    http::verb method;
    std::string pattern;
    std::vector<std::string> segments;  // "{id}" and "{file*}" kept as written
    Handler handler;
    RouteOptions options;
};

struct RouteMatch {
    enum class Outcome { found, not_found, method_not_allowed, bad_path };
    Outcome outcome = Outcome::not_found;
    const Route* route = nullptr;  // set when found
    Params path_params;            // set when found
    std::string allow;             // for method_not_allowed: "GET, HEAD, POST"
};

class Router {
public:
    // Returns false, and adds nothing, for a malformed pattern (not starting
    // with '/', an empty or unclosed "{}", a "{x*}" that is not last).
    [[nodiscard]] bool add(http::verb method, std::string_view pattern, Handler handler,
                           RouteOptions options = {});
    [[nodiscard]] bool get(std::string_view pattern, Handler handler, RouteOptions options = {});
    [[nodiscard]] bool post(std::string_view pattern, Handler handler, RouteOptions options = {});

    // `path` is the percent-encoded path without the query string.
    RouteMatch match(http::verb method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

// The decoded segments of a percent-encoded path ("/a/%E0%B8%81" -> ["a", "ก"]),
// or nullopt when the path must be refused (see the header comment).
std::optional<std::vector<std::string>> decode_path_segments(std::string_view path);

}  // namespace itagap::web
