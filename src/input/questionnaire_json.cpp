#include "input/questionnaire_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/sample_size.hpp"
#include "input/json_checker.hpp"

namespace itagap::input {
namespace {

using core::Diagnostic;
using nlohmann::json;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Item codes become CSV column names next to these.
constexpr std::string_view kReservedColumns[] = {"unit", "round", "instrument", "respondent"};

// What a code would have to look like, or "" when `code` is fine.
std::string code_problem(std::string_view code, std::string_view noun, bool is_column) {
    const std::string why = is_column ? " (item codes are CSV column names)" : "";
    if (code.empty()) return "a non-empty " + std::string(noun);
    if (has_space(code)) {
        return "a " + std::string(noun) + " without spaces, tabs or line breaks" + why;
    }
    if (code.find_first_of(",\"'") != std::string_view::npos) {
        return "a " + std::string(noun) + " without commas or quotes" + why;
    }
    if (is_column) {
        const std::string lower = ascii_lower(code);
        for (std::string_view reserved : kReservedColumns) {
            if (lower == reserved) {
                return "an item code other than the reserved CSV column names unit, round, "
                       "instrument and respondent (in any letter case)";
            }
        }
    }
    return "";
}

// The questionnaire's reader is the shared strict JSON reader.
using Checker = JsonChecker;

// ---- The sections of a questionnaire ----------------------------------------

std::vector<core::GradeBand> default_grades() {
    return {{"AA", 95}, {"A", 85}, {"B", 75}, {"C", 65}, {"D", 55}, {"E", 50}, {"F", 0}};
}

// "publication": {"min_respondents": 5}: figures resting on fewer people are
// withheld from public outputs (core/publication.hpp). Optional.
void read_publication(Checker& c, const json& doc, core::Questionnaire& q) {
    const json* publication = c.member(doc, "$", "publication", false, "the publication rules");
    const std::string path = "$.publication";
    if (publication == nullptr ||
        !c.object(*publication, path, "the publication rules", {"min_respondents"})) {
        return;
    }
    if (auto minimum =
            c.whole(*publication, path, "min_respondents", false, 1, 1000,
                    "the fewest respondents a published figure may rest on (1 to 1000)")) {
        q.min_respondents_published = static_cast<int>(*minimum);
    }
}

void read_scoring(Checker& c, const json& doc, core::Questionnaire& q) {
    q.grades = default_grades();
    const json* scoring = c.member(doc, "$", "scoring", true, "the scoring rules");
    const std::string path = "$.scoring";
    if (scoring == nullptr || !c.object(*scoring, path, "the scoring rules",
                                        {"method", "pass_mark", "target", "grades", "levels"})) {
        return;
    }
    if (auto method =
            c.string(*scoring, path, "method", true, "\"favourable_share\" or \"mean_score\"")) {
        if (auto parsed = core::scoring_method_from_string(*method)) {
            q.method = *parsed;
        } else {
            c.error(path + ".method", *method,
                    "a scoring method: \"favourable_share\" (share of favourable answers) or "
                    "\"mean_score\" (mean of option scores)");
        }
    }
    if (auto pass = c.number(*scoring, path, "pass_mark", false, 0, 100, "the pass mark")) {
        q.pass_mark = *pass;
    }
    if (auto target = c.number(*scoring, path, "target", false, 0, 100, "the default target")) {
        q.default_target = *target;
    }
    const json* grades = c.array(*scoring, path, "grades", false, "the grade bands");
    if (grades == nullptr) return;
    const std::string grades_path = path + ".grades";
    if (grades->empty()) {
        c.error(grades_path, "[]",
                "at least one grade band, or no \"grades\" key for the defaults");
        return;
    }
    q.grades.clear();
    std::unordered_map<std::string, std::size_t> names;
    std::unordered_map<double, std::size_t> mins;
    for (std::size_t i = 0; i < grades->size(); ++i) {
        const std::string at = element_path(grades_path, i);
        core::GradeBand& band = q.grades.emplace_back();
        if (!c.object((*grades)[i], at, "a grade band {\"grade\": \"A\", \"min\": 85}",
                      {"grade", "min"})) {
            continue;
        }
        const json& g = (*grades)[i];
        if (auto name = c.string(g, at, "grade", true, "the grade's name, such as \"AA\"")) {
            if (is_blank(*name)) {
                c.error(at + ".grade", *name, "a non-empty grade name, such as \"AA\"");
            } else if (auto [it, fresh] = names.emplace(*name, i); !fresh) {
                c.error(
                    at + ".grade", *name,
                    "a grade name not already used by " + element_path(grades_path, it->second));
            }
            band.grade = *name;
        }
        if (auto min =
                c.number(g, at, "min", true, 0, 100, "the grade's lowest score, inclusive")) {
            if (auto [it, fresh] = mins.emplace(*min, i); !fresh) {
                c.error(at + ".min", number_text(*min),
                        "a min different from that of " + element_path(grades_path, it->second));
            }
            band.min_score = *min;
        }
    }
    std::stable_sort(q.grades.begin(), q.grades.end(),
                     [](const core::GradeBand& a, const core::GradeBand& b) {
                         return a.min_score > b.min_score;
                     });
}

void read_scales(Checker& c, const json& doc, core::Questionnaire& q) {
    const json* scales = c.array(doc, "$", "scales", true, "the answer scales");
    if (scales == nullptr) return;
    std::unordered_map<std::string, std::size_t> ids;
    for (std::size_t i = 0; i < scales->size(); ++i) {
        const std::string path = element_path("$.scales", i);
        core::AnswerScale& scale = q.scales.emplace_back();
        const json& s = (*scales)[i];
        if (!c.object(s, path, "an answer scale", {"id", "name", "options"})) continue;
        if (auto id = c.string(s, path, "id", true, "the scale's id, such as \"eit-agree6\"")) {
            if (const std::string problem = code_problem(*id, "scale id", false);
                !problem.empty()) {
                c.error(path + ".id", *id, problem);
            } else if (auto [it, fresh] = ids.emplace(*id, i); !fresh) {
                c.error(path + ".id", *id,
                        "a scale id not already used by " + element_path("$.scales", it->second));
            }
            scale.id = *id;
        }
        if (auto name = c.text(s, path, "name", false, "the scale's name")) scale.name = *name;

        const json* options = c.array(s, path, "options", true, "the answer options, at least 2");
        if (options == nullptr) continue;
        const std::string options_path = path + ".options";
        const std::size_t count = options->size();
        if (count < 2) {
            c.error(options_path, std::to_string(count) + (count == 1 ? " option" : " options"),
                    "at least 2 options");
        } else if (count > static_cast<std::size_t>(core::kMaxOptions)) {
            c.error(options_path, std::to_string(count) + " options",
                    "at most " + std::to_string(core::kMaxOptions) + " options");
        }
        std::unordered_map<std::string, std::size_t> labels;
        std::size_t favourable_known = 0;
        bool any_favourable = false;
        for (std::size_t j = 0; j < count; ++j) {
            const std::string at = element_path(options_path, j);
            core::AnswerOption& option = scale.options.emplace_back();
            const json& o = (*options)[j];
            if (!c.object(o, at,
                          "an answer option {\"label\": ..., \"score\": ..., "
                          "\"favourable\": ...}",
                          {"label", "score", "favourable"})) {
                continue;
            }
            if (auto label = c.text(o, at, "label", true, "the option's label")) {
                if (auto [it, fresh] = labels.emplace(label->th, j); !fresh) {
                    c.error(at + ".label.th", label->th,
                            "a Thai label different from that of " +
                                element_path(options_path, it->second));
                }
                option.label = *label;
            }
            if (auto score = c.number(o, at, "score", true, 0, 100, "the option's score")) {
                option.score = *score;
            }
            if (auto favourable = c.boolean(o, at, "favourable", true,
                                            "whether the answer counts as favourable")) {
                option.favourable = *favourable;
                any_favourable = any_favourable || *favourable;
                ++favourable_known;
            }
        }
        if (count >= 2 && favourable_known == count && !any_favourable) {
            c.error(options_path, "", "at least one option with \"favourable\": true");
        }
    }
}

void read_instruments(Checker& c, const json& doc, core::Questionnaire& q,
                      std::unordered_map<std::string, int>& by_code) {
    const json* instruments = c.array(doc, "$", "instruments", true, "the instruments");
    if (instruments == nullptr) return;
    if (instruments->empty()) {
        c.error("$.instruments", "[]", "at least one instrument, such as IIT");
        return;
    }
    std::unordered_map<std::string, std::size_t> folded;
    std::size_t weights_known = 0;
    bool any_positive = false;
    for (std::size_t i = 0; i < instruments->size(); ++i) {
        const std::string path = element_path("$.instruments", i);
        core::Instrument& instrument = q.instruments.emplace_back();
        const json& m = (*instruments)[i];
        if (!c.object(m, path, "an instrument", {"code", "name", "weight"})) continue;
        if (auto code = c.string(m, path, "code", true, "the instrument's code, such as \"IIT\"")) {
            if (const std::string problem = code_problem(*code, "instrument code", false);
                !problem.empty()) {
                c.error(path + ".code", *code, problem);
            } else if (auto [it, fresh] = folded.emplace(ascii_lower(*code), i); !fresh) {
                c.error(path + ".code", *code,
                        "an instrument code not already used by " +
                            element_path("$.instruments", it->second) +
                            " (codes are compared ignoring letter case)");
            }
            // Registered even when faulty, so references to it are not reported too.
            by_code.emplace(*code, static_cast<int>(i));
            instrument.code = *code;
        }
        if (auto name = c.text(m, path, "name", true, "the instrument's name")) {
            instrument.name = *name;
        }
        if (auto weight = c.number(m, path, "weight", true, 0, kInfinity,
                                   "the instrument's weight in the total")) {
            instrument.weight = *weight;
            ++weights_known;
            any_positive = any_positive || *weight > 0;
        }
    }
    if (weights_known == instruments->size() && !any_positive) {
        c.error("$.instruments", "", "at least one instrument with a weight above 0");
    }
}

// "IIT, EIT, OIT" for messages about a dangling reference.
template <typename Map>
std::string known_keys(const Map& map) {
    std::vector<std::pair<int, std::string>> entries;
    for (const auto& [key, index] : map) entries.emplace_back(index, key);
    std::sort(entries.begin(), entries.end());
    std::vector<std::string> names;
    for (auto& entry : entries) names.push_back(std::move(entry.second));
    if (names.empty()) return "none is defined";
    if (names.size() > 12) {
        names.resize(12);
        names.emplace_back("...");
    }
    return join(names, ", ");
}

// " (codes are case-sensitive: did you mean "IIT"?)" or "".
std::string case_hint(const std::unordered_map<std::string, int>& map, std::string_view code) {
    const std::string lower = ascii_lower(code);
    for (const auto& [key, index] : map) {
        (void)index;
        if (ascii_lower(key) == lower) {
            return "; codes are case-sensitive: did you mean " + quote(key) + "?";
        }
    }
    return "";
}

// "sample": {"IIT": {"population": "staff", "percent": 10, "at_least": 30,
// "everyone_below": 30}, ...}: the minimum number of respondents per
// instrument (core/sample_size.hpp). Optional; keys are instrument codes.
void read_sample_rule(Checker& c, const json& r, const std::string& at, core::SampleRule& rule) {
    constexpr std::int64_t kMaxPeople = 1000000000;  // a population bound, for exact arithmetic
    if (auto population = c.string(r, at, "population", true,
                                   "\"staff\" or \"clients\" (which of the unit's counts)")) {
        if (auto parsed = core::sample_population_from_string(*population)) {
            rule.population = *parsed;
        } else {
            c.error(at + ".population", *population,
                    "\"staff\" (the unit's number of staff) or \"clients\" (its number of outside "
                    "clients)");
        }
    }
    if (auto percent = c.number(r, at, "percent", true, 0, 100,
                                "the share of the population, in percent (0 to 100)")) {
        const double hundredths = *percent * 100;
        if (*percent <= 0) {
            c.error(at + ".percent", number_text(*percent), "a percentage above 0");
        } else if (std::abs(hundredths - std::round(hundredths)) > 1e-6) {
            c.error(at + ".percent", number_text(*percent),
                    "a percentage with at most two decimals, such as 10 or 12.5");
        } else {
            rule.percent_hundredths = static_cast<std::int64_t>(std::llround(hundredths));
        }
    }
    if (auto at_least = c.whole(r, at, "at_least", false, 0, kMaxPeople,
                                "the fewest respondents whatever the percentage gives")) {
        rule.at_least = *at_least;
    }
    if (auto below = c.whole(r, at, "everyone_below", false, 0, kMaxPeople,
                             "the population below which everyone is asked")) {
        rule.everyone_below = *below;
    }
    auto cap = c.whole(r, at, "cap", false, 1, kMaxPeople, "the minimum for a large population");
    auto cap_above = c.whole(r, at, "cap_above", false, 0, kMaxPeople,
                             "the population above which the cap holds");
    if (cap.has_value() != cap_above.has_value()) {
        if (cap) {
            c.error(at, "",
                    "\"cap_above\" (the population above which the cap holds) with \"cap\"");
        } else if (cap_above) {
            c.error(at, "", "\"cap\" (the minimum above cap_above) with \"cap_above\"");
        }
    } else if (cap && *cap > *cap_above) {
        c.error(at + ".cap", std::to_string(*cap),
                "a cap no larger than cap_above (" + std::to_string(*cap_above) + ")");
    } else if (cap) {
        rule.cap = *cap;
        rule.cap_above = *cap_above;
    }
}

void read_sample(Checker& c, const json& doc, core::Questionnaire& q,
                 const std::unordered_map<std::string, int>& instruments) {
    const json* sample = c.member(doc, "$", "sample", false, "the minimum numbers of respondents");
    if (sample == nullptr) return;
    const std::string path = "$.sample";
    if (!sample->is_object()) {
        c.error(path, show(*sample),
                "an object of rules by instrument code, such as {\"IIT\": {\"population\": "
                "\"staff\", \"percent\": 10}}");
        return;
    }
    for (const auto& [code, r] : sample->items()) {
        const std::string at = member_path(path, code);
        auto it = instruments.find(code);
        if (it == instruments.end()) {
            c.error(at, code,
                    "the code of an instrument in $.instruments (" + known_keys(instruments) +
                        case_hint(instruments, code) + ")");
            continue;
        }
        if (code == "OIT") {
            c.error(at, code,
                    "an instrument answered by respondents (the OIT is answered with evidence)");
            continue;
        }
        if (!c.object(
                r, at,
                "a sample rule {\"population\": \"staff\", \"percent\": 10, \"at_least\": "
                "30, \"everyone_below\": 30}",
                {"population", "percent", "at_least", "everyone_below", "cap", "cap_above"})) {
            continue;
        }
        core::SampleRule rule;
        read_sample_rule(c, r, at, rule);
        q.instruments[static_cast<std::size_t>(it->second)].sample = rule;
    }
}

void read_indicators(Checker& c, const json& doc, core::Questionnaire& q,
                     const std::unordered_map<std::string, int>& instruments,
                     std::unordered_map<int, int>& by_number) {
    const json* indicators = c.array(doc, "$", "indicators", true, "the indicators");
    if (indicators == nullptr) return;
    for (std::size_t i = 0; i < indicators->size(); ++i) {
        const std::string path = element_path("$.indicators", i);
        core::Indicator& indicator = q.indicators.emplace_back();
        const json& d = (*indicators)[i];
        if (!c.object(d, path, "an indicator", {"number", "instrument", "name"})) continue;
        if (auto number = c.positive_int(d, path, "number", true, "the indicator's number")) {
            if (auto [it, fresh] = by_number.emplace(*number, static_cast<int>(i)); !fresh) {
                c.error(path + ".number", std::to_string(*number),
                        "an indicator number not already used by " +
                            element_path("$.indicators", static_cast<std::size_t>(it->second)));
            }
            indicator.number = *number;
        }
        if (auto code = c.string(d, path, "instrument", true,
                                 "the code of the instrument the indicator belongs to")) {
            if (auto it = instruments.find(*code); it != instruments.end()) {
                indicator.instrument = it->second;
            } else {
                c.error(path + ".instrument", *code,
                        "the code of an instrument in $.instruments (" + known_keys(instruments) +
                            case_hint(instruments, *code) + ")");
            }
        }
        if (auto name = c.text(d, path, "name", true, "the indicator's name")) {
            indicator.name = *name;
        }
    }
}

void read_items(Checker& c, const json& doc, core::Questionnaire& q,
                const std::unordered_map<int, int>& indicators,
                const std::unordered_map<std::string, int>& scales) {
    const json* items = c.array(doc, "$", "items", true, "the items (questions)");
    if (items == nullptr) return;
    std::unordered_map<std::string, std::size_t> folded;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string path = element_path("$.items", i);
        core::Item& item = q.items.emplace_back();
        const json& t = (*items)[i];
        if (!c.object(t, path, "an item", {"code", "indicator", "text", "scale", "reverse"})) {
            continue;
        }
        if (auto code = c.string(t, path, "code", true, "the item's code, such as \"i12\"")) {
            if (const std::string problem = code_problem(*code, "item code", true);
                !problem.empty()) {
                c.error(path + ".code", *code, problem);
            } else if (auto [it, fresh] = folded.emplace(ascii_lower(*code), i); !fresh) {
                c.error(path + ".code", *code,
                        "an item code not already used by " + element_path("$.items", it->second) +
                            " (codes are compared ignoring letter case)");
            }
            item.code = *code;
        }
        if (auto number =
                c.positive_int(t, path, "indicator", true, "the number of the item's indicator")) {
            if (auto it = indicators.find(*number); it != indicators.end()) {
                item.indicator = it->second;
            } else {
                std::vector<int> numbers;
                for (const auto& [n, index] : indicators) {
                    (void)index;
                    numbers.push_back(n);
                }
                std::sort(numbers.begin(), numbers.end());
                std::vector<std::string> texts;
                for (int n : numbers) texts.push_back(std::to_string(n));
                c.error(path + ".indicator", std::to_string(*number),
                        "the number of an indicator in $.indicators (" +
                            (texts.empty() ? std::string("none is defined") : join(texts, ", ")) +
                            ")");
            }
        }
        if (auto text = c.text(t, path, "text", true, "the item's wording")) item.text = *text;
        if (auto id = c.string(t, path, "scale", true, "the id of the item's answer scale")) {
            if (auto it = scales.find(*id); it != scales.end()) {
                item.scale = it->second;
            } else {
                c.error(path + ".scale", *id,
                        "the id of a scale in $.scales (" + known_keys(scales) +
                            case_hint(scales, *id) + ")");
            }
        }
        if (auto reverse =
                c.boolean(t, path, "reverse", false, "true when the item is worded negatively")) {
            item.reverse = *reverse;
        }
    }
}

// ---- Rating levels and the OIT checklist --------------------------------------
// Kept apart from the sections above so that each part of the format reads
// (and merges) on its own. Both need the instruments and indicators first.

// A text object given as an array element (the elements of an OIT item).
std::optional<core::LocalText> text_value(Checker& c, const json& value, const std::string& at,
                                          std::string_view what) {
    if (!value.is_object()) {
        c.error(at, show(value),
                "an object {\"th\": \"...\", \"en\": \"...\"} (" + std::string(what) + ")");
        return std::nullopt;
    }
    if (!c.object(value, at, what, {"th", "en"})) return std::nullopt;
    const std::string thai_what = "Thai text: " + std::string(what);
    const auto th = c.string(value, at, "th", true, thai_what);
    const auto en = c.string(value, at, "en", false, "English text: " + std::string(what));
    if (!th) return std::nullopt;
    if (is_blank(*th)) {
        c.error(at + ".th", *th, "non-empty " + thai_what);
        return std::nullopt;
    }
    core::LocalText text;
    text.th = *th;
    if (en) text.en = *en;
    return text;
}

void read_rating_levels(Checker& c, const json& doc, core::Questionnaire& q,
                        const std::unordered_map<std::string, int>& instruments) {
    const auto scoring = doc.find("scoring");
    if (scoring == doc.end() || !scoring->is_object()) return;  // reported by read_scoring
    const std::string path = "$.scoring";
    const json* levels = c.array(*scoring, path, "levels", false, "the rating levels");
    if (levels == nullptr) return;
    const std::string levels_path = path + ".levels";
    if (levels->empty()) {
        c.error(levels_path, "[]", "at least one rating level, or no \"levels\" key for none");
        return;
    }
    std::unordered_map<std::string, std::size_t> names;
    for (std::size_t i = 0; i < levels->size(); ++i) {
        const std::string at = element_path(levels_path, i);
        core::RatingLevel& level = q.rating_levels.emplace_back();
        const json& l = (*levels)[i];
        if (!c.object(l, at,
                      "a rating level {\"name\": {\"th\": \"ผ่านดี\"}, \"min_total\": 85, "
                      "\"instrument_min\": [...], \"assumption\": \"...\"}",
                      {"name", "min_total", "instrument_min", "assumption"})) {
            continue;
        }
        if (auto name = c.text(l, at, "name", true, "the level's name, such as ผ่านดี")) {
            if (auto [it, fresh] = names.emplace(name->th, i); !fresh) {
                c.error(
                    at + ".name.th", name->th,
                    "a level name not already used by " + element_path(levels_path, it->second));
            }
            level.name = *name;
        }
        if (auto min = c.number(l, at, "min_total", true, 0, 100,
                                "the lowest ITA total, inclusive, for this level")) {
            level.min_total = *min;
        }
        if (auto note = c.string(l, at, "assumption", false,
                                 "which parts of the level are assumed, not published")) {
            level.assumption = *note;
        }
        const json* mins =
            c.array(l, at, "instrument_min", false, "the lowest score each instrument must reach");
        if (mins == nullptr) continue;
        std::set<int> seen;
        for (std::size_t j = 0; j < mins->size(); ++j) {
            const std::string mat = element_path(at + ".instrument_min", j);
            const json& m = (*mins)[j];
            if (!c.object(m, mat, "a condition {\"instrument\": \"EIT\", \"min\": 85}",
                          {"instrument", "min"})) {
                continue;
            }
            core::InstrumentMinimum& minimum = level.instrument_minimums.emplace_back();
            if (auto code = c.string(m, mat, "instrument", true, "an instrument's code")) {
                if (auto it = instruments.find(*code); it == instruments.end()) {
                    c.error(mat + ".instrument", *code,
                            "the code of an instrument in $.instruments (" +
                                known_keys(instruments) + case_hint(instruments, *code) + ")");
                } else if (!seen.insert(it->second).second) {
                    c.error(mat + ".instrument", *code,
                            "an instrument not already named in this level's instrument_min");
                } else {
                    minimum.instrument = it->second;
                }
            }
            if (auto min = c.number(m, mat, "min", true, 0, 100,
                                    "the instrument's lowest score, inclusive")) {
                minimum.min_score = *min;
            }
        }
    }
    if (c.has_errors()) return;
    std::stable_sort(q.rating_levels.begin(), q.rating_levels.end(),
                     [](const core::RatingLevel& a, const core::RatingLevel& b) {
                         return a.min_total > b.min_total;
                     });
    const core::RatingLevel& last = q.rating_levels.back();
    if (last.min_total != 0 || !last.instrument_minimums.empty()) {
        c.error(levels_path, last.name.th,
                "a lowest level with \"min_total\": 0 and no \"instrument_min\" (such as "
                "ไม่ผ่าน), so that every score has a level");
    }
}

void read_oit_sub_indicators(Checker& c, const json& oit, core::Questionnaire& q,
                             const std::unordered_map<int, int>& oit_indicators,
                             std::unordered_map<std::string, int>& by_code) {
    const std::string path = "$.oit";
    const json* subs = c.array(oit, path, "sub_indicators", false, "the OIT sub-indicators");
    if (subs == nullptr) return;
    for (std::size_t i = 0; i < subs->size(); ++i) {
        const std::string at = element_path(path + ".sub_indicators", i);
        core::OitSubIndicator& sub = q.oit_sub_indicators.emplace_back();
        const json& s = (*subs)[i];
        if (!c.object(s, at, "a sub-indicator {\"code\": \"9.1\", \"indicator\": 9, \"name\": ...}",
                      {"code", "indicator", "name"})) {
            continue;
        }
        if (auto code =
                c.string(s, at, "code", true, "the sub-indicator's code, such as \"9.1\"")) {
            if (const std::string problem = code_problem(*code, "sub-indicator code", false);
                !problem.empty()) {
                c.error(at + ".code", *code, problem);
            } else if (auto [it, fresh] = by_code.emplace(*code, static_cast<int>(i)); !fresh) {
                c.error(at + ".code", *code,
                        "a sub-indicator code not already used by " +
                            element_path(path + ".sub_indicators",
                                         static_cast<std::size_t>(it->second)));
            }
            sub.code = *code;
        }
        if (auto number = c.positive_int(s, at, "indicator", true,
                                         "the number of an indicator of the OIT instrument")) {
            if (auto it = oit_indicators.find(*number); it != oit_indicators.end()) {
                sub.indicator = it->second;
            } else {
                c.error(at + ".indicator", std::to_string(*number),
                        "the number of an indicator of the instrument \"OIT\" in $.indicators");
            }
        }
        if (auto name = c.text(s, at, "name", true, "the sub-indicator's name")) sub.name = *name;
    }
}

void read_oit_item(Checker& c, const json& t, const std::string& at, core::OitItem& item,
                   const std::unordered_map<int, int>& oit_indicators,
                   const std::unordered_map<std::string, int>& subs, const core::Questionnaire& q) {
    if (auto number = c.positive_int(t, at, "indicator", true,
                                     "the number of an indicator of the OIT instrument")) {
        if (auto it = oit_indicators.find(*number); it != oit_indicators.end()) {
            item.indicator = it->second;
        } else {
            c.error(at + ".indicator", std::to_string(*number),
                    "the number of an indicator of the instrument \"OIT\" in $.indicators");
        }
    }
    if (auto code = c.string(t, at, "sub_indicator", false,
                             "the code of a sub-indicator in $.oit.sub_indicators")) {
        if (auto it = subs.find(*code); it == subs.end()) {
            c.error(
                at + ".sub_indicator", *code,
                "the code of a sub-indicator in $.oit.sub_indicators (" + known_keys(subs) + ")");
        } else {
            item.sub_indicator = it->second;
            const int owner = q.oit_sub_indicators[static_cast<std::size_t>(it->second)].indicator;
            if (item.indicator >= 0 && owner >= 0 && owner != item.indicator) {
                c.error(at + ".sub_indicator", *code,
                        "a sub-indicator of the item's own indicator " +
                            std::to_string(
                                q.indicators[static_cast<std::size_t>(item.indicator)].number));
            }
        }
    }
    if (auto title = c.text(t, at, "title", true, "the item's title")) item.title = *title;
    if (const json* elements =
            c.array(t, at, "elements", false, "the elements the evidence must show")) {
        std::set<std::string> seen;
        for (std::size_t j = 0; j < elements->size(); ++j) {
            const std::string eat = element_path(at + ".elements", j);
            if (auto text = text_value(c, (*elements)[j], eat, "an element of the evidence")) {
                if (!seen.insert(text->th).second) {
                    c.error(eat + ".th", text->th, "an element not already listed for this item");
                }
                item.elements.push_back(*text);
            }
        }
    }
    if (auto covers = c.string(t, at, "covers", true,
                               "\"current\" or \"previous\" (the fiscal year of the evidence)")) {
        if (auto year = core::evidence_year_from_string(*covers)) {
            item.covers = *year;
        } else {
            c.error(at + ".covers", *covers,
                    "\"current\" (the round's fiscal year, for plans) or \"previous\" (the year "
                    "before, for annual reports)");
        }
    }
    if (auto scoring = c.string(t, at, "scoring", false, "\"presence\" or \"per_element\"")) {
        if (auto parsed = core::oit_item_scoring_from_string(*scoring)) {
            item.scoring = *parsed;
            if (*parsed == core::OitItemScoring::kPerElement && t.contains("elements") &&
                item.elements.empty()) {
                c.error(at + ".elements", "[]",
                        "at least one element when the item is scored \"per_element\"");
            } else if (*parsed == core::OitItemScoring::kPerElement && !t.contains("elements")) {
                c.error(at + ".scoring", *scoring,
                        "\"presence\", or \"elements\" listed to score \"per_element\"");
            }
        } else {
            c.error(at + ".scoring", *scoring,
                    "\"presence\" (มี/ไม่มี: 100 or 0) or \"per_element\" (the share of elements "
                    "shown)");
        }
    }
}

void read_oit(Checker& c, const json& doc, core::Questionnaire& q,
              const std::unordered_map<int, int>& indicators) {
    const json* oit = c.member(doc, "$", "oit", false, "the OIT checklist");
    if (oit == nullptr) return;
    const std::string path = "$.oit";
    if (!c.object(*oit, path, "the OIT checklist {\"sub_indicators\": [...], \"items\": [...]}",
                  {"sub_indicators", "items"})) {
        return;
    }
    // Only indicators of the instrument coded "OIT" take OIT items.
    const int oit_instrument = q.find_instrument("OIT");
    if (oit_instrument < 0) {
        c.error(path, "", "an instrument with the code \"OIT\" in $.instruments for the checklist");
        return;
    }
    std::unordered_map<int, int> oit_indicators;
    for (const auto& [number, index] : indicators) {
        if (q.indicators[static_cast<std::size_t>(index)].instrument == oit_instrument) {
            oit_indicators.emplace(number, index);
        }
    }
    std::unordered_map<std::string, int> subs;
    read_oit_sub_indicators(c, *oit, q, oit_indicators, subs);

    const json* items = c.array(*oit, path, "items", true, "the OIT items");
    if (items == nullptr) return;
    std::unordered_map<std::string, std::string> folded;  // lower-case code -> where
    for (std::size_t i = 0; i < q.items.size(); ++i) {
        folded.emplace(ascii_lower(q.items[i].code), element_path("$.items", i));
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string at = element_path(path + ".items", i);
        core::OitItem& item = q.oit_items.emplace_back();
        const json& t = (*items)[i];
        if (!c.object(
                t, at, "an OIT item",
                {"code", "indicator", "sub_indicator", "title", "elements", "covers", "scoring"})) {
            continue;
        }
        if (auto code = c.string(t, at, "code", true, "the item's code, such as \"o2\"")) {
            if (const std::string problem = code_problem(*code, "item code", true);
                !problem.empty()) {
                c.error(at + ".code", *code, problem);
            } else if (auto [it, fresh] = folded.emplace(ascii_lower(*code), at); !fresh) {
                c.error(at + ".code", *code,
                        "an item code not already used by " + it->second +
                            " (codes are compared ignoring letter case)");
            }
            item.code = *code;
        }
        read_oit_item(c, t, at, item, oit_indicators, subs, q);
    }
}

// Fills Instrument::indicators and Indicator::items, in file order.
void link(core::Questionnaire& q) {
    for (std::size_t k = 0; k < q.indicators.size(); ++k) {
        const int instrument = q.indicators[k].instrument;
        if (instrument >= 0) {
            q.instruments[static_cast<std::size_t>(instrument)].indicators.push_back(
                static_cast<int>(k));
        }
    }
    for (std::size_t k = 0; k < q.items.size(); ++k) {
        const int indicator = q.items[k].indicator;
        if (indicator >= 0) {
            q.indicators[static_cast<std::size_t>(indicator)].items.push_back(static_cast<int>(k));
        }
    }
}

core::Result<core::Questionnaire> parse(std::string_view text, std::string_view file_name) {
    Checker c(file_name);
    json doc;
    if (!parse_json_document(text, c, doc)) return c.take();
    if (!doc.is_object()) {
        c.error("$", show(doc), "an object {...} at the top level, holding a questionnaire");
        return c.take();
    }
    c.object(doc, "$", "a questionnaire",
             {"format", "id", "title", "note", "scoring", "scales", "instruments", "indicators",
              "items", "oit", "publication", "sample"});
    const std::string format_what = quote(kQuestionnaireFormat);
    if (auto format = c.string(doc, "$", "format", true, format_what)) {
        if (*format != kQuestionnaireFormat) {
            // Another format or version: the rest would only produce noise.
            c.error("$.format", *format, "the format " + format_what);
            return c.take();
        }
    }

    core::Questionnaire q;
    if (auto id = c.string(doc, "$", "id", true, "the questionnaire's id")) {
        if (is_blank(*id)) c.error("$.id", *id, "a non-empty questionnaire id");
        q.id = *id;
    }
    if (auto title = c.text(doc, "$", "title", true, "the questionnaire's title")) q.title = *title;
    if (auto note = c.string(doc, "$", "note", false, "a free-text note")) q.note = *note;
    read_scoring(c, doc, q);
    read_publication(c, doc, q);
    read_scales(c, doc, q);

    std::unordered_map<std::string, int> scales;
    for (std::size_t i = 0; i < q.scales.size(); ++i) {
        if (!q.scales[i].id.empty()) scales.emplace(q.scales[i].id, static_cast<int>(i));
    }
    std::unordered_map<std::string, int> instruments;
    read_instruments(c, doc, q, instruments);
    read_sample(c, doc, q, instruments);
    std::unordered_map<int, int> indicators;
    read_indicators(c, doc, q, instruments, indicators);
    read_items(c, doc, q, indicators, scales);
    read_rating_levels(c, doc, q, instruments);
    read_oit(c, doc, q, indicators);

    if (c.has_errors()) return c.take();
    link(q);
    return q;
}

}  // namespace

core::Result<core::Questionnaire> parse_questionnaire_json(std::string_view text,
                                                           std::string_view file_name) {
    try {
        return parse(text, file_name);
    } catch (const std::exception& e) {
        return Diagnostic{
            std::string(file_name), 0, "$", "",
            std::string("a questionnaire that can be read (internal error: ") + e.what() + ")"};
    } catch (...) {
        return Diagnostic{std::string(file_name), 0, "$", "",
                          "a questionnaire that can be read (unknown internal error)"};
    }
}

}  // namespace itagap::input
