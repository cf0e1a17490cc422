#include "web/http/access_log.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "web/http/url_decoding.hpp"

namespace itagap::web {
namespace {

constexpr std::size_t kMaxLoggedPath = 200;

std::string printable_path(std::string_view target) {
    std::string_view path = target.substr(0, target.find('?'));
    std::string out;
    for (const char c : path.substr(0, kMaxLoggedPath)) {
        const auto byte = static_cast<unsigned char>(c);
        out.push_back(byte < 0x20 || byte == 0x7f || c == ' ' ? '?' : c);
    }
    if (path.size() > kMaxLoggedPath) out += "...";
    return out;
}

}  // namespace

LogSink stderr_log_sink() {
    return [](std::string_view line) {
        std::string buffer(line);
        buffer.push_back('\n');
        // One write(2) per line keeps lines from different threads whole.
        [[maybe_unused]] const auto written = ::write(STDERR_FILENO, buffer.data(), buffer.size());
    };
}

bool is_survey_path(std::string_view path) {
    path = path.substr(0, path.find('?'));
    std::string decoded = percent_decode(path, false).value_or(std::string(path));
    std::transform(decoded.begin(), decoded.end(), decoded.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // Collapse leading repeated slashes, which some clients send.
    const std::size_t first = decoded.find_first_not_of('/');
    const std::string_view rest =
        first == std::string::npos ? std::string_view{} : std::string_view(decoded).substr(first);
    return rest.rfind("s/", 0) == 0 || rest == "s" || rest.rfind("iit", 0) == 0;
}

std::string format_access_log_line(const AccessLogEntry& entry) {
    std::string line = fmt::format("{} {} {} {:.2f}ms", entry.method, printable_path(entry.target),
                                   entry.status, entry.duration_ms);
    if (!entry.remote_address.empty() && !is_survey_path(entry.target)) {
        line += ' ';
        line += entry.remote_address;
    }
    return line;
}

}  // namespace itagap::web
