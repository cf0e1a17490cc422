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
    return store.find_plan_by_source_round(unit_id, round.id);
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
    const auto id = plan.record.source_round_id;
    if (!id) return std::nullopt;
    for (const auto& r : rounds) {
        if (r.id == *id) return id;
    }
    return std::nullopt;
}

std::optional<store::Id> link_source_round(const core::Plan& plan,
                                           const std::vector<store::Round>& rounds) {
    const store::Round* best = nullptr;
    for (const auto& r : rounds) {
        if (r.name != plan.source_round || r.fiscal_year_be > plan.fiscal_year_be) continue;
        // ISO dates: text order is date order.
        if (!best || r.fiscal_year_be > best->fiscal_year_be ||
            (r.fiscal_year_be == best->fiscal_year_be && r.opens_on > best->opens_on))
            best = &r;
    }
    if (!best) return std::nullopt;
    return best->id;
}

std::vector<store::Round> effect_rounds(const StoredPlan& plan,
                                        const std::vector<store::Round>& rounds) {
    std::vector<store::Round> out;
    const auto source = source_round_id(plan, rounds);
    if (!source) return out;
    std::vector<core::RoundFacts> facts;
    facts.reserve(rounds.size());
    for (const auto& r : rounds) {
        facts.push_back(
            {r.id, r.questionnaire_id, r.opens_on, r.status == store::RoundStatus::kClosed});
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
