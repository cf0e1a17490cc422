#include "web/http/server.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <future>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/thread_annotations.hpp"
#include "web/http/multipart.hpp"
#include "web/http/url_decoding.hpp"

namespace itagap::web {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using Clock = std::chrono::steady_clock;
using Message = http::request<http::string_body>;

// After refusing a request whose body was not read (413), the server keeps
// reading and discarding for a while before closing: closing a socket with
// unread data sends a reset, which can destroy the response before the client
// has read it.
constexpr std::size_t kLingerMaxBytes = std::size_t{8} * 1024 * 1024;
constexpr std::chrono::seconds kLingerTime{2};
// How long a connection that is waiting for a request when the server stops
// is given to deliver one: a client that sent its request just before the
// stop (a respondent pressing "send") has its bytes there within
// milliseconds; a keep-alive connection with nothing to send is closed then.
constexpr std::chrono::milliseconds kStopReadGrace{250};
// How long stop() waits for closed connections to wind down.
constexpr std::chrono::seconds kCloseWait{1};

bool is_http_parse_error(const error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_method).category();
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

// Turns the message into the handler's Request; nullopt when the query, the
// form body or the multipart body cannot be decoded (400).
std::optional<Request> build_request(Message&& message, Params path_params,
                                     const std::string& remote_address) {
    Request request;
    request.method = message.method();
    request.target = std::string(message.target());
    request.path = std::string(path_of(request.target));
    request.path_params = std::move(path_params);
    request.remote_address = remote_address;

    const std::size_t question = request.target.find('?');
    if (question != std::string::npos) {
        auto query = parse_urlencoded(std::string_view(request.target).substr(question + 1));
        if (!query) return std::nullopt;
        request.query = std::move(*query);
    }
    for (const auto& field : message) {
        request.headers.insert(field.name_string(), field.value());
        if (field.name() == http::field::cookie) {
            const Params cookies = parse_cookie_header(field.value());
            for (const auto& [name, value] : cookies.entries()) request.cookies.add(name, value);
        }
    }
    request.body = std::move(message.body());

    const std::string_view content_type = request.header("Content-Type");
    const std::string_view media_type = content_type.substr(0, content_type.find(';'));
    if (beast::iequals(media_type, "application/x-www-form-urlencoded")) {
        auto form = parse_urlencoded(request.body);
        if (!form) return std::nullopt;
        request.form = std::move(*form);
    } else if (auto boundary = multipart_boundary(content_type)) {
        auto parts = parse_multipart(request.body, *boundary);
        if (!parts) return std::nullopt;
        request.parts = std::move(parts.value());
        for (const auto& part : request.parts) {
            if (part.filename) continue;
            if (!is_valid_utf8(part.data)) return std::nullopt;
            request.form.add(part.name, part.data);
        }
    } else if (beast::iequals(media_type.substr(0, 10), "multipart/")) {
        return std::nullopt;
    }
    return request;
}

}  // namespace

class Session;

class HttpServer::Impl {
public:
    Impl(HttpServerOptions options, Router router, LogSink log);
    ~Impl();

    error_code start();
    void stop();
    void request_stop();
    void wait();
    void stop_on_signals();
    std::uint16_t port() const { return port_; }

    // Called by sessions.
    const HttpServerOptions& options() const { return options_; }
    const Router& router() const { return router_; }
    std::size_t largest_body_limit() const { return largest_body_limit_; }
    bool stopping() const { return stopping_.load(); }
    void log(std::string_view line) const {
        if (log_) log_(line);
    }
    void add_session(Session* session, std::weak_ptr<Session> weak);
    void remove_session(Session* session);
    void request_started();
    void request_finished();
    void run_on_worker(std::function<void()> job) { net::post(workers_, std::move(job)); }
    // Runs the route's handler; never throws.
    Response handle(const RouteMatch& match, Message&& message, const std::string& remote);

private:
    void accept();
    template <typename F>
    void for_each_session(F f);

    HttpServerOptions options_;
    const Router router_;
    LogSink log_;
    std::size_t largest_body_limit_;

