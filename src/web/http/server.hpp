// The HTTP/1.1 server the survey pages, admin pages and JSON API run on.
//
// Boost.Beast over Boost.Asio. I/O threads read and write; handlers run on a
// separate pool of worker threads because they may block (a database commit),
// and their responses are posted back to the connection's strand.
//
//   Router router;  ... add routes ...
//   HttpServer server(options, std::move(router));
//   if (auto ec = server.start()) { ...report ec... }
//   server.stop_on_signals();   // SIGINT, SIGTERM
//   server.wait();              // until a signal or request_stop()
//   server.stop();              // graceful
//
// Limits: headers (431), bodies per route (413; the connection is then
// closed), a deadline for reading each request (slowloris), an idle deadline
// between keep-alive requests. Every response carries the security headers of
// add_security_headers(); one access log line is written per response.
#pragma once

#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "web/http/access_log.hpp"
#include "web/http/router.hpp"

namespace itagap::web {

struct HttpServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: the system picks a free port; see HttpServer::port()
    int io_threads = 2;
    int worker_threads = 4;  // handlers run here
    std::size_t header_limit_bytes = std::size_t{8} * 1024;
    std::size_t body_limit_bytes = std::size_t{1024} * 1024;  // RouteOptions may override
    // From the first byte of a request to its last header line.
    std::chrono::milliseconds read_timeout{15'000};
    // For the body, once the headers are in (uploads need longer).
    std::chrono::milliseconds body_timeout{60'000};
    // Writing one response.
    std::chrono::milliseconds write_timeout{30'000};
    // Waiting for the next request on a kept-alive connection (and for the
    // first request of a new connection).
    std::chrono::milliseconds keep_alive_timeout{30'000};
    // How long stop() lets requests in progress finish.
    std::chrono::milliseconds shutdown_grace{10'000};
};

class HttpServer {
public:
    HttpServer(HttpServerOptions options, Router router, LogSink log = stderr_log_sink());
    // Calls stop(), then waits for any handler still running.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts the threads. An error (address in use, bad
    // address) is returned and nothing is started. Call once.
    boost::system::error_code start();

    // The bound port (the one chosen by the system when the option was 0).
    // REQUIRES: start() succeeded.
    std::uint16_t port() const;

    // Installs SIGINT and SIGTERM handling that calls request_stop().
    // REQUIRES: start() succeeded.
    void stop_on_signals();

    // Wakes wait(). Non-blocking; safe from any thread, a handler, a signal
    // handler installed by stop_on_signals().
    void request_stop();

    // Blocks until request_stop() or stop() is called.
    void wait();

    // Graceful shutdown: stops accepting, closes idle connections, lets
    // requests in progress finish (at most shutdown_grace), then closes every
    // connection and joins the I/O threads. Idempotent. A handler still
    // running after the grace period is left to finish; the destructor waits
    // for it.
    // REQUIRES: not called from a handler or an I/O thread (it would wait for
    // itself); use request_stop() there.
    void stop();

    class Impl;  // opaque; public only so the connection class can name it

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace itagap::web
