#include "web/site/public_url.hpp"

namespace itagap::web {

std::string public_base_url(const SiteContext& context) {
    std::string base = context.options.public_base_url;
    if (base.empty()) base = context.options.loopback_base_url;
    if (base.empty()) base = "http://127.0.0.1";
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

bool public_url_configured(const SiteContext& context) {
    return !context.options.public_base_url.empty();
}

std::string eit_survey_link(const SiteContext& context, store::Id round, store::Id unit) {
    return public_base_url(context) + "/s/" + std::to_string(round) + "/" + std::to_string(unit);
}

std::string iit_survey_link(const SiteContext& context, std::string_view code) {
    std::string link = public_base_url(context) + "/iit";
    // Codes are letters, digits and hyphens (security/access_codes): no
    // escaping needed.
    if (!code.empty()) link += "?code=" + std::string(code);
    return link;
}

}  // namespace itagap::web
