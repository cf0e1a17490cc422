// What free text typed by people (survey comments, plan texts) may hold:
// any Unicode text, with tab, line feed and carriage return (browsers send a
// textarea's new lines as CR LF) as its only control characters. Other C0
// controls, DEL and the C1 controls (U+0080..U+009F) are refused: they are
// invisible, break CSV and DOCX exports, and serve no one typing a comment.
#pragma once

#include <optional>
#include <string_view>

namespace itagap::core {

// The byte offset of the first control character `text` may not hold, or
// nullopt when there is none. Bytes are read as UTF-8 where they form C1
// controls (0xC2 0x80..0x9F); other bytes are not judged here.
std::optional<std::size_t> find_forbidden_control(std::string_view text);

inline bool has_forbidden_control(std::string_view text) {
    return find_forbidden_control(text).has_value();
}

}  // namespace itagap::core
