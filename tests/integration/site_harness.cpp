#include "site_harness.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "input/plan_json.hpp"
#include "security/passwords.hpp"

namespace itagap::testing {

namespace {

std::string read_source_file(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

std::unique_ptr<SiteHarness> SiteHarness::start(Backend backend, std::string& why, bool& skip,
                                                SiteHarnessOptions options) {
    std::unique_ptr<SiteHarness> h(new SiteHarness());
    h->db_ = store::testing::TestDatabase::create(backend, why, skip);
    if (!h->db_) return nullptr;
    auto opened = store::open_store(h->db_->url());
    if (!opened.ok()) {
        why = opened.status.message;
        return nullptr;
    }
    h->store_ = std::move(*opened.value);
    app::DemoData data{read_source_file("data/questionnaires/ita-internal-2568.json"),
                       read_source_file("data/demo/responses.csv"),
                       read_source_file("data/demo/plan-2569.json")};
    auto demo = app::set_up_demo(*h->store_, data, "2025-11-20T03:00:00Z");
    if (!demo.ok()) {
        why = "demo set-up: " + demo.status.message;
        return nullptr;
    }
    h->demo_ = *demo;
    auto templates = web::load_site_templates();
    if (!templates) {
        why = core::to_string(templates.errors());
        return nullptr;
    }
    h->templates_ = std::make_unique<web::Templates>(std::move(templates).value());
    h->submissions_ = std::make_unique<app::SubmissionQueue>(*h->store_);
    h->questionnaires_ = std::make_unique<app::QuestionnaireCache>(*h->store_);
    SiteHarness* self = h.get();
    h->limiter_ = std::make_unique<security::RateLimiter>(options.submit_limits, [self] {
        return std::chrono::steady_clock::time_point(
            std::chrono::seconds(self->limiter_seconds_.load()));
    });
    h->context_ =
        std::make_unique<web::SiteContext>(web::SiteContext{*h->store_,
                                                            *h->submissions_,
                                                            *h->questionnaires_,
                                                            *h->templates_,
                                                            *h->limiter_,
                                                            {},
                                                            [self] { return self->now(); }});
    // Generous sign-in and code limits unless a test asks for tight ones, on
    // the limiter clock (advance_limiter_clock).
    const auto limiter_clock = [self] {
        return std::chrono::steady_clock::time_point(
            std::chrono::seconds(self->limiter_seconds_.load()));
    };
    h->context_->sign_in_throttle =
        std::make_shared<security::SignInThrottle>(options.sign_in_limits, limiter_clock);
    h->context_->code_limiter =
        std::make_shared<security::RateLimiter>(options.code_limits, limiter_clock);
    web::HttpServerOptions server_options;
    server_options.port = 0;
    h->server_ = std::make_unique<web::HttpServer>(
        server_options, web::build_site_router(*h->context_), [](std::string_view) {});
    if (auto ec = h->server_->start()) {
        why = "server: " + ec.message();
        return nullptr;
    }
    return h;
}

SiteHarness::~SiteHarness() {
    if (server_) server_->stop();
    if (submissions_) submissions_->drain();
}

std::uint16_t SiteHarness::port() const { return server_->port(); }

std::string SiteHarness::execute_sql(const std::string& sql) const { return db_->execute(sql); }

ClientResponse Browser::send(http::verb method, const std::string& target, std::string body,
                             std::string content_type) {
    web::testing::TestConnection connection(port_);
    std::vector<std::pair<std::string, std::string>> headers;
    std::string cookie_header;
    for (const auto& [name, value] : cookies) {
        if (!cookie_header.empty()) cookie_header += "; ";
        cookie_header += name + "=" + value;
    }
    if (!cookie_header.empty()) headers.emplace_back("Cookie", cookie_header);
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    for (const auto& [name, value] : extra_headers) headers.emplace_back(name, value);
    ClientResponse response = connection.request(method, target, std::move(body), headers);
    for (const auto& field : response) {
        if (field.name() != http::field::set_cookie) continue;
        std::string value(field.value());
        const auto eq = value.find('=');
        const auto semi = value.find(';');
        if (eq == std::string::npos) continue;
        std::string name = value.substr(0, eq);
        std::string content =
            value.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
        if (value.find("Max-Age=0") != std::string::npos) {
            cookies.erase(name);
        } else {
            cookies[name] = content;
        }
    }
    return response;
}

ClientResponse Browser::get(const std::string& target) {
    return send(http::verb::get, target, "", "");
}

ClientResponse Browser::post(const std::string& target,
                             const std::map<std::string, std::string>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) body += '&';
        body += url_encode(name) + "=" + url_encode(value);
    }
    return send(http::verb::post, target, std::move(body), "application/x-www-form-urlencoded");
}

ClientResponse Browser::post_raw(const std::string& target, const std::string& content_type,
                                 const std::string& body) {
    return send(http::verb::post, target, body, content_type);
}

std::string url_encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string html_unescape(std::string_view text) {
    std::string out(text);
    const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"},    {"&gt;", ">"},
                                                            {"&quot;", "\""}, {"&#39;", "'"},
                                                            {"&#x27;", "'"},  {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        std::string::size_type pos = 0;
        while ((pos = out.find(from, pos)) != std::string::npos) {
            out.replace(pos, std::strlen(from), to);
            pos += std::strlen(to);
        }
    }
    return out;
}

std::map<std::string, std::string> hidden_fields(const std::string& html) {
    std::map<std::string, std::string> out;
    static const std::regex input(R"re(<input type="hidden" name="([^"]*)" value="([^"]*)">)re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), input);
         it != std::sregex_iterator(); ++it) {
        out[html_unescape((*it)[1].str())] = html_unescape((*it)[2].str());
    }
    return out;
}

Browser signed_in_user(SiteHarness& site, const std::string& username, store::Role role,
                       std::optional<store::Id> unit) {
    constexpr const char* kPassword = "correct horse battery";
    store::User user;
    user.username = username;
    user.display_name = username;
    user.password_hash =
        security::hash_password(kPassword, security::PasswordHashLimits::minimum_for_tests());
    user.role = role;
    user.unit_id = unit;
    EXPECT_TRUE(site.store().create_user(user).ok());
    Browser browser(site.port());
    auto fields = hidden_fields(browser.get("/admin/sign-in").body());
    fields["username"] = username;
    fields["password"] = kPassword;
    EXPECT_EQ(browser.post("/admin/sign-in", fields).result(), http::status::see_other);
    return browser;
}

store::Id ensure_demo_plan(SiteHarness& site) {
    if (site.demo().plan_id != 0) return site.demo().plan_id;
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/data/demo/plan-2569.json",
                     std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto plan = input::parse_plan_json(text.str(), "plan-2569.json");
    EXPECT_TRUE(plan.ok());
    if (!plan.ok()) return 0;
    plan->unit.id = site.demo().unit_id;
    store::PlanRecord record;
    record.unit_id = site.demo().unit_id;
    record.fiscal_year_be = plan->fiscal_year_be;
    record.document = input::export_plan_json(plan.value());
    record.updated_at = "2025-11-20T03:00:00Z";
    auto id = site.store().create_plan(record);
    EXPECT_TRUE(id.ok()) << id.status.message;
    return id.ok() ? *id : 0;
}

std::string pdf_text(const std::string& pdf_bytes) {
    static std::atomic<int> counter{0};
    const auto path =
        std::filesystem::temp_directory_path() /
        ("itagap-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf_bytes;
    std::string text = run_command("pdftotext -raw '" + path.string() + "' - 2>&1");
    std::filesystem::remove(path);
    return text;
}

bool pdf_text_contains(const std::string& text, const std::string& part) {
    const auto squeeze = [](const std::string& s) {
        static const std::regex footer("หน้า[0-9]+/[0-9]+");
        return std::regex_replace(without_white_space(s), footer, "");
    };
    return squeeze(text).find(squeeze(part)) != std::string::npos;
}

}  // namespace itagap::testing
