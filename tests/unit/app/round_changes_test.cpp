// The round life cycle over a real store: the store's status and published
// flag follow the core's stages, and a refused transition writes nothing.
#include "app/round_changes.hpp"

#include <gtest/gtest.h>

#include "store_backed_test.hpp"

namespace itagap::app {
namespace {

using core::RoundAction;
using core::RoundRefusal;
using core::RoundState;

class RoundChangesTest : public testing::StoreBackedTest {
protected:
    void SetUp() override {
        StoreBackedTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto qid = store_->add_questionnaire({0, "q", "q", "{}", "2025-10-01T00:00:00Z"});
        ASSERT_TRUE(qid.ok()) << qid.status.message;
        auto id = store_->create_round({0, 2569, "รอบ 5 เดือนแรก", "2025-10-01", "2026-02-28", *qid,
                                        store::RoundStatus::kDraft, false});
        ASSERT_TRUE(id.ok()) << id.status.message;
        round_id_ = *id;
    }

    // Applies `action` as `role` and returns the refusal; the stored round
    // must then be `status` / `published`.
    RoundRefusal act(RoundAction action, store::Role role, store::RoundStatus status,
                     bool published) {
        auto change = change_round(*store_, round_id_, action, role);
        EXPECT_TRUE(change.ok()) << change.status.message;
        if (!change.ok()) return RoundRefusal::kNone;
        const auto stored = store_->get_round(round_id_);
        EXPECT_EQ(stored->status, status) << core::to_string(action);
        EXPECT_EQ(stored->results_published, published) << core::to_string(action);
        EXPECT_EQ(change->after.status, status);
        return change->transition.refusal;
    }

    store::Id round_id_ = 0;
};

TEST_P(RoundChangesTest, ARoundGoesThroughItsLifeCycleInTheStore) {
    using S = store::RoundStatus;
    const auto admin = store::Role::kAdmin;
    EXPECT_EQ(act(RoundAction::kClose, admin, S::kDraft, false), RoundRefusal::kNotFromHere);
    EXPECT_EQ(act(RoundAction::kOpen, admin, S::kOpen, false), RoundRefusal::kNone);
    EXPECT_EQ(act(RoundAction::kPublish, admin, S::kOpen, true), RoundRefusal::kNone);  // interim
    EXPECT_EQ(act(RoundAction::kClose, admin, S::kClosed, true), RoundRefusal::kNone);
    EXPECT_EQ(act(RoundAction::kOpen, admin, S::kClosed, true), RoundRefusal::kUnpublishFirst);
    EXPECT_EQ(act(RoundAction::kUnpublish, admin, S::kClosed, false), RoundRefusal::kNone);
    EXPECT_EQ(act(RoundAction::kOpen, store::Role::kUnitCoordinator, S::kClosed, false),
              RoundRefusal::kNotPermitted);
    EXPECT_EQ(act(RoundAction::kOpen, store::Role::kExecutive, S::kClosed, false),
              RoundRefusal::kNotPermitted);
    EXPECT_EQ(act(RoundAction::kOpen, admin, S::kOpen, false), RoundRefusal::kNone);  // reopened
}

TEST_P(RoundChangesTest, StagesMapBothWays) {
    store::Round r;
    for (auto [status, published, state, interim] :
         std::vector<std::tuple<store::RoundStatus, bool, RoundState, bool>>{
             {store::RoundStatus::kDraft, false, RoundState::kDraft, false},
             {store::RoundStatus::kOpen, false, RoundState::kOpen, false},
             {store::RoundStatus::kOpen, true, RoundState::kOpen, true},
             {store::RoundStatus::kClosed, false, RoundState::kClosed, false},
             {store::RoundStatus::kClosed, true, RoundState::kPublished, false}}) {
        r.status = status;
        r.results_published = published;
        const auto stage = stage_of(r);
        EXPECT_EQ(stage.state, state);
        EXPECT_EQ(stage.interim_published, interim);
        store::Round back;
        set_stage(back, stage);
        EXPECT_EQ(back.status, status);
        EXPECT_EQ(back.results_published, published);
    }
}

TEST_P(RoundChangesTest, AMissingRoundIsNotFound) {
    auto change = change_round(*store_, round_id_ + 1000, RoundAction::kOpen, store::Role::kAdmin);
    EXPECT_EQ(change.status.code, store::StatusCode::kNotFound);
}

ITAGAP_ON_BOTH_STORES(RoundChangesTest);

}  // namespace
}  // namespace itagap::app
