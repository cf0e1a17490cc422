// For tests that check files with real tools (pdftotext, pdffonts, unzip,
// xmllint, soffice): run a shell command and read what it printed, and
// compare PDF text the way Thai needs.
#pragma once

#include <array>
#include <cstdio>
#include <string>

namespace itagap::testing {

// Runs `command` through the shell; its standard output (add 2>&1 to the
// command for its errors too). Empty when the command cannot be started.
inline std::string run_command(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

// Wrapping puts line breaks inside sentences, and pdftotext may put a space
// inside a Thai word (before a leading vowel such as แ); Thai has no spaces
// between words anyway, so PDF texts are compared without white space. Read
// PDFs with `pdftotext -raw` (drawing order): the default reading order sorts
// glyphs by position, which moves a stacked tone mark (the ้ of ชี้) past the
// next letter.
inline std::string without_white_space(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') out += c;
    }
    return out;
}

// `part` occurs in `text`, white space ignored on both sides.
inline bool contains_ignoring_space(const std::string& text, const std::string& part) {
    return without_white_space(text).find(without_white_space(part)) != std::string::npos;
}

}  // namespace itagap::testing
