// The monthly executive report on improvement plans (the seed document's "R:
// report to executives regularly") as an A4 PDF in the form of a Thai
// government document: Laksaman (metric-compatible with TH Sarabun New) at
// 16 pt, margins top 2.5 cm, left 3 cm, right 2 cm, bottom 2 cm, tables whose
// Thai cells wrap (libthai through pango), rows that do not fit move to the
// next page under a repeated header, and "หน้า N / M" at the foot of each
// page.
//
// Plain data in: every word and figure arrives as text, already formatted and
// in the reader's language (web/report_text.hpp holds the Thai), so this file
// decides layout only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace itagap::report {

// Headings and column names, in the report's language.
struct ExecutiveReportLabels {
    std::string fiscal_year;   // "ปีงบประมาณ"
    std::string month;         // "ประจำเดือน"
    std::string generated_on;  // "จัดทำเมื่อ"
    std::string summary_heading;
    std::string strategy_heading;
    // strategy, measures, done, in progress, not started, cancelled, mean percent
    std::vector<std::string> strategy_columns;
    std::string overdue_heading;
    // unit, measure, owner, due date, days overdue
    std::vector<std::string> overdue_columns;
    std::string quiet_heading;  // with the number of days in it
    // unit, measure, owner, status, days since the last update
    std::vector<std::string> quiet_columns;
    std::string gaps_heading;
    std::string units_heading;
    std::string none;  // "ไม่มี": an empty table or list
    std::string page;  // "หน้า": the footer reads "หน้า 2 / 5"
};

struct SummaryFigure {
    std::string label;  // "มาตรการที่เกินกำหนด"
    std::string value;  // "3"
};

struct StrategyRow {
    std::string strategy;  // "P : Partnership (การสร้างพันธมิตร)"
    std::int64_t measures = 0;  // not cancelled
    std::int64_t done = 0;
    std::int64_t in_progress = 0;
    std::int64_t not_started = 0;
    std::int64_t cancelled = 0;
    std::string mean_percent;  // "81.82", or the "no data" phrase
};

struct OverdueRow {
    std::string unit;
    int measure_number = 0;
    std::string measure_text;
    std::string owner;
    std::string due_on;  // "31 มี.ค. 2569"
    std::int64_t days_overdue = 0;
};

struct QuietRow {
    std::string unit;
    int measure_number = 0;
    std::string measure_text;
    std::string owner;
    std::string status;  // "กำลังดำเนินการ"
    std::string days;    // "45" or "45 (ยังไม่เคยรายงาน)"
};

struct ExecutiveReport {
    std::string title;         // also the PDF's metadata title
    int fiscal_year_be = 0;    // 2569
    std::string month_name;    // "เมษายน"
    int month_year_be = 0;     // 2569
    std::string generated_on;  // "28 พ.ย. 2569"
    std::vector<SummaryFigure> summary;
    std::vector<StrategyRow> strategies;  // P I R A B
    std::vector<OverdueRow> overdue;
    std::vector<QuietRow> quiet;
    std::vector<std::string> unaddressed_gaps;  // one line each: "ศรป.: 2. EIT e7 (86.67)"
    std::vector<std::string> units_without_plan;
    ExecutiveReportLabels labels;
};

// The PDF's bytes, or kInternal naming cairo's error when cairo could not make it.
StatusOr<std::string> executive_report_pdf(const ExecutiveReport& report);

}  // namespace itagap::report
