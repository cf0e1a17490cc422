#include "report/document.hpp"

#include <fmt/format.h>

namespace itagap::report {

namespace {

void check_table(const Table& table, int table_number, std::vector<std::string>& problems) {
    const std::size_t columns = table.header.size();
    auto where = [&](std::size_t row, std::size_t column) {
        return fmt::format("table {}, row {}, column {}", table_number, row + 1, column + 1);
    };
    if (columns == 0) problems.push_back(fmt::format("table {}: no columns", table_number));
    if (table.column_widths.size() != columns) {
        problems.push_back(fmt::format("table {}: {} column widths for {} columns", table_number,
                                       table.column_widths.size(), columns));
    }
    for (double w : table.column_widths) {
        if (!(w > 0))
            problems.push_back(
                fmt::format("table {}: a column width is not positive", table_number));
    }
    // covered_until[c]: the first row index no longer covered by a span in column c.
    std::vector<std::size_t> covered_until(columns, 0);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        if (row.size() != columns) {
            problems.push_back(fmt::format("table {}, row {}: {} cells for {} columns",
                                           table_number, r + 1, row.size(), columns));
            continue;
        }
        for (std::size_t c = 0; c < columns; ++c) {
            const TableCell& cell = row[c];
            const bool should_be_covered = r < covered_until[c];
            if (cell.covered != should_be_covered) {
                problems.push_back(where(r, c) + (should_be_covered
                                                      ? ": under a span but not marked covered"
                                                      : ": marked covered but under no span"));
            }
            if (cell.covered) {
                if (!cell.text.empty())
                    problems.push_back(where(r, c) + ": a covered cell has text");
                continue;
            }
            if (cell.row_span < 1) {
                problems.push_back(where(r, c) + ": row_span below 1");
            } else if (r + cell.row_span > table.rows.size()) {
                problems.push_back(where(r, c) + ": spans past the last row");
            } else {
                covered_until[c] = r + cell.row_span;
            }
        }
    }
}

}  // namespace

std::vector<std::string> check_document(const Document& document) {
    std::vector<std::string> problems;
    int table_number = 0;
    for (const Block& block : document.blocks) {
        if (const auto* table = std::get_if<Table>(&block))
            check_table(*table, ++table_number, problems);
    }
    return problems;
}

std::string join_problems(const std::vector<std::string>& problems) {
    std::string out;
    for (const std::string& p : problems) out += (out.empty() ? "" : "; ") + p;
    return out;
}

}  // namespace itagap::report
