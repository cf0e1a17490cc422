// Escaping for the three places request data lands in a page: HTML text,
// quoted attribute values, and URL components. Templates escape {{x}} with
// escape_html; handlers use encode_url_component for values placed in a link
// ("/s/{round}/{unit}") before handing the link to a template.
#pragma once

#include <string>
#include <string_view>

namespace itagap::web {

// & < > " ' -> &amp; &lt; &gt; &quot; &#39;. Safe in element text and in
// attribute values quoted with either quote character.
std::string escape_html(std::string_view text);

// escape_html plus '`' and '=' as numeric references, for attribute values
// that a careless template might leave unquoted.
std::string escape_html_attribute(std::string_view text);

// Percent-encodes every byte except the RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~): "ก 1/2" -> "%E0%B8%81%201%2F2". For one path
// segment or one query name or value.
std::string encode_url_component(std::string_view text);

}  // namespace itagap::web
