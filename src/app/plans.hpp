// Improvement plans from the store: each stored as its "itagap-plan/1"
// document with a version (store.hpp), parsed here into core::Plan. The web
// pages, the JSON API and the reports load plans through these, so a stored
// document that does not parse is reported the same way everywhere.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/plan_rules.hpp"
#include "core/plans.hpp"
#include "store/store.hpp"

namespace itagap::app {

// A plan as stored, and parsed. INVARIANT: plan.id == record.id and
// plan.unit.id == record.unit_id.
struct StoredPlan {
    store::PlanRecord record;
    core::Plan plan;
};

// kInternal when the stored document does not parse (a bug or a damaged row).
store::StatusOr<core::Plan> parse_plan(const store::PlanRecord& record);
store::StatusOr<StoredPlan> load_plan(store::Store& store, store::Id plan_id);
store::StatusOr<std::vector<StoredPlan>> load_plans(store::Store& store, int fiscal_year_be);

// The plan a unit made from a round's gap analysis (its source_round_id is
// `round`'s id). nullopt in the value when there is none.
store::StatusOr<std::optional<store::PlanRecord>> find_round_plan_record(store::Store& store,
                                                                         store::Id unit_id,
                                                                         const store::Round& round);
store::StatusOr<std::optional<StoredPlan>> find_round_plan(store::Store& store, store::Id unit_id,
                                                           const store::Round& round);

// The id of the round a plan was made from (its record's source_round_id),
// when it is one of `rounds`; nullopt otherwise (a plan imported from another
// database whose round is not here).
std::optional<store::Id> source_round_id(const StoredPlan& plan,
                                         const std::vector<store::Round>& rounds);

// The round a plan document names as its source ("source_round", a name), for
// a plan that arrives without an id (itagap plan import): names recur every
// year, so of the rounds with that name the one of the latest fiscal year not
// after the plan's, then the latest to open. The same rule as schema
// migration 5 applies to plans stored before plans kept the id.
std::optional<store::Id> link_source_round(const core::Plan& plan,
                                           const std::vector<store::Round>& rounds);

// The rounds a plan's effect is measured against (core::effect_rounds()),
// latest first.
std::vector<store::Round> effect_rounds(const StoredPlan& plan,
                                        const std::vector<store::Round>& rounds);

// The plain core form of stored plans, in the same order.
std::vector<core::Plan> plans_only(std::span<const StoredPlan> stored);

}  // namespace itagap::app
