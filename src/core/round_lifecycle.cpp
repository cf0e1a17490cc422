#include "core/round_lifecycle.hpp"

namespace itagap::core {

std::string_view to_string(RoundState state) {
    switch (state) {
        case RoundState::kDraft:
            return "draft";
        case RoundState::kOpen:
            return "open";
        case RoundState::kClosed:
            return "closed";
        case RoundState::kPublished:
            return "published";
    }
    return "";
}

std::string_view to_string(RoundAction action) {
    switch (action) {
        case RoundAction::kOpen:
            return "open";
        case RoundAction::kClose:
            return "close";
        case RoundAction::kPublish:
            return "publish";
        case RoundAction::kUnpublish:
            return "unpublish";
    }
    return "";
}

std::optional<RoundAction> round_action_from_string(std::string_view text) {
    for (auto a : {RoundAction::kOpen, RoundAction::kClose, RoundAction::kPublish,
                   RoundAction::kUnpublish}) {
        if (to_string(a) == text) return a;
    }
    return std::nullopt;
}

namespace {

RoundTransition refuse(const RoundStage& from, RoundRefusal why) { return {why, from, false}; }

RoundTransition to(RoundState state, bool interim = false, bool goes_back = false) {
    return {RoundRefusal::kNone, RoundStage{state, interim}, goes_back};
}

}  // namespace

RoundTransition transition_round(const RoundStage& from, RoundAction action, Actor actor) {
    if (actor != Actor::kAdmin) return refuse(from, RoundRefusal::kNotPermitted);
    const auto not_here = refuse(from, RoundRefusal::kNotFromHere);
    switch (action) {
        case RoundAction::kOpen:
            if (from.state == RoundState::kDraft) return to(RoundState::kOpen);
            if (from.state == RoundState::kClosed) return to(RoundState::kOpen, false, true);
            if (from.state == RoundState::kPublished)
                return refuse(from, RoundRefusal::kUnpublishFirst);
            return not_here;
        case RoundAction::kClose:
            if (from.state != RoundState::kOpen) return not_here;
            // Interim results stay public: the final ones are then published.
            return to(from.interim_published ? RoundState::kPublished : RoundState::kClosed);
        case RoundAction::kPublish:
            if (from.state == RoundState::kClosed) return to(RoundState::kPublished);
            if (from.state == RoundState::kOpen && !from.interim_published)
                return to(RoundState::kOpen, true);
            return not_here;
        case RoundAction::kUnpublish:
            if (from.state == RoundState::kPublished) return to(RoundState::kClosed, false, true);
            if (from.state == RoundState::kOpen && from.interim_published)
                return to(RoundState::kOpen, false, true);
            return not_here;
    }
    return not_here;
}

std::vector<RoundAction> round_actions(const RoundStage& from, Actor actor) {
    std::vector<RoundAction> out;
    for (auto a : {RoundAction::kOpen, RoundAction::kClose, RoundAction::kPublish,
                   RoundAction::kUnpublish}) {
        if (transition_round(from, a, actor).allowed()) out.push_back(a);
    }
    return out;
}

Collection collection_on(const RoundStage& stage, const CivilDate& opens_on,
                         const CivilDate& closes_on, const CivilDate& today) {
    if (stage.state != RoundState::kOpen) return Collection::kNotOpen;
    if (today < opens_on) return Collection::kNotYet;
    if (today > closes_on) return Collection::kEnded;
    return Collection::kAccepting;
}

bool publish_needs_confirmation(const RoundStage& from, RoundAction action) {
    return action == RoundAction::kPublish && from.state == RoundState::kOpen;
}

bool may_delete_round(std::int64_t responses, Actor actor) {
    return actor == Actor::kAdmin && responses == 0;
}

}  // namespace itagap::core
