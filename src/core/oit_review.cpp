#include "core/oit_review.hpp"

#include <array>
#include <string>

namespace itagap::core {
namespace {

constexpr std::array<std::string_view, 8> kStateNames = {
    "draft",  "answered",  "submitted",        "passed",
    "failed", "clarified", "confirmed_passed", "confirmed_failed"};
constexpr std::array<std::string_view, 8> kActionNames = {
    "answer", "submit", "withdraw", "pass", "fail", "clarify", "confirm_pass", "confirm_fail"};
constexpr std::array<std::string_view, 4> kWindowNames = {"answering", "review", "appeal",
                                                          "confirmation"};

bool is_unit_action(OitAction action) {
    switch (action) {
        case OitAction::kAnswer:
        case OitAction::kSubmit:
        case OitAction::kWithdraw:
        case OitAction::kClarify:
            return true;
        default:
            return false;
    }
}

bool permitted(OitAction action, const OitActor& actor) {
    switch (actor.role) {
        case OitRole::kAdmin:
            return true;
        case OitRole::kCoordinator:
            return actor.own_unit && is_unit_action(action);
        case OitRole::kReviewer:
            return !is_unit_action(action);
        case OitRole::kExecutive:
            return false;
    }
    return false;
}

// The state `action` leads to from `from`, or nullopt when it makes no sense there.
std::optional<OitItemState> next_state(OitItemState from, OitAction action) {
    using S = OitItemState;
    switch (action) {
        case OitAction::kAnswer:
            if (from == S::kDraft || from == S::kAnswered) return S::kAnswered;
            break;
        case OitAction::kSubmit:
            if (from == S::kAnswered) return S::kSubmitted;
            break;
        case OitAction::kWithdraw:
            if (from == S::kSubmitted) return S::kAnswered;
            break;
        case OitAction::kPass:
        case OitAction::kFail:
            // A verdict may change while the review window lasts.
            if (from == S::kSubmitted || from == S::kPassed || from == S::kFailed) {
                return action == OitAction::kPass ? S::kPassed : S::kFailed;
            }
            break;
        case OitAction::kClarify:
            if (from == S::kFailed) return S::kClarified;  // once: clarified stays clarified
            break;
        case OitAction::kConfirmPass:
            if (from == S::kPassed || from == S::kClarified) return S::kConfirmedPassed;
            break;
        case OitAction::kConfirmFail:
            if (from == S::kFailed || from == S::kClarified) return S::kConfirmedFailed;
            break;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(OitItemState state) {
    return kStateNames[static_cast<std::size_t>(state)];
}

std::optional<OitItemState> oit_item_state_from_string(std::string_view text) {
    for (std::size_t k = 0; k < kStateNames.size(); ++k) {
        if (kStateNames[k] == text) return static_cast<OitItemState>(k);
    }
    return std::nullopt;
}

std::string_view to_string(OitAction action) {
    return kActionNames[static_cast<std::size_t>(action)];
}

std::optional<OitAction> oit_action_from_string(std::string_view text) {
    for (std::size_t k = 0; k < kActionNames.size(); ++k) {
        if (kActionNames[k] == text) return static_cast<OitAction>(k);
    }
    return std::nullopt;
}

std::string_view to_string(OitWindow window) {
    return kWindowNames[static_cast<std::size_t>(window)];
}

bool DateWindow::contains(const CivilDate& day) const { return first <= day && day <= last; }

const std::optional<DateWindow>& OitWindows::get(OitWindow window) const {
    switch (window) {
        case OitWindow::kAnswering:
            return answering;
        case OitWindow::kReview:
            return review;
        case OitWindow::kAppeal:
            return appeal;
        case OitWindow::kConfirmation:
            return confirmation;
    }
    return answering;
}

std::optional<OitWindow> OitWindows::open_on(const CivilDate& day) const {
    for (OitWindow window : kAllOitWindows) {
        const auto& w = get(window);
        if (w && w->contains(day)) return window;
    }
    return std::nullopt;
}

std::string windows_problem(const OitWindows& windows) {
    const std::optional<DateWindow>* previous = nullptr;
    OitWindow previous_name = OitWindow::kAnswering;
    for (OitWindow window : kAllOitWindows) {
        const auto& w = windows.get(window);
        if (!w) continue;
        if (!is_valid_date(w->first) || !is_valid_date(w->last) || w->last < w->first) {
            return std::string(to_string(window));
        }
        if (previous != nullptr && !((*previous)->last < w->first)) {
            return std::string(to_string(window)) + ">" + std::string(to_string(previous_name));
        }
        previous = &w;
        previous_name = window;
    }
    return "";
}

OitWindow window_of(OitAction action) {
    switch (action) {
        case OitAction::kAnswer:
        case OitAction::kSubmit:
        case OitAction::kWithdraw:
            return OitWindow::kAnswering;
        case OitAction::kPass:
        case OitAction::kFail:
            return OitWindow::kReview;
        case OitAction::kClarify:
            return OitWindow::kAppeal;
        case OitAction::kConfirmPass:
        case OitAction::kConfirmFail:
            return OitWindow::kConfirmation;
    }
    return OitWindow::kAnswering;
}

OitTransition transition_oit_item(OitItemState from, OitAction action, const OitActor& actor,
                                  const OitWindows& windows, const CivilDate& day) {
    OitTransition t;
    t.to = from;
    if (!permitted(action, actor)) {
        t.refusal = OitRefusal::kNotPermitted;
        return t;
    }
    const auto& window = windows.get(window_of(action));
    if (!window || !window->contains(day)) {
        t.refusal = OitRefusal::kWindowClosed;
        return t;
    }
    if (auto to = next_state(from, action)) {
        t.to = *to;
    } else {
        t.refusal = OitRefusal::kNotFromHere;
    }
    return t;
}

std::vector<OitAction> oit_actions(OitItemState from, const OitActor& actor,
                                   const OitWindows& windows, const CivilDate& day) {
    std::vector<OitAction> out;
    for (OitAction action : kAllOitActions) {
        if (transition_oit_item(from, action, actor, windows, day).allowed()) {
            out.push_back(action);
        }
    }
    return out;
}

bool has_verdict(OitItemState state) {
    return state == OitItemState::kPassed || state == OitItemState::kFailed ||
           state == OitItemState::kClarified || is_final(state);
}

bool verdict_passed(OitItemState state) {
    return state == OitItemState::kPassed || state == OitItemState::kConfirmedPassed;
}

bool is_final(OitItemState state) {
    return state == OitItemState::kConfirmedPassed || state == OitItemState::kConfirmedFailed;
}

}  // namespace itagap::core
