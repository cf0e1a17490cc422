#include "report/csv_writer.hpp"

#include <gtest/gtest.h>

namespace itagap::report {
namespace {

TEST(SpreadsheetSafe, FormulaStartsGetAnApostrophe) {
    EXPECT_EQ(spreadsheet_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
    EXPECT_EQ(spreadsheet_safe("+1+cmd"), "'+1+cmd");
    EXPECT_EQ(spreadsheet_safe("-2+3"), "'-2+3");
    EXPECT_EQ(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(spreadsheet_safe("\t=1"), "'\t=1");
    EXPECT_EQ(spreadsheet_safe("\r=1"), "'\r=1");
}

TEST(SpreadsheetSafe, NumbersAndOrdinaryTextStayAsTheyAre) {
    EXPECT_EQ(spreadsheet_safe("-1.25"), "-1.25");
    EXPECT_EQ(spreadsheet_safe("+3"), "+3");
    EXPECT_EQ(spreadsheet_safe("81.82"), "81.82");
    EXPECT_EQ(spreadsheet_safe("ตัวชี้วัดที่ 1 = ดี"), "ตัวชี้วัดที่ 1 = ดี");
    EXPECT_EQ(spreadsheet_safe(""), "");
    EXPECT_EQ(spreadsheet_safe("-"), "'-");
    EXPECT_EQ(spreadsheet_safe("-1.2.3"), "'-1.2.3");
}

TEST(CsvRecord, QuotesWhatNeedsQuotingAndEndsInCrlf) {
    EXPECT_EQ(csv_record({"a", "b,c", "say \"hi\"", "two\nlines", "=1+1"}),
              "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",'=1+1\r\n");
    EXPECT_EQ(csv_record({}), "\r\n");
    EXPECT_EQ(csv_field("=A1,B1"), "\"'=A1,B1\"");
}

}  // namespace
}  // namespace itagap::report
