// The life cycle of an assessment round (รอบการประเมิน):
//
//     draft --open--> open --close--> closed --publish--> published
//                      ^                |  ^                  |
//                      +-----open-------+  +----unpublish-----+
//                       (reopen: admin,
//                        not published)
//
// - draft: being set up; takes no responses.
// - open: takes responses (access codes, imports).
// - closed: takes none; its figures are final unless it is reopened.
// - published: closed, and its results are on the public page.
//
// An open round may also publish interim results (the public page then shows
// the figures so far; deployments do this for the "5 months" round): it stays
// open, with `interim_published`, and "unpublish" takes them back. Closing it
// keeps them public, so it becomes published.
//
// What may go back: unpublish (published -> closed, or an open round's
// interim results), and reopen (closed -> open). Reopening changes a round
// whose figures units may already have planned from, so only an admin may do
// it, and never while its results are public: unpublish first, so the public
// page never shows figures that are still moving without anyone deciding so.
// Nothing goes back to draft (responses may exist), and a draft cannot be
// closed or published (it never collected anything).
//
// Who: every transition is an admin's. Unit coordinators and executives
// change no round (they see rounds only through their results).
//
// The store keeps a status (draft/open/closed) and a results-published flag;
// app/ or web/ maps between the two (see to_stage/from_stage in the callers).
// Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/thai_date.hpp"

namespace itagap::core {

enum class RoundState { kDraft, kOpen, kClosed, kPublished };
enum class RoundAction { kOpen, kClose, kPublish, kUnpublish };
// The people who act on rounds (store::Role in the core's terms).
enum class Actor { kAdmin, kUnitCoordinator, kExecutive };

std::string_view to_string(RoundState state);    // "draft", "open", "closed", "published"
std::string_view to_string(RoundAction action);  // "open", "close", "publish", "unpublish"
std::optional<RoundAction> round_action_from_string(std::string_view text);

// Where a round stands. INVARIANT: interim_published only in kOpen.
struct RoundStage {
    RoundState state = RoundState::kDraft;
    bool interim_published = false;

    // True when the public page shows the round's results.
    bool results_published() const { return state == RoundState::kPublished || interim_published; }
    friend bool operator==(const RoundStage&, const RoundStage&) = default;
};

// Why a transition is refused, if it is.
enum class RoundRefusal {
    kNone,
    kNotPermitted,    // the actor may not do this (HTTP 403)
    kNotFromHere,     // the action makes no sense in this state (HTTP 409)
    kUnpublishFirst,  // reopening a round whose results are public (HTTP 409)
};

struct RoundTransition {
    RoundRefusal refusal = RoundRefusal::kNone;
    RoundStage to;  // the new stage when allowed; the old one otherwise
    // A transition that takes something back (unpublish, reopen); callers
    // audit it as such.
    bool goes_back = false;

    bool allowed() const { return refusal == RoundRefusal::kNone; }
};

// The stage `action` by `actor` leads to from `from`, or why not. The role
// is checked first: a refused actor learns nothing about the round's state.
RoundTransition transition_round(const RoundStage& from, RoundAction action, Actor actor);

// The actions `actor` may take from `from`, in the order pages offer them
// (open, close, publish, unpublish).
std::vector<RoundAction> round_actions(const RoundStage& from, Actor actor);

// Collection dates (issue 12): a round takes answers only while it is open
// AND today lies within its opening and closing days, both included. Outside
// them the survey pages say so and a posted answer is refused, whatever the
// state says: an open round whose closing day has passed takes nothing.
enum class Collection {
    kAccepting,
    kNotOpen,  // the round is a draft, closed or published
    kNotYet,   // open, before its opening day
    kEnded,    // open, after its closing day
};

Collection collection_on(const RoundStage& stage, const CivilDate& opens_on,
                         const CivilDate& closes_on, const CivilDate& today);
inline bool accepts_answers(const RoundStage& stage, const CivilDate& opens_on,
                            const CivilDate& closes_on, const CivilDate& today) {
    return collection_on(stage, opens_on, closes_on, today) == Collection::kAccepting;
}

// Publishing the interim results of a round that still collects answers puts
// moving figures on the public page: the admin must confirm that step.
bool publish_needs_confirmation(const RoundStage& from, RoundAction action);

// Editing and deleting rounds (issue 12). A round may be deleted only while
// it holds no responses (the store checks that inside its transaction, and a
// plan started from it blocks it too); an admin only.
bool may_delete_round(std::int64_t responses, Actor actor);

}  // namespace itagap::core
