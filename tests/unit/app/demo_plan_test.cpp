// The demo database carries the seed's improvement plan (data/demo/plan-2569.json)
// for the demo unit, once, however often the demo is set up.
#include <gtest/gtest.h>

#include "app/demo_setup.hpp"
#include "input/plan_json.hpp"
#include "store_backed_test.hpp"

namespace itagap::app {
namespace {

class DemoPlanTest : public testing::StoreBackedTest {
protected:
    void SetUp() override {
        StoreBackedTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        data_ = DemoData{testing::read_source_file("data/questionnaires/ita-internal-2568.json"),
                         testing::read_source_file("data/demo/responses.csv"),
                         testing::read_source_file("data/demo/plan-2569.json")};
        ASSERT_FALSE(data_.plan_json.empty());
    }
    void TearDown() override {
        store_.reset();
        db_.reset();
    }

    DemoData data_;
};

ITAGAP_ON_BOTH_STORES(DemoPlanTest);

TEST_P(DemoPlanTest, SetUpTwiceLeavesExactlyOnePlanWithFiveMeasures) {
    auto first = set_up_demo(*store_, data_, "2025-11-20T03:00:00Z");
    ASSERT_TRUE(first.ok()) << first.status.message;
    EXPECT_NE(first->plan_id, 0);
    auto second = set_up_demo(*store_, data_, "2025-11-21T03:00:00Z");
    ASSERT_TRUE(second.ok()) << second.status.message;
    EXPECT_EQ(second->plan_id, first->plan_id);
    EXPECT_EQ(second->unit_id, first->unit_id);

    auto plans = store_->list_plans(std::nullopt);
    ASSERT_TRUE(plans.ok()) << plans.status.message;
    ASSERT_EQ(plans->size(), 1u);
    const store::PlanRecord& record = plans->front();
    EXPECT_EQ(record.id, first->plan_id);
    EXPECT_EQ(record.unit_id, first->unit_id);
    EXPECT_EQ(record.fiscal_year_be, 2569);
    EXPECT_EQ(record.version, 1);  // the second set-up did not touch it
    EXPECT_EQ(record.updated_at, "2025-11-20T03:00:00Z");

    auto plan = input::parse_plan_json(record.document, "stored");
    ASSERT_TRUE(plan.ok()) << core::to_string(plan.errors());
    EXPECT_EQ(plan->measures.size(), 5u);
    EXPECT_EQ(plan->unit.id, first->unit_id);
    EXPECT_EQ(plan->unit.name, "ศูนย์ความร่วมมือระหว่างประเทศ");
    EXPECT_EQ(plan->fiscal_year_be, 2569);
}

TEST_P(DemoPlanTest, AnEditedPlanIsKeptAndNoPlanDataMeansNoPlan) {
    DemoData without_plan = data_;
    without_plan.plan_json.clear();
    auto bare = set_up_demo(*store_, without_plan, "2025-11-20T03:00:00Z");
    ASSERT_TRUE(bare.ok()) << bare.status.message;
    EXPECT_EQ(bare->plan_id, 0);
    EXPECT_TRUE(store_->list_plans(std::nullopt)->empty());

    auto with_plan = set_up_demo(*store_, data_, "2025-11-20T04:00:00Z");
    ASSERT_TRUE(with_plan.ok()) << with_plan.status.message;
    auto saved =
        store_->save_plan(with_plan->plan_id, "{\"edited\":true}", 1, "2025-11-20T05:00:00Z");
    ASSERT_TRUE(saved.ok()) << saved.status.message;
    ASSERT_TRUE(set_up_demo(*store_, data_, "2025-11-20T06:00:00Z").ok());
    auto plans = store_->list_plans(2569);
    ASSERT_EQ(plans->size(), 1u);
    EXPECT_EQ(plans->front().document, "{\"edited\":true}");
    EXPECT_EQ(plans->front().version, 2);
}

// Issue 12: rounds take answers only between their dates, so the demo's
// collection round must contain the day the demo is run: fiscal year 2569 as
// it stands while that is today, widened when the demo is run later (and on
// a second run of an older demo database).
TEST_P(DemoPlanTest, TheCollectionRoundContainsTheDayTheDemoIsRun) {
    auto within = set_up_demo(*store_, data_, "2025-11-20T03:00:00Z");
    ASSERT_TRUE(within.ok()) << within.status.message;
    auto round = store_->get_round(within->open_round_id);
    ASSERT_TRUE(round.ok());
    EXPECT_EQ(round->opens_on, "2025-10-01");
    EXPECT_EQ(round->closes_on, "2026-09-30");

    auto later = set_up_demo(*store_, data_, "2026-12-02T03:00:00Z");
    ASSERT_TRUE(later.ok()) << later.status.message;
    EXPECT_EQ(later->open_round_id, within->open_round_id);
    round = store_->get_round(later->open_round_id);
    ASSERT_TRUE(round.ok());
    EXPECT_EQ(round->opens_on, "2025-10-01");
    EXPECT_EQ(round->closes_on, "2027-01-31");  // 2 Dec 2026 + 60 days
    EXPECT_EQ(round->status, store::RoundStatus::kOpen);
}

}  // namespace
}  // namespace itagap::app
