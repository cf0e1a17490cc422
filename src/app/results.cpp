#include "app/results.hpp"

#include <algorithm>

#include "input/questionnaire_json.hpp"

namespace itagap::app {

using store::Status;
using store::StatusCode;
using store::StatusOr;

StatusOr<std::shared_ptr<const core::Questionnaire>> QuestionnaireCache::get(store::Id id) {
    {
        core::MutexLock lock(mutex_);
        if (auto it = parsed_.find(id); it != parsed_.end()) return it->second;
    }
    auto record = store_.get_questionnaire(id);
    if (!record.ok()) return record.status;
    auto parsed =
        input::parse_questionnaire_json(record->json, "questionnaire " + std::to_string(id));
    if (!parsed) {
        return Status::Internal(core::to_string(parsed.errors()));
    }
    auto q = std::make_shared<const core::Questionnaire>(std::move(parsed).value());
    core::MutexLock lock(mutex_);
    parsed_.emplace(id, q);
    return q;
}

std::vector<std::uint8_t> highest_answers(const core::Questionnaire& q, int instrument) {
    const core::ResponseTable columns(q, instrument, {}, {});
    std::vector<std::uint8_t> highest;
    for (int item : columns.item_of_column()) {
        const auto& scale = q.scales[q.items[static_cast<std::size_t>(item)].scale];
        highest.push_back(
            static_cast<std::uint8_t>(std::min<std::size_t>(scale.options.size(), 255)));
    }
    return highest;
}

bool answers_fit(std::span<const std::uint8_t> answers, const std::vector<std::uint8_t>& highest) {
    if (answers.size() != highest.size()) return false;
    for (std::size_t c = 0; c < highest.size(); ++c) {
        if (answers[c] > highest[c]) return false;
    }
    return true;
}

core::ResponseTable to_response_table(const core::Questionnaire& q, int instrument,
                                      const std::string& unit_name, const std::string& round_name,
                                      const std::vector<store::StoredResponse>& rows,
                                      std::size_t* skipped) {
    core::ResponseTable table(q, instrument, unit_name, round_name);
    table.reserve(rows.size());
    const auto highest = highest_answers(q, instrument);
    std::size_t bad = 0;
    for (const auto& row : rows) {
        if (!answers_fit(row.answers, highest)) {
            ++bad;
            continue;
        }
        table.add_respondent(row.answers);
    }
    if (skipped) *skipped = bad;
    return table;
}

namespace {

StatusOr<core::ResponseSet> load_responses(store::Store& store, const core::Questionnaire& q,
                                           const store::Round& round, const store::Unit& unit) {
    core::ResponseSet set;
    for (std::size_t i = 0; i < q.instruments.size(); ++i) {
        const auto& instrument = q.instruments[i];
        auto rows = store.list_responses(round.id, unit.id, instrument.code);
        if (!rows.ok()) return rows.status;
        if (rows->empty()) continue;
        set.tables.push_back(
            to_response_table(q, static_cast<int>(i), unit.name, round.name, *rows));
    }
    return set;
}

}  // namespace

StatusOr<UnitRoundResults> unit_round_results(store::Store& store, QuestionnaireCache& cache,
                                              store::Id round_id, store::Id unit_id,
                                              double target) {
    auto round = store.get_round(round_id);
    if (!round.ok()) return round.status;
    auto unit = store.get_unit(unit_id);
    if (!unit.ok()) return unit.status;
    auto q = cache.get(round->questionnaire_id);
    if (!q.ok()) return q.status;

    UnitRoundResults out;
    out.unit = *unit;
    out.round = *round;
    out.questionnaire = *q;
    auto responses = load_responses(store, **q, *round, *unit);
    if (!responses.ok()) return responses.status;
    out.responses = std::move(*responses);

    // The previous round: the latest round opening before this one that uses
    // the same questionnaire and has responses from this unit. (The core
    // compares figures position by position, so a round on another
    // questionnaire version is not comparable figure by figure.)
    auto rounds = store.list_rounds();
    if (!rounds.ok()) return rounds.status;
    std::optional<core::UnitRoundScore>& previous_score = out.previous_score;
    for (const auto& candidate : *rounds) {  // newest first
        if (candidate.id == round->id || candidate.opens_on >= round->opens_on) continue;
        if (candidate.questionnaire_id != round->questionnaire_id) continue;
        auto set = load_responses(store, **q, candidate, *unit);
        if (!set.ok() || set->tables.empty()) continue;
        auto scores = core::score_all(**q, *set);
        if (scores.empty()) continue;
        previous_score = scores[0];
        out.previous_round = candidate;
        break;
    }

    auto scores = core::score_all(**q, out.responses);
    if (scores.empty()) {
        out.score.unit = unit->name;
        out.score.round = round->name;
        for (std::size_t i = 0; i < (*q)->instruments.size(); ++i) {
            core::InstrumentScore empty;
            empty.instrument = static_cast<int>(i);
            out.score.instruments.push_back(empty);
        }
    } else {
        out.score = std::move(scores[0]);
    }
    std::vector<const core::ResponseTable*> tables;
    for (const auto& t : out.responses.tables) tables.push_back(&t);
    out.gaps = core::analyse_gaps(**q, out.score, previous_score ? &*previous_score : nullptr,
                                  tables, target);
    return out;
}

}  // namespace itagap::app
