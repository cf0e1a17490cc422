// One line per request for the operator: method, path, status, duration.
//
// Privacy: the query string, request bodies and cookies are never logged. For
// survey routes (paths starting with /s/ or /iit) the remote address is not
// logged either, so a log line cannot tie a respondent to an answer.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace itagap::web {

// Receives finished lines without a trailing newline. Called from several
// threads at once; the sink must be thread-safe.
using LogSink = std::function<void(std::string_view line)>;

// Writes each line to stderr with one write call.
LogSink stderr_log_sink();

struct AccessLogEntry {
    std::string_view method;
    std::string_view target;  // as sent; the query string is cut off here
    unsigned status = 0;
    double duration_ms = 0;
    std::string_view remote_address;
};

// "GET /api/units/3 200 1.24ms 10.0.0.7", or without the address on survey
// routes. Control characters in the path become '?', long paths are cut.
std::string format_access_log_line(const AccessLogEntry& entry);

// True for paths of the survey respondents fill in: /s/... and /iit....
// Compares after percent-decoding, ignoring case, so "/%73/" counts.
bool is_survey_path(std::string_view path);

}  // namespace itagap::web
