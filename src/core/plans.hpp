// Improvement plans (แผนพัฒนา / มาตรการแก้ไข): what a unit does in one fiscal
// year to close the gaps that a round's gap analysis found. The model mirrors
// the ITA KPI 2.1 attachment that agencies write by hand today (the seed
// document): the gaps with the cause the team wrote down, the knowledge topics
// given to clients and stakeholders (C/SH), the corrective measures, each
// under one PIRAB strategy, and the activities and meetings held.
//
// Plain data, as the JSON format (docs/plan-format.md, input/plan_json.hpp)
// and the store carry it. validate_plan() states the invariants; a Plan read
// by the importer satisfies them. Ids a store assigns are int64 (0 = not
// stored yet); codes are strings.
//
// Pure: nothing here reads the clock; functions take `today`.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/thai_date.hpp"

namespace itagap::core {

// ---- PIRAB ------------------------------------------------------------------

// The five action strategies of the Bangkok Charter for Health Promotion
// (2005), used as the planning frame: each measure sits under one of them.
enum class Strategy { kPartnership, kInvestment, kRegulate, kAdvocate, kBuildCapacity };

inline constexpr std::array<Strategy, 5> kAllStrategies = {
    Strategy::kPartnership, Strategy::kInvestment, Strategy::kRegulate, Strategy::kAdvocate,
    Strategy::kBuildCapacity};

char strategy_letter(Strategy strategy);  // 'P', 'I', 'R', 'A', 'B'
// Exactly one upper-case letter of "PIRAB"; anything else is nullopt.
std::optional<Strategy> strategy_from_letter(std::string_view letter);
std::string_view strategy_name_en(Strategy strategy);  // "Partnership", ..., "Build Capacity"
std::string_view strategy_name_th(Strategy strategy);  // from core/thai_date.cpp's table
// "P : Partnership", as the seed's table writes it.
std::string strategy_label(Strategy strategy);
// 0..4 in P I R A B order.
inline int strategy_index(Strategy strategy) { return static_cast<int>(strategy); }

// ---- References to scores -----------------------------------------------------

enum class ScoreLevel { kItem, kIndicator, kInstrument };

std::string_view to_string(ScoreLevel level);  // "item", "indicator", "instrument"
std::optional<ScoreLevel> score_level_from_string(std::string_view text);

// One figure of a unit's scores, named as the questionnaire names it.
struct ScoreRef {
    ScoreLevel level = ScoreLevel::kItem;
    std::string code;   // item code ("i12") or instrument code ("IIT"); empty for an indicator
    int indicator = 0;  // indicator number (1..10 in the ITA) for kIndicator; 0 otherwise

    friend bool operator==(const ScoreRef&, const ScoreRef&) = default;
};

// "i12", "indicator 8", "IIT": for messages.
std::string to_string(const ScoreRef& ref);

// A gap the plan addresses, with the figures as the round reported them.
struct GapRef {
    ScoreRef ref;
    std::string instrument;  // "IIT"; for an instrument gap, equal to ref.code
    double score = 0;        // 0..100, full precision as reported
    // The counts behind the score, when known (the seed: 9 favourable of 11).
    std::optional<std::uint32_t> answers;
    std::optional<std::uint32_t> favourable;
    std::optional<std::uint32_t> respondents;
    std::string round;       // the round the score comes from
    std::string cause_note;  // the cause, as the team wrote it down

    friend bool operator==(const GapRef&, const GapRef&) = default;
};

// A knowledge topic given to clients and stakeholders (ประเด็นความรู้ที่ให้แก่
// C/SH). One topic may serve several measures.
struct KnowledgeTopic {
    int number = 0;  // as numbered in the plan, 1 or more, unique
    std::string text;

    friend bool operator==(const KnowledgeTopic&, const KnowledgeTopic&) = default;
};

// What a measure aims at, checked against the next round: "e7 at least 90".
struct Target {
    ScoreRef ref;
    double min_score = 0;  // 0..100; met when the new score >= min_score
    std::string description;

    friend bool operator==(const Target&, const Target&) = default;
};

enum class MeasureStatus { kNotStarted, kInProgress, kDone, kCancelled };

// "not_started", "in_progress", "done", "cancelled". Overdue is not a status:
// see is_overdue().
std::string_view to_string(MeasureStatus status);
std::optional<MeasureStatus> measure_status_from_string(std::string_view text);

struct ProgressUpdate {
    CivilDate on;
    int percent_complete = 0;  // 0..100, as of `on`
    std::string note;
    std::vector<std::int64_t> evidence_file_ids;  // files a store keeps

