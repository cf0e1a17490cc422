// `itagap score`: scores a responses CSV against a questionnaire and prints the
// analysis in Thai (text) or as JSON.
#pragma once

#include <iosfwd>
#include <string>

namespace itagap::cli {

struct ScoreOptions {
    std::string questionnaire_path;
    std::string responses_path;
    std::string format = "text";  // text | json
    std::string language = "th";  // th | en
    double target = -1;           // < 0: the questionnaire's default target
};

// Exit codes: 0 success, 2 bad input (diagnostics on `err`), 1 internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternalError = 1;
inline constexpr int kExitBadInput = 2;

int run_score(const ScoreOptions& options, std::ostream& out, std::ostream& err);

}  // namespace itagap::cli
