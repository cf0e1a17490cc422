// The forms that change a plan: a gap's cause note, a measure (new or
// edited), a progress update, an activity, and evidence for an activity.
//
// Every change goes through commit() once: the form carries the plan's
// version, and a save from an older version is refused (409, the plan shown
// again with a "reload" message) so two people editing one plan never
// overwrite each other; then the changed plan is checked with
// core::validate_plan() (422 with the problems next to the fields); only then
// is a posted evidence file stored and the plan saved and audited. A refused
// change saves nothing and stores no file.
#include <algorithm>

#include "core/plan_rules.hpp"
#include "input/plan_json.hpp"
#include "web/plan_text.hpp"
#include "web/site/page.hpp"
#include "web/site/plan_evidence.hpp"
#include "web/site/plan_forms.hpp"
#include "web/site/plan_routes.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

// What a form changed, ready for commit().
struct PlanChange {
    core::Plan plan;     // the plan as changed
    FormState state;     // the form as posted, with the problems found reading it
    std::string prefix;  // JSON path of the changed part ("$.measures[2]")
    std::string action;  // audit action ("plan.measure_add")
    json details;        // audit details
    std::string anchor;  // where the plan page opens after the save
    // A checked file to store with the change, and where its id goes.
    const Upload* upload = nullptr;
    std::function<void(core::Plan&, store::Id)> attach;
};

// version -> 409, validate -> 422, store the upload, save with its audit entry -> 409 / 503.
Response commit(SiteContext& context, const Request& request, const SignedIn& who,
                Language language, const Access& access, const StoredPlan& original,
                PlanChange change) {
    FormState& state = change.state;
    const auto expected = posted_version(request);
    if (!expected || *expected != original.record.version) {
        state.conflict = true;
        state.errors.clear();
        return show_plan_page(context, who, language, original, access, state,
                              http::status::conflict);
    }
    if (state.errors.empty())
        add_diagnostics(state, core::validate_plan(change.plan), change.prefix);
    if (!state.errors.empty()) {
        return show_plan_page(context, who, language, original, access, state,
                              http::status::unprocessable_entity);
    }
    if (change.upload && change.upload->file) {
        auto id = store_upload(context, who, original.record.id, *change.upload, change.details);
        if (!id.ok()) return store_failed(context, &who, language);
        change.attach(change.plan, *id);
    }
    change.details["plan_id"] = original.record.id;
    change.details["unit_id"] = original.record.unit_id;
    change.details["version"] = *expected + 1;  // what the save makes it, if it succeeds
    auto saved = context.store.save_plan(
        original.record.id, input::export_plan_json(change.plan), *expected, now_timestamp(context),
        audit_entry(context, who.user.id, change.action, change.details));
    if (!saved.ok()) {
        if (saved.status.code != store::StatusCode::kConflict)
            return store_failed(context, &who, language);
        auto fresh = app::load_plan(context.store, original.record.id);
        if (!fresh.ok()) return store_failed(context, &who, language);
        state.conflict = true;
        state.errors.clear();
        return show_plan_page(context, who, language, *fresh, access, state,
                              http::status::conflict);
    }
    return redirect(plan_href(original.record.id) + "#" + change.anchor);
}

// Loads the plan the request names for a change, and commits what `make`
// makes of it; `make` returns a Response instead when the request names a
// part of the plan that is not there.
template <typename Make>
Response change_plan(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language, Make make) {
    auto access = access_of(context, who.user);
    if (!access) return store_failed(context, &who, language);
    auto plan = plan_of(context, request, who, language, true, *access);
    if (auto* refusal = std::get_if<Response>(&plan)) return std::move(*refusal);
    const auto& stored = std::get<StoredPlan>(plan);
    std::variant<PlanChange, Response> change = make(stored);
    if (auto* refusal = std::get_if<Response>(&change)) return std::move(*refusal);
    return commit(context, request, who, language, *access, stored,
                  std::move(std::get<PlanChange>(change)));
}

std::string path_of(std::string_view list, std::size_t index) {
    return "$." + std::string(list) + "[" + std::to_string(index) + "]";
}

