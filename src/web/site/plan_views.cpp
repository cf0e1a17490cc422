#include "web/site/plan_views.hpp"

#include "app/report_files.hpp"

#include <algorithm>

#include "core/number_format.hpp"
#include "input/plan_json.hpp"
#include "web/plan_text.hpp"
#include "web/site/page.hpp"
#include "web/templates/html_escape.hpp"

namespace itagap::web {

using Json = nlohmann::json;

namespace {

constexpr int kThailandUtcOffsetHours = 7;

std::string plan_href(store::Id id) { return "/admin/plans/" + std::to_string(id); }

std::string date_text(const core::CivilDate& date, Language language) {
    if (!core::is_valid_date(date)) return {};
    return language == Language::kEnglish ? core::to_iso_string(date)
                                          : core::format_thai_date(date);
}

std::string iso_or_empty(const core::CivilDate& date) {
    return core::is_valid_date(date) ? core::to_iso_string(date) : std::string();
}

std::string strategy_text(core::Strategy strategy, Language language) {
    if (language == Language::kEnglish) return core::strategy_label(strategy);
    return std::string(1, core::strategy_letter(strategy)) + " : " +
           std::string(core::strategy_name_en(strategy)) + " (" +
           std::string(core::strategy_name_th(strategy)) + ")";
}

std::string ref_label(const core::ScoreRef& ref, Language language) {
    if (ref.level == core::ScoreLevel::kIndicator)
        return plan_phrase(language, "indicator_word") + " " + std::to_string(ref.indicator);
    return ref.code;
}

std::string status_label(core::MeasureStatus status, Language language) {
    return plan_phrase(language, "status_" + std::string(core::to_string(status)));
}

std::string counts_text(const core::GapRef& gap) {
    if (!gap.favourable || !gap.answers) return {};
    return std::to_string(*gap.favourable) + "/" + std::to_string(*gap.answers);
}

std::string target_text(const core::Target& target, Language language) {
    return ref_label(target.ref, language) + " ≥ " + core::format_score(target.min_score) +
           (target.description.empty() ? std::string() : " (" + target.description + ")");
}

// <option>s with the selected one marked.
Json options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
    Json out = Json::array();
    for (const auto& [value, label] : values)
        out.push_back(Json{{"value", value}, {"label", label}, {"selected", value == selected}});
    return out;
}

Json strategy_options(const std::string& selected, Language language) {
    std::vector<std::pair<std::string, std::string>> values;
    for (auto s : core::kAllStrategies)
        values.emplace_back(std::string(1, core::strategy_letter(s)), strategy_text(s, language));
    return options(values, selected);
}

Json status_options(const std::string& selected, Language language) {
    std::vector<std::pair<std::string, std::string>> values;
    for (auto s : {core::MeasureStatus::kNotStarted, core::MeasureStatus::kInProgress,
                   core::MeasureStatus::kDone, core::MeasureStatus::kCancelled})
        values.emplace_back(std::string(core::to_string(s)), status_label(s, language));
    return options(values, selected);
}

Json level_options(const std::string& selected, Language language) {
    return options({{"", plan_phrase(language, "level_none")},
                    {"item", plan_phrase(language, "level_item")},
                    {"indicator", plan_phrase(language, "level_indicator")},
                    {"instrument", plan_phrase(language, "level_instrument")}},
                   selected);
}

// The values a measure's edit form starts with.
void measure_values(const core::Measure& m, std::map<std::string, std::string>& values,
                    std::map<std::string, std::set<std::string>>& choices) {
    values["strategy"] = std::string(1, core::strategy_letter(m.strategy));
    values["text"] = m.text;
    values["rationale"] = m.rationale;
    values["owner"] = m.owner;
    values["start_on"] = iso_or_empty(m.start_on);
    values["due_on"] = iso_or_empty(m.due_on);
    values["status"] = std::string(core::to_string(m.status));
    values["percent"] = m.percent_complete ? std::to_string(*m.percent_complete) : "";
    if (m.target) {
        values["target_level"] = std::string(core::to_string(m.target->ref.level));
        values["target_code"] = m.target->ref.code;
        values["target_indicator"] =
            m.target->ref.indicator > 0 ? std::to_string(m.target->ref.indicator) : "";
        values["target_min"] = core::format_score(m.target->min_score);
        values["target_description"] = m.target->description;
    }
    for (int t : m.topics) choices["topics"].insert(std::to_string(t));
    for (int g : m.gaps) choices["gaps"].insert(std::to_string(g + 1));
}

Json measure_form(const core::Plan& plan, std::string id, std::string action,
                  std::map<std::string, std::string> values,
                  std::map<std::string, std::set<std::string>> choices,
                  const std::map<std::string, std::string>& errors, bool open, Language language) {
    Json topics = Json::array();
    for (const auto& t : plan.topics) {
        topics.push_back(Json{{"value", t.number},
                              {"label", std::to_string(t.number) + ". " + t.text},
                              {"checked", choices["topics"].count(std::to_string(t.number)) > 0}});
    }
    Json gaps = Json::array();
    for (std::size_t i = 0; i < plan.gaps.size(); ++i) {
        const auto& g = plan.gaps[i];
        gaps.push_back(Json{{"value", i + 1},
                            {"label", std::to_string(i + 1) + ". " + g.instrument + " " +
                                          ref_label(g.ref, language) + " " +
                                          core::format_score(g.score)},
                            {"checked", choices["gaps"].count(std::to_string(i + 1)) > 0}});
    }
    if (!values.count("status")) values["status"] = "not_started";
    if (!values.count("percent")) values["percent"] = "0";
    return Json{{"id", id},
                {"action", action},
                {"open", open || !errors.empty()},
                {"values", values},
                {"errors", errors},
                {"has_errors", !errors.empty()},
                {"strategies", strategy_options(values["strategy"], language)},
                {"statuses", status_options(values["status"], language)},
                {"levels", level_options(values["target_level"], language)},
                {"topics", topics},
                {"gaps", gaps}};
}

Json form_part(const FormState& state, const std::string& form,
               std::map<std::string, std::string> defaults) {
    const bool mine = state.form == form;
    if (mine) {
        for (const auto& [k, v] : state.values) defaults[k] = v;
    }
    return Json{{"values", defaults},
                {"errors", mine ? state.errors : std::map<std::string, std::string>{}},
                {"open", mine && !state.errors.empty()}};
}

Json evidence_links(const std::vector<std::int64_t>& ids, store::Id plan_id,
                    const std::map<store::Id, const store::EvidenceFile*>& files) {
    Json out = Json::array();
    for (auto id : ids) {
        auto it = files.find(id);
        out.push_back(Json{
            {"href", plan_href(plan_id) + "/evidence/" + std::to_string(id)},
            {"name", it != files.end() ? it->second->original_name : "#" + std::to_string(id)}});
    }
    return out;
}

Json measure_view(const core::Plan& plan, std::size_t index, const core::CivilDate& today,
                  const std::map<store::Id, const store::EvidenceFile*>& files,
                  const FormState& state, Language language) {
    const auto& m = plan.measures[index];
    const std::string n = std::to_string(m.number);
    const bool open = m.status != core::MeasureStatus::kDone &&
                      m.status != core::MeasureStatus::kCancelled;
    const bool overdue = core::is_overdue(m, today);
    Json updates = Json::array();
    std::vector<const core::ProgressUpdate*> sorted;
    for (const auto& u : m.updates) sorted.push_back(&u);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto* a, const auto* b) { return a->on < b->on; });
    for (const auto* u : sorted) {
        updates.push_back(Json{{"on", date_text(u->on, language)},
                               {"percent", u->percent_complete},
                               {"note", u->note},
                               {"evidence", evidence_links(u->evidence_file_ids, plan.id, files)}});
    }
    std::map<std::string, std::string> values;
    std::map<std::string, std::set<std::string>> choices;
    measure_values(m, values, choices);
    const std::string form_id = "measure-" + n;
    std::map<std::string, std::string> errors;
    if (state.form == form_id) {
        values = state.values;
        choices = state.choices;
        errors = state.errors;
    }
    Json view{
        {"number", m.number},
        {"strategy", strategy_text(m.strategy, language)},
        {"text", m.text},
        {"owner", m.owner},
        {"start_on", date_text(m.start_on, language)},
        {"due_on", date_text(m.due_on, language)},
        {"has_target", m.target.has_value()},
        {"target", m.target ? target_text(*m.target, language) : ""},
        {"status", status_label(m.status, language)},
        {"percent", m.percent_complete ? std::to_string(*m.percent_complete) : "-"},
        {"percent_value", m.percent_complete.value_or(0)},
        {"overdue", overdue},
        {"days_overdue", overdue ? core::days_between(m.due_on, today) : 0},
        {"show_quiet", open},
        {"never_updated", core::latest_update(m) == nullptr},
        {"days_since_update", core::days_since_last_update(m, today)},
        {"updates", updates},
        {"has_updates", !updates.empty()},
        {"form", measure_form(plan, form_id,
                              plan_href(plan.id) + "/measures/" + n, values, choices, errors,
                              false, language)},
        {"update_form", form_part(state, "update-" + n,
                                  {{"on", core::to_iso_string(today)},
                                   {"percent", std::to_string(m.percent_complete.value_or(0))}})},
        {"update_action", plan_href(plan.id) + "/measures/" + n + "/updates"}};
    return view;
}

