// The minimum number of respondents of a unit's instrument, from the
// questionnaire's sample rule (core::SampleRule) and the unit's staff or
// client count, and whether the responses so far reach it.
//
// The rule, in this order, for a population of N people:
//   1. N below everyone_below: everyone, N;
//   2. a cap and N above cap_above: the cap;
//   3. otherwise ceil(percent x N / 100), raised to at_least;
// and never more than N (a unit of 20 clients cannot give 30 answers).
// Rounding is up: 10% of 45 is 4.5, so 5 (and then at_least 30 wins).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/questionnaire.hpp"

namespace itagap::core {

std::string_view to_string(SamplePopulation population);  // "staff", "clients"
std::optional<SamplePopulation> sample_population_from_string(std::string_view text);

// The minimum for a population of `population` people (>= 0); nullopt when
// the population is not known (the unit's count is not set).
std::optional<std::int64_t> minimum_respondents(const SampleRule& rule,
                                                std::optional<std::int64_t> population);

// True when a minimum is known and `responses` reaches it.
bool minimum_reached(std::int64_t responses, std::optional<std::int64_t> minimum);

// One instrument's responses against its minimum.
struct SampleProgress {
    int instrument = -1;  // index into Questionnaire::instruments
    SamplePopulation population_kind = SamplePopulation::kStaff;
    std::optional<std::int64_t> population;  // the unit's count; nullopt: not set
    std::int64_t responses = 0;
    std::optional<std::int64_t> minimum;  // nullopt exactly when population is
    bool reached() const { return minimum_reached(responses, minimum); }
};

// For every instrument of `q` with a sample rule, in questionnaire order:
// `responses[i]` is instrument i's count (missing entries count 0).
std::vector<SampleProgress> sample_progress(const Questionnaire& q,
                                            std::optional<std::int64_t> staff_count,
                                            std::optional<std::int64_t> client_count,
                                            const std::vector<std::int64_t>& responses);

}  // namespace itagap::core
