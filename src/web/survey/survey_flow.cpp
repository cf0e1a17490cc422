#include "web/survey/survey_flow.hpp"

#include <algorithm>
#include <charconv>

namespace itagap::web {

std::size_t SurveyState::answered() const {
    return static_cast<std::size_t>(
        std::count_if(answers.begin(), answers.end(), [](core::Answer a) { return a != 0; }));
}

std::vector<int> instrument_items(const core::Questionnaire& q, int instrument) {
    std::vector<int> items;
    for (int indicator : q.instruments[instrument].indicators) {
        for (int item : q.indicators[indicator].items) items.push_back(item);
    }
    return items;
}

namespace {

std::optional<int> parse_int(const std::string& text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

const std::string* field(const FormFields& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? nullptr : &it->second;
}

// Cuts UTF-8 text to at most `limit` bytes without splitting a character.
std::string cut_utf8(std::string text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text;
}

}  // namespace

SurveyState read_survey_form(const core::Questionnaire& q, int instrument, const FormFields& form) {
    SurveyState state;
    state.instrument = instrument;
    for (int indicator : q.instruments[instrument].indicators) {
        if (!q.indicators[indicator].items.empty()) state.pages.push_back(indicator);
    }
    const std::vector<int> items = instrument_items(q, instrument);
    state.answers.assign(items.size(), core::kNotAnswered);
    for (std::size_t c = 0; c < items.size(); ++c) {
        const core::Item& item = q.items[items[c]];
        const std::string* value = field(form, "a_" + item.code);
        if (!value) continue;
        const auto option = parse_int(*value);
        const int options = static_cast<int>(q.scales[item.scale].options.size());
        if (option && *option >= 1 && *option <= options) {
            state.answers[c] = static_cast<core::Answer>(*option);
        }
    }
    if (const std::string* comment = field(form, "comment")) {
        state.comment = cut_utf8(*comment, kMaxCommentBytes);
    }
    if (const std::string* step = field(form, "step")) {
        state.step =
            std::clamp(parse_int(*step).value_or(0), 0, static_cast<int>(state.pages.size()));
    }
    if (const std::string* go = field(form, "go")) state.action = *go;
    return state;
}

std::optional<int> next_step(const SurveyState& state) {
    const int last = static_cast<int>(state.pages.size());
    const std::string& go = state.action;
    if (go == "submit") {
        if (state.on_review()) return std::nullopt;
        return last;  // submit from a page goes through the review first
    }
    if (go == "back") return std::max(0, state.step - 1);
    if (go.rfind("lang_", 0) == 0) return state.step;  // switching language stays put
    if (go == "review") return last;
    if (go.rfind("edit_", 0) == 0) {
        if (auto* begin = go.data() + 5; begin <= go.data() + go.size()) {
            int target = 0;
            auto [end, ec] = std::from_chars(begin, go.data() + go.size(), target);
            if (ec == std::errc{} && end == go.data() + go.size())
                return std::clamp(target, 0, last);
        }
        return state.step;
    }
    return std::min(last, state.step + 1);  // "next" and anything unknown
}

}  // namespace itagap::web
