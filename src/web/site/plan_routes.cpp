// Improvement plans on the web (docs/plans.md): the plans of a fiscal year,
// one plan with its gaps, PIRAB table, measures, progress updates and
// activities (both with evidence files); the forms that change a plan; executives'
// monitoring; the effect against a later round; and the JSON API.
//
// Roles: admins see and change every plan; a unit coordinator sees and
// changes the plans of its unit subtree; an executive reads every plan and
// changes nothing (every POST is 403 before its CSRF token is even looked
// at). Every POST carries the session's CSRF token and the plan's version:
// a save from an older version is refused (409) with a "reload" message,
// so two people editing one plan never overwrite each other. Every change is
// checked with core::validate_plan() before it is saved (422 with the
// problems next to the fields; nothing saved) and audited.
#include <algorithm>
#include <charconv>
#include <variant>

#include "app/evidence.hpp"
#include "core/plan_monitoring.hpp"
#include "input/plan_json.hpp"
#include "security/random_tokens.hpp"
#include "web/plan_text.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/admin_views.hpp"
#include "web/site/auth.hpp"
#include "web/site/page.hpp"
#include "web/site/plan_views.hpp"
#include "web/site/routes.hpp"
#include "web/templates/html_escape.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultStaleDays = 30;
// The evidence routes (progress updates, activities) take the file plus a few
// small form fields.
constexpr std::size_t kEvidenceRouteLimitBytes = app::kMaxEvidenceBytes + 64 * 1024;

std::string plan_href(store::Id id) { return "/admin/plans/" + std::to_string(id); }

// ---- Reading requests ------------------------------------------------------

