// The plans' JSON API (docs/api.md), signed in like the rest of /api
// (api_response.hpp); read only:
//   GET /api/plans?year=               the plans the user may read, summed up
//   GET /api/plans/{plan}              one plan's document, version and flags
//   GET /api/plans/{plan}/effect?round= its effect against a later round
//   GET /api/monitoring?year=&stale_days=
#include <algorithm>

#include "core/number_format.hpp"
#include "core/plan_rules.hpp"
#include "web/site/api_response.hpp"
#include "web/site/plan_routes.hpp"

namespace itagap::web {

namespace {

using Json = nlohmann::json;

std::string iso_or_empty(const core::CivilDate& date) {
    return core::is_valid_date(date) ? core::to_iso_string(date) : std::string();
}

// ---- Bodies ------------------------------------------------------------------

Json plan_summary_json(const StoredPlan& stored, const core::CivilDate& today) {
    const auto& plan = stored.plan;
    const std::size_t overdue = core::count_overdue(plan, today);
    const auto percent = core::plan_percent_complete(plan);
    return Json{{"id", stored.record.id},
                {"unit_id", stored.record.unit_id},
                {"unit", plan.unit.name},
                {"unit_short_name", plan.unit.short_name},
                {"fiscal_year", plan.fiscal_year_be},
                {"source_round", plan.source_round},
                {"version", stored.record.version},
                {"updated_at", stored.record.updated_at},
                {"measures", plan.measures.size()},
                {"percent_complete", percent ? Json(*percent) : Json(nullptr)},
                {"overdue_measures", overdue}};
}

Json plan_detail_json(const StoredPlan& stored, const core::CivilDate& today) {
    Json out = plan_summary_json(stored, today);
    out["today"] = core::to_iso_string(today);
    out["plan"] = Json::parse(stored.record.document, nullptr, false);
    Json flags = Json::array();
    for (const auto& m : stored.plan.measures) {
        const bool overdue = core::is_overdue(m, today);
        const core::MeasureProgressState progress = core::measure_progress_state(m, today);
        flags.push_back(Json{{"number", m.number},
                             {"overdue", overdue},
                             {"days_overdue", overdue ? core::days_between(m.due_on, today) : 0},
                             {"progress_clock", core::to_string(progress.clock)},
                             {"days_since_update", progress.days_since_update},
                             {"days_to_start", progress.days_to_start},
                             {"never_updated", progress.never_updated},
                             {"ready_to_mark_done", progress.ready_to_mark_done}});
    }
    out["measure_flags"] = flags;
    return out;
}

Json monitoring_json(int fiscal_year_be, std::int64_t stale_days,
                     const std::vector<StoredPlan>& plans,
                     const std::vector<PlanEffectData>& effects,
                     const std::vector<core::UnitRef>& without_plan, const core::CivilDate& today) {
    const auto core_plans = app::plans_only(plans);
    const auto at_json = [&](const core::MeasureAt& at) {
        const auto& s = plans[at.plan];
        const auto& m = s.plan.measures[at.measure];
        return Json{{"plan_id", s.record.id},
                    {"unit_id", s.record.unit_id},
                    {"unit", s.plan.unit.name},
                    {"measure", m.number},
                    {"text", m.text},
                    {"owner", m.owner},
                    {"due_on", iso_or_empty(m.due_on)},
                    {"status", core::to_string(m.status)}};
    };
    Json overdue = Json::array();
    for (const auto& o : core::overdue_measures(core_plans, today)) {
        Json row = at_json(o.at);
        row["days_overdue"] = o.days_overdue;
        overdue.push_back(row);
    }
    Json quiet = Json::array();
    for (const auto& q : core::measures_without_update(core_plans, today, stale_days)) {
        Json row = at_json(q.at);
        row["days_since_update"] = q.days_since_update;
        row["never_updated"] = q.never_updated;
        quiet.push_back(row);
    }
    Json strategies = Json::array();
    for (const auto& s : core::progress_by_strategy(core_plans)) {
        strategies.push_back(Json{{"strategy", std::string(1, core::strategy_letter(s.strategy))},
                                  {"name", core::strategy_name_en(s.strategy)},
                                  {"measures", s.measures},
                                  {"done", s.done},
                                  {"cancelled", s.cancelled},
                                  {"mean_percent_complete",
                                   s.has_data() ? Json(s.mean_percent_complete) : Json(nullptr)}});
    }
    Json gaps = Json::array();
    for (const auto& g : core::unaddressed_gaps(core_plans)) {
        const auto& s = plans[g.plan];
        const auto& gap = s.plan.gaps[g.gap];
        gaps.push_back(Json{{"plan_id", s.record.id},
                            {"unit", s.plan.unit.name},
                            {"gap", g.gap + 1},
                            {"ref", core::to_string(gap.ref)},
                            {"instrument", gap.instrument},
                            {"score", gap.score}});
    }
    Json effect_rows = Json::array();
    for (std::size_t i = 0; i < plans.size() && i < effects.size(); ++i) {
        const auto& e = effects[i];
        if (!e.effect || !e.round) continue;
        const auto counts = core::count_outcomes(*e.effect);
        effect_rows.push_back(Json{{"plan_id", plans[i].record.id},
                                   {"unit", plans[i].plan.unit.name},
                                   {"round_id", e.round->id},
                                   {"round", e.round->name},
                                   {"met", counts.met},
                                   {"not_met", counts.not_met},
                                   {"no_data", counts.no_data}});
    }
    Json missing = Json::array();
    for (const auto& u : without_plan)
        missing.push_back(Json{{"id", u.id}, {"name", u.name}, {"short_name", u.short_name}});
    return Json{{"fiscal_year", fiscal_year_be},
                {"effects", effect_rows},
                {"today", core::to_iso_string(today)},
                {"stale_days", stale_days},
                {"overdue", overdue},
                {"without_update", quiet},
                {"by_strategy", strategies},
                {"unaddressed_gaps", gaps},
                {"units_without_plan", missing}};
}

Json round_json(const store::Round& r) {
    return Json{{"id", r.id},
                {"name", r.name},
                {"fiscal_year_be", r.fiscal_year_be},
                {"opens_on", r.opens_on},
                {"closes_on", r.closes_on}};
}

Json observed_json(const std::optional<core::ObservedScore>& observed) {
    if (!observed) return nullptr;
    return Json{{"score", observed->score},
                {"score_text", core::format_score(observed->score)},
                {"answers", observed->answers},
                {"favourable", observed->favourable},
                {"respondents", observed->respondents}};
}

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json effect_json(const StoredPlan& stored, const PlanEffectData& data) {
    const auto& plan = stored.plan;
    Json choices = Json::array();
    for (const auto& r : data.choices) choices.push_back(round_json(r));
    Json measures = Json::array();
    Json gaps = Json::array();
    if (data.effect) {
        for (const auto& me : data.effect->measures) {
            const auto& m = plan.measures[me.measure];
            Json target = nullptr;
            if (m.target) {
                target = Json{{"level", core::to_string(m.target->ref.level)},
                              {"ref", core::to_string(m.target->ref)},
                              {"min_score", m.target->min_score},
                              {"description", m.target->description}};
            }
            measures.push_back(Json{{"number", m.number},
                                    {"text", m.text},
                                    {"target", target},
                                    {"outcome", core::to_string(me.outcome)},
                                    {"observed", observed_json(me.observed)},
                                    {"margin_points", optional_number(me.margin_points)}});
        }
        for (const auto& ge : data.effect->gaps) {
            const auto& g = plan.gaps[ge.gap];
            gaps.push_back(Json{{"gap", ge.gap + 1},
                                {"ref", core::to_string(g.ref)},
                                {"level", core::to_string(g.ref.level)},
                                {"instrument", g.instrument},
                                {"before", Json{{"score", ge.before},
                                                {"score_text", core::format_score(ge.before)},
                                                {"round", g.round}}},
                                {"after", observed_json(ge.after)},
                                {"change_points", optional_number(ge.change_points)}});
        }
    }
    Json counts = nullptr;
    if (data.effect) {
        const auto c = core::count_outcomes(*data.effect);
        counts = Json{{"met", c.met}, {"not_met", c.not_met}, {"no_data", c.no_data}};
    }
    return Json{{"plan_id", stored.record.id},
                {"unit_id", stored.record.unit_id},
                {"source_round", plan.source_round},
                {"rounds", choices},
                {"round", data.round ? round_json(*data.round) : Json(nullptr)},
                {"counts", counts},
                {"measures", measures},
                {"gaps", gaps}};
}

// ---- Routes ------------------------------------------------------------------

Response api_plans(SiteContext& context, const Request& request, const SignedIn& who) {
    auto data = monitoring_data(context, who.user, year_of(context, request));
    if (!data) return api_error(http::status::service_unavailable, "unavailable");
    Json out = Json::array();
    for (const auto& p : data->plans) out.push_back(plan_summary_json(p, plan_today(context)));
    return api_ok(out);
}

// The API's answer for a plan the user may not read, or that is not there;
// nullopt when `stored` holds a plan the user may read.
std::optional<Response> refuse_plan_for_api(const std::optional<Access>& access,
                                            const store::StatusOr<StoredPlan>& stored) {
    if (!access) return api_error(http::status::service_unavailable, "unavailable");
    if (!stored.ok()) {
        if (stored.status.code == store::StatusCode::kNotFound)
            return api_error(http::status::not_found, "not_found");
        return api_error(http::status::service_unavailable, "unavailable");
    }
    if (!access->readable.count(stored->record.unit_id))
        return api_error(http::status::forbidden, "forbidden");
    return std::nullopt;
}

Response api_plan(SiteContext& context, const Request& request, const SignedIn& who) {
    const auto id = path_id(request, "plan");
    if (!id) return api_error(http::status::not_found, "not_found");
    auto access = access_of(context, who.user);
    auto stored = app::load_plan(context.store, *id);
    if (auto refused = refuse_plan_for_api(access, stored)) return std::move(*refused);
    return api_ok(plan_detail_json(*stored, plan_today(context)));
}

Response api_monitoring(SiteContext& context, const Request& request, const SignedIn& who) {
    const int year = year_of(context, request);
    auto data = monitoring_data(context, who.user, year, true);
    if (!data) return api_error(http::status::service_unavailable, "unavailable");
    return api_ok(monitoring_json(year, stale_days_of(request), data->plans, data->effects,
                                  data->without_plan, plan_today(context)));
}

Response api_effect(SiteContext& context, const Request& request, const SignedIn& who) {
    const auto id = path_id(request, "plan");
    if (!id) return api_error(http::status::not_found, "not_found");
    auto access = access_of(context, who.user);
    auto stored = app::load_plan(context.store, *id);
    if (auto refused = refuse_plan_for_api(access, stored)) return std::move(*refused);
    auto rounds = context.store.list_rounds();
    if (!rounds.ok()) return api_error(http::status::service_unavailable, "unavailable");
    auto data = plan_effect(context, *stored, *rounds, round_param_of(request));
    if (!data.ok()) {
        if (data.status.code == store::StatusCode::kNotFound)
            return api_error(http::status::not_found, "not_found");
        return api_error(http::status::service_unavailable, "unavailable");
    }
    return api_ok(effect_json(*stored, *data));
}

}  // namespace

void add_plan_api_routes(Router& router, SiteContext* ctx) {
    (void)router.get("/api/plans", signed_in_only(ctx, api_plans));
    (void)router.get("/api/plans/{plan}", signed_in_only(ctx, api_plan));
    (void)router.get("/api/plans/{plan}/effect", signed_in_only(ctx, api_effect));
    (void)router.get("/api/monitoring", signed_in_only(ctx, api_monitoring));
}

}  // namespace itagap::web
