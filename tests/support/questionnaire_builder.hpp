// Small questionnaires built in code for unit tests of the core, so a test
// reads its whole data set on one screen.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "core/questionnaire.hpp"
#include "core/responses.hpp"

namespace itagap::testing {

// A six-level scale scored 0, 20, 40, 60, 80, 100 whose upper three options
// are favourable, like the ITA scales.
inline core::AnswerScale six_level_scale(const std::string& id = "six") {
    core::AnswerScale s;
    s.id = id;
    const char* labels[] = {"หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก"};
    for (int k = 0; k < 6; ++k) s.options.push_back({{labels[k], ""}, 20.0 * k, k >= 3});
    return s;
}

class QuestionnaireBuilder {
public:
    explicit QuestionnaireBuilder(
        core::ScoringMethod method = core::ScoringMethod::kFavourableShare) {
        q_.id = "test";
        q_.method = method;
        q_.grades = {{"AA", 95}, {"A", 85}, {"B", 75}, {"C", 65}, {"D", 55}, {"E", 50}, {"F", 0}};
        q_.scales.push_back(six_level_scale());
    }
    QuestionnaireBuilder& instrument(const std::string& code, double weight) {
        q_.instruments.push_back({code, {code, code}, weight, {}});
        return *this;
    }
    // An indicator of the last instrument.
    QuestionnaireBuilder& indicator(int number) {
        const int instrument = static_cast<int>(q_.instruments.size()) - 1;
        q_.instruments.back().indicators.push_back(static_cast<int>(q_.indicators.size()));
        q_.indicators.push_back({number, {"ตัวชี้วัด " + std::to_string(number), ""}, instrument, {}});
        return *this;
    }
    // An item of the last indicator.
    QuestionnaireBuilder& item(const std::string& code, bool reverse = false) {
        const int indicator = static_cast<int>(q_.indicators.size()) - 1;
        q_.indicators.back().items.push_back(static_cast<int>(q_.items.size()));
        q_.items.push_back({code, {"ข้อ " + code, ""}, indicator, 0, reverse});
        return *this;
    }
    core::Questionnaire build() const { return q_; }

private:
    core::Questionnaire q_;
};

// A table from rows written as the respondent answered (0 = not answered),
// one inner list per respondent, columns in questionnaire order.
inline core::ResponseTable make_table(const core::Questionnaire& q, const std::string& instrument,
                                      std::initializer_list<std::vector<core::Answer>> rows,
                                      const std::string& unit = "unit",
                                      const std::string& round = "round") {
    core::ResponseTable t(q, q.find_instrument(instrument), unit, round);
    for (const auto& row : rows) t.add_respondent(row);
    return t;
}

}  // namespace itagap::testing
