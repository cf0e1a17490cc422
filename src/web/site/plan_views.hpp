// What the improvement-plan pages show: plans (app/plans.hpp) turned into
// plain template data: dates in Thai form, scores formatted, overdue flags
// computed for `today`. No markup, and no rule: the figures come from
// core/plan_rules.hpp and core/plan_monitoring.hpp. The JSON API's bodies are
// in plan_api.cpp.
//
// Routes: plan_routes.hpp. Text: web/plan_text.hpp ({{p.key}}).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/plans.hpp"
#include "core/plan_monitoring.hpp"
#include "core/plan_rules.hpp"
#include "core/plans.hpp"
#include "store/store.hpp"
#include "web/site/plan_forms.hpp"
#include "web/site/site.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

using app::StoredPlan;

// Today in Thailand (UTC+7), from SiteContext::now().
core::CivilDate plan_today(const SiteContext& context);
// The current fiscal year (B.E.) in Thailand.
int current_fiscal_year(const SiteContext& context);

core::UnitRef unit_ref(const store::Unit& unit);

// A plan's effect against one of its effect rounds (app::effect_rounds()).
// `round` and `effect` are empty when `choices` is.
struct PlanEffectData {
    std::vector<store::Round> choices;
    std::optional<store::Round> round;
    std::optional<core::PlanEffect> effect;
};

// ---- Template data ---------------------------------------------------------

struct PlanListRow {
    const StoredPlan* plan = nullptr;
    std::string unit_label;
};

nlohmann::json plan_list_view(int fiscal_year_be, const std::vector<PlanListRow>& plans,
                              const std::vector<core::UnitRef>& without_plan,
                              const std::vector<store::Unit>& can_start,
                              const std::vector<store::Round>& rounds, const core::CivilDate& today,
                              Language language);

// `q` is the questionnaire of the plan's source round, for the words of its
// gaps; null when not known (a plan imported from elsewhere): codes only.
nlohmann::json plan_page_view(const StoredPlan& stored, const core::Questionnaire* q,
                              const std::vector<store::EvidenceFile>& evidence,
                              const core::CivilDate& today, bool can_edit, const FormState& state,
                              Language language);

// `effects` is parallel to `plans`.
nlohmann::json monitoring_view(int fiscal_year_be, std::int64_t stale_days,
                               const std::vector<StoredPlan>& plans,
                               const std::vector<PlanEffectData>& effects,
                               const std::vector<core::UnitRef>& without_plan,
                               const core::CivilDate& today, Language language);

nlohmann::json effect_view(const StoredPlan& stored, const PlanEffectData& data, Language language);

// The "choose the gaps" step of starting a plan.
nlohmann::json start_plan_view(const store::Unit& unit, int fiscal_year_be,
                               const store::Round& round, const core::Questionnaire* q,
                               const std::vector<core::GapCandidate>& candidates,
                               const std::set<std::string>& chosen, Language language);

}  // namespace itagap::web
