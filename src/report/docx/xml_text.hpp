// Text for the XML parts of the DOCX writer (internal to src/report/docx):
// report::xml_escape only escapes, and passes through what XML 1.0 cannot
// carry at all, so one stray control character from a pasted cause note
// would make Word refuse the whole file.
#pragma once

#include <string>
#include <string_view>

namespace itagap::report::docx {

// XML 1.0's Char production.
inline bool is_xml_char(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Length of the well-formed UTF-8 sequence at text[i] and its code point;
// length 0 when the bytes there are not UTF-8 (a stray continuation byte,
// a truncated or overlong sequence, an encoded surrogate, past U+10FFFF).
inline std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& code_point) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t c = 0;
    if (lead < 0x80) return code_point = lead, 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, c = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, c = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, c = lead & 0x07;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return 0;
        c = (c << 6) | (next & 0x3F);
    }
    if ((length == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
        (length == 4 && (c < 0x10000 || c > 0x10FFFF))) {
        return 0;
    }
    code_point = c;
    return length;
}

// Text for XML character data and attribute values: & < > " ' escaped, and
// what XML 1.0 cannot carry dropped (C0 controls other than tab, LF and CR;
// U+FFFE and U+FFFF; bytes that are not UTF-8, one byte at a time). Tab, LF
// and CR stay: callers that need them as markup (w:tab, w:br) split first.
inline std::string xml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t c = 0;
        const std::size_t length = decode_utf8(text, i, c);
        if (length == 0) {  // skip one byte and resynchronise on the next lead byte
            ++i;
            continue;
        }
        if (is_xml_char(c)) {
            switch (c) {
                case '&':
                    out += "&amp;";
                    break;
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                case '\'':
                    out += "&apos;";
                    break;
                default:
                    out.append(text.substr(i, length));
            }
        }
        i += length;
    }
    return out;
}

}  // namespace itagap::report::docx