    core::Mutex mutex_;
    core::CondVar changed_;  // any of the state below changed
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions_ GUARDED_BY(mutex_);
    std::size_t in_flight_ GUARDED_BY(mutex_) = 0;
    bool stop_requested_ GUARDED_BY(mutex_) = false;
    bool started_ GUARDED_BY(mutex_) = false;
    bool stopped_ GUARDED_BY(mutex_) = false;
    std::atomic<bool> stopping_{false};

    // Declared after the state above: destroying the io_context destroys the
    // sessions still queued in it, and they unregister themselves.
    net::io_context ioc_;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
    tcp::acceptor acceptor_;
    net::steady_timer accept_retry_;
    std::optional<net::signal_set> signals_;
    std::vector<std::thread> io_threads_;
    std::uint16_t port_ = 0;
    // Declared last, so it is joined (explicitly, in ~Impl) while the
    // io_context still exists: a queued job may hold the last session.
    net::thread_pool workers_;
};

// One connection. Everything but the handler runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(HttpServer::Impl& server, tcp::socket socket)
        : server_(server), stream_(std::move(socket)), stop_timer_(stream_.get_executor()) {
        error_code ec;
        const auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ = endpoint.address().to_string();
    }

    ~Session() {
        finish_request();
        server_.remove_session(this);
    }

    void start() {
        server_.add_session(this, weak_from_this());
        // Accepted while stopping (from the listen backlog): counted as in
        // flight at once, so stop() waits for its request.
        if (server_.stopping()) hold_for_stop();
        net::dispatch(stream_.get_executor(),
                      [self = shared_from_this()] { self->wait_for_request(); });
    }

    net::any_io_executor executor() { return stream_.get_executor(); }

    // On the strand: a connection waiting for its next request gets
    // kStopReadGrace to deliver one, counted as in flight meanwhile, and is
    // closed if nothing comes; one in the middle of a request finishes it.
    // Either way it is closed after its response (see send()).
    void on_server_stopping() {
        if (state_ != State::idle || in_flight_) return;
        hold_for_stop();
        // The pending read keeps the timeout it started with (tcp_stream
        // does not change a pending operation's), so a timer of its own.
        stop_timer_.expires_after(kStopReadGrace);
        stop_timer_.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec && self->state_ == State::idle) self->close();
        });
    }

    void close() {
        if (state_ == State::closed) return;
        state_ = State::closed;
        stop_timer_.cancel();
        error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
        finish_request();
    }

