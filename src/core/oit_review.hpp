// The review and appeal of one unit's OIT item in a round, as ITAS runs them
// (../shared/DOMAIN.md, OIT):
//
//   draft --answer--> answered --submit--> submitted --pass/fail--> passed | failed
//     ^                 |   ^                  |                     |        |
//     +-----------------+   +----withdraw------+       (change of verdict in the review window)
//                                                                    |     clarify (once,
//                                                                    |     appeal window)
//                                                                    |        v
//                                                                    |    clarified
//                                                                    v        v
//                                       confirm pass / confirm fail (confirmation window)
//                                                   confirmed_passed | confirmed_failed
//
// - answering window: the unit's coordinator answers (มี/ไม่มี, links, where),
//   may submit and take a submission back;
// - review window: a reviewer marks each submitted item ผ่าน or ไม่ผ่าน with a
//   comment, and may change the verdict while the window lasts;
// - appeal window: the unit answers a failed item once (ชี้แจงเพิ่มเติม, with a
//   new link); an item already clarified cannot be clarified again;
// - confirmation window: a reviewer confirms every verdict, deciding a
//   clarified item anew.
// Who: the coordinator of the unit (not of another unit) answers, submits and
// clarifies; a reviewer (new role: an internal-audit or ITA working-group
// member) passes, fails and confirms; an admin may do both. Executives do
// nothing here. The windows are data of the round (OitWindows) and hold for
// everyone, admins included. Pure: no I/O, the date is passed in.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/thai_date.hpp"

namespace itagap::core {

enum class OitItemState {
    kDraft,
    kAnswered,
    kSubmitted,
    kPassed,
    kFailed,
    kClarified,
    kConfirmedPassed,
    kConfirmedFailed,
};

enum class OitAction {
    kAnswer,    // save the answer (มี/ไม่มี, links, explanation, files, who, by when)
    kSubmit,    // hand the answer in for review
    kWithdraw,  // take a submission back to change it
    kPass,      // reviewer: ผ่าน
    kFail,      // reviewer: ไม่ผ่าน
    kClarify,   // unit: ชี้แจงเพิ่มเติม on a failed item, once
    kConfirmPass,  // reviewer: final ผ่าน
    kConfirmFail,  // reviewer: final ไม่ผ่าน
};

enum class OitRole { kAdmin, kCoordinator, kReviewer, kExecutive };

struct OitActor {
    OitRole role = OitRole::kExecutive;
    // For a coordinator: whether the item's unit is one of theirs.
    bool own_unit = false;
};

enum class OitWindow { kAnswering, kReview, kAppeal, kConfirmation };

inline constexpr OitItemState kAllOitStates[] = {
    OitItemState::kDraft,           OitItemState::kAnswered,       OitItemState::kSubmitted,
    OitItemState::kPassed,          OitItemState::kFailed,         OitItemState::kClarified,
    OitItemState::kConfirmedPassed, OitItemState::kConfirmedFailed};
inline constexpr OitAction kAllOitActions[] = {
    OitAction::kAnswer, OitAction::kSubmit,  OitAction::kWithdraw,    OitAction::kPass,
    OitAction::kFail,   OitAction::kClarify, OitAction::kConfirmPass, OitAction::kConfirmFail};
inline constexpr OitWindow kAllOitWindows[] = {OitWindow::kAnswering, OitWindow::kReview,
                                               OitWindow::kAppeal, OitWindow::kConfirmation};

std::string_view to_string(OitItemState state);  // "draft", "answered", ..., "confirmed_failed"
std::optional<OitItemState> oit_item_state_from_string(std::string_view text);
std::string_view to_string(OitAction action);  // "answer", "submit", ..., "confirm_fail"
std::optional<OitAction> oit_action_from_string(std::string_view text);
std::string_view to_string(OitWindow window);  // "answering", "review", "appeal", "confirmation"

// A window of whole days in Thai time, both ends inclusive.
struct DateWindow {
    CivilDate first;
    CivilDate last;
    bool contains(const CivilDate& day) const;
};

// The round's OIT calendar (FY 2565: data 1 มี.ค.-30 เม.ย., scoring 1-31 พ.ค.,
// appeal 1-15 มิ.ย., confirmation 16-30 มิ.ย.). An unset window is closed.
struct OitWindows {
    std::optional<DateWindow> answering;
    std::optional<DateWindow> review;
    std::optional<DateWindow> appeal;
    std::optional<DateWindow> confirmation;

    const std::optional<DateWindow>& get(OitWindow window) const;
    // The window `day` falls in, if any (windows do not overlap).
    std::optional<OitWindow> open_on(const CivilDate& day) const;
};

// "" when the windows are fine: each starts no later than it ends, and each
// set window starts after the previous set one ends (answering, review,
// appeal, confirmation). Otherwise which window is wrong, for a message key:
// "answering", "review", ... (its own dates) or "review>answering" (order).
std::string windows_problem(const OitWindows& windows);

// The window each action belongs to.
OitWindow window_of(OitAction action);

enum class OitRefusal {
    kNone,
    kNotPermitted,  // the actor may not do this (HTTP 403)
    kWindowClosed,  // not inside the action's window (HTTP 409)
    kNotFromHere,   // the action makes no sense in this state (HTTP 409)
};

struct OitTransition {
    OitRefusal refusal = OitRefusal::kNone;
    OitItemState to = OitItemState::kDraft;  // the new state when allowed; the old one otherwise
    bool allowed() const { return refusal == OitRefusal::kNone; }
};

// Where `action` by `actor` on `day` leads from `from`, or why not. Checked in
// this order: the role (a refused actor learns nothing more), the window, the
// state.
OitTransition transition_oit_item(OitItemState from, OitAction action, const OitActor& actor,
                                  const OitWindows& windows, const CivilDate& day);

// The actions `actor` may take on `day` from `from`, in kAllOitActions order.
std::vector<OitAction> oit_actions(OitItemState from, const OitActor& actor,
                                   const OitWindows& windows, const CivilDate& day);

// Whether a state carries a verdict, and which (for scoring): passed, failed,
// clarified (still failed until confirmed) and the confirmed ones.
bool has_verdict(OitItemState state);
bool verdict_passed(OitItemState state);
bool is_final(OitItemState state);

}  // namespace itagap::core
