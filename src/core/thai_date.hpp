// Calendar dates as Thai agencies write them: Gregorian civil dates underneath,
// shown in the Buddhist era (B.E. = C.E. + 543) with Thai month names, grouped
// into fiscal years (ปีงบประมาณ, 1 October to 30 September, named by the B.E.
// year in which they end: FY 2569 = 2025-10-01 .. 2026-09-30).
//
// Pure: nothing here reads the clock. Callers pass "today" explicitly.
//
// This file's .cpp holds the only table of Thai words in core (month names,
// PIRAB strategy names, the time suffix "น.").
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace itagap::core {

inline constexpr int kBuddhistEraOffset = 543;

// A day of the proleptic Gregorian calendar. Plain data: a CivilDate made by
// hand may be invalid; make_date(), parse_iso_date() and civil_from_days()
// only produce valid ones. Compares chronologically when valid.
struct CivilDate {
    int year = 1970;  // Gregorian (C.E.)
    int month = 1;    // 1..12
    int day = 1;      // 1..days_in_month(year, month)

    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

bool is_leap_year(int year);
// 0 when month is outside 1..12.
int days_in_month(int year, int month);
// Years 1..9999 only, so every valid date has a four-digit ISO form.
bool is_valid_date(const CivilDate& date);
std::optional<CivilDate> make_date(int year, int month, int day);

// Strict ISO 8601 calendar date "YYYY-MM-DD": ten characters, zero padded,
// a real day (2025-02-29 is rejected). Nothing else is accepted.
std::optional<CivilDate> parse_iso_date(std::string_view text);
// "2025-11-20". REQUIRES: is_valid_date(date).
std::string to_iso_string(const CivilDate& date);

// Days since 1970-01-01 (negative before), and back.
std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);
// `to` minus `from` in days: days_between(2025-11-20, 2025-11-21) == 1.
std::int64_t days_between(const CivilDate& from, const CivilDate& to);
CivilDate add_days(const CivilDate& date, std::int64_t days);
// The same day `years` later; 29 February becomes 28 February in a common
// year (a round duplicated "a year on"). REQUIRES: is_valid_date(date).
CivilDate add_years(const CivilDate& date, int years);

inline int buddhist_year(int gregorian_year) { return gregorian_year + kBuddhistEraOffset; }
inline int gregorian_year(int buddhist_year) { return buddhist_year - kBuddhistEraOffset; }
inline int buddhist_year(const CivilDate& date) { return buddhist_year(date.year); }

// The fiscal year (B.E.) a date falls in: 2025-09-30 -> 2568, 2025-10-01 -> 2569.
int fiscal_year_be(const CivilDate& date);
// 1 October of the previous Gregorian year: FY 2569 -> 2025-10-01.
CivilDate fiscal_year_first_day(int fiscal_year_be);
// 30 September: FY 2569 -> 2026-09-30.
CivilDate fiscal_year_last_day(int fiscal_year_be);

// Thai month names; month 1..12, empty for anything else.
std::string_view thai_month_abbreviation(int month);  // "พ.ย."
std::string_view thai_month_name(int month);          // "พฤศจิกายน"

// A date as a person types it in a form (issue 12): "dd/mm/yyyy" with a
// Buddhist-era year, days and months with or without a leading zero
// ("1/12/2569" = "01/12/2569" = 2026-12-01), or ISO "yyyy-mm-dd" (C.E.), as a
// browser's date picker sends it. Spaces around are ignored. The year must
// be plausible, B.E. kMinTypedYearBe..kMaxTypedYearBe in either form, so a
// C.E. year typed as B.E. (01/12/2026) or a B.E. year in the ISO form
// (2569-12-01, which would be 3112 C.E.) is refused rather than stored.
inline constexpr int kMinTypedYearBe = 2500;
inline constexpr int kMaxTypedYearBe = 2700;

enum class DateProblem {
    kNone,
    kEmpty,          // nothing typed
    kMalformed,      // neither dd/mm/yyyy nor yyyy-mm-dd
    kNoSuchDay,      // 31/02/2569, 30/13/2569
    kYearOutOfRange  // outside kMinTypedYearBe..kMaxTypedYearBe
};

struct TypedDate {
    std::optional<CivilDate> date;  // set iff problem == kNone
    DateProblem problem = DateProblem::kNone;
};

TypedDate parse_typed_date(std::string_view text);

// "01/12/2569": the form parse_typed_date reads back, for form fields.
// REQUIRES: is_valid_date(date).
std::string format_be_date_numeric(const CivilDate& date);

// "20 พ.ย. 2568". REQUIRES: is_valid_date(date).
std::string format_thai_date(const CivilDate& date);
// "20 พฤศจิกายน 2568". REQUIRES: is_valid_date(date).
std::string format_thai_date_long(const CivilDate& date);

// A clock time within a day, minute precision.
struct TimeOfDay {
    int hour = 0;    // 0..23
    int minute = 0;  // 0..59

    friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;
};

bool is_valid_time(const TimeOfDay& time);
// Strict "HH:MM", 24-hour, zero padded: "09:30". Nothing else is accepted.
std::optional<TimeOfDay> parse_time(std::string_view text);
// "09:30". REQUIRES: is_valid_time(time).
std::string to_hhmm_string(const TimeOfDay& time);
// "09.30 น.", as Thai documents write a time.
std::string format_thai_time(const TimeOfDay& time);
// "09.30 - 11.00 น.".
std::string format_thai_time_range(const TimeOfDay& start, const TimeOfDay& end);

// The Thai name of PIRAB strategy `index` (0 = P, 1 = I, 2 = R, 3 = A, 4 = B),
// empty outside 0..4. Use core/plans.hpp's strategy_name_th() instead; this
// is here only so that all Thai words of core live in one table.
std::string_view thai_pirab_strategy_name(int index);

}  // namespace itagap::core
