#include "web/site/inline_styles.hpp"

#include "security/random_tokens.hpp"
#include "web/http/response.hpp"

namespace itagap::web {

std::string content_security_policy_allowing_styles_of(std::string_view html) {
    std::string sources;
    constexpr std::string_view kOpen = "<style>";
    constexpr std::string_view kClose = "</style>";
    for (std::size_t at = html.find(kOpen); at != std::string_view::npos;
         at = html.find(kOpen, at)) {
        const std::size_t start = at + kOpen.size();
        const std::size_t end = html.find(kClose, start);
        if (end == std::string_view::npos) break;
        sources += " 'sha256-" + security::sha256_base64(html.substr(start, end - start)) + "'";
        at = end + kClose.size();
    }
    std::string policy(kContentSecurityPolicy);
    constexpr std::string_view kStyleSrc = "style-src 'self'";
    if (const auto found = policy.find(kStyleSrc); found != std::string::npos)
        policy.insert(found + kStyleSrc.size(), sources);
    return policy;
}

}  // namespace itagap::web
