#include "web/site/public_views.hpp"

#include "core/number_format.hpp"
#include "core/publication.hpp"
#include "core/thai_date.hpp"
#include "report/bar_chart_svg.hpp"
#include "report/narrative.hpp"
#include "web/plan_text.hpp"
#include "web/public_text.hpp"
#include "web/site/admin_views.hpp"

namespace itagap::web {

using Json = nlohmann::json;
using store::Status;
using store::StatusCode;
using store::StatusOr;

namespace {

StatusOr<bool> has_responses(SiteContext& context, const core::Questionnaire& q, store::Id round_id,
                             store::Id unit_id) {
    for (const auto& instrument : q.instruments) {
        auto n = context.store.count_responses(round_id, unit_id, instrument.code);
        if (!n.ok()) return n.status;
        if (*n > 0) return true;
    }
    return false;
}

// "ผู้ตอบ 11 คน" / "11 respondents"
std::string respondents_text(std::uint32_t n, Language language) {
    std::string text = public_phrase(language, "respondents_n");
    if (auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, std::to_string(n));
    return text;
}

// "ร้อยละ 40" / "40%"
std::string percent_text(const std::string& number, Language language) {
    return language == Language::kEnglish ? number + public_phrase(language, "percent_word")
                                          : public_phrase(language, "percent_word") + " " + number;
}

std::string indicator_label(const core::Questionnaire& q, int indicator, Language language) {
    const core::Indicator& ind = q.indicators[indicator];
    return public_phrase(language, "indicator_word") + " " + std::to_string(ind.number) + " " +
           report::pick(ind.name, language);
}

bool below(double score, double target) { return score < target; }

// "ไม่เผยแพร่ตัวเลขที่มีผู้ตอบน้อยกว่า 5 คน ..." (core/publication.hpp)
std::string withheld_note(int minimum, Language language) {
    std::string text = public_phrase(language, "withheld_note");
    if (auto at = text.find("{n}"); at != std::string::npos)
        text.replace(at, 3, std::to_string(minimum));
    return text;
}

Json instruments_json(const app::UnitRoundResults& r, double target, Language language) {
    const core::Questionnaire& q = *r.questionnaire;
    Json out = Json::array();
    for (const auto& s : r.score.instruments) {
        const core::Instrument& instrument = q.instruments[s.instrument];
        Json row{{"code", instrument.code},
                 {"name", report::pick(instrument.name, language)},
                 {"has_data", s.has_data()},
                 {"withheld", s.withheld}};
        if (s.withheld) row["respondents_text"] = respondents_text(s.respondents, language);
        if (s.has_data()) {
            row["score"] = core::format_score(s.score);
            row["grade"] = s.grade;
            row["respondents"] = s.respondents;
            row["respondents_text"] = respondents_text(s.respondents, language);
            row["below_target"] = below(s.score, target);
        }
        out.push_back(std::move(row));
    }
    return out;
}

Json indicators_json(const app::UnitRoundResults& r, double target, Language language) {
    const core::Questionnaire& q = *r.questionnaire;
    Json out = Json::array();
    for (const auto& s : r.score.instruments) {
        for (const auto& ind : s.indicators) {
            if (ind.withheld) {
                out.push_back(Json{{"instrument", q.instruments[s.instrument].code},
                                   {"label", indicator_label(q, ind.indicator, language)},
                                   {"score", public_phrase(language, "withheld_figure")},
                                   {"respondents", ind.respondents},
                                   {"withheld", true},
                                   {"below_target", false}});
                continue;
            }
            if (!ind.has_data()) continue;
            out.push_back(Json{{"instrument", q.instruments[s.instrument].code},
                               {"label", indicator_label(q, ind.indicator, language)},
                               {"score", core::format_score(ind.score)},
                               {"respondents", ind.respondents},
                               {"below_target", below(ind.score, target)}});
        }
    }
    return out;
}

// As the plan pages write it: "P : Partnership (การสร้างภาคีเครือข่าย)".
std::string strategy_text(core::Strategy strategy, Language language) {
    if (language == Language::kEnglish) return core::strategy_label(strategy);
    return core::strategy_label(strategy) + " (" + std::string(core::strategy_name_th(strategy)) +
           ")";
}

Json measures_json(const core::Plan& plan, Language language) {
    Json out = Json::array();
    for (const auto& m : plan.measures) {
        const std::string due = core::is_valid_date(m.due_on)
                                    ? display_date(core::to_iso_string(m.due_on), language)
                                    : std::string();
        out.push_back(Json{
            {"number", m.number},
            {"strategy", strategy_text(m.strategy, language)},
            {"text", m.text},
            {"owner", core::public_owner(plan, m)},
            {"due_on", due},
            {"status", plan_phrase(language, "status_" + std::string(core::to_string(m.status)))},
            // A cancelled measure has no percentage.
            {"percent", m.percent_complete
                            ? percent_text(std::to_string(*m.percent_complete), language)
                            : std::string("-")},
            {"percent_value", m.percent_complete.value_or(0)},
            {"cancelled", m.status == core::MeasureStatus::kCancelled}});
    }
    return out;
}

std::string other_language_href(const std::string& path, Language language) {
    return language == Language::kEnglish ? path : path + "?lang=en";
}

}  // namespace

StatusOr<std::vector<PublishedRound>> load_published_rounds(SiteContext& context) {
    auto rounds = context.store.list_rounds();
    if (!rounds.ok()) return rounds.status;
    std::vector<PublishedRound> out;
    std::optional<std::vector<store::Unit>> units;  // read once, and only when needed
    for (const auto& round : *rounds) {
        if (!round.results_published) continue;
        if (!units) {
            auto all = context.store.list_units();
            if (!all.ok()) return all.status;
            units = std::move(*all);
        }
        auto q = context.questionnaires.get(round.questionnaire_id);
        if (!q.ok()) return q.status;
        PublishedRound published{round, {}};
        for (const auto& unit : *units) {
            auto has = has_responses(context, **q, round.id, unit.id);
            if (!has.ok()) return has.status;
            if (*has) published.units.push_back(unit);
        }
        if (!published.units.empty()) out.push_back(std::move(published));
    }
    return out;
}

StatusOr<app::UnitRoundResults> load_public_results(SiteContext& context, store::Id round_id,
                                                    store::Id unit_id) {
    const Status not_found{StatusCode::kNotFound, "no published results for this round and unit"};
    auto round = context.store.get_round(round_id);
    if (!round.ok()) return round.status;
    if (!round->results_published) return not_found;
    auto results = app::unit_round_results(context.store, context.questionnaires, round_id, unit_id,
                                           context.options.target);
    if (!results.ok()) return results.status;
    if (results->responses.tables.empty()) return not_found;
    if (results->previous_round && !results->previous_round->results_published) {
        results->previous_round.reset();
        results->previous_score.reset();
    }
    // What may be published (core/publication.hpp): no option counts, nothing
    // resting on fewer respondents than the questionnaire's minimum, and the
    // gap analysis (so the narrative) redone on what is left.
    const core::Questionnaire& q = *results->questionnaire;
    results->score = core::publishable_score(q, results->score);
    if (results->previous_score)
        results->previous_score = core::publishable_score(q, *results->previous_score);
    results->gaps = core::publishable_gaps(
        q, results->score, results->previous_score ? &*results->previous_score : nullptr,
        context.options.target);
    return results;
}

Json public_list_view(const std::vector<PublishedRound>& rounds, Language language) {
    const std::string lang = public_lang_query(language);
    Json list = Json::array();
    for (const auto& p : rounds) {
        Json units = Json::array();
        for (const auto& unit : p.units) {
            units.push_back(Json{{"name", unit_label(unit)},
                                 {"href", public_results_href(p.round.id, unit.id) + lang}});
        }
        list.push_back(Json{{"name", p.round.name},
                            {"fiscal_year", p.round.fiscal_year_be},
                            {"opens_on", display_date(p.round.opens_on, language)},
                            {"closes_on", display_date(p.round.closes_on, language)},
                            {"units", units}});
    }
    return Json{{"title", public_phrase(language, "list_title")},
                {"p", public_text(language)},
                {"rounds", list},
                {"has_rounds", !list.empty()},
                {"other_language_href", other_language_href("/public", language)}};
}

Json public_results_view(const app::UnitRoundResults& r, const std::optional<StoredPlan>& plan,
                         double target, Language language) {
    const std::string href = public_results_href(r.round.id, r.unit.id);
    const std::string svg = indicator_chart_svg(r, target, language);
    Json out{{"title", public_phrase(language, "results_title") + " · " + unit_label(r.unit) +
                           " · " + r.round.name},
             {"p", public_text(language)},
             {"unit_name", unit_label(r.unit)},
             {"round_name", r.round.name},
             {"fiscal_year", r.round.fiscal_year_be},
             {"target", core::format_score(target)},
             {"has_total", r.score.ita_total.has_value()},
             {"total_withheld", r.score.ita_total_withheld},
             {"withheld_note", withheld_note(r.questionnaire->min_respondents_published, language)},
             {"instruments", instruments_json(r, target, language)},
             {"indicators", indicators_json(r, target, language)},
             {"has_chart", !svg.empty()},
             {"chart_svg", svg},
             {"narrative", report::narrate(*r.questionnaire, r.score, r.gaps, language)},
             {"has_plan", plan.has_value()},
             {"list_href", "/public" + public_lang_query(language)},
             {"other_language_href", other_language_href(href, language)},
             {"json_href", "/api/public/rounds/" + std::to_string(r.round.id) + "/units/" +
                               std::to_string(r.unit.id) + "/results"},
             {"csv_href", href + "/scores.csv" + public_lang_query(language)}};
    if (r.score.ita_total) {
        out["total"] = core::format_score(*r.score.ita_total);
        out["grade"] = r.score.ita_grade;
        out["total_below_target"] = below(*r.score.ita_total, target);
    }
    if (plan) {
        const Json measures = measures_json(plan->plan, language);
        const auto percent = core::plan_percent_complete(plan->plan);
        out["measures"] = measures;
        out["has_measures"] = !measures.empty();
        out["has_plan_percent"] = percent.has_value();
        out["plan_percent"] =
            percent ? percent_text(core::format_score(*percent), language) : std::string();
    }
    return out;
}

std::string public_lang_query(Language language) {
    return language == Language::kEnglish ? "?lang=en" : "";
}

std::string public_results_href(store::Id round_id, store::Id unit_id) {
    return "/public/rounds/" + std::to_string(round_id) + "/units/" + std::to_string(unit_id);
}

}  // namespace itagap::web
