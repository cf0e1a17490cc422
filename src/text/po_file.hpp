// A strict reader of the gettext PO files under data/messages/. The project
// writes them monolingual and key-based (msgctxt = catalogue, msgid = key,
// msgstr = text), the form Weblate calls "monolingual gettext"; this reader
// accepts exactly the subset of the PO grammar that form needs:
//
//   # comment            (any line starting with '#': translator, flags, references)
//   msgctxt "survey"     (optional)
//   msgid "next"
//   msgstr "ถัดไป"
//   "continued"          (adjacent strings are concatenated)
//
// Strings take the C escapes \" \\ \n \t. Plural forms (msgid_plural,
// msgstr[n]) and obsolete entries (#~) are refused, so a file the program
// cannot read fully never loads half-read. `msgfmt --check` reads the same
// files (tests/unit/text), so Poedit and Weblate read them too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace itagap::text {

struct PoEntry {
    std::string context;  // msgctxt; empty when the entry has none
    std::string key;      // msgid
    std::string text;     // msgstr; may be empty (an empty text, e.g. no full stop in Thai)
    int line = 0;         // the line of msgid, for messages
};

struct PoFile {
    std::string language;          // the header's "Language:" field ("th", "en")
    std::vector<PoEntry> entries;  // in file order, header excluded
};

// Reads one PO file. A failure names the file, the line and what was expected:
// "th.po:12: expected msgstr after msgid". Duplicate (context, key) pairs and
// a header without a Language field are errors too.
StatusOr<PoFile> parse_po(std::string_view content, std::string_view file_name);

}  // namespace itagap::text
