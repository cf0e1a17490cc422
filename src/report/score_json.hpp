// Scores and gaps as JSON, the machine-readable output of `itagap score`
// (documented in docs/cli.md). Full-precision numbers; "*_text" keys carry
// the two-decimal text a Thai reader sees.
#pragma once

#include <string>
#include <vector>

#include "core/gaps.hpp"
#include "core/scoring.hpp"

namespace itagap::report {

std::string scores_to_json(const core::Questionnaire& q,
                           const std::vector<core::UnitRoundScore>& scores,
                           const std::vector<core::UnitRoundGaps>& gaps, double target);

}  // namespace itagap::report