private:
    enum class State { idle, reading, handling, writing, lingering, closed };

    void hold_for_stop() {
        if (in_flight_) return;
        in_flight_ = true;
        server_.request_started();
    }

    void wait_for_request() {
        // After a response while stopping (no hold): close. Held by
        // on_server_stopping() or start(): read the request that may come.
        if (server_.stopping() && !in_flight_) return close();
        state_ = State::idle;
        if (buffer_.size() > 0) return begin_request();  // a pipelined request
        stream_.expires_after(in_flight_ ? kStopReadGrace : server_.options().keep_alive_timeout);
        stream_.async_read_some(buffer_.prepare(4096),
                                [self = shared_from_this()](error_code ec, std::size_t n) {
                                    self->on_first_bytes(ec, n);
                                });
    }

    void on_first_bytes(error_code ec, std::size_t n) {
        if (ec || state_ == State::closed) return close();
        buffer_.commit(n);
        begin_request();
    }

    void begin_request() {
        state_ = State::reading;
        started_ = Clock::now();
        hold_for_stop();  // counts the request, unless the stop already did
        method_ = "-";
        target_ = "-";
        head_ = false;
        pending_.reset();

        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options().header_limit_bytes));
        parser_->body_limit(server_.largest_body_limit());
        stream_.expires_after(server_.options().read_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
    }

    void on_header(error_code ec) {
        if (state_ == State::closed) return;
        if (ec == http::error::header_limit) {
            return refuse(http::status::request_header_fields_too_large);
        }
        if (ec == http::error::body_limit) return refuse(http::status::payload_too_large);
        if (ec && is_http_parse_error(ec) && ec != http::error::end_of_stream &&
            ec != http::error::partial_message) {
            return refuse(http::status::bad_request);
        }
        if (ec) return close();  // timeout, reset, end of stream

        const auto& header = parser_->get();
        method_ = std::string(header.method_string());
        target_ = std::string(header.target());
        head_ = header.method() == http::verb::head;

        if (target_.empty() || target_.front() != '/') return refuse(http::status::bad_request);
        match_ = server_.router().match(header.method(), path_of(target_));
        std::size_t limit = server_.options().body_limit_bytes;
        switch (match_.outcome) {
            case RouteMatch::Outcome::found:
                limit = match_.route->options.body_limit_bytes.value_or(limit);
                break;
            case RouteMatch::Outcome::not_found:
                pending_ = error_response(http::status::not_found);
                break;
            case RouteMatch::Outcome::method_not_allowed:
                pending_ = error_response(http::status::method_not_allowed);
                pending_->headers.set(http::field::allow, match_.allow);
                break;
            case RouteMatch::Outcome::bad_path:
                pending_ = error_response(http::status::bad_request);
                break;
        }
        const auto length = parser_->content_length();
        if (length && *length > limit) return refuse(http::status::payload_too_large);
        parser_->body_limit(limit);

        if (parser_->is_done()) return on_body({});
        stream_.expires_after(server_.options().body_timeout);
        if (beast::iequals(header[http::field::expect], "100-continue")) {
            continue_ = {http::status::continue_, header.version()};
            http::async_write(stream_, continue_,
                              [self = shared_from_this()](error_code ec, std::size_t) {
                                  if (ec) return self->close();
                                  self->read_body();
                              });
            return;
        }
        read_body();
    }

    void read_body() {
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](error_code ec, std::size_t) { self->on_body(ec); });
    }

    void on_body(error_code ec) {
        if (state_ == State::closed) return;
        if (ec == http::error::body_limit) return refuse(http::status::payload_too_large);
        if (ec && is_http_parse_error(ec) && ec != http::error::end_of_stream &&
            ec != http::error::partial_message) {
            return refuse(http::status::bad_request);
        }
        if (ec) return close();

        stream_.expires_never();
        const bool keep_alive = parser_->get().keep_alive();
        if (pending_) {
            Response response = std::move(*pending_);
            pending_.reset();
            return send(std::move(response), !keep_alive);
        }
        state_ = State::handling;
        server_.run_on_worker(
            [self = shared_from_this(), message = parser_->release(), keep_alive]() mutable {
                Response response =
                    self->server_.handle(self->match_, std::move(message), self->remote_);
                net::post(self->executor(),
                          [self, keep_alive, response = std::move(response)]() mutable {
                              self->send(std::move(response), !keep_alive);
                          });
            });
    }

    // Answers with an error status and closes the connection: the rest of
    // the request was not (or could not be) read.
    void refuse(http::status status) {
        linger_ = true;
        send(error_response(status), true);
    }

    void send(Response response, bool close_after) {
        if (state_ == State::closed) return;
        state_ = State::writing;
        close_after_ = close_after || server_.stopping();

        response_ = {};
        response_.version(11);
        response_.result(response.status);
        for (const auto& field : response.headers) {
            response_.insert(field.name_string(), field.value());
        }
        add_security_headers(response_.base());
        response_.body() = std::move(response.body);
        response_.prepare_payload();
        // HEAD: the headers of the GET response, Content-Length included.
        if (head_) response_.body().clear();
        response_.keep_alive(!close_after_);

        stream_.expires_after(server_.options().write_timeout);
        http::async_write(
            stream_, response_,
            [self = shared_from_this()](error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(error_code ec) {
        const auto elapsed = std::chrono::duration<double, std::milli>(Clock::now() - started_);
        server_.log(format_access_log_line(
            {method_, target_, response_.result_int(), elapsed.count(), remote_}));
        finish_request();
        if (state_ == State::closed) return;
        if (ec) return close();
        if (close_after_) {
            if (linger_) return linger();
            return close();
        }
        wait_for_request();
    }

    void linger() {
        state_ = State::lingering;
        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(kLingerTime);
        discard();
    }

    void discard() {
        stream_.async_read_some(net::buffer(discard_buffer_),
                                [self = shared_from_this()](error_code ec, std::size_t n) {
                                    self->discarded_ += n;
                                    if (ec || self->discarded_ > kLingerMaxBytes) {
                                        return self->close();
                                    }
                                    self->discard();
                                });
    }

    void finish_request() {
        if (!in_flight_) return;
        in_flight_ = false;
        server_.request_finished();
    }

    HttpServer::Impl& server_;
    beast::tcp_stream stream_;
    net::steady_timer stop_timer_;  // on_server_stopping()'s grace for an idle connection
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::empty_body> continue_;
    http::response<http::string_body> response_;
    RouteMatch match_;
    std::optional<Response> pending_;  // an answer decided before the body was read
    State state_ = State::idle;
    bool in_flight_ = false;
    bool close_after_ = false;
    bool linger_ = false;
    bool head_ = false;
    std::string remote_;
    std::string method_;
    std::string target_;
    Clock::time_point started_;
    std::array<char, std::size_t{16} * 1024> discard_buffer_;
    std::size_t discarded_ = 0;
};

HttpServer::Impl::Impl(HttpServerOptions options, Router router, LogSink log)
    : options_(std::move(options)),
      router_(std::move(router)),
      log_(std::move(log)),
      acceptor_(net::make_strand(ioc_)),
      accept_retry_(acceptor_.get_executor()),
      workers_(static_cast<std::size_t>(std::max(1, options_.worker_threads))) {
    largest_body_limit_ = options_.body_limit_bytes;
    for (const Route& route : router_.routes()) {
        largest_body_limit_ =
            std::max(largest_body_limit_, route.options.body_limit_bytes.value_or(0));
    }
}

HttpServer::Impl::~Impl() {
    stop();
    workers_.join();
}

error_code HttpServer::Impl::start() {
    {
        core::MutexLock lock(mutex_);
        if (started_) return net::error::already_started;
    }
    error_code ec;
    const auto address = net::ip::make_address(options_.address, ec);
    if (ec) return ec;
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (!ec) port_ = acceptor_.local_endpoint(ec).port();
    if (ec) {
        error_code ignored;
        acceptor_.close(ignored);
        return ec;
    }
    {
        core::MutexLock lock(mutex_);
        started_ = true;
    }
    work_.emplace(ioc_.get_executor());
    net::dispatch(acceptor_.get_executor(), [this] { accept(); });
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
        io_threads_.emplace_back([this] { ioc_.run(); });
    }
    return {};
}

void HttpServer::Impl::accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (ec) {
            // Out of file descriptors, say: try again shortly instead of spinning.
            log(fmt::format("accept failed: {}", ec.message()));
            accept_retry_.expires_after(std::chrono::milliseconds(100));
            accept_retry_.async_wait([this](error_code wait_ec) {
                if (!wait_ec) accept();
            });
            return;
        }
        std::make_shared<Session>(*this, std::move(socket))->start();
        accept();
    });
}

