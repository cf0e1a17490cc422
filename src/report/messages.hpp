// The narrative's sentences, in Thai (first) and English, from the message
// catalogue (text/catalogue.hpp, context "narrative"). Templates use fmt named
// arguments ({score}, {unit}...), so word order may differ between languages.
#pragma once

#include <string>
#include <string_view>

#include "core/questionnaire.hpp"
#include "text/catalogue.hpp"

namespace itagap::report {

using text::Language;

struct Messages {
    Language language;
    std::string_view instrument_heading;       // {instrument} {round} {unit}
    std::string_view instrument_score;         // {score} {grade} {respondents} {low} {high}
    std::string_view highest_lowest;           // {highest} {lowest}
    std::string_view all_indicators_equal;     // {score}
    std::string_view indicator_ref;            // {number} {name} {score}
    std::string_view lowest_item;              // {score} {items}
    std::string_view lowest_items_tied;        // {score} {count} {items}
    std::string_view item_ref_share;           // {code} {text} {favourable} {answers}
    std::string_view item_ref_mean;            // {code} {text} {answers}
    std::string_view misread;                  // {code} {flagged} {answers} {worst} {estimate}
    std::string_view below_target_none;        // {target}
    std::string_view below_target_indicators;  // {target} {list}
    std::string_view below_target_items;       // {target} {list}
    std::string_view item_score_short;         // {code} {score}
    std::string_view no_previous_round;
    std::string_view change;  // {previous_round} {what} {direction} {delta} {before} {after}
    std::string_view increased;
    std::string_view decreased;
    std::string_view unchanged;
    std::string_view ita_total_word;
    std::string_view missing_instrument;  // {instrument}
    std::string_view total;               // {score} {grade} {verdict}
    std::string_view total_rescaled;      // {score} {grade} {present} {missing} {verdict}
    std::string_view passed;              // {pass_mark}
    std::string_view not_passed;          // {pass_mark}
    std::string_view sentence_end;        // "" in Thai (a space separates), "." in English
    std::string_view list_separator;
    std::string_view list_last_separator;
    // Table headings.
    std::string_view column_name;
    std::string_view column_score;
    std::string_view column_ci;
    std::string_view column_answers;
    std::string_view column_respondents;
    std::string_view indicator_short;  // {number}
    std::string_view estimate_note;
};

const Messages& messages(Language language);

// The text in the chosen language; Thai when there is no English.
const std::string& pick(const core::LocalText& text, Language language);

// "a, b และ c" / "a, b and c".
std::string join_list(const std::vector<std::string>& parts, const Messages& m);

}  // namespace itagap::report
