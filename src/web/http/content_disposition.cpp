#include "web/http/content_disposition.hpp"

namespace itagap::web {

namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." /
// "^" / "_" / "`" / "|" / "~".
bool is_attr_char(unsigned char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '!':
        case '#':
        case '$':
        case '&':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~':
            return true;
        default:
            return false;
    }
}

void put_underscore(std::string& out) {
    if (out.empty() || out.back() != '_') out += '_';
}

}  // namespace

std::string ascii_file_name(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (is_control(c)) continue;
        if (c >= 0x80) {
            // One '_' per character: skip the continuation bytes.
            while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80)
                ++i;
            put_underscore(out);
        } else if (c == '"' || c == '\\' || c == '%') {
            put_underscore(out);
        } else if (c == '_') {
            put_underscore(out);
        } else {
            out += static_cast<char>(c);
        }
    }
    if (out.empty()) out = "download";
    return out;
}

std::string content_disposition(std::string_view name, Disposition disposition) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out = disposition == Disposition::kInline ? "inline" : "attachment";
    out += "; filename=\"" + ascii_file_name(name) + "\"; filename*=UTF-8''";
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_control(c)) continue;
        if (is_attr_char(c)) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0F];
        }
    }
    return out;
}

}  // namespace itagap::web
