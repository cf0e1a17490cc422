#include "input/plan_json.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/fiscal_year.hpp"
#include "input/json_checker.hpp"

namespace itagap::input {
namespace {

using core::Diagnostic;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::int64_t kMaxCount = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
// Dates are Gregorian; a year this large is a B.E. year typed by mistake
// (2568 for 2025), which would otherwise be a valid date 543 years ahead.
constexpr int kFirstBuddhistLookingYear = core::kMinFiscalYearBe;
constexpr int kFirstPlanYear = 1900;

// ---- The checker: typed access to JSON members, collecting diagnostics --------

// The shared strict reader, plus the value types of plans.
class Checker : public JsonChecker {
public:
    using JsonChecker::JsonChecker;
    using JsonChecker::number;

    // A score: a number from 0 to 100.
    std::optional<double> number(const json& obj, const std::string& path, std::string_view key,
                                 bool required, std::string_view what) {
        return number(obj, path, key, required, 0, 100, what);
    }

    std::optional<core::CivilDate> date(const json& obj, const std::string& path,
                                        std::string_view key, bool required,
                                        std::string_view what) {
        const std::string where = member_path(path, key);
        const auto text = string(obj, path, key, required, what);
        if (!text) {
            if (obj.contains(key)) suppress(where);
            return std::nullopt;
        }
        auto parsed = core::parse_iso_date(*text);
        if (!parsed) {
            error(where, *text,
                  "a date written YYYY-MM-DD in the Gregorian calendar, such as \"2025-11-20\" "
                  "(not the Buddhist era), that exists (" +
                      std::string(what) + ")");
        } else if (parsed->year >= kFirstBuddhistLookingYear) {
            error(where, *text,
                  "a Gregorian (C.E.) year: " + std::to_string(parsed->year) +
                      " looks like a Buddhist-era year, write " +
                      std::to_string(core::gregorian_year(parsed->year)) + " (" +
                      std::string(what) + ")");
            parsed.reset();
        } else if (parsed->year < kFirstPlanYear) {
            error(where, *text,
                  "a date from " + std::to_string(kFirstPlanYear) + " on (" + std::string(what) +
                      ")");
            parsed.reset();
        }
        return parsed;
    }

    std::optional<core::TimeOfDay> time(const json& obj, const std::string& path,
                                        std::string_view key, std::string_view what) {
        const auto text = string(obj, path, key, true, what);
        if (!text) return std::nullopt;
        auto parsed = core::parse_time(*text);
        if (!parsed) {
            error(member_path(path, key), *text,
                  "a 24-hour time written HH:MM, such as \"09:30\" (" + std::string(what) + ")");
        }
        return parsed;
    }