std::optional<std::size_t> measure_index(const Request& request, const core::Plan& plan) {
    const auto number = path_id(request, "measure");
    if (!number) return std::nullopt;
    for (std::size_t i = 0; i < plan.measures.size(); ++i) {
        if (plan.measures[i].number == *number) return i;
    }
    return std::nullopt;
}

Response save_gap_note(SiteContext& context, const Request& request, const SignedIn& who,
                       Language language) {
    return change_plan(context, request, who, language,
                       [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
                           const auto number = path_id(request, "gap");
                           if (!number || *number > static_cast<store::Id>(stored.plan.gaps.size()))
                               return not_found(context, who, language);
                           const auto index = static_cast<std::size_t>(*number - 1);
                           PlanChange change{
                               stored.plan,
                               posted_state(request, "gap-" + std::to_string(*number)),
                               path_of("gaps", index),
                               "plan.gap_note",
                               json{{"gap", *number}},
                               "gaps"};
                           change.plan.gaps[index].cause_note = form_text(request, "cause_note");
                           return change;
                       });
}

// POST .../publication: whether the public page names the measures' contact
// persons (PDPA: by default only the owning group is published).
Response save_publication(SiteContext& context, const Request& request, const SignedIn& who,
                          Language language) {
    return change_plan(
        context, request, who, language,
        [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
            PlanChange change{stored.plan, posted_state(request, "publication"), "$",
                              "plan.publication"};
            change.plan.publish_contact_persons =
                form_text(request, "publish_contact_persons") == "yes";
            change.details = json{{"publish_contact_persons", change.plan.publish_contact_persons}};
            change.anchor = "publication";
            return change;
        });
}

Response add_measure(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    return change_plan(context, request, who, language,
                       [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
                           PlanChange change{stored.plan, posted_state(request, "measure-new")};
                           core::Measure m;
                           m.number = core::next_measure_number(change.plan);
                           read_measure(request, change.plan, m, change.state, language,
                                        plan_questionnaire(context, stored).get());
                           change.plan.measures.push_back(m);
                           change.prefix = path_of("measures", change.plan.measures.size() - 1);
                           change.action = "plan.measure_add";
                           change.details = json{
                               {"measure", m.number},
                               {"strategy", std::string(1, core::strategy_letter(m.strategy))}};
                           change.anchor = "measure-" + std::to_string(m.number);
                           return change;
                       });
}

Response edit_measure(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    return change_plan(
        context, request, who, language,
        [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
            const auto index = measure_index(request, stored.plan);
            if (!index) return not_found(context, who, language);
            const std::string n = std::to_string(stored.plan.measures[*index].number);
            PlanChange change{stored.plan, posted_state(request, "measure-" + n),
                              path_of("measures", *index), "plan.measure_edit"};
            core::Measure& m = change.plan.measures[*index];
            read_measure(request, change.plan, m, change.state, language,
                         plan_questionnaire(context, stored).get());
            change.details = json{{"measure", m.number}, {"status", core::to_string(m.status)}};
            change.anchor = "measure-" + n;
            return change;
        });
}

Response add_update(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    Upload upload;
    return change_plan(
        context, request, who, language,
        [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
            const auto index = measure_index(request, stored.plan);
            if (!index) return not_found(context, who, language);
            const std::string n = std::to_string(stored.plan.measures[*index].number);
            PlanChange change{stored.plan, posted_state(request, "update-" + n),
                              path_of("measures", *index), "plan.progress_update"};
            core::Measure& m = change.plan.measures[*index];
            const auto update = read_update(request, change.state, language);
            upload = read_upload(request, change.state);
            m.updates.push_back(update);
            core::apply_latest_update(m);
            change.details = json{{"measure", m.number}, {"percent", update.percent_complete}};
            change.anchor = "measure-" + n;
            change.upload = &upload;
            change.attach = [i = *index](core::Plan& plan, store::Id id) {
                plan.measures[i].updates.back().evidence_file_ids.push_back(id);
            };
            return change;
        });
}

