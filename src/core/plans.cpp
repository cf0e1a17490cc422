#include "core/plans.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/fiscal_year.hpp"
#include "core/text_input.hpp"

namespace itagap::core {

namespace {

// Blank: empty or only ASCII whitespace. (The JSON reader is stricter about
// Unicode spaces; this is the invariant any source must keep.)
bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
}

std::string element(std::string_view path, std::size_t index) {
    return std::string(path) + "[" + std::to_string(index) + "]";
}

class Problems {
public:
    void add(std::string where, std::string value, std::string expected) {
        list_.push_back(Diagnostic{"", 0, std::move(where), std::move(value), std::move(expected)});
    }
    std::vector<Diagnostic> take() { return std::move(list_); }

private:
    std::vector<Diagnostic> list_;
};

void check_date(Problems& p, const CivilDate& date, const std::string& where) {
    if (!is_valid_date(date)) {
        p.add(where,
              std::to_string(date.year) + "-" + std::to_string(date.month) + "-" +
                  std::to_string(date.day),
              "a real calendar date");
    }
}

void check_ref(Problems& p, const ScoreRef& ref, const std::string& path) {
    switch (ref.level) {
        case ScoreLevel::kItem:
        case ScoreLevel::kInstrument:
            if (is_blank(ref.code)) {
                p.add(path + ".code", ref.code,
                      ref.level == ScoreLevel::kItem ? "an item code such as \"i12\""
                                                     : "an instrument code such as \"IIT\"");
            }
            if (ref.indicator != 0) {
                p.add(path + ".indicator", std::to_string(ref.indicator),
                      "no indicator number for a reference of kind " +
                          std::string(to_string(ref.level)));
            }
            break;
        case ScoreLevel::kIndicator:
            if (ref.indicator < 1) {
                p.add(path + ".indicator", std::to_string(ref.indicator),
                      "an indicator number, 1 or more");
            }
            if (!ref.code.empty()) {
                p.add(path + ".code", ref.code,
                      "no code for a reference of kind indicator (it is named by its number)");
            }
            break;
    }
}

void check_score(Problems& p, double score, const std::string& where, std::string_view what) {
    if (!(score >= 0 && score <= 100)) {
        p.add(where, std::to_string(score), "a score from 0 to 100 (" + std::string(what) + ")");
    }
}

void check_gaps(Problems& p, const Plan& plan) {
    for (std::size_t i = 0; i < plan.gaps.size(); ++i) {
        const GapRef& gap = plan.gaps[i];
        const std::string path = element("$.gaps", i);
        check_ref(p, gap.ref, path);
        if (is_blank(gap.instrument)) {
            p.add(path + ".instrument", gap.instrument, "the instrument's code, such as \"IIT\"");
        } else if (gap.ref.level == ScoreLevel::kInstrument && gap.ref.code != gap.instrument) {
            p.add(path + ".instrument", gap.instrument,
                  "the same instrument as the gap's code \"" + gap.ref.code + "\"");
        }
        check_score(p, gap.score, path + ".score", "the score the round reported");
        if (gap.answers && gap.favourable && *gap.favourable > *gap.answers) {
            p.add(path + ".favourable", std::to_string(*gap.favourable),
                  "at most the number of answers (" + std::to_string(*gap.answers) + ")");
        }
        if (is_blank(gap.round)) p.add(path + ".round", gap.round, "the round's label");
    }
}

void check_topics(Problems& p, const Plan& plan) {
    std::unordered_map<int, std::size_t> seen;
    for (std::size_t i = 0; i < plan.topics.size(); ++i) {
        const KnowledgeTopic& topic = plan.topics[i];
        const std::string path = element("$.topics", i);
        if (topic.number < 1) {
            p.add(path + ".number", std::to_string(topic.number), "a topic number, 1 or more");
        } else if (auto [it, fresh] = seen.emplace(topic.number, i); !fresh) {
            p.add(path + ".number", std::to_string(topic.number),
                  "a topic number not already used by " + element("$.topics", it->second));
        }
        if (is_blank(topic.text)) p.add(path + ".text", topic.text, "the topic's text");
    }
}

std::string number_list(std::vector<int> numbers) {
    std::sort(numbers.begin(), numbers.end());
    if (numbers.empty()) return "none is defined";
    std::string out;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (i > 0) out += ", ";
        out += std::to_string(numbers[i]);
    }
    return out;
}

