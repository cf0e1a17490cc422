// The demo database carries the seed's improvement plan (data/demo/plan-2569.json)
// for the demo unit, once, however often the demo is set up.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../store/store_fixture.hpp"
#include "app/demo_setup.hpp"
#include "input/plan_json.hpp"

namespace itagap::app {
namespace {

using store::testing::Backend;
using store::testing::TestDatabase;

std::string read(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class DemoPlanTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        std::string why;
        bool skip = false;
        db_ = TestDatabase::create(GetParam(), why, skip);
        if (!db_) {
            if (skip) GTEST_SKIP() << why;
            FAIL() << why;
        }
        auto opened = store::open_store(db_->url());
        ASSERT_TRUE(opened.ok()) << opened.status.message;
        store_ = std::move(*opened.value);
        data_ = DemoData{read("data/questionnaires/ita-internal-2568.json"),
                         read("data/demo/responses.csv"), read("data/demo/plan-2569.json")};
        ASSERT_FALSE(data_.plan_json.empty());
    }
    void TearDown() override {
        store_.reset();
        db_.reset();
    }

    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<store::Store> store_;
    DemoData data_;
};

INSTANTIATE_TEST_SUITE_P(App, DemoPlanTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

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

}  // namespace
}  // namespace itagap::app