// The seed's table: one row per strategy in use, in P I R A B order.
Json pirab_rows(const core::Plan& plan, Language language) {
    Json rows = Json::array();
    for (auto s : core::kAllStrategies) {
        Json measures = Json::array();
        Json rationales = Json::array();
        Json topics = Json::array();
        std::set<int> topic_numbers;
        std::set<std::string> seen_rationales;
        for (const auto& m : plan.measures) {
            if (m.strategy != s) continue;
            measures.push_back(std::to_string(m.number) + ". " + m.text);
            if (!m.rationale.empty() && seen_rationales.insert(m.rationale).second)
                rationales.push_back(m.rationale);
            topic_numbers.insert(m.topics.begin(), m.topics.end());
        }
        if (measures.empty()) continue;
        for (int t : topic_numbers) {
            if (const auto* topic = plan.find_topic(t))
                topics.push_back(std::to_string(t) + ". " + topic->text);
        }
        rows.push_back(Json{{"strategy", strategy_text(s, language)},
                            {"measures", measures},
                            {"rationales", rationales},
                            {"topics", topics}});
    }
    return rows;
}

Json activity_view(const core::Activity& a, std::size_t index, store::Id plan_id,
                   const std::map<store::Id, const store::EvidenceFile*>& files,
                   const FormState& state, Language language) {
    const std::string position = std::to_string(index + 1);
    Json participants = Json::array();
    for (const auto& p : a.participants) {
        participants.push_back(
            Json{{"group", p.group},
                 {"count", p.count ? std::to_string(*p.count) : ""},
                 {"has_count", p.count.has_value()}});
    }
    std::string time;
    if (a.starts_at && a.ends_at) time = core::format_thai_time_range(*a.starts_at, *a.ends_at);
    std::string measures;
    for (int m : a.measures) measures += (measures.empty() ? "" : ", ") + std::to_string(m);
    return Json{{"number", a.number},
                {"title", a.title},
                {"on", date_text(a.on, language)},
                {"time", time},
                {"place", a.place},
                {"participants", participants},
                {"summary", a.summary},
                {"has_time", !time.empty()},
                {"has_place", !a.place.empty()},
                {"has_summary", !a.summary.empty()},
                {"has_measures", !measures.empty()},
                {"measures", measures},
                {"position", position},
                {"evidence", evidence_links(a.evidence_file_ids, plan_id, files)},
                {"has_evidence", !a.evidence_file_ids.empty()},
                {"evidence_action", plan_href(plan_id) + "/activities/" +
                                        encode_url_component(a.number) + "/evidence"},
                {"evidence_form", form_part(state, "activity-evidence-" + position, {})}};
}