void check_percent(Problems& p, int percent, const std::string& where) {
    if (percent < 0 || percent > 100) {
        p.add(where, std::to_string(percent), "a whole percentage from 0 to 100");
    }
}

void check_measure_progress(Problems& p, const Measure& m, const std::string& path) {
    const std::string where = path + ".percent_complete";
    if (!m.percent_complete) {
        if (m.status != MeasureStatus::kCancelled) {
            p.add(where, "", "a percentage 0..100 (only a cancelled measure may leave it out)");
        }
    } else {
        const int percent = *m.percent_complete;
        check_percent(p, percent, where);
        if (m.status == MeasureStatus::kDone && percent != 100) {
            p.add(where, std::to_string(percent), "100 for a measure that is done");
        }
        if (m.status == MeasureStatus::kNotStarted && percent != 0) {
            p.add(where, std::to_string(percent),
                  "0 for a measure not started (or the status \"in_progress\")");
        }
    }
    for (std::size_t u = 0; u < m.updates.size(); ++u) {
        const std::string at = element(path + ".updates", u);
        check_date(p, m.updates[u].on, at + ".date");
        check_percent(p, m.updates[u].percent_complete, at + ".percent_complete");
    }
}

void check_measures(Problems& p, const Plan& plan) {
    const std::size_t n = plan.measures.size();
    std::unordered_map<int, std::size_t> numbers;
    std::vector<int> topic_numbers;
    for (const auto& t : plan.topics) topic_numbers.push_back(t.number);
    for (std::size_t i = 0; i < n; ++i) {
        const Measure& m = plan.measures[i];
        const std::string path = element("$.measures", i);
        if (m.number < 1 || static_cast<std::size_t>(m.number) > n) {
            p.add(path + ".number", std::to_string(m.number),
                  "a measure number from 1 to " + std::to_string(n) +
                      " (measures are numbered 1..n across the plan)");
        } else if (auto [it, fresh] = numbers.emplace(m.number, i); !fresh) {
            p.add(path + ".number", std::to_string(m.number),
                  "a measure number not already used by " + element("$.measures", it->second));
        }
        if (is_blank(m.text)) p.add(path + ".text", m.text, "the measure's text");
        std::set<int> topics_seen;
        for (std::size_t k = 0; k < m.topics.size(); ++k) {
            const int number = m.topics[k];
            const std::string at = element(path + ".topics", k);
            if (plan.find_topic(number) == nullptr) {
                p.add(at, std::to_string(number),
                      "the number of a topic in $.topics (" + number_list(topic_numbers) + ")");
            } else if (!topics_seen.insert(number).second) {
                p.add(at, std::to_string(number), "each topic at most once per measure");
            }
        }
        std::set<int> gaps_seen;
        for (std::size_t k = 0; k < m.gaps.size(); ++k) {
            const int index = m.gaps[k];
            const std::string at = element(path + ".gaps", k);
            if (index < 0 || static_cast<std::size_t>(index) >= plan.gaps.size()) {
                p.add(at, std::to_string(static_cast<long long>(index) + 1),
                      plan.gaps.empty() ? std::string("the number of a gap in $.gaps (none is "
                                                      "defined)")
                                        : "the number of a gap in $.gaps (1 to " +
                                              std::to_string(plan.gaps.size()) + ")");
            } else if (!gaps_seen.insert(index).second) {
                p.add(at, std::to_string(index + 1), "each gap at most once per measure");
            }
        }
        check_date(p, m.start_on, path + ".start_on");
        check_date(p, m.due_on, path + ".due_on");
        if (is_valid_date(m.start_on) && is_valid_date(m.due_on) && m.due_on < m.start_on) {
            p.add(path + ".due_on", to_iso_string(m.due_on),
                  "a due date on or after the start date " + to_iso_string(m.start_on));
        }
        if (m.target) {
            check_ref(p, m.target->ref, path + ".target");
            check_score(p, m.target->min_score, path + ".target.min_score", "the target score");
        }
        check_measure_progress(p, m, path);
    }
}

