// The analysis in sentences, in the manner of the KPI attachment agencies
// write by hand: highest and lowest indicators, the lowest items with their
// text and counts, misread reverse-worded items, what is below target, the
// change since the previous round and the ITA total. Sentences adapt to the
// data: ties, a missing instrument, nothing below target, no previous round.
#pragma once

#include <string>
#include <vector>

#include "core/gaps.hpp"
#include "core/sample_size.hpp"
#include "core/scoring.hpp"
#include "report/messages.hpp"

namespace itagap::report {

// Paragraphs of plain text (no markup), in reading order.
std::vector<std::string> narrate(const core::Questionnaire& q, const core::UnitRoundScore& score,
                                 const core::UnitRoundGaps& gaps, Language language);

// Whether each instrument reached its minimum number of respondents
// (core/sample_size.hpp), one sentence per entry of `progress` with the
// numbers, or that the unit's count is not set; "" when `progress` is empty.
std::string sample_paragraph(const core::Questionnaire& q,
                             const std::vector<core::SampleProgress>& progress, Language language);

}  // namespace itagap::report