std::string unit_name(const core::UnitRef& unit) {
    return unit.short_name.empty() ? unit.name : unit.name + " (" + unit.short_name + ")";
}

Json measure_at_json(const std::vector<StoredPlan>& plans, const core::MeasureAt& at,
                     Language language) {
    const auto& stored = plans[at.plan];
    const auto& m = stored.plan.measures[at.measure];
    return Json{{"unit", unit_name(stored.plan.unit)},
                {"href", plan_href(stored.record.id)},
                {"number", m.number},
                {"text", m.text},
                {"owner", m.owner},
                {"due_on", date_text(m.due_on, language)},
                {"status", status_label(m.status, language)}};
}

std::vector<core::Plan> plans_only(const std::vector<StoredPlan>& stored) {
    std::vector<core::Plan> out;
    out.reserve(stored.size());
    for (const auto& s : stored) out.push_back(s.plan);
    return out;
}

}  // namespace

// ---- Loading ---------------------------------------------------------------

namespace {

store::StatusOr<StoredPlan> parse_record(store::PlanRecord record) {
    auto parsed = input::parse_plan_json(record.document, "plan-" + std::to_string(record.id));
    if (!parsed.ok()) {
        return Status::Internal("stored plan " + std::to_string(record.id) +
                     " does not parse: " + core::to_string(parsed.errors()));
    }
    StoredPlan out{std::move(record), std::move(parsed).value()};
    out.plan.id = out.record.id;
    out.plan.unit.id = out.record.unit_id;
    return out;
}

}  // namespace