void check_activities(Problems& p, const Plan& plan) {
    std::unordered_map<std::string, std::size_t> numbers;
    for (std::size_t i = 0; i < plan.activities.size(); ++i) {
        const Activity& a = plan.activities[i];
        const std::string path = element("$.activities", i);
        if (is_blank(a.number)) {
            p.add(path + ".number", a.number, "the activity's number, such as \"4.1\"");
        } else if (auto [it, fresh] = numbers.emplace(a.number, i); !fresh) {
            p.add(path + ".number", a.number,
                  "an activity number not already used by " + element("$.activities", it->second));
        }
        if (is_blank(a.title)) p.add(path + ".title", a.title, "the activity's title");
        check_date(p, a.on, path + ".date");
        if (a.starts_at.has_value() != a.ends_at.has_value()) {
            p.add(path + ".time", "", "both a start and an end time, or no time at all");
        } else if (a.starts_at && a.ends_at) {
            if (!is_valid_time(*a.starts_at) || !is_valid_time(*a.ends_at)) {
                p.add(path + ".time", "", "times of day from 00:00 to 23:59");
            } else if (!(*a.starts_at < *a.ends_at)) {
                p.add(path + ".time.end", to_hhmm_string(*a.ends_at),
                      "an end time after the start time " + to_hhmm_string(*a.starts_at));
            }
        }
        for (std::size_t k = 0; k < a.participants.size(); ++k) {
            if (is_blank(a.participants[k].group)) {
                p.add(element(path + ".participants", k) + ".group", a.participants[k].group,
                      "the group that took part");
            }
        }
        for (std::size_t k = 0; k < a.measures.size(); ++k) {
            if (plan.find_measure(a.measures[k]) == nullptr) {
                p.add(element(path + ".measures", k), std::to_string(a.measures[k]),
                      "the number of a measure in $.measures");
            }
        }
    }
}

}  // namespace

char strategy_letter(Strategy strategy) {
    constexpr std::string_view kLetters = "PIRAB";
    return kLetters[static_cast<std::size_t>(strategy_index(strategy))];
}

std::optional<Strategy> strategy_from_letter(std::string_view letter) {
    if (letter.size() != 1) return std::nullopt;
    for (Strategy s : kAllStrategies) {
        if (strategy_letter(s) == letter[0]) return s;
    }
    return std::nullopt;
}

std::string_view strategy_name_en(Strategy strategy) {
    constexpr std::array<std::string_view, 5> kNames = {"Partnership", "Investment", "Regulate",
                                                        "Advocate", "Build Capacity"};
    return kNames[static_cast<std::size_t>(strategy_index(strategy))];
}

std::string_view strategy_name_th(Strategy strategy) {
    return thai_pirab_strategy_name(strategy_index(strategy));
}

std::string strategy_label(Strategy strategy) {
    return std::string(1, strategy_letter(strategy)) + " : " +
           std::string(strategy_name_en(strategy));
}

std::string_view to_string(ScoreLevel level) {
    switch (level) {
        case ScoreLevel::kItem:
            return "item";
        case ScoreLevel::kIndicator:
            return "indicator";
        case ScoreLevel::kInstrument:
            return "instrument";
    }
    return "item";
}

std::optional<ScoreLevel> score_level_from_string(std::string_view text) {
    for (ScoreLevel level : {ScoreLevel::kItem, ScoreLevel::kIndicator, ScoreLevel::kInstrument}) {
        if (to_string(level) == text) return level;
    }
    return std::nullopt;
}

std::string to_string(const ScoreRef& ref) {
    if (ref.level == ScoreLevel::kIndicator) return "indicator " + std::to_string(ref.indicator);
    return ref.code;
}

