#include "app/round_summary.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "core/gaps.hpp"
#include "core/scoring.hpp"

namespace itagap::app {

using store::Status;
using store::StatusOr;

const UnitSummary* RoundSummary::find(store::Id unit_id) const {
    auto it = std::lower_bound(units.begin(), units.end(), unit_id,
                               [](const UnitSummary& u, store::Id id) { return u.unit_id < id; });
    return it != units.end() && it->unit_id == unit_id ? &*it : nullptr;
}

namespace {

// The answers of one unit while the round is read: a table per instrument
// that has rows, and the count of rows stored (damaged ones included).
struct UnitAnswers {
    std::vector<std::optional<core::ResponseTable>> tables;  // per instrument
    std::vector<std::int64_t> stored;
};

UnitSummary summarise_unit(const core::Questionnaire& q, store::Id unit_id, UnitAnswers answers,
                           double target) {
    UnitSummary out;
    out.unit_id = unit_id;
    out.stored = std::move(answers.stored);
    out.instruments.resize(q.instruments.size());
    core::ResponseSet set;
    for (auto& table : answers.tables) {
        if (table && table->respondents() > 0) set.tables.push_back(std::move(*table));
    }
    auto scores = core::score_all(q, set);
    if (scores.empty()) return out;
    const core::UnitRoundScore& score = scores.front();
    for (const auto& s : score.instruments) {
        auto& figures = out.instruments[static_cast<std::size_t>(s.instrument)];
        figures.respondents = s.respondents;
        figures.has_data = s.has_data();
        figures.score = s.score;
        figures.grade = s.grade;
    }
    out.ita_total = score.ita_total;
    out.ita_grade = score.ita_grade;
    out.total_below_target = score.ita_total && *score.ita_total < target;
    // Below-target indicators only: no previous round and no misread signal
    // (the overview shows neither), so no tables are passed.
    const auto gaps = core::analyse_gaps(q, score, nullptr, {}, target);
    for (const auto& ig : gaps.instruments)
        out.indicators_below_target += ig.indicators_below_target.size();
    return out;
}

}  // namespace

StatusOr<RoundSummary> summarise_round(store::Store& store, QuestionnaireCache& cache,
                                       const store::Round& round, double target, std::string now) {
    auto q = cache.get(round.questionnaire_id);
    if (!q.ok()) return q.status;
    const core::Questionnaire& questionnaire = **q;
    const std::size_t instruments = questionnaire.instruments.size();

    // Per instrument: its code, and each column's highest valid answer, to
    // check rows as they come.
    std::vector<std::vector<std::uint8_t>> highest(instruments);
    std::vector<std::string> codes(instruments);
    for (std::size_t i = 0; i < instruments; ++i) {
        codes[i] = questionnaire.instruments[i].code;
        highest[i] = highest_answers(questionnaire, static_cast<int>(i));
    }

    RoundSummary out;
    out.round = round;
    out.questionnaire = *q;
    out.target = target;
    out.made_at = std::move(now);
    // Rows come grouped by unit (store::Store::scan_round_answers): a unit
    // is scored and released when the next one starts, so only one unit's
    // answers are held at a time.
    std::vector<UnitSummary> scored;
    std::optional<store::Id> current_id;
    UnitAnswers current;
    bool out_of_order = false;
    auto finish_current = [&] {
        if (current_id) {
            scored.push_back(
                summarise_unit(questionnaire, *current_id, std::move(current), target));
        }
        current = UnitAnswers{};
    };
    Status scanned = store.scan_round_answers(round.id, [&](const store::RoundAnswerRow& row) {
        ++out.responses;
        if (!current_id || row.unit_id != *current_id) {
            if (current_id && row.unit_id < *current_id) out_of_order = true;
            finish_current();
            current_id = row.unit_id;
            current.stored.assign(instruments, 0);
            current.tables.resize(instruments);
        }
        std::size_t instrument = 0;
        while (instrument < instruments && codes[instrument] != row.instrument) ++instrument;
        if (instrument == instruments) {  // an instrument this questionnaire does not have
            ++out.damaged;
            return;
        }
        ++current.stored[instrument];
        if (!answers_fit(row.answers, highest[instrument])) {
            ++out.damaged;
            return;
        }
        auto& table = current.tables[instrument];
        if (!table) {
            table.emplace(questionnaire, static_cast<int>(instrument), std::to_string(row.unit_id),
                          round.name);
        }
        table->add_respondent(row.answers);
    });
    if (!scanned.ok()) return scanned;
    finish_current();
    if (out_of_order) {
        return Status::Internal("round " + std::to_string(round.id) +
                                ": the store did not group responses by unit");
    }
    auto codes_by_unit = store.count_access_codes_by_unit(round.id);
    if (!codes_by_unit.ok()) return codes_by_unit.status;

    // Units with responses, and units with access codes only, by id.
    out.units.reserve(scored.size() + codes_by_unit->size());
    auto next_scored = scored.begin();
    auto next_codes = codes_by_unit->begin();
    while (next_scored != scored.end() || next_codes != codes_by_unit->end()) {
        const bool take_scored =
            next_scored != scored.end() &&
            (next_codes == codes_by_unit->end() || next_scored->unit_id <= next_codes->first);
        if (take_scored) {
            UnitSummary summary = std::move(*next_scored++);
            if (next_codes != codes_by_unit->end() && next_codes->first == summary.unit_id) {
                summary.codes = (next_codes++)->second;
            }
            out.units.push_back(std::move(summary));
        } else {
            UnitSummary summary;
            summary.unit_id = next_codes->first;
            summary.stored.assign(instruments, 0);
            summary.instruments.resize(instruments);
            summary.codes = (next_codes++)->second;
            out.units.push_back(std::move(summary));
        }
    }
    return out;
}

std::shared_ptr<const RoundSummary> RoundSummaryCache::fresh(const store::Round& round,
                                                             double target) {
    core::MutexLock lock(entries_mu_);
    auto it = entries_.find(round.id);
    if (it == entries_.end()) return nullptr;
    const RoundSummary& s = *it->second.summary;
    if (s.target != target || s.round.revision != round.revision || s.round.status != round.status)
        return nullptr;
    if (round.status == store::RoundStatus::kClosed) return it->second.summary;
    if (Clock::now() - it->second.made < open_lifetime_) return it->second.summary;
    return nullptr;
}

StatusOr<std::shared_ptr<const RoundSummary>> RoundSummaryCache::get(const store::Round& round,
                                                                     double target,
                                                                     std::string now) {
    using Result = std::shared_ptr<const RoundSummary>;
    if (auto cached = fresh(round, target)) return cached;
    core::MutexLock making(making_mu_);
    // Someone may have made it while this request waited.
    if (auto cached = fresh(round, target)) return cached;
    auto made = summarise_round(store_, questionnaires_, round, target, std::move(now));
    if (!made.ok()) return made.status;
    Result summary = std::make_shared<const RoundSummary>(std::move(*made));
    core::MutexLock lock(entries_mu_);
    entries_[round.id] = Entry{summary, Clock::now()};
    return summary;
}

}  // namespace itagap::app
