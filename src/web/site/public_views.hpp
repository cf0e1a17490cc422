// What the public results pages show (routes: public_routes.cpp; text:
// web/public_text.hpp, {{p.key}}), loaded from the store and the app layer and
// turned into plain template data: scores formatted, dates in Thai form, no
// markup except the bar chart SVG, which report::bar_chart_svg builds with
// its labels escaped.
//
// INVARIANT: nothing of a round whose results are not published reaches these
// views, and no respondent's free-text comment is ever loaded here.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/results.hpp"
#include "store/store.hpp"
#include "web/site/plan_views.hpp"
#include "web/site/site.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

// A published round and the units with at least one response in it.
struct PublishedRound {
    store::Round round;
    std::vector<store::Unit> units;  // in list_units() order: parents before children
};

// The rounds whose results are published, newest first, each with the units
// that have responses in it; a published round without any is left out.
store::StatusOr<std::vector<PublishedRound>> load_published_rounds(SiteContext& context);

// One unit's results in one round, for anyone to read. kNotFound alike when
// the round does not exist or is not published, or the unit does not exist or
// has no response in the round, so the answer does not tell which exists. A
// previous round that is not published is dropped from the comparison (and
// so from the narrative): its figures are not public either.
store::StatusOr<app::UnitRoundResults> load_public_results(SiteContext& context, store::Id round_id,
                                                           store::Id unit_id);

// ---- Template data ---------------------------------------------------------

nlohmann::json public_list_view(const std::vector<PublishedRound>& rounds, Language language);

// `plan` is the plan made from this round (find_round_plan), if any.
nlohmann::json public_results_view(const app::UnitRoundResults& results,
                                   const std::optional<StoredPlan>& plan, double target,
                                   Language language);

// ---- Links -----------------------------------------------------------------

// "" in Thai (the default), "?lang=en" in English: appended to every link
// between the public pages so a reader stays in the language chosen.
std::string public_lang_query(Language language);
// "/public/rounds/3/units/7"
std::string public_results_href(store::Id round_id, store::Id unit_id);

}  // namespace itagap::web
