#include "input/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace itagap::input {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxShownBytes = 60;

std::size_t count_lf(const char* begin, const char* end) {
    return static_cast<std::size_t>(std::count(begin, end, '\n'));
}

// At most kMaxShownBytes of `text`, cut at a UTF-8 character boundary.
std::string excerpt(std::string_view text) {
    if (text.size() <= kMaxShownBytes) return std::string(text);
    std::size_t cut = kMaxShownBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string_view file_name, char delimiter)
    : text_(text), file_name_(file_name), delimiter_(delimiter) {
    if (text_.starts_with(kBom)) text_.remove_prefix(kBom.size());
}

bool CsvReader::fail(std::size_t line, std::size_t field, std::size_t value_begin,
                     std::size_t value_from, std::size_t resume_from, std::string expected,
                     std::string key) {
    const std::size_t n = text_.size();
    std::size_t value_end = std::min(value_from, n);
    while (value_end < n && text_[value_end] != delimiter_ && text_[value_end] != '\n' &&
           text_[value_end] != '\r') {
        ++value_end;
    }
    core::Diagnostic d;
    d.file = file_name_;
    d.line = line;
    d.where = "field " + std::to_string(field + 1);
    d.value = excerpt(text_.substr(value_begin, value_end - value_begin));
    d.expected = std::move(expected);
    d.key = std::move(key);
    error_ = std::move(d);
    error_field_ = field;

    if (resume_from >= n) {
        pos_ = n;
    } else {
        const std::size_t lf = text_.find('\n', resume_from);
        if (lf == std::string_view::npos) {
            pos_ = n;
        } else {
            pos_ = lf + 1;
            line_ += 1;
        }
    }
    return false;
}

bool CsvReader::next(CsvRecord& out) {
    out.fields.clear();
    error_.reset();
    unescaped_.clear();
    fixups_.clear();

    const char* const data = text_.data();
    const std::size_t n = text_.size();
    std::size_t p = pos_;
    if (p >= n) return false;
    out.line = line_;

    for (;;) {
        const std::size_t field = out.fields.size();
        if (p < n && data[p] == '"') {
            // Quoted field.
            const std::size_t open = p;
            const std::size_t open_line = line_;
            const std::size_t content = p + 1;
            bool escaped = false;
            std::size_t q = content;
            std::size_t close = 0;
            for (;;) {
                const void* hit = q < n ? std::memchr(data + q, '"', n - q) : nullptr;
                if (hit == nullptr) {
                    line_ += count_lf(data + q, data + n);
                    return fail(open_line, field, open, open + 1, n,
                                "a closing quote (\") for the quoted field that starts on this "
                                "line",
                                "csv_unclosed_quote");
                }
                const std::size_t at =
                    static_cast<std::size_t>(static_cast<const char*>(hit) - data);
                line_ += count_lf(data + q, data + at);
                if (at + 1 < n && data[at + 1] == '"') {
                    escaped = true;
                    q = at + 2;
                    continue;
                }
                close = at;
                break;
            }
            if (escaped) {
                const std::size_t offset = unescaped_.size();
                for (std::size_t i = content; i < close; ++i) {
                    unescaped_.push_back(data[i]);
                    if (data[i] == '"') ++i;  // the second quote of ""
                }
                fixups_.push_back({field, offset, unescaped_.size() - offset});
                out.fields.emplace_back();
            } else {
                out.fields.emplace_back(data + content, close - content);
            }
            p = close + 1;
            if (p >= n) break;
            if (data[p] == delimiter_) {
                ++p;
                continue;
            }
            if (data[p] == '\n') {
                ++p;
                ++line_;
                break;
            }
            if (data[p] == '\r' && (p + 1 == n || data[p + 1] == '\n')) {
                p += 2;
                ++line_;
                break;
            }
            return fail(line_, field, open, p, p,
                        "a comma or a line end after the closing quote (\") of a quoted field; "
                        "a quote inside a quoted field is written twice (\"\")",
                        "csv_after_quote");
        }

        // Unquoted field: scan to the next separator.
        const std::size_t start = p;
        while (p < n) {
            const char c = data[p];
            if (c == delimiter_ || c == '\n' || c == '\r' || c == '"') break;
            ++p;
        }
        if (p >= n) {
            out.fields.emplace_back(data + start, p - start);
            break;
        }
        const char c = data[p];
        if (c == delimiter_) {
            out.fields.emplace_back(data + start, p - start);
            ++p;
            continue;
        }
        if (c == '\n') {
            out.fields.emplace_back(data + start, p - start);
            ++p;
            ++line_;
            break;
        }
        if (c == '\r') {
            if (p + 1 == n || data[p + 1] == '\n') {
                out.fields.emplace_back(data + start, p - start);
                p += 2;
                ++line_;
                break;
            }
            return fail(line_, field, start, p + 1, p,
                        "a line end of LF or CRLF; a lone carriage return (CR) is allowed only "
                        "inside a quoted field",
                        "csv_lone_cr");
        }
        return fail(line_, field, start, p + 1, p,
                    "no quote (\") inside an unquoted field; quote the whole field and write the "
                    "quote twice (\"\")",
                    "csv_stray_quote");
    }

    pos_ = std::min(p, n);
    for (const Fixup& f : fixups_) {
        out.fields[f.field] = std::string_view(unescaped_.data() + f.offset, f.size);
    }
    return true;
}

}  // namespace itagap::input