store::StatusOr<StoredPlan> load_plan(store::Store& store, store::Id plan_id) {
    auto record = store.get_plan(plan_id);
    if (!record.ok()) return record.status;
    return parse_record(std::move(*record));
}

store::StatusOr<std::vector<StoredPlan>> load_plans(store::Store& store, int fiscal_year_be) {
    auto records = store.list_plans(fiscal_year_be);
    if (!records.ok()) return records.status;
    std::vector<StoredPlan> out;
    for (auto& record : *records) {
        auto parsed = parse_record(std::move(record));
        if (!parsed.ok()) return parsed.status;
        out.push_back(std::move(*parsed));
    }
    return out;
}

store::StatusOr<std::optional<StoredPlan>> find_round_plan(store::Store& store, store::Id unit_id,
                                                          const std::string& round_name) {
    using Found = std::optional<StoredPlan>;
    auto record = app::find_round_plan_record(store, unit_id, round_name);
    if (!record.ok()) return record.status;
    if (!*record) return Found();
    auto parsed = parse_record(std::move(**record));
    if (!parsed.ok()) return parsed.status;
    return Found(std::move(*parsed));
}

core::CivilDate plan_today(const SiteContext& context) {
    const auto days = std::chrono::floor<std::chrono::days>(
        context.now() + std::chrono::hours(kThailandUtcOffsetHours));
    return core::civil_from_days(days.time_since_epoch().count());
}

int current_fiscal_year(const SiteContext& context) {
    return core::fiscal_year_be(plan_today(context));
}

core::UnitRef unit_ref(const store::Unit& unit) {
    return core::UnitRef{unit.id, unit.name, unit.short_name};
}

namespace {

core::GapRef observed_gap(const app::UnitRoundResults& results, const core::ScoreRef& ref,
                          const std::string& instrument, const core::ObservedScore& observed) {
    core::GapRef gap;
    gap.ref = ref;
    gap.instrument = instrument;
    gap.score = observed.score;
    gap.answers = observed.answers;
    gap.favourable = observed.favourable;
    gap.respondents = observed.respondents;
    gap.round = results.round.name;
    return gap;
}

std::string gap_key(const core::ScoreRef& ref) {
    if (ref.level == core::ScoreLevel::kIndicator)
        return "indicator:" + std::to_string(ref.indicator);
    return std::string(core::to_string(ref.level)) + ":" + ref.code;
}

}  // namespace

std::vector<core::GapRef> gaps_from_analysis(const app::UnitRoundResults& results) {
    std::vector<core::GapRef> out;
    for (auto& c : gap_candidates(results)) {
        if (c.suggested) out.push_back(std::move(c.gap));
    }
    return out;
}

