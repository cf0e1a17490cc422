// Whole-round figures for the organisation overview: every unit of a round
// scored from one pass over the round's stored answers, kept as a few numbers
// per unit. Computing it costs a read of the whole round, so a cache keeps it:
// a closed round's summary until the round's revision changes (an import, a
// reopening), an open round's for a short time (submissions keep arriving).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/results.hpp"
#include "core/questionnaire.hpp"
#include "core/thread_annotations.hpp"
#include "store/store.hpp"

namespace itagap::app {

struct InstrumentFigures {
    std::uint32_t respondents = 0;  // scored rows
    bool has_data = false;
    double score = 0;
    std::string grade;
};

// One unit's line. Only units with responses or access codes in the round
// have one.
struct UnitSummary {
    store::Id unit_id = 0;
    // Per instrument, in questionnaire order.
    std::vector<std::int64_t> stored;  // responses stored, damaged rows included
    std::vector<InstrumentFigures> instruments;
    std::optional<double> ita_total;
    std::string ita_grade;
    bool total_below_target = false;  // ITA total below the target
    std::size_t indicators_below_target = 0;
    store::AccessCodeCounts codes;
};

struct RoundSummary {
    store::Round round;  // as it was when the summary was made
    std::shared_ptr<const core::Questionnaire> questionnaire;
    double target = core::kDefaultTargetScore;
    std::vector<UnitSummary> units;  // by unit id
    std::int64_t responses = 0;      // rows read
    std::int64_t damaged = 0;        // rows whose answers do not fit the questionnaire
    std::string made_at;             // UTC timestamp

    const UnitSummary* find(store::Id unit_id) const;
};

// Reads the round once and scores every unit in it. `now` is the timestamp
// recorded as made_at.
store::StatusOr<RoundSummary> summarise_round(store::Store& store, QuestionnaireCache& cache,
                                              const store::Round& round, double target,
                                              std::string now);

class RoundSummaryCache {
public:
    using Clock = std::chrono::steady_clock;

    RoundSummaryCache(store::Store& store, QuestionnaireCache& questionnaires,
                      std::chrono::seconds open_round_lifetime = std::chrono::seconds(15))
        : store_(store), questionnaires_(questionnaires), open_lifetime_(open_round_lifetime) {}

    // The summary of `round`, which the caller has just read from the store.
    // A cached one is reused when it was made from the same revision of a
    // closed round, or (open or draft round) less than the open-round
    // lifetime ago; otherwise it is made, by one request at a time, so that
    // concurrent requests wait for one pass instead of each making their own.
    store::StatusOr<std::shared_ptr<const RoundSummary>> get(const store::Round& round,
                                                             double target, std::string now);

private:
    struct Entry {
        std::shared_ptr<const RoundSummary> summary;
        Clock::time_point made;
    };
    std::shared_ptr<const RoundSummary> fresh(const store::Round& round, double target)
        EXCLUDES(entries_mu_);

    store::Store& store_;
    QuestionnaireCache& questionnaires_;
    std::chrono::seconds open_lifetime_;
    core::Mutex making_mu_ ACQUIRED_BEFORE(entries_mu_);  // one summary made at a time
    core::Mutex entries_mu_;
    std::map<store::Id, Entry> entries_ GUARDED_BY(entries_mu_);
};

}  // namespace itagap::app