void HttpServer::Impl::stop_on_signals() {
    // Installed before returning, so a signal right after this call is
    // already handled. The handler runs on the acceptor's strand, where
    // stop() later cancels it.
    signals_.emplace(acceptor_.get_executor(), SIGINT, SIGTERM);
    signals_->async_wait([this](error_code ec, int) {
        if (!ec) request_stop();
    });
}

void HttpServer::Impl::request_stop() {
    {
        core::MutexLock lock(mutex_);
        stop_requested_ = true;
    }
    changed_.notify_all();
}

void HttpServer::Impl::wait() {
    core::MutexLock lock(mutex_);
    while (!stop_requested_) changed_.wait(mutex_);
}

template <typename F>
void HttpServer::Impl::for_each_session(F f) {
    std::vector<std::shared_ptr<Session>> live;
    {
        core::MutexLock lock(mutex_);
        for (const auto& [unused, weak] : sessions_) {
            if (auto session = weak.lock()) live.push_back(std::move(session));
        }
    }
    for (auto& session : live) f(session);
}

void HttpServer::Impl::stop() {
    {
        core::MutexLock lock(mutex_);
        if (!started_ || stopped_) return;
        stopped_ = true;
        stop_requested_ = true;
    }
    changed_.notify_all();
    // Sessions read this flag before waiting for another request; set it
    // before visiting them so that a session registering now sees it.
    stopping_ = true;

    // Connections the kernel has accepted but we have not (the listen
    // backlog) are taken as sessions before the acceptor closes, instead of
    // being reset with it: their clients may have sent a request already.
    auto closed = std::make_shared<std::promise<void>>();
    auto acceptor_closed = closed->get_future();
    net::post(acceptor_.get_executor(), [this, closed] {
        error_code ignored;
        acceptor_.cancel(ignored);
        acceptor_.non_blocking(true, ignored);
        for (;;) {
            tcp::socket socket(net::make_strand(ioc_));
            error_code ec;
            acceptor_.accept(socket, ec);
            if (ec) break;  // would_block: the backlog is empty
            std::make_shared<Session>(*this, std::move(socket))->start();
        }
        acceptor_.close(ignored);
        accept_retry_.cancel();
        if (signals_) signals_->cancel(ignored);
        closed->set_value();
    });
    (void)acceptor_closed.wait_for(kCloseWait);
    // Every session learns of the stop before the wait for requests in
    // flight starts, since on_server_stopping() may add one.
    std::vector<std::shared_ptr<Session>> live;
    for_each_session([&live](const std::shared_ptr<Session>& session) { live.push_back(session); });
    auto visits_left = std::make_shared<std::atomic<std::size_t>>(live.size());
    for (auto& session : live) {
        net::post(session->executor(), [this, session, visits_left] {
            session->on_server_stopping();
            if (--*visits_left == 0) {
                core::MutexLock lock(mutex_);  // so the waiter cannot miss the notification
                changed_.notify_all();
            }
        });
    }
    live.clear();
    {
        core::MutexLock lock(mutex_);
        const auto visited_by = Clock::now() + kCloseWait;
        while (*visits_left != 0 && changed_.wait_until(mutex_, visited_by)) {
        }
        const auto finished_by = Clock::now() + options_.shutdown_grace;
        while (in_flight_ != 0 && changed_.wait_until(mutex_, finished_by)) {
        }
    }
    for_each_session([](const std::shared_ptr<Session>& session) {
        net::post(session->executor(), [session] { session->close(); });
    });
    {
        core::MutexLock lock(mutex_);
        const auto closed_by = Clock::now() + kCloseWait;
        while (!sessions_.empty() && changed_.wait_until(mutex_, closed_by)) {
        }
    }
    work_.reset();
    ioc_.stop();
    for (auto& thread : io_threads_) thread.join();
    io_threads_.clear();
}

