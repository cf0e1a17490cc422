#include "core/number_format.hpp"

#include <gtest/gtest.h>

namespace itagap::core {
namespace {

TEST(NumberFormatTest, TwoDecimalsAsThaiReportsShowThem) {
    EXPECT_EQ(format_score(9.0 / 11 * 100), "81.82");
    EXPECT_EQ(format_score(53.0 / 60 * 100), "88.33");
    EXPECT_EQ(format_score(13.0 / 15 * 100), "86.67");
    EXPECT_EQ(format_score(14.0 / 15 * 100), "93.33");
    EXPECT_EQ(format_score(100), "100.00");
    EXPECT_EQ(format_score(0), "0.00");
    EXPECT_EQ(format_score(7.5), "7.50");
}

TEST(NumberFormatTest, RoundsHalfUpOnTheDecimalValue) {
    // The nearest doubles to these lie just below the written value.
    EXPECT_EQ(format_score(84.995), "85.00");
    EXPECT_EQ(format_score(2.675), "2.68");
    EXPECT_EQ(format_score(1.005), "1.01");
    EXPECT_EQ(format_score(99.995), "100.00");
    EXPECT_EQ(format_score(0.005), "0.01");
    EXPECT_EQ(format_score(84.994), "84.99");
    EXPECT_EQ(format_score(0.0000001), "0.00");
}

TEST(NumberFormatTest, NegativeChangesRoundAwayFromZero) {
    EXPECT_EQ(format_score(-3.035), "-3.04");
    EXPECT_EQ(format_score(-0.001), "0.00");
    EXPECT_EQ(format_score(-12.5), "-12.50");
}

TEST(NumberFormatTest, RoundedValueMatchesTheText) {
    EXPECT_DOUBLE_EQ(round_half_up_2(84.995), 85.0);
    EXPECT_DOUBLE_EQ(round_half_up_2(9.0 / 11 * 100), 81.82);
}

}  // namespace
}  // namespace itagap::core
