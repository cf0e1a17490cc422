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
// The public results pages (no sign-in; published rounds only) and their CSV.
void add_public_routes(Router& router, SiteContext& context);
// The KPI attachment and the exports as downloads for signed-in staff.
void add_report_download_routes(Router& router, SiteContext& context);

}  // namespace itagap::web
