#include "report/score_json.hpp"

#include <nlohmann/json.hpp>

#include "core/number_format.hpp"

namespace itagap::report {

namespace {

using nlohmann::json;

json interval(const core::Interval& ci) { return json::array({ci.low, ci.high}); }

json local(const core::LocalText& t) { return json{{"th", t.th}, {"en", t.en}}; }

// "score", "score_text" and "ci95", or "score": null when there are no answers.
void add_score(json& j, bool has_data, double score, const core::Interval& ci95) {
    if (!has_data) {
        j["score"] = nullptr;
        return;
    }
    j["score"] = score;
    j["score_text"] = core::format_score(score);
    j["ci95"] = interval(ci95);
}

json item_json(const core::Questionnaire& q, const core::ItemScore& s) {
    const core::Item& item = q.items[s.item];
    json j{{"code", item.code},
           {"text", local(item.text)},
           {"reverse", item.reverse},
           {"answers", s.answers},
           {"favourable", s.favourable}};
    // Publishable scores (core/publication.hpp) have none, and say what is withheld.
    if (!s.option_counts.empty()) j["option_counts"] = s.option_counts;
    if (s.withheld) j["withheld"] = true;
    add_score(j, s.has_data(), s.score, s.ci95);
    return j;
}

json indicator_json(const core::Questionnaire& q, const core::IndicatorScore& s) {
    const core::Indicator& ind = q.indicators[s.indicator];
    json items = json::array();
    for (const auto& it : s.items) items.push_back(item_json(q, it));
    json j{{"indicator", ind.number},
           {"name", local(ind.name)},
           {"answers", s.answers},
           {"favourable", s.favourable},
           {"respondents", s.respondents},
           {"items_scored", s.items_scored},
           {"items", items}};
    if (s.withheld) j["withheld"] = true;
    add_score(j, s.has_data(), s.score, s.ci95);
    return j;
}

json instrument_json(const core::Questionnaire& q, const core::InstrumentScore& s) {
    const core::Instrument& instrument = q.instruments[s.instrument];
    json indicators = json::array();
    for (const auto& ind : s.indicators) indicators.push_back(indicator_json(q, ind));
    json j{{"instrument", instrument.code},
           {"name", local(instrument.name)},
           {"weight", instrument.weight},
           {"respondents", s.respondents},
           {"respondents_answering", s.respondents_answering},
           {"score", s.score},
           {"score_text", core::format_score(s.score)},
           {"ci95", interval(s.ci95)},
           {"grade", s.grade},
           {"indicators", indicators}};
    if (s.withheld) {
        j["withheld"] = true;
        j["score"] = nullptr;
        j.erase("score_text");
        j.erase("ci95");
    }
    return j;
}

json codes(const core::Questionnaire& q, const std::vector<int>& items) {
    json out = json::array();
    for (int i : items) out.push_back(q.items[i].code);
    return out;
}

json numbers(const core::Questionnaire& q, const std::vector<int>& indicators) {
    json out = json::array();
    for (int i : indicators) out.push_back(q.indicators[i].number);
    return out;
}

std::string_view level_name(core::ChangeLevel level) {
    switch (level) {
        case core::ChangeLevel::kTotal:
            return "ita_total";
        case core::ChangeLevel::kInstrument:
            return "instrument";
        case core::ChangeLevel::kIndicator:
            return "indicator";
        case core::ChangeLevel::kItem:
            return "item";
    }
    return "item";
}

json change_json(const core::Questionnaire& q, const core::ScoreChange& c) {
    json j{{"level", level_name(c.level)},
           {"previous", c.previous},
           {"current", c.current},
           {"delta", c.delta()},
           {"delta_text", core::format_score(c.delta())}};
    switch (c.level) {
        case core::ChangeLevel::kTotal:
            break;
        case core::ChangeLevel::kInstrument:
            j["instrument"] = q.instruments[c.index].code;
            break;
        case core::ChangeLevel::kIndicator:
            j["indicator"] = q.indicators[c.index].number;
            break;
        case core::ChangeLevel::kItem:
            j["code"] = q.items[c.index].code;
            break;
    }
    return j;
}

json gaps_json(const core::Questionnaire& q, const core::UnitRoundGaps& g) {
    json instruments = json::array();
    for (const auto& ig : g.instruments) {
        json misread = json::array();
        for (const auto& m : ig.misread) {
            misread.push_back(json{{"code", q.items[m.item].code},
                                   {"flagged_respondents", m.flagged},
                                   {"answers", m.answers},
                                   {"score", m.score},
                                   {"estimated_score", m.estimated_score},
                                   {"estimated_score_text", core::format_score(m.estimated_score)},
                                   {"is_estimate", true}});
        }
        instruments.push_back(json{
            {"instrument", q.instruments[ig.instrument].code},
            {"highest_indicators", numbers(q, ig.highest_indicators)},
            {"lowest_indicators", numbers(q, ig.lowest_indicators)},
            {"lowest_items", codes(q, ig.lowest_items)},
            {"lowest_items_in_lowest_indicators", codes(q, ig.lowest_items_in_lowest_indicators)},
            {"indicators_below_target", numbers(q, ig.indicators_below_target)},
            {"items_below_target", codes(q, ig.items_below_target)},
            {"misread", misread}});
    }
    json changes = json::array();
    for (const auto& c : g.changes) changes.push_back(change_json(q, c));
    return json{{"target", g.target},
                {"instrument_below_target", g.instrument_below_target},
                {"previous_round", g.previous_round ? json(*g.previous_round) : json(nullptr)},
                {"instruments", instruments},
                {"changes", changes}};
}

}  // namespace

std::string scores_to_json(const core::Questionnaire& q,
                           const std::vector<core::UnitRoundScore>& scores,
                           const std::vector<core::UnitRoundGaps>& gaps, double target) {
    json units = json::array();
    for (std::size_t u = 0; u < scores.size(); ++u) {
        const auto& s = scores[u];
        json instruments = json::array();
        for (const auto& is : s.instruments) {
            if (is.has_data() || is.withheld) instruments.push_back(instrument_json(q, is));
        }
        json weights = json::array();
        for (const auto& w : s.weights) {
            weights.push_back(json{{"instrument", q.instruments[w.instrument].code},
                                   {"weight", w.weight},
                                   {"share", w.share}});
        }
        json missing = json::array();
        for (int i : s.missing_instruments) missing.push_back(q.instruments[i].code);
        json unit{{"unit", s.unit},
                  {"round", s.round},
                  {"instruments", instruments},
                  {"ita_total", s.ita_total ? json(*s.ita_total) : json(nullptr)},
                  {"ita_total_text",
                   s.ita_total ? json(core::format_score(*s.ita_total)) : json(nullptr)},
                  {"ita_grade", s.ita_total ? json(s.ita_grade) : json(nullptr)},
                  {"passed", s.ita_total ? json(*s.ita_total >= q.pass_mark) : json(nullptr)},
                  {"weights_rescaled", s.weights_rescaled},
                  {"weights", weights},
                  {"missing_instruments", missing},
                  {"gaps", gaps_json(q, gaps[u])}};
        if (s.ita_total_withheld) unit["ita_total_withheld"] = true;
        units.push_back(std::move(unit));
    }
    json out{{"questionnaire", q.id},
             {"method", core::to_string(q.method)},
             {"target", target},
             {"pass_mark", q.pass_mark},
             {"units", units}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace itagap::report
