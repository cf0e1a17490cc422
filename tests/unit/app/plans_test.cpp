// app/plans: which round a plan belongs to, by id, and the name rule for a
// plan that arrives without one (itagap plan import).
#include "app/plans.hpp"

#include <gtest/gtest.h>

namespace itagap::app {
namespace {

store::Round round(store::Id id, int year, std::string name, std::string opens_on) {
    store::Round r;
    r.id = id;
    r.fiscal_year_be = year;
    r.name = std::move(name);
    r.opens_on = std::move(opens_on);
    return r;
}

core::Plan plan_named(std::string source_round, int year) {
    core::Plan p;
    p.source_round = std::move(source_round);
    p.fiscal_year_be = year;
    return p;
}

// "รอบ 5 เดือนแรก" recurs every year; a plan for FY 2569 made from the FY 2568
// round must not be tied to the FY 2569 or 2570 round of the same name.
const std::vector<store::Round> kRounds = {
    round(7, 2570, "รอบ 5 เดือนแรก", "2026-10-01"), round(5, 2569, "รอบ 5 เดือนแรก", "2025-10-01"),
    round(4, 2568, "รอบ 12 เดือน", "2025-04-01"),   round(3, 2568, "รอบ 5 เดือนแรก", "2024-10-01"),
    round(2, 2567, "รอบ 5 เดือนแรก", "2023-10-01"),
};

TEST(LinkSourceRound, TakesTheLatestYearNotAfterThePlans) {
    EXPECT_EQ(link_source_round(plan_named("รอบ 5 เดือนแรก", 2569), kRounds), 5);
    EXPECT_EQ(link_source_round(plan_named("รอบ 5 เดือนแรก", 2568), kRounds), 3);
    EXPECT_EQ(link_source_round(plan_named("รอบ 12 เดือน", 2569), kRounds), 4);
}

TEST(LinkSourceRound, NoRoundOfThatNameOrOnlyLaterOnes) {
    EXPECT_EQ(link_source_round(plan_named("รอบพิเศษ", 2569), kRounds), std::nullopt);
    EXPECT_EQ(link_source_round(plan_named("รอบ 5 เดือนแรก", 2566), kRounds), std::nullopt);
}

TEST(LinkSourceRound, TwoRoundsOfOneYearAndNameTakeTheLaterToOpen) {
    std::vector<store::Round> rounds = {round(10, 2569, "ทดลอง", "2025-11-01"),
                                        round(11, 2569, "ทดลอง", "2026-02-01")};
    EXPECT_EQ(link_source_round(plan_named("ทดลอง", 2569), rounds), 11);
}

TEST(SourceRoundId, IsTheRecordsIdWhenThatRoundIsHere) {
    StoredPlan stored;
    stored.plan = plan_named("รอบ 5 เดือนแรก", 2569);
    stored.record.source_round_id = 3;
    EXPECT_EQ(source_round_id(stored, kRounds), 3);  // not 5, although 5 has the name too
    stored.record.source_round_id = 99;
    EXPECT_EQ(source_round_id(stored, kRounds), std::nullopt);
    stored.record.source_round_id.reset();
    EXPECT_EQ(source_round_id(stored, kRounds), std::nullopt);  // names alone link nothing
}

}  // namespace
}  // namespace itagap::app