    friend bool operator==(const ProgressUpdate&, const ProgressUpdate&) = default;
};

// A corrective measure (มาตรการ).
struct Measure {
    int number = 0;  // numbered across the plan: 1..n, each once
    Strategy strategy = Strategy::kPartnership;
    std::string text;
    std::string rationale;  // เหตุผลในการกำหนดมาตรการ; may be shared text
    std::vector<int> topics;  // KnowledgeTopic::number values
    std::vector<int> gaps;    // indices into Plan::gaps
    // The group or position responsible ("กลุ่มงานบริหารทั่วไป ศรป."): public.
    std::string owner;
    // A person to contact, by name: internal (PDPA); published only when the
    // plan says so (Plan::publish_contact_persons).
    std::string contact_person;
    CivilDate start_on;
    CivilDate due_on;  // the last day; overdue from the day after
    std::optional<Target> target;
    MeasureStatus status = MeasureStatus::kNotStarted;
    // 0..100. Absent only for a cancelled measure; 100 when done.
    std::optional<int> percent_complete = 0;
    std::vector<ProgressUpdate> updates;  // any order; the latest by date counts

    friend bool operator==(const Measure&, const Measure&) = default;
};

struct Participant {
    std::string group;  // "ผู้แทนจากกลุ่มงานต่าง ๆ"
    std::optional<std::uint32_t> count;  // absent when the record does not say

    friend bool operator==(const Participant&, const Participant&) = default;
};

// An activity or meeting held under the plan ("กิจกรรม 4.1").
struct Activity {
    std::string number;  // as the agency numbers it: "4.1"; unique in the plan
    std::string title;
    CivilDate on;
    std::optional<TimeOfDay> starts_at;  // both or neither
    std::optional<TimeOfDay> ends_at;
    std::string place;
    std::vector<Participant> participants;
    std::string summary;
    std::vector<int> measures;  // Measure::number values it serves; may be empty
    std::vector<std::int64_t> evidence_file_ids;

    friend bool operator==(const Activity&, const Activity&) = default;
};

// The unit a plan belongs to: by store id when known, and by name.
struct UnitRef {
    std::int64_t id = 0;  // 0 = unknown / not stored
    std::string name;  // "ศูนย์ความร่วมมือระหว่างประเทศ"
    std::string short_name;  // "ศรป."; may be empty

    friend bool operator==(const UnitRef&, const UnitRef&) = default;
};

// Same unit: by id when both have one, otherwise by name or by short name.
bool same_unit(const UnitRef& a, const UnitRef& b);

struct Plan {
    std::int64_t id = 0;  // 0 = not stored yet
    UnitRef unit;
    int fiscal_year_be = 0;    // 2569
    std::string source_round;  // the round whose gap analysis started the plan
    std::string title;         // optional
    std::string summary;       // optional: the team's findings, in its words
    std::vector<GapRef> gaps;
    std::vector<KnowledgeTopic> topics;
    std::vector<Measure> measures;
    std::vector<Activity> activities;
    // The unit chose to publish its measures' contact persons by name on the
    // public page; by default only the owning group is published.
    bool publish_contact_persons = false;

    const KnowledgeTopic* find_topic(int number) const;
    const Measure* find_measure(int number) const;

    friend bool operator==(const Plan&, const Plan&) = default;
};

// ---- Rules ----------------------------------------------------------------

// Who a measure belongs to as the public page and other published outputs
// show it: the owning group, and the contact person's name only when the
// plan publishes them ("กลุ่มงานบริหารทั่วไป ศรป. (นางสาวสมศรี ใจดี)").
std::string public_owner(const Plan& plan, const Measure& measure);

// Not done, not cancelled, and its due date has passed.
bool is_overdue(const Measure& measure, const CivilDate& today);
// Days from the latest progress update (or from start_on when there is none)
// to today; negative when that day is still to come.
std::int64_t days_since_last_update(const Measure& measure, const CivilDate& today);
// The latest progress update by date (the last listed among equal dates), or null.
const ProgressUpdate* latest_update(const Measure& measure);

// Every problem with a plan, empty when it is valid. `where` is the JSON path
// of the problem in the plan format ("$.measures[2].percent_complete"); gap
// references are shown as gap numbers (index + 1) as the format writes them.
// `file` is empty: the caller fills it in.
//
// Checks: a unit name; fiscal year kMinFiscalYearBe..kMaxFiscalYearBe B.E.; valid dates; gaps: a
// well-formed reference, score 0..100, favourable <= answers, a round;
// topics: numbers >= 1 and unique, text; measures: numbers unique and exactly
// 1..n, text, topic and gap references exist and are not repeated, due_on >=
// start_on, percent 0..100 (absent only when cancelled), done => 100, not
// started => 0, targets well formed with min_score 0..100, updates' percents
// 0..100; activities: numbers unique and non-empty, a title, both times or
// neither with the start before the end, participants named, and measure
// references that exist.
std::vector<Diagnostic> validate_plan(const Plan& plan);

}  // namespace itagap::core