std::vector<GapCandidate> gap_candidates(const app::UnitRoundResults& results) {
    std::vector<GapCandidate> out;
    if (!results.questionnaire) return out;
    const auto& q = *results.questionnaire;
    std::set<std::string> taken;
    const auto add = [&](const core::ScoreRef& ref, const std::string& instrument, bool suggested) {
        std::string key = gap_key(ref);
        if (taken.count(key)) return;
        auto observed = core::find_score(q, results.score, ref);
        if (!observed) return;
        taken.insert(key);
        out.push_back(
            {std::move(key), observed_gap(results, ref, instrument, *observed), suggested});
    };
    for (const auto& ig : results.gaps.instruments) {
        const std::string instrument = q.instruments[ig.instrument].code;
        for (int item : ig.lowest_items_in_lowest_indicators)
            add({core::ScoreLevel::kItem, q.items[item].code, 0}, instrument, true);
        for (int item : ig.items_below_target)
            add({core::ScoreLevel::kItem, q.items[item].code, 0}, instrument, true);
    }
    for (const auto& ig : results.gaps.instruments) {
        const std::string instrument = q.instruments[ig.instrument].code;
        for (int indicator : ig.lowest_indicators)
            add({core::ScoreLevel::kIndicator, "", q.indicators[indicator].number}, instrument,
                false);
        for (int indicator : ig.indicators_below_target)
            add({core::ScoreLevel::kIndicator, "", q.indicators[indicator].number}, instrument,
                false);
    }
    return out;
}

std::vector<store::Round> effect_rounds(const std::vector<store::Round>& rounds,
                                        const std::string& source_round) {
    std::vector<store::Round> out;
    const auto source = std::find_if(rounds.begin(), rounds.end(),
                                     [&](const auto& r) { return r.name == source_round; });
    if (source == rounds.end()) return out;
    for (const auto& r : rounds) {
        // ISO dates: text order is date order.
        if (r.questionnaire_id == source->questionnaire_id && r.opens_on > source->opens_on &&
            r.status == store::RoundStatus::kClosed)
            out.push_back(r);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.opens_on > b.opens_on; });
    return out;
}

EffectCounts count_outcomes(const core::PlanEffect& effect) {
    EffectCounts counts;
    for (const auto& m : effect.measures) {
        switch (m.outcome) {
            case core::TargetOutcome::kMet:
                ++counts.met;
                break;
            case core::TargetOutcome::kNotMet:
                ++counts.not_met;
                break;
            case core::TargetOutcome::kNoData:
                ++counts.no_data;
                break;
            case core::TargetOutcome::kNoTarget:
                break;
        }
    }
    return counts;
}

std::optional<double> plan_percent_complete(const core::Plan& plan) {
    double sum = 0;
    int n = 0;
    for (const auto& m : plan.measures) {
        if (m.status == core::MeasureStatus::kCancelled) continue;
        sum += m.percent_complete.value_or(0);
        ++n;
    }
    if (n == 0) return std::nullopt;
    return sum / n;
}

// ---- Views -----------------------------------------------------------------

Json plan_list_view(int fiscal_year_be, const std::vector<PlanListRow>& plans,
                    const std::vector<core::UnitRef>& without_plan,
                    const std::vector<store::Unit>& can_start,
                    const std::vector<store::Round>& rounds, const core::CivilDate& today,
                    Language language) {
    Json rows = Json::array();
    for (const auto& row : plans) {
        const auto& plan = row.plan->plan;
        std::size_t overdue = 0;
        for (const auto& m : plan.measures) overdue += core::is_overdue(m, today) ? 1 : 0;
        const auto percent = plan_percent_complete(plan);
        rows.push_back(Json{{"href", plan_href(row.plan->record.id)},
                            {"unit", row.unit_label},
                            {"measures", plan.measures.size()},
                            {"percent", percent ? core::format_score(*percent) : "-"},
                            {"overdue", overdue},
                            {"has_overdue", overdue > 0}});
    }
    Json missing = Json::array();
    for (const auto& u : without_plan) missing.push_back(unit_name(u));
    Json units = Json::array();
    for (const auto& u : can_start)
        units.push_back(Json{{"value", u.id}, {"label", u.short_name.empty() ? u.name : u.name + " (" + u.short_name + ")"}});
    Json round_options = Json::array();
    for (const auto& r : rounds) round_options.push_back(Json{{"value", r.id}, {"label", r.name}});
    return Json{{"title", plan_phrase(language, "plans_title")},
                {"year", fiscal_year_be},
                {"plans", rows},
                {"has_plans", !rows.empty()},
                {"without_plan", missing},
                {"has_without_plan", !missing.empty()},
                {"start_units", units},
                {"can_start", !units.empty() && !round_options.empty()},
                {"rounds", round_options},
                {"today", date_text(today, language)}};
}

