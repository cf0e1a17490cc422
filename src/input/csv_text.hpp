// CSV files as Thai offices save them: the bytes of an uploaded or given file
// turned into UTF-8 text for CsvReader, with the encoding found and the
// delimiter used.
//
// Encodings, in the order they are tried:
//   - UTF-8 with a byte order mark (Excel's "CSV UTF-8"): the mark is removed;
//   - UTF-8 (every byte sequence is valid UTF-8; plain ASCII is UTF-8 too);
//   - Windows-874 (Excel's "CSV" on a Thai Windows, a superset of TIS-620):
//     any file that is not valid UTF-8 is decoded as CP874 through glibc's
//     iconv. A byte that CP874 leaves undefined (0xDB-0xDE, 0xFC-0xFF, ...)
//     is an error naming its line. (Thai text in CP874 is not valid UTF-8 past
//     a word or two: a consonant byte 0xC2-0xCE is a UTF-8 lead byte, and the
//     vowel, tone mark or ASCII byte that usually follows it is not a
//     continuation byte 0x80-0xBF.)
// Delimiter: the first line that is not empty is the header; it is split on
// semicolons when it holds more semicolons than commas outside quotes (Excel
// in locales that write a decimal comma), else on commas.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace itagap::input {

enum class CsvEncoding { kUtf8, kUtf8WithBom, kWindows874 };

// "UTF-8", "UTF-8 with BOM", "Windows-874": for logs and the command line;
// pages name the encoding through their catalogue.
std::string_view encoding_name(CsvEncoding encoding);
// "utf8", "utf8_bom", "windows874": a stable id for catalogue keys and audit.
std::string_view encoding_id(CsvEncoding encoding);

struct CsvText {
    std::string text;  // UTF-8, without a byte order mark
    CsvEncoding encoding = CsvEncoding::kUtf8;
    char delimiter = ',';
};

// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);
// The offset of the first byte that does not start a well-formed UTF-8
// sequence, or npos.
std::size_t first_invalid_utf8(std::string_view bytes);

// The delimiter of a CSV text: ';' when its first non-empty line has more
// semicolons than commas outside double quotes, ',' otherwise.
char sniff_delimiter(std::string_view text);

// Decodes `bytes` as described above. `file_name` is used in diagnostics only;
// an error has key "csv_encoding" with the argument {byte}.
core::Result<CsvText> decode_csv_text(std::string_view bytes, std::string_view file_name);

}  // namespace itagap::input
