// The plan pages and the registration of every plan route (plan_routes.hpp
// lists the files). Handlers read the request, call app/ and core/, and hand
// plain data to plan_views.
#include "web/site/plan_routes.hpp"

#include <algorithm>

#include "app/plans.hpp"
#include "core/fiscal_year.hpp"
#include "core/plan_monitoring.hpp"
#include "core/plan_rules.hpp"
#include "input/plan_json.hpp"
#include "web/plan_text.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/auth.hpp"
#include "web/site/page.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

constexpr std::int64_t kDefaultStaleDays = 30;

std::vector<StoredPlan> only_readable(std::vector<StoredPlan> plans,
                                      const std::set<store::Id>& readable) {
    std::erase_if(plans, [&](const StoredPlan& p) { return !readable.count(p.record.unit_id); });
    return plans;
}

}  // namespace

std::string plan_href(store::Id id) { return "/admin/plans/" + std::to_string(id); }

int year_of(const SiteContext& context, const Request& request) {
    auto year = parse_number<int>(request.query.get_or("year", ""));
    if (year && core::is_valid_fiscal_year_be(*year)) return *year;
    return current_fiscal_year(context);
}

std::int64_t stale_days_of(const Request& request) {
    auto days = parse_number<std::int64_t>(request.query.get_or("stale_days", ""));
    if (days && *days >= 1 && *days <= 3650) return *days;
    return kDefaultStaleDays;
}

std::optional<std::string> round_param_of(const Request& request) {
    if (!request.query.contains("round")) return std::nullopt;
    return std::string(request.query.get_or("round", ""));
}

std::optional<Access> access_of(SiteContext& context, const store::User& user) {
    auto units = all_units(context);
    if (!units) return std::nullopt;
    Access access;
    access.readable = readable_units(user, *units);
    access.writable = code_units(user, *units);
    access.units = std::move(*units);
    return access;
}

std::vector<core::UnitRef> unit_refs(const std::vector<store::Unit>& units,
                                     const std::set<store::Id>& ids) {
    std::vector<core::UnitRef> out;
    for (const auto& u : units) {
        if (ids.count(u.id)) out.push_back(unit_ref(u));
    }
    return out;
}

