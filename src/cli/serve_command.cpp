#include "cli/serve_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <iostream>
#include <string_view>

#include "app/demo_setup.hpp"
#include "cli/cli_text.hpp"
#include "cli/embedded_data.hpp"
#include "cli/score_command.hpp"
#include "security/installation_key.hpp"
#include "web/http/server.hpp"
#include "web/site/site.hpp"

namespace itagap::cli {

namespace {

bool split_listen(const std::string& listen, std::string& address, std::uint16_t& port) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) return false;
    address = listen.substr(0, colon);
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
    }
    const char* begin = listen.data() + colon + 1;
    const char* end = listen.data() + listen.size();
    auto [ptr, ec] = std::from_chars(begin, end, port);
    return ec == std::errc{} && ptr == end && !address.empty();
}

bool is_loopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

// An http:// or https:// URL with a host and nothing a link could be broken
// by (spaces, quotes, angle brackets, a query or fragment).
bool is_public_url(const std::string& url) {
    std::string_view rest = url;
    if (rest.starts_with("https://")) {
        rest.remove_prefix(8);
    } else if (rest.starts_with("http://")) {
        rest.remove_prefix(7);
    } else {
        return false;
    }
    if (rest.empty() || rest.front() == '/') return false;
    for (const unsigned char c : url) {
        if (c <= 0x20 || c >= 0x7F ||
            std::string_view("\"'<>\\`?#{}|^").find(static_cast<char>(c)) !=
                std::string_view::npos) {
            return false;
        }
    }
    return true;
}

// The audit log's address key: a file next to the SQLite file, made on first
// use (security/installation_key.hpp). PostgreSQL has no file of its own to
// sit next to, so there no address is recorded (docs/security.md).
store::StatusOr<std::string> audit_address_key(const std::string& db_url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (!std::string_view(db_url).starts_with(kSqlite)) return std::string();
    const std::string file = db_url.substr(kSqlite.size());
    if (file.empty() || file == ":memory:") return std::string();
    auto key = security::load_or_create_installation_key(file + ".key");
    if (!key.ok()) return key.status;
    return std::move(*key);
}

std::string now_iso() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

