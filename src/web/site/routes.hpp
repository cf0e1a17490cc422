// The site's route groups; build_site_router() adds them all.
#pragma once

#include "web/http/router.hpp"
#include "web/site/site.hpp"

namespace itagap::web {

void add_survey_routes(Router& router, SiteContext& context);
void add_admin_routes(Router& router, SiteContext& context);
void add_api_routes(Router& router, SiteContext& context);
void add_plan_routes(Router& router, SiteContext& context);
void add_executive_report_routes(Router& router, SiteContext& context);

}  // namespace itagap::web
