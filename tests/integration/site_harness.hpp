// The whole site on a real store (a fresh SQLite file, or a fresh PostgreSQL
// database when ITAGAP_TEST_POSTGRES_URL is set) behind a real HTTP server on
// 127.0.0.1, set up with the demo data; and a small browser that keeps
// cookies and posts forms.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include "../unit/store/store_fixture.hpp"
#include "../unit/web/http_test_client.hpp"
#include "app/demo_setup.hpp"
#include "app/results.hpp"
#include "app/submission_queue.hpp"
#include "command_output.hpp"
#include "security/rate_limiter.hpp"
#include "security/sign_in_throttle.hpp"
#include "web/site/site.hpp"

namespace itagap::testing {

using store::testing::Backend;
using web::testing::ClientResponse;
namespace http = boost::beast::http;

struct SiteHarnessOptions {
    // The survey submission limiter; its clock is the harness's (see
    // advance_limiter_clock), so a refill happens only when a test says so.
    security::RateLimitOptions submit_limits{1000, 1000, 1000};
    // Sign-in and IIT code limits (security/sign_in_throttle.hpp), likewise.
    security::SignInLimits sign_in_limits{{1000, 1000, 1000}, {1000, 1000, 1}, 1000};
    security::RateLimitOptions code_limits{1000, 1000, 1000};
};

class SiteHarness {
public:
    // Returns nullptr with `why` set when the backend is not available
    // (`skip` true) or something failed.
    static std::unique_ptr<SiteHarness> start(Backend backend, std::string& why, bool& skip,
                                              SiteHarnessOptions options = {});
    ~SiteHarness();

    std::uint16_t port() const;
    // Runs SQL straight on the database, bypassing the store (to break it on
    // purpose); the error text, or "" on success.
    std::string execute_sql(const std::string& sql) const;
    store::Store& store() { return *store_; }
    const app::DemoSetup& demo() const { return demo_; }
    // The clock every handler reads, to the second; tests may move it. Set by
    // the test thread and read by the server's threads, hence atomic.
    std::chrono::system_clock::time_point now() const {
        return std::chrono::system_clock::time_point(std::chrono::seconds(now_seconds_.load()));
    }
    void set_now(std::chrono::system_clock::time_point at) {
        now_seconds_.store(
            std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
    }

    // The submission limiter's steady clock stands still until moved here.
    void advance_limiter_clock(std::chrono::seconds by) { limiter_seconds_ += by.count(); }

private:
    SiteHarness() = default;
    std::atomic<std::int64_t> limiter_seconds_{0};
    // Seconds since the epoch; starts at 2025-11-20T03:00:00Z.
    std::atomic<std::int64_t> now_seconds_{
        std::chrono::duration_cast<std::chrono::seconds>(
            (std::chrono::sys_days{std::chrono::year{2025} / 11 / 20} + std::chrono::hours(3))
                .time_since_epoch())
            .count()};
    std::unique_ptr<store::testing::TestDatabase> db_;
    std::unique_ptr<store::Store> store_;
    app::DemoSetup demo_;
    std::unique_ptr<app::SubmissionQueue> submissions_;
    std::unique_ptr<app::QuestionnaireCache> questionnaires_;
    std::unique_ptr<web::Templates> templates_;
    std::unique_ptr<security::RateLimiter> limiter_;
    std::unique_ptr<web::SiteContext> context_;
    std::unique_ptr<web::HttpServer> server_;
};

// A test of the whole site on each store (instantiate it with
// ::testing::Values(Backend::kSqlite, Backend::kPostgres)): SetUp starts the
// harness, and skips the test when that store is not configured. A fixture
// that does more calls SiteTest::SetUp() first and returns when it skipped or
// failed.
class SiteTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        std::string why;
        bool skip = false;
        site_ = SiteHarness::start(GetParam(), why, skip);
        if (!site_) {
            if (skip) GTEST_SKIP() << why;
            FAIL() << why;
        }
    }

    std::unique_ptr<SiteHarness> site_;
};

// Cookies and forms, one request per connection (as a browser may).
class Browser {
public:
    explicit Browser(std::uint16_t port) : port_(port) {}

    ClientResponse get(const std::string& target);
    // An application/x-www-form-urlencoded POST.
    ClientResponse post(const std::string& target,
                        const std::map<std::string, std::string>& fields);
    ClientResponse post_raw(const std::string& target, const std::string& content_type,
                            const std::string& body);

    std::map<std::string, std::string> cookies;
    std::map<std::string, std::string> extra_headers;

private:
    ClientResponse send(http::verb method, const std::string& target, std::string body,
                        std::string content_type);
    std::uint16_t port_;
};

// Every <input type="hidden" name=... value=...> of a page, unescaped.
std::map<std::string, std::string> hidden_fields(const std::string& html);
// The page's text with tags removed and entities decoded (for "contains").
std::string url_encode(std::string_view text);
std::string html_unescape(std::string_view text);

// A new user of `role` (for coordinators, of `unit`) with a password whose
// change is not due, signed in through the sign-in form.
Browser signed_in_user(SiteHarness& site, const std::string& username, store::Role role,
                       std::optional<store::Id> unit = {});
// Stores data/demo/plan-2569.json as the demo unit's plan unless the demo set
// one up; returns the plan's id (0 on failure, with a test failure recorded).
store::Id ensure_demo_plan(SiteHarness& site);

// What pdftotext -raw reads from a PDF (content-stream order, so Thai marks
// stay with their letters), and a comparison that ignores white space and
// the page footers ("หน้า 2 / 5") a sentence may run across.
std::string pdf_text(const std::string& pdf_bytes);
bool pdf_text_contains(const std::string& text, const std::string& part);

}  // namespace itagap::testing
