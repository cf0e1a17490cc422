#include "web/survey/survey_view.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

namespace itagap::web {

namespace {

using nlohmann::json;

std::string fill(const json& t, const char* key,
                 std::initializer_list<std::pair<const char*, long>> args) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& [name, value] : args) store.push_back(fmt::arg(name, value));
    return fmt::vformat(t.at(key).get<std::string>(), store);
}

json option_list(const core::Questionnaire& q, const core::Item& item, core::Answer chosen,
                 Language language) {
    json options = json::array();
    const auto& scale = q.scales[item.scale];
    for (std::size_t k = 0; k < scale.options.size(); ++k) {
        const int value = static_cast<int>(k) + 1;
        options.push_back({{"value", value},
                           {"label", report::pick(scale.options[k].label, language)},
                           {"id", "a_" + item.code + "_" + std::to_string(value)},
                           {"checked", chosen == value}});
    }
    return options;
}

}  // namespace

json survey_page_view(const core::Questionnaire& q, const SurveyState& state,
                      const SurveyContext& context) {
    const json& t = ui_text(context.language);
    const std::vector<int> items = instrument_items(q, state.instrument);
    const core::Instrument& instrument = q.instruments[state.instrument];

    json view{{"t", t},
              {"lang", std::string(language_code(context.language))},
              {"instrument_code", instrument.code},
              {"instrument_name", report::pick(instrument.name, context.language)},
              {"unit_name", context.unit_name},
              {"round_name", context.round_name},
              {"form_action", context.form_action},
              {"step", state.step},
              {"step_text",
               fill(t, "step_of", {{"step", state.step + 1}, {"total", state.total_steps()}})},
              {"progress_percent", 100 * (state.step + 1) / state.total_steps()},
              {"step_number", state.step + 1},
              {"total_steps", state.total_steps()},
              {"answered_text", fill(t, "answered_count",
                                     {{"answered", static_cast<long>(state.answered())},
                                      {"total", static_cast<long>(items.size())}})},
              {"has_back", state.step > 0},
              {"on_review", state.on_review()},
              {"comment", state.comment}};

    // Hidden fields: the carried ones, and every answer not shown on this page.
    json hidden = json::array();
    for (const auto& [name, value] : context.carried_fields)
        hidden.push_back({{"name", name}, {"value", value}});
    const int page_indicator = state.on_review() ? -1 : state.pages[state.step];

    json questions = json::array();
    json review = json::array();
    for (std::size_t c = 0; c < items.size(); ++c) {
        const core::Item& item = q.items[items[c]];
        const core::Answer answer = state.answers[c];
        if (item.indicator == page_indicator) {
            questions.push_back({{"code", item.code},
                                 {"name", "a_" + item.code},
                                 {"text", report::pick(item.text, context.language)},
                                 {"reverse", item.reverse},
                                 {"options", option_list(q, item, answer, context.language)}});
        } else if (answer != core::kNotAnswered) {
            hidden.push_back({{"name", "a_" + item.code}, {"value", std::to_string(answer)}});
        }
    }
    if (!state.on_review()) hidden.push_back({{"name", "comment"}, {"value", state.comment}});

    if (state.on_review()) {
        for (std::size_t p = 0; p < state.pages.size(); ++p) {
            const core::Indicator& indicator = q.indicators[state.pages[p]];
            json rows = json::array();
            for (std::size_t c = 0; c < items.size(); ++c) {
                const core::Item& item = q.items[items[c]];
                if (item.indicator != state.pages[p]) continue;
                const core::Answer answer = state.answers[c];
                rows.push_back(
                    {{"code", item.code},
                     {"text", report::pick(item.text, context.language)},
                     {"answered", answer != core::kNotAnswered},
                     {"answer", answer == core::kNotAnswered
                                    ? t.at("not_answered").get<std::string>()
                                    : report::pick(q.scales[item.scale].options[answer - 1].label,
                                                   context.language)}});
            }
            review.push_back({{"indicator_name", report::pick(indicator.name, context.language)},
                              {"edit_action", "edit_" + std::to_string(p)},
                              {"rows", rows}});
        }
    } else {
        const core::Indicator& indicator = q.indicators[page_indicator];
        view["page_title"] = report::pick(indicator.name, context.language);
    }
    view["hidden"] = hidden;
    view["questions"] = questions;
    view["review"] = review;
    return view;
}

}  // namespace itagap::web
