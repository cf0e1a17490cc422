#include "input/csv_text.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>

namespace itagap::input {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The 1-based line of byte `offset` of `bytes`.
std::size_t line_of(std::string_view bytes, std::size_t offset) {
    const auto end = bytes.begin() + static_cast<std::ptrdiff_t>(std::min(offset, bytes.size()));
    return 1 + static_cast<std::size_t>(std::count(bytes.begin(), end, '\n'));
}

core::Diagnostic encoding_error(std::string_view file_name, std::string_view bytes,
                                std::size_t offset) {
    core::Diagnostic d;
    d.file = std::string(file_name);
    d.line = line_of(bytes, offset);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[offset]));
    d.value = hex;
    d.expected =
        "text in UTF-8 or in Windows-874 (TIS-620); this byte is neither (save the file as "
        "\"CSV UTF-8\")";
    d.key = "csv_encoding";
    d.args = {{"byte", hex}};
    return d;
}

// Windows-874 to UTF-8. On a byte CP874 does not define, `bad` is its offset.
bool cp874_to_utf8(std::string_view bytes, std::string& out, std::size_t& bad) {
    iconv_t cd = iconv_open("UTF-8", "CP874");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        bad = 0;
        return false;
    }
    // A Thai letter is one byte in CP874 and three in UTF-8.
    out.assign(bytes.size() * 3 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* to = out.data();
    std::size_t to_left = out.size();
    bool ok = true;
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &to, &to_left) == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                const std::size_t used = static_cast<std::size_t>(to - out.data());
                out.resize(out.size() * 2);
                to = out.data() + used;
                to_left = out.size() - used;
                continue;
            }
            bad = static_cast<std::size_t>(in - bytes.data());
            ok = false;
            break;
        }
    }
    out.resize(static_cast<std::size_t>(to - out.data()));
    iconv_close(cd);
    return ok;
}

}  // namespace

std::string_view encoding_name(CsvEncoding encoding) {
    switch (encoding) {
        case CsvEncoding::kUtf8:
            return "UTF-8";
        case CsvEncoding::kUtf8WithBom:
            return "UTF-8 with BOM";
        case CsvEncoding::kWindows874:
            return "Windows-874";
    }
    return "UTF-8";
}

std::string_view encoding_id(CsvEncoding encoding) {
    switch (encoding) {
        case CsvEncoding::kUtf8:
            return "utf8";
        case CsvEncoding::kUtf8WithBom:
            return "utf8_bom";
        case CsvEncoding::kWindows874:
            return "windows874";
    }
    return "utf8";
}

std::size_t first_invalid_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;   // no overlong forms
            if (c == 0xED) high = 0x9F;  // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
        } else {
            return i;
        }
        if (i + length > n) return i;
        if (s[i + 1] < low || s[i + 1] > high) return i;
        for (std::size_t k = 2; k < length; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view bytes) {
    return first_invalid_utf8(bytes) == std::string_view::npos;
}

char sniff_delimiter(std::string_view text) {
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool quoted = false;
    bool seen_content = false;
    for (const char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (seen_content) break;
            continue;
        } else if (!quoted && c == ',') {
            ++commas;
        } else if (!quoted && c == ';') {
            ++semicolons;
        }
        seen_content = true;
    }
    return semicolons > commas ? ';' : ',';
}

core::Result<CsvText> decode_csv_text(std::string_view bytes, std::string_view file_name) {
    CsvText out;
    if (bytes.starts_with(kBom)) {
        bytes.remove_prefix(kBom.size());
        out.encoding = CsvEncoding::kUtf8WithBom;
        // A mark says UTF-8: a byte that is not is an error, not Windows-874.
        const std::size_t bad = first_invalid_utf8(bytes);
        if (bad != std::string_view::npos) return encoding_error(file_name, bytes, bad);
        out.text = std::string(bytes);
    } else if (is_valid_utf8(bytes)) {
        out.encoding = CsvEncoding::kUtf8;
        out.text = std::string(bytes);
    } else {
        out.encoding = CsvEncoding::kWindows874;
        std::size_t bad = 0;
        if (!cp874_to_utf8(bytes, out.text, bad)) return encoding_error(file_name, bytes, bad);
    }
    out.delimiter = sniff_delimiter(out.text);
    return out;
}

}  // namespace itagap::input
