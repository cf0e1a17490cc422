// Survey responses from CSV.
//
// File format
// -----------
// Encoding and syntax: UTF-8 text (callers decode Windows-874 and find a ';'
// delimiter with input/csv_text.hpp); lines end with
// LF or CRLF; fields follow RFC 4180 (a field with a comma, a quote or a line end
// is put in double quotes, and a quote inside it is written twice: "").
//
// The first row is the header; every following row is one respondent. Lines that
// are completely empty, or hold nothing but commas (as spreadsheets sometimes
// export), are skipped.
//
// Header: the columns
//   unit         the agency or sub-unit being assessed
//   round        the assessment round, e.g. 2567
//   instrument   the instrument code of the questionnaire: IIT or EIT
//   respondent   an id of the respondent, unique within unit, round and instrument
// are required, in any position; names are exact and lowercase, and spaces around
// a name are ignored. Every other column is named by the code of an item of the
// questionnaire (i1, e7, ...), in any order. Item columns may be left out; a
// missing item counts as not answered, so a file with only the EIT items is fine.
// A column name that is neither of the four nor an item code, and a column that
// appears twice, are errors.
//
// Rows: every row has as many fields as the header. Spaces around a value are
// ignored.
//   - unit, round and respondent must not be empty; instrument must be the code
//     of an instrument that has items (OIT, which is assessed from published
//     documents, has none).
//   - The same respondent must not appear twice for one unit, round and
//     instrument.
//   - An item cell is either empty (not answered), or the number of the chosen
//     option, 1 for the first option as the scale is written in the
//     questionnaire up to the number of options (a negatively worded item is
//     written the same way; its reversal is applied when scoring), or the label of
//     the option exactly as in the questionnaire, in Thai or in English.
//     Numbers are whole numbers written with digits only ("3", not "3.0").
//   - A cell of an item that belongs to another instrument than the row's must be
//     empty (a file may mix IIT and EIT rows, each filling its own items).
//
// Errors: every problem found is reported, with the line, the column and the
// value (up to 100, then a count of the others). If there is any error, the whole
// file is rejected. A file without respondent rows is an error too.
//
// Respondent ids are only used to find duplicates; they are not kept.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/questionnaire.hpp"
#include "core/responses.hpp"

namespace itagap::input {

// Parses survey responses against a questionnaire. No I/O: `file_name` is used in
// messages only. The result holds one ResponseTable per (unit, round,
// instrument), in order of first appearance, or every error found.
core::Result<core::ResponseSet> parse_responses_csv(const core::Questionnaire& q,
                                                    std::string_view text,
                                                    std::string_view file_name);

// What an import into one round of itagap checks beyond the file itself.
struct ResponsesCsvOptions {
    char delimiter = ',';  // ',' or ';' (input/csv_text.hpp finds it)
    // When set, a unit it does not know is an error on the line where that
    // unit first appears (once per unit), with the file's other errors.
    std::function<bool(std::string_view)> unit_known;
    // When not empty, a round other than this one is an error on the line
    // where it first appears (once per round name).
    std::string round;
};
core::Result<core::ResponseSet> parse_responses_csv(const core::Questionnaire& q,
                                                    std::string_view text,
                                                    std::string_view file_name,
                                                    const ResponsesCsvOptions& options);

// The header of a file for `q`, ending in CRLF: unit,round,instrument,respondent
// and the code of every item of every instrument, in questionnaire order.
std::string responses_csv_header(const core::Questionnaire& q);

}  // namespace itagap::input
