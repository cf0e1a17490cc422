#include "web/site/plan_forms.hpp"

#include "core/plan_rules.hpp"
#include "core/thai_date.hpp"
#include "web/plan_text.hpp"
#include "web/site/admin_page.hpp"

namespace itagap::web {

namespace {

// The form field a validate_plan() path under `prefix` belongs to:
// "$.measures[2].target.min_score" under "$.measures[2]" -> "target_min_score".
std::string field_of(std::string_view where, std::string_view prefix) {
    if (where.substr(0, prefix.size()) != prefix) return "general";
    std::string_view rest = where.substr(prefix.size());
    if (rest.empty() || rest[0] != '.') return "general";
    rest.remove_prefix(1);
    std::string field;
    for (char c : rest) {
        if (c == '[') break;
        field += c == '.' ? '_' : c;
    }
    return field;
}

// Form names for the plan format's keys where they differ.
std::string form_field(const std::string& field) {
    if (field.empty()) return "general";
    if (field == "percent_complete" || field.rfind("updates", 0) == 0) return "percent";
    if (field == "target_min_score") return "target_min";
    if (field.rfind("target", 0) == 0) return "target_code";
    return field;
}

std::optional<core::CivilDate> read_date(const Request& request, const char* name, FormState& state,
                                         Language language) {
    auto date = core::parse_iso_date(form_text(request, name));
    if (!date) add_error(state, name, plan_phrase(language, "bad_date"));
    return date;
}

// The catalogue's `key` with {name} replaced by `value`.
std::string phrase_with(Language language, std::string_view key, std::string_view name,
                        const std::string& value) {
    std::string text = plan_phrase(language, key);
    const std::string placeholder = "{" + std::string(name) + "}";
    if (const auto at = text.find(placeholder); at != std::string::npos)
        text.replace(at, placeholder.size(), value);
    return text;
}

// A figure people write as 0..100: a problem said with the value as typed
// ("“150”: ต้องไม่เกิน 100"); true when it is in range.
bool check_0_to_100(double value, const std::string& typed, const char* name, FormState& state,
                    Language language) {
    if (value > 100) {
        add_error(state, name, phrase_with(language, "value_above_100", "value", typed));
        return false;
    }
    if (value < 0) {
        add_error(state, name, phrase_with(language, "value_below_0", "value", typed));
        return false;
    }
    return true;
}

std::optional<int> read_percent(const Request& request, const char* name, FormState& state,
                                Language language) {
    const std::string typed = form_text(request, name);
    auto value = parse_number<int>(typed);
    if (!value) {
        add_error(state, name, plan_phrase(language, "bad_percent"));
        return std::nullopt;
    }
    if (!check_0_to_100(*value, typed, name, state, language)) return std::nullopt;
    return value;
}

std::optional<core::TimeOfDay> read_time(const Request& request, const char* name, FormState& state,
                                         Language language) {
    const std::string text = form_text(request, name);
    if (text.empty()) return std::nullopt;
    auto time = core::parse_time(text);
    if (!time) add_error(state, name, plan_phrase(language, "bad_time"));
    return time;
}

std::string trim(const std::string& s) {
    const auto f = s.find_first_not_of(" \t\r");
    if (f == std::string::npos) return std::string();
    return s.substr(f, s.find_last_not_of(" \t\r") - f + 1);
}

// "group | 12" per line; the count is optional.
std::vector<core::Participant> read_participants(const std::string& text, FormState& state,
                                                 Language language) {
    std::vector<core::Participant> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        core::Participant p;
        const auto bar = line.rfind('|');
        p.group = trim(bar == std::string::npos ? line : line.substr(0, bar));
        if (bar != std::string::npos) {
            auto count = parse_number<std::uint32_t>(trim(line.substr(bar + 1)));
            if (!count) add_error(state, "participants", plan_phrase(language, "bad_number"));
            p.count = count;
        }
        if (!p.group.empty()) out.push_back(std::move(p));
        if (end == text.size()) break;
    }
    return out;
}

// The target must name something the questionnaire has (when it is known):
// an item code, an indicator number or an instrument code.
void check_target_exists(const core::Target& target, const core::Questionnaire* q, FormState& state,
                         Language language) {
    if (q == nullptr) return;
    switch (target.ref.level) {
        case core::ScoreLevel::kItem:
            if (!target.ref.code.empty() && q->find_item(target.ref.code) < 0)
                add_error(state, "target_code",
                          phrase_with(language, "target_unknown_item", "code", target.ref.code));
            break;
        case core::ScoreLevel::kIndicator:
            if (target.ref.indicator != 0 && q->find_indicator(target.ref.indicator) < 0)
                add_error(state, "target_indicator",
                          phrase_with(language, "target_unknown_indicator", "number",
                                      std::to_string(target.ref.indicator)));
            break;
        case core::ScoreLevel::kInstrument:
            if (!target.ref.code.empty() && q->find_instrument(target.ref.code) < 0)
                add_error(
                    state, "target_code",
                    phrase_with(language, "target_unknown_instrument", "code", target.ref.code));
            break;
    }
}

std::optional<core::Target> read_target(const Request& request, FormState& state,
                                        Language language) {
    const std::string level = form_text(request, "target_level");
    if (level.empty()) return std::nullopt;
    core::Target target;
    if (auto l = core::score_level_from_string(level)) {
        target.ref.level = *l;
    } else {
        add_error(state, "target_level", plan_phrase(language, "bad_choice"));
    }
    if (target.ref.level == core::ScoreLevel::kIndicator) {
        auto n = parse_number<int>(form_text(request, "target_indicator"));
        if (!n) add_error(state, "target_indicator", plan_phrase(language, "bad_number"));
        target.ref.indicator = n.value_or(0);
    } else {
        target.ref.code = form_text(request, "target_code");
        if (target.ref.code.empty())
            add_error(state, "target_code", plan_phrase(language, "required"));
    }
    const std::string typed_min = form_text(request, "target_min");
    auto min = parse_number<double>(typed_min);
    if (!min) {
        add_error(state, "target_min", plan_phrase(language, "bad_number"));
    } else {
        check_0_to_100(*min, typed_min, "target_min", state, language);
    }
    target.min_score = min.value_or(0);
    target.description = form_text(request, "target_description");
    return target;
}

}  // namespace