    // An array of ids (1 or more) at `key`; optional, default empty.
    std::vector<std::int64_t> ids(const json& obj, const std::string& path, std::string_view key,
                                  std::string_view what) {
        std::vector<std::int64_t> out;
        const json* list = array(obj, path, key, false, what);
        if (list == nullptr) return out;
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (auto id =
                    whole((*list)[i], element_path(member_path(path, key), i), 1, kMaxId, what)) {
                out.push_back(*id);
            }
        }
        return out;
    }
};

// ---- The sections of a plan -----------------------------------------------------

// "kind" plus "code" or "indicator", shared by gaps and targets.
std::optional<core::ScoreRef> read_score_ref(Checker& c, const json& obj, const std::string& path,
                                             std::string_view what) {
    core::ScoreRef ref;
    const auto kind = c.string(
        obj, path, "kind", true,
        "\"item\", \"indicator\" or \"instrument\": what " + std::string(what) + " is about");
    if (!kind) {
        c.suppress(path + ".code");
        c.suppress(path + ".indicator");
        return std::nullopt;
    }
    const auto level = core::score_level_from_string(*kind);
    if (!level) {
        c.error(path + ".kind", *kind, "\"item\", \"indicator\" or \"instrument\"");
        c.suppress(path + ".code");
        c.suppress(path + ".indicator");
        return std::nullopt;
    }
    ref.level = *level;
    if (ref.level == core::ScoreLevel::kIndicator) {
        if (obj.contains("code")) {
            c.error(path + ".code", show(obj["code"]),
                    "no \"code\" for kind \"indicator\": name it by \"indicator\": 8");
        }
        if (auto n = c.whole(obj, path, "indicator", true, 1, 1000000,
                             "the indicator's number, such as 8")) {
            ref.indicator = static_cast<int>(*n);
        } else {
            ref.indicator = 1;  // placeholder; the problem is reported
        }
    } else {
        if (obj.contains("indicator")) {
            c.error(path + ".indicator", show(obj["indicator"]),
                    "no \"indicator\" for kind " + quote(*kind) + ": name it by \"code\"");
        }
        const std::string example = ref.level == core::ScoreLevel::kItem ? "\"i12\"" : "\"IIT\"";
        if (auto code = c.string(obj, path, "code", true,
                                 "the " + std::string(*kind) + "'s code, such as " + example)) {
            ref.code = *code;
        } else {
            c.suppress(path + ".code");
        }
    }
    return ref;
}

void read_unit(Checker& c, const json& doc, core::Plan& plan) {
    const json* unit = c.member(doc, "$", "unit", true, "the unit the plan belongs to");
    if (unit == nullptr) {
        c.suppress("$.unit");
        return;
    }
    if (!c.object(*unit, "$.unit", "the unit {\"name\": ..., \"short_name\": ...}",
                  {"id", "name", "short_name"})) {
        return;
    }
    if (auto id = c.whole(*unit, "$.unit", "id", false, 1, kMaxId, "the unit's id in the store")) {
        plan.unit.id = *id;
    }
    if (auto name = c.string(*unit, "$.unit", "name", true, "the unit's full name")) {
        plan.unit.name = *name;
    } else {
        c.suppress("$.unit.name");
    }
    if (auto name = c.string(*unit, "$.unit", "short_name", false, "the unit's short name")) {
        plan.unit.short_name = *name;
    }
}

void read_gaps(Checker& c, const json& doc, core::Plan& plan) {
    const json* gaps = c.array(doc, "$", "gaps", true, "the gaps the plan addresses");
    if (gaps == nullptr) return;
    for (std::size_t i = 0; i < gaps->size(); ++i) {
        const std::string path = element_path("$.gaps", i);
        core::GapRef& gap = plan.gaps.emplace_back();
        const json& g = (*gaps)[i];
        if (!c.object(g, path, "a gap",
                      {"number", "kind", "code", "indicator", "instrument", "score", "answers",
                       "favourable", "respondents", "round", "cause"})) {
            continue;
        }
        if (auto n = c.whole(g, path, "number", true, 1, kMaxId, "the gap's number")) {
            if (*n != static_cast<std::int64_t>(i + 1)) {
                c.error(path + ".number", std::to_string(*n),
                        std::to_string(i + 1) + ": gaps are numbered 1, 2, 3 ... in file order");
            }
        }
        if (auto ref = read_score_ref(c, g, path, "the gap")) gap.ref = *ref;
        if (auto s =
                c.string(g, path, "instrument", true, "the instrument's code, such as \"IIT\"")) {
            gap.instrument = *s;
        } else {
            c.suppress(path + ".instrument");
        }
        if (auto score = c.number(g, path, "score", true, "the score the round reported")) {
            gap.score = *score;
        }
        const auto count = [&](std::string_view key, std::string_view what) {
            std::optional<std::uint32_t> out;
            if (auto n = c.whole(g, path, key, false, 0, kMaxCount, what, true)) {
                out = static_cast<std::uint32_t>(*n);
            }
            return out;
        };
        gap.answers = count("answers", "the number of valid answers");
        gap.favourable = count("favourable", "the number of favourable answers");
        gap.respondents = count("respondents", "the number of respondents");
        if (auto round = c.string(g, path, "round", true, "the round's label")) {
            gap.round = *round;
        } else {
            c.suppress(path + ".round");
        }
        if (auto cause = c.string(g, path, "cause", false, "the cause, as the team wrote it")) {
            gap.cause_note = *cause;
        }
    }
}

void read_topics(Checker& c, const json& doc, core::Plan& plan) {
    const json* topics = c.array(doc, "$", "topics", true, "the knowledge topics for C/SH");
    if (topics == nullptr) return;
    for (std::size_t i = 0; i < topics->size(); ++i) {
        const std::string path = element_path("$.topics", i);
        core::KnowledgeTopic& topic = plan.topics.emplace_back();
        const json& t = (*topics)[i];
        if (!c.object(t, path, "a knowledge topic", {"number", "text"})) continue;
        if (auto n = c.whole(t, path, "number", true, 1, 1000000, "the topic's number")) {
            topic.number = static_cast<int>(*n);
        }
        if (auto text = c.string(t, path, "text", true, "the topic's text")) {
            topic.text = *text;
        } else {
            c.suppress(path + ".text");
        }
    }
}

// A list of whole numbers; unreadable entries stay as `placeholder`, so the
// paths of later entries match the file.
std::vector<int> read_numbers(Checker& c, const json& obj, const std::string& path,
                              std::string_view key, bool required, std::string_view what,
                              int placeholder) {
    std::vector<int> out;
    const json* list = c.array(obj, path, key, required, what);
    if (list == nullptr) return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto n =
            c.whole((*list)[i], element_path(member_path(path, key), i), 1, 1000000, what);
        out.push_back(n ? static_cast<int>(*n) : placeholder);
    }
    return out;
}