Json plan_page_view(const StoredPlan& stored, const std::vector<store::EvidenceFile>& evidence,
                    const core::CivilDate& today, bool can_edit, const FormState& state,
                    Language language) {
    const auto& plan = stored.plan;
    std::map<store::Id, const store::EvidenceFile*> files;
    for (const auto& f : evidence) files[f.id] = &f;

    Json gaps = Json::array();
    for (std::size_t i = 0; i < plan.gaps.size(); ++i) {
        const auto& g = plan.gaps[i];
        const std::string id = "gap-" + std::to_string(i + 1);
        gaps.push_back(Json{{"number", i + 1},
                            {"label", ref_label(g.ref, language)},
                            {"instrument", g.instrument},
                            {"score", core::format_score(g.score)},
                            {"counts", counts_text(g)},
                            {"has_counts", !counts_text(g).empty()},
                            {"round", g.round},
                            {"cause_note", g.cause_note},
                            {"action", plan_href(plan.id) + "/gaps/" + std::to_string(i + 1)},
                            {"form", form_part(state, id, {{"cause_note", g.cause_note}})}});
    }
    Json measures = Json::array();
    for (std::size_t i = 0; i < plan.measures.size(); ++i)
        measures.push_back(measure_view(plan, i, today, files, state, language));
    Json activities = Json::array();
    for (std::size_t i = 0; i < plan.activities.size(); ++i)
        activities.push_back(activity_view(plan.activities[i], i, plan.id, files, state, language));

    Json new_measure;
    if (state.form == "measure-new") {
        new_measure = measure_form(plan, "measure-new", plan_href(plan.id) + "/measures",
                                   state.values, state.choices, state.errors, true, language);
    } else {
        new_measure = measure_form(plan, "measure-new", plan_href(plan.id) + "/measures",
                                   {{"start_on", core::to_iso_string(today)}}, {}, {}, false,
                                   language);
    }
    std::string next_activity = std::to_string(plan.activities.size() + 1);
    Json data{
        {"title", plan_phrase(language, "plan_title") + " " + plan.unit.name},
        {"plan_id", plan.id},
        {"href", plan_href(plan.id)},
        {"unit", unit_name(plan.unit)},
        {"year", plan.fiscal_year_be},
        {"source_round", plan.source_round},
        {"plan_title", plan.title},
        {"has_plan_title", !plan.title.empty()},
        {"summary", plan.summary},
        {"has_summary", !plan.summary.empty()},
        {"version", stored.record.version},
        {"today", date_text(today, language)},
        {"can_edit", can_edit},
        {"conflict", state.conflict},
        {"has_errors", !state.errors.empty()},
        {"gaps", gaps},
        {"has_gaps", !gaps.empty()},
        {"pirab", pirab_rows(plan, language)},
        {"has_measures", !measures.empty()},
        {"measures", measures},
        {"activities", activities},
        {"has_activities", !activities.empty()},
        {"new_measure", new_measure},
        {"activity_form", form_part(state, "activity-new", {{"number", next_activity},
                                                            {"on", core::to_iso_string(today)}})},
        {"effect_href", plan_href(plan.id) + "/effect"},
        {"plans_href", "/admin/plans?year=" + std::to_string(plan.fiscal_year_be)}};
    return data;
}