template <typename T>
std::optional<T> parse_number(std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

int year_of(const SiteContext& context, const Request& request) {
    auto year = parse_number<int>(request.query.get_or("year", ""));
    if (year && *year >= 2400 && *year <= 2800) return *year;
    return current_fiscal_year(context);
}

// ---- Access ----------------------------------------------------------------

struct Access {
    std::vector<store::Unit> units;
    std::set<store::Id> readable;
    std::set<store::Id> writable;  // empty for executives
};

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

std::vector<StoredPlan> only_readable(std::vector<StoredPlan> plans,
                                      const std::set<store::Id>& readable) {
    std::erase_if(plans, [&](const StoredPlan& p) { return !readable.count(p.record.unit_id); });
    return plans;
}

// ---- Pages -----------------------------------------------------------------

Response plan_view_page(SiteContext& context, const SignedIn& who, std::string_view name,
                        json data, Language language, http::status status = http::status::ok) {
    data["p"] = plan_text(language);
    return admin_page(context, &who, name, std::move(data), language, status);
}

Response list_plans(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    const int year = year_of(context, request);
    auto access = access_of(context, who.user);
    auto plans = load_plans(context.store, year);
    auto rounds = context.store.list_rounds();
    if (!access || !plans.ok() || !rounds.ok()) return store_failed(context, &who, language);
    std::vector<StoredPlan> visible = only_readable(std::move(*plans), access->readable);
    std::vector<PlanListRow> rows;
    for (const auto& p : visible) {
        auto it = std::find_if(access->units.begin(), access->units.end(),
                               [&](const auto& u) { return u.id == p.record.unit_id; });
        rows.push_back({&p, it != access->units.end() ? unit_label(*it) : p.plan.unit.name});
    }
    std::vector<core::Plan> core_plans;
    for (const auto& p : visible) core_plans.push_back(p.plan);
    const auto missing =
        core::units_without_plan(core_plans, unit_refs(access->units, access->readable), year);
    std::vector<store::Unit> can_start;
    for (const auto& u : access->units) {
        const bool without = std::any_of(missing.begin(), missing.end(),
                                         [&](const auto& m) { return m.id == u.id; });
        if (without && access->writable.count(u.id)) can_start.push_back(u);
    }
    json data = plan_list_view(year, rows, missing, can_start, *rounds, plan_today(context),
                               language);
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
    if (!unit_id || !round_id || !year || *year < 2400 || *year > 2800) return bad();
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

Response show_start_page(SiteContext& context, const SignedIn& who, Language language,
                         const StartRequest& start, const std::vector<GapCandidate>& candidates,
                         const std::set<std::string>& chosen, std::string_view error = {},
                         http::status status = http::status::ok) {
    json data =
        start_plan_view(start.unit, start.year, start.results.round, candidates, chosen, language);
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
    const auto candidates = gap_candidates(s.results);
    std::set<std::string> chosen;
    for (const auto& c : candidates) {
        if (c.suggested) chosen.insert(c.key);
    }
    return show_start_page(context, who, language, s, candidates, chosen);
}

// POST /admin/plans. With `choose` (the "choose the gaps" page) the plan takes
// the gaps ticked in `gaps`; without it, the suggested ones.
Response start_plan(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    auto start = read_start(context, who, language,
                            [&](std::string_view name) { return form_text(request, name); });
    if (auto* refusal = std::get_if<Response>(&start)) return std::move(*refusal);
    const auto& s = std::get<StartRequest>(start);
    const auto candidates = gap_candidates(s.results);
    std::set<std::string> chosen;
    if (request.form.contains("choose")) {
        for (const auto& key : request.form.all("gaps")) chosen.insert(std::string(key));
        const bool unknown = std::any_of(chosen.begin(), chosen.end(), [&](const auto& key) {
            return std::none_of(candidates.begin(), candidates.end(),
                                [&](const auto& c) { return c.key == key; });
        });
        if (unknown || chosen.empty()) {
            return show_start_page(context, who, language, s, candidates, chosen,
                                   unknown ? "bad_choice" : "choose_gaps_required",
                                   http::status::unprocessable_entity);
        }
    } else {
        for (const auto& c : candidates) {
            if (c.suggested) chosen.insert(c.key);
        }
    }
    core::Plan plan;
    plan.unit = unit_ref(s.unit);
    plan.fiscal_year_be = s.year;
    plan.source_round = s.results.round.name;
    for (const auto& c : candidates) {
        if (chosen.count(c.key)) plan.gaps.push_back(c.gap);
    }
    if (!core::validate_plan(plan).empty())
        return refuse_start(context, who, language, "bad_start",
                            http::status::unprocessable_entity);
    store::PlanRecord record;
    record.unit_id = s.unit.id;
    record.fiscal_year_be = s.year;
    record.document = input::export_plan_json(plan);
    record.updated_at = now_timestamp(context);
    auto id = context.store.create_plan(record);
    if (!id.ok()) {
        if (id.status.code == store::StatusCode::kConflict)
            return refuse_start(context, who, language, "plan_exists", http::status::conflict);
        return store_failed(context, &who, language);
    }
    audit(context, who.user.id, "plan.create",
          json{{"plan_id", *id},
               {"unit_id", s.unit.id},
               {"fiscal_year", s.year},
               {"source_round_id", s.results.round.id},
               {"gaps", plan.gaps.size()}});
    return redirect(plan_href(*id));
}

// The plan a request names, if the user may read it (or, `for_change`,
// change it); otherwise the refusal to send.
std::variant<StoredPlan, Response> plan_of(SiteContext& context, const Request& request,
                                           const SignedIn& who, Language language,
                                           bool for_change, const Access& access) {
    const auto id = path_id(request, "plan");
    if (!id) return not_found(context, who, language);
    auto stored = load_plan(context.store, *id);
    if (!stored.ok()) {
        if (stored.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    const auto& allowed = for_change ? access.writable : access.readable;
    if (!allowed.count(stored->record.unit_id)) return forbidden(context, who, language);
    return std::move(*stored);
}

Response show_plan_page(SiteContext& context, const SignedIn& who, Language language,
                        const StoredPlan& stored, const Access& access, const FormState& state,
                        http::status status = http::status::ok) {
    auto evidence = context.store.list_evidence(stored.record.id);
    if (!evidence.ok()) return store_failed(context, &who, language);
    json data = plan_page_view(stored, *evidence, plan_today(context),
                               access.writable.count(stored.record.unit_id) > 0, state, language);
    return plan_view_page(context, who, "plan_page", std::move(data), language, status);
}

Response show_plan(SiteContext& context, const Request& request, const SignedIn& who,
                   Language language) {
    auto access = access_of(context, who.user);
    if (!access) return store_failed(context, &who, language);
    auto plan = plan_of(context, request, who, language, false, *access);
    if (auto* refusal = std::get_if<Response>(&plan)) return std::move(*refusal);
    return show_plan_page(context, who, language, std::get<StoredPlan>(plan), *access, {});
}

// ---- Changing a plan -------------------------------------------------------

// The form field a validate_plan() path under `prefix` belongs to:
// "$.measures[2].target.min_score" under "$.measures[2]" -> "target_min_score".
std::string field_of(std::string_view where, std::string_view prefix) {
    if (where.substr(0, prefix.size()) != prefix) return "general";
    std::string_view rest = where.substr(prefix.size());
    if (rest.empty() || rest[0] != '.') return "general";
    rest.remove_prefix(1);
    std::string field;
    for (char c : rest) {
        if (c == '[') break;
        field += c == '.' ? '_' : c;
    }
    return field;
}

// Form names for the plan format's keys where they differ.
std::string form_field(const std::string& field) {
    if (field.empty()) return "general";
    if (field == "percent_complete" || field.rfind("updates", 0) == 0) return "percent";
    if (field == "target_min_score") return "target_min";
    if (field.rfind("target", 0) == 0) return "target_code";
    return field;
}

void add_error(FormState& state, const std::string& field, const std::string& message) {
    auto& slot = state.errors[field];
    slot += (slot.empty() ? "" : "; ") + message;
}

void add_diagnostics(FormState& state, const std::vector<core::Diagnostic>& problems,
                     std::string_view prefix) {
    for (const auto& d : problems) {
        std::string message = d.value.empty() ? "" : "\"" + d.value + "\": ";
        message += d.expected.empty() ? d.note : "expected " + d.expected;
        add_error(state, form_field(field_of(d.where, prefix)), message);
    }
}

FormState posted_state(const Request& request, std::string form) {
    FormState state;
    state.form = std::move(form);
    for (const auto& [name, value] : request.form.entries()) {
        if (name == "csrf" || name == "topics" || name == "gaps" || name == "measures") continue;
        state.values[name] = value;
    }
    for (const char* multi : {"topics", "gaps", "measures"}) {
        for (const auto& v : request.form.all(multi)) state.choices[multi].insert(v);
    }
    return state;
}

// Validates `changed` and saves it over version `expected`; on a problem the
// plan page is shown again (unchanged) with the form as posted.
Response save_change(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language, const Access& access, const StoredPlan& original,
                     const core::Plan& changed, FormState state, std::string_view prefix,
                     std::string_view action, json details, std::string_view anchor) {
    const auto expected = parse_number<std::int64_t>(form_text(request, "version"));
    if (!expected || *expected != original.record.version) {
        state.conflict = true;
        return show_plan_page(context, who, language, original, access, state,
                              http::status::conflict);
    }
    add_diagnostics(state, core::validate_plan(changed), prefix);
    if (!state.errors.empty()) {
        return show_plan_page(context, who, language, original, access, state,
                              http::status::unprocessable_entity);
    }
    auto saved = context.store.save_plan(original.record.id, input::export_plan_json(changed),
                                         *expected, now_timestamp(context));
    if (!saved.ok()) {
        if (saved.status.code != store::StatusCode::kConflict)
            return store_failed(context, &who, language);
        auto fresh = load_plan(context.store, original.record.id);
        if (!fresh.ok()) return store_failed(context, &who, language);
        state.conflict = true;
        state.errors.clear();
        return show_plan_page(context, who, language, *fresh, access, state,
                              http::status::conflict);
    }
    details["plan_id"] = original.record.id;
    details["unit_id"] = original.record.unit_id;
    details["version"] = *saved;
    audit(context, who.user.id, action, details);
    return redirect(plan_href(original.record.id) + "#" + std::string(anchor));
}

// Loads the plan for a change and hands it to `change`.
template <typename Change>
Response change_plan(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language, Change change) {
    auto access = access_of(context, who.user);
    if (!access) return store_failed(context, &who, language);
    auto plan = plan_of(context, request, who, language, true, *access);
    if (auto* refusal = std::get_if<Response>(&plan)) return std::move(*refusal);
    return change(*access, std::get<StoredPlan>(plan));
}

std::optional<core::CivilDate> read_date(const Request& request, const char* name,
                                         FormState& state, Language language) {
    auto date = core::parse_iso_date(form_text(request, name));
    if (!date) add_error(state, name, plan_phrase(language, "bad_date"));
    return date;
}

std::optional<int> read_percent(const Request& request, const char* name, FormState& state,
                                Language language) {
    auto value = parse_number<int>(form_text(request, name));
    if (!value || *value < 0 || *value > 100) {
        add_error(state, name, plan_phrase(language, "bad_percent"));
        return std::nullopt;
    }
    return value;
}

Response save_gap_note(SiteContext& context, const Request& request, const SignedIn& who,
                       Language language) {
    return change_plan(context, request, who, language, [&](const Access& access,
                                                            const StoredPlan& stored) {
        const auto number = path_id(request, "gap");
        if (!number || *number > static_cast<store::Id>(stored.plan.gaps.size()))
            return not_found(context, who, language);
        core::Plan plan = stored.plan;
        plan.gaps[*number - 1].cause_note = form_text(request, "cause_note");
        return save_change(context, request, who, language, access, stored, plan,
                           posted_state(request, "gap-" + std::to_string(*number)),
                           "$.gaps[" + std::to_string(*number - 1) + "]", "plan.gap_note",
                           json{{"gap", *number}}, "gaps");
    });
}

// Reads the measure form into `m` (keeping its number and updates); a new
// knowledge topic is added to `plan`.
void read_measure(const Request& request, core::Plan& plan, core::Measure& m, FormState& state,
                  Language language) {
    if (auto s = core::strategy_from_letter(form_text(request, "strategy"))) {
        m.strategy = *s;
    } else {
        add_error(state, "strategy", plan_phrase(language, "bad_choice"));
    }
    m.text = form_text(request, "text");
    m.rationale = form_text(request, "rationale");
    m.owner = form_text(request, "owner");
    if (m.text.empty()) add_error(state, "text", plan_phrase(language, "required"));
    m.topics.clear();
    for (const auto& t : request.form.all("topics")) {
        if (auto n = parse_number<int>(t)) m.topics.push_back(*n);
    }
    const std::string new_topic = form_text(request, "new_topic");
    if (!new_topic.empty()) {
        int next = 1;
        for (const auto& t : plan.topics) next = std::max(next, t.number + 1);
        plan.topics.push_back({next, new_topic});
        m.topics.push_back(next);
    }
    m.gaps.clear();
    for (const auto& g : request.form.all("gaps")) {
        if (auto n = parse_number<int>(g); n && *n >= 1) m.gaps.push_back(*n - 1);
    }
    if (auto d = read_date(request, "start_on", state, language)) m.start_on = *d;
    if (auto d = read_date(request, "due_on", state, language)) m.due_on = *d;
    if (auto s = core::measure_status_from_string(form_text(request, "status"))) {
        m.status = *s;
    } else {
        add_error(state, "status", plan_phrase(language, "bad_choice"));
    }
    if (m.status == core::MeasureStatus::kCancelled && form_text(request, "percent").empty()) {
        m.percent_complete.reset();
    } else {
        m.percent_complete = read_percent(request, "percent", state, language);
    }
    const std::string level = form_text(request, "target_level");
    if (level.empty()) {
        m.target.reset();
        return;
    }
    core::Target target;
    if (auto l = core::score_level_from_string(level)) {
        target.ref.level = *l;
    } else {
        add_error(state, "target_level", plan_phrase(language, "bad_choice"));
    }
    if (target.ref.level == core::ScoreLevel::kIndicator) {
        auto n = parse_number<int>(form_text(request, "target_indicator"));
        if (!n) add_error(state, "target_indicator", plan_phrase(language, "bad_number"));
        target.ref.indicator = n.value_or(0);
    } else {
        target.ref.code = form_text(request, "target_code");
        if (target.ref.code.empty()) add_error(state, "target_code", plan_phrase(language, "required"));
    }
    auto min = parse_number<double>(form_text(request, "target_min"));
    if (!min) add_error(state, "target_min", plan_phrase(language, "bad_number"));
    target.min_score = min.value_or(0);
    target.description = form_text(request, "target_description");
    m.target = std::move(target);
}

Response add_measure(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    return change_plan(context, request, who, language, [&](const Access& access,
                                                            const StoredPlan& stored) {
        core::Plan plan = stored.plan;
        core::Measure m;
        m.number = static_cast<int>(plan.measures.size()) + 1;
        FormState state = posted_state(request, "measure-new");
        read_measure(request, plan, m, state, language);
        plan.measures.push_back(m);
        const std::string prefix = "$.measures[" + std::to_string(plan.measures.size() - 1) + "]";
        if (!state.errors.empty()) {
            return show_plan_page(context, who, language, stored, access, state,
                                  http::status::unprocessable_entity);
        }
        return save_change(context, request, who, language, access, stored, plan, state, prefix,
                           "plan.measure_add",
                           json{{"measure", m.number},
                                {"strategy", std::string(1, core::strategy_letter(m.strategy))}},
                           "measure-" + std::to_string(m.number));
    });
}

std::optional<std::size_t> measure_index(const Request& request, const core::Plan& plan) {
    const auto number = path_id(request, "measure");
    if (!number) return std::nullopt;
    for (std::size_t i = 0; i < plan.measures.size(); ++i) {
        if (plan.measures[i].number == *number) return i;
    }
    return std::nullopt;
}

Response edit_measure(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    return change_plan(context, request, who, language, [&](const Access& access,
                                                            const StoredPlan& stored) {
        const auto index = measure_index(request, stored.plan);
        if (!index) return not_found(context, who, language);
        core::Plan plan = stored.plan;
        core::Measure& m = plan.measures[*index];
        FormState state = posted_state(request, "measure-" + std::to_string(m.number));
        read_measure(request, plan, m, state, language);
        if (!state.errors.empty()) {
            return show_plan_page(context, who, language, stored, access, state,
                                  http::status::unprocessable_entity);
        }
        return save_change(context, request, who, language, access, stored, plan, state,
                           "$.measures[" + std::to_string(*index) + "]", "plan.measure_edit",
                           json{{"measure", m.number}, {"status", core::to_string(m.status)}},
                           "measure-" + std::to_string(m.number));
    });
}

// The measure's percent and status follow its latest update.
void apply_latest_update(core::Measure& m) {
    const auto* latest = core::latest_update(m);
    if (!latest || m.status == core::MeasureStatus::kCancelled) return;
    m.percent_complete = latest->percent_complete;
    if (m.status == core::MeasureStatus::kNotStarted && latest->percent_complete > 0)
        m.status = core::MeasureStatus::kInProgress;
    if (m.status == core::MeasureStatus::kDone && latest->percent_complete < 100)
        m.status = core::MeasureStatus::kInProgress;
}

// An optional evidence file posted as the form's "file" part, checked by its
// content (app::validate_evidence); a refusal is added to `state`.
struct Upload {
    const MultipartPart* file = nullptr;  // null when none was chosen
    app::EvidenceCheck check;
};

Upload read_upload(const Request& request, FormState& state) {
    Upload upload;
    upload.file = request.file("file");
    if (upload.file && upload.file->filename && upload.file->filename->empty())
        upload.file = nullptr;
    if (upload.file) {
        upload.check = app::validate_evidence(*upload.file->filename, upload.file->data);
        if (!upload.check.ok()) add_error(state, "file", upload.check.message);
    }
    return upload;
}

// True when the form's version is not the stored plan's.
bool stale_version(const Request& request, const StoredPlan& stored) {
    const auto expected = parse_number<std::int64_t>(form_text(request, "version"));
    return !expected || *expected != stored.record.version;
}

// Stores a checked upload as evidence of the plan; the audit details get its
// id, type and hash. Called only once the change is known to be valid, so a
// refused form leaves no file behind.
store::StatusOr<store::Id> store_upload(SiteContext& context, const SignedIn& who,
                                        const StoredPlan& stored, const Upload& upload,
                                        json& details) {
    store::EvidenceFile evidence;
    evidence.plan_id = stored.record.id;
    evidence.original_name = *upload.file->filename;
    evidence.content_type = upload.check.content_type;
    evidence.sha256 = security::sha256_hex(upload.file->data);
    evidence.size_bytes = static_cast<std::int64_t>(upload.file->data.size());
    evidence.uploaded_at = now_timestamp(context);
    evidence.uploaded_by = who.user.id;
    auto id = context.store.add_evidence(evidence, upload.file->data);
    if (id.ok()) {
        details["evidence_id"] = *id;
        details["content_type"] = upload.check.content_type;
        details["sha256"] = evidence.sha256;
    }
    return id;
}

Response add_update(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    return change_plan(context, request, who, language, [&](const Access& access,
                                                            const StoredPlan& stored) {
        const auto index = measure_index(request, stored.plan);
        if (!index) return not_found(context, who, language);
        core::Plan plan = stored.plan;
        core::Measure& m = plan.measures[*index];
        FormState state = posted_state(request, "update-" + std::to_string(m.number));
        core::ProgressUpdate update;
        if (auto d = read_date(request, "on", state, language)) update.on = *d;
        if (auto p = read_percent(request, "percent", state, language))
            update.percent_complete = *p;
        update.note = form_text(request, "note");
        const Upload upload = read_upload(request, state);
        const std::string anchor = "measure-" + std::to_string(m.number);
        const std::string prefix = "$.measures[" + std::to_string(*index) + "]";
        m.updates.push_back(update);
        apply_latest_update(m);
        if (state.errors.empty()) add_diagnostics(state, core::validate_plan(plan), prefix);
        if (stale_version(request, stored)) state.conflict = true;
        if (state.conflict || !state.errors.empty()) {
            if (state.conflict) state.errors.clear();
            return show_plan_page(context, who, language, stored, access, state,
                                  state.conflict ? http::status::conflict
                                                 : http::status::unprocessable_entity);
        }
        json details{{"measure", m.number}, {"percent", update.percent_complete}};
        if (upload.file) {
            auto id = store_upload(context, who, stored, upload, details);
            if (!id.ok()) return store_failed(context, &who, language);
            m.updates.back().evidence_file_ids.push_back(*id);
        }
        return save_change(context, request, who, language, access, stored, plan, state, prefix,
                           "plan.progress_update", details, anchor);
    });
}

// "group | 12" per line; the count is optional.
std::vector<core::Participant> read_participants(const std::string& text, FormState& state,
                                                 Language language) {
    std::vector<core::Participant> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        core::Participant p;
        const auto bar = line.rfind('|');
        std::string group = bar == std::string::npos ? line : line.substr(0, bar);
        const auto trim = [](std::string s) {
            const auto f = s.find_first_not_of(" \t\r");
            if (f == std::string::npos) return std::string();
            return s.substr(f, s.find_last_not_of(" \t\r") - f + 1);
        };
        p.group = trim(group);
        if (bar != std::string::npos) {
            auto count = parse_number<std::uint32_t>(trim(line.substr(bar + 1)));
            if (!count) add_error(state, "participants", plan_phrase(language, "bad_number"));
            p.count = count;
        }
        if (!p.group.empty()) out.push_back(std::move(p));
        if (end == text.size()) break;
    }
    return out;
}

std::optional<core::TimeOfDay> read_time(const Request& request, const char* name,
                                         FormState& state, Language language) {
    const std::string text = form_text(request, name);
    if (text.empty()) return std::nullopt;
    auto time = core::parse_time(text);
    if (!time) add_error(state, name, plan_phrase(language, "bad_time"));
    return time;
}

Response add_activity(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    return change_plan(context, request, who, language, [&](const Access& access,
                                                            const StoredPlan& stored) {
        core::Plan plan = stored.plan;
        FormState state = posted_state(request, "activity-new");
        core::Activity a;
        a.number = form_text(request, "number");
        a.title = form_text(request, "title");
        if (a.title.empty()) add_error(state, "title", plan_phrase(language, "required"));
        if (auto d = read_date(request, "on", state, language)) a.on = *d;
        a.starts_at = read_time(request, "starts_at", state, language);
        a.ends_at = read_time(request, "ends_at", state, language);
        a.place = form_text(request, "place");
        a.participants =
            read_participants(std::string(request.form.get_or("participants", "")), state, language);
        a.summary = form_text(request, "summary");
        for (const auto& m : request.form.all("measures")) {
            if (auto n = parse_number<int>(m)) a.measures.push_back(*n);
        }
        const Upload upload = read_upload(request, state);
        plan.activities.push_back(a);
        const std::string prefix =
            "$.activities[" + std::to_string(plan.activities.size() - 1) + "]";
        // Checked in full before the file is stored, so a refusal stores nothing.
        if (state.errors.empty()) add_diagnostics(state, core::validate_plan(plan), prefix);
        if (stale_version(request, stored)) state.conflict = true;
        if (state.conflict || !state.errors.empty()) {
            if (state.conflict) state.errors.clear();
            return show_plan_page(context, who, language, stored, access, state,
                                  state.conflict ? http::status::conflict
                                                 : http::status::unprocessable_entity);
        }
        json details{{"activity", a.number}};
        if (upload.file) {
            auto id = store_upload(context, who, stored, upload, details);
            if (!id.ok()) return store_failed(context, &who, language);
            plan.activities.back().evidence_file_ids.push_back(*id);
        }
        return save_change(context, request, who, language, access, stored, plan, state, prefix,
                           "plan.activity_add", details,
                           "activity-" + std::to_string(plan.activities.size()));
    });
}

// An evidence file for an activity already recorded, named by its number
// ("4.1") in the path.
Response add_activity_evidence(SiteContext& context, const Request& request, const SignedIn& who,
                               Language language) {
    return change_plan(context, request, who, language, [&](const Access& access,
                                                            const StoredPlan& stored) {
        const std::string number = request.path_params.get_or("number", "");
        const auto& activities = stored.plan.activities;
        const auto it = std::find_if(activities.begin(), activities.end(),
                                     [&](const auto& a) { return a.number == number; });
        if (number.empty() || it == activities.end()) return not_found(context, who, language);
        const auto index = static_cast<std::size_t>(it - activities.begin());
        const std::string position = std::to_string(index + 1);
        FormState state = posted_state(request, "activity-evidence-" + position);
        const Upload upload = read_upload(request, state);
        if (!upload.file && state.errors.empty())
            add_error(state, "file", plan_phrase(language, "file_required"));
        if (stale_version(request, stored)) {
            state.conflict = true;
            state.errors.clear();
        }
        if (state.conflict || !state.errors.empty()) {
            return show_plan_page(context, who, language, stored, access, state,
                                  state.conflict ? http::status::conflict
                                                 : http::status::unprocessable_entity);
        }
        core::Plan plan = stored.plan;
        json details{{"activity", number}};
        auto id = store_upload(context, who, stored, upload, details);
        if (!id.ok()) return store_failed(context, &who, language);
        plan.activities[index].evidence_file_ids.push_back(*id);
        return save_change(context, request, who, language, access, stored, plan, state,
                           "$.activities[" + std::to_string(index) + "]",
                           "plan.activity_evidence", details, "activity-" + position);
    });
}

// ---- Evidence --------------------------------------------------------------

// Content-Disposition for a download: an ASCII fallback name (anything
// outside [A-Za-z0-9._-] becomes '_') and the real name as RFC 5987
// UTF-8 (RFC 6266 section 4.3).
std::string attachment_header(const std::string& name) {
    std::string ascii;
    for (unsigned char c : name) {
        const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        ascii += safe ? static_cast<char>(c) : '_';
    }
    if (ascii.empty() || ascii.find_first_not_of("._") == std::string::npos) ascii = "evidence";
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
           encode_url_component(name);
}

Response download_evidence(SiteContext& context, const Request& request, const SignedIn& who,
                           Language language) {
    auto access = access_of(context, who.user);
    if (!access) return store_failed(context, &who, language);
    auto plan = plan_of(context, request, who, language, false, *access);
    if (auto* refusal = std::get_if<Response>(&plan)) return std::move(*refusal);
    const auto& stored = std::get<StoredPlan>(plan);
    const auto id = path_id(request, "id");
    if (!id) return not_found(context, who, language);
    auto file = context.store.get_evidence(*id);
    if (!file.ok()) {
        if (file.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    if (file->plan_id != stored.record.id) return not_found(context, who, language);
    auto bytes = context.store.read_evidence_bytes(*id);
    if (!bytes.ok()) return store_failed(context, &who, language);
    Response response;
    response.body = std::move(*bytes);
    // The type detected at upload, re-checked: never a type the name suggests.
    const auto type = app::detect_evidence_type(response.body);
    response.headers.set(http::field::content_type,
                         type ? *type : std::string("application/octet-stream"));
    response.headers.set(http::field::content_disposition,
                         attachment_header(file->original_name));
    response.headers.set("X-Content-Type-Options", "nosniff");
    response.headers.set(http::field::cache_control, "private, no-store");
    return response;
}

// ---- Monitoring and effect ---------------------------------------------------

std::int64_t stale_days_of(const Request& request) {
    auto days = parse_number<std::int64_t>(request.query.get_or("stale_days", ""));
    if (days && *days >= 1 && *days <= 3650) return *days;
    return kDefaultStaleDays;
}

// The plan's effect against `round_param` (a round id), or without one
// against the latest of its effect_rounds(). kNotFound for a round that is
// not one of them; store failures as they come.
store::StatusOr<PlanEffectData> plan_effect(SiteContext& context, const StoredPlan& stored,
                                            const std::vector<store::Round>& rounds,
                                            const std::optional<std::string>& round_param) {
    PlanEffectData data;
    data.choices = effect_rounds(rounds, stored.plan.source_round);
    if (round_param) {
        const auto id = parse_id(*round_param);
        auto it = std::find_if(data.choices.begin(), data.choices.end(),
                               [&](const auto& r) { return id && r.id == *id; });
        if (it == data.choices.end())
            return Status::NotFound("round");
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

std::optional<std::string> round_param_of(const Request& request) {
    if (!request.query.contains("round")) return std::nullopt;
    return std::string(request.query.get_or("round", ""));
}

struct MonitoringData {
    std::vector<StoredPlan> plans;
    std::vector<PlanEffectData> effects;  // parallel to plans
    std::vector<core::UnitRef> without_plan;
};

std::optional<MonitoringData> monitoring_data(SiteContext& context, const store::User& user,
                                              int year, bool with_effects = false) {
    auto access = access_of(context, user);
    auto plans = load_plans(context.store, year);
    if (!access || !plans.ok()) return std::nullopt;
    MonitoringData data;
    data.plans = only_readable(std::move(*plans), access->readable);
    std::vector<core::Plan> core_plans;
    for (const auto& p : data.plans) core_plans.push_back(p.plan);
    data.without_plan =
        core::units_without_plan(core_plans, unit_refs(access->units, access->readable), year);
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

// ---- JSON API ----------------------------------------------------------------

Response api_error(http::status status, std::string_view code) {
    Response response = web::json(status, nlohmann::json{{"error", code}});
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

Response api_ok(const json& body) {
    Response response = web::json(http::status::ok, body);
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

using ApiHandler = std::function<Response(SiteContext&, const Request&, const SignedIn&)>;

Handler api_route(SiteContext* context, ApiHandler handler) {
    return [context, handler = std::move(handler)](const Request& request) {
        auto who = signed_in_user(*context, request);
        if (!who) return api_error(http::status::unauthorized, "not_signed_in");
        if (who->user.must_change_password)
            return api_error(http::status::forbidden, "password_change_required");
        return handler(*context, request, *who);
    };
}

Response api_plans(SiteContext& context, const Request& request, const SignedIn& who) {
    auto data = monitoring_data(context, who.user, year_of(context, request));
    if (!data) return api_error(http::status::service_unavailable, "unavailable");
    json out = json::array();
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
    auto stored = load_plan(context.store, *id);
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
    auto stored = load_plan(context.store, *id);
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

void add_plan_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    page_route(router, ctx, "/admin/plans", Need::kStaff, list_plans);
    form_route(router, ctx, "/admin/plans", Need::kCodes, start_plan);
    // Before "/admin/plans/{plan}": the first matching route wins.
    page_route(router, ctx, "/admin/plans/new", Need::kCodes, choose_gaps);
    page_route(router, ctx, "/admin/plans/{plan}", Need::kStaff, show_plan);
    form_route(router, ctx, "/admin/plans/{plan}/gaps/{gap}", Need::kCodes, save_gap_note);
    form_route(router, ctx, "/admin/plans/{plan}/measures", Need::kCodes, add_measure);
    form_route(router, ctx, "/admin/plans/{plan}/measures/{measure}", Need::kCodes,
               edit_measure);
    form_route(router, ctx, "/admin/plans/{plan}/measures/{measure}/updates", Need::kCodes,
               add_update, RouteOptions{kEvidenceRouteLimitBytes});
    form_route(router, ctx, "/admin/plans/{plan}/activities", Need::kCodes, add_activity,
               RouteOptions{kEvidenceRouteLimitBytes});
    form_route(router, ctx, "/admin/plans/{plan}/activities/{number}/evidence", Need::kCodes,
               add_activity_evidence, RouteOptions{kEvidenceRouteLimitBytes});
    page_route(router, ctx, "/admin/plans/{plan}/evidence/{id}", Need::kStaff,
               download_evidence);
    page_route(router, ctx, "/admin/plans/{plan}/effect", Need::kStaff, effect);
    page_route(router, ctx, "/admin/monitoring", Need::kStaff, monitoring);
    (void)router.get("/api/plans", api_route(ctx, api_plans));
    (void)router.get("/api/plans/{plan}", api_route(ctx, api_plan));
    (void)router.get("/api/plans/{plan}/effect", api_route(ctx, api_effect));
    (void)router.get("/api/monitoring", api_route(ctx, api_monitoring));
}

}  // namespace itagap::web