void read_target(Checker& c, const json& m, const std::string& path, core::Measure& measure) {
    const json* t = c.member(m, path, "target", false, "", true);
    if (t == nullptr) return;
    const std::string at = path + ".target";
    if (!c.object(*t, at, "a target {\"kind\": ..., \"code\": ..., \"min_score\": ...}",
                  {"kind", "code", "indicator", "min_score", "description"})) {
        return;
    }
    core::Target target;
    if (auto ref = read_score_ref(c, *t, at, "the target")) target.ref = *ref;
    if (auto min = c.number(*t, at, "min_score", true, "the lowest score that meets the target")) {
        target.min_score = *min;
    }
    if (auto d = c.string(*t, at, "description", false, "the target in words")) {
        target.description = *d;
    }
    measure.target = std::move(target);
}

void read_updates(Checker& c, const json& m, const std::string& path, core::Measure& measure) {
    const json* updates = c.array(m, path, "updates", false, "the progress updates");
    if (updates == nullptr) return;
    for (std::size_t i = 0; i < updates->size(); ++i) {
        const std::string at = element_path(path + ".updates", i);
        core::ProgressUpdate& update = measure.updates.emplace_back();
        const json& u = (*updates)[i];
        if (!c.object(u, at, "a progress update",
                      {"date", "percent_complete", "note", "evidence"})) {
            continue;
        }
        if (auto d = c.date(u, at, "date", true, "the day of the update")) update.on = *d;
        if (auto p = c.whole(u, at, "percent_complete", true, 0, 100, "percent complete")) {
            update.percent_complete = static_cast<int>(*p);
        }
        if (auto note = c.string(u, at, "note", false, "what was done")) update.note = *note;
        update.evidence_file_ids = c.ids(u, at, "evidence", "ids of evidence files");
    }
}

