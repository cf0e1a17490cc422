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

}  // namespace itagap::web
