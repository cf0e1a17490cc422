// The KPI 2.1 attachment (เอกสารแนบผลการดำเนินงานตัวชี้วัด 2.1) that agencies
// write by hand today, built from data: the meeting held (date, time, place,
// who took part), the findings of each instrument as Thai sentences (highest
// and lowest indicators with their scores, the lowest items with text, score
// and counts, the likely-misread signal where it fired), the team's cause
// notes, the PIRAB table (strategy | measure | rationale | knowledge for
// C/SH, a cell spanning the measures it serves), a chart of the indicator
// scores against the target, and the state of each measure.
//
// Pure: the caller gives the scores, the gaps, the plan and the date it
// counts as today. The result is a report::Document, which the DOCX, PDF and
// HTML writers render the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/gaps.hpp"
#include "core/plans.hpp"
#include "core/questionnaire.hpp"
#include "core/sample_size.hpp"
#include "core/scoring.hpp"
#include "core/thai_date.hpp"
#include "report/document.hpp"
#include "report/messages.hpp"

namespace itagap::report {

struct KpiAttachmentInput {
    const core::Questionnaire* questionnaire = nullptr;
    const core::UnitRoundScore* score = nullptr;
    const core::UnitRoundGaps* gaps = nullptr;
    const core::Plan* plan = nullptr;  // optional: without it, the findings and chart only
    std::string unit_name;  // "ศูนย์ความร่วมมือระหว่างประเทศ"
    std::string unit_short_name;  // "ศรป."; may be empty
    std::string round_name;       // "ITA 2568 รอบ 5 เดือนแรก"
    int fiscal_year_be = 0;       // for the title; the plan's year when 0
    core::CivilDate today;        // for the "made on" line and the state of measures
    // Respondents against the minimum per instrument (core::sample_progress);
    // empty: no sentence about the sample size.
    std::vector<core::SampleProgress> sample;
    Language language = Language::kThai;
};

Document kpi_attachment(const KpiAttachmentInput& input);

}  // namespace itagap::report