void read_measures(Checker& c, const json& doc, core::Plan& plan) {
    const json* measures = c.array(doc, "$", "measures", true, "the corrective measures");
    if (measures == nullptr) return;
    for (std::size_t i = 0; i < measures->size(); ++i) {
        const std::string path = element_path("$.measures", i);
        core::Measure& measure = plan.measures.emplace_back();
        const json& m = (*measures)[i];
        if (!c.object(m, path, "a measure",
                      {"number", "strategy", "text", "rationale", "topics", "gaps", "owner",
                       "contact_person", "start_on", "due_on", "target", "status",
                       "percent_complete", "updates"})) {
            continue;
        }
        if (auto n = c.whole(m, path, "number", true, 1, 1000000, "the measure's number")) {
            measure.number = static_cast<int>(*n);
        }
        if (auto s = c.string(m, path, "strategy", true, "the PIRAB letter: P, I, R, A or B")) {
            if (auto strategy = core::strategy_from_letter(*s)) {
                measure.strategy = *strategy;
            } else {
                c.error(path + ".strategy", *s,
                        "one PIRAB letter, upper case: P (Partnership), I (Investment), "
                        "R (Regulate), A (Advocate) or B (Build Capacity)");
            }
        }
        if (auto text = c.string(m, path, "text", true, "the measure's text")) {
            measure.text = *text;
        } else {
            c.suppress(path + ".text");
        }
        if (auto text = c.string(m, path, "rationale", true, "the reason for the measure")) {
            measure.rationale = *text;
        }
        measure.topics =
            read_numbers(c, m, path, "topics", true, "numbers of knowledge topics in $.topics", 0);
        // Gap numbers are 1-based in the file, indices in the model.
        for (int n : read_numbers(c, m, path, "gaps", true, "numbers of gaps in $.gaps", 0)) {
            measure.gaps.push_back(n - 1);
        }
        if (auto owner = c.string(m, path, "owner", true, "the group or position responsible")) {
            measure.owner = *owner;
        }
        if (auto person = c.string(m, path, "contact_person", false,
                                   "a person to contact, by name (not published by default)")) {
            measure.contact_person = *person;
        }
        const auto start = c.date(m, path, "start_on", true, "the first day");
        const auto due = c.date(m, path, "due_on", true, "the last day");
        if (start) measure.start_on = *start;
        if (due) measure.due_on = *due;
        if (!start || !due) {
            measure.due_on = measure.start_on;  // placeholder; the problem is reported
            c.suppress(path + ".due_on");
        }
        read_target(c, m, path, measure);
        if (auto s = c.string(m, path, "status", true,
                              "\"not_started\", \"in_progress\", \"done\" or \"cancelled\"")) {
            if (auto status = core::measure_status_from_string(*s)) {
                measure.status = *status;
            } else {
                c.error(path + ".status", *s,
                        "\"not_started\", \"in_progress\", \"done\" or \"cancelled\" (overdue is "
                        "computed, not written)");
                c.suppress(path + ".percent_complete");
            }
        } else {
            c.suppress(path + ".percent_complete");
        }
        measure.percent_complete = std::nullopt;
        const bool has_percent = m.contains("percent_complete") && !m["percent_complete"].is_null();
        if (auto p = c.whole(m, path, "percent_complete", false, 0, 100,
                             "percent complete; null or left out only when cancelled", true)) {
            measure.percent_complete = static_cast<int>(*p);
        } else if (has_percent) {
            measure.percent_complete = 0;  // placeholder; the problem is reported
        }
        read_updates(c, m, path, measure);
    }
}

void read_activities(Checker& c, const json& doc, core::Plan& plan) {
    const json* activities = c.array(doc, "$", "activities", true, "the activities and meetings");
    if (activities == nullptr) return;
    for (std::size_t i = 0; i < activities->size(); ++i) {
        const std::string path = element_path("$.activities", i);
        core::Activity& activity = plan.activities.emplace_back();
        const json& a = (*activities)[i];
        if (!c.object(a, path, "an activity",
                      {"number", "title", "date", "time", "place", "participants", "summary",
                       "measures", "evidence"})) {
            continue;
        }
        if (auto n = c.string(a, path, "number", true, "the activity's number, such as \"4.1\"")) {
            activity.number = *n;
        } else {
            c.suppress(path + ".number");
        }
        if (auto t = c.string(a, path, "title", true, "the activity's title")) {
            activity.title = *t;
        } else {
            c.suppress(path + ".title");
        }
        if (auto d = c.date(a, path, "date", true, "the day it took place")) activity.on = *d;
        if (const json* time = c.member(a, path, "time", false, "", true)) {
            const std::string at = path + ".time";
            if (c.object(*time, at, "a time range {\"start\": \"09:30\", \"end\": \"11:00\"}",
                         {"start", "end"})) {
                activity.starts_at = c.time(*time, at, "start", "when it started");
                activity.ends_at = c.time(*time, at, "end", "when it ended");
                if (!activity.starts_at || !activity.ends_at) c.suppress(at);
            }
        }
        if (auto p = c.string(a, path, "place", true, "where it took place")) activity.place = *p;
        if (const json* list = c.array(a, path, "participants", true, "who took part")) {
            for (std::size_t k = 0; k < list->size(); ++k) {
                const std::string at = element_path(path + ".participants", k);
                core::Participant& who = activity.participants.emplace_back();
                const json& w = (*list)[k];
                if (!c.object(w, at, "a participant group {\"group\": ..., \"count\": ...}",
                              {"group", "count"})) {
                    continue;
                }
                if (auto g = c.string(w, at, "group", true, "the group that took part")) {
                    who.group = *g;
                } else {
                    c.suppress(at + ".group");
                }
                if (auto n = c.whole(w, at, "count", false, 0, kMaxCount,
                                     "how many took part, or null when unknown", true)) {
                    who.count = static_cast<std::uint32_t>(*n);
                }
            }
        }
        if (auto s = c.string(a, path, "summary", true, "what happened")) activity.summary = *s;
        activity.measures = read_numbers(c, a, path, "measures", false,
                                         "numbers of measures in $.measures it serves", 1);
        activity.evidence_file_ids = c.ids(a, path, "evidence", "ids of evidence files");
    }
}

