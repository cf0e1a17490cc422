// What the admin pages and the JSON API show, loaded from the store and the
// app layer and turned into plain template data (formatted strings, no
// markup; the one exception is the bar chart SVG, which report::bar_chart_svg
// builds with its labels escaped).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/results.hpp"
#include "app/round_summary.hpp"
#include "store/store.hpp"
#include "web/site/site.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

// Responses stored so far, per instrument code, in questionnaire order.
using LiveCounts = std::vector<std::pair<std::string, std::int64_t>>;

// One unit of the overview; `summary` is null when the unit has neither
// responses nor access codes in the round.
struct OverviewRow {
    store::Unit unit;
    const app::UnitSummary* summary = nullptr;
};

struct Overview {
    store::Round round;
    double target = core::kDefaultTargetScore;
    std::shared_ptr<const app::RoundSummary> summary;  // keeps the rows' summaries alive
    // Ranked: highest ITA total first, units without a total last (by name).
    std::vector<OverviewRow> units;
};

// The overview of `round` over `units` (the ones the viewer may read), from
// the context's round summary cache.
store::StatusOr<Overview> load_overview(SiteContext& context, const store::Round& round,
                                        const std::vector<store::Unit>& units);

// Which part of the overview a page shows.
struct OverviewPage {
    int number = 1;             // 1-based; clamped to the pages there are
    bool flagged_only = false;  // only units below target (total or an indicator)
    static constexpr int kUnitsPerPage = 100;
};

struct Dashboard {
    app::UnitRoundResults results;
    LiveCounts live;
    store::AccessCodeCounts codes;
    std::vector<std::string> comments;  // sorted, so their order says nothing about who wrote them
    double target = core::kDefaultTargetScore;
};

store::StatusOr<Dashboard> load_dashboard(SiteContext& context, store::Id round_id,
                                          store::Id unit_id);

// ---- Template data ---------------------------------------------------------

nlohmann::json overview_view(const Overview& overview, const std::vector<store::Round>& rounds,
                             const OverviewPage& page, Language language);
nlohmann::json dashboard_view(const Dashboard& dashboard, Language language);
// The indicator scores of a unit's round as an inline SVG bar chart against
// `target`; empty when no indicator has data. The dashboard and the public
// page show the same chart.
std::string indicator_chart_svg(const app::UnitRoundResults& results, double target,
                                Language language);

std::string unit_label(const store::Unit& unit);
std::string round_status_key(store::RoundStatus status);  // "status_open"
std::string role_key(store::Role role);                   // "role_admin"

// A stored ISO date "2025-11-20" as the page shows it: "20 พ.ย. 2568" in
// Thai, unchanged in English. Anything that is not an ISO date is shown as is.
std::string display_date(std::string_view iso_date, Language language);
// A stored UTC timestamp "2025-11-20T03:00:00Z" in Thailand's time (UTC+7):
// "20 พ.ย. 2568 10.00 น." in Thai, "2025-11-20 10:00" in English. Anything
// else is shown as is.
std::string display_timestamp(std::string_view iso_timestamp, Language language);

// ---- JSON API --------------------------------------------------------------

nlohmann::json unit_json(const store::Unit& unit);
nlohmann::json round_json(const store::Round& round);
nlohmann::json user_json(const store::User& user);
nlohmann::json overview_json(const Overview& overview);
// The same JSON as `itagap score --format json` for one unit, plus ids and,
// when `with_live_counts`, the live counts.
nlohmann::json results_json(const Dashboard& dashboard, bool with_live_counts);

}  // namespace itagap::web