int serve(store::Store& store, const ServeOptions& options, std::ostream& out, std::ostream& err,
          const std::function<void(std::uint16_t)>& on_started) {
    web::HttpServerOptions http;
    if (!split_listen(options.listen, http.address, http.port)) {
        err << "itagap: --listen: value \"" << options.listen
            << "\": expected ADDRESS:PORT, e.g. 127.0.0.1:8080\n";
        return kExitBadInput;
    }
    http.worker_threads = options.worker_threads;
    // Links in QR codes and code sheets never come from a request's Host
    // header: beyond loopback the operator must say where respondents are.
    if (options.public_url.empty() && !is_loopback(http.address)) {
        err << "itagap: --public-url is required when listening on " << http.address
            << " (not a loopback address): the address respondents use, e.g. "
               "https://ita.example.go.th, for QR codes and printed links\n";
        return kExitBadInput;
    }
    if (!options.public_url.empty() && !is_public_url(options.public_url)) {
        err << "itagap: --public-url: value \"" << options.public_url
            << "\": expected an http:// or https:// address such as https://ita.example.go.th\n";
        return kExitBadInput;
    }
    auto address_key = audit_address_key(options.db_url);
    if (!address_key.ok()) {
        err << "itagap: the installation key for the audit log: " << address_key.status.message
            << "\n";
        return kExitBadInput;
    }

    auto templates = web::load_site_templates();
    if (!templates) {
        err << "itagap: internal error in the page templates:\n"
            << core::to_string(templates.errors());
        return kExitInternalError;
    }
    app::SubmissionQueue submissions(store);
    app::QuestionnaireCache questionnaires(store);
    // Without a limit, a bucket that never runs dry.
    const bool unlimited = options.submit_rate_per_second <= 0;
    security::RateLimiter submit_limiter(
        {/*burst=*/unlimited ? 1e12 : 30,
         /*refill_per_second=*/unlimited ? 1e12 : options.submit_rate_per_second,
         /*max_keys=*/100'000});
    web::SiteOptions site_options;
    site_options.public_base_url = options.public_url;
    site_options.secure_cookies = options.secure_cookies;
    site_options.address_key = std::move(*address_key);
    if (http.port != 0) {
        const bool v6 = http.address.find(':') != std::string::npos;
        site_options.loopback_base_url = fmt::format(
            "http://{}{}{}:{}", v6 ? "[" : "",
            http.address == "localhost" ? "127.0.0.1" : http.address, v6 ? "]" : "", http.port);
    }
    web::SiteContext context{store,          submissions, questionnaires, templates.value(),
                             submit_limiter, site_options};
    web::HttpServer server(http, web::build_site_router(context));
    if (auto ec = server.start()) {
        err << "itagap: cannot listen on " << options.listen << ": " << ec.message() << "\n";
        return kExitBadInput;
    }
    server.stop_on_signals();
    if (on_started) on_started(server.port());
    out << "itagap: serving on http://" << http.address << ":" << server.port()
        << "/ (Ctrl+C to stop)" << std::endl;
    server.wait();
    out << "itagap: stopping; finishing requests in progress" << std::endl;
    server.stop();
    submissions.drain();
    out << "itagap: stopped" << std::endl;
    return kExitOk;
}

store::StatusOr<std::unique_ptr<store::Store>> open_and_migrate(const std::string& url,
                                                                std::ostream& err) {
    auto opened = store::open_store(url);
    if (!opened.ok()) {
        err << "itagap: --db: value \"" << url << "\": " << opened.status.message << "\n";
        return opened;
    }
    if (store::Status s = (*opened)->migrate(); !s.ok()) {
        err << "itagap: " << url << ": cannot apply the schema migrations: " << s.message << "\n";
        return s;
    }
    return opened;
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
    auto store = open_and_migrate(options.db_url, err);
    if (!store.ok()) return kExitBadInput;
    // A new installation has nobody who could sign in: say how to start.
    if (auto users = (**store).list_users(); users.ok() && users->empty()) {
        err << "itagap: " << both_languages("serve_no_user") << ": itagap init --db "
            << options.db_url << " --agency \"...\"\n";
    }
    return serve(**store, options, out, err, nullptr);
}

int run_demo(const ServeOptions& options, std::ostream& out, std::ostream& err) {
    auto store = open_and_migrate(options.db_url, err);
    if (!store.ok()) return kExitBadInput;
    app::DemoData data{std::string(embedded_questionnaire()),
                       std::string(embedded_demo_responses()), std::string(embedded_demo_plan())};
    auto demo = app::set_up_demo(**store, data, now_iso());
    if (!demo.ok()) {
        err << "itagap: cannot set up the demo: " << demo.status.message << "\n";
        return kExitInternalError;
    }
    if (options.setup_only) {
        out << "itagap demo: " << options.db_url << " is ready (unit " << demo->unit_id << ", plan "
            << demo->plan_id << ")\n";
        return kExitOk;
    }
    return serve(**store, options, out, err, [&](std::uint16_t port) {
        std::string address = options.listen.substr(0, options.listen.rfind(':'));
        const std::string base = fmt::format("http://{}:{}", address, port);
        out << "\nitagap demo — " << both_languages("demo_database") << ": " << options.db_url
            << "\n"
            << "  " << both_languages("demo_admin") << ":  " << base << "/admin\n"
            << "    " << both_languages("demo_user") << ": " << demo->admin_username << "\n"
            << "    " << both_languages("demo_password") << ": " << demo->admin_password << "\n"
            << "  " << both_languages("demo_iit") << ": " << base << "/iit\n";
        for (const auto& code : demo->access_codes) out << "    " << code << "\n";
        out << "  " << both_languages("demo_eit") << ": " << base << "/s/" << demo->open_round_id
            << "/" << demo->unit_id << "\n"
            << "    QR: " << base << "/s/" << demo->open_round_id << "/" << demo->unit_id
            << "/qr.svg\n"
            << "  " << both_languages("demo_kpi") << ": " << base << "/admin/rounds/"
            << demo->seed_round_id << "/units/" << demo->unit_id << "/report/docx\n"
            << "  " << both_languages("demo_public") << ": " << base << "/public/rounds/"
            << demo->seed_round_id << "/units/" << demo->unit_id << "\n\n";
    });
}

}  // namespace itagap::cli