Json monitoring_view(int fiscal_year_be, std::int64_t stale_days,
                     const std::vector<StoredPlan>& plans,
                     const std::vector<PlanEffectData>& effects,
                     const std::vector<core::UnitRef>& without_plan, const core::CivilDate& today,
                     Language language) {
    const auto core_plans = plans_only(plans);
    Json overdue = Json::array();
    for (const auto& o : core::overdue_measures(core_plans, today)) {
        Json row = measure_at_json(plans, o.at, language);
        row["days"] = o.days_overdue;
        overdue.push_back(std::move(row));
    }
    Json quiet = Json::array();
    for (const auto& q : core::measures_without_update(core_plans, today, stale_days)) {
        Json row = measure_at_json(plans, q.at, language);
        row["days"] = q.days_since_update;
        row["never_updated"] = q.never_updated;
        quiet.push_back(std::move(row));
    }
    Json strategies = Json::array();
    for (const auto& s : core::progress_by_strategy(core_plans)) {
        strategies.push_back(
            Json{{"strategy", strategy_text(s.strategy, language)},
                 {"measures", s.measures},
                 {"done", s.done},
                 {"cancelled", s.cancelled},
                 {"mean", s.has_data() ? core::format_score(s.mean_percent_complete)
                                       : plan_phrase(language, "no_data")}});
    }
    Json gaps = Json::array();
    for (const auto& g : core::unaddressed_gaps(core_plans)) {
        const auto& stored = plans[g.plan];
        const auto& gap = stored.plan.gaps[g.gap];
        gaps.push_back(Json{{"unit", unit_name(stored.plan.unit)},
                            {"href", plan_href(stored.record.id)},
                            {"number", g.gap + 1},
                            {"label", gap.instrument + " " + ref_label(gap.ref, language)},
                            {"score", core::format_score(gap.score)}});
    }
    Json effect_rows = Json::array();
    for (std::size_t i = 0; i < plans.size() && i < effects.size(); ++i) {
        const auto& e = effects[i];
        if (!e.effect || !e.round) continue;
        const auto counts = count_outcomes(*e.effect);
        effect_rows.push_back(Json{{"unit", unit_name(plans[i].plan.unit)},
                                   {"href", plan_href(plans[i].record.id) +
                                                "/effect?round=" + std::to_string(e.round->id)},
                                   {"round", e.round->name},
                                   {"met", counts.met},
                                   {"not_met", counts.not_met},
                                   {"has_not_met", counts.not_met > 0},
                                   {"no_data", counts.no_data}});
    }
    Json missing = Json::array();
    for (const auto& u : without_plan) missing.push_back(unit_name(u));
    return Json{{"title", plan_phrase(language, "monitoring_title")},
                {"effects", effect_rows},
                {"has_effects", !effect_rows.empty()},
                {"year", fiscal_year_be},
                {"stale_days", stale_days},
                {"today", date_text(today, language)},
                {"overdue", overdue},
                {"has_overdue", !overdue.empty()},
                {"quiet", quiet},
                {"has_quiet", !quiet.empty()},
                {"strategies", strategies},
                {"gaps", gaps},
                {"has_gaps", !gaps.empty()},
                {"without_plan", missing},
                {"has_without_plan", !missing.empty()}};
}

