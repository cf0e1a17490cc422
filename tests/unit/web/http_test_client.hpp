// A small blocking HTTP client over Beast for the server tests, and a fixture
// that runs an HttpServer on 127.0.0.1 with a system-chosen port.
#pragma once

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/thread_annotations.hpp"
#include "web/http/server.hpp"

namespace itagap::web::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using ClientResponse = http::response<http::string_body>;

// One TCP connection. Every blocking call gives up after `timeout` (the
// socket's SO_RCVTIMEO/SO_SNDTIMEO), so a broken server fails a test instead
// of hanging it.
class TestConnection {
public:
    explicit TestConnection(std::uint16_t port,
                            std::chrono::milliseconds timeout = std::chrono::seconds(5))
        : socket_(ioc_) {
        socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        set_timeout(timeout);
    }

    void set_timeout(std::chrono::milliseconds timeout) {
        timeval tv{};
        tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
        tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
        ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }

    ClientResponse request(http::verb method, const std::string& target, std::string body = "",
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        for (auto& [name, value] : headers) req.set(name, value);
        req.body() = std::move(body);
        req.prepare_payload();
        http::write(socket_, req);
        return read_response(method == http::verb::head);
    }

    ClientResponse get(const std::string& target,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
        return request(http::verb::get, target, "", std::move(headers));
    }

    // Sends bytes as they are, for requests a well-behaved client would not send.
    boost::system::error_code send_raw(std::string_view bytes) {
        boost::system::error_code ec;
        net::write(socket_, net::buffer(bytes.data(), bytes.size()), ec);
        return ec;
    }

    ClientResponse read_response(bool head = false) {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        parser.skip(head);
        boost::system::error_code ec;
        http::read(socket_, buffer_, parser, ec);
        if (ec) {
            last_error = ec;
            return ClientResponse{};  // result 200 with no fields: tests check last_error
        }
        last_error = {};
        return parser.release();
    }

    // True when the server has closed the connection: a read returns end of
    // stream or a reset rather than data or the timeout.
    bool closed_by_server() {
        if (buffer_.size() > 0) return false;
        char byte;
        boost::system::error_code ec;
        socket_.read_some(net::buffer(&byte, 1), ec);
        return ec == net::error::eof || ec == net::error::connection_reset;
    }

    boost::system::error_code last_error;

private:
    net::io_context ioc_;
    tcp::socket socket_;
    beast::flat_buffer buffer_;
};

// An HttpServer on 127.0.0.1:0 whose log lines are kept for inspection.
class TestServer {
public:
    explicit TestServer(Router router, HttpServerOptions options = {}) {
        options.address = "127.0.0.1";
        options.port = 0;
        server_ = std::make_unique<HttpServer>(std::move(options), std::move(router),
                                               [this](std::string_view line) {
                                                   core::MutexLock lock(mutex_);
                                                   lines_.emplace_back(line);
                                                   logged_.notify_all();
                                               });
        start_error = server_->start();
    }

    std::uint16_t port() const { return server_->port(); }
    HttpServer& server() { return *server_; }
    TestConnection connect() { return TestConnection(port()); }

    std::vector<std::string> log_lines() {
        core::MutexLock lock(mutex_);
        return lines_;
    }

    // The log lines once there are at least `count` of them (a line is
    // written after its response, so it may trail the client by a moment);
    // what there is after 5 s, for the test's assertions to report.
    std::vector<std::string> wait_for_log_lines(std::size_t count) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        core::MutexLock lock(mutex_);
        while (lines_.size() < count && logged_.wait_until(mutex_, deadline)) {
        }
        return lines_;
    }

    boost::system::error_code start_error;

private:
    core::Mutex mutex_;
    core::CondVar logged_;
    std::vector<std::string> lines_ GUARDED_BY(mutex_);
    std::unique_ptr<HttpServer> server_;  // last: stopped before the log goes away
};

}  // namespace itagap::web::testing
