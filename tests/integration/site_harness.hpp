// The whole site on a real store (a fresh SQLite file, or a fresh PostgreSQL
// database when ITAGAP_TEST_POSTGRES_URL is set) behind a real HTTP server on
// 127.0.0.1, set up with the demo data; and a small browser that keeps
// cookies and posts forms.
#pragma once

#include <map>
#include <memory>
#include <regex>
#include <string>

#include "../unit/store/store_fixture.hpp"
#include "../unit/web/http_test_client.hpp"
#include "app/demo_setup.hpp"
#include "app/results.hpp"
#include "app/submission_queue.hpp"
#include "security/rate_limiter.hpp"
#include "web/site/site.hpp"

namespace itagap::testing {

using store::testing::Backend;
using web::testing::ClientResponse;
namespace http = boost::beast::http;

class SiteHarness {
public:
    // Returns nullptr with `why` set when the backend is not available
    // (`skip` true) or something failed.
    static std::unique_ptr<SiteHarness> start(Backend backend, std::string& why, bool& skip);
    ~SiteHarness();

    std::uint16_t port() const;
    store::Store& store() { return *store_; }
    const app::DemoSetup& demo() const { return demo_; }
    // The clock every handler reads; tests may move it.
    std::chrono::system_clock::time_point now =
        std::chrono::sys_days{std::chrono::year{2025} / 11 / 20} + std::chrono::hours(3);

private:
    SiteHarness() = default;
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

// Cookies and forms, one request per connection (as a browser may).
class Browser {
public:
    explicit Browser(std::uint16_t port) : port_(port) {}

    ClientResponse get(const std::string& target);
    // An application/x-www-form-urlencoded POST.
    ClientResponse post(const std::string& target, const std::map<std::string, std::string>& fields);
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

}  // namespace itagap::testing
