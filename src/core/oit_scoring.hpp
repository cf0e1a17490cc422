// OIT scores and the full ITA total and rating (../shared/DOMAIN.md, OIT and
// Ratings). Probable method, kept as data where the questionnaire can carry it:
//
//   OIT item        presence:    passed 100, failed or not judged 0
//                   per_element: elements passed / elements x 100
//   OIT indicator   mean of its OIT items' scores; an item not judged counts 0
//                   (ITAS scores an item without evidence 0), and the count of
//                   judged items says how final the figure is
//   OIT instrument  mean of its indicators' scores (indicators without OIT
//                   items are left out), as for IIT and EIT
//   ITA total       IIT, EIT and OIT at the questionnaire's weights (30/30/40),
//                   through the same rule as core/scoring.hpp
//   rating          the first level, highest min_total first, whose total and
//                   instrument minimums all hold; only when every weighted
//                   instrument has a score
// All figures keep full precision. Pure: no I/O.
#pragma once

#include <optional>
#include <vector>

#include "core/questionnaire.hpp"
#include "core/scoring.hpp"

namespace itagap::core {

// A reviewer's verdict on one OIT item, as far as it goes.
struct OitItemVerdict {
    bool judged = false;  // false: no verdict yet (scores 0)
    bool passed = false;  // for presence scoring
    // For per_element scoring: one entry per element of the item, in its order.
    std::vector<bool> elements_passed;
};

struct OitItemScore {
    int item = -1;  // index into Questionnaire::oit_items
    bool judged = false;
    double score = 0;  // 0..100
};

struct OitIndicatorScore {
    int indicator = -1;  // index into Questionnaire::indicators
    int items = 0;
    int items_judged = 0;
    double score = 0;                       // 0..100
    std::vector<OitItemScore> item_scores;  // in checklist order
};

struct OitScore {
    int instrument = -1;  // index of "OIT" in Questionnaire::instruments; -1 none
    int items = 0;
    int items_judged = 0;
    double score = 0;                           // 0..100; meaningless when indicators is empty
    std::vector<OitIndicatorScore> indicators;  // those with OIT items, in questionnaire order

    bool has_data() const { return !indicators.empty(); }
    bool complete() const { return items > 0 && items_judged == items; }
};

// One item's score. REQUIRES: for per_element, verdict.elements_passed has
// one entry per element (a shorter list counts the missing ones as failed).
double score_oit_item(const OitItem& item, const OitItemVerdict& verdict);

// Scores the checklist. `verdicts` is indexed like q.oit_items; a shorter
// vector leaves the rest not judged.
OitScore score_oit(const Questionnaire& q, const std::vector<OitItemVerdict>& verdicts);

// Puts the OIT figures into `unit` as its OIT instrument and recomputes the
// ITA total and grade over all instruments at the questionnaire's weights.
// Without OIT data (no checklist), `unit` is left as it is.
void add_oit_to_total(const Questionnaire& q, const OitScore& oit, UnitRoundScore& unit);

struct Rating {
    int level = -1;  // index into Questionnaire::rating_levels; -1 when none applies
    // Why no level: the questionnaire has no levels, or an instrument with a
    // weight has no score yet (a rating needs all three).
    bool incomplete = false;
    // Levels above the one reached that the total alone would have allowed,
    // held back by an instrument minimum (the EIT below 85 of 2568).
    std::vector<int> held_back_by_instrument;
};

Rating rate(const Questionnaire& q, const UnitRoundScore& unit);

}  // namespace itagap::core
