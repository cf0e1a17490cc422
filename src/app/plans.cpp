#include "app/plans.hpp"

#include <fmt/format.h>

#include "input/plan_json.hpp"

namespace itagap::app {

using store::Status;
using store::StatusOr;

StatusOr<core::Plan> parse_plan(const store::PlanRecord& record) {
    auto parsed = input::parse_plan_json(record.document, fmt::format("plan {}", record.id));
    if (!parsed.ok()) {
        return Status::Internal(fmt::format("stored plan {} does not parse: {}", record.id,
                                            core::to_string(parsed.errors())));
    }
    core::Plan plan = std::move(parsed).value();
    plan.id = record.id;
    plan.unit.id = record.unit_id;
    return plan;
}

namespace {

StatusOr<StoredPlan> parse_record(store::PlanRecord record) {
    auto plan = parse_plan(record);
    if (!plan.ok()) return plan.status;
    return StoredPlan{std::move(record), std::move(*plan)};
}

// The source round of a plan's document, by name: the only link a plan has
// until plans keep the round's id. Names recur every year ("รอบ 5 เดือนแรก"):
// callers take the first match in list_rounds() order (newest first).
bool is_source_round(const core::Plan& plan, const store::Round& round) {
    return round.name == plan.source_round;
}

}  // namespace

StatusOr<StoredPlan> load_plan(store::Store& store, store::Id plan_id) {
    auto record = store.get_plan(plan_id);
    if (!record.ok()) return record.status;
    return parse_record(std::move(*record));
}

StatusOr<std::vector<StoredPlan>> load_plans(store::Store& store, int fiscal_year_be) {
    auto records = store.list_plans(fiscal_year_be);
    if (!records.ok()) return records.status;
    std::vector<StoredPlan> out;
    for (auto& record : *records) {
        auto parsed = parse_record(std::move(record));
        if (!parsed.ok()) return parsed.status;
        out.push_back(std::move(*parsed));
    }
    return out;
}

StatusOr<std::optional<store::PlanRecord>> find_round_plan_record(store::Store& store,
                                                                  store::Id unit_id,
                                                                  const store::Round& round) {
    using Found = std::optional<store::PlanRecord>;
    auto records = store.list_plans(std::nullopt);
    if (!records.ok()) return records.status;
    Found found;
    for (auto& record : *records) {
        if (record.unit_id != unit_id) continue;
        if (found && found->fiscal_year_be >= record.fiscal_year_be) continue;
        auto plan = input::parse_plan_json(record.document, "plan");
        if (plan.ok() && is_source_round(plan.value(), round)) found = std::move(record);
    }
    return found;
}

StatusOr<std::optional<StoredPlan>> find_round_plan(store::Store& store, store::Id unit_id,
                                                   const store::Round& round) {
    using Found = std::optional<StoredPlan>;
    auto record = find_round_plan_record(store, unit_id, round);
    if (!record.ok()) return record.status;
    if (!*record) return Found();
    auto parsed = parse_record(std::move(**record));
    if (!parsed.ok()) return parsed.status;
    return Found(std::move(*parsed));
}

std::optional<store::Id> source_round_id(const StoredPlan& plan,
                                         const std::vector<store::Round>& rounds) {
    for (const auto& r : rounds) {  // newest first
        if (is_source_round(plan.plan, r)) return r.id;
    }
    return std::nullopt;
}

std::vector<store::Round> effect_rounds(const StoredPlan& plan,
                                        const std::vector<store::Round>& rounds) {
    std::vector<store::Round> out;
    const auto source = source_round_id(plan, rounds);
    if (!source) return out;
    std::vector<core::RoundFacts> facts;
    facts.reserve(rounds.size());
    for (const auto& r : rounds) {
        facts.push_back({r.id, r.questionnaire_id, r.opens_on,
                         r.status == store::RoundStatus::kClosed});
    }
    for (std::size_t i : core::effect_rounds(facts, *source)) out.push_back(rounds[i]);
    return out;
}

std::vector<core::Plan> plans_only(std::span<const StoredPlan> stored) {
    std::vector<core::Plan> out;
    out.reserve(stored.size());
    for (const auto& s : stored) out.push_back(s.plan);
    return out;
}

}  // namespace itagap::app
