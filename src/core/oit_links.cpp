#include "core/oit_links.hpp"

#include <cctype>
#include <string>

namespace itagap::core {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

// "https://user@Host:8080/x" -> "host".
std::string url_host(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    auto end = url.find_first_of("/?#");
    if (end != std::string_view::npos) url = url.substr(0, end);
    auto at = url.rfind('@');
    if (at != std::string_view::npos) url.remove_prefix(at + 1);
    if (!url.empty() && url.front() == '[') {
        auto close = url.find(']');
        url = url.substr(0, close == std::string_view::npos ? url.size() : close + 1);
    } else {
        auto colon = url.find(':');
        if (colon != std::string_view::npos) url = url.substr(0, colon);
    }
    while (!url.empty() && url.back() == '.') url.remove_suffix(1);
    std::string host = lower(url);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
}

namespace {

bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_tis_digit(unsigned char c) { return c >= 0xF0 && c <= 0xF9; }
// UTF-8 Thai digit U+0E50..U+0E59 is E0 B9 90..99.
bool utf8_thai_digit_at(std::string_view s, std::size_t i) {
    return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE0 &&
           static_cast<unsigned char>(s[i + 1]) == 0xB9 &&
           static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
           static_cast<unsigned char>(s[i + 2]) <= 0x99;
}
bool utf8_thai_digit_before(std::string_view s, std::size_t pos) {
    return pos >= 3 && utf8_thai_digit_at(s, pos - 3);
}
bool digit_before(std::string_view s, std::size_t pos) {
    if (pos == 0) return false;
    auto c = static_cast<unsigned char>(s[pos - 1]);
    return is_ascii_digit(c) || is_tis_digit(c) || utf8_thai_digit_before(s, pos);
}
bool digit_at(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return false;
    auto c = static_cast<unsigned char>(s[pos]);
    return is_ascii_digit(c) || is_tis_digit(c) || utf8_thai_digit_at(s, pos);
}

bool find_standalone(std::string_view bytes, const std::string& needle) {
    for (auto pos = bytes.find(needle); pos != std::string_view::npos;
         pos = bytes.find(needle, pos + 1)) {
        if (!digit_before(bytes, pos) && !digit_at(bytes, pos + needle.size())) return true;
    }
    return false;
}

}  // namespace

std::string_view to_string(LinkFailure failure) {
    switch (failure) {
        case LinkFailure::kNone:
            return "none";
        case LinkFailure::kDns:
            return "dns";
        case LinkFailure::kRefused:
            return "refused";
        case LinkFailure::kTls:
            return "tls";
        case LinkFailure::kTimeout:
            return "timeout";
        case LinkFailure::kRefusedAddress:
            return "refused_address";
        case LinkFailure::kTooManyRedirects:
            return "too_many_redirects";
        case LinkFailure::kOther:
            return "other";
    }
    return "other";
}

bool on_site(std::string_view url, std::string_view unit_website) {
    if (unit_website.empty()) return true;
    const std::string site = url_host(unit_website);
    if (site.empty()) return true;
    const std::string host = url_host(url);
    if (host == site) return true;
    return host.size() > site.size() &&
           host.compare(host.size() - site.size(), site.size(), site) == 0 &&
           host[host.size() - site.size() - 1] == '.';
}

bool mentions_fiscal_year(std::string_view bytes, int fiscal_year_be) {
    if (fiscal_year_be <= 0) return false;
    const std::string ascii = std::to_string(fiscal_year_be);
    std::string utf8;
    std::string tis;
    for (char d : ascii) {
        int v = d - '0';
        utf8 += "\xE0\xB9";
        utf8 += static_cast<char>(0x90 + v);
        tis += static_cast<char>(0xF0 + v);
    }
    return find_standalone(bytes, ascii) || find_standalone(bytes, utf8) ||
           find_standalone(bytes, tis);
}

LinkVerdict judge_link(const LinkFetch& fetch, std::string_view unit_website, bool year_required) {
    LinkVerdict v;
    v.broken =
        fetch.failure != LinkFailure::kNone || fetch.http_status < 200 || fetch.http_status > 299;
    v.outside_site = !on_site(fetch.url, unit_website) ||
                     (!fetch.final_url.empty() && !on_site(fetch.final_url, unit_website));
    if (year_required && !v.broken) {
        std::string type = lower(fetch.content_type);
        auto semi = type.find(';');
        if (semi != std::string::npos) type.erase(semi);
        while (!type.empty() && type.back() == ' ') type.pop_back();
        const bool read = type.empty() || type == "text/html" || type == "text/plain";
        v.year_missing = read && !fetch.mentions_year;
    }
    v.fine = !v.broken && !v.outside_site && !v.year_missing;
    return v;
}

}  // namespace itagap::core
