#include "core/sample_size.hpp"

#include <algorithm>

namespace itagap::core {

std::string_view to_string(SamplePopulation population) {
    switch (population) {
        case SamplePopulation::kStaff:
            return "staff";
        case SamplePopulation::kClients:
            return "clients";
    }
    return "staff";
}

std::optional<SamplePopulation> sample_population_from_string(std::string_view text) {
    if (text == "staff") return SamplePopulation::kStaff;
    if (text == "clients") return SamplePopulation::kClients;
    return std::nullopt;
}

std::optional<std::int64_t> minimum_respondents(const SampleRule& rule,
                                                std::optional<std::int64_t> population) {
    if (!population || *population < 0) return std::nullopt;
    const std::int64_t n = *population;
    if (n < rule.everyone_below) return n;
    if (rule.cap && n > rule.cap_above) return std::min(*rule.cap, n);
    // ceil(hundredths x n / 10000) in whole numbers (no 0.1 + 0.2 surprises),
    // split as n = 10000 q + r so that no product can overflow for any n.
    const std::int64_t q = n / 10000;
    const std::int64_t r = n % 10000;
    const std::int64_t share =
        q * rule.percent_hundredths + (r * rule.percent_hundredths + 9999) / 10000;
    return std::min(std::max(share, rule.at_least), n);
}

bool minimum_reached(std::int64_t responses, std::optional<std::int64_t> minimum) {
    return minimum && responses >= *minimum;
}

std::vector<SampleProgress> sample_progress(const Questionnaire& q,
                                            std::optional<std::int64_t> staff_count,
                                            std::optional<std::int64_t> client_count,
                                            const std::vector<std::int64_t>& responses) {
    std::vector<SampleProgress> out;
    for (std::size_t i = 0; i < q.instruments.size(); ++i) {
        const auto& rule = q.instruments[i].sample;
        if (!rule) continue;
        SampleProgress& p = out.emplace_back();
        p.instrument = static_cast<int>(i);
        p.population_kind = rule->population;
        p.population = rule->population == SamplePopulation::kStaff ? staff_count : client_count;
        p.responses = i < responses.size() ? responses[i] : 0;
        p.minimum = minimum_respondents(*rule, p.population);
    }
    return out;
}

}  // namespace itagap::core
