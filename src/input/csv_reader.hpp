// An RFC 4180 CSV reader over text that is already in memory.
//
// Accepted syntax:
//   - records end with LF or CRLF; a line end right at the end of the text does
//     not start another record; a lone CR at the very end of the text is taken as
//     a line end, anywhere else outside quotes it is an error;
//   - fields are separated by commas (or the delimiter given); a field may be quoted with ", in
//   which case
//     it may contain commas, line ends (LF, CRLF or a lone CR, all kept as data)
//     and quotes written twice ("");
//   - a UTF-8 byte order mark at the start of the text is skipped.
// Errors: an unterminated quoted field (reported on the line where the field
// starts), a quote inside an unquoted field, and anything other than a comma or a
// line end after the closing quote of a quoted field.
//
// The reader does not interpret fields (no trimming, no type conversion) and does
// not treat empty lines specially: an empty line is a record with one empty field.
//
// Speed: unquoted fields, and quoted fields without "" escapes, are views into the
// input; only fields that needed unescaping are copied, into one buffer owned by
// the reader. Pass the same CsvRecord to every next() call so that its vector's
// capacity is reused: after the first few records, reading allocates nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace itagap::input {

struct CsvRecord {
    std::size_t line = 0;  // 1-based physical line where the record starts
    // Views into the input text or into the reader's buffer. Valid until the next
    // call of CsvReader::next() (or until the reader or the text is destroyed).
    std::vector<std::string_view> fields;
};

class CsvReader {
public:
    // `text` must outlive the reader and every record read from it. `file_name`
    // is used in diagnostics only.
    // `delimiter` separates fields: ',' (RFC 4180) or ';' (see csv_text.hpp).
    CsvReader(std::string_view text, std::string_view file_name, char delimiter = ',');

    // Reads the next record into `out` and returns true. Returns false at the end
    // of the input, or on a syntax error; then error() holds a Diagnostic naming
    // the line ("where" is "field N", 1-based) and `out` is unspecified. After an
    // error, calling next() again resumes at the line after the one with the
    // error (an unterminated quote consumes the rest of the input), so a caller
    // can report every bad line; at_end() tells when there is nothing left.
    bool next(CsvRecord& out);

    // The error of the last next() call, if it failed on a syntax error.
    const std::optional<core::Diagnostic>& error() const { return error_; }
    // 0-based index, within its record, of the field with the last error.
    std::size_t error_field() const { return error_field_; }

    // True when the whole input has been consumed.
    bool at_end() const { return pos_ >= text_.size(); }

private:
    // Records a syntax error and returns false. The value shown is the input from
    // `value_begin` up to the first comma or line end at or after `value_from`;
    // reading resumes after the first LF at or after `resume_from`.
    bool fail(std::size_t line, std::size_t field, std::size_t value_begin, std::size_t value_from,
              std::size_t resume_from, std::string expected, std::string key);

    std::string_view text_;
    std::string file_name_;
    char delimiter_ = ',';
    std::size_t pos_ = 0;
    std::size_t line_ = 1;  // physical line of text_[pos_]

    std::optional<core::Diagnostic> error_;
    std::size_t error_field_ = 0;

    // Unescaped quoted fields of the current record, and where they go.
    struct Fixup {
        std::size_t field;
        std::size_t offset;
        std::size_t size;
    };
    std::string unescaped_;
    std::vector<Fixup> fixups_;
};

}  // namespace itagap::input
