#pragma once
// Judging one fetched OIT evidence link: on the unit's site, mentions the
// fiscal year, broken. Pure: the fetching is in net/link_checker.
#include <string>
#include <string_view>

namespace itagap::core {

enum class LinkFailure {
    kNone,
    kDns,
    kRefused,
    kTls,
    kTimeout,
    kRefusedAddress,
    kTooManyRedirects,
    kOther
};

// "none", "dns", "refused", "tls", "timeout", "refused_address", "too_many_redirects", "other".
std::string_view to_string(LinkFailure failure);

struct LinkFetch {
    std::string url;
    long http_status = 0;
    std::string final_url;
    std::string content_type;
    LinkFailure failure = LinkFailure::kNone;
    std::string error_detail;
    bool mentions_year = false;
};

// The url's host is the website's host (case-insensitive, a leading "www."
// ignored on either side) or one of its subdomains. An empty website: true.
bool on_site(std::string_view url, std::string_view unit_website);

// The host of a URL or of a bare host, as on_site compares it: lower case,
// without user info, port, trailing dot or a leading "www."; "" when none.
std::string url_host(std::string_view url);

// The B.E. year in ASCII digits, Thai digits (UTF-8) or Thai digits in
// TIS-620 / Windows-874, not inside a longer number.
bool mentions_fiscal_year(std::string_view bytes, int fiscal_year_be);

struct LinkVerdict {
    bool fine = false;
    bool broken = false;
    bool outside_site = false;
    bool year_missing = false;
};

LinkVerdict judge_link(const LinkFetch& fetch, std::string_view unit_website, bool year_required);

}  // namespace itagap::core
