// What a handler sees of an HTTP request. Built by the server after the whole
// message has been read and its route found; immutable in the handler.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/verb.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/multipart.hpp"
#include "web/http/params.hpp"

namespace itagap::web {

namespace http = boost::beast::http;

struct Request {
    http::verb method = http::verb::get;
    std::string target;    // as sent: "/api/units?x=1"
    std::string path;      // percent-encoded as sent, without the query: "/api/units"
    Params path_params;    // decoded: pattern "/s/{round}" on "/s/2568%2F1" is refused
    Params query;          // decoded, '+' as space
    http::fields headers;  // case-insensitive lookup: headers["content-type"]
    Params cookies;        // from the Cookie header, not decoded
    std::string body;      // raw bytes
    std::string remote_address;
    // Fields of an application/x-www-form-urlencoded body, and the parts of a
    // multipart/form-data body that are not files.
    Params form;
    // Every part of a multipart/form-data body, files and plain fields alike.
    std::vector<MultipartPart> parts;

    // The header's value, or "" when absent.
    std::string_view header(std::string_view name) const;
    // The first part named `name` that carries a file name, or nullptr.
    const MultipartPart* file(std::string_view name) const;
};

}  // namespace itagap::web
