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

}  // namespace itagap::app