Json effect_view(const StoredPlan& stored, const PlanEffectData& data, Language language) {
    const auto& plan = stored.plan;
    const auto& round = data.round;
    Json round_links = Json::array();
    for (const auto& r : data.choices) {
        round_links.push_back(Json{
            {"href", plan_href(plan.id) + "/effect?round=" + std::to_string(r.id)},
            {"name", r.name},
            {"current", round && round->id == r.id}});
    }
    Json view{{"title", plan_phrase(language, "effect_title")},
              {"unit", unit_name(plan.unit)},
              {"year", plan.fiscal_year_be},
              {"source_round", plan.source_round},
              {"href", plan_href(plan.id)},
              {"rounds", round_links},
              {"has_rounds", !data.choices.empty()},
              {"has_effect", data.effect.has_value()}};
    if (!data.effect || !round) return view;
    const auto& effect = *data.effect;
    view["round"] = round->name;
    Json measures = Json::array();
    for (const auto& me : effect.measures) {
        const auto& m = plan.measures[me.measure];
        const std::string outcome(core::to_string(me.outcome));
        measures.push_back(
            Json{{"number", m.number},
                 {"text", m.text},
                 {"target", m.target ? target_text(*m.target, language) : ""},
                 {"outcome", plan_phrase(language, "outcome_" + outcome)},
                 {"outcome_code", outcome},
                 {"met", me.outcome == core::TargetOutcome::kMet},
                 {"not_met", me.outcome == core::TargetOutcome::kNotMet},
                 {"observed", me.observed ? core::format_score(me.observed->score) : "-"},
                 {"margin", me.margin_points ? core::format_score(*me.margin_points) : "-"}});
    }
    Json gaps = Json::array();
    for (const auto& ge : effect.gaps) {
        const auto& g = plan.gaps[ge.gap];
        gaps.push_back(
            Json{{"number", ge.gap + 1},
                 {"label", g.instrument + " " + ref_label(g.ref, language)},
                 {"before", core::format_score(ge.before)},
                 {"after", ge.after ? core::format_score(ge.after->score) : "-"},
                 {"change", ge.change_points ? core::format_score(*ge.change_points) : "-"},
                 {"down", ge.change_points && *ge.change_points < 0}});
    }
    const auto counts = count_outcomes(effect);
    view["met_count"] = counts.met;
    view["not_met_count"] = counts.not_met;
    view["no_data_count"] = counts.no_data;
    view["measures"] = measures;
    view["gaps"] = gaps;
    return view;
}

Json start_plan_view(const store::Unit& unit, int fiscal_year_be, const store::Round& round,
                     const std::vector<GapCandidate>& candidates,
                     const std::set<std::string>& chosen, Language language) {
    Json items = Json::array();
    Json indicators = Json::array();
    for (const auto& c : candidates) {
        const auto& g = c.gap;
        Json row{{"key", c.key},
                 {"instrument", g.instrument},
                 {"label", ref_label(g.ref, language)},
                 {"score", core::format_score(g.score)},
                 {"counts", counts_text(g)},
                 {"has_counts", !counts_text(g).empty()},
                 {"checked", chosen.count(c.key) > 0}};
        (g.ref.level == core::ScoreLevel::kIndicator ? indicators : items).push_back(row);
    }
    return Json{
        {"title", plan_phrase(language, "start_plan")},
        {"unit", unit.short_name.empty() ? unit.name : unit.name + " (" + unit.short_name + ")"},
        {"unit_id", unit.id},
        {"year", fiscal_year_be},
        {"round", round.name},
        {"round_id", round.id},
        {"item_gaps", items},
        {"has_item_gaps", !items.empty()},
        {"indicator_gaps", indicators},
        {"has_indicator_gaps", !indicators.empty()}};
}

// ---- JSON API --------------------------------------------------------------

Json plan_summary_json(const StoredPlan& stored, const core::CivilDate& today) {
    const auto& plan = stored.plan;
    std::size_t overdue = 0;
    for (const auto& m : plan.measures) overdue += core::is_overdue(m, today) ? 1 : 0;
    const auto percent = plan_percent_complete(plan);
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
        flags.push_back(Json{{"number", m.number},
                             {"overdue", overdue},
                             {"days_overdue", overdue ? core::days_between(m.due_on, today) : 0},
                             {"days_since_update", core::days_since_last_update(m, today)},
                             {"never_updated", core::latest_update(m) == nullptr}});
    }
    out["measure_flags"] = flags;
    return out;
}

Json monitoring_json(int fiscal_year_be, std::int64_t stale_days,
                     const std::vector<StoredPlan>& plans,
                     const std::vector<PlanEffectData>& effects,
                     const std::vector<core::UnitRef>& without_plan, const core::CivilDate& today) {
    const auto core_plans = plans_only(plans);
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
        strategies.push_back(Json{
            {"strategy", std::string(1, core::strategy_letter(s.strategy))},
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
        const auto counts = count_outcomes(*e.effect);
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

namespace {

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

}  // namespace

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
        const auto c = count_outcomes(*data.effect);
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

}  // namespace itagap::web
