// A printed document as plain data, independent of its file format: the KPI
// attachment (report/kpi_attachment.hpp) is built as one of these, and the
// DOCX, PDF and HTML writers each render the same blocks. Every string is
// final text in the reader's language (already formatted numbers and dates,
// no markup); writers escape it for their format.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "report/bar_chart_svg.hpp"

namespace itagap::report {

struct Heading {
    std::string text;
    int level = 1;  // 1 = the document's title line, 2 = a section
};

struct Paragraph {
    std::string text;
    bool first_line_indent = true;  // Thai official style: the first line is indented
};

// One cell of a table body. A cell with row_span > 1 also covers the cells of
// the same column in the next row_span - 1 rows; those covered cells are kept
// in place (so every row has one cell per column) with covered = true and
// empty text.
struct TableCell {
    std::string text;
    int row_span = 1;
    bool covered = false;
};

struct Table {
    std::vector<std::string> header;    // one per column
    std::vector<double> column_widths;  // relative widths, one per column (need not sum to 1)
    std::vector<std::vector<TableCell>> rows;
    std::string caption;  // optional, shown above the table
};

// A horizontal bar chart of scores against a target line (the bars as
// bar_chart_svg draws them).
struct Chart {
    std::string title;  // shown above the chart, and its accessible name
    std::vector<Bar> bars;
    double target = core::kDefaultTargetScore;
    std::string target_label;  // "เป้าหมาย 85.00"
};

using Block = std::variant<Heading, Paragraph, Table, Chart>;

struct Document {
    std::string title;     // the file's metadata title
    std::string language;  // "th" or "en" (BCP 47), for the file's metadata
    std::vector<Block> blocks;
    std::string page_label;  // "หน้า": footers read "หน้า 2 / 5"
    std::string footer_note;  // small print at the end: "จัดทำโดย itagap เมื่อ 28 พ.ย. 2569"
};

// Checks the invariants the writers rely on: every table row has one cell per
// header column, widths match the columns, spans stay inside the table and
// covered cells are exactly those under a span. Empty when valid; otherwise
// one line per problem ("table 2, row 3, column 1: ...").
std::vector<std::string> check_document(const Document& document);

// The problems check_document found, as one line for a Status: "a; b".
std::string join_problems(const std::vector<std::string>& problems);

}  // namespace itagap::report
