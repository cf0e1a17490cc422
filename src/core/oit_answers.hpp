// One unit's answer to one OIT item in a round, with the reviewer's verdict
// and the unit's clarification, and the checklist's progress (answered,
// missing, due) computed from a unit's answers. ../shared/DOMAIN.md, OIT;
// the item's life is core/oit_review.hpp. Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/oit_review.hpp"
#include "core/oit_scoring.hpp"
#include "core/questionnaire.hpp"
#include "core/thai_date.hpp"

namespace itagap::core {

// Most links one answer (or one clarification) may give, and the longest
// text fields: the store keeps what an office really types, no more.
inline constexpr std::size_t kMaxOitUrls = 10;
inline constexpr std::size_t kMaxOitUrlLength = 2000;
inline constexpr std::size_t kMaxOitTextLength = 4000;

struct OitAnswer {
    std::string item_code;  // "o2", as in the questionnaire
    OitItemState state = OitItemState::kDraft;

    // The unit's answer.
    bool available = false;         // มี (true) / ไม่มี (false)
    std::vector<std::string> urls;  // on the unit's website, in the order given
    std::string explanation;        // where on the page the data sits
    std::string responsible;        // who prepares it (a group or a position)
    std::optional<CivilDate> due;   // by when

    // The reviewer's verdict (state passed, failed, clarified, confirmed_*).
    std::string review_comment;
    // For an item scored per element: one entry per element, in its order.
    std::vector<bool> elements_passed;

    // The unit's one clarification of a failed item (ชี้แจงเพิ่มเติม).
    std::string clarification;
    std::vector<std::string> clarification_urls;

    // Every saved change adds one (compare-and-set against a stale page).
    std::int64_t revision = 0;
};

// Why an answer may not be saved, as a message key with the field it names:
// "" when fine. Checks: the item exists in `q`; a มี answer has at least one
// link; every link is an http(s) URL without spaces of at most
// kMaxOitUrlLength characters; at most kMaxOitUrls links; texts at most
// kMaxOitTextLength characters; elements_passed empty or one per element.
struct OitAnswerProblem {
    std::string key;    // catalogue key ("oit_url_invalid", ...), "" when fine
    std::string field;  // "urls", "explanation", ...
    std::string value;  // the offending value, for the message
    bool ok() const { return key.empty(); }
};
OitAnswerProblem check_oit_answer(const Questionnaire& q, const OitAnswer& answer);

// Whether `text` is an absolute http or https URL with a host, no spaces nor
// control characters.
bool is_web_url(std::string_view text);

// The links that count for the item now: the clarification's when the unit
// gave one (it replaces the first answer's), else the answer's.
const std::vector<std::string>& effective_urls(const OitAnswer& answer);

// What the reviewer's verdict means for scoring.
OitItemVerdict verdict_of(const OitItem& item, const OitAnswer& answer);

// The verdicts of a unit's answers in q.oit_items order (an item without an
// answer is not judged), for score_oit().
std::vector<OitItemVerdict> verdicts_for(const Questionnaire& q,
                                         const std::vector<OitAnswer>& answers);

// A unit's checklist progress in a round.
struct OitProgress {
    int items = 0;      // items in the checklist
    int answered = 0;   // answered (มี with links, or ไม่มี), in any state past draft
    int submitted = 0;  // handed in for review or further
    int missing = 0;    // items with no answer, or a draft
    int overdue = 0;    // not submitted and their due date is before `today`
    int passed = 0;     // verdict passed (passed or confirmed_passed)
    int failed = 0;     // verdict failed (failed, clarified, confirmed_failed)
};
OitProgress oit_progress(const Questionnaire& q, const std::vector<OitAnswer>& answers,
                         const CivilDate& today);

}  // namespace itagap::core
