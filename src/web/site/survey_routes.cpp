// Survey pages for respondents: IIT with a one-time access code, EIT through
// a public link (and its QR code) per unit and round. No JavaScript; every
// step posts all answers so far; nothing about the respondent is kept.
#include <fmt/format.h>

#include <charconv>
#include <variant>

#include "app/round_changes.hpp"
#include "core/round_lifecycle.hpp"
#include "core/text_input.hpp"
#include "core/thai_date.hpp"
#include "security/access_codes.hpp"
#include "security/csrf.hpp"
#include "security/qr_code.hpp"
#include "security/random_tokens.hpp"
#include "web/http/access_log.hpp"
#include "web/site/page.hpp"
#include "web/site/public_url.hpp"
#include "web/site/routes.hpp"
#include "web/survey/survey_flow.hpp"
#include "web/survey/survey_view.hpp"

namespace itagap::web {

namespace {

constexpr std::string_view kIitPurpose = "iit";
constexpr std::string_view kEitPurpose = "eit";
constexpr std::string_view kBrowserCookie = "itagap_eit";

struct SurveyTarget {
    store::Round round;
    store::Unit unit;
    std::shared_ptr<const core::Questionnaire> questionnaire;
    int instrument = -1;
};

// The round, unit and questionnaire of a survey, or the page to show instead.
std::variant<SurveyTarget, Response> find_target(SiteContext& context, Language language,
                                                 store::Id round_id, store::Id unit_id,
                                                 std::string_view instrument_code, bool posted) {
    auto round = context.store.get_round(round_id);
    auto unit = context.store.get_unit(unit_id);
    if (!round.ok() || !unit.ok()) {
        return message_page(context, language, "not_found", "not_found", http::status::not_found);
    }
    // Open, and today within its dates (core/round_lifecycle.hpp); a posted
    // answer outside them is refused with 409 and the same page.
    const auto opens = core::parse_iso_date(round->opens_on);
    const auto closes = core::parse_iso_date(round->closes_on);
    const auto today = core::parse_iso_date(thai_today(context));
    const auto collection = opens && closes && today ? core::collection_on(app::stage_of(*round),
                                                                           *opens, *closes, *today)
                                                     : core::Collection::kNotOpen;
    if (collection != core::Collection::kAccepting) {
        const auto status = posted ? http::status::conflict : http::status::ok;
        if (collection == core::Collection::kNotYet)
            return message_page(context, language, "round_not_yet_title", "round_not_yet", status);
        return message_page(context, language, "round_closed_title", "round_closed", status);
    }
    auto q = context.questionnaires.get(round->questionnaire_id);
    if (!q.ok()) return error_response(http::status::internal_server_error);
    const int instrument = (*q)->find_instrument(instrument_code);
    if (instrument < 0 || instrument_items(**q, instrument).empty()) {
        return message_page(context, language, "not_found", "not_found", http::status::not_found);
    }
    return SurveyTarget{*round, *unit, *q, instrument};
}

std::optional<store::Id> parse_id(std::string_view text) {
    store::Id id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

FormFields form_fields(const Request& request) {
    FormFields fields;
    for (const auto& [name, value] : request.form.entries()) fields[name] = value;
    return fields;
}

std::string unit_label(const store::Unit& unit) {
    return unit.short_name.empty() ? unit.name : unit.name + " (" + unit.short_name + ")";
}

Response survey_step_page(SiteContext& context, const SurveyTarget& target,
                          const SurveyState& state, SurveyContext survey, Language language,
                          std::string error = {}) {
    survey.unit_name = unit_label(target.unit);
    survey.round_name = target.round.name;
    survey.language = language;
    survey.carried_fields["lang"] = std::string(language_code(language));
    nlohmann::json view = survey_page_view(*target.questionnaire, state, survey);
    if (!error.empty()) view["error"] = ui_phrase(language, error);
    view["title"] = view["instrument_name"];
    return render_page(context, "survey_step", std::move(view), language);
}

// Rate limit on submissions, keyed by a hash of the address (never stored).
bool allow_submission(SiteContext& context, const Request& request) {
    return context.submit_limiter.try_acquire(security::sha256_hex(request.remote_address)).allowed;
}

Response outcome_page(SiteContext& context, const SurveyTarget& target, const SurveyState& state,
                      const SurveyContext& survey, Language language,
                      const store::SubmitResult& result) {
    switch (result.outcome) {
        case store::SubmitOutcome::kStored:
            return message_page(context, language, "thanks_title", "thanks");
        case store::SubmitOutcome::kRoundNotOpen:
            return message_page(context, language, "round_closed_title", "round_closed");
        case store::SubmitOutcome::kCodeAlreadyUsed:
            return message_page(context, language, "code_used", "code_used",
                                http::status::conflict);
        case store::SubmitOutcome::kUnknownCode:
            return message_page(context, language, "code_invalid", "code_invalid",
                                http::status::not_found);
        case store::SubmitOutcome::kDuplicateBrowser:
            return message_page(context, language, "already_answered_title", "already_answered",
                                http::status::conflict);
        case store::SubmitOutcome::kFailed: {
            // For the operator only: the respondent sees "not saved, try
            // again". No round, unit or time beyond the log line's own.
            static const LogSink log = stderr_log_sink();
            log(fmt::format("error: a survey response was not stored: {}: {}",
                            to_string(result.error.code), result.error.message));
            break;
        }
    }
    // Nothing was stored: show the review again with the answers kept.
    Response page = survey_step_page(context, target, state, survey, language, "save_failed");
    page.status = http::status::service_unavailable;
    return page;
}

// A posted survey step: shows the next page, or, from the review page,
// stores the response (`authorise` adds the code or browser token) and shows
// the outcome.
template <typename Authorise>
Response step_or_submit(SiteContext& context, const Request& request, const SurveyTarget& target,
                        const SurveyContext& survey, Language language, Authorise authorise) {
    SurveyState state =
        read_survey_form(*target.questionnaire, target.instrument, form_fields(request));
    if (core::has_forbidden_control(state.comment)) {
        // Shown again where it was typed, with every answer kept.
        Response page =
            survey_step_page(context, target, state, survey, language, "control_characters");
        page.status = http::status::unprocessable_entity;
        return page;
    }
    if (auto step = next_step(state)) {
        state.step = *step;
        return survey_step_page(context, target, state, survey, language);
    }
    if (!allow_submission(context, request)) {
        Response page = survey_step_page(context, target, state, survey, language, "too_many");
        page.status = http::status::too_many_requests;
        return page;
    }
    const std::string& instrument = target.questionnaire->instruments[target.instrument].code;
    store::Submission submission;
    submission.response = {target.round.id,     target.unit.id, instrument,
                           thai_today(context), state.answers,  state.comment};
    authorise(submission);
    return outcome_page(context, target, state, survey, language,
                        context.submissions.submit(std::move(submission)));
}

// ---- IIT: a one-time access code ------------------------------------------

Response iit_code_page(SiteContext& context, const Request& request, Language language,
                       std::string error = {}, std::string typed = {}) {
    Response cookies;
    const std::string secret = form_secret(context, request, cookies);
    nlohmann::json data{{"csrf", security::csrf_token_for(secret, kIitPurpose)},
                        {"code", typed},
                        {"title", ui_text(language).at("code_title")}};
    if (!error.empty()) data["error"] = ui_phrase(language, error);
    Response page =
        render_page(context, "iit_code", std::move(data), language,
                    error.empty() ? http::status::ok : http::status::unprocessable_entity);
    carry_cookies(cookies, page);
    return page;
}

// Too many wrong codes from this address: 429 with Retry-After, in Thai.
Response too_many_codes_page(SiteContext& context, const Request& request, Language language,
                             std::chrono::milliseconds wait, std::string typed) {
    Response page =
        iit_code_page(context, request, language, "code_tries_exceeded", std::move(typed));
    page.status = http::status::too_many_requests;
    set_retry_after(page, wait);
    return page;
}

// Checks a typed code; on success fills the target and the normalised code.
// Every route that checks a code comes here. Only wrong tries (malformed,
// unknown or used codes) are charged to the address's bucket, so the staff
// of one office behind one address can all answer, while guessing is slowed
// to the bucket's rate.
std::variant<std::pair<SurveyTarget, std::string>, Response> check_code(SiteContext& context,
                                                                        const Request& request,
                                                                        Language language) {
    const std::string typed(request.form.get_or("code", ""));
    const std::string client = security::sha256_hex(request.remote_address);  // in memory only
    security::RateLimiter& tries = *context.code_limiter;
    if (auto left = tries.peek(client); !left.allowed)
        return too_many_codes_page(context, request, language, left.retry_after, typed);
    const auto wrong = [&](std::string_view error_key) {
        (void)tries.try_acquire(client);
        return iit_code_page(context, request, language, std::string(error_key), typed);
    };
    auto code = security::normalise_access_code(typed);
    if (!code) return wrong("code_invalid");
    auto found = context.store.find_access_code(security::access_code_hash(*code));
    if (!found.ok()) {
        if (found.status.code == store::StatusCode::kNotFound) return wrong("code_invalid");
        return error_response(http::status::service_unavailable);
    }
    if (found->used) return wrong("code_used");
    auto target = find_target(context, language, found->round_id, found->unit_id, "IIT",
                              request.path == "/iit/answer");
    if (auto* page = std::get_if<Response>(&target)) return std::move(*page);
    return std::make_pair(std::get<SurveyTarget>(std::move(target)), *code);
}

SurveyContext iit_survey_context(const Request& request, const std::string& code) {
    SurveyContext survey;
    survey.form_action = "/iit/answer";
    survey.carried_fields["code"] = code;
    survey.carried_fields["csrf"] = std::string(request.form.get_or("csrf", ""));
    return survey;
}

Response iit_start(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    if (!form_csrf_valid(request, kIitPurpose)) {
        return message_page(context, language, "form_expired", "form_expired",
                            http::status::forbidden);
    }
    auto checked = check_code(context, request, language);
    if (auto* page = std::get_if<Response>(&checked)) return std::move(*page);
    auto& [target, code] = std::get<0>(checked);
    SurveyState state = read_survey_form(*target.questionnaire, target.instrument, {});
    return survey_step_page(context, target, state, iit_survey_context(request, code), language);
}

Response iit_answer(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    if (!form_csrf_valid(request, kIitPurpose)) {
        return message_page(context, language, "form_expired", "form_expired",
                            http::status::forbidden);
    }
    auto checked = check_code(context, request, language);
    if (auto* page = std::get_if<Response>(&checked)) return std::move(*page);
    auto& [target, code] = std::get<0>(checked);
    return step_or_submit(
        context, request, target, iit_survey_context(request, code), language,
        [&](store::Submission& s) { s.access_code_hash = security::access_code_hash(code); });
}

// ---- EIT: a public link per unit and round ---------------------------------

std::string browser_token(const SiteContext& context, const Request& request, Response& response) {
    if (auto token = request.cookies.get(kBrowserCookie); token && token->size() >= 32) {
        return std::string(*token);
    }
    std::string token = security::random_token(32);
    Cookie cookie{std::string(kBrowserCookie), token};
    cookie.max_age = std::chrono::hours(24 * 400);
    cookie.secure = context.options.secure_cookies;
    (void)set_cookie(response, cookie);
    return token;
}

std::variant<SurveyTarget, Response> eit_target(SiteContext& context, const Request& request,
                                                Language language) {
    auto round = parse_id(request.path_params.get_or("round", ""));
    auto unit = parse_id(request.path_params.get_or("unit", ""));
    if (!round || !unit) {
        return message_page(context, language, "not_found", "not_found", http::status::not_found);
    }
    return find_target(context, language, *round, *unit, "EIT", request.method == http::verb::post);
}

SurveyContext eit_survey_context(const SurveyTarget& target, const std::string& csrf) {
    SurveyContext survey;
    survey.form_action = fmt::format("/s/{}/{}", target.round.id, target.unit.id);
    survey.carried_fields["csrf"] = csrf;
    return survey;
}

Response eit_start(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    auto found = eit_target(context, request, language);
    if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
    const auto& target = std::get<SurveyTarget>(found);
    // A browser that has answered is told so now, not after filling it in.
    if (const auto token = request.cookies.get(kBrowserCookie); token && token->size() >= 32) {
        auto answered = context.store.eit_browser_answered(target.round.id, target.unit.id,
                                                           security::sha256_hex(*token));
        if (answered.ok() && *answered) {
            return message_page(context, language, "already_answered_title", "already_answered",
                                http::status::ok);
        }
    }
    Response cookies;
    const std::string secret = form_secret(context, request, cookies);
    (void)browser_token(context, request, cookies);
    SurveyState state = read_survey_form(*target.questionnaire, target.instrument, {});
    Response page = survey_step_page(
        context, target, state,
        eit_survey_context(target, security::csrf_token_for(secret, kEitPurpose)), language);
    carry_cookies(cookies, page);
    return page;
}

Response eit_answer(SiteContext& context, const Request& request) {
    const Language language = request_language(request);
    auto found = eit_target(context, request, language);
    if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
    const auto& target = std::get<SurveyTarget>(found);
    const auto token = request.cookies.get(kBrowserCookie);
    if (!form_csrf_valid(request, kEitPurpose) || !token || token->size() < 32) {
        return message_page(context, language, "form_expired", "form_expired",
                            http::status::forbidden);
    }
    return step_or_submit(
        context, request, target,
        eit_survey_context(target, std::string(request.form.get_or("csrf", ""))), language,
        [&](store::Submission& s) { s.browser_token_hash = security::sha256_hex(*token); });
}

Response eit_qr(SiteContext& context, const Request& request, bool svg) {
    auto round = parse_id(request.path_params.get_or("round", ""));
    auto unit = parse_id(request.path_params.get_or("unit", ""));
    if (!round || !unit || !context.store.get_round(*round).ok() ||
        !context.store.get_unit(*unit).ok()) {
        return error_response(http::status::not_found);
    }
    const std::string link = eit_survey_link(context, *round, *unit);
    Response response;
    if (svg) {
        auto image = security::qr_svg(link);
        if (!image) return error_response(http::status::internal_server_error);
        response.body = std::move(*image);
        response.headers.set(http::field::content_type, "image/svg+xml; charset=utf-8");
    } else {
        auto image = security::qr_png(link);
        if (!image) return error_response(http::status::internal_server_error);
        response.body.assign(image->begin(), image->end());
        response.headers.set(http::field::content_type, "image/png");
    }
    response.headers.set(http::field::content_disposition,
                         fmt::format("inline; filename=\"itagap-eit-{}-{}.{}\"", *round, *unit,
                                     svg ? "svg" : "png"));
    add_security_headers(response.headers);
    return response;
}

// Survey pages carry the access code and the answers so far in hidden
// fields: no browser or proxy may keep a copy (Cache-Control: no-store).
template <typename Handler>
auto not_stored(SiteContext* ctx, Handler handler) {
    return [ctx, handler](const Request& r) {
        Response response = handler(*ctx, r);
        set_no_store(response);
        return response;
    };
}

}  // namespace

void add_survey_routes(Router& router, SiteContext& context) {
    SiteContext* ctx = &context;
    // "/iit?code=..." (the QR code on a code slip) fills the code in; the
    // respondent still presses start, and a malformed one is left out.
    (void)router.get("/iit", not_stored(ctx, [](SiteContext& c, const Request& r) {
                         auto code = security::normalise_access_code(r.query.get_or("code", ""));
                         return iit_code_page(c, r, request_language(r), {},
                                              code ? security::format_access_code(*code) : "");
                     }));
    (void)router.post("/iit", not_stored(ctx, iit_start));
    (void)router.post("/iit/answer", not_stored(ctx, iit_answer));
    (void)router.get("/s/{round}/{unit}", not_stored(ctx, eit_start));
    (void)router.post("/s/{round}/{unit}", not_stored(ctx, eit_answer));
    (void)router.get("/s/{round}/{unit}/qr.svg",
                     [ctx](const Request& r) { return eit_qr(*ctx, r, true); });
    (void)router.get("/s/{round}/{unit}/qr.png",
                     [ctx](const Request& r) { return eit_qr(*ctx, r, false); });
}

}  // namespace itagap::web
