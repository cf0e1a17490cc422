#include "web/site/admin_views.hpp"

#include <algorithm>

#include "core/number_format.hpp"
#include "core/sample_size.hpp"
#include "core/thai_date.hpp"
#include "report/bar_chart_svg.hpp"
#include "report/narrative.hpp"
#include "report/score_json.hpp"
#include "web/admin_text.hpp"
#include "web/site/page.hpp"
#include "web/templates/html_escape.hpp"

namespace itagap::web {

using Json = nlohmann::json;
using store::Status;
using store::StatusOr;

namespace {

StatusOr<LiveCounts> live_counts(SiteContext& context, const core::Questionnaire& q,
                                 store::Id round, store::Id unit) {
    LiveCounts out;
    for (const auto& instrument : q.instruments) {
        auto n = context.store.count_responses(round, unit, instrument.code);
        if (!n.ok()) return n.status;
        out.emplace_back(instrument.code, *n);
    }
    return out;
}

std::string interval_text(const core::Interval& ci) {
    return core::format_score(ci.low) + "-" + core::format_score(ci.high);
}

std::string delta_text(double delta) {
    std::string text = core::format_score(delta);
    if (core::round_half_up_2(delta) > 0) text = "+" + text;
    return text;
}

std::string indicator_label(const core::Questionnaire& q, int indicator, Language language) {
    const core::Indicator& ind = q.indicators[indicator];
    return admin_phrase(language, "indicator_word") + " " + std::to_string(ind.number) + " " +
           report::pick(ind.name, language);
}

bool below(double score, double target) { return score < target; }

Json instrument_rows(const core::Questionnaire& q, const core::InstrumentScore& s, double target,
                     Language language) {
    Json indicators = Json::array();
    for (const auto& ind : s.indicators) {
        Json items = Json::array();
        for (const auto& it : ind.items) {
            const core::Item& item = q.items[it.item];
            Json row{{"code", item.code},
                     {"text", report::pick(item.text, language)},
                     {"reverse", item.reverse},
                     {"counts", std::to_string(it.favourable) + "/" + std::to_string(it.answers)},
                     {"has_data", it.has_data()},
                     {"score", it.has_data() ? core::format_score(it.score) : "-"},
                     {"ci", it.has_data() ? interval_text(it.ci95) : "-"},
                     {"below_target", it.has_data() && below(it.score, target)}};
            items.push_back(std::move(row));
        }
        Json row{{"label", indicator_label(q, ind.indicator, language)},
                 {"counts", std::to_string(ind.favourable) + "/" + std::to_string(ind.answers)},
                 {"respondents", ind.respondents},
                 {"has_data", ind.has_data()},
                 {"score", ind.has_data() ? core::format_score(ind.score) : "-"},
                 {"ci", ind.has_data() ? interval_text(ind.ci95) : "-"},
                 {"below_target", ind.has_data() && below(ind.score, target)},
                 {"items", items}};
        indicators.push_back(std::move(row));
    }
    const core::Instrument& instrument = q.instruments[s.instrument];
    return Json{{"code", instrument.code},
                {"name", report::pick(instrument.name, language)},
                {"score", core::format_score(s.score)},
                {"ci", interval_text(s.ci95)},
                {"grade", s.grade},
                {"respondents", s.respondents},
                {"below_target", below(s.score, target)},
                {"indicators", indicators}};
}

std::string change_label(const core::Questionnaire& q, const core::ScoreChange& c,
                         Language language) {
    switch (c.level) {
        case core::ChangeLevel::kTotal:
            return admin_phrase(language, "ita_total_word");
        case core::ChangeLevel::kInstrument:
            return q.instruments[c.index].code;
        case core::ChangeLevel::kIndicator:
            return indicator_label(q, c.index, language);
        case core::ChangeLevel::kItem:
            return q.items[c.index].code + " " + report::pick(q.items[c.index].text, language);
    }
    return {};
}

Json total_json(const core::UnitRoundScore& score, double target) {
    Json out{{"has_total", score.ita_total.has_value()}, {"below_target", false}, {"grade", ""}};
    if (score.ita_total) {
        out["total"] = core::format_score(*score.ita_total);
        out["grade"] = score.ita_grade;
        out["below_target"] = below(*score.ita_total, target);
    }
    return out;
}

// Per instrument, in questionnaire order: its responses and, where the
// questionnaire has a sample rule, the unit's minimum (core/sample_size.hpp)
// with a bar, or which count is missing. `responses[k]` is instrument k's.
Json sample_json(const core::Questionnaire& q, const store::Unit& unit,
                 const std::vector<std::int64_t>& responses, Language language) {
    const auto progress = core::sample_progress(q, unit.staff_count, unit.client_count, responses);
    Json out = Json::array();
    auto next = progress.begin();
    for (std::size_t k = 0; k < q.instruments.size(); ++k) {
        const std::int64_t count = k < responses.size() ? responses[k] : 0;
        Json cell{{"instrument", q.instruments[k].code},
                  {"count", count},
                  {"has_rule", false},
                  {"has_minimum", false},
                  {"missing", false},
                  {"units_href", "/admin/units#unit-" + std::to_string(unit.id)}};
        if (next != progress.end() && next->instrument == static_cast<int>(k)) {
            const core::SampleProgress& p = *next++;
            cell["has_rule"] = true;
            if (p.minimum) {
                // <progress> needs max > 0; a minimum of 0 is reached, a full bar.
                const std::int64_t bar_max = std::max<std::int64_t>(*p.minimum, 1);
                cell["has_minimum"] = true;
                cell["minimum"] = *p.minimum;
                cell["reached"] = p.reached();
                cell["bar_max"] = bar_max;
                cell["bar_value"] = p.reached() ? bar_max : std::min(count, bar_max);
                cell["state"] =
                    admin_phrase(language, p.reached() ? "sample_reached" : "sample_not_reached");
            } else {
                cell["missing"] = true;
                cell["missing_text"] =
                    admin_phrase(language, p.population_kind == core::SamplePopulation::kStaff
                                               ? "sample_staff_missing"
                                               : "sample_clients_missing");
            }
        }
        out.push_back(std::move(cell));
    }
    return out;
}

// {"IIT": 30, "EIT": null}: the minimum of each instrument with a sample
// rule, null when the unit's count is not set.
Json minimums_json(const core::Questionnaire& q, const store::Unit& unit) {
    Json out = Json::object();
    for (const auto& p : core::sample_progress(q, unit.staff_count, unit.client_count, {})) {
        out[q.instruments[static_cast<std::size_t>(p.instrument)].code] =
            p.minimum ? Json(*p.minimum) : Json(nullptr);
    }
    return out;
}

}  // namespace

std::string unit_label(const store::Unit& unit) {
    return unit.short_name.empty() ? unit.name : unit.name + " (" + unit.short_name + ")";
}

std::string round_status_key(store::RoundStatus status) {
    return "status_" + std::string(store::to_string(status));
}

std::string role_key(store::Role role) { return "role_" + std::string(store::to_string(role)); }

std::string display_date(std::string_view iso_date, Language language) {
    const auto date = core::parse_iso_date(iso_date);
    if (!date || language == Language::kEnglish) return std::string(iso_date);
    return core::format_thai_date(*date);
}

std::string display_timestamp(std::string_view iso_timestamp, Language language) {
    // "YYYY-MM-DDTHH:MM:SSZ", as iso_timestamp() writes it.
    constexpr int kThailandUtcOffsetHours = 7;
    const std::string_view text = iso_timestamp;
    const auto date = text.size() == 20 ? core::parse_iso_date(text.substr(0, 10)) : std::nullopt;
    const auto time = date && text[10] == 'T' && text[19] == 'Z'
                          ? core::parse_time(text.substr(11, 5))
                          : std::nullopt;
    if (!date || !time) return std::string(text);
    core::TimeOfDay local{(time->hour + kThailandUtcOffsetHours) % 24, time->minute};
    const core::CivilDate day =
        time->hour + kThailandUtcOffsetHours >= 24 ? core::add_days(*date, 1) : *date;
    if (language == Language::kEnglish) {
        return core::to_iso_string(day) + " " + core::to_hhmm_string(local);
    }
    return core::format_thai_date(day) + " " + core::format_thai_time(local);
}

StatusOr<Overview> load_overview(SiteContext& context, const store::Round& round,
                                 const std::vector<store::Unit>& units) {
    auto summary =
        context.round_summaries->get(round, context.options.target, iso_timestamp(context.now()));
    if (!summary.ok()) return summary.status;
    Overview out;
    out.round = round;
    out.target = context.options.target;
    out.summary = *summary;
    out.units.reserve(units.size());
    for (const auto& unit : units) out.units.push_back({unit, out.summary->find(unit.id)});
    auto total = [](const OverviewRow& row) -> std::optional<double> {
        return row.summary ? row.summary->ita_total : std::nullopt;
    };
    std::stable_sort(out.units.begin(), out.units.end(), [&](const auto& a, const auto& b) {
        const auto ta = total(a);
        const auto tb = total(b);
        if (ta.has_value() != tb.has_value()) return ta.has_value();
        if (ta && *ta != *tb) return *ta > *tb;
        return a.unit.name < b.unit.name;
    });
    return out;
}

StatusOr<Dashboard> load_dashboard(SiteContext& context, store::Id round_id, store::Id unit_id) {
    Dashboard out;
    out.target = context.options.target;
    auto results = app::unit_round_results(context.store, context.questionnaires, round_id, unit_id,
                                           context.options.target);
    if (!results.ok()) return results.status;
    out.results = std::move(*results);
    const core::Questionnaire& q = *out.results.questionnaire;
    auto live = live_counts(context, q, round_id, unit_id);
    if (!live.ok()) return live.status;
    out.live = std::move(*live);
    auto codes = context.store.count_access_codes(round_id, unit_id);
    if (!codes.ok()) return codes.status;
    out.codes = *codes;
    for (const auto& instrument : q.instruments) {
        auto rows = context.store.list_responses(round_id, unit_id, instrument.code);
        if (!rows.ok()) return rows.status;
        for (const auto& row : *rows) {
            if (!row.comment.empty()) out.comments.push_back(row.comment);
        }
    }
    std::sort(out.comments.begin(), out.comments.end());
    return out;
}

Json overview_view(const Overview& overview, const std::vector<store::Round>& rounds,
                   const OverviewPage& page, Language language) {
    const core::Questionnaire& q = *overview.summary->questionnaire;
    auto flagged = [](const app::UnitSummary& s) {
        return s.total_below_target || s.indicators_below_target > 0;
    };
    // Counts and ranks over every unit the viewer may read; the page then
    // shows one slice of them.
    std::size_t with_total = 0, below_target = 0;
    std::vector<std::pair<const OverviewRow*, int>> shown;  // row, rank (0: none)
    for (const auto& row : overview.units) {
        const bool has_total = row.summary && row.summary->ita_total;
        int rank = has_total ? static_cast<int>(++with_total) : 0;
        const bool is_flagged = row.summary && flagged(*row.summary);
        if (is_flagged) ++below_target;
        if (!page.flagged_only || is_flagged) shown.emplace_back(&row, rank);
    }
    const int per_page = OverviewPage::kUnitsPerPage;
    const int pages = std::max(1, static_cast<int>((shown.size() + per_page - 1) / per_page));
    const int number = std::clamp(page.number, 1, pages);
    const std::size_t first = static_cast<std::size_t>(number - 1) * per_page;
    const std::size_t last = std::min(shown.size(), first + per_page);

    Json units = Json::array();
    for (std::size_t i = first; i < last; ++i) {
        const auto& [row, rank] = shown[i];
        const app::UnitSummary* s = row->summary;
        const Json live = sample_json(
            q, row->unit, s ? s->stored : std::vector<std::int64_t>(q.instruments.size(), 0),
            language);
        Json unit{
            {"rank", rank > 0 ? Json(rank) : Json("")},
            {"name", unit_label(row->unit)},
            {"href", "/admin/rounds/" + std::to_string(overview.round.id) + "/units/" +
                         std::to_string(row->unit.id)},
            {"live", live},
            {"codes", s ? std::to_string(s->codes.used) + "/" + std::to_string(s->codes.issued)
                        : std::string("0/0")},
            {"has_total", s && s->ita_total.has_value()},
            {"total", s && s->ita_total ? core::format_score(*s->ita_total) : std::string()},
            {"grade", s && s->ita_total ? s->ita_grade : std::string()},
            {"flag", s && flagged(*s)}};
        units.push_back(std::move(unit));
    }
    const std::string base = "/admin?round=" + std::to_string(overview.round.id) +
                             (page.flagged_only ? "&flagged=1" : "");
    auto page_href = [&](int n) { return base + "&page=" + std::to_string(n); };
    Json others = Json::array();
    for (const auto& round : rounds) {
        others.push_back(Json{{"name", round.name},
                              {"href", "/admin?round=" + std::to_string(round.id)},
                              {"current", round.id == overview.round.id}});
    }
    Json instruments = Json::array();
    bool has_rule = false;
    for (const auto& instrument : q.instruments) {
        instruments.push_back(instrument.code);
        has_rule = has_rule || instrument.sample;
    }
    const bool open = overview.round.status != store::RoundStatus::kClosed;
    return Json{
        {"title", admin_phrase(language, "overview_title")},
        {"has_round", true},
        {"round_name", overview.round.name},
        {"round_status", admin_phrase(language, round_status_key(overview.round.status))},
        {"published", overview.round.results_published},
        {"target", core::format_score(overview.target)},
        {"as_of", open ? display_timestamp(overview.summary->made_at, language) : ""},
        {"units_total", overview.units.size()},
        {"units_with_total", with_total},
        {"units_flagged", below_target},
        {"has_flagged", below_target > 0},
        {"flagged_only", page.flagged_only},
        {"all_href", "/admin?round=" + std::to_string(overview.round.id)},
        {"flagged_href", "/admin?round=" + std::to_string(overview.round.id) + "&flagged=1"},
        {"has_pages", pages > 1},
        {"page", number},
        {"pages", pages},
        {"has_previous_page", number > 1},
        {"previous_page_href", page_href(number - 1)},
        {"has_next_page", number < pages},
        {"next_page_href", page_href(number + 1)},
        {"instruments", instruments},
        {"has_sample_rule", has_rule},
        {"units", units},
        {"rounds", others}};
}

Json dashboard_view(const Dashboard& d, Language language) {
    const app::UnitRoundResults& r = d.results;
    const core::Questionnaire& q = *r.questionnaire;
    Json instruments = Json::array();
    for (const auto& s : r.score.instruments) {
        if (s.has_data()) instruments.push_back(instrument_rows(q, s, d.target, language));
    }
    Json changes = Json::array();
    for (const auto& c : r.gaps.changes) {
        changes.push_back(Json{{"label", change_label(q, c, language)},
                               {"previous", core::format_score(c.previous)},
                               {"current", core::format_score(c.current)},
                               {"delta", delta_text(c.delta())},
                               {"down", c.delta() < 0}});
    }
    const std::string svg = indicator_chart_svg(r, d.target, language);
    std::vector<std::int64_t> live;
    for (const auto& entry : d.live) live.push_back(entry.second);
    bool has_rule = false;
    for (const auto& instrument : q.instruments) has_rule = has_rule || instrument.sample;
    Json out{{"title", unit_label(r.unit) + " · " + r.round.name},
             {"round_id", r.round.id},
             {"download_base", "/admin/rounds/" + std::to_string(r.round.id) + "/units/" +
                                   std::to_string(r.unit.id)},
             {"has_responses", !r.responses.tables.empty()},
             {"published", r.round.results_published},
             {"public_href", "/public/rounds/" + std::to_string(r.round.id) + "/units/" +
                                 std::to_string(r.unit.id)},
             {"has_chart", !svg.empty()},
             {"unit_name", unit_label(r.unit)},
             {"round_name", r.round.name},
             {"target", core::format_score(d.target)},
             {"narrative", report::narrate(q, r.score, r.gaps, language)},
             {"chart_svg", svg},
             {"instruments", instruments},
             {"has_previous", r.previous_round.has_value()},
             {"previous_round", r.previous_round ? r.previous_round->name : std::string()},
             {"changes", changes},
             {"live", sample_json(q, r.unit, live, language)},
             {"has_sample_rule", has_rule},
             {"codes", std::to_string(d.codes.used) + "/" + std::to_string(d.codes.issued)},
             {"comments", d.comments},
             {"has_comments", !d.comments.empty()}};
    out.update(total_json(r.score, d.target));
    return out;
}

Json unit_json(const store::Unit& unit) {
    return Json{{"id", unit.id},
                {"parent_id", unit.parent_id ? Json(*unit.parent_id) : Json(nullptr)},
                {"name", unit.name},
                {"short_name", unit.short_name},
                {"name_en", unit.name_en}};
}

Json round_json(const store::Round& round) {
    return Json{{"id", round.id},
                {"fiscal_year_be", round.fiscal_year_be},
                {"name", round.name},
                {"opens_on", round.opens_on},
                {"closes_on", round.closes_on},
                {"questionnaire_id", round.questionnaire_id},
                {"status", store::to_string(round.status)},
                {"results_published", round.results_published}};
}

Json user_json(const store::User& user) {
    return Json{{"id", user.id},
                {"username", user.username},
                {"display_name", user.display_name},
                {"role", store::to_string(user.role)},
                {"unit_id", user.unit_id ? Json(*user.unit_id) : Json(nullptr)},
                {"must_change_password", user.must_change_password}};
}

Json overview_json(const Overview& overview) {
    const core::Questionnaire& q = *overview.summary->questionnaire;
    Json units = Json::array();
    for (const auto& row : overview.units) {
        const app::UnitSummary* s = row.summary;
        Json respondents = Json::object();
        Json live = Json::object();
        for (std::size_t k = 0; k < q.instruments.size(); ++k) {
            respondents[q.instruments[k].code] = s ? s->instruments[k].respondents : 0;
            live[q.instruments[k].code] = s ? s->stored[k] : 0;
        }
        const bool has_total = s && s->ita_total;
        units.push_back(Json{
            {"unit", unit_json(row.unit)},
            {"ita_total", has_total ? Json(*s->ita_total) : Json(nullptr)},
            {"ita_total_text", has_total ? Json(core::format_score(*s->ita_total)) : Json(nullptr)},
            {"ita_grade", has_total ? Json(s->ita_grade) : Json(nullptr)},
            {"below_target", has_total ? Json(s->total_below_target) : Json(nullptr)},
            {"indicators_below_target", s ? s->indicators_below_target : 0},
            {"respondents", respondents},
            {"live_counts", live},
            {"minimum_respondents", minimums_json(q, row.unit)},
            {"access_codes",
             Json{{"issued", s ? s->codes.issued : 0}, {"used", s ? s->codes.used : 0}}}});
    }
    return Json{{"round", round_json(overview.round)},
                {"target", overview.target},
                {"computed_at", overview.summary->made_at},
                {"units", units}};
}

std::string indicator_chart_svg(const app::UnitRoundResults& r, double target, Language language) {
    const core::Questionnaire& q = *r.questionnaire;
    std::vector<report::Bar> bars;
    for (const auto& instrument : r.score.instruments) {
        for (const auto& ind : instrument.indicators) {
            if (!ind.has_data()) continue;
            bars.push_back({indicator_label(q, ind.indicator, language), ind.score,
                            core::format_score(ind.score), below(ind.score, target)});
        }
    }
    if (bars.empty()) return {};
    report::BarChartOptions options;
    // Narrower than the report's default, so that on a 360 px phone the
    // scaled-down labels stay at about 12 px.
    options.width = 480;
    options.target = target;
    options.target_label =
        admin_phrase(language, "target_label") + " " + core::format_score(target);
    options.title = admin_phrase(language, "chart_title") + " " + r.unit.name + " " + r.round.name;
    return report::bar_chart_svg(bars, options);
}

Json results_json(const Dashboard& d, bool with_live_counts) {
    const app::UnitRoundResults& r = d.results;
    Json out = Json::parse(report::scores_to_json(*r.questionnaire, {r.score}, {r.gaps}, d.target),
                           nullptr, false);
    if (out.is_discarded()) out = Json::object();
    out["round_id"] = r.round.id;
    out["unit_id"] = r.unit.id;
    if (with_live_counts) {
        Json live = Json::object();
        for (const auto& [code, n] : d.live) live[code] = n;
        out["live_counts"] = live;
        out["access_codes"] = Json{{"issued", d.codes.issued}, {"used", d.codes.used}};
    }
    return out;
}

}  // namespace itagap::web
