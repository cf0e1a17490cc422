// Improvement plans on the web (docs/plans.md), shared by the plan route
// files, one job each:
//   plan_routes.cpp    the pages: plans of a year, one plan, starting a plan,
//                      monitoring, effect; and the registration of them all
//   plan_changes.cpp   the forms that change a plan (one save sequence)
//   plan_forms.cpp     reading those forms into core types
//   plan_evidence.cpp  evidence files: checking, storing, downloading
//   plan_api.cpp       the JSON API under /api/plans and /api/monitoring
//   plan_views.cpp     template data for the pages
//
// Roles: admins see and change every plan; a unit coordinator sees and
// changes the plans of its unit subtree; an executive reads every plan and
// changes nothing (every POST is 403 before its CSRF token is even looked
// at). Internal to web/site.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/store.hpp"
#include "web/http/router.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/plan_views.hpp"

namespace itagap::web {

std::string plan_href(store::Id id);  // "/admin/plans/12"

// ---- Reading requests ------------------------------------------------------

// ?year= (B.E. 2400..2800), else the current fiscal year.
int year_of(const SiteContext& context, const Request& request);
// ?stale_days= (1..3650), else 30.
std::int64_t stale_days_of(const Request& request);
// ?round= as given, nullopt when absent.
std::optional<std::string> round_param_of(const Request& request);

// ---- Access ----------------------------------------------------------------

struct Access {
    std::vector<store::Unit> units;
    std::set<store::Id> readable;
    std::set<store::Id> writable;  // empty for executives
};

// nullopt when the store fails.
std::optional<Access> access_of(SiteContext& context, const store::User& user);
std::vector<core::UnitRef> unit_refs(const std::vector<store::Unit>& units,
                                     const std::set<store::Id>& ids);

// The plan a request's {plan} names, if the user may read it (or, with
// `for_change`, change it); otherwise the refusal page to send.
std::variant<StoredPlan, Response> plan_of(SiteContext& context, const Request& request,
                                           const SignedIn& who, Language language, bool for_change,
                                           const Access& access);

// ---- Pages -----------------------------------------------------------------

// An admin page with the plan text (`p`) added.
Response plan_view_page(SiteContext& context, const SignedIn& who, std::string_view name,
                        nlohmann::json data, Language language,
                        http::status status = http::status::ok);
// The questionnaire of the plan's source round (for gap texts and the
// measure form's target check); null when the plan has no source round or the
// store cannot give it.
std::shared_ptr<const core::Questionnaire> plan_questionnaire(SiteContext& context,
                                                              const StoredPlan& stored);
// The plan's page, with `state` (a refused form) shown in place.
Response show_plan_page(SiteContext& context, const SignedIn& who, Language language,
                        const StoredPlan& stored, const Access& access, const FormState& state,
                        http::status status = http::status::ok);

// ---- Data shared by the pages and the API ------------------------------------

// The plan's effect against `round_param` (a round id), or without one
// against the latest of its effect rounds. kNotFound for a round that is not
// one of them; store failures as they come.
store::StatusOr<PlanEffectData> plan_effect(SiteContext& context, const StoredPlan& stored,
                                            const std::vector<store::Round>& rounds,
                                            const std::optional<std::string>& round_param);

struct MonitoringData {
    std::vector<StoredPlan> plans;        // those the user may read
    std::vector<PlanEffectData> effects;  // parallel to plans, when asked for
    std::vector<core::UnitRef> without_plan;
};
// nullopt when the store fails.
std::optional<MonitoringData> monitoring_data(SiteContext& context, const store::User& user,
                                              int year, bool with_effects = false);

// ---- Route groups, added by add_plan_routes() --------------------------------

void add_plan_change_routes(Router& router, SiteContext* context);
void add_plan_evidence_routes(Router& router, SiteContext* context);
void add_plan_api_routes(Router& router, SiteContext* context);

}  // namespace itagap::web
