#include "report/pdf/executive_report.hpp"

#include <iterator>

#include "report/pdf/page_writer.hpp"

namespace itagap::report {

namespace {

using pdf::Align;
using pdf::kBody;
using pdf::kBold;
using pdf::kContentWidth;
using pdf::kGapAfterBlock;
using pdf::kTitle;
using pdf::PageTable;
using pdf::PageWriter;
using pdf::plain_row;

// An empty table is the "none" phrase instead.
void write_table(PageWriter& w, const PageTable& t, const std::string& none) {
    if (t.rows.empty()) {
        w.paragraph(none, kBody, Align::kLeft, 12);
        return;
    }
    w.table(t);
}

double first_row_height(const PageWriter& w, const PageTable& t) {
    return t.rows.empty() ? w.measure("-", kBody, kContentWidth) : w.table_lead_height(t);
}

std::string count(std::int64_t n) { return std::to_string(n); }

std::vector<std::string> padded(std::vector<std::string> labels, std::size_t n) {
    labels.resize(n);
    return labels;
}

PageTable summary_table(const ExecutiveReport& r) {
    PageTable t{{}, {0.75, 0.25}, {Align::kLeft, Align::kRight}, {}};
    for (const auto& f : r.summary) t.rows.push_back(plain_row({f.label, f.value}));
    return t;
}

PageTable strategy_table(const ExecutiveReport& r) {
    PageTable t{padded(r.labels.strategy_columns, 7),
                {0.27, 0.13, 0.11, 0.13, 0.12, 0.11, 0.13},
                {Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kRight,
                 Align::kRight, Align::kRight},
                {}};
    for (const auto& s : r.strategies) {
        t.rows.push_back(
            plain_row({s.strategy, count(s.measures), count(s.done), count(s.in_progress),
                       count(s.not_started), count(s.cancelled), s.mean_percent}));
    }
    return t;
}

PageTable overdue_table(const ExecutiveReport& r) {
    PageTable t{padded(r.labels.overdue_columns, 5),
                {0.2, 0.37, 0.18, 0.12, 0.13},
                {Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight},
                {}};
    for (const auto& o : r.overdue) {
        t.rows.push_back(
            plain_row({o.unit, std::to_string(o.measure_number) + ". " + o.measure_text, o.owner,
                       o.due_on, count(o.days_overdue)}));
    }
    return t;
}

PageTable quiet_table(const ExecutiveReport& r) {
    PageTable t{padded(r.labels.quiet_columns, 5),
                {0.2, 0.35, 0.18, 0.13, 0.14},
                {Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight},
                {}};
    for (const auto& q : r.quiet) {
        t.rows.push_back(
            plain_row({q.unit, std::to_string(q.measure_number) + ". " + q.measure_text, q.owner,
                       q.status, q.days}));
    }
    return t;
}

void write_list(PageWriter& w, const std::vector<std::string>& items, const std::string& none) {
    if (items.empty()) {
        w.paragraph(none, kBody, Align::kLeft, 12);
        return;
    }
    for (const auto& item : items) w.paragraph("\u2022 " + item, kBody, Align::kLeft, 12);
}

// The whole report once; returns the number of pages it took.
int write_report(cairo_t* cr, const ExecutiveReport& r, bool draw, int total_pages) {
    PageWriter w(cr, draw, total_pages, r.labels.page);
    const auto& l = r.labels;
    w.paragraph(r.title, kTitle, Align::kCenter);
    w.paragraph(l.fiscal_year + " " + std::to_string(r.fiscal_year_be) + "  " + l.month + " " +
                    r.month_name + " " + std::to_string(r.month_year_be),
                kBody, Align::kCenter);
    w.paragraph(l.generated_on + " " + r.generated_on, kBody, Align::kCenter);
    w.space(kGapAfterBlock);

    const PageTable tables[] = {summary_table(r), strategy_table(r), overdue_table(r),
                                quiet_table(r)};
    const std::string* headings[] = {&l.summary_heading, &l.strategy_heading, &l.overdue_heading,
                                     &l.quiet_heading};
    for (std::size_t i = 0; i < std::size(tables); ++i) {
        w.heading(*headings[i], kBold, Align::kLeft, first_row_height(w, tables[i]));
        w.space(2);
        write_table(w, tables[i], l.none);
        w.space(kGapAfterBlock);
    }
    w.heading(l.gaps_heading, kBold, Align::kLeft, w.measure(l.none, kBody, kContentWidth));
    write_list(w, r.unaddressed_gaps, l.none);
    w.space(kGapAfterBlock);
    w.heading(l.units_heading, kBold, Align::kLeft, w.measure(l.none, kBody, kContentWidth));
    write_list(w, r.units_without_plan, l.none);
    w.finish();
    if (draw) cairo_show_page(cr);
    return w.pages();
}

}  // namespace

StatusOr<std::string> executive_report_pdf(const ExecutiveReport& report) {
    return pdf::two_pass_pdf(report.title, [&](cairo_t* cr, bool draw, int total_pages) {
        return write_report(cr, report, draw, total_pages);
    });
}

}  // namespace itagap::report
