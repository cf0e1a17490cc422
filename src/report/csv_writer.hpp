// CSV for people who open it in Excel or LibreOffice: UTF-8 with a byte-order
// mark (so Excel reads Thai), CRLF line ends, RFC 4180 quoting, and cells
// that a spreadsheet would run as a formula neutralised.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace itagap::report {

// A cell that starts with = + - @, a tab or a carriage return gets a leading
// apostrophe, so a spreadsheet shows it as text instead of running it
// (OWASP "CSV injection"). A plain number such as "-1.25" is left alone: it
// is not a formula, and the apostrophe would turn it into text.
std::string spreadsheet_safe(std::string_view cell);

// One field: neutralised, then quoted when it holds a comma, a quote or a
// line break (quotes doubled).
std::string csv_field(std::string_view cell);

// One record of fields, ending in CRLF.
std::string csv_record(const std::vector<std::string>& cells);

// The byte-order mark that starts every file.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace itagap::report
