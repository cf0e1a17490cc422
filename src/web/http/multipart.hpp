// A parser for multipart/form-data request bodies (RFC 7578, framing from
// RFC 2046 section 5.1.1): file uploads such as the responses CSV.
//
// The whole body is already in memory (its size is bounded by the route's
// body limit); the parser copies each part's bytes out of it. Beast parses the
// HTTP message itself; only the body framing is parsed here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace itagap::web {

struct MultipartPart {
    std::string name;                     // the form field name
    std::optional<std::string> filename;  // set for file inputs; base name only
    std::string content_type;             // "text/plain" when the part had none
    std::string data;                     // the bytes as sent, not decoded
};

struct MultipartLimits {
    std::size_t max_parts = 100;
    std::size_t max_part_header_bytes = std::size_t{8} * 1024;
};

// The boundary parameter of a Content-Type header value
// ("multipart/form-data; boundary=----x" -> "----x"), or nullopt when the type
// is not multipart/form-data or the boundary is missing or invalid.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Splits `body` into its parts. Names and file names must be valid UTF-8. A
// preamble before the first boundary and an epilogue after the last are
// ignored; a body without the closing boundary is an error.
core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view body,
                                                         std::string_view boundary,
                                                         const MultipartLimits& limits = {});

}  // namespace itagap::web