core::Result<core::Plan> parse(std::string_view text, std::string_view file_name) {
    Checker c(file_name);
    json doc;
    if (!parse_json_document(text, c, doc)) return c.take();
    if (!doc.is_object()) {
        c.error("$", show(doc), "an object {...} at the top level, holding a plan");
        return c.take();
    }
    c.object(doc, "$", "a plan",
             {"format", "id", "unit", "fiscal_year", "source_round", "title", "summary", "gaps",
              "topics", "measures", "activities", "publish_contact_persons"});
    if (auto format = c.string(doc, "$", "format", true, quote(kPlanFormat))) {
        if (*format != kPlanFormat) {
            c.error("$.format", *format, "the format " + quote(kPlanFormat));
            return c.take();
        }
    }

    core::Plan plan;
    if (auto id =
            c.whole(doc, "$", "id", false, 1, kMaxId, "the plan's id in the store it came from")) {
        plan.id = *id;
    }
    read_unit(c, doc, plan);
    if (auto year =
            c.whole(doc, "$", "fiscal_year", true, core::kMinFiscalYearBe, core::kMaxFiscalYearBe,
                    "the fiscal year in the Buddhist era, such as 2569")) {
        plan.fiscal_year_be = static_cast<int>(*year);
    } else {
        c.suppress("$.fiscal_year");
    }
    if (auto round = c.string(doc, "$", "source_round", true,
                              "the label of the round whose gap analysis started the plan")) {
        plan.source_round = *round;
    } else {
        c.suppress("$.source_round");
    }
    if (auto title = c.string(doc, "$", "title", false, "the plan's title")) plan.title = *title;
    if (auto summary = c.string(doc, "$", "summary", false, "the team's findings")) {
        plan.summary = *summary;
    }
    if (auto publish = c.boolean(doc, "$", "publish_contact_persons", false,
                                 "true to publish the measures' contact persons by name")) {
        plan.publish_contact_persons = *publish;
    }
    read_gaps(c, doc, plan);
    read_topics(c, doc, plan);
    read_measures(c, doc, plan);
    read_activities(c, doc, plan);

    c.add_rule_findings(core::validate_plan(plan));
    if (c.has_errors()) return c.take();
    return plan;
}

// ---- Writing ---------------------------------------------------------------------

ordered_json write_ref(const core::ScoreRef& ref) {
    ordered_json out;
    out["kind"] = std::string(core::to_string(ref.level));
    if (ref.level == core::ScoreLevel::kIndicator) {
        out["indicator"] = ref.indicator;
    } else {
        out["code"] = ref.code;
    }
    return out;
}

ordered_json write_gap(const core::GapRef& gap, std::size_t index) {
    ordered_json out;
    out["number"] = index + 1;
    const ordered_json ref = write_ref(gap.ref);
    for (const auto& [key, value] : ref.items()) out[key] = value;
    out["instrument"] = gap.instrument;
    out["score"] = gap.score;
    if (gap.answers) out["answers"] = *gap.answers;
    if (gap.favourable) out["favourable"] = *gap.favourable;
    if (gap.respondents) out["respondents"] = *gap.respondents;
    out["round"] = gap.round;
    if (!gap.cause_note.empty()) out["cause"] = gap.cause_note;
    return out;
}

