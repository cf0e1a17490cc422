#include "core/thai_date.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace itagap::core {

namespace {

// ===========================================================================
// THAI WORDS USED BY CORE. The only Thai text in src/core code: everything
// else Thai (questionnaire wording, plan text, messages) is data.
// ===========================================================================
constexpr std::array<std::string_view, 12> kThaiMonthAbbreviations = {
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};
constexpr std::array<std::string_view, 12> kThaiMonthNames = {
    "มกราคม",  "กุมภาพันธ์", "มีนาคม",  "เมษายน", "พฤษภาคม",  "มิถุนายน",
    "กรกฎาคม", "สิงหาคม",  "กันยายน", "ตุลาคม",  "พฤศจิกายน", "ธันวาคม",
};
// PIRAB (Bangkok Charter for Health Promotion, 2005), in P I R A B order.
constexpr std::array<std::string_view, 5> kThaiPirabStrategyNames = {
    "การสร้างภาคีเครือข่าย",        // P Partnership
    "การลงทุน",                  // I Investment
    "การออกกฎระเบียบและกฎหมาย",  // R Regulate and legislate
    "การชี้นำ",                   // A Advocate
    "การเสริมสร้างศักยภาพ",        // B Build capacity
};
// Follows a time of day: "09.30 น." (นาฬิกา).
constexpr std::string_view kThaiTimeSuffix = "น.";
// ===========================================================================

std::string two_digits(int value) {
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02d", value);
    return buf.data();
}

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return !text.empty();
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap_year(year)) return 29;
    return kDays[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(const CivilDate& date) {
    return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

std::optional<CivilDate> make_date(int year, int month, int day) {
    const CivilDate date{year, month, day};
    if (!is_valid_date(date)) return std::nullopt;
    return date;
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const std::string_view year = text.substr(0, 4);
    const std::string_view month = text.substr(5, 2);
    const std::string_view day = text.substr(8, 2);
    if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
    return make_date(to_int(year), to_int(month), to_int(day));
}

namespace {

// Splits "d/m/y" into its three parts; false unless exactly two slashes.
bool split_slashes(std::string_view text, std::string_view& day, std::string_view& month,
                   std::string_view& year) {
    const auto first = text.find('/');
    if (first == std::string_view::npos) return false;
    const auto second = text.find('/', first + 1);
    if (second == std::string_view::npos || text.find('/', second + 1) != std::string_view::npos)
        return false;
    day = text.substr(0, first);
    month = text.substr(first + 1, second - first - 1);
    year = text.substr(second + 1);
    return true;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

TypedDate parse_typed_date(std::string_view text) {
    text = trimmed(text);
    if (text.empty()) return {std::nullopt, DateProblem::kEmpty};
    int year_be = 0;
    int month = 0;
    int day = 0;
    std::string_view d;
    std::string_view m;
    std::string_view y;
    if (split_slashes(text, d, m, y)) {
        if (!all_digits(d) || !all_digits(m) || !all_digits(y) || d.size() > 2 || m.size() > 2 ||
            y.size() != 4) {
            return {std::nullopt, DateProblem::kMalformed};
        }
        year_be = to_int(y);
        month = to_int(m);
        day = to_int(d);
    } else if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
               all_digits(text.substr(0, 4)) && all_digits(text.substr(5, 2)) &&
               all_digits(text.substr(8, 2))) {
        year_be = buddhist_year(to_int(text.substr(0, 4)));
        month = to_int(text.substr(5, 2));
        day = to_int(text.substr(8, 2));
    } else {
        return {std::nullopt, DateProblem::kMalformed};
    }
    if (year_be < kMinTypedYearBe || year_be > kMaxTypedYearBe)
        return {std::nullopt, DateProblem::kYearOutOfRange};
    auto date = make_date(gregorian_year(year_be), month, day);
    if (!date) return {std::nullopt, DateProblem::kNoSuchDay};
    return {date, DateProblem::kNone};
}

std::string format_be_date_numeric(const CivilDate& date) {
    return two_digits(date.day) + "/" + two_digits(date.month) + "/" +
           std::to_string(buddhist_year(date));
}

std::string to_iso_string(const CivilDate& date) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf.data();
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain): eras of
// 400 years starting on 1 March, so the leap day is the last day of a year.
std::int64_t days_from_civil(const CivilDate& date) {
    const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t year_of_era = y - era * 400;  // 0..399
    const std::int64_t m = date.month;
    const std::int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;
    const std::int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // 0..146096
    return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;
    const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return CivilDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

std::int64_t days_between(const CivilDate& from, const CivilDate& to) {
    return days_from_civil(to) - days_from_civil(from);
}

CivilDate add_days(const CivilDate& date, std::int64_t days) {
    return civil_from_days(days_from_civil(date) + days);
}

CivilDate add_years(const CivilDate& date, int years) {
    CivilDate out{date.year + years, date.month, date.day};
    out.day = std::min(out.day, days_in_month(out.year, out.month));
    return out;
}

int fiscal_year_be(const CivilDate& date) {
    return buddhist_year(date.month >= 10 ? date.year + 1 : date.year);
}

CivilDate fiscal_year_first_day(int fiscal_year_be) {
    return CivilDate{gregorian_year(fiscal_year_be) - 1, 10, 1};
}

CivilDate fiscal_year_last_day(int fiscal_year_be) {
    return CivilDate{gregorian_year(fiscal_year_be), 9, 30};
}

std::string_view thai_month_abbreviation(int month) {
    if (month < 1 || month > 12) return {};
    return kThaiMonthAbbreviations[static_cast<std::size_t>(month - 1)];
}

std::string_view thai_month_name(int month) {
    if (month < 1 || month > 12) return {};
    return kThaiMonthNames[static_cast<std::size_t>(month - 1)];
}

std::string format_thai_date(const CivilDate& date) {
    return std::to_string(date.day) + " " + std::string(thai_month_abbreviation(date.month)) + " " +
           std::to_string(buddhist_year(date));
}

std::string format_thai_date_long(const CivilDate& date) {
    return std::to_string(date.day) + " " + std::string(thai_month_name(date.month)) + " " +
           std::to_string(buddhist_year(date));
}

bool is_valid_time(const TimeOfDay& time) {
    return time.hour >= 0 && time.hour <= 23 && time.minute >= 0 && time.minute <= 59;
}

std::optional<TimeOfDay> parse_time(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const std::string_view hour = text.substr(0, 2);
    const std::string_view minute = text.substr(3, 2);
    if (!all_digits(hour) || !all_digits(minute)) return std::nullopt;
    const TimeOfDay time{to_int(hour), to_int(minute)};
    if (!is_valid_time(time)) return std::nullopt;
    return time;
}

std::string to_hhmm_string(const TimeOfDay& time) {
    return two_digits(time.hour) + ":" + two_digits(time.minute);
}

std::string format_thai_time(const TimeOfDay& time) {
    return two_digits(time.hour) + "." + two_digits(time.minute) + " " +
           std::string(kThaiTimeSuffix);
}

std::string format_thai_time_range(const TimeOfDay& start, const TimeOfDay& end) {
    return two_digits(start.hour) + "." + two_digits(start.minute) + " - " + format_thai_time(end);
}

std::string_view thai_pirab_strategy_name(int index) {
    if (index < 0 || index >= static_cast<int>(kThaiPirabStrategyNames.size())) return {};
    return kThaiPirabStrategyNames[static_cast<std::size_t>(index)];
}

}  // namespace itagap::core
