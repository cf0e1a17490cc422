// The questionnaire model: instruments, indicators, items and answer scales.
//
// A Questionnaire is plain data, loaded from a JSON file (see
// docs/questionnaire-format.md and input/questionnaire_json.hpp). Cross
// references are resolved to indices at load time, so scoring never looks a
// name up. Invariants established by the loader:
//   - codes and numbers are unique; every reference points at an existing entry;
//   - every scale has 2..kMaxOptions options;
//   - items of one indicator, and indicators of one instrument, are listed in
//     the order they appear in the file;
//   - OIT items (below) belong to indicators of the instrument coded "OIT", a
//     sub-indicator to its item's indicator, and their codes clash with no
//     other item code (ignoring letter case);
//   - rating levels are sorted highest min_total first and the last one holds
//     for every score (min_total 0, no instrument condition).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itagap::core {

// Thai text first; English may be empty.
struct LocalText {
    std::string th;
    std::string en;
};

enum class ScoringMethod {
    // Item score = favourable answers / valid answers x 100. ITA 2566 onwards
    // (six-level scales, the positive half favourable). The seed's figures.
    kFavourableShare,
    // Item score = mean of the chosen options' scores (0..100). Older ITA years
    // (0 / 33.33 / 66.67 / 100, or 0 / 100).
    kMeanScore,
};

std::string_view to_string(ScoringMethod method);
std::optional<ScoringMethod> scoring_method_from_string(std::string_view text);

// Answers are stored as one byte: 0 = not answered, k = the k-th option as the
// scale is written. So a scale has at most 255 options; 16 is plenty.
inline constexpr int kMaxOptions = 16;

struct AnswerOption {
    LocalText label;
    double score = 0;  // 0..100, used by kMeanScore
    bool favourable = false;
};

struct AnswerScale {
    std::string id;
    LocalText name;
    std::vector<AnswerOption> options;  // in the order shown to respondents
};

// ---- Sample size (ขนาดกลุ่มตัวอย่าง) ------------------------------------------------
// The fewest respondents an instrument should have in a unit, as a rule that
// is data (the questionnaire's "sample", docs/questionnaire-format.md). The
// published rules (../shared/DOMAIN.md): IIT 10% of staff, at least 30,
// everyone when fewer than 30; EIT 10% of clients, at least 30, 400 when there
// are more than 4,000. core/sample_size.hpp applies it.
enum class SamplePopulation {
    kStaff,    // store::Unit::staff_count (บุคลากร)
    kClients,  // store::Unit::client_count (ผู้รับบริการ)
};

struct SampleRule {
    SamplePopulation population = SamplePopulation::kStaff;
    // The share of the population, in hundredths of a percent (10% = 1000,
    // 12.5% = 1250), so that the rounding up is exact. 1..10000.
    std::int64_t percent_hundredths = 0;
    std::int64_t at_least = 0;        // no fewer than this (capped by the population)
    std::int64_t everyone_below = 0;  // a population below this answers in full; 0: never
    // When the population is above cap_above, the minimum is cap (both or
    // neither; cap <= cap_above).
    std::optional<std::int64_t> cap;
    std::int64_t cap_above = 0;
};

struct Instrument {
    std::string code;  // "IIT", "EIT", "OIT"
    LocalText name;
    double weight = 0;            // share of the ITA total, any positive unit
    std::vector<int> indicators;  // indices into Questionnaire::indicators
    // The minimum number of respondents; none when the file sets no rule for
    // this instrument.
    std::optional<SampleRule> sample;
};

struct Indicator {
    int number = 0;  // 1..10 in the ITA
    LocalText name;
    int instrument = -1;     // index into Questionnaire::instruments
    std::vector<int> items;  // indices into Questionnaire::items
};

struct Item {
    std::string code;  // "i12", "e7"
    LocalText text;
    int indicator = -1;  // index into Questionnaire::indicators
    int scale = -1;      // index into Questionnaire::scales
    // Negatively worded ("staff discriminate ... how much?"): option k of n
    // counts as option n + 1 - k.
    bool reverse = false;
};

// ---- OIT, the evidence checklist (แบบตรวจการเปิดเผยข้อมูลสาธารณะ) ----------------
// OIT items (o1, o2, ...) are answered with evidence published on the unit's
// website, not with survey answers, so they are kept apart from `items`
// (../shared/DOMAIN.md, OIT). An item lists the elements its evidence must
// show, the fiscal year the evidence must cover and how it is scored.