ordered_json write_measure(const core::Measure& m) {
    ordered_json out;
    out["number"] = m.number;
    out["strategy"] = std::string(1, core::strategy_letter(m.strategy));
    out["text"] = m.text;
    out["rationale"] = m.rationale;
    out["topics"] = m.topics;
    ordered_json gaps = ordered_json::array();
    for (int g : m.gaps) gaps.push_back(g + 1);
    out["gaps"] = gaps;
    out["owner"] = m.owner;
    if (!m.contact_person.empty()) out["contact_person"] = m.contact_person;
    out["start_on"] = core::to_iso_string(m.start_on);
    out["due_on"] = core::to_iso_string(m.due_on);
    if (m.target) {
        ordered_json target = write_ref(m.target->ref);
        target["min_score"] = m.target->min_score;
        if (!m.target->description.empty()) target["description"] = m.target->description;
        out["target"] = target;
    }
    out["status"] = std::string(core::to_string(m.status));
    if (m.percent_complete) out["percent_complete"] = *m.percent_complete;
    ordered_json updates = ordered_json::array();
    for (const auto& u : m.updates) {
        ordered_json update;
        update["date"] = core::to_iso_string(u.on);
        update["percent_complete"] = u.percent_complete;
        if (!u.note.empty()) update["note"] = u.note;
        if (!u.evidence_file_ids.empty()) update["evidence"] = u.evidence_file_ids;
        updates.push_back(update);
    }
    out["updates"] = updates;
    return out;
}

ordered_json write_activity(const core::Activity& a) {
    ordered_json out;
    out["number"] = a.number;
    out["title"] = a.title;
    out["date"] = core::to_iso_string(a.on);
    if (a.starts_at && a.ends_at) {
        out["time"] = ordered_json{{"start", core::to_hhmm_string(*a.starts_at)},
                                   {"end", core::to_hhmm_string(*a.ends_at)}};
    }
    out["place"] = a.place;
    ordered_json participants = ordered_json::array();
    for (const auto& p : a.participants) {
        ordered_json who;
        who["group"] = p.group;
        who["count"] = p.count ? ordered_json(*p.count) : ordered_json(nullptr);
        participants.push_back(who);
    }
    out["participants"] = participants;
    out["summary"] = a.summary;
    if (!a.measures.empty()) out["measures"] = a.measures;
    if (!a.evidence_file_ids.empty()) out["evidence"] = a.evidence_file_ids;
    return out;
}

}  // namespace

std::string export_plan_json(const core::Plan& plan) {
    ordered_json doc;
    doc["format"] = std::string(kPlanFormat);
    if (plan.id != 0) doc["id"] = plan.id;
    ordered_json unit;
    if (plan.unit.id != 0) unit["id"] = plan.unit.id;
    unit["name"] = plan.unit.name;
    if (!plan.unit.short_name.empty()) unit["short_name"] = plan.unit.short_name;
    doc["unit"] = unit;
    doc["fiscal_year"] = plan.fiscal_year_be;
    doc["source_round"] = plan.source_round;
    if (!plan.title.empty()) doc["title"] = plan.title;
    if (!plan.summary.empty()) doc["summary"] = plan.summary;
    ordered_json gaps = ordered_json::array();
    for (std::size_t i = 0; i < plan.gaps.size(); ++i) gaps.push_back(write_gap(plan.gaps[i], i));
    doc["gaps"] = gaps;
    ordered_json topics = ordered_json::array();
    for (const auto& t : plan.topics) {
        topics.push_back(ordered_json{{"number", t.number}, {"text", t.text}});
    }
    doc["topics"] = topics;
    ordered_json measures = ordered_json::array();
    for (const auto& m : plan.measures) measures.push_back(write_measure(m));
    doc["measures"] = measures;
    ordered_json activities = ordered_json::array();
    for (const auto& a : plan.activities) activities.push_back(write_activity(a));
    doc["activities"] = activities;
    if (plan.publish_contact_persons) doc["publish_contact_persons"] = true;
    return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

core::Result<core::Plan> parse_plan_json(std::string_view text, std::string_view file_name) {
    try {
        return parse(text, file_name);
    } catch (const std::exception& e) {
        return Diagnostic{
            std::string(file_name), 0, "$", "",
            std::string("a plan that can be read (internal error: ") + e.what() + ")"};
    } catch (...) {
        return Diagnostic{std::string(file_name), 0, "$", "",
                          "a plan that can be read (unknown internal error)"};
    }
}

}  // namespace itagap::input
