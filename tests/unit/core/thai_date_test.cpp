// Thai dates with hand-checked values.
#include "core/thai_date.hpp"

#include <gtest/gtest.h>

namespace itagap::core {
namespace {

CivilDate d(int y, int m, int day) { return CivilDate{y, m, day}; }

TEST(ThaiDateTest, LeapYears) {
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_FALSE(is_leap_year(2025));
    EXPECT_FALSE(is_leap_year(1900));  // century, not divisible by 400
    EXPECT_TRUE(is_leap_year(2000));
    EXPECT_TRUE(make_date(2024, 2, 29).has_value());
    EXPECT_FALSE(make_date(2025, 2, 29).has_value());
    EXPECT_FALSE(make_date(1900, 2, 29).has_value());
    EXPECT_TRUE(make_date(2000, 2, 29).has_value());
    EXPECT_EQ(days_in_month(2025, 4), 30);
    EXPECT_EQ(days_in_month(2025, 13), 0);
    EXPECT_FALSE(make_date(2025, 4, 31).has_value());
    EXPECT_FALSE(make_date(2025, 0, 1).has_value());
    EXPECT_FALSE(make_date(2025, 1, 0).has_value());
}

TEST(ThaiDateTest, ParsesStrictIsoDates) {
    EXPECT_EQ(parse_iso_date("2024-02-29"), d(2024, 2, 29));
    EXPECT_EQ(parse_iso_date("2025-11-20"), d(2025, 11, 20));
    EXPECT_FALSE(parse_iso_date("2025-02-29"));
    EXPECT_FALSE(parse_iso_date("2025-2-01"));
    EXPECT_FALSE(parse_iso_date("2025-02-1"));
    EXPECT_FALSE(parse_iso_date("2025/02/01"));
    EXPECT_FALSE(parse_iso_date(" 2025-02-01"));
    EXPECT_FALSE(parse_iso_date("2025-02-01T00:00"));
    EXPECT_FALSE(parse_iso_date("+025-02-01"));
    EXPECT_FALSE(parse_iso_date("0000-01-01"));
    EXPECT_FALSE(parse_iso_date(""));
    EXPECT_EQ(to_iso_string(d(2025, 3, 7)), "2025-03-07");
}

TEST(ThaiDateTest, DayCounts) {
    EXPECT_EQ(days_from_civil(d(1970, 1, 1)), 0);
    EXPECT_EQ(days_from_civil(d(1969, 12, 31)), -1);
    EXPECT_EQ(days_from_civil(d(2000, 3, 1)), 11017);
    EXPECT_EQ(days_between(d(2024, 2, 28), d(2024, 3, 1)), 2);  // across 29 Feb
    EXPECT_EQ(days_between(d(2025, 2, 28), d(2025, 3, 1)), 1);
    // 10 days of November, then Dec..Sep: 31+31+28+31+30+31+30+31+31+30.
    EXPECT_EQ(days_between(d(2025, 11, 20), d(2026, 9, 30)), 314);
    EXPECT_EQ(days_between(d(2026, 9, 30), d(2025, 11, 20)), -314);
    EXPECT_EQ(days_between(fiscal_year_first_day(2569), fiscal_year_last_day(2569)), 364);
    EXPECT_EQ(add_days(d(2025, 12, 31), 1), d(2026, 1, 1));
    // 0001-01-01 is day -719162; 9999-12-31 is day 2932896.
    EXPECT_EQ(days_from_civil(d(1, 1, 1)), -719162);
    EXPECT_EQ(days_from_civil(d(9999, 12, 31)), 2932896);
    for (std::int64_t n = -719162; n <= 2932896; n += 997) {
        const CivilDate date = civil_from_days(n);
        ASSERT_TRUE(is_valid_date(date)) << n;
        ASSERT_EQ(days_from_civil(date), n);
    }
}

TEST(ThaiDateTest, BuddhistEraAndFiscalYear) {
    EXPECT_EQ(buddhist_year(d(2025, 11, 20)), 2568);
    EXPECT_EQ(gregorian_year(2569), 2026);
    EXPECT_EQ(fiscal_year_be(d(2025, 11, 20)), 2569);
    EXPECT_EQ(fiscal_year_be(d(2025, 9, 30)), 2568);
    EXPECT_EQ(fiscal_year_be(d(2025, 10, 1)), 2569);
    EXPECT_EQ(fiscal_year_be(d(2026, 9, 30)), 2569);
    EXPECT_EQ(fiscal_year_be(d(2026, 10, 1)), 2570);
    EXPECT_EQ(fiscal_year_be(d(2026, 1, 1)), 2569);
    EXPECT_EQ(fiscal_year_first_day(2569), d(2025, 10, 1));
    EXPECT_EQ(fiscal_year_last_day(2569), d(2026, 9, 30));
}

TEST(ThaiDateTest, ThaiFormatting) {
    EXPECT_EQ(format_thai_date(d(2025, 11, 20)), "20 พ.ย. 2568");
    EXPECT_EQ(format_thai_date(d(2026, 1, 5)), "5 ม.ค. 2569");
    EXPECT_EQ(format_thai_date_long(d(2025, 11, 20)), "20 พฤศจิกายน 2568");
    const char* abbreviations[] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                   "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",  "พ.ย.", "ธ.ค."};
    const char* names[] = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",  "เมษายน", "พฤษภาคม",  "มิถุนายน",
                           "กรกฎาคม", "สิงหาคม",  "กันยายน", "ตุลาคม",  "พฤศจิกายน", "ธันวาคม"};
    for (int m = 1; m <= 12; ++m) {
        EXPECT_EQ(thai_month_abbreviation(m), abbreviations[m - 1]) << m;
        EXPECT_EQ(thai_month_name(m), names[m - 1]) << m;
    }
    EXPECT_EQ(thai_month_abbreviation(0), "");
    EXPECT_EQ(thai_month_name(13), "");
}

