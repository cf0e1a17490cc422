// Plain data for the survey page templates: a handler reads the form, calls
// the flow and hands this view to a template. Strings here are raw; the
// template engine escapes them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "web/survey/survey_flow.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {

struct SurveyContext {
    std::string unit_name;
    std::string round_name;
    std::string form_action;  // where the form posts ("/iit/answer", "/s/3/7")
    // Extra hidden fields carried on every step (the access code for IIT, the
    // CSRF token): name -> value.
    std::map<std::string, std::string> carried_fields;
    Language language = Language::kThai;
};

// The page for state.step (an indicator's items, or the review page).
nlohmann::json survey_page_view(const core::Questionnaire& q, const SurveyState& state,
                                const SurveyContext& context);

}  // namespace itagap::web
