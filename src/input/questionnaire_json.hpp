// Reads a questionnaire from its JSON text (format: docs/questionnaire-format.md).
#pragma once

#include <string_view>

#include "core/diagnostic.hpp"
#include "core/questionnaire.hpp"

namespace itagap::input {

// The format identifier that every questionnaire file starts with ("format").
inline constexpr std::string_view kQuestionnaireFormat = "itagap-questionnaire/1";

// Parses and validates a questionnaire (format: docs/questionnaire-format.md).
// `file_name` is used only in diagnostics; this function does no I/O.
//
// Validation is strict and reports every problem found, not just the first:
// unknown keys, missing keys, wrong types, values out of range, duplicate
// codes and dangling references. Each Diagnostic names the JSON path of the
// problem ("$.items[12].scale"). On success every field of the Questionnaire
// is filled, cross references are resolved to indices, and grades are sorted
// highest min_score first. Never throws.
core::Result<core::Questionnaire> parse_questionnaire_json(std::string_view text,
                                                           std::string_view file_name);

}  // namespace itagap::input
