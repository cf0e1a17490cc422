#include "core/responses.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace itagap::core {

ResponseTable::ResponseTable(const Questionnaire& q, int instrument, std::string unit,
                             std::string round)
    : unit_(std::move(unit)),
      round_(std::move(round)),
      instrument_(instrument),
      column_of_item_(q.items.size(), -1) {
    for (int indicator : q.instruments[instrument].indicators) {
        for (int item : q.indicators[indicator].items) {
            column_of_item_[item] = static_cast<int>(item_of_column_.size());
            item_of_column_.push_back(item);
        }
    }
}

int ResponseTable::column_of_item(int item) const {
    if (item < 0 || static_cast<std::size_t>(item) >= column_of_item_.size()) return -1;
    return column_of_item_[item];
}

void ResponseTable::reserve(std::size_t respondents) {
    if (respondents > capacity_) grow(respondents);
}

void ResponseTable::grow(std::size_t capacity) {
    const std::size_t columns = item_of_column_.size();
    std::vector<Answer> grown(columns * capacity, kNotAnswered);
    for (std::size_t c = 0; c < columns; ++c) {
        if (respondents_ > 0) {
            std::memcpy(grown.data() + c * capacity, answers_.data() + c * capacity_, respondents_);
        }
    }
    answers_ = std::move(grown);
    capacity_ = capacity;
}

void ResponseTable::add_respondent(std::span<const Answer> row) {
    assert(row.size() == item_of_column_.size());
    if (respondents_ == capacity_) grow(std::max<std::size_t>(16, capacity_ * 2));
    for (std::size_t c = 0; c < row.size(); ++c) answers_[c * capacity_ + respondents_] = row[c];
    ++respondents_;
}

ResponseTable* ResponseSet::find(std::string_view unit, std::string_view round, int instrument) {
    for (auto& t : tables) {
        if (t.instrument() == instrument && t.unit() == unit && t.round() == round) return &t;
    }
    return nullptr;
}

}  // namespace itagap::core