std::variant<StoredPlan, Response> plan_of(SiteContext& context, const Request& request,
                                           const SignedIn& who, Language language, bool for_change,
                                           const Access& access) {
    const auto id = path_id(request, "plan");
    if (!id) return not_found(context, who, language);
    auto stored = app::load_plan(context.store, *id);
    if (!stored.ok()) {
        if (stored.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    const auto& allowed = for_change ? access.writable : access.readable;
    if (!allowed.count(stored->record.unit_id)) return forbidden(context, who, language);
    return std::move(*stored);
}

Response plan_view_page(SiteContext& context, const SignedIn& who, std::string_view name,
                        nlohmann::json data, Language language, http::status status) {
    data["p"] = plan_text(language);
    return admin_page(context, &who, name, std::move(data), language, status);
}

std::shared_ptr<const core::Questionnaire> plan_questionnaire(SiteContext& context,
                                                              const StoredPlan& stored) {
    std::optional<store::Id> questionnaire_id;
    if (stored.record.source_round_id) {
        auto round = context.store.get_round(*stored.record.source_round_id);
        if (round.ok()) questionnaire_id = round->questionnaire_id;
    } else if (!stored.plan.source_round.empty()) {
        // A plan that came by name (an import): the round of that name.
        auto rounds = context.store.list_rounds();
        if (rounds.ok()) {
            for (const auto& round : *rounds)
                if (round.name == stored.plan.source_round)
                    questionnaire_id = round.questionnaire_id;
        }
    }
    if (!questionnaire_id) return nullptr;
    auto q = context.questionnaires.get(*questionnaire_id);
    if (!q.ok()) return nullptr;
    return *q;
}

Response show_plan_page(SiteContext& context, const SignedIn& who, Language language,
                        const StoredPlan& stored, const Access& access, const FormState& state,
                        http::status status) {
    auto evidence = context.store.list_evidence(stored.record.id);
    if (!evidence.ok()) return store_failed(context, &who, language);
    const auto q = plan_questionnaire(context, stored);
    nlohmann::json data =
        plan_page_view(stored, q.get(), *evidence, plan_today(context),
                       access.writable.count(stored.record.unit_id) > 0, state, language);
    return plan_view_page(context, who, "plan_page", std::move(data), language, status);
}

store::StatusOr<PlanEffectData> plan_effect(SiteContext& context, const StoredPlan& stored,
                                            const std::vector<store::Round>& rounds,
                                            const std::optional<std::string>& round_param) {
    PlanEffectData data;
    data.choices = app::effect_rounds(stored, rounds);
    if (round_param) {
        const auto id = parse_id(*round_param);
        auto it = std::find_if(data.choices.begin(), data.choices.end(),
                               [&](const auto& r) { return id && r.id == *id; });
        if (it == data.choices.end()) return Status::NotFound("round");
        data.round = *it;
    } else if (!data.choices.empty()) {
        data.round = data.choices.front();
    }
    if (!data.round) return data;
    auto scores = app::unit_round_results(context.store, context.questionnaires, data.round->id,
                                          stored.record.unit_id, context.options.target);
    if (!scores.ok()) return scores.status;
    data.effect = core::evaluate_effect(stored.plan, *scores->questionnaire, scores->score);
    return data;
}

std::optional<MonitoringData> monitoring_data(SiteContext& context, const store::User& user,
                                              int year, bool with_effects) {
    auto access = access_of(context, user);
    auto plans = app::load_plans(context.store, year);
    if (!access || !plans.ok()) return std::nullopt;
    MonitoringData data;
    data.plans = only_readable(std::move(*plans), access->readable);
    data.without_plan = core::units_without_plan(app::plans_only(data.plans),
                                                 unit_refs(access->units, access->readable), year);
    if (!with_effects) return data;
    auto rounds = context.store.list_rounds();
    if (!rounds.ok()) return std::nullopt;
    for (const auto& p : data.plans) {
        auto effect = plan_effect(context, p, *rounds, std::nullopt);
        if (!effect.ok()) return std::nullopt;
        data.effects.push_back(std::move(*effect));
    }
    return data;
}

namespace {

using nlohmann::json;

// ---- The plans of a year -----------------------------------------------------

Response list_plans(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    const int year = year_of(context, request);
    auto access = access_of(context, who.user);
    auto plans = app::load_plans(context.store, year);
    auto rounds = context.store.list_rounds();
    if (!access || !plans.ok() || !rounds.ok()) return store_failed(context, &who, language);
    std::vector<StoredPlan> visible = only_readable(std::move(*plans), access->readable);
    std::vector<PlanListRow> rows;
    for (const auto& p : visible) {
        auto it = std::find_if(access->units.begin(), access->units.end(),
                               [&](const auto& u) { return u.id == p.record.unit_id; });
        rows.push_back({&p, it != access->units.end() ? unit_label(*it) : p.plan.unit.name});
    }
    const auto missing = core::units_without_plan(app::plans_only(visible),
                                                  unit_refs(access->units, access->readable), year);
    std::vector<store::Unit> can_start;
    for (const auto& u : access->units) {
        const bool without = std::any_of(missing.begin(), missing.end(),
                                         [&](const auto& m) { return m.id == u.id; });
        if (without && access->writable.count(u.id)) can_start.push_back(u);
    }
    json data =
        plan_list_view(year, rows, missing, can_start, *rounds, plan_today(context), language);
    data["fiscal_year_value"] = year;
    return plan_view_page(context, who, "plan_list", std::move(data), language);
}

Response refuse_start(SiteContext& context, const SignedIn& who, Language language,
                      std::string_view key, http::status status) {
    return plan_view_page(context, who, "plan_message",
                          json{{"title", plan_phrase(language, "start_plan")},
                               {"message", plan_phrase(language, key)},
                               {"back", "/admin/plans"}},
                          language, status);
}

// ---- Starting a plan -----------------------------------------------------------

// What a "start a plan" request names: a unit the user may change, a fiscal
// year and the source round's results.
struct StartRequest {
    store::Unit unit;
    int year = 0;
    app::UnitRoundResults results;
};

// `field` reads the request's query (the "choose the gaps" page) or its form
// (the POST that creates the plan).
template <typename Field>
std::variant<StartRequest, Response> read_start(SiteContext& context, const SignedIn& who,
                                                Language language, Field field) {
    auto access = access_of(context, who.user);
    if (!access) return store_failed(context, &who, language);
    const auto unit_id = parse_id(field("unit"));
    const auto round_id = parse_id(field("round"));
    const auto year = parse_number<int>(field("fiscal_year"));
    const auto bad = [&] {
        return refuse_start(context, who, language, "bad_start",
                            http::status::unprocessable_entity);
    };
    if (!unit_id || !round_id || !year || !core::is_valid_fiscal_year_be(*year)) return bad();
    auto unit = std::find_if(access->units.begin(), access->units.end(),
                             [&](const auto& u) { return u.id == *unit_id; });
    if (unit == access->units.end()) return bad();
    if (!access->writable.count(*unit_id)) return forbidden(context, who, language);
    auto results = app::unit_round_results(context.store, context.questionnaires, *round_id,
                                           *unit_id, context.options.target);
    if (!results.ok()) {
        if (results.status.code == store::StatusCode::kNotFound) return bad();
        return store_failed(context, &who, language);
    }
    return StartRequest{*unit, *year, std::move(*results)};
}

std::vector<core::GapCandidate> candidates_of(const app::UnitRoundResults& results) {
    if (!results.questionnaire) return {};
    return core::gap_candidates(*results.questionnaire, results.score, results.gaps,
                                results.round.name);
}

Response show_start_page(SiteContext& context, const SignedIn& who, Language language,
                         const StartRequest& start,
                         const std::vector<core::GapCandidate>& candidates,
                         const std::set<std::string>& chosen, std::string_view error = {},
                         http::status status = http::status::ok) {
    json data = start_plan_view(start.unit, start.year, start.results.round,
                                start.results.questionnaire.get(), candidates, chosen, language);
    data["error"] = error.empty() ? std::string() : plan_phrase(language, error);
    data["has_error"] = !error.empty();
    return plan_view_page(context, who, "plan_start", std::move(data), language, status);
}

// GET /admin/plans/new?unit=&fiscal_year=&round=: the gaps of the round's
// analysis to choose from, item gaps ticked.
Response choose_gaps(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    auto start = read_start(context, who, language, [&](std::string_view name) {
        return std::string(request.query.get_or(name, ""));
    });
    if (auto* refusal = std::get_if<Response>(&start)) return std::move(*refusal);
    const auto& s = std::get<StartRequest>(start);
    const auto candidates = candidates_of(s.results);
    return show_start_page(context, who, language, s, candidates, core::suggested_keys(candidates));
}

// POST /admin/plans. With `choose` (the "choose the gaps" page) the plan takes
// the gaps ticked in `gaps`; without it, the suggested ones.
Response start_plan(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    auto start = read_start(context, who, language,
                            [&](std::string_view name) { return form_text(request, name); });
    if (auto* refusal = std::get_if<Response>(&start)) return std::move(*refusal);
    const auto& s = std::get<StartRequest>(start);
    const auto candidates = candidates_of(s.results);
    std::optional<std::set<std::string>> chosen;
    if (request.form.contains("choose")) {
        chosen.emplace();
        for (const auto& key : request.form.all("gaps")) chosen->insert(std::string(key));
    }
    auto choice = core::choose_gaps(candidates, chosen);
    if (choice.problem != core::GapChoiceProblem::kNone) {
        return show_start_page(
            context, who, language, s, candidates, chosen.value_or(std::set<std::string>{}),
            choice.problem == core::GapChoiceProblem::kUnknownKey ? "bad_choice"
                                                                  : "choose_gaps_required",
            http::status::unprocessable_entity);
    }
    core::Plan plan;
    plan.unit = unit_ref(s.unit);
    plan.fiscal_year_be = s.year;
    plan.source_round = s.results.round.name;  // for display and export
    plan.gaps = std::move(choice.gaps);
    if (!core::validate_plan(plan).empty())
        return refuse_start(context, who, language, "bad_start",
                            http::status::unprocessable_entity);
    store::PlanRecord record;
    record.unit_id = s.unit.id;
    record.fiscal_year_be = s.year;
    record.document = input::export_plan_json(plan);
    record.updated_at = now_timestamp(context);
    record.source_round_id = s.results.round.id;
    auto entry = audit_entry(context, who.user.id, "plan.create",
                             json{{"unit_id", s.unit.id},
                                  {"fiscal_year", s.year},
                                  {"source_round_id", s.results.round.id},
                                  {"gaps", plan.gaps.size()}});
    entry.new_id_key = "plan_id";
    auto id = context.store.create_plan(record, entry);
    if (!id.ok()) {
        if (id.status.code == store::StatusCode::kConflict)
            return refuse_start(context, who, language, "plan_exists", http::status::conflict);
        return store_failed(context, &who, language);
    }
    return redirect(plan_href(*id));
}

// ---- One plan ------------------------------------------------------------------

Response show_plan(SiteContext& context, const Request& request, const SignedIn& who,
                   Language language) {
    auto access = access_of(context, who.user);
    if (!access) return store_failed(context, &who, language);
    auto plan = plan_of(context, request, who, language, false, *access);
    if (auto* refusal = std::get_if<Response>(&plan)) return std::move(*refusal);
    return show_plan_page(context, who, language, std::get<StoredPlan>(plan), *access, {});
}

// ---- Monitoring and effect ---------------------------------------------------

Response monitoring(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    const int year = year_of(context, request);
    const auto stale = stale_days_of(request);
    auto data = monitoring_data(context, who.user, year, true);
    if (!data) return store_failed(context, &who, language);
    return plan_view_page(context, who, "plan_monitoring",
                          monitoring_view(year, stale, data->plans, data->effects,
                                          data->without_plan, plan_today(context), language),
                          language);
}

Response effect(SiteContext& context, const Request& request, const SignedIn& who,
                Language language) {
    auto access = access_of(context, who.user);
    auto rounds = context.store.list_rounds();
    if (!access || !rounds.ok()) return store_failed(context, &who, language);
    auto plan = plan_of(context, request, who, language, false, *access);
    if (auto* refusal = std::get_if<Response>(&plan)) return std::move(*refusal);
    const auto& stored = std::get<StoredPlan>(plan);
    auto data = plan_effect(context, stored, *rounds, round_param_of(request));
    if (!data.ok()) {
        if (data.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    return plan_view_page(context, who, "plan_effect", effect_view(stored, *data, language),
                          language);
}

}  // namespace

void add_plan_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    page_route(router, ctx, "/admin/plans", Need::kStaff, list_plans);
    form_route(router, ctx, "/admin/plans", Need::kCodes, start_plan);
    // Before "/admin/plans/{plan}": the first matching route wins.
    page_route(router, ctx, "/admin/plans/new", Need::kCodes, choose_gaps);
    page_route(router, ctx, "/admin/plans/{plan}", Need::kStaff, show_plan);
    add_plan_change_routes(router, ctx);
    add_plan_evidence_routes(router, ctx);
    page_route(router, ctx, "/admin/plans/{plan}/effect", Need::kStaff, effect);
    page_route(router, ctx, "/admin/monitoring", Need::kStaff, monitoring);
    add_plan_api_routes(router, ctx);
}

}  // namespace itagap::web
