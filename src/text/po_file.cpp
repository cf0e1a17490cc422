#include "text/po_file.hpp"

#include <set>
#include <utility>

namespace itagap::text {

namespace {

// One physical line at a time; `number` is 1-based.
class Lines {
public:
    explicit Lines(std::string_view content) : rest_(content) {}

    bool next(std::string_view& line) {
        if (rest_.empty()) return false;
        std::size_t end = rest_.find('\n');
        line = rest_.substr(0, end);
        rest_ = end == std::string_view::npos ? std::string_view() : rest_.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        ++number_;
        return true;
    }
    int number() const { return number_; }

private:
    std::string_view rest_;
    int number_ = 0;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Decodes one quoted string ("..." with C escapes); `error` says what is wrong.
bool unquote(std::string_view quoted, std::string& out, std::string& error) {
    if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') {
        error = "expected a string in double quotes";
        return false;
    }
    std::string_view body = quoted.substr(1, quoted.size() - 2);
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '"') {
            error = "unescaped '\"' inside a string (write \\\")";
            return false;
        }
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i == body.size()) {
            error = "a string ends with a lone backslash";
            return false;
        }
        switch (body[i]) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            default:
                error = std::string("unknown escape \\") + body[i] + " (use \\\" \\\\ \\n or \\t)";
                return false;
        }
    }
    return true;
}

enum class Field { kNone, kContext, kKey, kText };

struct Draft {
    std::string context, key, text;
    bool has_context = false, has_key = false, has_text = false;
    int key_line = 0;
};

// The header's "Language: th" field, from the msgstr of the entry with an empty msgid.
std::string header_language(std::string_view header) {
    constexpr std::string_view kField = "Language:";
    std::size_t at = 0;
    while (at < header.size()) {
        std::size_t end = header.find('\n', at);
        std::string_view line = header.substr(at, end == std::string_view::npos ? end : end - at);
        if (line.substr(0, kField.size()) == kField)
            return std::string(trim(line.substr(kField.size())));
        if (end == std::string_view::npos) break;
        at = end + 1;
    }
    return {};
}

}  // namespace

StatusOr<PoFile> parse_po(std::string_view content, std::string_view file_name) {
    PoFile file;
    bool seen_header = false;
    std::set<std::pair<std::string, std::string>> seen;
    Draft draft;
    Field last = Field::kNone;
    std::string_view line;
    Lines lines(content);
    auto fail = [&](int line_number, const std::string& what) {
        return Status::Invalid(std::string(file_name) + ":" + std::to_string(line_number) + ": " +
                               what);
    };
    // Closes the entry being read; false (with `error`) when it is incomplete or a duplicate.
    std::string error;
    int error_line = 0;
    auto finish = [&](int at_line) -> bool {
        if (!draft.has_context && !draft.has_key && !draft.has_text) return true;
        if (!draft.has_key) {
            error =
                draft.has_text ? "expected msgid before msgstr" : "expected msgid after msgctxt";
            error_line = at_line;
            return false;
        }
        if (!draft.has_text) {
            error = "expected msgstr after msgid \"" + draft.key + "\"";
            error_line = at_line;
            return false;
        }
        if (draft.key.empty() && !draft.has_context) {
            if (seen_header) {
                error = "a second header (empty msgid)";
                error_line = draft.key_line;
                return false;
            }
            seen_header = true;
            file.language = header_language(draft.text);
        } else {
            if (draft.key.empty()) {
                error = "empty msgid: every message needs a key";
                error_line = draft.key_line;
                return false;
            }
            if (!seen.emplace(draft.context, draft.key).second) {
                error = "duplicate message \"" + draft.context + "\" / \"" + draft.key + "\"";
                error_line = draft.key_line;
                return false;
            }
            file.entries.push_back({std::move(draft.context), std::move(draft.key),
                                    std::move(draft.text), draft.key_line});
        }
        draft = Draft{};
        return true;
    };
    while (lines.next(line)) {
        const int n = lines.number();
        std::string_view s = trim(line);
        if (s.empty()) {
            last = Field::kNone;
            continue;
        }
        if (s.substr(0, 2) == "#~")
            return fail(n, "obsolete entries (#~) are not allowed; delete them");
        if (s.front() == '#') continue;
        if (s.front() == '"') {
            std::string* target = last == Field::kContext ? &draft.context
                                  : last == Field::kKey   ? &draft.key
                                  : last == Field::kText  ? &draft.text
                                                          : nullptr;
            if (target == nullptr)
                return fail(n, "a continued string without msgctxt, msgid or msgstr before it");
            if (!unquote(s, *target, error)) return fail(n, error);
            continue;
        }
        std::size_t space = s.find_first_of(" \t");
        std::string_view keyword = s.substr(0, space);
        std::string_view value =
            space == std::string_view::npos ? std::string_view() : trim(s.substr(space));
        Field field = Field::kNone;
        if (keyword == "msgctxt") {
            if (!finish(n)) return fail(error_line, error);
            field = Field::kContext;
            draft.has_context = true;
        } else if (keyword == "msgid") {
            if (draft.has_key || draft.has_text) {
                if (!finish(n)) return fail(error_line, error);
            }
            field = Field::kKey;
            draft.has_key = true;
            draft.key_line = n;
        } else if (keyword == "msgstr") {
            if (!draft.has_key) return fail(n, "expected msgid before msgstr");
            if (draft.has_text) return fail(n, "a second msgstr for msgid \"" + draft.key + "\"");
            field = Field::kText;
            draft.has_text = true;
        } else if (keyword == "msgid_plural" || keyword.substr(0, 7) == "msgstr[") {
            return fail(n, "plural forms are not used by itagap's catalogue (expected msgstr)");
        } else {
            return fail(n, "expected msgctxt, msgid, msgstr, a string or a comment, not \"" +
                               std::string(keyword) + "\"");
        }
        std::string* target = field == Field::kContext ? &draft.context
                              : field == Field::kKey   ? &draft.key
                                                       : &draft.text;
        if (!unquote(value, *target, error)) return fail(n, error);
        last = field;
    }
    if (!finish(lines.number())) return fail(error_line, error);
    if (!seen_header) return fail(1, "expected a header entry (msgid \"\") with a Language field");
    if (file.language.empty()) return fail(1, "the header has no \"Language:\" field");
    return file;
}

}  // namespace itagap::text
