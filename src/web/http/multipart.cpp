#include "web/http/multipart.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

#include "web/http/url_decoding.hpp"

namespace itagap::web {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

core::Diagnostic error(std::size_t part_number, std::string expected) {
    core::Diagnostic d;
    d.file = "multipart/form-data body";
    d.where = part_number == 0 ? "framing" : "part " + std::to_string(part_number);
    d.expected = std::move(expected);
    return d;
}

// Parameters of a header value after its first token:
// `form-data; name="a"; filename="b.csv"` -> {name: a, filename: b.csv}.
// Quoted strings may contain ';' and backslash escapes.
std::vector<std::pair<std::string, std::string>> header_parameters(std::string_view value) {
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i;  // past ';'
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        const std::size_t eq = value.find('=', i);
        if (eq == std::string_view::npos) break;
        std::string name(trim(value.substr(i, eq - i)));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::size_t j = eq + 1;
        while (j < value.size() && (value[j] == ' ' || value[j] == '\t')) ++j;
        std::string param_value;
        if (j < value.size() && value[j] == '"') {
            ++j;
            while (j < value.size() && value[j] != '"') {
                if (value[j] == '\\' && j + 1 < value.size()) ++j;
                param_value.push_back(value[j]);
                ++j;
            }
            i = value.find(';', j);
        } else {
            const std::size_t end = value.find(';', j);
            param_value = std::string(
                trim(value.substr(j, end == std::string_view::npos ? value.size() - j : end - j)));
            i = end;
        }
        params.emplace_back(std::move(name), std::move(param_value));
    }
    return params;
}

const std::string* find_param(const std::vector<std::pair<std::string, std::string>>& params,
                              std::string_view name) {
    for (const auto& [key, value] : params) {
        if (key == name) return &value;
    }
    return nullptr;
}

// Browsers send the base name; old ones sent "C:\\Users\\x\\file.csv".
std::string base_name(std::string_view filename) {
    const std::size_t slash = filename.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? filename : filename.substr(slash + 1));
}

// Fills `part` from the header block of one part (without the blank line).
std::optional<std::string> parse_part_headers(std::string_view headers, MultipartPart& part) {
    bool has_disposition = false;
    part.content_type = "text/plain";
    while (!headers.empty()) {
        const std::size_t end = headers.find(kCrlf);
        const std::string_view line = headers.substr(0, end);
        headers = end == std::string_view::npos ? std::string_view{} : headers.substr(end + 2);
        if (line.empty()) continue;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) return "part headers as \"Name: value\" lines";
        const std::string_view name = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
        if (iequals(name, "Content-Disposition")) {
            const std::string_view type = trim(value.substr(0, value.find(';')));
            if (!iequals(type, "form-data")) return "Content-Disposition: form-data";
            const auto params = header_parameters(value);
            const std::string* field_name = find_param(params, "name");
            if (field_name == nullptr) return "a name parameter in Content-Disposition";
            part.name = *field_name;
            if (const std::string* filename = find_param(params, "filename")) {
                part.filename = base_name(*filename);
            } else if (const std::string* ext = find_param(params, "filename*")) {
                // RFC 5987: UTF-8''%E0%B8%81.csv
                const std::size_t quote = ext->find("''");
                if (quote == std::string::npos) return "filename* as charset''percent-encoded";
                auto decoded = percent_decode(std::string_view(*ext).substr(quote + 2), false);
                if (!decoded) return "filename* as charset''percent-encoded";
                part.filename = base_name(*decoded);
            }
            has_disposition = true;
        } else if (iequals(name, "Content-Type")) {
            part.content_type = std::string(value);
        }
    }
    if (!has_disposition) return "a Content-Disposition header";
    if (!is_valid_utf8(part.name) || (part.filename && !is_valid_utf8(*part.filename))) {
        return "field names and file names in UTF-8";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    if (!iequals(type, "multipart/form-data")) return std::nullopt;
    const auto params = header_parameters(content_type);
    const std::string* boundary = find_param(params, "boundary");
    // RFC 2046: 1 to 70 characters, not ending in a space.
    if (boundary == nullptr || boundary->empty() || boundary->size() > 70 ||
        boundary->back() == ' ') {
        return std::nullopt;
    }
    for (const char c : *boundary) {
        if (c == '\r' || c == '\n' || c == '\0') return std::nullopt;
    }
    return *boundary;
}

core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view body,
                                                         std::string_view boundary,
                                                         const MultipartLimits& limits) {
    // Every delimiter but a first one at the very start is preceded by CRLF,
    // which belongs to the delimiter, not to the previous part's data.
    const std::string delimiter = "\r\n--" + std::string(boundary);
    const std::boyer_moore_horspool_searcher searcher(delimiter.begin(), delimiter.end());
    auto find_delimiter = [&](std::size_t from) -> std::size_t {
        const auto it =
            std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), searcher);
        return it == body.end() ? std::string_view::npos
                                : static_cast<std::size_t>(it - body.begin());
    };

    // `pos` is just past the boundary of the delimiter being read.
    std::size_t pos;
    const std::string_view first = std::string_view(delimiter).substr(2);
    if (body.substr(0, first.size()) == first) {
        pos = first.size();
    } else {
        const std::size_t at = find_delimiter(0);
        if (at == std::string_view::npos) return error(0, "a first boundary line");
        pos = at + delimiter.size();
    }

    std::vector<MultipartPart> parts;
    while (true) {
        if (body.substr(pos, 2) == "--") return parts;  // close delimiter; the rest is epilogue
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // padding
        if (body.substr(pos, 2) != kCrlf) return error(parts.size(), "CRLF after a boundary");
        pos += 2;

        const std::size_t part_number = parts.size() + 1;
        if (part_number > limits.max_parts) {
            return error(part_number, "at most " + std::to_string(limits.max_parts) + " parts");
        }
        MultipartPart part;
        std::size_t data_start;
        if (body.substr(pos, 2) == kCrlf) {  // no headers at all
            return error(part_number, "a Content-Disposition header");
        }
        const std::size_t headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos ||
            headers_end - pos > limits.max_part_header_bytes) {
            return error(part_number, "part headers of at most " +
                                          std::to_string(limits.max_part_header_bytes) +
                                          " bytes followed by a blank line");
        }
        if (auto problem = parse_part_headers(body.substr(pos, headers_end - pos), part)) {
            return error(part_number, *problem);
        }
        data_start = headers_end + 4;

        const std::size_t data_end = find_delimiter(data_start);
        if (data_end == std::string_view::npos) {
            return error(part_number, "a closing boundary after the part's data");
        }
        part.data = std::string(body.substr(data_start, data_end - data_start));
        parts.push_back(std::move(part));
        pos = data_end + delimiter.size();
    }
}

}  // namespace itagap::web
