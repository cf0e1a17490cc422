// The monthly executive report on improvement plans (the seed document's "R:
// report to executives regularly"):
//   GET /admin/monitoring/report?year=2569&month=2026-03&stale_days=30
//       a print-friendly page (executive_report.mustache)
//   GET /admin/monitoring/report.pdf?...  the same report as an A4 PDF
//
// Both are built from one report::ExecutiveReport, so the page and the PDF
// say the same. Plans are those the user may read, as on /admin/monitoring:
// staff roles; a coordinator sees the unit subtree only. "Today" for overdue
// and quiet measures is the last day of the month asked for, or today in
// Thailand when that month is the current one.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/fiscal_year.hpp"
#include "core/number_format.hpp"
#include "core/plan_monitoring.hpp"
#include "report/download_name.hpp"
#include "report/pdf/executive_report.hpp"
#include "web/http/content_disposition.hpp"
#include "web/plan_text.hpp"
#include "web/report_text.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/auth.hpp"
#include "web/site/plan_views.hpp"
#include "web/site/routes.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultStaleDays = 30;

// ---- What was asked for ----------------------------------------------------

struct ReportQuery {
    int fiscal_year_be = 0;
    int year = 0;   // Gregorian year of the month reported on
    int month = 0;  // 1..12
    std::int64_t stale_days = kDefaultStaleDays;
    core::CivilDate today;  // the day the figures are computed for
    core::CivilDate generated_on;
};

// "2026-03": exactly seven characters, a real month. Anything else: nullopt.
std::optional<std::pair<int, int>> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    auto year = parse_number<int>(text.substr(0, 4));
    auto month = parse_number<int>(text.substr(5, 2));
    if (!year || !month || *year < 1900 || *month < 1 || *month > 12) return std::nullopt;
    return std::pair{*year, *month};
}

ReportQuery query_of(const SiteContext& context, const Request& request) {
    ReportQuery q;
    const core::CivilDate now = plan_today(context);
    q.generated_on = now;
    q.year = now.year;
    q.month = now.month;
    if (auto asked = parse_month(request.query.get_or("month", ""))) {
        q.year = asked->first;
        q.month = asked->second;
    }
    const bool current = q.year == now.year && q.month == now.month;
    q.today =
        current ? now : core::CivilDate{q.year, q.month, core::days_in_month(q.year, q.month)};
    auto fy = parse_number<int>(request.query.get_or("year", ""));
    q.fiscal_year_be =
        fy && core::is_valid_fiscal_year_be(*fy) ? *fy : core::fiscal_year_be(q.today);
    auto days = parse_number<std::int64_t>(request.query.get_or("stale_days", ""));
    if (days && *days >= 1 && *days <= 3650) q.stale_days = *days;
    return q;
}

std::string month_value(const ReportQuery& q) {
    const std::string m = std::to_string(q.month);
    return std::to_string(q.year) + "-" + (q.month < 10 ? "0" + m : m);
}

std::string query_string(const ReportQuery& q) {
    return "?year=" + std::to_string(q.fiscal_year_be) + "&month=" + month_value(q) +
           "&stale_days=" + std::to_string(q.stale_days);
}

// ---- The report's content ----------------------------------------------------

std::string date_text(const core::CivilDate& date, Language language) {
    if (!core::is_valid_date(date)) return {};
    return language == Language::kEnglish ? core::to_iso_string(date)
                                          : core::format_thai_date(date);
}

std::string unit_text(const core::UnitRef& unit) {
    return unit.short_name.empty() ? unit.name : unit.name + " (" + unit.short_name + ")";
}

std::string strategy_text(core::Strategy strategy, Language language) {
    if (language == Language::kEnglish) return core::strategy_label(strategy);
    return core::strategy_label(strategy) + " (" + std::string(core::strategy_name_th(strategy)) +
           ")";
}

std::string gap_text(const core::Plan& plan, std::size_t index, Language language) {
    const auto& gap = plan.gaps[index];
    const std::string ref =
        gap.ref.level == core::ScoreLevel::kIndicator
            ? report_phrase(language, "indicator_word") + " " + std::to_string(gap.ref.indicator)
            : gap.ref.code;
    std::string label = gap.instrument;
    if (ref != gap.instrument) label += " " + ref;
    return unit_text(plan.unit) + ": " + std::to_string(index + 1) + ". " + label + " (" +
           core::format_score(gap.score) + ")";
}

