// Formatting of scores as Thai users read them: two decimals, rounded half up
// on the decimal value the double stands for (84.995 -> "85.00", although the
// nearest double to 84.995 lies just below it). Rounding happens only here.
#pragma once

#include <string>

namespace itagap::core {

// "81.82". Values are expected in 0..100 but any finite value works.
std::string format_score(double value);

// The value format_score shows, as a number (for JSON "score_rounded").
double round_half_up_2(double value);

}  // namespace itagap::core
