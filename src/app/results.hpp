// Scores and gaps of stored responses: loads a round's questionnaire and a
// unit's responses from the store, hands them to the core, and finds the
// unit's previous round for the change figures. The one place where the
// store meets the core for results; handlers and reports call this.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/gaps.hpp"
#include "core/questionnaire.hpp"
#include "core/responses.hpp"
#include "core/scoring.hpp"
#include "core/thread_annotations.hpp"
#include "store/store.hpp"

namespace itagap::app {

struct UnitRoundResults {
    store::Unit unit;
    store::Round round;
    std::shared_ptr<const core::Questionnaire> questionnaire;
    core::ResponseSet responses;
    core::UnitRoundScore score;
    core::UnitRoundGaps gaps;
    std::optional<store::Round> previous_round;
    std::optional<core::UnitRoundScore> previous_score;  // of previous_round
};

// Parses stored questionnaires once and keeps them (they are immutable once a
// round uses them, so the cache is safe across stateless servers).
class QuestionnaireCache {
public:
    explicit QuestionnaireCache(store::Store& store) : store_(store) {}
    store::StatusOr<std::shared_ptr<const core::Questionnaire>> get(store::Id id);

private:
    store::Store& store_;
    core::Mutex mutex_;
    std::map<store::Id, std::shared_ptr<const core::Questionnaire>> parsed_ GUARDED_BY(mutex_);
};

// The highest valid answer of each column of `instrument`'s table (the size
// of the column item's scale), in column order: a stored row fits when it has
// one answer per column and none above its column's highest.
std::vector<std::uint8_t> highest_answers(const core::Questionnaire& q, int instrument);
bool answers_fit(std::span<const std::uint8_t> answers, const std::vector<std::uint8_t>& highest);

// Converts stored rows (one instrument of one unit and round) into a table.
// Rows whose answer count does not match the questionnaire are skipped and
// counted in `skipped` (a questionnaire cannot change under a round, so this
// means a damaged row).
core::ResponseTable to_response_table(const core::Questionnaire& q, int instrument,
                                      const std::string& unit_name, const std::string& round_name,
                                      const std::vector<store::StoredResponse>& rows,
                                      std::size_t* skipped = nullptr);

// Scores one unit in one round; the previous round is the latest earlier
// round (by opening date) on the same questionnaire with responses from this
// unit.
store::StatusOr<UnitRoundResults> unit_round_results(store::Store& store, QuestionnaireCache& cache,
                                                     store::Id round_id, store::Id unit_id,
                                                     double target);

}  // namespace itagap::app