report::ExecutiveReportLabels labels_of(const ReportQuery& q, Language language) {
    auto r = [language](std::string_view key) { return report_phrase(language, key); };
    return {r("fiscal_year"),
            r("month"),
            r("generated_on"),
            r("summary_heading"),
            r("strategy_heading"),
            {r("col_strategy"), r("col_measures"), r("col_done"), r("col_in_progress"),
             r("col_not_started"), r("col_cancelled"), r("col_mean")},
            r("overdue_heading"),
            {r("col_unit"), r("col_measure"), r("col_owner"), r("col_due"), r("col_days_overdue")},
            r("quiet_heading_before") + " " + std::to_string(q.stale_days) + " " +
                r("quiet_heading_after"),
            {r("col_unit"), r("col_measure"), r("col_owner"), r("col_status"), r("col_days_quiet")},
            r("gaps_heading"),
            r("units_heading"),
            r("none"),
            r("page")};
}

std::vector<report::StrategyRow> strategy_rows(const std::vector<core::Plan>& plans,
                                               Language language) {
    std::vector<report::StrategyRow> rows;
    for (const auto& s : core::progress_by_strategy(plans)) {
        report::StrategyRow row;
        row.strategy = strategy_text(s.strategy, language);
        row.measures = static_cast<std::int64_t>(s.measures);
        row.done = static_cast<std::int64_t>(s.done);
        row.cancelled = static_cast<std::int64_t>(s.cancelled);
        for (const auto& plan : plans) {
            for (const auto& m : plan.measures) {
                if (m.strategy != s.strategy) continue;
                if (m.status == core::MeasureStatus::kInProgress) ++row.in_progress;
                if (m.status == core::MeasureStatus::kNotStarted) ++row.not_started;
            }
        }
        row.mean_percent = s.has_data() ? core::format_score(s.mean_percent_complete)
                                        : report_phrase(language, "no_data");
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<report::SummaryFigure> summary_of(const std::vector<core::Plan>& plans,
                                              const report::ExecutiveReport& r, Language language) {
    std::size_t measures = 0, done = 0;
    double percent_sum = 0;
    for (const auto& plan : plans) {
        for (const auto& m : plan.measures) {
            if (m.status == core::MeasureStatus::kCancelled) continue;
            ++measures;
            if (m.status == core::MeasureStatus::kDone) ++done;
            percent_sum += m.percent_complete.value_or(0);
        }
    }
    auto p = [language](std::string_view key) { return report_phrase(language, key); };
    auto n = [](std::size_t v) { return std::to_string(v); };
    return {
        {p("sum_plans"), n(plans.size())},
        {p("sum_measures"), n(measures)},
        {p("sum_done"), n(done)},
        {p("sum_mean"),
         measures ? core::format_score(percent_sum / static_cast<double>(measures)) : p("no_data")},
        {p("sum_overdue"), n(r.overdue.size())},
        {r.labels.quiet_heading, n(r.quiet.size())},
        {p("sum_gaps"), n(r.unaddressed_gaps.size())},
        {p("sum_units"), n(r.units_without_plan.size())}};
}

std::optional<report::ExecutiveReport> build_report(SiteContext& context, const store::User& user,
                                                    const ReportQuery& q, Language language) {
    auto units = all_units(context);
    auto stored = app::load_plans(context.store, q.fiscal_year_be);
    if (!units || !stored.ok()) return std::nullopt;
    const auto readable = readable_units(user, *units);
    std::vector<core::Plan> plans;
    for (const auto& p : *stored) {
        if (readable.count(p.record.unit_id)) plans.push_back(p.plan);
    }
    std::vector<core::UnitRef> unit_refs;
    for (const auto& u : *units) {
        if (readable.count(u.id)) unit_refs.push_back(unit_ref(u));
    }

    report::ExecutiveReport r;
    r.title = report_phrase(language, "title");
    r.fiscal_year_be = q.fiscal_year_be;
    r.month_name = report_month_name(language, q.month);
    r.month_year_be = language == Language::kEnglish ? q.year : core::buddhist_year(q.year);
    r.generated_on = date_text(q.generated_on, language);
    r.labels = labels_of(q, language);
    r.strategies = strategy_rows(plans, language);
    for (const auto& o : core::overdue_measures(plans, q.today)) {
        const auto& plan = plans[o.at.plan];
        const auto& m = plan.measures[o.at.measure];
        r.overdue.push_back({unit_text(plan.unit), m.number, m.text, m.owner,
                             date_text(m.due_on, language), o.days_overdue});
    }
    for (const auto& w : core::measures_without_update(plans, q.today, q.stale_days)) {
        const auto& plan = plans[w.at.plan];
        const auto& m = plan.measures[w.at.measure];
        std::string days = std::to_string(w.days_since_update);
        if (w.never_updated) days += " (" + report_phrase(language, "never_updated") + ")";
        r.quiet.push_back(
            {unit_text(plan.unit), m.number, m.text, m.owner,
             plan_phrase(language, "status_" + std::string(core::to_string(m.status))), days});
    }
    for (const auto& g : core::unaddressed_gaps(plans))
        r.unaddressed_gaps.push_back(gap_text(plans[g.plan], g.gap, language));
    for (const auto& u : core::units_without_plan(plans, unit_refs, q.fiscal_year_be))
        r.units_without_plan.push_back(unit_text(u));
    r.summary = summary_of(plans, r, language);
    return r;
}

// ---- Views -----------------------------------------------------------------

json report_view(const report::ExecutiveReport& r, const ReportQuery& q, Language language) {
    json summary = json::array();
    for (const auto& f : r.summary) summary.push_back(json{{"label", f.label}, {"value", f.value}});
    json strategies = json::array();
    for (const auto& s : r.strategies) {
        strategies.push_back(json{{"strategy", s.strategy},
                                  {"measures", s.measures},
                                  {"done", s.done},
                                  {"in_progress", s.in_progress},
                                  {"not_started", s.not_started},
                                  {"cancelled", s.cancelled},
                                  {"mean", s.mean_percent}});
    }
    json overdue = json::array();
    for (const auto& o : r.overdue) {
        overdue.push_back(json{{"unit", o.unit},
                               {"number", o.measure_number},
                               {"text", o.measure_text},
                               {"owner", o.owner},
                               {"due_on", o.due_on},
                               {"days", o.days_overdue}});
    }
    json quiet = json::array();
    for (const auto& w : r.quiet) {
        quiet.push_back(json{{"unit", w.unit},
                             {"number", w.measure_number},
                             {"text", w.measure_text},
                             {"owner", w.owner},
                             {"status", w.status},
                             {"days", w.days}});
    }
    return json{{"title", r.title},
                {"r", report_text(language)},
                {"fiscal_year", r.fiscal_year_be},
                {"month_text", r.month_name + " " + std::to_string(r.month_year_be)},
                {"generated_on", r.generated_on},
                {"as_of", date_text(q.today, language)},
                {"quiet_heading", r.labels.quiet_heading},
                {"summary", summary},
                {"strategies", strategies},
                {"overdue", overdue},
                {"has_overdue", !overdue.empty()},
                {"quiet", quiet},
                {"has_quiet", !quiet.empty()},
                {"gaps", r.unaddressed_gaps},
                {"has_gaps", !r.unaddressed_gaps.empty()},
                {"units", r.units_without_plan},
                {"has_units", !r.units_without_plan.empty()},
                {"month_value", month_value(q)},
                {"stale_days", q.stale_days},
                {"monitoring_href", "/admin/monitoring?year=" + std::to_string(q.fiscal_year_be) +
                                        "&stale_days=" + std::to_string(q.stale_days)},
                {"pdf_href", "/admin/monitoring/report.pdf" + query_string(q)}};
}

// ---- Handlers --------------------------------------------------------------

Response report_page(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    const ReportQuery q = query_of(context, request);
    auto r = build_report(context, who.user, q, language);
    if (!r) return store_failed(context, &who, language);
    return admin_page(context, &who, "executive_report", report_view(*r, q, language), language);
}

Response report_pdf(SiteContext& context, const Request& request, const SignedIn& who,
                    Language language) {
    const ReportQuery q = query_of(context, request);
    auto r = build_report(context, who.user, q, language);
    if (!r) return store_failed(context, &who, language);
    auto pdf = report::executive_report_pdf(*r);
    if (!pdf.ok()) {
        json data{{"title", report_phrase(language, "title")},
                  {"message", report_phrase(language, "pdf_failed")}};
        return admin_page(context, &who, "admin_message", std::move(data), language,
                          http::status::internal_server_error);
    }
    Response response;
    response.body = std::move(*pdf);
    response.headers.set(http::field::content_type, "application/pdf");
    // "ITA2569-2026-04-รายงานผู้บริหาร.pdf": the year and the month it covers.
    report::DownloadSubject subject;
    subject.fiscal_year_be = q.fiscal_year_be;
    subject.round_name = month_value(q);
    response.headers.set(
        http::field::content_disposition,
        content_disposition(report::download_name(subject, report::DownloadKind::kExecutiveReport,
                                                  report::FileType::kPdf, language)));
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

}  // namespace

void add_executive_report_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    page_route(router, ctx, "/admin/monitoring/report", Need::kStaff, report_page);
    page_route(router, ctx, "/admin/monitoring/report.pdf", Need::kStaff, report_pdf);
}

}  // namespace itagap::web
