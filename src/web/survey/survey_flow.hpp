// The respondent's path through a survey, without JavaScript and without any
// server-side state that could link a person to their answers: one page per
// indicator, then a review page, then submit. Every step posts all answers
// given so far (hidden fields), so the server keeps nothing between steps.
//
// Form fields:
//   step        0-based page index; pages are the instrument's indicators
//               that have items, then the review page
//   a_<code>    the option number as the scale is written ("1".."n"), or ""
//   comment     optional free text (at most kMaxCommentBytes)
//   go          "next", "back", "review", "submit", "edit_<step>" or
//               "lang_th" / "lang_en" (show the same step in that language)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.hpp"
#include "core/responses.hpp"

namespace itagap::web {

inline constexpr std::size_t kMaxCommentBytes = 2000;

// Form fields as posted (last value wins for a repeated name).
using FormFields = std::map<std::string, std::string>;

struct SurveyState {
    int instrument = -1;
    std::vector<int> pages;  // indicator indices with items, in order
    int step = 0;            // 0..pages.size(); pages.size() = review
    // Answer per item of the instrument, in ResponseTable column order.
    std::vector<core::Answer> answers;
    std::string comment;
    std::string action;  // the "go" field

    bool on_review() const { return step == static_cast<int>(pages.size()); }
    int total_steps() const { return static_cast<int>(pages.size()) + 1; }
    std::size_t answered() const;
};

// The column order of an instrument's items (as core::ResponseTable has it).
std::vector<int> instrument_items(const core::Questionnaire& q, int instrument);

// Reads a posted step. Answers that are not option numbers of the item's
// scale are dropped (treated as not answered), a comment is cut to
// kMaxCommentBytes at a character boundary, `step` is clamped: a form cannot
// make the server store anything outside the questionnaire.
SurveyState read_survey_form(const core::Questionnaire& q, int instrument, const FormFields& form);

// Where the "go" action leads from the posted step (the step to show next).
// Returns nullopt for "submit" from the review page: the caller stores it.
std::optional<int> next_step(const SurveyState& state);

}  // namespace itagap::web
