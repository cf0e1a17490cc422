// Plain-text tables of every indicator and item, with counts and intervals,
// for terminals. Columns are aligned by display width: Thai vowel and tone
// marks take no column of their own.
#pragma once

#include <string>
#include <string_view>

#include "core/scoring.hpp"
#include "report/messages.hpp"

namespace itagap::report {

// Columns a UTF-8 string occupies in a terminal (Thai combining marks: 0).
std::size_t display_width(std::string_view utf8);

std::string score_table(const core::Questionnaire& q, const core::InstrumentScore& score,
                        Language language);

}  // namespace itagap::report