std::string_view to_string(MeasureStatus status) {
    switch (status) {
        case MeasureStatus::kNotStarted:
            return "not_started";
        case MeasureStatus::kInProgress:
            return "in_progress";
        case MeasureStatus::kDone:
            return "done";
        case MeasureStatus::kCancelled:
            return "cancelled";
    }
    return "not_started";
}

std::optional<MeasureStatus> measure_status_from_string(std::string_view text) {
    for (MeasureStatus s : {MeasureStatus::kNotStarted, MeasureStatus::kInProgress,
                            MeasureStatus::kDone, MeasureStatus::kCancelled}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

bool same_unit(const UnitRef& a, const UnitRef& b) {
    if (a.id != 0 && b.id != 0) return a.id == b.id;
    if (!a.name.empty() && a.name == b.name) return true;
    return !a.short_name.empty() && a.short_name == b.short_name;
}

const KnowledgeTopic* Plan::find_topic(int number) const {
    for (const auto& topic : topics) {
        if (topic.number == number) return &topic;
    }
    return nullptr;
}

const Measure* Plan::find_measure(int number) const {
    for (const auto& measure : measures) {
        if (measure.number == number) return &measure;
    }
    return nullptr;
}

std::string public_owner(const Plan& plan, const Measure& measure) {
    if (!plan.publish_contact_persons || is_blank(measure.contact_person)) return measure.owner;
    if (is_blank(measure.owner)) return measure.contact_person;
    return measure.owner + " (" + measure.contact_person + ")";
}

bool is_overdue(const Measure& measure, const CivilDate& today) {
    if (measure.status == MeasureStatus::kDone || measure.status == MeasureStatus::kCancelled) {
        return false;
    }
    return measure.due_on < today;
}

const ProgressUpdate* latest_update(const Measure& measure) {
    const ProgressUpdate* latest = nullptr;
    for (const auto& update : measure.updates) {
        if (latest == nullptr || !(update.on < latest->on)) latest = &update;
    }
    return latest;
}

std::int64_t days_since_last_update(const Measure& measure, const CivilDate& today) {
    const ProgressUpdate* latest = latest_update(measure);
    return days_between(latest != nullptr ? latest->on : measure.start_on, today);
}

// Texts typed by people hold no control character but tab and new line
// (core/text_input.hpp).
static void check_typed_texts(Problems& p, const Plan& plan) {
    const auto check = [&](const std::string& where, const std::string& text) {
        if (has_forbidden_control(text)) {
            p.add(where, text, "text without control characters (tab and new line are allowed)");
        }
    };
    for (std::size_t i = 0; i < plan.topics.size(); ++i)
        check(element("$.topics", i) + ".text", plan.topics[i].text);
    for (std::size_t i = 0; i < plan.measures.size(); ++i) {
        const Measure& m = plan.measures[i];
        const std::string path = element("$.measures", i);
        check(path + ".text", m.text);
        check(path + ".rationale", m.rationale);
        check(path + ".owner", m.owner);
    }
    for (std::size_t i = 0; i < plan.activities.size(); ++i) {
        const std::string path = element("$.activities", i);
        check(path + ".title", plan.activities[i].title);
        check(path + ".summary", plan.activities[i].summary);
    }
}

std::vector<Diagnostic> validate_plan(const Plan& plan) {
    Problems p;
    check_typed_texts(p, plan);
    if (is_blank(plan.unit.name) && plan.unit.id == 0) {
        p.add("$.unit.name", plan.unit.name, "the unit's name");
    }
    if (!is_valid_fiscal_year_be(plan.fiscal_year_be)) {
        p.add("$.fiscal_year", std::to_string(plan.fiscal_year_be),
              "a fiscal year in the Buddhist era, " + std::to_string(kMinFiscalYearBe) + " to " +
                  std::to_string(kMaxFiscalYearBe) + ", such as 2569");
    }
    if (is_blank(plan.source_round)) {
        p.add("$.source_round", plan.source_round,
              "the label of the round whose gap analysis started the plan");
    }
    check_gaps(p, plan);
    check_topics(p, plan);
    check_measures(p, plan);
    check_activities(p, plan);
    return p.take();
}

}  // namespace itagap::core
