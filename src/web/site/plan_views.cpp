#include "web/site/plan_views.hpp"

#include <algorithm>

#include "core/number_format.hpp"
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

// The words of the item or indicator a gap names, from the questionnaire
// ("เจ้าหน้าที่ในหน่วยงานของท่าน ..." for i12, "การปฏิบัติหน้าที่" for indicator 1);
// empty without a questionnaire, for an instrument, or for a code it lacks.
std::string gap_text(const core::ScoreRef& ref, const core::Questionnaire* q, Language language) {
    if (q == nullptr) return {};
    const auto pick = [&](const core::LocalText& t) {
        return language == Language::kEnglish && !t.en.empty() ? t.en : t.th;
    };
    if (ref.level == core::ScoreLevel::kItem) {
        const int item = q->find_item(ref.code);
        return item < 0 ? std::string() : pick(q->items[static_cast<std::size_t>(item)].text);
    }
    if (ref.level == core::ScoreLevel::kIndicator) {
        const int indicator = q->find_indicator(ref.indicator);
        return indicator < 0 ? std::string()
                             : pick(q->indicators[static_cast<std::size_t>(indicator)].name);
    }
    return {};
}

// "i12 เจ้าหน้าที่ในหน่วยงานของท่าน ...": the code with its words when known.
std::string gap_label(const core::ScoreRef& ref, const core::Questionnaire* q, Language language) {
    const std::string text = gap_text(ref, q, language);
    return ref_label(ref, language) + (text.empty() ? std::string() : " " + text);
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
    values["contact_person"] = m.contact_person;
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

Json measure_form(const core::Plan& plan, const core::Questionnaire* q, std::string id,
                  std::string action, std::map<std::string, std::string> values,
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
        gaps.push_back(Json{
            {"value", i + 1},
            {"label", std::to_string(i + 1) + ". " + g.instrument + " " +
                          gap_label(g.ref, q, language) + " (" + core::format_score(g.score) + ")"},
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

Json measure_view(const core::Plan& plan, const core::Questionnaire* q, std::size_t index,
                  const core::CivilDate& today,
                  const std::map<store::Id, const store::EvidenceFile*>& files,
                  const FormState& state, Language language) {
    const auto& m = plan.measures[index];
    const std::string n = std::to_string(m.number);
    const bool overdue = core::is_overdue(m, today);
    const core::MeasureProgressState progress = core::measure_progress_state(m, today);
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
        {"contact_person", m.contact_person},
        {"start_on", date_text(m.start_on, language)},
        {"due_on", date_text(m.due_on, language)},
        {"has_target", m.target.has_value()},
        {"target", m.target ? target_text(*m.target, language) : ""},
        {"status", status_label(m.status, language)},
        {"percent", m.percent_complete ? std::to_string(*m.percent_complete) : "-"},
        {"percent_value", m.percent_complete.value_or(0)},
        {"overdue", overdue},
        {"days_overdue", overdue ? core::days_between(m.due_on, today) : 0},
        {"show_quiet", progress.clock == core::MeasureClock::kRunning},
        {"waiting_to_start", progress.clock == core::MeasureClock::kWaitingToStart},
        {"days_to_start", progress.days_to_start},
        {"never_updated", progress.never_updated},
        {"days_since_update", progress.days_since_update},
        {"can_mark_done", progress.ready_to_mark_done},
        {"done_action", plan_href(plan.id) + "/measures/" + n + "/done"},
        {"updates", updates},
        {"has_updates", !updates.empty()},
        {"form", measure_form(plan, q, form_id, plan_href(plan.id) + "/measures/" + n, values,
                              choices, errors, false, language)},
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
        participants.push_back(Json{{"group", p.group},
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

}  // namespace

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

// ---- Views -----------------------------------------------------------------

Json plan_list_view(int fiscal_year_be, const std::vector<PlanListRow>& plans,
                    const std::vector<core::UnitRef>& without_plan,
                    const std::vector<store::Unit>& can_start,
                    const std::vector<store::Round>& rounds, const core::CivilDate& today,
                    Language language) {
    Json rows = Json::array();
    for (const auto& row : plans) {
        const auto& plan = row.plan->plan;
        const std::size_t overdue = core::count_overdue(plan, today);
        const auto percent = core::plan_percent_complete(plan);
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
        units.push_back(
            Json{{"value", u.id},
                 {"label", u.short_name.empty() ? u.name : u.name + " (" + u.short_name + ")"}});
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

Json plan_page_view(const StoredPlan& stored, const core::Questionnaire* q,
                    const std::vector<store::EvidenceFile>& evidence, const core::CivilDate& today,
                    bool can_edit, const FormState& state, Language language) {
    const auto& plan = stored.plan;
    std::map<store::Id, const store::EvidenceFile*> files;
    for (const auto& f : evidence) files[f.id] = &f;

    Json gaps = Json::array();
    for (std::size_t i = 0; i < plan.gaps.size(); ++i) {
        const auto& g = plan.gaps[i];
        const std::string id = "gap-" + std::to_string(i + 1);
        gaps.push_back(Json{{"number", i + 1},
                            {"label", ref_label(g.ref, language)},
                            {"text", gap_text(g.ref, q, language)},
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
        measures.push_back(measure_view(plan, q, i, today, files, state, language));
    Json activities = Json::array();
    for (std::size_t i = 0; i < plan.activities.size(); ++i)
        activities.push_back(activity_view(plan.activities[i], i, plan.id, files, state, language));

    Json new_measure;
    if (state.form == "measure-new") {
        new_measure = measure_form(plan, q, "measure-new", plan_href(plan.id) + "/measures",
                                   state.values, state.choices, state.errors, true, language);
    } else {
        new_measure =
            measure_form(plan, q, "measure-new", plan_href(plan.id) + "/measures",
                         {{"start_on", core::to_iso_string(today)}}, {}, {}, false, language);
    }
    std::string next_activity = std::to_string(plan.activities.size() + 1);
    Json data{{"title", plan_phrase(language, "plan_title") + " " + plan.unit.name},
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
              {"activity_form",
               form_part(state, "activity-new",
                         {{"number", next_activity}, {"on", core::to_iso_string(today)}})},
              {"publish_contact_persons", plan.publish_contact_persons},
              {"publication_action", plan_href(plan.id) + "/publication"},
              {"effect_href", plan_href(plan.id) + "/effect"},
              {"plans_href", "/admin/plans?year=" + std::to_string(plan.fiscal_year_be)}};
    return data;
}

Json monitoring_view(int fiscal_year_be, std::int64_t stale_days,
                     const std::vector<StoredPlan>& plans,
                     const std::vector<PlanEffectData>& effects,
                     const std::vector<core::UnitRef>& without_plan, const core::CivilDate& today,
                     Language language) {
    const auto core_plans = app::plans_only(plans);
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
        const auto counts = core::count_outcomes(*e.effect);
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
        round_links.push_back(
            Json{{"href", plan_href(plan.id) + "/effect?round=" + std::to_string(r.id)},
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
    const auto counts = core::count_outcomes(effect);
    view["met_count"] = counts.met;
    view["not_met_count"] = counts.not_met;
    view["no_data_count"] = counts.no_data;
    view["measures"] = measures;
    view["gaps"] = gaps;
    return view;
}

Json start_plan_view(const store::Unit& unit, int fiscal_year_be, const store::Round& round,
                     const core::Questionnaire* q,
                     const std::vector<core::GapCandidate>& candidates,
                     const std::set<std::string>& chosen, Language language) {
    Json items = Json::array();
    Json indicators = Json::array();
    for (const auto& c : candidates) {
        const auto& g = c.gap;
        Json row{{"key", c.key},
                 {"instrument", g.instrument},
                 {"label", ref_label(g.ref, language)},
                 {"text", gap_text(g.ref, q, language)},
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

}  // namespace itagap::web
