#include "report/document.hpp"

#include <gtest/gtest.h>

namespace itagap::report {
namespace {

Table two_by_three() {
    Table t;
    t.header = {"PIRAB", "มาตรการ"};
    t.column_widths = {1, 3};
    t.rows = {{{"P", 2}, {"1."}}, {{"", 1, true}, {"2."}}, {{"R"}, {"3."}}};
    return t;
}

TEST(CheckDocument, AcceptsASpanWithItsCoveredCells) {
    Document d;
    d.blocks = {Heading{"ชื่อเรื่อง"}, Paragraph{"ข้อความ"}, two_by_three()};
    EXPECT_TRUE(check_document(d).empty());
}

TEST(CheckDocument, NamesEachProblemByTableRowAndColumn) {
    Document d;
    Table bad = two_by_three();
    bad.rows[1][0].covered = false;  // under P's span but not covered
    bad.rows[2][1].row_span = 2;     // past the last row
    bad.rows[0].pop_back();          // one cell short
    d.blocks = {two_by_three(), bad};
    const auto problems = check_document(d);
    ASSERT_EQ(problems.size(), 2u) << ::testing::PrintToString(problems);
    EXPECT_EQ(problems[0], "table 2, row 1: 1 cells for 2 columns");
    EXPECT_EQ(problems[1], "table 2, row 3, column 2: spans past the last row");

    Table covered_text = two_by_three();
    covered_text.rows[1][0].text = "x";
    covered_text.column_widths = {1};
    d.blocks = {covered_text};
    const auto more = check_document(d);
    ASSERT_EQ(more.size(), 2u) << ::testing::PrintToString(more);
    EXPECT_EQ(more[0], "table 1: 1 column widths for 2 columns");
    EXPECT_EQ(more[1], "table 1, row 2, column 1: a covered cell has text");
}

}  // namespace
}  // namespace itagap::report
