// The narrative's sentences come from the catalogue (context "narrative"). The
// Thai follows the wording of the KPI attachment that agencies write by hand
// (shared/seed).
#include "report/messages.hpp"

namespace itagap::report {

namespace {

// Every field from the catalogue's "narrative" texts (data/messages/*.po); the
// views point into the catalogue, which lives as long as the program.
Messages load(Language language) {
    auto t = [language](std::string_view key) { return text::phrase(language, "narrative", key); };
    return {
        .language = language,
        .instrument_heading = t("instrument_heading"),
        .instrument_score = t("instrument_score"),
        .highest_lowest = t("highest_lowest"),
        .all_indicators_equal = t("all_indicators_equal"),
        .indicator_ref = t("indicator_ref"),
        .lowest_item = t("lowest_item"),
        .lowest_items_tied = t("lowest_items_tied"),
        .item_ref_share = t("item_ref_share"),
        .item_ref_mean = t("item_ref_mean"),
        .misread = t("misread"),
        .below_target_none = t("below_target_none"),
        .below_target_indicators = t("below_target_indicators"),
        .below_target_items = t("below_target_items"),
        .item_score_short = t("item_score_short"),
        .no_previous_round = t("no_previous_round"),
        .change = t("change"),
        .increased = t("increased"),
        .decreased = t("decreased"),
        .unchanged = t("unchanged"),
        .ita_total_word = t("ita_total_word"),
        .missing_instrument = t("missing_instrument"),
        .total = t("total"),
        .total_rescaled = t("total_rescaled"),
        .passed = t("passed"),
        .not_passed = t("not_passed"),
        .sentence_end = t("sentence_end"),
        .list_separator = t("list_separator"),
        .list_last_separator = t("list_last_separator"),
        .column_name = t("column_name"),
        .column_score = t("column_score"),
        .column_ci = t("column_ci"),
        .column_answers = t("column_answers"),
        .column_respondents = t("column_respondents"),
        .indicator_short = t("indicator_short"),
        .estimate_note = t("estimate_note"),
    };
}

}  // namespace

const Messages& messages(Language language) {
    static const Messages kThai = load(Language::kThai);
    static const Messages kEnglish = load(Language::kEnglish);
    return language == Language::kEnglish ? kEnglish : kThai;
}

const std::string& pick(const core::LocalText& text, Language language) {
    if (language == Language::kEnglish && !text.en.empty()) return text.en;
    return text.th;
}

std::string join_list(const std::vector<std::string>& parts, const Messages& m) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? m.list_last_separator : m.list_separator;
        out += parts[i];
    }
    return out;
}

}  // namespace itagap::report