void HttpServer::Impl::add_session(Session* session, std::weak_ptr<Session> weak) {
    core::MutexLock lock(mutex_);
    sessions_.emplace(session, std::move(weak));
}

void HttpServer::Impl::remove_session(Session* session) {
    {
        core::MutexLock lock(mutex_);
        sessions_.erase(session);
    }
    changed_.notify_all();
}

void HttpServer::Impl::request_started() {
    core::MutexLock lock(mutex_);
    ++in_flight_;
}

void HttpServer::Impl::request_finished() {
    {
        core::MutexLock lock(mutex_);
        --in_flight_;
    }
    changed_.notify_all();
}

Response HttpServer::Impl::handle(const RouteMatch& match, Message&& message,
                                  const std::string& remote) {
    const std::string method(message.method_string());
    const std::string path(path_of(message.target()));
    try {
        auto request = build_request(std::move(message), match.path_params, remote);
        if (!request) return error_response(http::status::bad_request);
        return match.route->handler(*request);
    } catch (const std::exception& e) {
        log(fmt::format("error: {} {}: handler threw: {}", method, path, e.what()));
    } catch (...) {
        log(fmt::format("error: {} {}: handler threw a non-standard exception", method, path));
    }
    return error_response(http::status::internal_server_error);
}

HttpServer::HttpServer(HttpServerOptions options, Router router, LogSink log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), std::move(log))) {}

HttpServer::~HttpServer() = default;

boost::system::error_code HttpServer::start() { return impl_->start(); }
std::uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::stop_on_signals() { impl_->stop_on_signals(); }
void HttpServer::request_stop() { impl_->request_stop(); }
void HttpServer::wait() { impl_->wait(); }
void HttpServer::stop() { impl_->stop(); }

}  // namespace itagap::web
