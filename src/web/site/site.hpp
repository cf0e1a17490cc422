// The itagap web site: survey pages for respondents, admin pages and the JSON
// API, as routes on the HTTP server. A handler reads the request, calls the
// store, the app layer and the core, and hands plain data to a template.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "app/results.hpp"
#include "app/round_summary.hpp"
#include "app/submission_queue.hpp"
#include "security/rate_limiter.hpp"
#include "security/sign_in_throttle.hpp"
#include "store/store.hpp"
#include "web/http/router.hpp"
#include "web/templates/templates.hpp"

namespace itagap::web {

struct SiteOptions {
    // Scheme, host and port respondents reach the site at, for QR codes and
    // printed links ("https://ita.example.go.th"); `serve --public-url`.
    // Never taken from a request's Host header (web/site/public_url.hpp).
    std::string public_base_url;
    // The server's own loopback address ("http://127.0.0.1:8080"), used for
    // links when no public URL is configured (allowed on loopback only).
    std::string loopback_base_url;
    bool secure_cookies = false;  // true behind HTTPS
    std::chrono::minutes session_lifetime{8 * 60};
    // The installation's secret for the audit log's client-address hash
    // (security/installation_key.hpp); empty: no address is recorded.
    std::string address_key;
    double target = core::kDefaultTargetScore;
    // How long the organisation overview of an open round is reused before
    // the round is read again (a closed round's is reused until it changes).
    std::chrono::seconds overview_open_round_lifetime{15};
};

using Clock = std::function<std::chrono::system_clock::time_point()>;

struct SiteContext {
    store::Store& store;
    app::SubmissionQueue& submissions;
    app::QuestionnaireCache& questionnaires;
    const Templates& templates;
    security::RateLimiter& submit_limiter;
    SiteOptions options;
    Clock now = [] { return std::chrono::system_clock::now(); };
    // Made by build_site_router() when not given.
    std::shared_ptr<app::RoundSummaryCache> round_summaries;
    // Sign-in rates, back-off and the cap on concurrent password hashing.
    std::shared_ptr<security::SignInThrottle> sign_in_throttle;
    // IIT access-code tries per client address, on every route that checks one.
    std::shared_ptr<security::RateLimiter> code_limiter;
};

// Every route of the site. REQUIRES: `context` outlives the router.
Router build_site_router(SiteContext& context);

// The site's templates and static files, compiled into the binary.
core::Result<Templates> load_site_templates();

}  // namespace itagap::web
