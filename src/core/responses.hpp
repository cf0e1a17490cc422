// Survey answers, kept compactly: one byte per answer, one column per item.
//
// A ResponseTable holds every respondent of one unit, one round and one
// instrument. answers(column) is a contiguous run of `respondents()` bytes,
// so scoring an item is one pass over one array. A byte is 0 when the item was
// not answered and k (1-based) for the k-th option as the scale is written,
// before any reversal.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/questionnaire.hpp"

namespace itagap::core {

using Answer = std::uint8_t;
inline constexpr Answer kNotAnswered = 0;

class ResponseTable {
public:
    // Columns are the items of `instrument`, in questionnaire order.
    ResponseTable(const Questionnaire& q, int instrument, std::string unit, std::string round);

    const std::string& unit() const { return unit_; }
    const std::string& round() const { return round_; }
    int instrument() const { return instrument_; }
    std::size_t respondents() const { return respondents_; }

    // Item indices (into Questionnaire::items) of the columns, in order.
    const std::vector<int>& item_of_column() const { return item_of_column_; }
    // Column of an item, or -1 when the item is not in this instrument.
    int column_of_item(int item) const;

    std::span<const Answer> answers(int column) const {
        return {answers_.data() + static_cast<std::size_t>(column) * capacity_, respondents_};
    }

    // Appends one respondent. REQUIRES: row.size() == item_of_column().size();
    // each answer is 0 or a valid option of its item's scale.
    void add_respondent(std::span<const Answer> row);
    void reserve(std::size_t respondents);

private:
    void grow(std::size_t capacity);

    std::string unit_;
    std::string round_;
    int instrument_;
    std::vector<int> item_of_column_;
    std::vector<int> column_of_item_;  // indexed by item index; -1 if absent
    std::size_t respondents_ = 0;
    std::size_t capacity_ = 0;
    std::vector<Answer> answers_;  // column-major, capacity_ per column
};

// All answers of one input: tables in the order their (unit, round,
// instrument) first appeared. Rounds of a unit are in order of first
// appearance, which is how "the previous round" is defined.
struct ResponseSet {
    std::vector<ResponseTable> tables;

    ResponseTable* find(std::string_view unit, std::string_view round, int instrument);
};

}  // namespace itagap::core