// POST .../measures/{measure}/done: the "mark as done" button a measure at
// 100 % shows (core::can_mark_done); for any other measure a 422.
Response mark_measure_done(SiteContext& context, const Request& request, const SignedIn& who,
                           Language language) {
    return change_plan(
        context, request, who, language,
        [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
            const auto index = measure_index(request, stored.plan);
            if (!index) return not_found(context, who, language);
            const std::string n = std::to_string(stored.plan.measures[*index].number);
            PlanChange change{stored.plan, posted_state(request, "measure-" + n),
                              path_of("measures", *index), "plan.measure_done"};
            core::Measure& m = change.plan.measures[*index];
            if (!core::mark_done(m))
                add_error(change.state, "general", plan_phrase(language, "mark_done_refused"));
            change.details = json{{"measure", m.number}, {"status", "done"}};
            change.anchor = "measure-" + n;
            return change;
        });
}

Response add_activity(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    Upload upload;
    return change_plan(context, request, who, language,
                       [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
                           PlanChange change{stored.plan, posted_state(request, "activity-new")};
                           const core::Activity a = read_activity(request, change.state, language);
                           upload = read_upload(request, change.state);
                           change.plan.activities.push_back(a);
                           const std::size_t index = change.plan.activities.size() - 1;
                           change.prefix = path_of("activities", index);
                           change.action = "plan.activity_add";
                           change.details = json{{"activity", a.number}};
                           change.anchor = "activity-" + std::to_string(index + 1);
                           change.upload = &upload;
                           change.attach = [index](core::Plan& plan, store::Id id) {
                               plan.activities[index].evidence_file_ids.push_back(id);
                           };
                           return change;
                       });
}

// An evidence file for an activity already recorded, named by its number
// ("4.1") in the path.
Response add_activity_evidence(SiteContext& context, const Request& request, const SignedIn& who,
                               Language language) {
    Upload upload;
    return change_plan(
        context, request, who, language,
        [&](const StoredPlan& stored) -> std::variant<PlanChange, Response> {
            const std::string number = request.path_params.get_or("number", "");
            const auto& activities = stored.plan.activities;
            const auto it = std::find_if(activities.begin(), activities.end(),
                                         [&](const auto& a) { return a.number == number; });
            if (number.empty() || it == activities.end()) return not_found(context, who, language);
            const auto index = static_cast<std::size_t>(it - activities.begin());
            const std::string position = std::to_string(index + 1);
            PlanChange change{stored.plan,
                              posted_state(request, "activity-evidence-" + position),
                              path_of("activities", index),
                              "plan.activity_evidence",
                              json{{"activity", number}},
                              "activity-" + position};
            upload = read_upload(request, change.state);
            if (!upload.file && change.state.errors.empty())
                add_error(change.state, "file", plan_phrase(language, "file_required"));
            change.upload = &upload;
            change.attach = [index](core::Plan& plan, store::Id id) {
                plan.activities[index].evidence_file_ids.push_back(id);
            };
            return change;
        });
}

}  // namespace

void add_plan_change_routes(Router& router, SiteContext* ctx) {
    form_route(router, ctx, "/admin/plans/{plan}/gaps/{gap}", Need::kCodes, save_gap_note);
    form_route(router, ctx, "/admin/plans/{plan}/publication", Need::kCodes, save_publication);
    form_route(router, ctx, "/admin/plans/{plan}/measures", Need::kCodes, add_measure);
    form_route(router, ctx, "/admin/plans/{plan}/measures/{measure}", Need::kCodes, edit_measure);
    form_route(router, ctx, "/admin/plans/{plan}/measures/{measure}/done", Need::kCodes,
               mark_measure_done);
    form_route(router, ctx, "/admin/plans/{plan}/measures/{measure}/updates", Need::kCodes,
               add_update, RouteOptions{kEvidenceRouteLimitBytes});
    form_route(router, ctx, "/admin/plans/{plan}/activities", Need::kCodes, add_activity,
               RouteOptions{kEvidenceRouteLimitBytes});
    form_route(router, ctx, "/admin/plans/{plan}/activities/{number}/evidence", Need::kCodes,
               add_activity_evidence, RouteOptions{kEvidenceRouteLimitBytes});
}

}  // namespace itagap::web
