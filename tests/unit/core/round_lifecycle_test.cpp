#include "core/round_lifecycle.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace itagap::core {
namespace {

constexpr RoundStage kDraft{RoundState::kDraft, false};
constexpr RoundStage kOpen{RoundState::kOpen, false};
constexpr RoundStage kOpenInterim{RoundState::kOpen, true};
constexpr RoundStage kClosed{RoundState::kClosed, false};
constexpr RoundStage kPublished{RoundState::kPublished, false};

constexpr RoundAction kAllActions[] = {RoundAction::kOpen, RoundAction::kClose,
                                       RoundAction::kPublish, RoundAction::kUnpublish};

std::string name(const RoundStage& s) {
    return std::string(to_string(s.state)) + (s.interim_published ? "+interim" : "");
}

// The whole table for an admin, written out: (from, action) -> refusal, to, goes_back.
struct Expected {
    RoundRefusal refusal;
    RoundStage to;
    bool goes_back;
};

TEST(RoundLifecycle, EveryTransitionForAnAdmin) {
    using R = RoundRefusal;
    using A = RoundAction;
    const std::vector<std::tuple<RoundStage, RoundAction, Expected>> table = {
        {kDraft, A::kOpen, {R::kNone, kOpen, false}},
        {kDraft, A::kClose, {R::kNotFromHere, kDraft, false}},
        {kDraft, A::kPublish, {R::kNotFromHere, kDraft, false}},
        {kDraft, A::kUnpublish, {R::kNotFromHere, kDraft, false}},
        {kOpen, A::kOpen, {R::kNotFromHere, kOpen, false}},
        {kOpen, A::kClose, {R::kNone, kClosed, false}},
        {kOpen, A::kPublish, {R::kNone, kOpenInterim, false}},
        {kOpen, A::kUnpublish, {R::kNotFromHere, kOpen, false}},
        {kOpenInterim, A::kOpen, {R::kNotFromHere, kOpenInterim, false}},
        {kOpenInterim, A::kClose, {R::kNone, kPublished, false}},
        {kOpenInterim, A::kPublish, {R::kNotFromHere, kOpenInterim, false}},
        {kOpenInterim, A::kUnpublish, {R::kNone, kOpen, true}},
        {kClosed, A::kOpen, {R::kNone, kOpen, true}},
        {kClosed, A::kClose, {R::kNotFromHere, kClosed, false}},
        {kClosed, A::kPublish, {R::kNone, kPublished, false}},
        {kClosed, A::kUnpublish, {R::kNotFromHere, kClosed, false}},
        {kPublished, A::kOpen, {R::kUnpublishFirst, kPublished, false}},
        {kPublished, A::kClose, {R::kNotFromHere, kPublished, false}},
        {kPublished, A::kPublish, {R::kNotFromHere, kPublished, false}},
        {kPublished, A::kUnpublish, {R::kNone, kClosed, true}},
    };
    ASSERT_EQ(table.size(), 5u * 4u);
    for (const auto& [from, action, expected] : table) {
        SCOPED_TRACE(name(from) + " " + std::string(to_string(action)));
        const auto t = transition_round(from, action, Actor::kAdmin);
        EXPECT_EQ(t.refusal, expected.refusal);
        EXPECT_EQ(t.allowed(), expected.refusal == RoundRefusal::kNone);
        EXPECT_EQ(t.to, expected.to) << name(t.to);
        EXPECT_EQ(t.goes_back, expected.goes_back);
    }
}

TEST(RoundLifecycle, CoordinatorsAndExecutivesChangeNoRound) {
    for (Actor actor : {Actor::kUnitCoordinator, Actor::kExecutive}) {
        for (const auto& from : {kDraft, kOpen, kOpenInterim, kClosed, kPublished}) {
            for (RoundAction action : kAllActions) {
                SCOPED_TRACE(name(from) + " " + std::string(to_string(action)));
                const auto t = transition_round(from, action, actor);
                // Refused for the role even where the state would allow it,
                // and the round stays where it was.
                EXPECT_EQ(t.refusal, RoundRefusal::kNotPermitted);
                EXPECT_EQ(t.to, from);
                EXPECT_FALSE(t.goes_back);
            }
            EXPECT_TRUE(round_actions(from, actor).empty());
        }
    }
}

TEST(RoundLifecycle, AClosedRoundIsReopenedOnlyByAnAdminAndNeverWhilePublished) {
    EXPECT_TRUE(transition_round(kClosed, RoundAction::kOpen, Actor::kAdmin).allowed());
    EXPECT_EQ(transition_round(kClosed, RoundAction::kOpen, Actor::kUnitCoordinator).refusal,
              RoundRefusal::kNotPermitted);
    EXPECT_EQ(transition_round(kPublished, RoundAction::kOpen, Actor::kAdmin).refusal,
              RoundRefusal::kUnpublishFirst);
    // Unpublish, then reopen: two steps, both taking something back.
    const auto unpublished = transition_round(kPublished, RoundAction::kUnpublish, Actor::kAdmin);
    ASSERT_TRUE(unpublished.allowed());
    const auto reopened = transition_round(unpublished.to, RoundAction::kOpen, Actor::kAdmin);
    ASSERT_TRUE(reopened.allowed());
    EXPECT_EQ(reopened.to, kOpen);
    EXPECT_TRUE(unpublished.goes_back && reopened.goes_back);
}

TEST(RoundLifecycle, TheActionsOfferedAreTheAllowedOnes) {
    using A = RoundAction;
    const std::map<std::string, std::vector<RoundAction>> expected = {
        {"draft", {A::kOpen}},
        {"open", {A::kClose, A::kPublish}},
        {"open+interim", {A::kClose, A::kUnpublish}},
        {"closed", {A::kOpen, A::kPublish}},
        {"published", {A::kUnpublish}},
    };
    for (const auto& from : {kDraft, kOpen, kOpenInterim, kClosed, kPublished})
        EXPECT_EQ(round_actions(from, Actor::kAdmin), expected.at(name(from))) << name(from);
}

TEST(RoundLifecycle, ResultsArePublicWhenPublishedOrInterim) {
    EXPECT_FALSE(kDraft.results_published());
    EXPECT_FALSE(kOpen.results_published());
    EXPECT_TRUE(kOpenInterim.results_published());
    EXPECT_FALSE(kClosed.results_published());
    EXPECT_TRUE(kPublished.results_published());
}

TEST(RoundLifecycle, ActionNamesRoundTrip) {
    for (RoundAction a : kAllActions) EXPECT_EQ(round_action_from_string(to_string(a)), a);
    EXPECT_FALSE(round_action_from_string("explode"));
    EXPECT_FALSE(round_action_from_string("Open"));
    EXPECT_EQ(to_string(RoundState::kPublished), "published");
}

// Issue 12: an open round takes answers only between its dates, both days
// included; the state comes first.
TEST(RoundCollectionTest, OpenRoundAcceptsOnlyWithinItsDates) {
    const CivilDate opens{2025, 10, 1};
    const CivilDate closes{2026, 9, 30};
    EXPECT_EQ(collection_on(kOpen, opens, closes, {2025, 9, 30}), Collection::kNotYet);
    EXPECT_EQ(collection_on(kOpen, opens, closes, {2025, 10, 1}), Collection::kAccepting);
    EXPECT_EQ(collection_on(kOpen, opens, closes, {2026, 9, 30}), Collection::kAccepting);
    // The EIT that closed on 30 ก.ย. 2569, in ธ.ค. 2569.
    EXPECT_EQ(collection_on(kOpen, opens, closes, {2026, 12, 2}), Collection::kEnded);
    EXPECT_TRUE(accepts_answers(kOpenInterim, opens, closes, {2026, 1, 15}));
    EXPECT_FALSE(accepts_answers(kOpen, opens, closes, {2026, 10, 1}));
    for (const RoundStage& s : {kDraft, kClosed, kPublished}) {
        EXPECT_EQ(collection_on(s, opens, closes, {2026, 1, 15}), Collection::kNotOpen) << name(s);
    }
}

TEST(RoundCollectionTest, PublishingAnOpenRoundNeedsConfirmation) {
    EXPECT_TRUE(publish_needs_confirmation(kOpen, RoundAction::kPublish));
    EXPECT_FALSE(publish_needs_confirmation(kClosed, RoundAction::kPublish));
    EXPECT_FALSE(publish_needs_confirmation(kOpen, RoundAction::kClose));
}

TEST(RoundCollectionTest, OnlyAnAdminDeletesAndOnlyARoundWithoutResponses) {
    EXPECT_TRUE(may_delete_round(0, Actor::kAdmin));
    EXPECT_FALSE(may_delete_round(1, Actor::kAdmin));
    EXPECT_FALSE(may_delete_round(0, Actor::kUnitCoordinator));
    EXPECT_FALSE(may_delete_round(0, Actor::kExecutive));
}

}  // namespace
}  // namespace itagap::core
