// Improvement plans as JSON (format: docs/plan-format.md), to move plans
// between databases (`itagap plan export` / `plan import`).
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/plans.hpp"

namespace itagap::input {

// The format identifier that every plan file starts with ("format").
inline constexpr std::string_view kPlanFormat = "itagap-plan/1";

// The plan as an "itagap-plan/1" document: UTF-8, indented by two spaces,
// keys in the documented order, ending with a newline. Optional keys are
// written only when they hold something, so parse_plan_json() of the result
// equals `plan` for any plan that validate_plan() accepts.
std::string export_plan_json(const core::Plan& plan);

// Parses and validates a plan. `file_name` is used only in diagnostics; this
// function does no I/O and never throws.
//
// Strict like the questionnaire loader: unknown keys, missing keys, wrong
// types, bad dates and times, unknown strategy letters, statuses and kinds are
// reported, and then every rule of core::validate_plan() (duplicate measure
// numbers, dangling topic and gap references, percentages out of range, ...),
// all together, each with the file, the JSON path and what was expected. A
// problem is reported once: a rule is not checked again on a value already
// reported as unreadable.
core::Result<core::Plan> parse_plan_json(std::string_view text, std::string_view file_name);

}  // namespace itagap::input