// Which fiscal year the evidence must cover, relative to the round's: plans
// and risk assessments the current one, annual reports the previous one (in
// FY 2569: plans 2569, reports 2568).
enum class EvidenceYear { kCurrent, kPrevious };

std::string_view to_string(EvidenceYear year);  // "current", "previous"
std::optional<EvidenceYear> evidence_year_from_string(std::string_view text);

// How a reviewed item becomes a score (0..100).
enum class OitItemScoring {
    kPresence,    // มี/ไม่มี: passed 100, failed 0 (the default)
    kPerElement,  // passed elements / elements x 100
};

std::string_view to_string(OitItemScoring scoring);  // "presence", "per_element"
std::optional<OitItemScoring> oit_item_scoring_from_string(std::string_view text);

struct OitSubIndicator {
    std::string code;    // "9.1"
    int indicator = -1;  // index into Questionnaire::indicators
    LocalText name;      // ข้อมูลพื้นฐาน
};

struct OitItem {
    std::string code;        // "o2"
    int indicator = -1;      // index into Questionnaire::indicators (an OIT one)
    int sub_indicator = -1;  // index into Questionnaire::oit_sub_indicators; -1 none
    LocalText title;         // ข้อมูลผู้บริหาร
    // What the evidence must show (ชื่อ-นามสกุล, ตำแหน่ง, รูปถ่าย, ...); may be empty.
    std::vector<LocalText> elements;
    EvidenceYear covers = EvidenceYear::kCurrent;
    OitItemScoring scoring = OitItemScoring::kPresence;
};

// ---- Rating levels (ผ่านดีเยี่ยม / ผ่านดี / ผ่าน / ไม่ผ่าน) -----------------------
// Since FY 2568 a rating also looks at each instrument (an EIT below 85 kept
// one agency from ผ่านดี); the full rules are not published, so they are data.
struct InstrumentMinimum {
    int instrument = -1;   // index into Questionnaire::instruments
    double min_score = 0;  // inclusive, 0..100
};

struct RatingLevel {
    LocalText name;        // ผ่านดี
    double min_total = 0;  // inclusive lower bound on the ITA total, 0..100
    std::vector<InstrumentMinimum> instrument_minimums;  // all must hold
    // Which parts of this level are assumptions rather than published rules;
    // empty when the level is as published.
    std::string assumption;
};

struct GradeBand {
    std::string grade;     // "AA"
    double min_score = 0;  // inclusive lower bound, 0..100
};

// The target score (0..100) when nothing else sets one: a questionnaire's
// default_target unless its file says otherwise, and so the default of every
// view and report that is handed a target (the ITA pass mark).
inline constexpr double kDefaultTargetScore = 85;

// Figures resting on fewer respondents than this are not published
// (core/publication.hpp), unless a questionnaire file says otherwise.
inline constexpr int kDefaultMinRespondentsPublished = 5;

struct Questionnaire {
    std::string id;
    LocalText title;
    std::string note;
    ScoringMethod method = ScoringMethod::kFavourableShare;
    double pass_mark = 85;
    double default_target = kDefaultTargetScore;
    int min_respondents_published = kDefaultMinRespondentsPublished;  // >= 1
    std::vector<GradeBand> grades;  // sorted by min_score, highest first

    std::vector<AnswerScale> scales;
    std::vector<Instrument> instruments;
    std::vector<Indicator> indicators;
    std::vector<Item> items;

    // OIT: empty for a questionnaire without an evidence checklist.
    std::vector<OitSubIndicator> oit_sub_indicators;
    std::vector<OitItem> oit_items;
    // Rating levels, highest first; empty when the file sets none.
    std::vector<RatingLevel> rating_levels;

    // Lookups by code or number; -1 when absent.
    int find_instrument(std::string_view code) const;
    int find_indicator(int number) const;
    int find_item(std::string_view code) const;
    int find_scale(std::string_view id) const;
    int find_oit_item(std::string_view code) const;

    // The grade for a score at full precision: 84.995 is below 85.
    const std::string& grade_for(double score) const;
};

// The effective (after reversal) 1-based option of an answer as written.
// REQUIRES: 1 <= written <= option_count.
inline int effective_option(int written, int option_count, bool reverse) {
    return reverse ? option_count + 1 - written : written;
}

}  // namespace itagap::core
