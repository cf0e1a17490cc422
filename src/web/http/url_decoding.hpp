// Decoding of the text forms a browser sends: percent-encoding in paths,
// application/x-www-form-urlencoded query strings and bodies, and the Cookie
// header. All decoders validate their output as UTF-8, because every value
// later ends up in JSON, HTML or a database that expects UTF-8 text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "web/http/params.hpp"

namespace itagap::web {

// "%E0%B8%81" -> "ก". With plus_as_space, '+' becomes ' ' (form encoding;
// not in paths). nullopt on a malformed escape ("%4", "%zz").
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);
// The other way, for a query value in a link: every byte but RFC 3986's
// unreserved (A-Z a-z 0-9 - . _ ~) as %XX ("ก a" -> "%E0%B8%81%20a").
std::string percent_encode(std::string_view text);

// "a=1&b=%E0%B8%81&a=2" -> [(a,1), (b,ก), (a,2)]. Empty pairs ("a=1&&b=2") are
// skipped; a pair without '=' has an empty value. nullopt when an escape is
// malformed or a decoded name or value is not valid UTF-8, or there are more
// than max_pairs pairs.
std::optional<Params> parse_urlencoded(std::string_view text, std::size_t max_pairs = 1000);

// "sid=abc; theme=dark" -> [(sid,abc), (theme,dark)]. Lenient, as browsers
// are: pairs without '=' are skipped, surrounding spaces and double quotes
// around the value are removed. Values are not percent-decoded (the server
// sets only cookie-octet values).
Params parse_cookie_header(std::string_view header);

bool is_valid_utf8(std::string_view text);

}  // namespace itagap::web