FormState posted_state(const Request& request, std::string form) {
    FormState state;
    state.form = std::move(form);
    for (const auto& [name, value] : request.form.entries()) {
        if (name == "csrf" || name == "topics" || name == "gaps" || name == "measures") continue;
        state.values[name] = value;
    }
    for (const char* multi : {"topics", "gaps", "measures"}) {
        for (const auto& v : request.form.all(multi)) state.choices[multi].insert(v);
    }
    return state;
}

void add_error(FormState& state, const std::string& field, const std::string& message) {
    auto& slot = state.errors[field];
    slot += (slot.empty() ? "" : "; ") + message;
}

void add_diagnostics(FormState& state, const std::vector<core::Diagnostic>& problems,
                     std::string_view prefix) {
    for (const auto& d : problems) {
        std::string message = d.value.empty() ? "" : "\"" + d.value + "\": ";
        message += d.expected.empty() ? d.note : "expected " + d.expected;
        add_error(state, form_field(field_of(d.where, prefix)), message);
    }
}

std::optional<std::int64_t> posted_version(const Request& request) {
    return parse_number<std::int64_t>(form_text(request, "version"));
}

void read_measure(const Request& request, core::Plan& plan, core::Measure& m, FormState& state,
                  Language language, const core::Questionnaire* q) {
    if (auto s = core::strategy_from_letter(form_text(request, "strategy"))) {
        m.strategy = *s;
    } else {
        add_error(state, "strategy", plan_phrase(language, "bad_choice"));
    }
    m.text = form_text(request, "text");
    m.rationale = form_text(request, "rationale");
    m.owner = form_text(request, "owner");
    m.contact_person = form_text(request, "contact_person");
    if (m.text.empty()) add_error(state, "text", plan_phrase(language, "required"));
    m.topics.clear();
    for (const auto& t : request.form.all("topics")) {
        if (auto n = parse_number<int>(t)) m.topics.push_back(*n);
    }
    const std::string new_topic = form_text(request, "new_topic");
    if (!new_topic.empty()) m.topics.push_back(core::add_topic(plan, new_topic));
    m.gaps.clear();
    for (const auto& g : request.form.all("gaps")) {
        if (auto n = parse_number<int>(g); n && *n >= 1) m.gaps.push_back(*n - 1);
    }
    const auto start = read_date(request, "start_on", state, language);
    const auto due = read_date(request, "due_on", state, language);
    if (start) m.start_on = *start;
    if (due) m.due_on = *due;
    if (start && due && *due < *start) {
        add_error(state, "due_on",
                  phrase_with(language, "due_before_start", "start",
                              language == Language::kEnglish ? core::to_iso_string(*start)
                                                             : core::format_thai_date(*start)));
    }
    if (auto s = core::measure_status_from_string(form_text(request, "status"))) {
        m.status = *s;
    } else {
        add_error(state, "status", plan_phrase(language, "bad_choice"));
    }
    if (m.status == core::MeasureStatus::kCancelled && form_text(request, "percent").empty()) {
        m.percent_complete.reset();
    } else {
        m.percent_complete = read_percent(request, "percent", state, language);
    }
    m.target = read_target(request, state, language);
    if (m.target) check_target_exists(*m.target, q, state, language);
}

core::ProgressUpdate read_update(const Request& request, FormState& state, Language language) {
    core::ProgressUpdate update;
    if (auto d = read_date(request, "on", state, language)) update.on = *d;
    if (auto p = read_percent(request, "percent", state, language)) update.percent_complete = *p;
    update.note = form_text(request, "note");
    return update;
}

core::Activity read_activity(const Request& request, FormState& state, Language language) {
    core::Activity a;
    a.number = form_text(request, "number");
    a.title = form_text(request, "title");
    if (a.title.empty()) add_error(state, "title", plan_phrase(language, "required"));
    if (auto d = read_date(request, "on", state, language)) a.on = *d;
    a.starts_at = read_time(request, "starts_at", state, language);
    a.ends_at = read_time(request, "ends_at", state, language);
    a.place = form_text(request, "place");
    a.participants =
        read_participants(std::string(request.form.get_or("participants", "")), state, language);
    a.summary = form_text(request, "summary");
    for (const auto& m : request.form.all("measures")) {
        if (auto n = parse_number<int>(m)) a.measures.push_back(*n);
    }
    return a;
}

}  // namespace itagap::web
