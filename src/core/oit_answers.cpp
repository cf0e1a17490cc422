#include "core/oit_answers.hpp"

#include <string_view>

#include "core/oit_links.hpp"
#include "core/text_input.hpp"

namespace itagap::core {

namespace {

// Code points of well-formed UTF-8 (continuation bytes are not counted).
std::size_t characters(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

OitAnswerProblem problem(std::string key, std::string field, std::string value = {}) {
    return OitAnswerProblem{std::move(key), std::move(field), std::move(value)};
}

OitAnswerProblem check_urls(const std::vector<std::string>& urls, const char* field) {
    if (urls.size() > kMaxOitUrls) {
        return problem("oit_too_many_urls", field, std::to_string(urls.size()));
    }
    for (const std::string& url : urls) {
        if (url.size() > kMaxOitUrlLength) return problem("oit_url_too_long", field, url);
        if (!is_web_url(url)) return problem("oit_url_invalid", field, url);
    }
    return {};
}

}  // namespace

bool is_web_url(std::string_view text) {
    if (!starts_with_ci(text, "https://") && !starts_with_ci(text, "http://")) return false;
    for (unsigned char c : text) {
        if (c <= 0x20 || c == 0x7F) return false;
    }
    if (has_forbidden_control(text)) return false;
    return !url_host(text).empty();
}

OitAnswerProblem check_oit_answer(const Questionnaire& q, const OitAnswer& answer) {
    int index = q.find_oit_item(answer.item_code);
    if (index < 0) return problem("oit_item_unknown", "item", answer.item_code);
    const OitItem& item = q.oit_items[static_cast<std::size_t>(index)];
    if (answer.available && answer.urls.empty()) return problem("oit_url_required", "urls");
    if (auto p = check_urls(answer.urls, "urls"); !p.ok()) return p;
    if (auto p = check_urls(answer.clarification_urls, "clarification_urls"); !p.ok()) return p;
    const std::pair<const std::string*, const char*> texts[] = {
        {&answer.explanation, "explanation"},
        {&answer.responsible, "responsible"},
        {&answer.review_comment, "review_comment"},
        {&answer.clarification, "clarification"},
    };
    for (const auto& [text, field] : texts) {
        if (characters(*text) > kMaxOitTextLength) return problem("oit_text_too_long", field);
        if (has_forbidden_control(*text)) return problem("oit_text_control", field);
    }
    if (!answer.elements_passed.empty() && answer.elements_passed.size() != item.elements.size()) {
        return problem("oit_elements_mismatch", "elements",
                       std::to_string(answer.elements_passed.size()));
    }
    return {};
}

const std::vector<std::string>& effective_urls(const OitAnswer& answer) {
    return answer.clarification_urls.empty() ? answer.urls : answer.clarification_urls;
}

OitItemVerdict verdict_of(const OitItem& item, const OitAnswer& answer) {
    OitItemVerdict v;
    if (!has_verdict(answer.state)) return v;
    v.judged = true;
    v.passed = verdict_passed(answer.state);
    if (item.scoring == OitItemScoring::kPerElement) {
        v.elements_passed = answer.elements_passed;
        // A verdict given as a whole (no per-element marks) counts every
        // element alike.
        if (v.elements_passed.empty()) v.elements_passed.assign(item.elements.size(), v.passed);
    }
    return v;
}

std::vector<OitItemVerdict> verdicts_for(const Questionnaire& q,
                                         const std::vector<OitAnswer>& answers) {
    std::vector<OitItemVerdict> out(q.oit_items.size());
    for (const OitAnswer& a : answers) {
        int index = q.find_oit_item(a.item_code);
        if (index < 0) continue;
        out[static_cast<std::size_t>(index)] =
            verdict_of(q.oit_items[static_cast<std::size_t>(index)], a);
    }
    return out;
}

OitProgress oit_progress(const Questionnaire& q, const std::vector<OitAnswer>& answers,
                         const CivilDate& today) {
    OitProgress p;
    p.items = static_cast<int>(q.oit_items.size());
    std::vector<const OitAnswer*> by_item(q.oit_items.size(), nullptr);
    for (const OitAnswer& a : answers) {
        int index = q.find_oit_item(a.item_code);
        if (index >= 0) by_item[static_cast<std::size_t>(index)] = &a;
    }
    for (const OitAnswer* a : by_item) {
        if (a == nullptr || a->state == OitItemState::kDraft) {
            ++p.missing;
        } else {
            ++p.answered;
        }
        bool submitted =
            a != nullptr && a->state != OitItemState::kDraft && a->state != OitItemState::kAnswered;
        if (submitted) ++p.submitted;
        if (!submitted && a != nullptr && a->due && *a->due < today) ++p.overdue;
        if (a != nullptr && has_verdict(a->state)) {
            if (verdict_passed(a->state)) {
                ++p.passed;
            } else {
                ++p.failed;
            }
        }
    }
    return p;
}

}  // namespace itagap::core
