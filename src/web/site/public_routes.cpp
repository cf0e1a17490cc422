#include "web/site/routes.hpp"

namespace itagap::web {

void add_public_routes(Router& router, SiteContext& context) {
    (void)router, (void)context;
}

}  // namespace itagap::web
