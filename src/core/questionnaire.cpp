#include "core/questionnaire.hpp"

#include <algorithm>

namespace itagap::core {

std::string_view to_string(ScoringMethod method) {
    switch (method) {
        case ScoringMethod::kFavourableShare:
            return "favourable_share";
        case ScoringMethod::kMeanScore:
            return "mean_score";
    }
    return "favourable_share";
}

std::optional<ScoringMethod> scoring_method_from_string(std::string_view text) {
    if (text == "favourable_share") return ScoringMethod::kFavourableShare;
    if (text == "mean_score") return ScoringMethod::kMeanScore;
    return std::nullopt;
}

std::string_view to_string(EvidenceYear year) {
    return year == EvidenceYear::kPrevious ? "previous" : "current";
}

std::optional<EvidenceYear> evidence_year_from_string(std::string_view text) {
    if (text == "current") return EvidenceYear::kCurrent;
    if (text == "previous") return EvidenceYear::kPrevious;
    return std::nullopt;
}

std::string_view to_string(OitItemScoring scoring) {
    return scoring == OitItemScoring::kPerElement ? "per_element" : "presence";
}

std::optional<OitItemScoring> oit_item_scoring_from_string(std::string_view text) {
    if (text == "presence") return OitItemScoring::kPresence;
    if (text == "per_element") return OitItemScoring::kPerElement;
    return std::nullopt;
}

namespace {
template <typename Range, typename Pred>
int index_where(const Range& range, Pred pred) {
    auto it = std::find_if(range.begin(), range.end(), pred);
    return it == range.end() ? -1 : static_cast<int>(it - range.begin());
}
}  // namespace

int Questionnaire::find_instrument(std::string_view code) const {
    return index_where(instruments, [&](const Instrument& i) { return i.code == code; });
}
int Questionnaire::find_indicator(int number) const {
    return index_where(indicators, [&](const Indicator& i) { return i.number == number; });
}
int Questionnaire::find_item(std::string_view code) const {
    return index_where(items, [&](const Item& i) { return i.code == code; });
}
int Questionnaire::find_scale(std::string_view id) const {
    return index_where(scales, [&](const AnswerScale& s) { return s.id == id; });
}
int Questionnaire::find_oit_item(std::string_view code) const {
    return index_where(oit_items, [&](const OitItem& i) { return i.code == code; });
}

const std::string& Questionnaire::grade_for(double score) const {
    for (const auto& band : grades) {
        if (score >= band.min_score) return band.grade;
    }
    static const std::string kNoGrade;
    return grades.empty() ? kNoGrade : grades.back().grade;
}

}  // namespace itagap::core
