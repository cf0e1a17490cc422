#include "app/round_changes.hpp"

namespace itagap::app {

core::RoundStage stage_of(const store::Round& round) {
    switch (round.status) {
        case store::RoundStatus::kDraft:
            return {core::RoundState::kDraft, false};
        case store::RoundStatus::kOpen:
            return {core::RoundState::kOpen, round.results_published};
        case store::RoundStatus::kClosed:
            return {
                round.results_published ? core::RoundState::kPublished : core::RoundState::kClosed,
                false};
    }
    return {};
}

void set_stage(store::Round& round, const core::RoundStage& stage) {
    switch (stage.state) {
        case core::RoundState::kDraft:
            round.status = store::RoundStatus::kDraft;
            break;
        case core::RoundState::kOpen:
            round.status = store::RoundStatus::kOpen;
            break;
        case core::RoundState::kClosed:
        case core::RoundState::kPublished:
            round.status = store::RoundStatus::kClosed;
            break;
    }
    round.results_published = stage.results_published();
}

core::Actor actor_of(store::Role role) {
    switch (role) {
        case store::Role::kAdmin:
            return core::Actor::kAdmin;
        case store::Role::kUnitCoordinator:
            return core::Actor::kUnitCoordinator;
        case store::Role::kExecutive:
            return core::Actor::kExecutive;
    }
    return core::Actor::kExecutive;
}

store::StatusOr<RoundChange> change_round(store::Store& store, store::Id round_id,
                                          core::RoundAction action, store::Role role,
                                          const RoundAuditEntry& audit_for) {
    auto round = store.get_round(round_id);
    if (!round.ok()) return round.status;
    RoundChange change{*round, *round,
                       core::transition_round(stage_of(*round), action, actor_of(role))};
    if (!change.transition.allowed()) return change;
    set_stage(change.after, change.transition.to);
    if (auto status = audit_for ? store.update_round(change.after, audit_for(change))
                                : store.update_round(change.after);
        !status.ok())
        return status;
    return change;
}

}  // namespace itagap::app
