// A round's life cycle (core/round_lifecycle.hpp) over the store's form of a
// round: a status (draft/open/closed) and a results-published flag.
//
//   store                         core
//   draft (flag ignored)          draft
//   open, not published           open
//   open, published               open with interim results public
//   closed, not published         closed
//   closed, published             published
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/round_lifecycle.hpp"
#include "store/store.hpp"

namespace itagap::app {

core::RoundStage stage_of(const store::Round& round);
// Sets `round`'s status and flag to `stage`.
void set_stage(store::Round& round, const core::RoundStage& stage);
core::Actor actor_of(store::Role role);

struct RoundChange {
    store::Round before;
    store::Round after;  // == before when refused
    core::RoundTransition transition;
};

// Applies `action` by `role` to the stored round `round_id` when the life
// cycle allows it (nothing is written when it does not: see
// transition.refusal). kNotFound for a round that is not there; store
// failures as they come. `audit_for` makes the audit entry of an allowed
// change, which the store writes in the change's transaction (none: tests).
using RoundAuditEntry = std::function<store::AuditEntry(const RoundChange&)>;
store::StatusOr<RoundChange> change_round(store::Store& store, store::Id round_id,
                                          core::RoundAction action, store::Role role,
                                          const RoundAuditEntry& audit_for = {});

// ---- Editing, duplicating and deleting rounds (issue 12) ----

// A round's form as typed: dates in พ.ศ. "dd/mm/yyyy" or ISO (core::
// parse_typed_date), the fiscal year in พ.ศ.
struct RoundForm {
    std::string name;
    std::string fiscal_year;
    std::string opens_on;
    std::string closes_on;
};

// One problem of a form: the field ("name", "fiscal_year", "opens_on",
// "closes_on") and a message key of the admin catalogue.
struct RoundFormProblem {
    std::string field;
    std::string key;
};

// Checks `form` and, when it has no problem, writes its values into
// `round` (dates as ISO). Fiscal years 2500..2700 B.E.; the closing day not
// before the opening day.
std::vector<RoundFormProblem> apply_round_form(const RoundForm& form, store::Round& round);

// The form of a stored round, dates in พ.ศ. "dd/mm/yyyy".
RoundForm round_form_of(const store::Round& round);

// A new draft round from `source_id`: the same name and questionnaire, the
// fiscal year and both dates a year on (units take part in every round, so
// nothing else is copied; access codes are made per round). Returns its id.
store::StatusOr<store::Id> duplicate_round(store::Store& store, store::Id source_id,
                                           const store::AuditEntry* audit = nullptr);

}  // namespace itagap::app