TEST(ThaiDateTest, Times) {
    EXPECT_EQ(parse_time("09:30"), (TimeOfDay{9, 30}));
    EXPECT_EQ(parse_time("23:59"), (TimeOfDay{23, 59}));
    EXPECT_FALSE(parse_time("9:30"));
    EXPECT_FALSE(parse_time("24:00"));
    EXPECT_FALSE(parse_time("09:60"));
    EXPECT_FALSE(parse_time("09.30"));
    EXPECT_EQ(to_hhmm_string({9, 5}), "09:05");
    EXPECT_EQ(format_thai_time({9, 30}), "09.30 น.");
    EXPECT_EQ(format_thai_time_range({9, 30}, {11, 0}), "09.30 - 11.00 น.");
    EXPECT_LT((TimeOfDay{9, 30}), (TimeOfDay{11, 0}));
}

// Issue 12: dates typed in forms, in พ.ศ. or from a date picker.
TEST(TypedDateTest, BuddhistEraDayMonthYear) {
    auto t = parse_typed_date("01/12/2569");
    ASSERT_EQ(t.problem, DateProblem::kNone);
    EXPECT_EQ(*t.date, d(2026, 12, 1));  // 2569 - 543 = 2026, never 3112
    EXPECT_EQ(*parse_typed_date("1/12/2569").date, d(2026, 12, 1));
    EXPECT_EQ(*parse_typed_date(" 30/9/2569 ").date, d(2026, 9, 30));
    EXPECT_EQ(*parse_typed_date("29/02/2567").date, d(2024, 2, 29));  // 2024 is a leap year
    EXPECT_EQ(parse_typed_date("29/02/2568").problem, DateProblem::kNoSuchDay);
    EXPECT_EQ(parse_typed_date("31/04/2569").problem, DateProblem::kNoSuchDay);
    EXPECT_EQ(parse_typed_date("01/13/2569").problem, DateProblem::kNoSuchDay);
}

TEST(TypedDateTest, IsoFromADatePickerIsGregorian) {
    EXPECT_EQ(*parse_typed_date("2026-12-01").date, d(2026, 12, 1));
    // A B.E. year in the ISO form would be 3112 C.E.: refused, not stored.
    EXPECT_EQ(parse_typed_date("2569-12-01").problem, DateProblem::kYearOutOfRange);
}

TEST(TypedDateTest, ImplausibleYearsAndMalformedTextAreRefused) {
    // A C.E. year typed where B.E. is expected.
    EXPECT_EQ(parse_typed_date("01/12/2026").problem, DateProblem::kYearOutOfRange);
    EXPECT_EQ(parse_typed_date("01/01/2499").problem, DateProblem::kYearOutOfRange);
    EXPECT_EQ(parse_typed_date("31/12/2701").problem, DateProblem::kYearOutOfRange);
    EXPECT_EQ(*parse_typed_date("01/01/2500").date, d(1957, 1, 1));
    EXPECT_EQ(*parse_typed_date("31/12/2700").date, d(2157, 12, 31));
    EXPECT_EQ(parse_typed_date("").problem, DateProblem::kEmpty);
    EXPECT_EQ(parse_typed_date("   ").problem, DateProblem::kEmpty);
    for (const char* bad : {"1 ธ.ค. 2569", "01-12-2569", "01/12/69", "01/12/2569/1", "a/b/cdef",
                            "001/12/2569", "2026-1-01", "2026/12/01"}) {
        EXPECT_EQ(parse_typed_date(bad).problem, DateProblem::kMalformed) << bad;
    }
}

TEST(TypedDateTest, NumericBuddhistEraFormReadsBack) {
    EXPECT_EQ(format_be_date_numeric(d(2026, 12, 1)), "01/12/2569");
    EXPECT_EQ(*parse_typed_date(format_be_date_numeric(d(2025, 9, 30))).date, d(2025, 9, 30));
}

TEST(TypedDateTest, AddYearsKeepsTheDayOrEndsFebruary) {
    EXPECT_EQ(add_years(d(2025, 10, 1), 1), d(2026, 10, 1));
    EXPECT_EQ(add_years(d(2024, 2, 29), 1), d(2025, 2, 28));
    EXPECT_EQ(add_years(d(2024, 2, 29), 4), d(2028, 2, 29));
}

}  // namespace
}  // namespace itagap::core
