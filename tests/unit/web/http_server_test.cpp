// The server through real sockets on 127.0.0.1: routing, decoding, limits,
// timeouts, keep-alive, errors, shutdown, headers, static files, logging.
#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "http_test_client.hpp"
#include "web/http/static_files.hpp"

namespace itagap::web {
namespace {

using namespace std::chrono_literals;
using testing::TestConnection;
using testing::TestServer;

// Echoes what the server decoded, as JSON, so tests can compare.
Response echo(const Request& request) {
    nlohmann::json out;
    out["method"] = std::string(http::to_string(request.method));
    out["path"] = request.path;
    for (const auto& [name, value] : request.path_params.entries()) out["params"][name] = value;
    for (const auto& [name, value] : request.query.entries()) out["query"][name].push_back(value);
    for (const auto& [name, value] : request.form.entries()) out["form"][name].push_back(value);
    for (const auto& [name, value] : request.cookies.entries()) out["cookies"][name] = value;
    for (const auto& part : request.parts) {
        out["parts"].push_back({{"name", part.name},
                                {"filename", part.filename.value_or("(none)")},
                                {"type", part.content_type},
                                {"size", part.data.size()},
                                {"data", part.data.size() < 200 ? part.data : ""}});
    }
    out["remote"] = request.remote_address;
    out["body_size"] = request.body.size();
    return json(http::status::ok, out);
}

Router echo_router() {
    Router router;
    EXPECT_TRUE(router.get("/", echo));
    EXPECT_TRUE(router.get("/s/{round}/{unit}", echo));
    EXPECT_TRUE(router.post("/s/{round}/{unit}", echo));
    EXPECT_TRUE(router.get("/api/units/{id}", echo));
    EXPECT_TRUE(router.add(http::verb::put, "/api/units/{id}", echo));
    EXPECT_TRUE(router.post("/form", echo));
    EXPECT_TRUE(router.post("/upload", echo, RouteOptions{20 * 1024 * 1024}));
    return router;
}

nlohmann::json body_json(const testing::ClientResponse& response) {
    return nlohmann::json::parse(response.body(), nullptr, false);
}

TEST(HttpServer, RoutesWithDecodedParameters) {
    TestServer server(echo_router());
    ASSERT_FALSE(server.start_error) << server.start_error.message();
    ASSERT_NE(server.port(), 0);
    auto connection = server.connect();
    const auto response = connection.get("/s/2568-1/%E0%B8%AA%E0%B8%B3%E0%B8%99%E0%B8%B1%E0%B8%81");
    ASSERT_FALSE(connection.last_error) << connection.last_error.message();
    EXPECT_EQ(response.result(), http::status::ok);
    const auto body = body_json(response);
    EXPECT_EQ(body["params"]["round"], "2568-1");
    EXPECT_EQ(body["params"]["unit"], "สำนัก");
    EXPECT_EQ(body["remote"], "127.0.0.1");
}

TEST(HttpServer, UnknownPathIs404) {
    TestServer server(echo_router());
    auto connection = server.connect();
    const auto response = connection.get("/nowhere");
    EXPECT_EQ(response.result(), http::status::not_found);
    EXPECT_EQ(response[http::field::content_type], "text/plain; charset=utf-8");
    // The connection survives a 404.
    EXPECT_EQ(connection.get("/").result(), http::status::ok);
}

TEST(HttpServer, WrongMethodIs405WithAllow) {
    TestServer server(echo_router());
    auto connection = server.connect();
    const auto response = connection.request(http::verb::delete_, "/api/units/7");
    EXPECT_EQ(response.result(), http::status::method_not_allowed);
    EXPECT_EQ(response[http::field::allow], "GET, HEAD, PUT");
    // A body on a refused request is read and skipped; the connection stays usable.
    const auto post = connection.request(http::verb::post, "/api/units/7", "x=1",
                                         {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(post.result(), http::status::method_not_allowed);
    EXPECT_EQ(connection.get("/api/units/7").result(), http::status::ok);
}

TEST(HttpServer, HeadAnswersLikeGetWithoutBody) {
    TestServer server(echo_router());
    auto connection = server.connect();
    const auto get = connection.get("/api/units/42");
    const auto head = connection.request(http::verb::head, "/api/units/42");
    ASSERT_FALSE(connection.last_error);
    EXPECT_EQ(head.result(), http::status::ok);
    EXPECT_TRUE(head.body().empty());
    // The echo says "HEAD" where it said "GET": one byte longer.
    EXPECT_EQ(head[http::field::content_length], std::to_string(get.body().size() + 1));
    EXPECT_EQ(head[http::field::content_type], get[http::field::content_type]);
    // Still in step: the next response is read correctly.
    EXPECT_EQ(body_json(connection.get("/api/units/43"))["params"]["id"], "43");
}

TEST(HttpServer, DecodesQueryStrings) {
    TestServer server(echo_router());
    auto connection = server.connect();
    const auto response = connection.get(
        "/api/units/"
        "1?q=%E0%B8%81%E0%B8%A3%E0%B8%A1+%E0%B8%AA%E0%B8%A3%E0%B8%A3%E0%B8%9E%E0%B8%B2%E0%B8%81%E0%"
        "B8%A3"
        "&tag=a&tag=b%2Bc&x=100%25");
    const auto body = body_json(response);
    EXPECT_EQ(body["query"]["q"][0], "กรม สรรพากร");
    EXPECT_EQ(body["query"]["tag"], nlohmann::json({"a", "b+c"}));
    EXPECT_EQ(body["query"]["x"][0], "100%");
    EXPECT_EQ(connection.get("/api/units/1?q=%zz").result(), http::status::bad_request);
    EXPECT_EQ(connection.get("/api/units/1?q=%FF").result(), http::status::bad_request);
}

TEST(HttpServer, DecodesUrlencodedForms) {
    TestServer server(echo_router());
    auto connection = server.connect();
    const auto response =
        connection.request(http::verb::post, "/s/2568/unit-1",
                           "i1=5&i2=%E0%B9%80%E0%B8%AB%E0%B9%87%E0%B8%99%E0%B8%94%E0%B9%89%E0%B8%"
                           "A7%E0%B8%A2+%E0%B8%A1%E0%B8%B2%E0%B8%81"
                           "&choice=1&choice=3&note=a%26b%3Dc",
                           {{"Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"}});
    ASSERT_EQ(response.result(), http::status::ok);
    const auto body = body_json(response);
    EXPECT_EQ(body["form"]["i1"][0], "5");
    EXPECT_EQ(body["form"]["i2"][0], "เห็นด้วย มาก");
    EXPECT_EQ(body["form"]["choice"], nlohmann::json({"1", "3"}));
    EXPECT_EQ(body["form"]["note"][0], "a&b=c");
    const auto bad = connection.request(http::verb::post, "/form", "a=%E0%B8",
                                        {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(bad.result(), http::status::bad_request);
}

TEST(HttpServer, ParsesCookiesAndSetsThem) {
    Router router;
    ASSERT_TRUE(router.get("/login", [](const Request& request) {
        Response response = text(http::status::ok, request.cookies.get_or("theme", "none"));
        Cookie cookie;
        cookie.name = "sid";
        cookie.value = "s3cr3t";
        cookie.max_age = std::chrono::hours(8);
        cookie.secure = true;
        cookie.same_site = SameSite::strict;
        EXPECT_TRUE(set_cookie(response, cookie));
        clear_cookie(response, "old");
        return response;
    }));
    TestServer server(std::move(router));
    auto connection = server.connect();
    const auto response = connection.get("/login", {{"Cookie", "sid=old; theme=dark"}});
    EXPECT_EQ(response.body(), "dark") << ::testing::PrintToString(server.log_lines());
    std::vector<std::string> set_cookies;
    for (const auto& field : response) {
        if (field.name() == http::field::set_cookie) set_cookies.emplace_back(field.value());
    }
    ASSERT_EQ(set_cookies.size(), 2u);
    EXPECT_EQ(set_cookies[0],
              "sid=s3cr3t; Path=/; Max-Age=28800; HttpOnly; Secure; SameSite=Strict");
    EXPECT_EQ(set_cookies[1], "old=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(HttpServer, AcceptsMultipartUploads) {
    TestServer server(echo_router());
    auto connection = server.connect();
    std::string csv = "unit,round,instrument,respondent,i1\r\n";
    while (csv.size() < 3 * 1024 * 1024) csv += "ศูนย์,2568,IIT,r1,5\r\n";  // over the default 1 MiB
    const std::string body =
        "--b0undary\r\nContent-Disposition: form-data; name=\"round\"\r\n\r\n"
        "ITA 2568\r\n"
        "--b0undary\r\nContent-Disposition: form-data; name=\"responses\"; filename=\"r.csv\"\r\n"
        "Content-Type: text/csv\r\n\r\n" +
        csv + "\r\n--b0undary--\r\n";
    const auto response =
        connection.request(http::verb::post, "/upload", body,
                           {{"Content-Type", "multipart/form-data; boundary=b0undary"}});
    ASSERT_EQ(response.result(), http::status::ok) << response.body();
    const auto out = body_json(response);
    EXPECT_EQ(out["form"]["round"][0], "ITA 2568");
    ASSERT_EQ(out["parts"].size(), 2u);
    EXPECT_EQ(out["parts"][1]["filename"], "r.csv");
    EXPECT_EQ(out["parts"][1]["type"], "text/csv");
    EXPECT_EQ(out["parts"][1]["size"], csv.size());

    const auto broken =
        connection.request(http::verb::post, "/upload", "--b0undary\r\nno headers",
                           {{"Content-Type", "multipart/form-data; boundary=b0undary"}});
    EXPECT_EQ(broken.result(), http::status::bad_request);
    const auto no_boundary = connection.request(http::verb::post, "/upload", "x",
                                                {{"Content-Type", "multipart/form-data"}});
    EXPECT_EQ(no_boundary.result(), http::status::bad_request);
}

TEST(HttpServer, BodyOverLimitIs413AndClosesTheConnection) {
    HttpServerOptions options;
    options.body_limit_bytes = 64 * 1024;
    TestServer server(echo_router(), options);
    {
        auto connection = server.connect();
        const auto response =
            connection.request(http::verb::post, "/form", std::string(64 * 1024 + 1, 'a'),
                               {{"Content-Type", "text/plain"}});
        EXPECT_EQ(response.result(), http::status::payload_too_large);
        EXPECT_EQ(response[http::field::connection], "close");
        EXPECT_TRUE(connection.closed_by_server());
    }
    {
        // Chunked: no Content-Length to check up front; the parser's limit applies.
        auto connection = server.connect();
        std::string request =
            "POST /form HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 20; ++i) request += "1000\r\n" + std::string(0x1000, 'b') + "\r\n";
        request += "0\r\n\r\n";
        connection.send_raw(request);
        EXPECT_EQ(connection.read_response().result(), http::status::payload_too_large);
        EXPECT_TRUE(connection.closed_by_server());
    }
    {
        // The upload route's own limit is larger.
        auto connection = server.connect();
        const auto response =
            connection.request(http::verb::post, "/upload", std::string(256 * 1024, 'a'),
                               {{"Content-Type", "text/plain"}});
        EXPECT_EQ(response.result(), http::status::ok);
    }
}

TEST(HttpServer, OversizeHeaderIsRefused) {
    TestServer server(echo_router());
    auto connection = server.connect();
    const auto response = connection.get("/", {{"X-Padding", std::string(9 * 1024, 'p')}});
    EXPECT_EQ(response.result(), http::status::request_header_fields_too_large);
    EXPECT_TRUE(connection.closed_by_server());
}

TEST(HttpServer, MalformedRequestIs400) {
    TestServer server(echo_router());
    auto connection = server.connect();
    connection.send_raw("GARBAGE\r\n\r\n");
    EXPECT_EQ(connection.read_response().result(), http::status::bad_request);
    auto absolute = server.connect();
    absolute.send_raw("GET http://example.com/ HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(absolute.read_response().result(), http::status::bad_request);
}

// Tests whose assertions are wall-clock bounds are in the suite HttpServerTiming
// (CTest label "timing": a loaded machine can break them); every other test
// orders its threads with promises and fails by assertion or by its timeout.
TEST(HttpServerTiming, SlowClientIsTimedOut) {
    HttpServerOptions options;
    options.read_timeout = 300ms;
    TestServer server(echo_router(), options);
    auto connection = server.connect();
    const auto started = std::chrono::steady_clock::now();
    connection.send_raw("GET / HTTP/1.1\r\nHost: x\r\n");  // and never the blank line
    std::this_thread::sleep_for(100ms);
    connection.send_raw("X-Drip: 1\r\n");
    EXPECT_TRUE(connection.closed_by_server());
    const auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_GE(elapsed, 250ms);
    EXPECT_LT(elapsed, 3s);
}

TEST(HttpServer, IdleKeepAliveConnectionIsClosed) {
    HttpServerOptions options;
    options.keep_alive_timeout = 200ms;
    TestServer server(echo_router(), options);
    auto connection = server.connect();
    EXPECT_EQ(connection.get("/").result(), http::status::ok);
    EXPECT_TRUE(connection.closed_by_server());
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
    TestServer server(echo_router());
    auto connection = server.connect();
    for (int i = 0; i < 5; ++i) {
        const auto response = connection.get("/api/units/" + std::to_string(i));
        ASSERT_FALSE(connection.last_error) << i;
        EXPECT_EQ(body_json(response)["params"]["id"], std::to_string(i));
        EXPECT_TRUE(response.keep_alive());
    }
    // Two pipelined requests in one write.
    connection.send_raw(
        "GET /api/units/a HTTP/1.1\r\nHost: x\r\n\r\nGET /api/units/b HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(body_json(connection.read_response())["params"]["id"], "a");
    EXPECT_EQ(body_json(connection.read_response())["params"]["id"], "b");
    // Connection: close is honoured.
    const auto last = connection.get("/", {{"Connection", "close"}});
    EXPECT_FALSE(last.keep_alive());
    EXPECT_TRUE(connection.closed_by_server());
}

TEST(HttpServer, HandlerExceptionIs500AndServingGoesOn) {
    Router router;
    ASSERT_TRUE(router.get("/boom", [](const Request&) -> Response {
        throw std::runtime_error("database is on fire");
    }));
    ASSERT_TRUE(router.get("/odd", [](const Request&) -> Response { throw 42; }));
    ASSERT_TRUE(router.get("/fine", [](const Request&) { return text(http::status::ok, "fine"); }));
    TestServer server(std::move(router));
    auto connection = server.connect();
    const auto boom = connection.get("/boom?secret=1");
    EXPECT_EQ(boom.result(), http::status::internal_server_error);
    EXPECT_EQ(boom.body().find("fire"), std::string::npos);  // no internals to the client
    EXPECT_EQ(connection.get("/odd").result(), http::status::internal_server_error);
    EXPECT_EQ(connection.get("/fine").body(), "fine");
    auto other = server.connect();
    EXPECT_EQ(other.get("/fine").body(), "fine");
    const auto lines = server.wait_for_log_lines(6);
    bool logged = false;
    for (const auto& line : lines) {
        if (line.find("database is on fire") != std::string::npos) {
            logged = true;
            EXPECT_EQ(line.find("secret"), std::string::npos) << line;
        }
    }
    EXPECT_TRUE(logged);
}

TEST(HttpServer, GracefulStopLetsAnInFlightRequestFinish) {
    std::promise<void> entered;
    std::atomic<bool> finished{false};
    Router router;
    ASSERT_TRUE(router.post("/commit", [&](const Request&) {
        entered.set_value();
        std::this_thread::sleep_for(500ms);  // a slow database commit
        finished = true;
        return text(http::status::ok, "committed");
    }));
    TestServer server(std::move(router));
    auto idle = server.connect();  // connected, no request: closed at once on stop
    auto busy = server.connect();
    busy.send_raw("POST /commit HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    entered.get_future().wait();

    server.server().stop();  // a stop() that never returns fails by the test's timeout
    EXPECT_TRUE(finished);

    const auto response = busy.read_response();
    ASSERT_FALSE(busy.last_error) << busy.last_error.message();
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(response.body(), "committed");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(idle.closed_by_server());
    // No longer accepting.
    EXPECT_ANY_THROW(TestConnection late(server.port()));
}

// The handler stays stuck until the test lets it go, after stop() returned:
// a stop() that waited for it past the grace period would never return. The
// watchdog lets the handler go after 30 s so that such a stop() fails the
// test by assertion instead of hanging it.
TEST(HttpServer, StopIsBoundedByTheGracePeriod) {
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> finished{false};
    Router router;
    ASSERT_TRUE(router.get("/stuck", [&](const Request&) {
        entered.set_value();
        released.wait();
        finished = true;
        return text(http::status::ok, "late");
    }));
    HttpServerOptions options;
    options.shutdown_grace = 200ms;
    TestServer server(std::move(router), options);
    auto connection = server.connect();
    connection.send_raw("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
    entered.get_future().wait();

    std::promise<void> stopped;
    std::once_flag released_once;
    auto let_go = [&] { std::call_once(released_once, [&] { release.set_value(); }); };
    std::thread watchdog([&, stopped_future = stopped.get_future()] {
        if (stopped_future.wait_for(30s) == std::future_status::timeout) let_go();
    });
    server.server().stop();
    EXPECT_FALSE(finished) << "stop() waited for the stuck handler";
    stopped.set_value();
    watchdog.join();
    let_go();  // the server's destructor joins the handler's thread
}

// request_stop() wakes wait() and nothing more: the server serves on until
// stop(), which closes the listener.
TEST(HttpServer, RequestStopWakesWait) {
    TestServer server(echo_router());
    std::atomic<bool> requested{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(50ms);  // most likely after wait() began; either order passes
        requested = true;
        server.server().request_stop();
    });
    server.server().wait();
    EXPECT_TRUE(requested) << "wait() returned before request_stop()";
    stopper.join();
    auto connection = server.connect();
    EXPECT_EQ(connection.get("/").result(), http::status::ok);
    server.server().stop();
    server.server().stop();  // idempotent
    EXPECT_ANY_THROW(TestConnection late(server.port()));
}

TEST(HttpServer, SigtermRequestsStop) {
    TestServer server(echo_router());
    server.server().stop_on_signals();
    std::raise(SIGTERM);     // the default action would end the test program
    server.server().wait();  // returns only because the signal was handled
    auto connection = server.connect();
    EXPECT_EQ(connection.get("/").result(), http::status::ok);  // a request, not a stop
    server.server().stop();
    EXPECT_ANY_THROW(TestConnection late(server.port()));
}

TEST(HttpServer, AnswersExpectContinue) {
    TestServer server(echo_router());
    auto connection = server.connect();
    connection.send_raw(
        "POST /form HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\n");
    EXPECT_EQ(connection.read_response().result(), http::status::continue_);
    connection.send_raw("a=1");
    const auto response = connection.read_response();
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(body_json(response)["form"]["a"][0], "1");
}

TEST(HttpServer, SecurityHeadersOnEveryResponse) {
    TestServer server(echo_router());
    auto connection = server.connect();
    for (const auto& target : {"/", "/nowhere", "/api/units/1?q=%zz"}) {
        const auto response = connection.get(target);
        EXPECT_EQ(response["Content-Security-Policy"], kContentSecurityPolicy) << target;
        EXPECT_NE(response["Content-Security-Policy"].find("style-src 'self'"), std::string::npos);
        EXPECT_EQ(response["Content-Security-Policy"].find("unsafe-inline"), std::string::npos);
        EXPECT_EQ(response["X-Content-Type-Options"], "nosniff") << target;
        EXPECT_EQ(response["Referrer-Policy"], "no-referrer") << target;
        EXPECT_EQ(response["X-Frame-Options"], "DENY") << target;
    }
    const auto too_big = connection.get("/", {{"X-Padding", std::string(9 * 1024, 'p')}});
    EXPECT_EQ(too_big["X-Frame-Options"], "DENY");
}

class HttpStaticFiles : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = std::filesystem::temp_directory_path() /
                ("itagap-static-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(root_ / "static" / "img");
        std::ofstream(root_ / "static" / "app.css") << "body{}";
        std::ofstream(root_ / "static" / "img" / "logo.svg") << "<svg/>";
        std::ofstream(root_ / "secret.txt") << "top secret";
        std::error_code ec;
        std::filesystem::create_symlink(root_ / "secret.txt", root_ / "static" / "link.txt", ec);
    }
    void TearDown() override { std::filesystem::remove_all(root_); }

    std::filesystem::path root_;
};

TEST_F(HttpStaticFiles, ServesFilesWithTypesAndCaching) {
    Router router;
    ASSERT_TRUE(router.get("/static/{file*}", static_files(root_ / "static")));
    TestServer server(std::move(router));
    auto connection = server.connect();
    const auto css = connection.get("/static/app.css");
    EXPECT_EQ(css.result(), http::status::ok);
    EXPECT_EQ(css.body(), "body{}");
    EXPECT_EQ(css[http::field::content_type], "text/css; charset=utf-8");
    EXPECT_EQ(css[http::field::cache_control], "public, max-age=3600");
    EXPECT_EQ(css["X-Content-Type-Options"], "nosniff");
    const auto svg = connection.get("/static/img/logo.svg");
    EXPECT_EQ(svg.result(), http::status::ok);
    EXPECT_EQ(svg[http::field::content_type], "image/svg+xml; charset=utf-8");
    EXPECT_EQ(connection.get("/static/missing.css").result(), http::status::not_found);
    EXPECT_EQ(connection.get("/static/img").result(), http::status::not_found);  // a directory
}

TEST_F(HttpStaticFiles, RefusesTraversal) {
    Router router;
    ASSERT_TRUE(router.get("/static/{file*}", static_files(root_ / "static")));
    TestServer server(std::move(router));
    for (const char* target :
         {"/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E%2Fsecret.txt",
          "/static/..%2fsecret.txt", "/static/img%2F..%2F..%2Fsecret.txt", "/static/./app.css",
          "/static//etc/passwd", "/static/%2Fetc%2Fpasswd", "/static/app.css%00.png",
          "/static/..%5Csecret.txt", "/static/link.txt", "/static/../CMakeLists.txt"}) {
        auto connection = server.connect();
        const auto response = connection.get(target);
        EXPECT_TRUE(response.result() == http::status::not_found ||
                    response.result() == http::status::bad_request)
            << target << " -> " << response.result_int();
        EXPECT_EQ(response.body().find("top secret"), std::string::npos) << target;
    }
}

TEST(HttpAccessLogging, OneLinePerRequestWithoutQueryOrSurveyAddress) {
    TestServer server(echo_router());
    auto connection = server.connect();
    connection.get("/api/units/9?token=abc&name=x");
    connection.request(
        http::verb::post, "/s/2568/unit-1?respondent=qzx", "i1=5",
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "sid=cookie-value"}});
    connection.get("/nowhere?q=1");
    const auto lines = server.wait_for_log_lines(3);
    ASSERT_EQ(lines.size(), 3u) << ::testing::PrintToString(lines);
    EXPECT_TRUE(lines[0].starts_with("GET /api/units/9 200 ")) << lines[0];
    EXPECT_TRUE(lines[0].ends_with("ms 127.0.0.1")) << lines[0];
    EXPECT_TRUE(lines[1].starts_with("POST /s/2568/unit-1 200 ")) << lines[1];
    EXPECT_TRUE(lines[2].starts_with("GET /nowhere 404 ")) << lines[2];
    for (const auto& line : lines) {
        for (const char* secret :
             {"token", "abc", "respondent", "qzx", "i1=5", "cookie-value", "?"}) {
            EXPECT_EQ(line.find(secret), std::string::npos) << line;
        }
    }
    EXPECT_EQ(lines[1].find("127.0.0.1"), std::string::npos) << lines[1];
}

TEST(HttpServer, StartReportsBindErrors) {
    TestServer first(echo_router());
    HttpServerOptions options;
    options.port = first.port();
    HttpServer second(options, echo_router());
    // SO_REUSEADDR does not allow two listeners on one port.
    EXPECT_TRUE(second.start());
    HttpServerOptions bad;
    bad.address = "not an address";
    HttpServer third(bad, echo_router());
    EXPECT_TRUE(third.start());
}

}  // namespace
}  // namespace itagap::web
