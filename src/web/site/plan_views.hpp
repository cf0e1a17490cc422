// What the improvement-plan pages and their JSON API show: plans loaded from
// the store (each kept as its "itagap-plan/1" document with a version, see
// store.hpp) and turned into plain template data: dates in Thai form, scores
// formatted, overdue flags computed for `today`. No markup.
//
// Routes: plan_routes.cpp. Text: web/plan_text.hpp ({{p.key}}).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/results.hpp"
#include "core/plan_monitoring.hpp"
#include "core/plans.hpp"
#include "store/store.hpp"
#include "web/site/site.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

// A plan as stored, and parsed. INVARIANT: plan.id == record.id and
// plan.unit.id == record.unit_id.
struct StoredPlan {
    store::PlanRecord record;
    core::Plan plan;
};

// kInternal when the stored document does not parse (a bug or a damaged row).
store::StatusOr<StoredPlan> load_plan(store::Store& store, store::Id plan_id);
store::StatusOr<std::vector<StoredPlan>> load_plans(store::Store& store, int fiscal_year_be);
// The plan a unit made from a round's gap analysis (its source_round is the
// round's name); of several, the one of the latest fiscal year. nullopt in
// the value when there is none.
store::StatusOr<std::optional<StoredPlan>> find_round_plan(store::Store& store, store::Id unit_id,
                                                          const std::string& round_name);

// Today in Thailand (UTC+7), from SiteContext::now().
core::CivilDate plan_today(const SiteContext& context);
// The current fiscal year (B.E.) in Thailand.
int current_fiscal_year(const SiteContext& context);

core::UnitRef unit_ref(const store::Unit& unit);

// The gaps a new plan starts with, from a round's gap analysis: per
// instrument, the lowest items within the lowest indicators, then the items
// below target, each once, with their scores and counts.
std::vector<core::GapRef> gaps_from_analysis(const app::UnitRoundResults& results);

// A gap a new plan may start with, offered on the "start a plan" page.
// `key` names it in the form ("item:i12", "indicator:3"); `suggested` ones
// are ticked to begin with and are what a form without a choice gets.
struct GapCandidate {
    std::string key;
    core::GapRef gap;
    bool suggested = false;
};

// Every gap of a round's analysis a plan may take: the item gaps of
// gaps_from_analysis() (suggested), then per instrument the lowest
// indicators and the indicators below target, each once, with their scores
// and counts.
std::vector<GapCandidate> gap_candidates(const app::UnitRoundResults& results);

// ---- Effect ----------------------------------------------------------------

// The rounds a plan's effect is measured against: the rounds of its source
// round's questionnaire that open after the source round (by opens_on) and
// are closed, latest first. Empty when no such round has closed yet, or when
// the source round is not in `rounds` (a plan imported from another
// database).
std::vector<store::Round> effect_rounds(const std::vector<store::Round>& rounds,
                                        const std::string& source_round);

// A plan's effect against one of its effect_rounds(). `round` and `effect`
// are empty when `choices` is.
struct PlanEffectData {
    std::vector<store::Round> choices;
    std::optional<store::Round> round;
    std::optional<core::PlanEffect> effect;
};

// Targets met, not met and without data (measures without a target are not
// counted).
struct EffectCounts {
    std::size_t met = 0;
    std::size_t not_met = 0;
    std::size_t no_data = 0;
};
EffectCounts count_outcomes(const core::PlanEffect& effect);

// Mean percent complete over the measures that are not cancelled; nullopt
// when there are none.
std::optional<double> plan_percent_complete(const core::Plan& plan);

// ---- Forms -----------------------------------------------------------------

// A form shown again after a refused POST: the values as posted and the
// problems next to their fields. `form` names the form on the page:
// "gap-2", "measure-new", "measure-3", "update-3", "activity-new",
// "activity-evidence-2" (the second activity as listed).
struct FormState {
    std::string form;
    std::map<std::string, std::string> values;
    std::map<std::string, std::set<std::string>> choices;  // checkboxes
    std::map<std::string, std::string> errors;             // field -> message
    bool conflict = false;  // someone saved the plan meanwhile
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

nlohmann::json plan_page_view(const StoredPlan& stored,
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
                               const store::Round& round,
                               const std::vector<GapCandidate>& candidates,
                               const std::set<std::string>& chosen, Language language);

// ---- JSON API --------------------------------------------------------------

nlohmann::json plan_summary_json(const StoredPlan& stored, const core::CivilDate& today);
// The plan's document as stored, plus the version and, per measure, the
// flags computed for `today`.
nlohmann::json plan_detail_json(const StoredPlan& stored, const core::CivilDate& today);
// `effects` is parallel to `plans`.
nlohmann::json monitoring_json(int fiscal_year_be, std::int64_t stale_days,
                               const std::vector<StoredPlan>& plans,
                               const std::vector<PlanEffectData>& effects,
                               const std::vector<core::UnitRef>& without_plan,
                               const core::CivilDate& today);
// GET /api/plans/{plan}/effect (docs/api.md).
nlohmann::json effect_json(const StoredPlan& stored, const PlanEffectData& data);

}  // namespace itagap::web
