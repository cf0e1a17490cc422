// Group commit through a real store: many threads, every outcome right, every
// stored response counted.
#include "app/submission_queue.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "store_backed_test.hpp"

namespace itagap::app {
namespace {

using store::testing::Backend;

class SubmissionQueueTest : public testing::StoreBackedTest {
protected:
    void SetUp() override {
        StoreBackedTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto qid = store_->add_questionnaire({0, "q", "q", "{}", "2025-10-01T00:00:00Z"});
        ASSERT_TRUE(qid.ok());
        auto round = store_->create_round(
            {0, 2569, "r", "2025-10-01", "2026-09-30", *qid, store::RoundStatus::kOpen, false});
        ASSERT_TRUE(round.ok());
        round_id_ = *round;
        auto unit = store_->create_unit({0, std::nullopt, "u", "", ""});
        ASSERT_TRUE(unit.ok());
        unit_id_ = *unit;
    }

    store::Submission iit(const std::string& code_hash) {
        store::Submission s;
        s.response = {round_id_, unit_id_, "IIT", "2025-11-20", {4, 5, 6}, ""};
        s.access_code_hash = code_hash;
        return s;
    }

    store::Id round_id_ = 0, unit_id_ = 0;
};

TEST_P(SubmissionQueueTest, ConcurrentSubmissionsAreAllStoredWithTheirOwnOutcomes) {
    constexpr int kThreads = 8, kEach = 40;
    store::AccessCodeBatch batch{round_id_, unit_id_, {}};
    for (int i = 0; i < kThreads * kEach; ++i)
        batch.code_hashes.push_back("code-" + std::to_string(i));
    ASSERT_TRUE(store_->add_access_codes(batch).ok());

    SubmissionQueue queue(*store_, 64);
    std::vector<std::thread> threads;
    std::atomic<int> stored{0}, used{0}, unknown{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                if (queue.submit(iit("code-" + std::to_string(t * kEach + i))).outcome ==
                    store::SubmitOutcome::kStored) {
                    ++stored;
                }
                // Every thread also retries a code it already used, and one that does not exist.
                if (i == 0 && queue.submit(iit("code-" + std::to_string(t * kEach))).outcome ==
                                  store::SubmitOutcome::kCodeAlreadyUsed) {
                    ++used;
                }
                if (i == 1 && queue.submit(iit("no-such-code")).outcome ==
                                  store::SubmitOutcome::kUnknownCode) {
                    ++unknown;
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(stored.load(), kThreads * kEach);
    EXPECT_EQ(used.load(), kThreads);
    EXPECT_EQ(unknown.load(), kThreads);
    EXPECT_EQ(*store_->count_responses(round_id_, unit_id_, "IIT"), kThreads * kEach);
    auto counts = store_->count_access_codes(round_id_, unit_id_);
    EXPECT_EQ(counts->used, kThreads * kEach);
}

TEST_P(SubmissionQueueTest, AfterDrainNothingIsTakenAndNothingQueuedIsLost) {
    ASSERT_TRUE(store_->add_access_codes({round_id_, unit_id_, {"a", "b"}}).ok());
    auto queue = std::make_unique<SubmissionQueue>(*store_);
    EXPECT_EQ(queue->submit(iit("a")).outcome, store::SubmitOutcome::kStored);
    queue->drain();
    EXPECT_EQ(queue->submit(iit("b")).outcome, store::SubmitOutcome::kFailed);
    queue->drain();  // idempotent
    queue.reset();
    EXPECT_EQ(*store_->count_responses(round_id_, unit_id_, "IIT"), 1);
}

ITAGAP_ON_BOTH_STORES(SubmissionQueueTest);

}  // namespace
}  // namespace itagap::app
