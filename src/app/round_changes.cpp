#include "app/round_changes.hpp"

#include <charconv>

#include "core/thai_date.hpp"

namespace itagap::app {

core::RoundStage stage_of(const store::Round& round) {
    switch (round.status) {
        case store::RoundStatus::kDraft:
            return {core::RoundState::kDraft, false};
        case store::RoundStatus::kOpen:
            return {core::RoundState::kOpen, round.results_published};
        case store::RoundStatus::kClosed:
            return {
                round.results_published ? core::RoundState::kPublished : core::RoundState::kClosed,
                false};
    }
    return {};
}

void set_stage(store::Round& round, const core::RoundStage& stage) {
    switch (stage.state) {
        case core::RoundState::kDraft:
            round.status = store::RoundStatus::kDraft;
            break;
        case core::RoundState::kOpen:
            round.status = store::RoundStatus::kOpen;
            break;
        case core::RoundState::kClosed:
        case core::RoundState::kPublished:
            round.status = store::RoundStatus::kClosed;
            break;
    }
    round.results_published = stage.results_published();
}

core::Actor actor_of(store::Role role) {
    switch (role) {
        case store::Role::kAdmin:
            return core::Actor::kAdmin;
        case store::Role::kUnitCoordinator:
            return core::Actor::kUnitCoordinator;
        case store::Role::kExecutive:
        case store::Role::kReviewer:
            return core::Actor::kExecutive;
    }
    return core::Actor::kExecutive;
}

store::StatusOr<RoundChange> change_round(store::Store& store, store::Id round_id,
                                          core::RoundAction action, store::Role role,
                                          const RoundAuditEntry& audit_for) {
    auto round = store.get_round(round_id);
    if (!round.ok()) return round.status;
    RoundChange change{*round, *round,
                       core::transition_round(stage_of(*round), action, actor_of(role))};
    if (!change.transition.allowed()) return change;
    set_stage(change.after, change.transition.to);
    if (auto status = audit_for ? store.update_round(change.after, audit_for(change))
                                : store.update_round(change.after);
        !status.ok())
        return status;
    return change;
}

namespace {

std::string date_problem_key(core::DateProblem problem) {
    switch (problem) {
        case core::DateProblem::kEmpty:
            return "date_empty";
        case core::DateProblem::kMalformed:
            return "date_malformed";
        case core::DateProblem::kNoSuchDay:
            return "date_no_such_day";
        case core::DateProblem::kYearOutOfRange:
            return "date_year_range";
        case core::DateProblem::kNone:
            break;
    }
    return {};
}

std::string date_form(const std::string& iso) {
    const auto date = core::parse_iso_date(iso);
    return date ? core::format_be_date_numeric(*date) : iso;
}

}  // namespace

std::vector<RoundFormProblem> apply_round_form(const RoundForm& form, store::Round& round) {
    std::vector<RoundFormProblem> problems;
    if (form.name.empty() || form.name.size() > 1000)
        problems.push_back({"name", "round_name_required"});
    int year = 0;
    const auto& y = form.fiscal_year;
    auto [end, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
    if (ec != std::errc{} || end != y.data() + y.size() || year < core::kMinTypedYearBe ||
        year > core::kMaxTypedYearBe) {
        problems.push_back({"fiscal_year", "fiscal_year_invalid"});
    }
    const auto opens = core::parse_typed_date(form.opens_on);
    const auto closes = core::parse_typed_date(form.closes_on);
    if (opens.problem != core::DateProblem::kNone)
        problems.push_back({"opens_on", date_problem_key(opens.problem)});
    if (closes.problem != core::DateProblem::kNone)
        problems.push_back({"closes_on", date_problem_key(closes.problem)});
    if (opens.date && closes.date && *opens.date > *closes.date)
        problems.push_back({"closes_on", "dates_order"});
    if (!problems.empty()) return problems;
    round.name = form.name;
    round.fiscal_year_be = year;
    round.opens_on = core::to_iso_string(*opens.date);
    round.closes_on = core::to_iso_string(*closes.date);
    return problems;
}

RoundForm round_form_of(const store::Round& round) {
    return RoundForm{round.name, std::to_string(round.fiscal_year_be), date_form(round.opens_on),
                     date_form(round.closes_on)};
}

store::StatusOr<store::Id> duplicate_round(store::Store& store, store::Id source_id,
                                           const store::AuditEntry* audit) {
    auto source = store.get_round(source_id);
    if (!source.ok()) return source.status;
    store::Round copy = *source;
    copy.id = 0;
    copy.fiscal_year_be = source->fiscal_year_be + 1;
    for (std::string* date : {&copy.opens_on, &copy.closes_on}) {
        if (auto d = core::parse_iso_date(*date))
            *date = core::to_iso_string(core::add_years(*d, 1));
    }
    copy.status = store::RoundStatus::kDraft;
    copy.results_published = false;
    copy.revision = 0;
    return audit ? store.create_round(copy, *audit) : store.create_round(copy);
}

}  // namespace itagap::app
