// What of a unit's scores may be published (the public page, its JSON and
// CSV, any published document): the rule that keeps one respondent's answers
// from being read off a published figure.
//
//   - No option counts, ever: with one respondent they are that person's
//     answers; with two, each can work out the other's.
//   - A figure resting on fewer than Questionnaire::min_respondents_published
//     people (5 unless the questionnaire file says otherwise) is withheld:
//       item        fewer valid answers than the minimum;
//       indicator   fewer respondents answering it than the minimum;
//       instrument  fewer respondents answering it than the minimum, and then
//                   all of its indicators and items with it;
//       ITA total   withheld when any instrument with answers is withheld
//                   (the total and the other instruments would give it back).
//   - Misread signals (counts of respondents with a pattern) are not public.
// A withheld figure keeps its place (so a reader sees that it exists) with
// `withheld` set, its counts zero and has_data() false. An instrument keeps
// its respondent count: how many answered is public, what they answered is not.
#pragma once

#include "core/gaps.hpp"
#include "core/questionnaire.hpp"
#include "core/scoring.hpp"

namespace itagap::core {

// `score` with everything withheld that the rule above does not let out.
UnitRoundScore publishable_score(const Questionnaire& q, const UnitRoundScore& score);

// The gap analysis of publishable scores (`previous` likewise made publishable
// by the caller, or null): recomputed, so no lowest item, change or target
// finding names a withheld figure, and without misread signals.
UnitRoundGaps publishable_gaps(const Questionnaire& q, const UnitRoundScore& publishable_current,
                               const UnitRoundScore* publishable_previous, double target);

}  // namespace itagap::core
